//! Grouping alerts into one message per group and time window.
//!
//! P3 and P4 chat messages are "grouped" in the plan. The first alert of a group opens a window; alerts of the
//! same group arriving before the window closes join it; when it closes, one message lists them all. An alert
//! arriving at or after the close opens the next window. Within a group, a key raised several times is listed
//! once with its count.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{AlertKey, AlertingError, ConfigError, ConfigProblem};

/// A closed group, ready to be sent as one message.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertGroup {
    /// The group name.
    pub group: AlertKey,
    /// When the first alert arrived.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub opened_at: DateTime<Utc>,
    /// When the window closes (the message is due).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub closes_at: DateTime<Utc>,
    /// The alerts, by key, with how many times each arrived.
    pub members: BTreeMap<AlertKey, u64>,
}

/// Collects alerts into groups over a fixed window.
///
/// ```
/// use cesizen_core::alerting::{AlertGrouper, AlertKey};
/// use chrono::TimeDelta;
/// let mut g = AlertGrouper::new(TimeDelta::minutes(15)).unwrap();
/// let t0: chrono::DateTime<chrono::Utc> = "2025-01-01T10:00:00Z".parse().unwrap();
/// let p3 = AlertKey::new("p3").unwrap();
/// g.add(&p3, AlertKey::new("slow-page").unwrap(), t0).unwrap();
/// g.add(&p3, AlertKey::new("img-404").unwrap(), t0 + TimeDelta::minutes(3)).unwrap();
/// let sent = g.flush_due(t0 + TimeDelta::minutes(15));
/// assert_eq!(sent[0].members.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertGrouper {
    window: TimeDelta,
    open: BTreeMap<AlertKey, AlertGroup>,
    closed: Vec<AlertGroup>,
    last_at: Option<DateTime<Utc>>,
}

impl AlertGrouper {
    /// A grouper with a positive window.
    ///
    /// # Errors
    /// [`ConfigProblem::NotPositive`] for a zero or negative window.
    pub fn new(window: TimeDelta) -> Result<Self, ConfigError> {
        if window <= TimeDelta::zero() {
            return Err(ConfigError::new("groupingWindowMs", ConfigProblem::NotPositive));
        }
        Ok(AlertGrouper {
            window,
            open: BTreeMap::new(),
            closed: Vec::new(),
            last_at: None,
        })
    }

    /// Adds an alert `key` to `group` at `at`; returns when its message is due.
    ///
    /// # Errors
    /// [`AlertingError::OutOfOrder`] when `at` precedes the previous alert;
    /// [`AlertingError::DateOutOfRange`] when the window end cannot be represented.
    pub fn add(&mut self, group: &AlertKey, key: AlertKey, at: DateTime<Utc>) -> Result<DateTime<Utc>, AlertingError> {
        if self.last_at.is_some_and(|last| at < last) {
            return Err(AlertingError::OutOfOrder);
        }
        self.last_at = Some(at);
        self.close_expired(at);
        let closes_at = at
            .checked_add_signed(self.window)
            .ok_or(AlertingError::DateOutOfRange)?;
        let open = self.open.entry(group.clone()).or_insert_with(|| AlertGroup {
            group: group.clone(),
            opened_at: at,
            closes_at,
            members: BTreeMap::new(),
        });
        *open.members.entry(key).or_default() += 1;
        Ok(open.closes_at)
    }

    /// The groups whose window has closed by `now`, oldest first; they are removed.
    pub fn flush_due(&mut self, now: DateTime<Utc>) -> Vec<AlertGroup> {
        self.close_expired(now);
        let mut due = core::mem::take(&mut self.closed);
        due.sort_by(|a, b| (a.closes_at, &a.group).cmp(&(b.closes_at, &b.group)));
        due
    }

    fn close_expired(&mut self, now: DateTime<Utc>) {
        let expired: Vec<AlertKey> = self
            .open
            .values()
            .filter(|g| g.closes_at <= now)
            .map(|g| g.group.clone())
            .collect();
        for name in expired {
            if let Some(group) = self.open.remove(&name) {
                self.closed.push(group);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(min: i64) -> DateTime<Utc> {
        "2025-01-01T10:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::minutes(min)
    }

    fn k(s: &str) -> AlertKey {
        AlertKey::new(s).unwrap()
    }

    #[test]
    fn window_boundary_belongs_to_the_next_group() {
        let mut g = AlertGrouper::new(TimeDelta::minutes(15)).unwrap();
        assert_eq!(g.add(&k("p3"), k("a"), t(0)).unwrap(), t(15));
        assert_eq!(g.add(&k("p3"), k("a"), t(14)).unwrap(), t(15));
        assert!(g.flush_due(t(14)).is_empty());
        // Arriving exactly at the close opens a new window.
        assert_eq!(g.add(&k("p3"), k("b"), t(15)).unwrap(), t(30));
        let sent = g.flush_due(t(15));
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].members, BTreeMap::from([(k("a"), 2)]));
        assert_eq!(g.flush_due(t(30))[0].members, BTreeMap::from([(k("b"), 1)]));
    }

    #[test]
    fn zero_window_and_backdated_alerts_are_refused() {
        assert_eq!(
            AlertGrouper::new(TimeDelta::zero()).unwrap_err().code(),
            "config.value.not_positive"
        );
        let mut g = AlertGrouper::new(TimeDelta::minutes(1)).unwrap();
        g.add(&k("g"), k("a"), t(5)).unwrap();
        assert_eq!(
            g.add(&k("g"), k("a"), t(4)).unwrap_err().code(),
            "alerting.event.out_of_order"
        );
    }

    proptest! {
        #[test]
        fn every_alert_is_sent_exactly_once(arrivals in proptest::collection::vec((0i64..3, 0usize..3, 0usize..4), 0..80)) {
            let mut g = AlertGrouper::new(TimeDelta::minutes(10)).unwrap();
            let mut now = 0;
            let mut sent = Vec::new();
            for (gap, group, key) in &arrivals {
                now += gap;
                g.add(&k(&format!("g{group}")), k(&format!("a{key}")), t(now)).unwrap();
                sent.extend(g.flush_due(t(now)));
            }
            sent.extend(g.flush_due(t(now + 10)));
            let total: u64 = sent.iter().flat_map(|grp| grp.members.values()).sum();
            prop_assert_eq!(total, arrivals.len() as u64);
            for grp in &sent {
                prop_assert_eq!(grp.closes_at - grp.opened_at, TimeDelta::minutes(10));
            }
        }
    }
}
