//! GDPR duties: calendar-month deadlines, data-subject requests (Art. 12(3)), retention decisions, the GDPR
//! configuration file, anonymisation bands, personal-data breaches (Art. 33/34), the hash-chained audit trail,
//! consents (Art. 7 and 9) and portable exports — each function one call into `cesizen_gdpr`.
//!
//! The configuration file (TOML or JSON) and the export document (JSON) are documents, so they cross as text; the
//! audit trail and the consent ledger keep state between calls, so they are objects (behind a lock: UniFFI
//! objects may be shared across threads).

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use cesizen_core::emotion::{Intensity, Valence};
use cesizen_core::id::UserId;
use cesizen_core::user::IanaTimeZone;
use cesizen_gdpr::anonymise;
use cesizen_gdpr::audit::{AuditEvent, AuditTrail as CoreAuditTrail};
use cesizen_gdpr::breach::{
    Art34Decision, Breach, BreachFacts as CoreBreachFacts, BreachNature, DataCategory, DataProtection,
    RiskLevel as CoreRiskLevel,
};
use cesizen_gdpr::consent::{ConsentLedger as CoreConsentLedger, ConsentMethod, Purpose, TextVersion};
use cesizen_gdpr::export::{ExportDocument, ExportSummary};
use cesizen_gdpr::request::{
    DataSubjectRequest, DeadlinePolicy, ExtensionReason, IdentityMethod, Refusal, RefusalReason, RequestEvent,
    RequestEventKind, RequestKind, RequestRecord as CoreRequestRecord, RequestState, assess,
};
use cesizen_gdpr::retention::{
    Action, Category, EndOfLife, RecordMeta as CoreRecordMeta, RetentionPlanner, RetentionPolicy,
};
use cesizen_gdpr::{
    BreachId, GdprConfig as CoreGdprConfig, RequestId,
    timer::{AtRiskPercent, TimerStatus},
};

use crate::{CesizenError, Timestamp, boundary::guard};

/// The code of a refusal that cannot be read (its reason and remedies).
pub const REFUSAL_INVALID: &str = "input.refusal.invalid";

fn poisoned<T>(_: T) -> CesizenError {
    CesizenError::panic()
}

/// A deadline counted in calendar months.
/// Binding shape: the SDK's `Deadline`, its day as `YYYY-MM-DD` text and its instant as RFC 3339 text (see `Timestamp`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MonthsDeadline {
    /// The due day in the time zone, `YYYY-MM-DD`.
    pub due_date: String,
    /// The first instant after the due day: an act is on time strictly before it.
    pub due_at: Timestamp,
}

/// The deadline `months` calendar months after `event`, counted in `time_zone` (31 January + 1 month is the end
/// of February).
///
/// Errors: the time zone's validation code, the `gdpr.*` code of a date out of range.
#[uniffi::export]
pub fn months_after(event: Timestamp, months: u32, time_zone: String) -> Result<MonthsDeadline, CesizenError> {
    guard(|| {
        let zone = IanaTimeZone::parse(&time_zone)?;
        let due = cesizen_gdpr::calendar::months_after(event, months, zone.tz())?;
        Ok(MonthsDeadline {
            due_date: due.due_date.to_string(),
            due_at: due.due_at,
        })
    })
}

/// A step of a request's history.
/// Binding shape: a step without its instant (the domain's `RequestEventKind`), paired with one in [`RequestHistoryEvent`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RequestStep {
    /// The request arrived.
    Received,
    /// Proof of identity was asked for.
    IdentityRequested,
    /// The identity was verified.
    IdentityVerified {
        /// How.
        method: IdentityMethod,
    },
    /// The deadline was extended by two months (notified within the first month).
    Extended {
        /// Why.
        reason: ExtensionReason,
    },
    /// The request was fulfilled.
    Completed,
    /// The request was refused.
    Refused {
        /// Why.
        reason: RefusalReason,
        /// Whether the requester was told of the remedies (complaint, judicial remedy); required.
        remedies_notified: bool,
    },
    /// The requester withdrew it.
    Withdrawn,
}

/// One dated step of a request.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct RequestHistoryEvent {
    /// When.
    pub at: Timestamp,
    /// What.
    pub step: RequestStep,
}

/// A data-subject request as stored: its id, subject, right and history.
/// Binding shape: ids cross as text and the history's instants as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RequestRecord {
    /// The request's id (UUID text).
    pub id: String,
    /// The requester's user id (UUID text).
    pub subject: String,
    /// The right exercised.
    pub kind: RequestKind,
    /// Every step, oldest first.
    pub history: Vec<RequestHistoryEvent>,
}

