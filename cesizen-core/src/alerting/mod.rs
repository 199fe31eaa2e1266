//! Alerting: monitoring thresholds, security rules, routing, deduplication, escalation, calendars.

mod error;

pub use error::AlertingError;
