//! The emotions journal: the taxonomy, journal entries (validated on the phone exactly as on the server), the
//! HealthKit State of Mind mapping and the emotion report — each function one call into
//! `cesizen_core::emotion`.
//!
//! Emotions, nuances, context tags and HealthKit labels cross as their stable codes (`"fear"`, `"worry"`,
//! `"work"`, `"worried"`): the taxonomy has dozens of them, apps store and translate the codes, and
//! [`emotion_taxonomy`] lists every one with its labels. Calendar days cross as `YYYY-MM-DD` text.

use cesizen_core::CalendarMonth;
use cesizen_core::emotion::{
    self as core_emotion, ContextTag, DaySummary as CoreDaySummary, Emotion, EmotionCount as CoreEmotionCount,
    EmotionError, EmotionInput, EmotionReport as CoreEmotionReport, EmotionReportRequest, EntryKind, HealthKitLabel,
    JournalEntry as CoreEntry, JournalEntryInput as CoreEntryInput, ReportPeriod as CoreReportPeriod, SensitiveText,
    Streaks, Valence, ValenceClassification,
};
use cesizen_core::id::UserId;
use cesizen_core::user::IanaTimeZone;

use crate::time::{date_from_text, to_text};
use crate::{CesizenError, Timestamp, boundary::guard};

/// An emotion by its codes: a base emotion and, optionally, one of its nuances.
/// Binding shape: taxonomy members cross as their stable codes, read back with the SDK's typed errors.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EmotionCodes {
    /// The base emotion's code (`"fear"`).
    pub base: String,
    /// The nuance's code (`"worry"`), if any.
    pub nuance: Option<String>,
}

impl From<Emotion> for EmotionCodes {
    fn from(e: Emotion) -> Self {
        EmotionCodes {
            base: e.base().code().to_owned(),
            nuance: e.nuance().map(|n| n.code().to_owned()),
        }
    }
}

/// One entry of the taxonomy: its code, labels and HealthKit label.
/// Binding shape: the SDK's `EmotionInfo` with taxonomy members as their stable codes (see [`EmotionCodes`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EmotionInfo {
    /// The stable code.
    pub code: String,
    /// English label.
    pub label_en: String,
    /// French label.
    pub label_fr: String,
    /// The HealthKit label it maps to.
    pub health_kit_label: String,
}

/// A base emotion with its nuances.
/// Binding shape: the SDK's `BaseEmotionInfo` with taxonomy members as their stable codes (see [`EmotionCodes`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BaseEmotionInfo {
    /// The stable code.
    pub code: String,
    /// English label.
    pub label_en: String,
    /// French label.
    pub label_fr: String,
    /// The HealthKit label it maps to.
    pub health_kit_label: String,
    /// Its nuances, in the taxonomy's order.
    pub nuances: Vec<EmotionInfo>,
}

/// An emotion read from its codes, with its labels.
/// Binding shape: the SDK's `ParsedEmotion` with taxonomy members as their stable codes (see [`EmotionCodes`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ParsedEmotion {
    /// The base emotion's code.
    pub base: String,
    /// The nuance's code, if any.
    pub nuance: Option<String>,
    /// English label (the nuance's, if any).
    pub label_en: String,
    /// French label.
    pub label_fr: String,
    /// The HealthKit label it maps to.
    pub health_kit_label: String,
}

/// A journal entry as typed by the user, before validation (every field as entered).
/// Binding shape: the fields as entered (any numbers, text), checked by the SDK with its own codes.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct JournalEntryInput {
    /// The entry's id (UUID text).
    pub id: String,
    /// Its owner's id (UUID text).
    pub user_id: String,
    /// `"momentary_emotion"` or `"daily_mood"`.
    pub kind: String,
    /// The emotion's codes.
    pub emotion: EmotionCodes,
    /// 1 to 10.
    pub intensity: i64,
    /// −1.0 (very unpleasant) to 1.0 (very pleasant).
    pub valence: f64,
    /// Context tag codes (`"work"`, `"sleep"`…), each at most once.
    pub context_tags: Vec<String>,
    /// A free note (1 to 2,000 characters, no control characters but line feeds), if any.
    pub note: Option<String>,
    /// When, as RFC 3339 text with an offset (validated by the SDK: `validation.timestamp.invalid`).
    pub recorded_at: String,
    /// The user's IANA time zone.
    pub time_zone: String,
}

