//! The breach register: every personal-data breach, its notification to the CNIL and to the people concerned.
//!
//! - **Art. 33(5)**: every breach is documented — facts, effects, remedial action — *including those not
//!   notified*, so the authority can check compliance. A [`Breach`] is that record.
//! - **Art. 33(1)**: unless the breach is unlikely to result in a risk, it is notified to the supervisory
//!   authority without undue delay and, where feasible, within **72 hours of awareness** (the clock of
//!   `cesizen_core::incident::BreachNotificationClock`, clock hours, on time up to and including the 72nd
//!   hour); a later notification states the reasons for the delay.
//! - **Art. 33(4), the CNIL's two steps**: when not everything is known within 72 hours, the CNIL's online
//!   service takes an *initial* notification, then a *complementary* one with the rest; the register records
//!   both ([`FilingKind`]), the complementary one carrying the updated facts.
//! - **Art. 34**: a breach likely to result in a *high* risk is communicated to the people concerned, unless
//!   (a) the data was made unintelligible to others, e.g. encrypted with a key that was not compromised,
//!   (b) later measures removed the high risk, or (c) it would take disproportionate effort, in which case a
//!   public communication replaces it. [`Breach::art34_decision`] derives the decision from the facts.
//!
//! ```
//! use cesizen_gdpr::breach::{Art34Decision, Breach, BreachFacts, BreachNature, DataCategory, DataProtection, RiskLevel};
//! use cesizen_gdpr::BreachId;
//! use chrono::{Duration, TimeZone, Utc};
//!
//! let aware = Utc.with_ymd_and_hms(2025, 3, 28, 10, 0, 0).unwrap();
//! let facts = BreachFacts {
//!     occurred_at: None,
//!     aware_at: aware,
//!     natures: vec![BreachNature::Confidentiality],
//!     data_categories: vec![DataCategory::JournalEntries],
//!     subjects_affected: 1200,
//!     records_affected: 56_000,
//!     description: "A database dump was exposed on a misconfigured bucket".into(),
//!     consequences: "Journal entries exposed as AES-256-GCM ciphertext; keys stored elsewhere".into(),
//!     measures: "Bucket closed, access logs reviewed, keyring rotated".into(),
//!     protection: DataProtection::EncryptedKeyNotCompromised,
//!     risk: RiskLevel::High,
//!     high_risk_removed: false,
//!     individual_communication_disproportionate: false,
//! };
//! let mut breach = Breach::record(BreachId::new(aware)?, facts)?;
//! assert_eq!(breach.notification_due_at(), aware + Duration::hours(72));
//! // Encrypted with an uncompromised key: no communication to the people (Art. 34(3)(a)).
//! assert_eq!(breach.art34_decision(), Art34Decision::ExemptUnintelligible);
//!
//! breach.file_initial(aware + Duration::hours(30), None, Some("CNIL-2025-0001"))?;
//! // After 72 hours a filing needs the reasons for the delay, complementary ones included.
//! # Ok::<(), cesizen_gdpr::Error>(())
//! ```

use cesizen_core::incident::BreachNotificationClock;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::id::BreachId;
use crate::timer::{AtRiskPercent, DeadlineWindow, Timer, TimerStatus};

const MAX_TEXT: usize = 4000;

/// Which security property the breach broke (the EDPB's classification).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum BreachNature {
    /// Unauthorised disclosure or access.
    Confidentiality,
    /// Unauthorised alteration.
    Integrity,
    /// Loss of access or destruction.
    Availability,
}

/// The categories of data concerned.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum DataCategory {
    /// E-mail addresses, display names.
    Identity,
    /// Password hashes, tokens.
    Credentials,
    /// Emotional-journal entries: health data (Art. 9).
    JournalEntries,
    /// Practice sessions.
    PracticeSessions,
    /// Logs.
    Logs,
    /// Backups.
    Backups,
}

impl DataCategory {
    /// Whether the category is special-category (health) data.
    pub fn is_special_category(&self) -> bool {
        matches!(self, DataCategory::JournalEntries)
    }
}

