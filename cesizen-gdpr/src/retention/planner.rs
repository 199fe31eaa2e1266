//! The streaming retention planner.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::policy::{AgeRule, EndOfLife, RetentionPolicy};
use crate::error::Result;

/// The categories of stored data that retention covers.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "RecordCategory", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// An emotional-journal entry.
    JournalEntry,
    /// A practice session.
    PracticeSession,
    /// A user account (profile and credentials).
    Account,
    /// A log record.
    Log,
    /// A backup copy.
    Backup,
}

impl Category {
    /// Every category, in a stable order.
    pub const ALL: [Category; 5] = [
        Category::JournalEntry,
        Category::PracticeSession,
        Category::Account,
        Category::Log,
        Category::Backup,
    ];

    /// The stable lowercase name (`journal_entry`, …).
    pub fn as_str(&self) -> &'static str {
        match self {
            Category::JournalEntry => "journal_entry",
            Category::PracticeSession => "practice_session",
            Category::Account => "account",
            Category::Log => "log",
            Category::Backup => "backup",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// What the planner needs to know of one stored record: no content, only times and flags.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordMeta {
    /// The record's id in the caller's storage.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub id: Uuid,
    /// Its category.
    #[cfg_attr(feature = "wasm", tsify(type = "RecordCategory"))]
    pub category: Category,
    /// When it was created.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub created_at: DateTime<Utc>,
    /// Accounts: the last activity of the person (sign-in, entry, session). Ignored for other categories.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[serde(default)]
    pub last_active_at: Option<DateTime<Utc>>,
    /// Accounts: when the inactivity warning was sent, if it was.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[serde(default)]
    pub notified_at: Option<DateTime<Utc>>,
    /// Whether the record was already anonymised.
    #[serde(default)]
    pub anonymised: bool,
    /// A hold suspends retention: a pending restriction request (Art. 18), litigation, an authority's order.
    #[serde(default)]
    pub on_hold: bool,
}

impl RecordMeta {
    /// A record with no activity, warning, anonymisation or hold.
    pub fn new(id: Uuid, category: Category, created_at: DateTime<Utc>) -> Self {
        RecordMeta {
            id,
            category,
            created_at,
            last_active_at: None,
            notified_at: None,
            anonymised: false,
            on_hold: false,
        }
    }
}

/// What to do with a record.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "RetentionAction", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Nothing is due yet (or ever).
    Keep,
    /// Anonymise the record now.
    Anonymise,
    /// Delete the record now.
    Delete,
    /// Send the account's inactivity warning now, and record `notifiedAt`.
    Notify,
}

/// The planner's decision for one record.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "FullRetentionDecision", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// The record.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub id: Uuid,
    /// Its category.
    #[cfg_attr(feature = "wasm", tsify(type = "RecordCategory"))]
    pub category: Category,
    /// What to do now.
    #[cfg_attr(feature = "wasm", tsify(type = "RetentionAction"))]
    pub action: Action,
    /// For a due action, when it became due; for [`Action::Keep`], when the next action will be due, or `None`
    /// when none ever will (an anonymised entry, a record on hold).
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub due_at: Option<DateTime<Utc>>,
}

impl Decision {
    /// Whether an action (anything but keep) is due.
    pub fn is_due(&self) -> bool {
        self.action != Action::Keep
    }
}

/// Plans retention actions from a validated [`RetentionPolicy`].
#[derive(Debug, Clone)]
pub struct RetentionPlanner {
    policy: RetentionPolicy,
}

impl RetentionPlanner {
    /// A planner for `policy`, after [`RetentionPolicy::validate`].
    pub fn new(policy: RetentionPolicy) -> Result<Self> {
        policy.validate("")?;
        Ok(RetentionPlanner { policy })
    }

    /// The policy in force.
    pub fn policy(&self) -> &RetentionPolicy {
        &self.policy
    }

    /// The decision for one record at `now`. Errors only when a date leaves chrono's range.
    pub fn decide(&self, record: &RecordMeta, now: DateTime<Utc>) -> Result<Decision> {
        let (action, due_at) = if record.on_hold {
            (Action::Keep, None)
        } else {
            match record.category {
                Category::JournalEntry => age(&self.policy.journal_entries, record, now)?,
                Category::PracticeSession => age(&self.policy.practice_sessions, record, now)?,
                Category::Log => age(&self.policy.logs, record, now)?,
                Category::Backup => age(&self.policy.backups, record, now)?,
                Category::Account => self.account(record, now)?,
            }
        };
        Ok(Decision {
            id: record.id,
            category: record.category,
            action,
            due_at,
        })
    }

