//! Practice sessions (meditation, breathing, zen garden), breathing patterns and their presets, health-platform mappings.

mod error;

pub use error::PracticeError;
