//! # cesizen-gdpr
//!
//! The GDPR duties of the Cesizen app.
#![forbid(unsafe_code)]

pub mod anonymise;
pub mod audit;
pub mod breach;
pub mod calendar;
mod config;
pub mod consent;
pub mod erasure;
mod error;
pub mod export;
mod id;
pub mod request;
pub mod retention;
pub mod sealed;
pub mod timer;

pub use calendar::{Deadline, Period};
pub use config::{BreachPolicy, GdprConfig};
pub use error::{Error, Result};
pub use id::{BreachId, BreachMarker, ErasureId, ErasureMarker, Id, RequestId, RequestMarker};
