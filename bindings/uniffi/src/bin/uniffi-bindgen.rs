//! `uniffi-bindgen`, pinned to the UniFFI version that `cesizen-uniffi` links.
//!
//! Used in library mode by `cargo xtask` (`uniffi-generate`) and by maturin (the Python wheel):
//! `uniffi-bindgen generate --library target/debug/libcesizen_uniffi.so --language kotlin --out-dir … \
//!  --metadata-no-deps --no-format`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
