//! The consent ledger: which person agreed to what, under which text, how, and when they withdrew.
//!
//! Art. 7(1) puts the burden of proof on the controller: it must be able to show that the person consented,
//! to which purpose and to which wording. The ledger is therefore append-only, one per person, and every
//! record names the purpose, the version of the text shown, the way consent was expressed and the time.
//!
//! **Health data needs explicit consent.** Emotional-journal entries are data concerning health (Art. 9(1));
//! processing them on the basis of consent needs *explicit* consent (Art. 9(2)(a)): a dedicated, affirmative
//! statement about that data — a separate unticked box naming it, a typed confirmation — not a general
//! acceptance of terms. [`Purpose::is_special_category`] marks such purposes, and the ledger refuses a consent to
//! them that is not [`ConsentMethod::ExplicitStatement`].
//!
//! **Withdrawal** is always possible and as easy as consent (Art. 7(3)); it does not undo the lawfulness of
//! what came before, so the earlier records stay.
//!
//! ```
//! use cesizen_gdpr::consent::{ConsentLedger, ConsentMethod, ConsentStatus, Purpose, TextVersion};
//! use chrono::{Duration, TimeZone, Utc};
//! use cesizen_core::id::UserId;
//!
//! let t = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
//! let v1 = TextVersion::new("journal-2025.1")?;
//! let mut ledger = ConsentLedger::new(UserId::from_parts(t, [42; 10]).unwrap());
//!
//! // A ticked box among others is not enough for health data.
//! let err = ledger.give(Purpose::EmotionalJournal, v1.clone(), ConsentMethod::AffirmativeAction, t).unwrap_err();
//! assert_eq!(err.code(), "gdpr.consent.explicit_required");
//!
//! ledger.give(Purpose::EmotionalJournal, v1.clone(), ConsentMethod::ExplicitStatement, t)?;
//! assert!(ledger.is_valid(Purpose::EmotionalJournal, &v1));
//! ledger.withdraw(Purpose::EmotionalJournal, t + Duration::days(3))?;
//! assert!(matches!(ledger.status(Purpose::EmotionalJournal), ConsentStatus::Withdrawn { .. }));
//! # Ok::<(), cesizen_gdpr::Error>(())
//! ```

use cesizen_core::id::UserId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What the person consents to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Keeping the emotional journal (emotions, intensities, notes): health data, Art. 9.
    EmotionalJournal,
    /// Writing entries and sessions to Apple Health or Health Connect: health data, Art. 9.
    HealthSync,
    /// Reminders and notifications.
    Reminders,
    /// Product analytics on pseudonymised usage.
    ProductAnalytics,
    /// The newsletter.
    Newsletter,
}

impl Purpose {
    /// Every purpose, in a stable order.
    pub const ALL: [Purpose; 5] = [
        Purpose::EmotionalJournal,
        Purpose::HealthSync,
        Purpose::Reminders,
        Purpose::ProductAnalytics,
        Purpose::Newsletter,
    ];

    /// Whether the purpose covers special-category data (Art. 9: health), which needs explicit consent.
    pub fn is_special_category(&self) -> bool {
        matches!(self, Purpose::EmotionalJournal | Purpose::HealthSync)
    }
}

/// The version of the consent text the person saw: 1–64 characters of `A-Z a-z 0-9 . _ -`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TextVersion(String);

impl TextVersion {
    /// Validates a version label such as `journal-2025.1`.
    pub fn new(text: &str) -> Result<Self> {
        let ok = (1..=64).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if ok {
            Ok(TextVersion(text.to_owned()))
        } else {
            Err(Error::ConsentTextVersionInvalid)
        }
    }

    /// The label.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TextVersion {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        TextVersion::new(&s)
    }
}

impl From<TextVersion> for String {
    fn from(v: TextVersion) -> Self {
        v.0
    }
}

/// How consent was expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ConsentMethod {
    /// A clear affirmative act (ticking a box, switching a setting on): enough for ordinary data (Art. 4(11)).
    AffirmativeAction,
    /// An express statement dedicated to the purpose and naming the data (a separate unticked box about health
    /// data, a typed confirmation): the explicit consent of Art. 9(2)(a).
    ExplicitStatement,
}