/// A validated journal entry (the SDK's stored form): context tags sorted, the instant in UTC.
/// Binding shape: ids, codes and the zone cross as text and the instant as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct JournalEntry {
    /// The entry's id.
    pub id: String,
    /// Its owner's id.
    pub user_id: String,
    /// What it records.
    pub kind: EntryKind,
    /// The emotion's codes.
    pub emotion: EmotionCodes,
    /// 1 to 10.
    pub intensity: u8,
    /// −1.0 to 1.0.
    pub valence: f64,
    /// Context tag codes, in the taxonomy's order.
    pub context_tags: Vec<String>,
    /// When.
    pub recorded_at: Timestamp,
    /// The user's IANA time zone.
    pub time_zone: String,
    /// The note, if any.
    pub note: Option<String>,
}

impl JournalEntry {
    fn from_core(entry: &CoreEntry) -> Self {
        JournalEntry {
            id: entry.id().to_string(),
            user_id: entry.user_id().to_string(),
            kind: entry.kind(),
            emotion: entry.emotion().into(),
            intensity: entry.intensity().get(),
            valence: entry.valence().get(),
            context_tags: entry.context_tags().iter().map(|t| t.code().to_owned()).collect(),
            recorded_at: entry.recorded_at(),
            time_zone: entry.time_zone().to_string(),
            note: entry.note().map(|n| n.expose().to_owned()),
        }
    }

    /// The SDK's entry: validated again, as every entry that crosses into the SDK is.
    fn to_core(&self) -> Result<CoreEntry, CesizenError> {
        Ok(CoreEntryInput {
            id: self.id.clone(),
            user_id: self.user_id.clone(),
            kind: self.kind.code().to_owned(),
            emotion: EmotionInput {
                base: self.emotion.base.clone(),
                nuance: self.emotion.nuance.clone(),
            },
            intensity: i64::from(self.intensity),
            valence: self.valence,
            context_tags: self.context_tags.clone(),
            note: self.note.clone().map(SensitiveText::new),
            recorded_at: to_text(self.recorded_at),
            time_zone: self.time_zone.clone(),
        }
        .validate()?)
    }
}

/// A validated entry and the local day it belongs to.
/// Binding shape: the SDK's `ValidatedJournalEntry`, its day as `YYYY-MM-DD` text beside a binding-shaped [`JournalEntry`].
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ValidatedJournalEntry {
    /// The entry.
    pub entry: JournalEntry,
    /// Its day in the user's time zone, `YYYY-MM-DD`.
    pub local_date: String,
}

/// A HealthKit State of Mind sample made from an entry.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`; HealthKit's classes and labels cross as their codes.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct StateOfMindSample {
    /// When.
    pub date: Timestamp,
    /// Momentary emotion or daily mood.
    pub kind: EntryKind,
    /// −1.0 to 1.0.
    pub valence: f64,
    /// HealthKit's valence class code (`"unpleasant"`…).
    pub valence_classification: String,
    /// HealthKit label codes.
    pub labels: Vec<String>,
    /// HealthKit association codes.
    pub associations: Vec<String>,
}

/// HealthKit's class of a valence.
/// Binding shape: the SDK's `ValenceClass` with the class as its stable code (see [`EmotionCodes`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ValenceClass {
    /// The class code (`"very_unpleasant"` … `"very_pleasant"`).
    pub classification: String,
    /// HealthKit's raw value.
    pub raw_value: u8,
}

/// The emotion a HealthKit label maps back to.
/// Binding shape: the SDK's `HealthKitLabelEmotion` with the emotion as its codes (see [`EmotionCodes`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HealthKitLabelEmotion {
    /// The emotion, if the taxonomy has one for the label.
    pub emotion: Option<EmotionCodes>,
    /// HealthKit's raw value of the label.
    pub raw_value: u16,
}

/// The HealthKit association of a context tag.
/// Binding shape: the SDK's `HealthKitAssociationInfo` with the association as its stable code (see [`EmotionCodes`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HealthKitAssociationInfo {
    /// The association's code.
    pub association: String,
    /// HealthKit's name for it.
    pub health_kit_name: String,
    /// HealthKit's raw value.
    pub raw_value: u8,
}

