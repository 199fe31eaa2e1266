//! Practice sessions (meditation, breathing, zen garden), breathing patterns, presets and exercise pacing, and
//! the HealthKit / Health Connect mappings — each function one call into `cesizen_core::practice`.

use cesizen_core::id::{PracticeSessionId, UserId};
use cesizen_core::practice::{
    self as core_practice, BreathingPhase, BreathingPosition, BreathingPreset, HealthConnectMindfulnessSession,
    HealthKitMindfulSession, PlannedDuration, PracticeKind, PracticeOutcome, PracticeSessionFields,
};
use cesizen_core::user::IanaTimeZone;

use crate::{CesizenError, Timestamp, boundary::guard};

// Remote, not derived in cesizen-core: it carries an instant, which crosses as this crate's `Timestamp` (time.rs).
/// A session as Apple HealthKit's mindful-session category sample wants it.
#[uniffi::remote(Record)]
pub struct HealthKitMindfulSession {
    /// `HKCategoryTypeIdentifierMindfulSession`.
    pub category_type_identifier: String,
    /// `HKCategoryValue.notApplicable` (0).
    pub value: i64,
    /// When the session started.
    pub start_date: Timestamp,
    /// When the session ended.
    pub end_date: Timestamp,
    /// The session id, so that writing twice does not duplicate.
    pub sync_identifier: String,
    /// The version of the sample for that sync identifier.
    pub sync_version: i64,
}

// Remote, not derived in cesizen-core: it carries an instant, which crosses as this crate's `Timestamp` (time.rs).
/// A session as Android Health Connect's `MindfulnessSessionRecord` wants it.
#[uniffi::remote(Record)]
pub struct HealthConnectMindfulnessSession {
    /// When the session started.
    pub start_time: Timestamp,
    /// The user's UTC offset at the start, in seconds.
    pub start_zone_offset_seconds: i32,
    /// When the session ended.
    pub end_time: Timestamp,
    /// The user's UTC offset at the end, in seconds.
    pub end_zone_offset_seconds: i32,
    /// `MINDFULNESS_SESSION_TYPE_*` of the kind.
    pub mindfulness_session_type: i32,
    /// The title shown in Health Connect.
    pub title: Option<String>,
    /// The session id, so that writing twice does not duplicate.
    pub client_record_id: String,
    /// The version of the record for that id.
    pub client_record_version: i64,
}

/// A breathing pattern: four phase durations in milliseconds (0–60 s each; inhale and exhale at least 1 s).
/// Binding shape: the four durations as given, checked by the SDK (the domain pattern's fields are private).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct BreathingPattern {
    /// Breathing in.
    pub inhale_ms: u32,
    /// Holding after breathing in.
    pub hold_after_inhale_ms: u32,
    /// Breathing out.
    pub exhale_ms: u32,
    /// Holding after breathing out.
    pub hold_after_exhale_ms: u32,
}

impl BreathingPattern {
    fn to_core(self) -> Result<core_practice::BreathingPattern, CesizenError> {
        Ok(core_practice::BreathingPattern::new(
            self.inhale_ms,
            self.hold_after_inhale_ms,
            self.exhale_ms,
            self.hold_after_exhale_ms,
        )?)
    }

    fn from_core(pattern: core_practice::BreathingPattern) -> Self {
        BreathingPattern {
            inhale_ms: pattern.phase_ms(BreathingPhase::Inhale),
            hold_after_inhale_ms: pattern.phase_ms(BreathingPhase::HoldAfterInhale),
            exhale_ms: pattern.phase_ms(BreathingPhase::Exhale),
            hold_after_exhale_ms: pattern.phase_ms(BreathingPhase::HoldAfterExhale),
        }
    }
}

/// A preset described: its pattern, cycle length, default number of cycles and default total length.
/// Binding shape: figures of a preset that the domain gives as methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct BreathingPresetInfo {
    /// The preset's pattern.
    pub pattern: BreathingPattern,
    /// One cycle, in milliseconds.
    pub cycle_ms: u32,
    /// The number of cycles of the default exercise.
    pub default_cycles: u32,
    /// The default exercise's length, in milliseconds.
    pub total_ms: u32,
}

/// A validated pattern described.
/// Binding shape: a figure of a validated pattern that the domain gives as a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct BreathingPatternInfo {
    /// One cycle, in milliseconds.
    pub cycle_ms: u32,
}

/// A validated exercise described.
/// Binding shape: a figure of a validated exercise that the domain gives as a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct BreathingExerciseInfo {
    /// The whole exercise, in milliseconds.
    pub total_ms: u32,
}