impl RequestStep {
    fn to_core(self) -> Result<RequestEventKind, CesizenError> {
        Ok(match self {
            RequestStep::Received => RequestEventKind::Received,
            RequestStep::IdentityRequested => RequestEventKind::IdentityRequested,
            RequestStep::IdentityVerified { method } => RequestEventKind::IdentityVerified { method },
            RequestStep::Extended { reason } => RequestEventKind::Extended { reason },
            RequestStep::Completed => RequestEventKind::Completed,
            RequestStep::Withdrawn => RequestEventKind::Withdrawn,
            RequestStep::Refused {
                reason,
                remedies_notified,
            } => {
                // Through the SDK's own reading of a refusal, which refuses one without remedies notified.
                let value = serde_json::json!({"reason": reason, "remediesNotified": remedies_notified});
                let refusal: Refusal = serde_json::from_value(value)
                    .map_err(|_| CesizenError::input(REFUSAL_INVALID, "the refusal was not accepted"))?;
                RequestEventKind::Refused(refusal)
            }
        })
    }
}

/// How a deadline stands.
/// Binding shape: the domain's name, `TimerStatus`, is the SLA timer's in Swift's one module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DeadlineStatus {
    /// Open, less than the at-risk share of the time used.
    OnTrack,
    /// Open, at least the at-risk share used.
    AtRisk,
    /// Open past the deadline.
    Overdue,
    /// Closed in time.
    Met,
    /// Closed late.
    Missed,
}

impl From<TimerStatus> for DeadlineStatus {
    fn from(s: TimerStatus) -> Self {
        match s {
            TimerStatus::OnTrack => DeadlineStatus::OnTrack,
            TimerStatus::AtRisk => DeadlineStatus::AtRisk,
            TimerStatus::Overdue => DeadlineStatus::Overdue,
            TimerStatus::Met => DeadlineStatus::Met,
            TimerStatus::Missed => DeadlineStatus::Missed,
        }
    }
}

/// A deadline and how it stands.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct DeadlineTimer {
    /// How it stands.
    pub status: DeadlineStatus,
    /// The deadline.
    pub due_at: Timestamp,
}

/// Where a request stands against its internal target and the legal deadline.
/// Binding shape: its timers carry instants as RFC 3339 text (see `Timestamp`) and the legal due date is `YYYY-MM-DD` text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RequestAssessment {
    /// Its state.
    pub state: RequestState,
    /// The internal target (48 h for access…), if the right has one.
    pub internal: Option<DeadlineTimer>,
    /// The legal deadline (one month, three once extended).
    pub legal: DeadlineTimer,
    /// The legal due day, `YYYY-MM-DD`.
    pub legal_due_date: String,
}

/// Replays a request's history under the plan's deadline policy and reads its deadlines at `now`.
///
/// Errors: the `gdpr.request.*` code of a history the rules refuse (`gdpr.request.extension_late`, …),
/// `gdpr.time.regression`, the id codes, `input.refusal.invalid`.
#[uniffi::export]
pub fn assess_request(request: RequestRecord, now: Timestamp) -> Result<RequestAssessment, CesizenError> {
    guard(|| {
        let policy = DeadlinePolicy::default();
        let record = CoreRequestRecord {
            id: RequestId::parse(&request.id)?,
            subject: UserId::parse(&request.subject)?,
            kind: request.kind,
            history: request
                .history
                .iter()
                .map(|e| {
                    Ok(RequestEvent {
                        at: e.at,
                        kind: e.step.to_core()?,
                    })
                })
                .collect::<Result<_, CesizenError>>()?,
        };
        let replayed = DataSubjectRequest::replay(&record, &policy)?;
        let a = assess(&replayed, &policy, now)?;
        let timer = |t: cesizen_gdpr::timer::Timer| DeadlineTimer {
            status: t.status.into(),
            due_at: t.due_at,
        };
        Ok(RequestAssessment {
            state: a.state,
            internal: a.internal.map(timer),
            legal: timer(a.legal),
            legal_due_date: a.legal_due_date.to_string(),
        })
    })
}

/// What kind of data a record is, for retention.
/// Binding shape: the domain's name, `Category`, is too general for Swift's one module and Kotlin's flat package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RecordCategory {
    /// A journal entry.
    JournalEntry,
    /// A practice session.
    PracticeSession,
    /// An account.
    Account,
    /// A log record.
    Log,
    /// A backup.
    Backup,
}

