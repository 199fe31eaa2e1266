//! Practice sessions (meditation, breathing exercises, the zen garden), breathing patterns and their presets,
//! and the mappings onto the phones' health stores.
//!
//! A session is *ongoing* from the moment the user starts ([`OngoingSession`]) and becomes a
//! [`PracticeSession`] when it ends, completed or abandoned; only finished sessions exist in statistics and in
//! Apple Health or Health Connect. Breathing exercises pace the breath with a [`BreathingPattern`] repeated
//! for a number of cycles ([`BreathingExercise`]); [`BreathingPreset`] names the usual ones.
//!
//! | topic | file | main items |
//! |---|---|---|
//! | kinds of practice | `kind.rs` | [`PracticeKind`] |
//! | planned duration | `planned_duration.rs` | [`PlannedDuration`] |
//! | finished sessions | `session.rs` | [`PracticeSession`], [`PracticeOutcome`], [`MAX_SESSION_DURATION`] |
//! | sessions in progress | `ongoing_session.rs` | [`OngoingSession`] |
//! | breath cycles | `breathing_pattern.rs` | [`BreathingPattern`], [`BreathingPhase`] |
//! | exercises and pacing | `breathing_exercise.rs` | [`BreathingExercise`], [`BreathingPosition`] |
//! | presets | `breathing_preset.rs` | [`BreathingPreset`] |
//! | Apple HealthKit | `healthkit.rs` | [`HealthKitMindfulSession`] |
//! | Android Health Connect | `health_connect.rs` | [`HealthConnectMindfulnessSession`] |

mod breathing_exercise;
mod breathing_pattern;
mod breathing_preset;
mod error;
pub mod health_connect;
mod healthkit;
mod kind;
mod ongoing_session;
mod planned_duration;
mod session;

pub use breathing_exercise::{BreathingExercise, BreathingPosition};
pub use breathing_pattern::{BreathingPattern, BreathingPhase, MAX_PHASE_MS, MIN_BREATH_MS};
pub use breathing_preset::{BreathingPreset, BreathingPresetInfo};
pub use error::PracticeError;
pub use health_connect::HealthConnectMindfulnessSession;
pub use healthkit::{HK_CATEGORY_VALUE_NOT_APPLICABLE, HK_MINDFUL_SESSION_TYPE, HealthKitMindfulSession};
pub use kind::PracticeKind;
pub use ongoing_session::OngoingSession;
pub use planned_duration::{MAX_PLANNED_SECONDS, MIN_PLANNED_SECONDS, PlannedDuration};
pub use session::{MAX_SESSION_DURATION, PracticeOutcome, PracticeSession, PracticeSessionFields};