/// How the breached data was protected.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum DataProtection {
    /// In clear.
    Unprotected,
    /// Encrypted (the SDK's envelopes) and the keys were not compromised: unintelligible to the attacker.
    EncryptedKeyNotCompromised,
    /// Encrypted, but the keys were (or may have been) compromised too: treat as clear.
    EncryptedKeyCompromised,
}

/// The controller's assessment of the risk to the people concerned.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "BreachRisk", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    /// Unlikely to result in a risk: recorded, not notified (Art. 33(1)).
    Unlikely,
    /// A risk: notified to the authority.
    Risk,
    /// A high risk: notified to the authority and, unless exempt, communicated to the people (Art. 34(1)).
    High,
}

/// The facts of a breach (Art. 33(3) and 33(5)). Texts are 1–4,000 characters written by staff and must not
/// contain the personal data that leaked.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreachFacts {
    /// When it happened, if known.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub occurred_at: Option<DateTime<Utc>>,
    /// When the controller became aware of it (reasonable certainty that a breach occurred): the 72-hour clock
    /// starts here.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub aware_at: DateTime<Utc>,
    /// What was broken (at least one).
    pub natures: Vec<BreachNature>,
    /// Which data (at least one).
    pub data_categories: Vec<DataCategory>,
    /// Approximate number of people concerned.
    pub subjects_affected: u64,
    /// Approximate number of records concerned.
    pub records_affected: u64,
    /// What happened.
    pub description: String,
    /// Likely consequences.
    pub consequences: String,
    /// Measures taken or proposed.
    pub measures: String,
    /// How the data was protected.
    pub protection: DataProtection,
    /// The risk to the people.
    #[cfg_attr(feature = "wasm", tsify(type = "BreachRisk"))]
    pub risk: RiskLevel,
    /// Art. 34(3)(b): later measures ensure that a high risk is no longer likely.
    #[serde(default)]
    pub high_risk_removed: bool,
    /// Art. 34(3)(c): contacting each person would involve disproportionate effort.
    #[serde(default)]
    pub individual_communication_disproportionate: bool,
}

impl BreachFacts {
    fn validate(&self) -> Result<()> {
        if self.natures.is_empty() {
            return Err(Error::BreachFieldInvalid { field: "natures" });
        }
        if self.data_categories.is_empty() {
            return Err(Error::BreachFieldInvalid {
                field: "dataCategories",
            });
        }
        for (field, text) in [
            ("description", &self.description),
            ("consequences", &self.consequences),
            ("measures", &self.measures),
        ] {
            if text.trim().is_empty() || text.chars().count() > MAX_TEXT {
                return Err(Error::BreachFieldInvalid { field });
            }
        }
        if self.occurred_at.is_some_and(|o| o > self.aware_at) {
            return Err(Error::BreachFieldInvalid { field: "occurredAt" });
        }
        Ok(())
    }
}

/// Initial or complementary notification (the CNIL's two steps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingKind {
    /// The first notification, within 72 hours where feasible.
    Initial,
    /// The information that was not available at first (Art. 33(4)).
    Complementary,
}

/// One notification to the supervisory authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Filing {
    /// Initial or complementary.
    pub kind: FilingKind,
    /// When it was sent.
    pub at: DateTime<Utc>,
    /// The reasons for the delay, required when after the 72 hours.
    pub delay_reason: Option<String>,
    /// The authority's reference, if it gave one.
    pub reference: Option<String>,
}

/// Whether and how the people concerned must be told (Art. 34).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Art34Decision {
    /// Not a high risk: no communication required.
    NotRequired,
    /// High risk: each person must be told without undue delay.
    Required,
    /// Art. 34(3)(a): the data was unintelligible (encrypted, key not compromised).
    ExemptUnintelligible,
    /// Art. 34(3)(b): later measures removed the high risk.
    ExemptRiskRemoved,
    /// Art. 34(3)(c): a public communication replaces individual messages.
    PublicCommunication,
}