/// What retention says to do with a record.
/// Binding shape: the domain's name, `Action`, is too general for Swift's one module and Kotlin's flat package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RetentionAction {
    /// Keep it.
    Keep,
    /// Anonymise it.
    Anonymise,
    /// Delete it.
    Delete,
    /// Warn its owner (an inactive account before deletion).
    Notify,
}

/// A stored record's retention facts.
/// Binding shape: the id crosses as text and instants as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecordMeta {
    /// Its id (UUID text).
    pub id: String,
    /// Its kind.
    pub category: RecordCategory,
    /// When it was created.
    pub created_at: Timestamp,
    /// When its owner was last active (accounts).
    #[uniffi(default = None)]
    pub last_active_at: Option<Timestamp>,
    /// When its owner was warned of deletion (accounts).
    #[uniffi(default = None)]
    pub notified_at: Option<Timestamp>,
    /// Whether it is already anonymised.
    #[uniffi(default = false)]
    pub anonymised: bool,
    /// Whether a legal hold keeps it.
    #[uniffi(default = false)]
    pub on_hold: bool,
}

/// A retention decision.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct RetentionDecision {
    /// What to do now.
    pub action: RetentionAction,
    /// When the next action is due, if any.
    pub due_at: Option<Timestamp>,
}

/// The plan's retention decision for a record at `now`.
///
/// Errors: `input.id.invalid` for an id that is not a UUID, the `gdpr.*` code of a date out of range.
#[uniffi::export]
pub fn retention_decide(record: RecordMeta, now: Timestamp) -> Result<RetentionDecision, CesizenError> {
    guard(|| {
        let planner = RetentionPlanner::new(RetentionPolicy::default())?;
        let category = match record.category {
            RecordCategory::JournalEntry => Category::JournalEntry,
            RecordCategory::PracticeSession => Category::PracticeSession,
            RecordCategory::Account => Category::Account,
            RecordCategory::Log => Category::Log,
            RecordCategory::Backup => Category::Backup,
        };
        let id = uuid_of(&record.id)?;
        let mut meta = CoreRecordMeta::new(id, category, record.created_at);
        meta.last_active_at = record.last_active_at;
        meta.notified_at = record.notified_at;
        meta.anonymised = record.anonymised;
        meta.on_hold = record.on_hold;
        let d = planner.decide(&meta, now)?;
        Ok(RetentionDecision {
            action: match d.action {
                Action::Keep => RetentionAction::Keep,
                Action::Anonymise => RetentionAction::Anonymise,
                Action::Delete => RetentionAction::Delete,
                Action::Notify => RetentionAction::Notify,
            },
            due_at: d.due_at,
        })
    })
}

/// The code of a record id that is not a UUID.
pub const ID_INVALID: &str = "input.id.invalid";

fn uuid_of(text: &str) -> Result<uuid::Uuid, CesizenError> {
    uuid::Uuid::parse_str(text).map_err(|_| CesizenError::input(ID_INVALID, "not a UUID"))
}

/// A retention rule by age.
/// Binding shape: the age crosses as its text form, as in the retention file.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgeRule {
    /// After how long (`"24 months"`).
    pub after: String,
    /// What then.
    pub then: EndOfLife,
}

/// A validated GDPR configuration (retention, request deadlines, breaches, anonymisation).
#[derive(uniffi::Object)]
pub struct GdprConfig(CoreGdprConfig);

#[uniffi::export]
impl GdprConfig {
    /// The plan's configuration.
    #[uniffi::constructor]
    pub fn plan() -> Self {
        GdprConfig(CoreGdprConfig::default())
    }

    /// Reads a configuration file in TOML (the empty file is the plan; any field overrides it).
    ///
    /// Errors: `config.syntax.invalid` (syntax, unknown field, unknown time zone), `config.value.invalid` (a value
    /// the GDPR or the plan refuses).
    #[uniffi::constructor]
    pub fn from_toml(text: String) -> Result<Self, CesizenError> {
        guard(|| Ok(GdprConfig(CoreGdprConfig::from_toml_str(&text)?)))
    }

    /// Reads a configuration in JSON. Errors as [`GdprConfig::from_toml`].
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<Self, CesizenError> {
        guard(|| Ok(GdprConfig(CoreGdprConfig::from_json_str(&text)?)))
    }

