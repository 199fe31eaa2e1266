//! The severity of a monitored condition: normal, warning or critical.

use serde::{Deserialize, Serialize};

/// How bad a monitored condition is. Ordered: `Normal < Warning < Critical`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Within the target ("Cible", "Seuil normal").
    Normal,
    /// Past the warning boundary ("Alerte").
    Warning,
    /// Past the critical boundary ("Critique").
    Critical,
}

impl Severity {
    /// The three severities, least severe first.
    pub const ALL: [Severity; 3] = [Severity::Normal, Severity::Warning, Severity::Critical];

    /// The stable name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Normal => "normal",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }
}

impl core::fmt::Display for Severity {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}