/// How the people were told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommunicationKind {
    /// A message to each person.
    Individual,
    /// A public communication.
    Public,
}

/// One breach in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Breach {
    id: BreachId,
    facts: BreachFacts,
    filings: Vec<Filing>,
    communicated: Option<(CommunicationKind, DateTime<Utc>)>,
}

/// Where a breach stands at an instant, in short ([`Breach::status`]): when the authority must be notified, where
/// that notification stands and what Art. 34 requires.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BreachStatus {
    /// 72 hours after awareness ([`Breach::notification_due_at`]).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub notification_due_at: DateTime<Utc>,
    /// The notification deadline's status; `None` when no notification is required and none was filed.
    #[cfg_attr(feature = "wasm", tsify(type = "DeadlineStatus | null"))]
    pub notification: Option<TimerStatus>,
    /// What Art. 34 requires.
    pub art34: Art34Decision,
}

/// Where a breach stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BreachAssessment {
    /// The breach.
    pub breach: BreachId,
    /// The authority notification against its 72 hours, or `None` when not required and not filed.
    pub notification: Option<Timer>,
    /// Whether an initial notification was filed but no complementary one yet.
    pub complementary_pending: bool,
    /// The Art. 34 decision.
    pub art34: Art34Decision,
    /// Whether a required communication to the people is still to be made.
    pub communication_pending: bool,
}

impl BreachAssessment {
    /// Whether someone should act now.
    pub fn needs_attention(&self) -> bool {
        self.notification.is_some_and(|t| t.status.needs_attention()) || self.communication_pending
    }
}

fn checked_text(text: Option<&str>, field: &'static str) -> Result<Option<String>> {
    match text {
        None => Ok(None),
        Some(t) if t.trim().is_empty() || t.chars().count() > MAX_TEXT => Err(Error::BreachFieldInvalid { field }),
        Some(t) => Ok(Some(t.to_owned())),
    }
}

impl Breach {
    /// Records a breach (Art. 33(5)): every breach, notified or not.
    pub fn record(id: BreachId, facts: BreachFacts) -> Result<Self> {
        facts.validate()?;
        Ok(Breach {
            id,
            facts,
            filings: Vec::new(),
            communicated: None,
        })
    }

    /// The breach's id.
    pub fn id(&self) -> BreachId {
        self.id
    }
    /// The facts as last known.
    pub fn facts(&self) -> &BreachFacts {
        &self.facts
    }
    /// The notifications filed, oldest first.
    pub fn filings(&self) -> &[Filing] {
        &self.filings
    }
    /// How and when the people were told, if they were.
    pub fn communicated(&self) -> Option<(CommunicationKind, DateTime<Utc>)> {
        self.communicated
    }

    fn clock(&self) -> BreachNotificationClock {
        BreachNotificationClock::new(self.facts.aware_at)
    }

    /// The end of the 72 hours (inclusive).
    pub fn notification_due_at(&self) -> DateTime<Utc> {
        self.clock().deadline()
    }

    /// Whether the authority must be notified (any risk but "unlikely").
    pub fn notification_required(&self) -> bool {
        self.facts.risk != RiskLevel::Unlikely
    }

    /// Files the initial notification. After the 72 hours, `delay_reason` is required.
    pub fn file_initial(
        &mut self,
        at: DateTime<Utc>,
        delay_reason: Option<&str>,
        reference: Option<&str>,
    ) -> Result<()> {
        if !self.filings.is_empty() {
            return Err(Error::BreachIllegalStep { step: "file_initial" });
        }
        self.file(FilingKind::Initial, at, delay_reason, reference)
    }

