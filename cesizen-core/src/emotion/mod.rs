//! Emotional data: the emotion taxonomy, journal entries, the HealthKit State of Mind mapping and emotion reports.

mod error;

pub use error::EmotionError;