impl From<core_emotion::EmotionInfo> for EmotionInfo {
    fn from(info: core_emotion::EmotionInfo) -> Self {
        EmotionInfo {
            code: info.code.code().to_owned(),
            label_en: info.label_en,
            label_fr: info.label_fr,
            health_kit_label: info.health_kit_label.code().to_owned(),
        }
    }
}

impl From<core_emotion::BaseEmotionInfo> for BaseEmotionInfo {
    fn from(info: core_emotion::BaseEmotionInfo) -> Self {
        BaseEmotionInfo {
            code: info.code.code().to_owned(),
            label_en: info.label_en,
            label_fr: info.label_fr,
            health_kit_label: info.health_kit_label.code().to_owned(),
            nuances: info.nuances.into_iter().map(EmotionInfo::from).collect(),
        }
    }
}

impl From<core_emotion::ParsedEmotion> for ParsedEmotion {
    fn from(info: core_emotion::ParsedEmotion) -> Self {
        ParsedEmotion {
            base: info.base.code().to_owned(),
            nuance: info.nuance.map(|n| n.code().to_owned()),
            label_en: info.label_en,
            label_fr: info.label_fr,
            health_kit_label: info.health_kit_label.code().to_owned(),
        }
    }
}

impl From<core_emotion::ValidatedJournalEntry> for ValidatedJournalEntry {
    fn from(dated: core_emotion::ValidatedJournalEntry) -> Self {
        ValidatedJournalEntry {
            entry: JournalEntry::from_core(&dated.entry),
            local_date: dated.local_date.to_string(),
        }
    }
}

impl From<core_emotion::ValenceClass> for ValenceClass {
    fn from(class: core_emotion::ValenceClass) -> Self {
        ValenceClass {
            classification: class.classification.code().to_owned(),
            raw_value: class.raw_value,
        }
    }
}

impl From<core_emotion::HealthKitLabelEmotion> for HealthKitLabelEmotion {
    fn from(label: core_emotion::HealthKitLabelEmotion) -> Self {
        HealthKitLabelEmotion {
            emotion: label.emotion.map(EmotionCodes::from),
            raw_value: label.raw_value.into(),
        }
    }
}

impl From<core_emotion::HealthKitAssociationInfo> for HealthKitAssociationInfo {
    fn from(info: core_emotion::HealthKitAssociationInfo) -> Self {
        HealthKitAssociationInfo {
            association: info.association.code().to_owned(),
            health_kit_name: info.health_kit_name,
            raw_value: info.raw_value,
        }
    }
}

/// The period an emotion report covers.
/// Binding shape: the week's day crosses as `YYYY-MM-DD` text and a month as its numbers, built into a `CalendarMonth` at the boundary.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ReportPeriod {
    /// The calendar week, Monday to Sunday, containing a day.
    Week {
        /// Any day of the week, `YYYY-MM-DD`.
        containing: String,
    },
    /// A calendar month.
    Month {
        /// 1–9999.
        year: i32,
        /// 1–12.
        month: u32,
    },
    /// A calendar quarter (January–March is 1).
    Quarter {
        /// 1–9999.
        year: i32,
        /// 1–4.
        quarter: u32,
    },
    /// A calendar year.
    Year {
        /// 1–9999.
        year: i32,
    },
    /// The last `days` local days, today included: 7, 30, 90 or 365.
    Rolling {
        /// 7, 30, 90 or 365.
        days: u32,
    },
}

impl ReportPeriod {
    fn to_core(&self) -> Result<CoreReportPeriod, CesizenError> {
        Ok(match *self {
            ReportPeriod::Week { ref containing } => CoreReportPeriod::Week {
                containing: date_from_text(containing)?,
            },
            ReportPeriod::Month { year, month } => {
                CoreReportPeriod::Month(CalendarMonth::new(year, month).map_err(EmotionError::from)?)
            }
            ReportPeriod::Quarter { year, quarter } => CoreReportPeriod::Quarter { year, quarter },
            ReportPeriod::Year { year } => CoreReportPeriod::Year { year },
            ReportPeriod::Rolling { days } => CoreReportPeriod::Rolling { days },
        })
    }

