//! # cesizen-gdpr
//!
//! The GDPR duties of the Cesizen app.
#![forbid(unsafe_code)]

pub mod calendar;
mod error;
mod id;
pub mod request;
pub mod retention;

pub use calendar::{Deadline, Period};
pub use error::{Error, Result};
pub use id::{BreachId, BreachMarker, ErasureId, ErasureMarker, Id, RequestId, RequestMarker};
