//! Retention rules per category, with the maintenance plan as the default.

use serde::{Deserialize, Serialize};

use crate::calendar::Period;
use crate::error::{Error, Result};

/// What happens to a record at the end of its retention.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum EndOfLife {
    /// Keep the record without anything that identifies the person (see [`crate::anonymise`]).
    Anonymise,
    /// Delete the record.
    Delete,
}

/// A rule on the record's age: `after` its creation, `then` anonymise or delete.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgeRule {
    /// How long after creation the record is kept as is.
    pub after: Period,
    /// What happens then.
    pub then: EndOfLife,
}

/// The rule for dormant accounts: warn, then delete.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InactivityRule {
    /// An account with no activity for this long is deleted (after its warning).
    pub delete_after: Period,
    /// The warning is sent this long before the deletion, and the deletion never comes sooner than this after
    /// the warning was actually sent.
    pub notice: Period,
}

/// Retention rules for every category of stored data.
///
/// The [`Default`] is the maintenance plan where it speaks and a documented choice where it does not:
///
/// | category | default | source |
/// |---|---|---|
/// | journal entries | 24 months, then anonymise | the plan: "2 ans puis anonymisation" |
/// | practice sessions | 24 months, then anonymise | the plan's rule for user data |
/// | dormant accounts | deleted after 24 months without activity, warned 1 month before | SDK choice, the CNIL's usual practice for dormant accounts |
/// | logs | 6 months, then delete | CNIL deliberation 2021-122 on logging (6 months to 1 year) |
/// | backups | 90 days, then delete | SDK choice; erased users are crypto-shredded in backups anyway |
///
/// ```
/// use cesizen_gdpr::retention::{EndOfLife, RetentionPolicy};
/// let policy = RetentionPolicy::default();
/// assert_eq!(policy.journal_entries.after.to_string(), "24 months");
/// assert_eq!(policy.journal_entries.then, EndOfLife::Anonymise);
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RetentionPolicy {
    /// Emotional-journal entries (Art. 9 health data).
    pub journal_entries: AgeRule,
    /// Practice sessions (meditation, breathing, zen garden).
    pub practice_sessions: AgeRule,
    /// Dormant accounts.
    pub accounts: InactivityRule,
    /// Application and access logs.
    pub logs: AgeRule,
    /// Backup copies.
    pub backups: AgeRule,
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        RetentionPolicy {
            journal_entries: AgeRule {
                after: Period::Months(24),
                then: EndOfLife::Anonymise,
            },
            practice_sessions: AgeRule {
                after: Period::Months(24),
                then: EndOfLife::Anonymise,
            },
            accounts: InactivityRule {
                delete_after: Period::Months(24),
                notice: Period::Months(1),
            },
            logs: AgeRule {
                after: Period::Months(6),
                then: EndOfLife::Delete,
            },
            backups: AgeRule {
                after: Period::Days(90),
                then: EndOfLife::Delete,
            },
        }
    }
}

impl RetentionPolicy {
    /// Checks the rules; `prefix` is the dotted path of the policy in its configuration file.
    ///
    /// Refused: a zero retention (it would destroy data as it is written), a notice not shorter than the
    /// inactivity it warns about, and anonymising logs or backups (they hold no structure to anonymise).
    pub fn validate(&self, prefix: &str) -> Result<()> {
        let field = |name: &str| format!("{prefix}{name}");
        for (name, rule) in [
            ("journalEntries.after", &self.journal_entries),
            ("practiceSessions.after", &self.practice_sessions),
            ("logs.after", &self.logs),
            ("backups.after", &self.backups),
        ] {
            if rule.after.is_zero() {
                return Err(Error::ConfigInvalid {
                    field: field(name),
                    reason: "a retention period must be longer than zero",
                });
            }
        }
        for (name, rule) in [("logs.then", &self.logs), ("backups.then", &self.backups)] {
            if rule.then == EndOfLife::Anonymise {
                return Err(Error::ConfigInvalid {
                    field: field(name),
                    reason: "logs and backups can only be deleted",
                });
            }
        }
        if self.accounts.delete_after.is_zero() {
            return Err(Error::ConfigInvalid {
                field: field("accounts.deleteAfter"),
                reason: "a retention period must be longer than zero",
            });
        }
        if self.accounts.notice.is_zero()
            || !self
                .accounts
                .notice
                .is_always_shorter_than(self.accounts.delete_after)?
        {
            return Err(Error::ConfigInvalid {
                field: field("accounts.notice"),
                reason: "the notice must be longer than zero and shorter than deleteAfter",
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_valid_and_is_the_plan() {
        let p = RetentionPolicy::default();
        p.validate("retention.").unwrap();
        assert_eq!(p.journal_entries.after, Period::Months(24));
        assert_eq!(p.journal_entries.then, EndOfLife::Anonymise);
    }

    #[test]
    fn invalid_rules_name_their_field() {
        let mut p = RetentionPolicy::default();
        p.accounts.notice = Period::Months(24);
        let e = p.validate("retention.").unwrap_err();
        assert_eq!(e.code(), "config.value.invalid");
        assert!(e.to_string().contains("retention.accounts.notice"), "{e}");

        let mut p = RetentionPolicy::default();
        p.logs.then = EndOfLife::Anonymise;
        assert!(p.validate("").unwrap_err().to_string().contains("`logs.then`"));

        let mut p = RetentionPolicy::default();
        p.journal_entries.after = Period::Days(0);
        assert!(p.validate("").unwrap_err().to_string().contains("journalEntries.after"));
    }
}
