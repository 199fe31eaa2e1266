//! Deduplication and suppression of firing alerts.
//!
//! Monitors re-raise a condition at every evaluation; people must be told once. The desk keeps the firing
//! alerts by key:
//!
//! - **Deduplication**: raising a key that is already firing is a repeat; the desk counts repeats and tells
//!   nobody, unless the severity rises (then it notifies again, as an escalation).
//! - **Suppression**: alerts share a *subject* (a host, a service). While an alert of a higher severity fires
//!   for a subject, a lower one for the same subject is suppressed (the CPU warning is noise while the CPU
//!   critical fires). When the higher one resolves, the lower ones it was hiding are *released*, to be
//!   notified then.
//!
//! Raising at severity [`Severity::Normal`] resolves the key. Events must come in time order.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{AlertKey, AlertingError, Severity};

/// An alert as a monitor raises it.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RaisedAlert {
    /// The identity used for deduplication.
    pub key: AlertKey,
    /// What the alert is about, used for suppression.
    pub subject: AlertKey,
    /// How bad.
    pub severity: Severity,
    /// When.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub at: DateTime<Utc>,
}

/// A firing alert as the desk holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FiringAlert {
    /// The key.
    pub key: AlertKey,
    /// The subject.
    pub subject: AlertKey,
    /// The current severity.
    pub severity: Severity,
    /// First raised.
    pub first_at: DateTime<Utc>,
    /// Last raised.
    pub last_at: DateTime<Utc>,
    /// How many times it was raised, the first time included.
    pub count: u64,
}

/// What to do with a raised alert.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum Disposition {
    /// Tell people: a new alert, or a known one whose severity rose (`escalated_from`).
    Notify {
        /// The previous severity when a firing alert got worse.
        escalated_from: Option<Severity>,
    },
    /// Already firing at this severity or above: counted, nobody told.
    Repeat {
        /// Times raised so far, the first time included.
        count: u64,
    },
    /// A higher-severity alert fires for the same subject: recorded, nobody told.
    Suppressed {
        /// The alert that hides it.
        by: AlertKey,
    },
    /// Raised at normal severity: the key is resolved (`was_firing` says whether it was).
    Resolved {
        /// Whether the key was firing.
        was_firing: bool,
        /// Lower alerts of the subject that this one hid and that must now be notified.
        released: Vec<AlertKey>,
    },
}

/// The set of firing alerts.
///
/// ```
/// use cesizen_core::alerting::{AlertDesk, AlertKey, Disposition, RaisedAlert, Severity};
/// let mut desk = AlertDesk::default();
/// let at = "2025-01-01T00:00:00Z".parse().unwrap();
/// let raise = |key: &str, severity| RaisedAlert {
///     key: AlertKey::new(key).unwrap(), subject: AlertKey::new("api-1").unwrap(), severity, at,
/// };
/// assert_eq!(desk.raise(raise("cpu:crit", Severity::Critical)).unwrap(), Disposition::Notify { escalated_from: None });
/// assert_eq!(desk.raise(raise("cpu:crit", Severity::Critical)).unwrap(), Disposition::Repeat { count: 2 });
/// assert!(matches!(desk.raise(raise("cpu:warn", Severity::Warning)).unwrap(), Disposition::Suppressed { .. }));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertDesk {
    firing: BTreeMap<AlertKey, FiringAlert>,
    last_at: Option<DateTime<Utc>>,
}

impl AlertDesk {
    /// Records `alert` and says what to do with it.
    ///
    /// # Errors
    /// [`AlertingError::OutOfOrder`] when `alert.at` precedes the previous event.
    pub fn raise(&mut self, alert: RaisedAlert) -> Result<Disposition, AlertingError> {
        if self.last_at.is_some_and(|last| alert.at < last) {
            return Err(AlertingError::OutOfOrder);
        }
        self.last_at = Some(alert.at);
        if alert.severity == Severity::Normal {
            return Ok(self.remove(&alert.key));
        }
        let previous = self.firing.get(&alert.key).map(|f| f.severity);
        let entry = self.firing.entry(alert.key.clone()).or_insert_with(|| FiringAlert {
            key: alert.key.clone(),
            subject: alert.subject.clone(),
            severity: alert.severity,
            first_at: alert.at,
            last_at: alert.at,
            count: 0,
        });
        entry.count += 1;
        entry.last_at = alert.at;
        entry.subject = alert.subject;
        entry.severity = alert.severity;
        let count = entry.count;
        if let Some(by) = self.hider(&alert.key) {
            return Ok(Disposition::Suppressed { by });
        }
        Ok(match previous {
            None => Disposition::Notify { escalated_from: None },
            Some(old) if alert.severity > old => Disposition::Notify {
                escalated_from: Some(old),
            },
            Some(_) => Disposition::Repeat { count },
        })
    }

    /// Resolves `key` at `at`.
    ///
    /// # Errors
    /// [`AlertingError::OutOfOrder`] when `at` precedes the previous event.
    pub fn resolve(&mut self, key: &AlertKey, at: DateTime<Utc>) -> Result<Disposition, AlertingError> {
        if self.last_at.is_some_and(|last| at < last) {
            return Err(AlertingError::OutOfOrder);
        }
        self.last_at = Some(at);
        Ok(self.remove(key))
    }

