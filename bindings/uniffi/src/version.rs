//! The SDK's version, so that an app can log which SDK build it runs.

use crate::{CesizenError, boundary::guard};

/// The version of the Cesizen SDK compiled into this library, e.g. `"0.1.0"`.
#[uniffi::export]
pub fn sdk_version() -> Result<String, CesizenError> {
    guard(|| Ok(env!("CARGO_PKG_VERSION").to_owned()))
}