    /// Decisions for a stream of records, one at a time (constant memory).
    ///
    /// ```
    /// use cesizen_gdpr::retention::{Category, RecordMeta, RetentionPlanner, RetentionPolicy};
    /// use chrono::{TimeZone, Utc};
    /// use uuid::Uuid;
    ///
    /// let planner = RetentionPlanner::new(RetentionPolicy::default())?;
    /// let now = Utc.with_ymd_and_hms(2025, 6, 1, 0, 0, 0).unwrap();
    /// let rows = (0..1_000u32).map(|i| {
    ///     let created = now - chrono::Duration::days(i64::from(i));
    ///     RecordMeta::new(Uuid::from_u128(u128::from(i) + 1), Category::Log, created)
    /// });
    /// let due: Vec<_> = planner.plan(rows, now).due().collect::<Result<_, _>>()?;
    /// // Logs are kept 6 months: the rows older than 1 December 2024 are due for deletion.
    /// assert_eq!(due.len(), 1_000 - 182);
    /// # Ok::<(), cesizen_gdpr::Error>(())
    /// ```
    pub fn plan<I>(&self, records: I, now: DateTime<Utc>) -> Plan<'_, I::IntoIter>
    where
        I: IntoIterator<Item = RecordMeta>,
    {
        Plan {
            planner: self,
            records: records.into_iter(),
            now,
        }
    }

    fn account(&self, record: &RecordMeta, now: DateTime<Utc>) -> Result<(Action, Option<DateTime<Utc>>)> {
        let rule = &self.policy.accounts;
        let last = record
            .last_active_at
            .map_or(record.created_at, |t| t.max(record.created_at));
        let delete_at = rule.delete_after.after(last)?;
        match record.notified_at {
            // A warning sent during the current spell of inactivity: delete once both the inactivity and the
            // full notice have run.
            Some(sent) if sent >= last => {
                let due = delete_at.max(rule.notice.after(sent)?);
                Ok(if now >= due {
                    (Action::Delete, Some(due))
                } else {
                    (Action::Keep, Some(due))
                })
            }
            // No warning yet for this spell (or the person came back after one): warn first.
            _ => {
                let notify_at = rule.notice.before(delete_at)?.max(last);
                Ok(if now >= notify_at {
                    (Action::Notify, Some(notify_at))
                } else {
                    (Action::Keep, Some(notify_at))
                })
            }
        }
    }
}

fn age(rule: &AgeRule, record: &RecordMeta, now: DateTime<Utc>) -> Result<(Action, Option<DateTime<Utc>>)> {
    if rule.then == EndOfLife::Anonymise && record.anonymised {
        return Ok((Action::Keep, None));
    }
    let due = rule.after.after(record.created_at)?;
    if now < due {
        return Ok((Action::Keep, Some(due)));
    }
    let action = match rule.then {
        EndOfLife::Anonymise => Action::Anonymise,
        EndOfLife::Delete => Action::Delete,
    };
    Ok((action, Some(due)))
}

/// The iterator of [`RetentionPlanner::plan`]: one [`Decision`] per record, in input order.
#[derive(Debug, Clone)]
pub struct Plan<'p, I> {
    planner: &'p RetentionPlanner,
    records: I,
    now: DateTime<Utc>,
}

impl<'p, I: Iterator<Item = RecordMeta>> Plan<'p, I> {
    /// Only the decisions with an action due.
    pub fn due(self) -> impl Iterator<Item = Result<Decision>> + 'p
    where
        I: 'p,
    {
        self.filter(|d| d.as_ref().map_or(true, Decision::is_due))
    }

    /// Counts the decisions per category and action without keeping them.
    pub fn summarise(self) -> Result<PlanSummary> {
        let mut summary = PlanSummary::default();
        for decision in self {
            summary.add(&decision?);
        }
        Ok(summary)
    }
}

impl<I: Iterator<Item = RecordMeta>> Iterator for Plan<'_, I> {
    type Item = Result<Decision>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = self.records.next()?;
        Some(self.planner.decide(&record, self.now))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.records.size_hint()
    }
}

/// Counts of decisions per category and action, plus the earliest upcoming due date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    /// `counts[category][action]`, in the order of [`Category::ALL`] and keep/anonymise/delete/notify.
    pub counts: [[u64; 4]; 5],
    /// The earliest date at which a kept record will have an action due.
    pub next_due_at: Option<DateTime<Utc>>,
}