    fn from_core(period: CoreReportPeriod) -> Self {
        match period {
            CoreReportPeriod::Week { containing } => ReportPeriod::Week {
                containing: containing.to_string(),
            },
            CoreReportPeriod::Month(month) => ReportPeriod::Month {
                year: month.year(),
                month: month.month(),
            },
            CoreReportPeriod::Quarter { year, quarter } => ReportPeriod::Quarter { year, quarter },
            CoreReportPeriod::Year { year } => ReportPeriod::Year { year },
            CoreReportPeriod::Rolling { days } => ReportPeriod::Rolling { days },
        }
    }
}

/// What an emotion report is asked for.
/// Binding shape: the user id and the zone cross as text, read with the SDK's typed errors.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReportRequest {
    /// Whose entries (others are skipped).
    pub user_id: String,
    /// Which period.
    pub period: ReportPeriod,
    /// The IANA time zone of the days.
    pub time_zone: String,
}

/// A period resolved in a time zone: local days `first_day..=last_day`, the instants `start <= t < end`.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReportWindow {
    /// First day, `YYYY-MM-DD`.
    pub first_day: String,
    /// Last day, `YYYY-MM-DD`.
    pub last_day: String,
    /// Its first instant.
    pub start: Timestamp,
    /// The instant after its last.
    pub end: Timestamp,
}

/// How often a base emotion was recorded, and its most frequent nuance.
/// Binding shape: emotions cross as their stable codes (the domain holds the enums).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EmotionCount {
    /// The base emotion's code.
    pub emotion: String,
    /// Entries with it.
    pub count: u32,
    /// Its most frequent nuance's code, if any.
    pub top_nuance: Option<String>,
    /// How often that nuance was recorded.
    pub top_nuance_count: u32,
}

/// One local day of a report.
/// Binding shape: one of the days of a binding-shaped [`EmotionReport`], whose ids and instants cross as text.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DaySummary {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Entries that day.
    pub entry_count: u32,
    /// Their mean intensity, if any.
    pub mean_intensity: Option<f64>,
    /// Their mean valence, if any.
    pub mean_valence: Option<f64>,
}

/// A user's emotion report over a period.
/// Binding shape: the user id and zone cross as text and the window's instants as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EmotionReport {
    /// Whose entries.
    pub user_id: String,
    /// The period asked for.
    pub period: ReportPeriod,
    /// The time zone of its days.
    pub time_zone: String,
    /// The period resolved.
    pub window: ReportWindow,
    /// Entries in the window.
    pub entry_count: u32,
    /// Their mean intensity, if any.
    pub mean_intensity: Option<f64>,
    /// Their mean valence, if any.
    pub mean_valence: Option<f64>,
    /// Per base emotion, in the taxonomy's order.
    pub emotions: Vec<EmotionCount>,
    /// Per day, in order.
    pub days: Vec<DaySummary>,
    /// Runs of days with entries.
    pub streaks: Streaks,
}

impl EmotionReport {
    fn from_core(r: CoreEmotionReport) -> Self {
        EmotionReport {
            user_id: r.user_id.to_string(),
            period: ReportPeriod::from_core(r.period),
            time_zone: r.time_zone.to_string(),
            window: ReportWindow {
                first_day: r.window.first_day.to_string(),
                last_day: r.window.last_day.to_string(),
                start: r.window.start,
                end: r.window.end,
            },
            entry_count: r.entry_count,
            mean_intensity: r.mean_intensity,
            mean_valence: r.mean_valence,
            emotions: r.emotions.iter().map(emotion_count).collect(),
            days: r.days.iter().map(day_summary).collect(),
            streaks: r.streaks,
        }
    }
}

fn emotion_count(c: &CoreEmotionCount) -> EmotionCount {
    EmotionCount {
        emotion: c.emotion.code().to_owned(),
        count: c.count,
        top_nuance: c.top_nuance.map(|n| n.code().to_owned()),
        top_nuance_count: c.top_nuance_count,
    }
}

fn day_summary(d: &CoreDaySummary) -> DaySummary {
    DaySummary {
        date: d.date.to_string(),
        entry_count: d.entry_count,
        mean_intensity: d.mean_intensity,
        mean_valence: d.mean_valence,
    }
}

