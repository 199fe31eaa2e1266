//! Failures of this module, each with a stable machine code.

/// A failure of this module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AlertingError {}

impl AlertingError {
    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match *self {}
    }
}