    fn remove(&mut self, key: &AlertKey) -> Disposition {
        let Some(subject) = self.firing.get(key).map(|f| f.subject.clone()) else {
            return Disposition::Resolved {
                was_firing: false,
                released: Vec::new(),
            };
        };
        let same_subject: Vec<AlertKey> = self
            .firing
            .values()
            .filter(|f| f.subject == subject && &f.key != key)
            .map(|f| f.key.clone())
            .collect();
        let hidden_before: Vec<bool> = same_subject.iter().map(|k| self.hider(k).is_some()).collect();
        self.firing.remove(key);
        let released = same_subject
            .into_iter()
            .zip(hidden_before)
            .filter(|(k, was_hidden)| *was_hidden && self.hider(k).is_none())
            .map(|(k, _)| k)
            .collect();
        Disposition::Resolved {
            was_firing: true,
            released,
        }
    }

    /// The most severe other alert of the same subject that is strictly more severe than `key`, if any.
    fn hider(&self, key: &AlertKey) -> Option<AlertKey> {
        let me = self.firing.get(key)?;
        self.firing
            .values()
            .filter(|f| f.subject == me.subject && f.severity > me.severity)
            .max_by_key(|f| f.severity)
            .map(|f| f.key.clone())
    }

    /// Whether `key` fires but is hidden by a more severe alert of its subject.
    pub fn is_suppressed(&self, key: &AlertKey) -> bool {
        self.hider(key).is_some()
    }

    /// The firing alerts, by key.
    pub fn firing(&self) -> impl Iterator<Item = &FiringAlert> {
        self.firing.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;
    use proptest::prelude::*;

    fn key(s: &str) -> AlertKey {
        AlertKey::new(s).unwrap()
    }

    fn raise(desk: &mut AlertDesk, k: &str, subject: &str, severity: Severity, minute: i64) -> Disposition {
        let at = "2025-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::minutes(minute);
        desk.raise(RaisedAlert {
            key: key(k),
            subject: key(subject),
            severity,
            at,
        })
        .unwrap()
    }

    #[test]
    fn repeats_are_counted_and_a_rise_notifies_again() {
        let mut d = AlertDesk::default();
        assert_eq!(
            raise(&mut d, "disk", "db", Severity::Warning, 0),
            Disposition::Notify { escalated_from: None }
        );
        assert_eq!(
            raise(&mut d, "disk", "db", Severity::Warning, 1),
            Disposition::Repeat { count: 2 }
        );
        assert_eq!(
            raise(&mut d, "disk", "db", Severity::Warning, 2),
            Disposition::Repeat { count: 3 }
        );
        assert_eq!(
            raise(&mut d, "disk", "db", Severity::Critical, 3),
            Disposition::Notify {
                escalated_from: Some(Severity::Warning)
            }
        );
        assert_eq!(
            raise(&mut d, "disk", "db", Severity::Warning, 4),
            Disposition::Repeat { count: 5 }
        );
        let f = d.firing().next().unwrap();
        assert_eq!(
            (f.count, f.severity, f.first_at.timestamp() / 60 % 60),
            (5, Severity::Warning, 0)
        );
    }

    #[test]
    fn lower_severity_is_suppressed_while_higher_fires_then_released() {
        let mut d = AlertDesk::default();
        raise(&mut d, "cpu:critical", "api-1", Severity::Critical, 0);
        assert_eq!(
            raise(&mut d, "cpu:warning", "api-1", Severity::Warning, 1),
            Disposition::Suppressed {
                by: key("cpu:critical")
            }
        );
        // Another subject is not affected.
        assert_eq!(
            raise(&mut d, "cpu:warning2", "api-2", Severity::Warning, 1),
            Disposition::Notify { escalated_from: None }
        );
        assert!(d.is_suppressed(&key("cpu:warning")));
        assert_eq!(
            raise(&mut d, "cpu:critical", "api-1", Severity::Normal, 2),
            Disposition::Resolved {
                was_firing: true,
                released: vec![key("cpu:warning")]
            }
        );
        assert!(!d.is_suppressed(&key("cpu:warning")));
        assert_eq!(
            d.resolve(&key("nothing"), "2025-01-01T01:00:00Z".parse().unwrap())
                .unwrap(),
            Disposition::Resolved {
                was_firing: false,
                released: vec![]
            }
        );
    }

    #[test]
    fn events_must_come_in_time_order() {
        let mut d = AlertDesk::default();
        raise(&mut d, "a", "s", Severity::Warning, 10);
        let late = RaisedAlert {
            key: key("a"),
            subject: key("s"),
            severity: Severity::Warning,
            at: "2025-01-01T00:05:00Z".parse().unwrap(),
        };
        assert_eq!(d.raise(late).unwrap_err().code(), "alerting.event.out_of_order");
    }

    proptest! {
        #[test]
        fn counts_add_up_and_suppressed_alerts_always_have_a_higher_sibling(
            events in proptest::collection::vec((0usize..4, 0usize..2, 0usize..3), 1..60),
        ) {
            let mut d = AlertDesk::default();
            let mut raised_while_firing = BTreeMap::<String, u64>::new();
            for (minute, (k, s, sev)) in events.into_iter().enumerate() {
                let name = format!("k{k}");
                let severity = Severity::ALL[sev];
                let disposition = raise(&mut d, &name, &format!("s{s}"), severity, minute as i64);
                if severity == Severity::Normal {
                    raised_while_firing.remove(&name);
                } else {
                    *raised_while_firing.entry(name.clone()).or_default() += 1;
                }
                if let Disposition::Suppressed { by } = disposition {
                    let me = d.firing().find(|f| f.key.as_str() == name).unwrap().clone();
                    let hider = d.firing().find(|f| f.key == by).unwrap();
                    prop_assert!(hider.severity > me.severity && hider.subject == me.subject);
                }
            }
            for f in d.firing() {
                prop_assert_eq!(Some(&f.count), raised_while_firing.get(f.key.as_str()));
            }
        }
    }
}