/// The whole taxonomy: every base emotion with its nuances, codes and labels.
#[uniffi::export]
pub fn emotion_taxonomy() -> Result<Vec<BaseEmotionInfo>, CesizenError> {
    guard(|| {
        Ok(core_emotion::taxonomy()
            .into_iter()
            .map(BaseEmotionInfo::from)
            .collect())
    })
}

/// Reads an emotion from its codes.
///
/// Errors: `validation.emotion.unknown`, `validation.nuance.unknown`, `validation.nuance.mismatch` (a nuance of
/// another base).
#[uniffi::export]
pub fn parse_emotion(codes: EmotionCodes) -> Result<ParsedEmotion, CesizenError> {
    guard(|| Ok(Emotion::from_codes(&codes.base, codes.nuance.as_deref())?.info().into()))
}

/// Validates a journal entry as typed, with the rules the server applies.
///
/// Errors: the `validation.*` code of the first field refused (id, kind, emotion, intensity, valence, context
/// tags, note, timestamp, time zone).
#[uniffi::export]
pub fn validate_journal_entry(input: JournalEntryInput) -> Result<ValidatedJournalEntry, CesizenError> {
    guard(|| {
        let entry = CoreEntryInput {
            id: input.id,
            user_id: input.user_id,
            kind: input.kind,
            emotion: EmotionInput {
                base: input.emotion.base,
                nuance: input.emotion.nuance,
            },
            intensity: input.intensity,
            valence: input.valence,
            context_tags: input.context_tags,
            note: input.note.map(SensitiveText::new),
            recorded_at: input.recorded_at,
            time_zone: input.time_zone,
        }
        .validate()?;
        Ok(entry.dated().into())
    })
}

/// The HealthKit State of Mind sample for an entry. Errors: the validation codes of a malformed entry.
#[uniffi::export]
pub fn state_of_mind_from_entry(entry: JournalEntry) -> Result<StateOfMindSample, CesizenError> {
    guard(|| {
        let sample = entry.to_core()?.to_state_of_mind();
        Ok(StateOfMindSample {
            date: sample.date,
            kind: sample.kind,
            valence: sample.valence.get(),
            valence_classification: sample.valence_classification.code().to_owned(),
            labels: sample.labels.iter().map(|l| l.code().to_owned()).collect(),
            associations: sample.associations.iter().map(|a| a.code().to_owned()).collect(),
        })
    })
}

/// HealthKit's class of a valence. Errors: `validation.valence.out_of_range` outside −1.0…1.0.
#[uniffi::export]
pub fn valence_classification(valence: f64) -> Result<ValenceClass, CesizenError> {
    guard(|| {
        Ok(ValenceClassification::from_valence(Valence::new(valence)?)
            .info()
            .into())
    })
}

/// The emotion a HealthKit label maps back to. Errors: `validation.healthkit_label.unknown`.
#[uniffi::export]
pub fn emotion_from_health_kit_label(label: String) -> Result<HealthKitLabelEmotion, CesizenError> {
    guard(|| Ok(HealthKitLabel::from_code(&label)?.info().into()))
}

/// The HealthKit association of a context tag. Errors: `validation.context_tag.unknown`.
#[uniffi::export]
pub fn health_kit_association_of(context_tag: String) -> Result<HealthKitAssociationInfo, CesizenError> {
    guard(|| {
        Ok(ContextTag::from_code(&context_tag)?
            .healthkit_association()
            .info()
            .into())
    })
}

/// The report of `request.user_id`'s entries over a period, read at `now` (other users' entries are skipped).
///
/// Errors: `validation.report_period.invalid`, the id and time-zone codes, `input.date.invalid`, and the
/// validation codes of a malformed entry.
#[uniffi::export]
pub fn emotion_report(
    entries: Vec<JournalEntry>,
    request: ReportRequest,
    now: Timestamp,
) -> Result<EmotionReport, CesizenError> {
    guard(|| {
        let entries = entries
            .iter()
            .map(JournalEntry::to_core)
            .collect::<Result<Vec<_>, _>>()?;
        let request = EmotionReportRequest {
            user_id: UserId::parse(&request.user_id)?,
            period: request.period.to_core()?,
            time_zone: IanaTimeZone::parse(&request.time_zone)?,
        };
        Ok(EmotionReport::from_core(CoreEmotionReport::compute(
            &entries, &request, now,
        )?))
    })
}