    /// Files a complementary notification with the updated facts (Art. 33(4)). The awareness time cannot
    /// change: it is the start of the legal clock.
    pub fn file_complementary(
        &mut self,
        at: DateTime<Utc>,
        updated: BreachFacts,
        delay_reason: Option<&str>,
        reference: Option<&str>,
    ) -> Result<()> {
        if self.filings.is_empty() {
            return Err(Error::BreachIllegalStep {
                step: "file_complementary",
            });
        }
        if updated.aware_at != self.facts.aware_at {
            return Err(Error::BreachFieldInvalid { field: "awareAt" });
        }
        updated.validate()?;
        let before = self.facts.clone();
        self.facts = updated;
        self.file(FilingKind::Complementary, at, delay_reason, reference)
            .inspect_err(|_| self.facts = before)
    }

    fn file(
        &mut self,
        kind: FilingKind,
        at: DateTime<Utc>,
        delay_reason: Option<&str>,
        reference: Option<&str>,
    ) -> Result<()> {
        let last = self.filings.last().map_or(self.facts.aware_at, |f| f.at);
        if at < last {
            return Err(Error::TimeRegression);
        }
        let delay_reason = checked_text(delay_reason, "delayReason")?;
        let reference = checked_text(reference, "reference")?;
        if self.clock().is_overdue(at) && delay_reason.is_none() {
            return Err(Error::BreachDelayReasonMissing);
        }
        self.filings.push(Filing {
            kind,
            at,
            delay_reason,
            reference,
        });
        Ok(())
    }

    /// The Art. 34 decision from the facts: high risk → required unless an exemption of 34(3) applies.
    pub fn art34_decision(&self) -> Art34Decision {
        let f = &self.facts;
        if f.risk != RiskLevel::High {
            Art34Decision::NotRequired
        } else if f.protection == DataProtection::EncryptedKeyNotCompromised {
            Art34Decision::ExemptUnintelligible
        } else if f.high_risk_removed {
            Art34Decision::ExemptRiskRemoved
        } else if f.individual_communication_disproportionate {
            Art34Decision::PublicCommunication
        } else {
            Art34Decision::Required
        }
    }

    /// Records the communication to the people. It must be of the kind the decision calls for when one is
    /// required; a voluntary communication (not required) may be of either kind.
    pub fn communicate(&mut self, kind: CommunicationKind, at: DateTime<Utc>) -> Result<()> {
        if self.communicated.is_some() {
            return Err(Error::BreachIllegalStep { step: "communicate" });
        }
        let expected = match self.art34_decision() {
            Art34Decision::Required => Some(CommunicationKind::Individual),
            Art34Decision::PublicCommunication => Some(CommunicationKind::Public),
            _ => None,
        };
        if expected.is_some_and(|e| e != kind) {
            return Err(Error::BreachIllegalStep { step: "communicate" });
        }
        if at < self.facts.aware_at {
            return Err(Error::TimeRegression);
        }
        self.communicated = Some((kind, at));
        Ok(())
    }

    /// Where the breach stands at `now`; "at risk" once `at_risk` of the 72 hours has elapsed (the plan's
    /// [`AtRiskPercent::PLAN`], or the configuration's
    /// [`BreachPolicy::at_risk_percent`](crate::BreachPolicy::at_risk_percent)).
    pub fn assess(&self, now: DateTime<Utc>, at_risk: AtRiskPercent) -> BreachAssessment {
        let initial = self.filings.first().map(|f| f.at);
        let notification = (initial.is_some() || self.notification_required())
            .then(|| DeadlineWindow::art33(&self.clock()).timer(initial, now, at_risk));
        let art34 = self.art34_decision();
        BreachAssessment {
            breach: self.id,
            notification,
            complementary_pending: self.filings.len() == 1,
            art34,
            communication_pending: matches!(art34, Art34Decision::Required | Art34Decision::PublicCommunication)
                && self.communicated.is_none(),
        }
    }

    /// The breach at `now` in short: [`Breach::notification_due_at`], and the notification's status and the
    /// Art. 34 decision of [`Breach::assess`].
    pub fn status(&self, now: DateTime<Utc>, at_risk: AtRiskPercent) -> BreachStatus {
        let assessment = self.assess(now, at_risk);
        BreachStatus {
            notification_due_at: self.notification_due_at(),
            notification: assessment.notification.map(|t| t.status),
            art34: assessment.art34,
        }
    }
}

