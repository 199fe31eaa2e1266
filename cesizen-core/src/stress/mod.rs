//! Stress self-assessment: the Holmes–Rahe life-events scale (Social Readjustment Rating Scale, 1967).
//!
//! **Why.** Cesizen is a stress-management app, and the Holmes–Rahe scale is the self-assessment its users
//! know: they tick the life events of the last twelve months, each worth a fixed number of life change units,
//! and read the total against three bands. The table, the scoring rule and the band boundaries live here once,
//! so the web, iOS and Android apps cannot disagree on a score.
//!
//! Scoring rules, decided and tested:
//! - an event is answered at most once, with how many times it happened (1 by default); its points count
//!   each time, up to 12 times, and Christmas at most once ([`LifeEvent::max_occurrences`]);
//! - bands: below 150 low, 150–299 moderate, 300 and above high ([`StressBand`]); 149, 150, 299 and 300 are
//!   tested.

mod error;
mod holmes_rahe;
mod life_event;

pub use error::StressError;
pub use holmes_rahe::{HolmesRaheAssessment, LifeEventAnswer, LifeEventAnswerInput, StressBand};
pub use life_event::{LifeEvent, LifeEventInfo};