    /// The retention rule of journal entries.
    pub fn journal_entries_retention(&self) -> AgeRule {
        let rule = &self.0.retention.journal_entries;
        AgeRule {
            after: rule.after.to_string(),
            then: rule.then,
        }
    }

    /// The time zone request deadlines are counted in.
    pub fn requests_time_zone(&self) -> Result<String, CesizenError> {
        guard(|| match serde_json::to_value(self.0.requests.time_zone) {
            Ok(serde_json::Value::String(name)) => Ok(name),
            _ => Err(CesizenError::panic()),
        })
    }

    /// The k of k-anonymity for released statistics.
    pub fn anonymisation_k(&self) -> u32 {
        self.0.anonymisation.k
    }

    /// The whole configuration in its JSON form (every field, defaults filled in).
    pub fn to_json(&self) -> Result<String, CesizenError> {
        guard(|| serde_json::to_string(&self.0).map_err(|_| CesizenError::panic()))
    }
}

/// Generalises an intensity (1–10), a valence (−1…1) and a time zone for anonymised release.
///
/// Errors: `validation.intensity.out_of_range`, `validation.valence.out_of_range`.
#[uniffi::export]
pub fn generalise(intensity: u8, valence: f64, time_zone: String) -> Result<anonymise::Generalised, CesizenError> {
    guard(|| {
        Ok(anonymise::generalise(
            Intensity::new(intensity)?,
            Valence::new(valence)?,
            &time_zone,
        ))
    })
}

/// The risk a breach poses to people.
/// Binding shape: the domain's name, `RiskLevel`, is the alerting risk matrix's in Swift's one module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum BreachRisk {
    /// Unlikely to result in a risk: record it, no notification.
    Unlikely,
    /// A risk: notify the authority.
    Risk,
    /// A high risk: notify the authority and tell the people (Art. 34).
    High,
}

/// The facts of a personal-data breach.
/// Binding shape: instants cross as RFC 3339 text, see `Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BreachFacts {
    /// When it happened, if known (not after `aware_at`).
    pub occurred_at: Option<Timestamp>,
    /// When the controller became aware: the 72 hours start here.
    pub aware_at: Timestamp,
    /// What was compromised.
    pub natures: Vec<BreachNature>,
    /// Which data.
    pub data_categories: Vec<DataCategory>,
    /// How many people.
    pub subjects_affected: u64,
    /// How many records.
    pub records_affected: u64,
    /// What happened.
    pub description: String,
    /// Its likely consequences.
    pub consequences: String,
    /// The measures taken.
    pub measures: String,
    /// How the data was protected.
    pub protection: DataProtection,
    /// The risk to people.
    pub risk: BreachRisk,
    /// Whether later measures removed the high risk.
    #[uniffi(default = false)]
    pub high_risk_removed: bool,
    /// Whether telling each person would take disproportionate effort.
    #[uniffi(default = false)]
    pub individual_communication_disproportionate: bool,
}

/// Where a breach stands.
/// Binding shape: the SDK's `BreachStatus`, its instant as RFC 3339 text (see `Timestamp`) and its status a binding-shaped [`DeadlineStatus`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct BreachStatus {
    /// 72 hours after awareness.
    pub notification_due_at: Timestamp,
    /// The notification deadline's status; `None` when no notification is needed.
    pub notification: Option<DeadlineStatus>,
    /// What Art. 34 requires.
    pub art34: Art34Decision,
}

/// Records breach `breach_id`, files its initial notification at `initial_filed_at` if given, and assesses it at
/// `now` (`at_risk_percent` of the 72 hours used makes the deadline at risk: 1 to 99, the plan uses 75).
///
/// Errors: `config.value.invalid` for a share outside 1–99 (the SDK's `AtRiskPercent`),
/// `gdpr.breach.field_invalid`, `gdpr.breach.delay_reason_missing` (a filing after 72 hours needs a reason: file
/// such a late one through the server's breach register), the id codes.
#[uniffi::export]
pub fn assess_breach(
    breach_id: String,
    facts: BreachFacts,
    initial_filed_at: Option<Timestamp>,
    at_risk_percent: u8,
    now: Timestamp,
) -> Result<BreachStatus, CesizenError> {
    guard(|| {
        let at_risk = AtRiskPercent::new(at_risk_percent)?;
        let facts = CoreBreachFacts {
            occurred_at: facts.occurred_at,
            aware_at: facts.aware_at,
            natures: facts.natures,
            data_categories: facts.data_categories,
            subjects_affected: facts.subjects_affected,
            records_affected: facts.records_affected,
            description: facts.description,
            consequences: facts.consequences,
            measures: facts.measures,
            protection: facts.protection,
            risk: match facts.risk {
                BreachRisk::Unlikely => CoreRiskLevel::Unlikely,
                BreachRisk::Risk => CoreRiskLevel::Risk,
                BreachRisk::High => CoreRiskLevel::High,
            },
            high_risk_removed: facts.high_risk_removed,
            individual_communication_disproportionate: facts.individual_communication_disproportionate,
        };
        let mut breach = Breach::record(BreachId::parse(&breach_id)?, facts)?;
        if let Some(at) = initial_filed_at {
            breach.file_initial(at, None, None)?;
        }
        let status = breach.status(now, at_risk);
        Ok(BreachStatus {
            notification_due_at: status.notification_due_at,
            notification: status.notification.map(Into::into),
            art34: status.art34,
        })
    })
}

