//! Stress self-assessment: the Holmes–Rahe life-events scale.

mod error;

pub use error::StressError;
