//! Names of alerts, subjects and groups.

use serde::{Deserialize, Serialize};

use super::AlertingError;

/// An alert's identity for deduplication, a subject for suppression, or a group name: 1 to 256 characters,
/// no control characters, no surrounding spaces (e.g. `"cpu:api-1:warning"`, `"api-1"`).
///
/// ```
/// use cesizen_core::alerting::AlertKey;
/// assert!(AlertKey::new("cpu:api-1").is_ok());
/// assert!(AlertKey::new("").is_err());
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(type = "string"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AlertKey(String);

impl AlertKey {
    /// Validates a key.
    ///
    /// # Errors
    /// [`AlertingError::InvalidKey`].
    pub fn new(key: impl Into<String>) -> Result<Self, AlertingError> {
        let key = key.into();
        let ok =
            !key.is_empty() && key.trim() == key && key.chars().count() <= 256 && !key.chars().any(char::is_control);
        if ok {
            Ok(AlertKey(key))
        } else {
            Err(AlertingError::InvalidKey)
        }
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AlertKey {
    type Error = AlertingError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        AlertKey::new(value)
    }
}

impl From<AlertKey> for String {
    fn from(key: AlertKey) -> String {
        key.0
    }
}

impl core::fmt::Display for AlertKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert!(AlertKey::new("k".repeat(256)).is_ok());
        assert_eq!(
            AlertKey::new("k".repeat(257)).unwrap_err().code(),
            "validation.alert_key.invalid"
        );
        assert!(AlertKey::new("a\tb").is_err());
        assert!(AlertKey::new("a ").is_err());
        assert!(serde_json::from_str::<AlertKey>("\"\"").is_err());
    }
}
