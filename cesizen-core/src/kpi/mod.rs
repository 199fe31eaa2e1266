//! Product KPIs computed from an event stream, with the plan's targets.

mod error;

pub use error::KpiError;
