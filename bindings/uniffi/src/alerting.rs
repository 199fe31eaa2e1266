//! Operations rules: monitoring severities and bands, alert routing — each function one call into
//! `cesizen_core::alerting`.

use cesizen_core::alerting::Severity;

/// How bad a monitored condition is: normal, warning or critical.
#[uniffi::remote(Enum)]
pub enum Severity {
    Normal,
    Warning,
    Critical,
}
