//! `uniffi-bindgen-swift`, pinned to the UniFFI version that `cesizen-uniffi` links.
//!
//! Writes the Swift sources, the C header and a module map named for Swift Package Manager
//! (`--modulemap-filename module.modulemap`), which the generic `uniffi-bindgen generate` cannot name.

fn main() {
    uniffi::uniffi_bindgen_swift()
}