/// The hash-chained audit trail: each entry's hash covers the previous one, so an edit breaks the chain.
#[derive(uniffi::Object)]
pub struct AuditTrail(Mutex<CoreAuditTrail>);

#[uniffi::export]
impl AuditTrail {
    /// An empty trail.
    #[uniffi::constructor]
    pub fn new() -> Self {
        AuditTrail(Mutex::new(CoreAuditTrail::new()))
    }

    /// Appends an event; returns its hash (hex). `details` are written in key order.
    ///
    /// Errors: `gdpr.audit.field_invalid` for an empty or malformed field, `gdpr.audit.action_unknown` for an
    /// action that is not one the trail records (`request.received`, `erasure.certified`…),
    /// `gdpr.time.regression` for an event older than the last.
    pub fn append(
        &self,
        at: Timestamp,
        actor: String,
        action: String,
        subject: Option<String>,
        details: HashMap<String, String>,
    ) -> Result<String, CesizenError> {
        guard(|| {
            let mut event = AuditEvent::parse(&actor, &action)?;
            if let Some(subject) = subject {
                event = event.subject(&subject)?;
            }
            for (key, value) in details.into_iter().collect::<BTreeMap<_, _>>() {
                event = event.detail(&key, &value)?;
            }
            Ok(self.0.lock().map_err(poisoned)?.append(at, event)?.hash.to_string())
        })
    }
}

impl Default for AuditTrail {
    fn default() -> Self {
        Self::new()
    }
}

/// A user's consents: given, withdrawn, and whether each is valid for the current text.
#[derive(uniffi::Object)]
pub struct ConsentLedger(Mutex<CoreConsentLedger>);

#[uniffi::export]
impl ConsentLedger {
    /// An empty ledger for `user_id`. Errors: the id codes.
    #[uniffi::constructor]
    pub fn new(user_id: String) -> Result<Self, CesizenError> {
        guard(|| {
            Ok(ConsentLedger(Mutex::new(CoreConsentLedger::new(UserId::parse(
                &user_id,
            )?))))
        })
    }

    /// Records a consent to `purpose` for text `text_version`, given by `method` at `at`.
    ///
    /// Errors: `gdpr.consent.explicit_required` (health data needs an explicit statement, Art. 9(2)(a)),
    /// `gdpr.consent.text_version_invalid`, `gdpr.time.regression`.
    pub fn give(
        &self,
        purpose: Purpose,
        text_version: String,
        method: ConsentMethod,
        at: Timestamp,
    ) -> Result<(), CesizenError> {
        guard(|| {
            let version = TextVersion::new(&text_version)?;
            self.0.lock().map_err(poisoned)?.give(purpose, version, method, at)?;
            Ok(())
        })
    }

    /// Whether the consent to `purpose` is given and was given for `text_version`.
    ///
    /// Errors: `gdpr.consent.text_version_invalid`.
    pub fn is_valid(&self, purpose: Purpose, text_version: String) -> Result<bool, CesizenError> {
        guard(|| {
            let version = TextVersion::new(&text_version)?;
            Ok(self.0.lock().map_err(poisoned)?.is_valid(purpose, &version))
        })
    }
}

/// Validates a portable export document (JSON, the format users download) and returns its summary.
///
/// Errors: `gdpr.export.invalid` for a document that does not match the format or whose values break the rules.
#[uniffi::export]
pub fn validate_export(document: String) -> Result<ExportSummary, CesizenError> {
    guard(|| Ok(ExportDocument::from_slice(document.as_bytes())?.summary))
}
