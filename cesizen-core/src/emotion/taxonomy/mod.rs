//! The two-level emotion taxonomy: six base emotions, each with its nuances.

mod base;
mod emotion;
mod nuance;

pub use base::BaseEmotion;
pub use emotion::Emotion;
pub use nuance::Nuance;