/// A finished practice session, as stored and synchronised (the crate's JSON form).
/// Binding shape: ids cross as text and instants as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PracticeSession {
    /// The session's id (UUID text).
    pub id: String,
    /// Its owner's id (UUID text).
    pub user_id: String,
    /// What was practised.
    pub kind: PracticeKind,
    /// When it started.
    pub started_at: Timestamp,
    /// When it ended.
    pub ended_at: Timestamp,
    /// The planned length in seconds (30 s to 4 h), if one was chosen.
    pub planned_duration_seconds: Option<u32>,
    /// Completed or abandoned.
    pub outcome: PracticeOutcome,
}

impl PracticeSession {
    fn to_core(&self) -> Result<core_practice::PracticeSession, CesizenError> {
        let planned_duration = self
            .planned_duration_seconds
            .map(PlannedDuration::from_seconds)
            .transpose()?;
        Ok(core_practice::PracticeSession::from_fields(PracticeSessionFields {
            id: PracticeSessionId::parse(&self.id)?,
            user_id: UserId::parse(&self.user_id)?,
            kind: self.kind,
            started_at: self.started_at,
            ended_at: self.ended_at,
            planned_duration,
            outcome: self.outcome,
        })?)
    }
}

/// A validated session described.
/// Binding shape: a figure of a validated session that the domain gives as a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct PracticeSessionInfo {
    /// How long it actually lasted, in whole seconds.
    pub actual_duration_seconds: u32,
}

/// The stable name of a preset (`"cardiac_coherence_5_5"`, `"breathing_4_7_8"`, …), as stored and in JSON.
#[uniffi::export]
pub fn breathing_preset_name(preset: BreathingPreset) -> Result<String, CesizenError> {
    guard(|| Ok(preset.as_str().to_owned()))
}

/// Describes a preset.
#[uniffi::export]
pub fn breathing_preset(preset: BreathingPreset) -> Result<BreathingPresetInfo, CesizenError> {
    guard(|| {
        let info = preset.info();
        Ok(BreathingPresetInfo {
            pattern: BreathingPattern::from_core(info.pattern),
            cycle_ms: info.cycle_ms,
            default_cycles: info.default_cycles,
            total_ms: info.total_ms,
        })
    })
}

/// Validates a pattern. Errors: the `validation.breathing_pattern.*` codes.
#[uniffi::export]
pub fn breathing_pattern(pattern: BreathingPattern) -> Result<BreathingPatternInfo, CesizenError> {
    guard(|| {
        Ok(BreathingPatternInfo {
            cycle_ms: pattern.to_core()?.cycle_ms(),
        })
    })
}

/// Validates an exercise of `cycles` cycles of `pattern`. Errors: the pattern's codes, then
/// `validation.breathing_exercise.*`.
#[uniffi::export]
pub fn breathing_exercise(pattern: BreathingPattern, cycles: u32) -> Result<BreathingExerciseInfo, CesizenError> {
    guard(|| {
        let exercise = core_practice::BreathingExercise::new(pattern.to_core()?, cycles)?;
        Ok(BreathingExerciseInfo {
            total_ms: exercise.total_ms(),
        })
    })
}

/// Where an exercise of `cycles` cycles of `preset` is after `elapsed_ms`; `None` once it is over.
#[uniffi::export]
pub fn breathing_position(
    preset: BreathingPreset,
    cycles: u32,
    elapsed_ms: u32,
) -> Result<Option<BreathingPosition>, CesizenError> {
    guard(|| Ok(preset.exercise(cycles)?.position_at(elapsed_ms)))
}

/// Validates a finished session (end after start, at most 4 hours, planned length 30 s to 4 h).
#[uniffi::export]
pub fn practice_session(session: PracticeSession) -> Result<PracticeSessionInfo, CesizenError> {
    guard(|| {
        Ok(PracticeSessionInfo {
            actual_duration_seconds: session.to_core()?.actual_duration_seconds(),
        })
    })
}

/// The HealthKit mindful-session sample of a session (iOS writes it to Health).
#[uniffi::export]
pub fn health_kit_sample(session: PracticeSession) -> Result<HealthKitMindfulSession, CesizenError> {
    guard(|| Ok(session.to_core()?.to_healthkit()))
}

/// The Health Connect mindfulness record of a session, with the user's offsets in `time_zone` (Android).
#[uniffi::export]
pub fn health_connect_record(
    session: PracticeSession,
    time_zone: String,
    title: Option<String>,
) -> Result<HealthConnectMindfulnessSession, CesizenError> {
    guard(|| {
        let zone = IanaTimeZone::parse(&time_zone)?;
        Ok(session.to_core()?.to_health_connect(zone, title.as_deref()))
    })
}
