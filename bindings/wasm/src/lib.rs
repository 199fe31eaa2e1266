//! # cesizen-wasm
//!
//! The Cesizen SDK for JavaScript: the wasm-bindgen surface behind the `@cesizen/sdk` npm package, so that the
//! Next.js front end validates exactly as the server does (same rules, same error codes), computes reports
//! locally and encrypts a journal entry before it leaves the device.
//!
//! ## Two modules
//!
//! The package is two WebAssembly modules built from this crate, one cargo feature each: `core`, the package's
//! root (`@cesizen/sdk`: what the app's pages need — [`user`], [`emotion`], [`practice`], [`stress`], the user's
//! [`crypto`], ids), and `ops` (`@cesizen/sdk/ops`, downloaded only by the pages that import it: accounts,
//! keyrings, SLA, alerting, incidents, KPIs, GDPR administration and the plan). Native builds and tests take both.
//!
//! ## What this crate is not
//!
//! It holds **no business rule**. Each exported function reads its arguments (typed DTOs generated into the
//! package's TypeScript by [`tsify`]), calls one function of an SDK crate and converts the result or the error.
//! A rule written here is a bug: it would differ from the server's.
//!
//! ## Conventions of the surface
//!
//! - Functions and fields are camelCase in JavaScript; structured arguments and results are plain objects whose
//!   TypeScript interfaces are generated from the Rust types (never `any`).
//! - Every failure is thrown as a `CesizenError` (a subclass of `Error`) whose `code` is the stable machine code
//!   of the SDK (`"validation.email.invalid"`, …); an argument of the wrong shape gives
//!   `"input.argument.invalid"`, as in the UniFFI binding. A code renamed since its release reads as the
//!   current one through `canonicalCode`.
//! - Objects holding secrets (keys) are classes with `free()`, also released by a `FinalizationRegistry` when
//!   garbage-collected; their bytes are zeroized when freed.
//! - Times are RFC 3339 strings (or `Date`s) and are always passed in: nothing here reads the clock.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

#[cfg(feature = "ops")]
pub mod account;
#[cfg(feature = "ops")]
pub mod alerting;
pub mod convert;
#[cfg(any(feature = "core", feature = "ops"))]
pub mod crypto;
#[cfg(feature = "core")]
pub mod emotion;
pub mod error;
#[cfg(feature = "ops")]
pub mod gdpr;
pub mod id;
#[cfg(feature = "ops")]
pub mod incident;
#[cfg(feature = "ops")]
pub mod keyring;
#[cfg(feature = "ops")]
pub mod kpi;
#[cfg(feature = "ops")]
pub mod plan;
#[cfg(feature = "core")]
pub mod practice;
#[cfg(feature = "ops")]
pub mod sla;
#[cfg(feature = "core")]
pub mod stress;
#[cfg(feature = "core")]
pub mod user;
#[cfg(test)]
mod vectors;

use wasm_bindgen::prelude::wasm_bindgen;

/// The current code for `code`: its canonical code when it is a former one (a code renamed since it was
/// released, e.g. `"binding.input.invalid"` → `"input.argument.invalid"`), `code` itself otherwise. Pass a
/// stored or configured code through it before looking it up in a translation table.
///
/// Throws `input.argument.invalid` for anything but a string.
#[wasm_bindgen(js_name = canonicalCode)]
pub fn canonical_code(
    #[wasm_bindgen(unchecked_param_type = "string")] code: wasm_bindgen::JsValue,
) -> Result<String, error::SdkError> {
    Ok(cesizen_core::code::canonical(&convert::string_from_js(&code)?).to_owned())
}

/// The version of the SDK compiled into this package (the workspace version, e.g. `"0.1.0"`).
#[wasm_bindgen(js_name = sdkVersion)]
pub fn sdk_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
