//! The two-level emotion taxonomy: six base emotions, each with its nuances.

mod base;
mod emotion;
mod info;
mod nuance;

pub use base::BaseEmotion;
pub use emotion::Emotion;
pub use info::{BaseEmotionInfo, EmotionInfo, ParsedEmotion, taxonomy};
pub use nuance::Nuance;