/// Given or withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConsentAction {
    /// Consent given.
    Given,
    /// Consent withdrawn.
    Withdrawn,
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsentRecord {
    /// The purpose.
    pub purpose: Purpose,
    /// Given or withdrawn.
    pub action: ConsentAction,
    /// The text version consented to (for a withdrawal: the version being withdrawn).
    pub text_version: TextVersion,
    /// How consent was expressed (for a withdrawal: how it had been given).
    pub method: ConsentMethod,
    /// When.
    pub at: DateTime<Utc>,
}

/// The state of one purpose for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsentStatus {
    /// Never asked or never given.
    Never,
    /// Given, and not withdrawn since.
    Given {
        /// The text version.
        text_version: TextVersion,
        /// How.
        method: ConsentMethod,
        /// When.
        at: DateTime<Utc>,
    },
    /// Withdrawn.
    Withdrawn {
        /// When.
        at: DateTime<Utc>,
    },
}

/// One person's consents, append-only, in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentLedger {
    subject: UserId,
    records: Vec<ConsentRecord>,
}

impl ConsentLedger {
    /// An empty ledger for the person `subject`.
    pub fn new(subject: UserId) -> Self {
        ConsentLedger {
            subject,
            records: Vec::new(),
        }
    }

    /// Rebuilds a ledger from stored records by replaying them through [`give`](Self::give) and
    /// [`withdraw`](Self::withdraw), so stored data cannot hold a non-explicit health consent or an orphan
    /// withdrawal.
    pub fn replay(subject: UserId, records: &[ConsentRecord]) -> Result<Self> {
        let mut ledger = ConsentLedger::new(subject);
        for r in records {
            match r.action {
                ConsentAction::Given => ledger.give(r.purpose, r.text_version.clone(), r.method, r.at)?,
                ConsentAction::Withdrawn => ledger.withdraw(r.purpose, r.at)?,
            };
        }
        Ok(ledger)
    }

    /// The person.
    pub fn subject(&self) -> UserId {
        self.subject
    }

    /// Every record, oldest first.
    pub fn records(&self) -> &[ConsentRecord] {
        &self.records
    }

    /// Records consent to `purpose` under `text_version`. Giving again (a new text version) supersedes.
    pub fn give(
        &mut self,
        purpose: Purpose,
        text_version: TextVersion,
        method: ConsentMethod,
        at: DateTime<Utc>,
    ) -> Result<&ConsentRecord> {
        if purpose.is_special_category() && method != ConsentMethod::ExplicitStatement {
            return Err(Error::ConsentExplicitRequired);
        }
        self.push(ConsentRecord {
            purpose,
            action: ConsentAction::Given,
            text_version,
            method,
            at,
        })
    }

    /// Records the withdrawal of a consent currently given.
    pub fn withdraw(&mut self, purpose: Purpose, at: DateTime<Utc>) -> Result<&ConsentRecord> {
        let ConsentStatus::Given {
            text_version, method, ..
        } = self.status(purpose)
        else {
            return Err(Error::ConsentNotGiven);
        };
        self.push(ConsentRecord {
            purpose,
            action: ConsentAction::Withdrawn,
            text_version,
            method,
            at,
        })
    }

    fn push(&mut self, record: ConsentRecord) -> Result<&ConsentRecord> {
        if self.records.last().is_some_and(|last| record.at < last.at) {
            return Err(Error::TimeRegression);
        }
        self.records.push(record);
        self.records.last().ok_or(Error::ConsentNotGiven)
    }

    /// The current state of `purpose`.
    pub fn status(&self, purpose: Purpose) -> ConsentStatus {
        match self.records.iter().rev().find(|r| r.purpose == purpose) {
            None => ConsentStatus::Never,
            Some(r) if r.action == ConsentAction::Withdrawn => ConsentStatus::Withdrawn { at: r.at },
            Some(r) => ConsentStatus::Given {
                text_version: r.text_version.clone(),
                method: r.method,
                at: r.at,
            },
        }
    }

