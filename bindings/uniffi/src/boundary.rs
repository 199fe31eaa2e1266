//! Panics stop at the boundary.
//!
//! Every exported function runs its body inside [`guard`], which catches a panic with
//! [`std::panic::catch_unwind`] and returns [`CesizenError::Internal`] with code `internal.panic`.
//!
//! **What UniFFI does on its own**, verified in `uniffi_core` 0.32 (`ffi/rustcalls.rs`): every scaffolding call
//! is already wrapped in `catch_unwind`; a panic becomes the call status `UnexpectedError` with the panic
//! message, which the bindings raise as `InternalException` (Kotlin), `InternalError` (Python) or a
//! `fatalError`-free thrown error in Swift. That safety net stays in place (it also catches panics while
//! *lifting* arguments, before our code runs), but it is untyped and it forwards the panic's message, which
//! could quote user data. [`guard`] runs first, so a panic in SDK code reaches the app as the typed
//! `CesizenError.Internal` with a fixed message instead.
//!
//! The guard only works with `panic = "unwind"` (the default of every profile this crate is built with; the
//! `wasm-release` profile's `panic = "abort"` is for the wasm package only). The panic hook still prints the
//! panic to standard error, which is where a developer looks for the bug.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::CesizenError;

/// Runs `body`, turning a panic into [`CesizenError::Internal`] (`internal.panic`).
///
/// `AssertUnwindSafe` is sound here: the closure owns or borrows only the call's arguments, which are dropped
/// or returned to the foreign caller untouched; no shared state is observed after a panic.
pub fn guard<T>(body: impl FnOnce() -> Result<T, CesizenError>) -> Result<T, CesizenError> {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| Err(CesizenError::panic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_the_internal_error() {
        let out: Result<(), _> = guard(|| panic!("boom with secret data"));
        let err = out.expect_err("the panic must become an error");
        assert_eq!(err.code(), "internal.panic");
        assert!(
            !err.to_string().contains("secret"),
            "the panic message must not be forwarded"
        );
    }

    #[test]
    fn values_and_errors_pass_through() {
        assert_eq!(guard(|| Ok(7)), Ok(7));
        let refused = CesizenError::input("input.x.y", "d");
        assert_eq!(guard(|| Err::<(), _>(refused.clone())), Err(refused));
    }
}