impl PlanSummary {
    /// Adds one decision.
    pub fn add(&mut self, decision: &Decision) {
        let action = match decision.action {
            Action::Keep => 0,
            Action::Anonymise => 1,
            Action::Delete => 2,
            Action::Notify => 3,
        };
        self.counts[decision.category.index()][action] += 1;
        if decision.action == Action::Keep
            && let Some(due) = decision.due_at
        {
            self.next_due_at = Some(self.next_due_at.map_or(due, |n| n.min(due)));
        }
    }

    /// How many decisions of `category` are `action`.
    pub fn count(&self, category: Category, action: Action) -> u64 {
        let a = match action {
            Action::Keep => 0,
            Action::Anonymise => 1,
            Action::Delete => 2,
            Action::Notify => 3,
        };
        self.counts[category.index()][a]
    }

    /// How many actions are due, all categories together.
    pub fn due(&self) -> u64 {
        self.counts.iter().map(|row| row[1] + row[2] + row[3]).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Period;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn utc(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }
    fn planner() -> RetentionPlanner {
        RetentionPlanner::new(RetentionPolicy::default()).unwrap()
    }
    fn account(created: DateTime<Utc>, last: Option<DateTime<Utc>>, notified: Option<DateTime<Utc>>) -> RecordMeta {
        RecordMeta {
            last_active_at: last,
            notified_at: notified,
            ..RecordMeta::new(Uuid::from_u128(9), Category::Account, created)
        }
    }

    #[test]
    fn journal_entries_are_anonymised_after_two_calendar_years() {
        let e = RecordMeta::new(Uuid::from_u128(1), Category::JournalEntry, utc(2024, 2, 29));
        let d = planner().decide(&e, utc(2026, 2, 27)).unwrap();
        assert_eq!((d.action, d.due_at), (Action::Keep, Some(utc(2026, 2, 28))));
        let d = planner().decide(&e, utc(2026, 2, 28)).unwrap();
        assert_eq!((d.action, d.due_at), (Action::Anonymise, Some(utc(2026, 2, 28))));
    }

    #[test]
    fn logs_and_backups_are_deleted() {
        let log = RecordMeta::new(Uuid::from_u128(2), Category::Log, utc(2025, 1, 1));
        assert_eq!(planner().decide(&log, utc(2025, 7, 1)).unwrap().action, Action::Delete);
        assert_eq!(planner().decide(&log, utc(2025, 6, 30)).unwrap().action, Action::Keep);
        let backup = RecordMeta::new(Uuid::from_u128(3), Category::Backup, utc(2025, 1, 1));
        assert_eq!(
            planner().decide(&backup, utc(2025, 4, 1)).unwrap().action,
            Action::Delete
        );
        // An anonymised flag does not save a record whose rule is deletion.
        let log = RecordMeta {
            anonymised: true,
            ..log
        };
        assert_eq!(planner().decide(&log, utc(2025, 7, 1)).unwrap().action, Action::Delete);
    }

    #[test]
    fn a_hold_suspends_everything() {
        let e = RecordMeta {
            on_hold: true,
            ..RecordMeta::new(Uuid::from_u128(1), Category::JournalEntry, utc(2000, 1, 1))
        };
        let d = planner().decide(&e, utc(2025, 1, 1)).unwrap();
        assert_eq!((d.action, d.due_at), (Action::Keep, None));
    }

    #[test]
    fn dormant_accounts_are_warned_then_deleted_after_the_full_notice() {
        let created = utc(2022, 1, 10);
        let last = utc(2023, 3, 31);
        // Deletion at 2025-03-31, warning one month before: 2025-02-28 (clamped).
        let a = account(created, Some(last), None);
        let d = planner().decide(&a, utc(2025, 2, 27)).unwrap();
        assert_eq!((d.action, d.due_at), (Action::Keep, Some(utc(2025, 2, 28))));
        let d = planner().decide(&a, utc(2025, 3, 15)).unwrap();
        assert_eq!((d.action, d.due_at), (Action::Notify, Some(utc(2025, 2, 28))));
        // Warned late, on 15 March: the person still gets a full month.
        let warned = account(created, Some(last), Some(utc(2025, 3, 15)));
        let d = planner().decide(&warned, utc(2025, 4, 1)).unwrap();
        assert_eq!((d.action, d.due_at), (Action::Keep, Some(utc(2025, 4, 15))));
        let d = planner().decide(&warned, utc(2025, 4, 15)).unwrap();
        assert_eq!(d.action, Action::Delete);
        // The person came back after the warning: the warning no longer counts.
        let back = account(created, Some(utc(2025, 3, 20)), Some(utc(2025, 3, 15)));
        let d = planner().decide(&back, utc(2025, 4, 15)).unwrap();
        assert_eq!((d.action, d.due_at), (Action::Keep, Some(utc(2027, 2, 20))));
    }

    #[test]
    fn an_account_without_activity_counts_from_creation() {
        let a = account(utc(2020, 1, 1), None, None);
        assert_eq!(planner().decide(&a, utc(2025, 1, 1)).unwrap().action, Action::Notify);
    }

    #[test]
    fn summary_counts_and_next_due() {
        let now = utc(2025, 1, 1);
        let rows = vec![
            RecordMeta::new(Uuid::from_u128(1), Category::JournalEntry, utc(2020, 1, 1)),
            RecordMeta::new(Uuid::from_u128(2), Category::JournalEntry, utc(2024, 6, 1)),
            RecordMeta::new(Uuid::from_u128(3), Category::Log, utc(2024, 12, 1)),
        ];
        let s = planner().plan(rows, now).summarise().unwrap();
        assert_eq!(s.count(Category::JournalEntry, Action::Anonymise), 1);
        assert_eq!(s.count(Category::JournalEntry, Action::Keep), 1);
        assert_eq!(s.count(Category::Log, Action::Keep), 1);
        assert_eq!(s.due(), 1);
        assert_eq!(s.next_due_at, Some(utc(2025, 6, 1)));
    }

    fn arb_meta() -> impl Strategy<Value = RecordMeta> {
        (
            0usize..5,
            0i64..2_000_000_000,
            proptest::option::of(0i64..200_000_000),
            proptest::option::of(0i64..200_000_000),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(c, created, last, notified, anonymised, on_hold)| {
                let created = DateTime::from_timestamp(created, 0).unwrap();
                RecordMeta {
                    id: Uuid::from_u128(7),
                    category: Category::ALL[c],
                    created_at: created,
                    last_active_at: last.map(|s| created + chrono::Duration::seconds(s)),
                    notified_at: notified.map(|s| created + chrono::Duration::seconds(s)),
                    anonymised,
                    on_hold,
                }
            })
    }

    /// Applies a decision to the metadata the way a caller would.
    fn apply(meta: RecordMeta, d: &Decision, now: DateTime<Utc>) -> Option<RecordMeta> {
        match d.action {
            Action::Keep => Some(meta),
            Action::Anonymise => Some(RecordMeta {
                anonymised: true,
                ..meta
            }),
            Action::Notify => Some(RecordMeta {
                notified_at: Some(now),
                ..meta
            }),
            Action::Delete => None,
        }
    }

    proptest! {
        #[test]
        fn deciding_is_idempotent_and_actions_are_never_repeated(meta in arb_meta(), now in 0i64..2_500_000_000) {
            let now = DateTime::from_timestamp(now, 0).unwrap();
            let p = planner();
            let d = p.decide(&meta, now).unwrap();
            prop_assert_eq!(p.decide(&meta, now).unwrap(), d);
            // A due action is dated no later than now; a kept record's next date is in the future.
            match d.action {
                Action::Keep => prop_assert!(d.due_at.is_none_or(|t| t > now)),
                _ => prop_assert!(d.due_at.is_some_and(|t| t <= now)),
            }
            if let Some(after) = apply(meta, &d, now) {
                let again = p.decide(&after, now).unwrap();
                if d.action != Action::Keep {
                    prop_assert_ne!(again.action, d.action, "the same action was asked twice");
                }
            }
        }

        #[test]
        fn once_due_stays_due_as_time_passes(meta in arb_meta(), now in 0i64..2_000_000_000, later in 0i64..100_000_000) {
            let now = DateTime::from_timestamp(now, 0).unwrap();
            let later = now + chrono::Duration::seconds(later);
            let p = planner();
            let d = p.decide(&meta, now).unwrap();
            if d.is_due() {
                prop_assert_eq!(p.decide(&meta, later).unwrap().action, d.action);
            }
        }

        #[test]
        fn an_account_is_never_deleted_without_a_full_notice(meta in arb_meta(), now in 0i64..2_500_000_000) {
            let now = DateTime::from_timestamp(now, 0).unwrap();
            let meta = RecordMeta { category: Category::Account, ..meta };
            let d = planner().decide(&meta, now).unwrap();
            if d.action == Action::Delete {
                let sent = meta.notified_at.unwrap();
                prop_assert!(Period::Months(1).after(sent).unwrap() <= now);
                prop_assert!(sent >= meta.last_active_at.unwrap_or(meta.created_at));
            }
        }
    }
}