    /// Whether processing for `purpose` may rely on consent now: given, not withdrawn, and to the text version
    /// currently in force (`current`); a consent to an older text must be asked for again.
    pub fn is_valid(&self, purpose: Purpose, current: &TextVersion) -> bool {
        matches!(self.status(purpose), ConsentStatus::Given { text_version, .. } if &text_version == current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    fn t(h: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 1, 0, 0, 0).unwrap() + Duration::hours(h)
    }
    fn v(s: &str) -> TextVersion {
        TextVersion::new(s).unwrap()
    }

    #[test]
    fn text_versions_are_validated() {
        assert!(TextVersion::new("journal-2025.1_b").is_ok());
        for bad in ["", "a b", "é", &"x".repeat(65)] {
            assert_eq!(
                TextVersion::new(bad).unwrap_err().code(),
                "gdpr.consent.text_version_invalid"
            );
        }
        assert!(serde_json::from_str::<TextVersion>("\"a b\"").is_err());
    }

    #[test]
    fn ordinary_purposes_accept_an_affirmative_action() {
        let mut l = ConsentLedger::new(UserId::from_uuid(uuid::Uuid::from_u128(1)).unwrap());
        l.give(Purpose::Newsletter, v("n1"), ConsentMethod::AffirmativeAction, t(0))
            .unwrap();
        assert!(l.is_valid(Purpose::Newsletter, &v("n1")));
        assert!(
            !l.is_valid(Purpose::Newsletter, &v("n2")),
            "a new text needs a new consent"
        );
        assert_eq!(l.status(Purpose::Reminders), ConsentStatus::Never);
    }

    #[test]
    fn withdrawal_needs_a_given_consent_and_keeps_history() {
        let mut l = ConsentLedger::new(UserId::from_uuid(uuid::Uuid::from_u128(1)).unwrap());
        assert_eq!(
            l.withdraw(Purpose::HealthSync, t(0)).unwrap_err().code(),
            "gdpr.consent.not_given"
        );
        l.give(Purpose::HealthSync, v("h1"), ConsentMethod::ExplicitStatement, t(1))
            .unwrap();
        l.withdraw(Purpose::HealthSync, t(2)).unwrap();
        assert_eq!(
            l.withdraw(Purpose::HealthSync, t(3)).unwrap_err().code(),
            "gdpr.consent.not_given"
        );
        assert_eq!(l.records().len(), 2);
        assert_eq!(l.records()[1].text_version, v("h1"));
        assert_eq!(
            l.give(Purpose::Newsletter, v("n"), ConsentMethod::AffirmativeAction, t(1))
                .unwrap_err()
                .code(),
            "gdpr.time.regression"
        );
    }

    #[test]
    fn replay_refuses_a_stored_non_explicit_health_consent() {
        let forged = ConsentRecord {
            purpose: Purpose::EmotionalJournal,
            action: ConsentAction::Given,
            text_version: v("j1"),
            method: ConsentMethod::AffirmativeAction,
            at: t(0),
        };
        let err = ConsentLedger::replay(UserId::from_uuid(uuid::Uuid::from_u128(1)).unwrap(), &[forged]).unwrap_err();
        assert_eq!(err.code(), "gdpr.consent.explicit_required");
    }

    proptest! {
        #[test]
        fn the_status_is_the_last_record_and_replay_is_faithful(ops in proptest::collection::vec((0usize..5, any::<bool>(), any::<bool>()), 0..30)) {
            let mut l = ConsentLedger::new(UserId::from_uuid(uuid::Uuid::from_u128(1)).unwrap());
            for (i, (p, give, explicit)) in ops.into_iter().enumerate() {
                let purpose = Purpose::ALL[p];
                let method = if explicit { ConsentMethod::ExplicitStatement } else { ConsentMethod::AffirmativeAction };
                let before = l.clone();
                let r = if give { l.give(purpose, v("x1"), method, t(i as i64)).map(drop) } else { l.withdraw(purpose, t(i as i64)).map(drop) };
                if r.is_err() { prop_assert_eq!(&l, &before); }
            }
            for r in l.records() {
                if r.purpose.is_special_category() { prop_assert_eq!(r.method, ConsentMethod::ExplicitStatement); }
            }
            prop_assert_eq!(ConsentLedger::replay(l.subject(), l.records()).unwrap(), l);
        }
    }
}