/// The register: every breach, in the order recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BreachRegister {
    breaches: Vec<Breach>,
}

impl BreachRegister {
    /// An empty register.
    pub fn new() -> Self {
        BreachRegister::default()
    }

    /// Adds a breach; ids are unique.
    pub fn record(&mut self, breach: Breach) -> Result<()> {
        if self.get(breach.id()).is_some() {
            return Err(Error::BreachIllegalStep { step: "record" });
        }
        self.breaches.push(breach);
        Ok(())
    }

    /// The breach `id`.
    pub fn get(&self, id: BreachId) -> Option<&Breach> {
        self.breaches.iter().find(|b| b.id() == id)
    }

    /// The breach `id`, to file or communicate.
    pub fn get_mut(&mut self, id: BreachId) -> Option<&mut Breach> {
        self.breaches.iter_mut().find(|b| b.id() == id)
    }

    /// Every breach.
    pub fn breaches(&self) -> &[Breach] {
        &self.breaches
    }

    /// The breaches that need someone to act at `now`.
    pub fn needing_attention(&self, now: DateTime<Utc>, at_risk: AtRiskPercent) -> Vec<BreachAssessment> {
        self.breaches
            .iter()
            .map(|b| b.assess(now, at_risk))
            .filter(BreachAssessment::needs_attention)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timer::TimerStatus;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    fn aware() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 28, 10, 0, 0).unwrap()
    }
    fn facts(risk: RiskLevel, protection: DataProtection) -> BreachFacts {
        BreachFacts {
            occurred_at: Some(aware() - Duration::days(1)),
            aware_at: aware(),
            natures: vec![BreachNature::Confidentiality],
            data_categories: vec![DataCategory::JournalEntries, DataCategory::Identity],
            subjects_affected: 10,
            records_affected: 100,
            description: "d".into(),
            consequences: "c".into(),
            measures: "m".into(),
            protection,
            risk,
            high_risk_removed: false,
            individual_communication_disproportionate: false,
        }
    }
    fn breach(risk: RiskLevel, protection: DataProtection) -> Breach {
        Breach::record(BreachId::from_parts(aware(), [3; 10]).unwrap(), facts(risk, protection)).unwrap()
    }

    #[test]
    fn the_72_hours_include_the_last_instant_and_need_a_reason_after() {
        let mut b = breach(RiskLevel::Risk, DataProtection::Unprotected);
        let due = aware() + Duration::hours(72);
        assert_eq!(
            b.clone()
                .file_initial(due + Duration::seconds(1), None, None)
                .unwrap_err()
                .code(),
            "gdpr.breach.delay_reason_missing"
        );
        b.clone()
            .file_initial(due + Duration::seconds(1), Some("forensics needed"), None)
            .unwrap();
        b.file_initial(due, None, None).unwrap();
        assert_eq!(
            b.assess(due + Duration::days(1), AtRiskPercent::PLAN)
                .notification
                .unwrap()
                .status,
            TimerStatus::Met
        );
        assert!(b.assess(due, AtRiskPercent::PLAN).complementary_pending);
    }

    #[test]
    fn two_step_filing_updates_the_facts() {
        let mut b = breach(RiskLevel::High, DataProtection::Unprotected);
        let err = b.file_complementary(aware(), facts(RiskLevel::High, DataProtection::Unprotected), None, None);
        assert_eq!(err.unwrap_err().code(), "gdpr.breach.illegal_step");
        b.file_initial(aware() + Duration::hours(20), None, Some("CNIL-1"))
            .unwrap();
        assert_eq!(
            b.file_initial(aware() + Duration::hours(21), None, None)
                .unwrap_err()
                .code(),
            "gdpr.breach.illegal_step"
        );
        let mut updated = facts(RiskLevel::High, DataProtection::Unprotected);
        updated.subjects_affected = 5000;
        // Complementary after the 72 hours: needs a reason too.
        let late = aware() + Duration::days(10);
        assert_eq!(
            b.file_complementary(late, updated.clone(), None, None)
                .unwrap_err()
                .code(),
            "gdpr.breach.delay_reason_missing"
        );
        assert_eq!(
            b.facts().subjects_affected,
            10,
            "a refused filing leaves the facts unchanged"
        );
        b.file_complementary(late, updated.clone(), Some("count confirmed by forensics"), None)
            .unwrap();
        assert_eq!(b.facts().subjects_affected, 5000);
        assert!(!b.assess(late, AtRiskPercent::PLAN).complementary_pending);
        let mut moved = updated;
        moved.aware_at += Duration::hours(1);
        assert_eq!(
            b.file_complementary(late, moved, Some("x"), None).unwrap_err().code(),
            "gdpr.breach.field_invalid"
        );
    }

    #[test]
    fn art34_decision_and_exemptions() {
        use Art34Decision as D;
        assert_eq!(
            breach(RiskLevel::Risk, DataProtection::Unprotected).art34_decision(),
            D::NotRequired
        );
        assert_eq!(
            breach(RiskLevel::High, DataProtection::Unprotected).art34_decision(),
            D::Required
        );
        assert_eq!(
            breach(RiskLevel::High, DataProtection::EncryptedKeyNotCompromised).art34_decision(),
            D::ExemptUnintelligible
        );
        assert_eq!(
            breach(RiskLevel::High, DataProtection::EncryptedKeyCompromised).art34_decision(),
            D::Required
        );
        let mut f = facts(RiskLevel::High, DataProtection::Unprotected);
        f.high_risk_removed = true;
        assert_eq!(
            Breach::record(BreachId::new(aware()).unwrap(), f.clone())
                .unwrap()
                .art34_decision(),
            D::ExemptRiskRemoved
        );
        f.high_risk_removed = false;
        f.individual_communication_disproportionate = true;
        let mut b = Breach::record(BreachId::new(aware()).unwrap(), f).unwrap();
        assert_eq!(b.art34_decision(), D::PublicCommunication);
        assert!(b.assess(aware(), AtRiskPercent::PLAN).communication_pending);
        assert!(b.communicate(CommunicationKind::Individual, aware()).is_err());
        b.communicate(CommunicationKind::Public, aware() + Duration::hours(5))
            .unwrap();
        assert!(!b.assess(aware(), AtRiskPercent::PLAN).communication_pending);
    }

    #[test]
    fn unlikely_risk_is_recorded_not_notified() {
        let b = breach(RiskLevel::Unlikely, DataProtection::Unprotected);
        let a = b.assess(aware() + Duration::days(30), AtRiskPercent::PLAN);
        assert_eq!(a.notification, None);
        assert!(!a.needs_attention());
        let mut reg = BreachRegister::new();
        reg.record(b.clone()).unwrap();
        assert!(reg.record(b).is_err());
        assert_eq!(reg.breaches().len(), 1);
    }

    #[test]
    fn the_register_flags_notifications_at_risk_and_overdue() {
        let mut reg = BreachRegister::new();
        reg.record(breach(RiskLevel::Risk, DataProtection::Unprotected))
            .unwrap();
        assert!(
            reg.needing_attention(aware() + Duration::hours(50), AtRiskPercent::PLAN)
                .is_empty()
        );
        let flagged = reg.needing_attention(aware() + Duration::hours(54), AtRiskPercent::PLAN);
        assert_eq!(flagged[0].notification.unwrap().status, TimerStatus::AtRisk);
        let flagged = reg.needing_attention(aware() + Duration::hours(73), AtRiskPercent::PLAN);
        assert_eq!(flagged[0].notification.unwrap().status, TimerStatus::Overdue);
    }

    #[test]
    fn the_at_risk_share_is_the_one_given() {
        let b = breach(RiskLevel::Risk, DataProtection::Unprotected);
        let status = |hours, percent| {
            b.assess(aware() + Duration::hours(hours), AtRiskPercent::new(percent).unwrap())
                .notification
                .unwrap()
                .status
        };
        // 36 of the 72 hours: half the window.
        assert_eq!(status(36, 50), TimerStatus::AtRisk);
        assert_eq!(status(36, 51), TimerStatus::OnTrack);
        assert_eq!(status(36, AtRiskPercent::PLAN.get()), TimerStatus::OnTrack);
    }

    #[test]
    fn facts_are_validated() {
        let mut f = facts(RiskLevel::Risk, DataProtection::Unprotected);
        f.natures.clear();
        assert!(Breach::record(BreachId::new(aware()).unwrap(), f).is_err());
        let mut f = facts(RiskLevel::Risk, DataProtection::Unprotected);
        f.occurred_at = Some(aware() + Duration::hours(1));
        assert_eq!(
            Breach::record(BreachId::new(aware()).unwrap(), f)
                .unwrap_err()
                .to_string(),
            "breach record field `occurredAt` is invalid"
        );
        let mut f = facts(RiskLevel::Risk, DataProtection::Unprotected);
        f.measures = " ".into();
        assert!(Breach::record(BreachId::new(aware()).unwrap(), f).is_err());
    }

    #[test]
    fn the_status_is_the_deadline_and_the_assessment_in_short() {
        let at_risk = AtRiskPercent::new(75).unwrap();
        let mut b = breach(RiskLevel::Risk, DataProtection::Unprotected);
        let s = b.status(aware() + Duration::hours(60), at_risk);
        assert_eq!(s.notification_due_at, aware() + Duration::hours(72));
        assert_eq!(s.notification, Some(TimerStatus::AtRisk));
        b.file_initial(aware() + Duration::hours(70), None, None).unwrap();
        assert_eq!(
            b.status(aware() + Duration::hours(80), at_risk).notification,
            Some(TimerStatus::Met)
        );
        let unlikely = breach(RiskLevel::Unlikely, DataProtection::Unprotected);
        let s = unlikely.status(aware(), at_risk);
        assert_eq!((s.notification, s.art34), (None, Art34Decision::NotRequired));
        let json = serde_json::to_value(s).unwrap();
        assert_eq!(json["notification"], serde_json::Value::Null);
        assert_eq!(json["notificationDueAt"], serde_json::json!("2025-03-31T10:00:00Z"));
    }

    proptest! {
        #[test]
        fn a_filing_is_accepted_late_only_with_a_reason(minutes in 0i64..10_000, reason in any::<bool>()) {
            let mut b = breach(RiskLevel::Risk, DataProtection::Unprotected);
            let at = aware() + Duration::minutes(minutes);
            let r = b.file_initial(at, reason.then_some("r"), None);
            prop_assert_eq!(r.is_ok(), minutes <= 72 * 60 || reason);
        }

        #[test]
        fn the_status_agrees_with_the_assessment(minutes in -100i64..10_000, filed in proptest::option::of(0i64..5_000), percent in 1u8..100, risk in 0usize..3) {
            let risk = [RiskLevel::Unlikely, RiskLevel::Risk, RiskLevel::High][risk];
            let mut b = breach(risk, DataProtection::Unprotected);
            if let Some(f) = filed {
                b.file_initial(aware() + Duration::minutes(f), Some("r"), None).unwrap();
            }
            let (now, at_risk) = (aware() + Duration::minutes(minutes), AtRiskPercent::new(percent).unwrap());
            let s = b.status(now, at_risk);
            let a = b.assess(now, at_risk);
            prop_assert_eq!(s.notification_due_at, b.notification_due_at());
            prop_assert_eq!(s.notification, a.notification.map(|t| t.status));
            prop_assert_eq!(s.art34, a.art34);
            prop_assert_eq!(s.notification.is_none(), filed.is_none() && risk == RiskLevel::Unlikely);
        }
    }
}
