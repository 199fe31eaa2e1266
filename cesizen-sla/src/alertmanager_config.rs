//! An Alertmanager configuration whose routing tree mirrors the rules file's routing matrix.
//!
//! Alerts carry `priority="p1"`…`"p4"` (the generated rules set it). Under the root, one route per priority,
//! and under it one route per channel of the plan's table, each with `continue: true` so that every channel gets
//! the alert: SMS to the on-call team (P1 only), chat, e-mail. Timing follows the matrix: immediate is
//! `group_wait: 0s`; "within N minutes" groups for at most N minutes (`group_wait`); grouped chat waits the
//! rules file's grouping window; a daily or weekly e-mail digest is muted outside a 15-minute window at the
//! digest's local time (`time_intervals` with the digest's zone), so everything of that priority goes out then,
//! in one message. Receivers are named `p1-sms`, `p2-chat`, `p3-email`…, left without integrations for the
//! operator to fill in (webhook, e-mail, pager).
//!
//! Inhibitions mirror the SDK's alert desk: a critical threshold alert hides the warning of the same metric and
//! instance, a burn-rate page hides the ticket of the same service.

use cesizen_core::alerting::{ChatDelivery, DigestCadence, DigestScheduleSpec, EmailDelivery};
use cesizen_core::incident::Priority;
use serde::Serialize;

use crate::{Millis, Rules, prometheus_duration};

const DIGEST_WINDOW_MINUTES: u32 = 15;

/// An Alertmanager configuration file (the parts the plan decides).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertmanagerConfig {
    /// The routing tree.
    pub route: AlertmanagerRoute,
    /// Inhibition rules.
    pub inhibit_rules: Vec<InhibitRule>,
    /// Receivers, one per priority and channel.
    pub receivers: Vec<Receiver>,
    /// The digest windows.
    pub time_intervals: Vec<TimeInterval>,
}

impl AlertmanagerConfig {
    /// The file's text (pretty JSON, which Alertmanager reads as YAML), ending with a newline.
    pub fn to_text(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// A node of the routing tree.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct AlertmanagerRoute {
    /// The receiver.
    pub receiver: String,
    /// Label matchers (`priority="p1"`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub matchers: Vec<String>,
    /// Labels that split alerts into notification groups.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub group_by: Vec<String>,
    /// How long a new group waits before its first notification.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_wait: Option<String>,
    /// How long a group waits before notifying about new alerts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_interval: Option<String>,
    /// How long before a notification is sent again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeat_interval: Option<String>,
    /// Time intervals outside which the route is muted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub active_time_intervals: Vec<String>,
    /// Whether later siblings are tried too.
    #[serde(rename = "continue", skip_serializing_if = "std::ops::Not::not")]
    pub continue_matching: bool,
    /// Child routes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<AlertmanagerRoute>,
}

/// An inhibition: alerts matching `target_matchers` are muted while one matching `source_matchers` fires with
/// the same `equal` labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InhibitRule {
    /// The inhibiting alerts.
    pub source_matchers: Vec<String>,
    /// The inhibited alerts.
    pub target_matchers: Vec<String>,
    /// Labels both must share.
    pub equal: Vec<String>,
}

/// A receiver, its integrations left to the operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receiver {
    /// The name.
    pub name: String,
}

/// A named time interval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeInterval {
    /// The name.
    pub name: String,
    /// Its periods.
    pub time_intervals: Vec<TimePeriod>,
}

/// Times of day, optionally on some weekdays, in a zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimePeriod {
    /// Ranges of local time.
    pub times: Vec<TimeRange>,
    /// Weekdays (`monday`), all when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub weekdays: Vec<String>,
    /// The IANA zone.
    pub location: String,
}

/// A range of local time, `"09:00"` to `"09:15"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeRange {
    /// Start.
    pub start_time: String,
    /// End (excluded).
    pub end_time: String,
}

/// The Alertmanager configuration of `rules`' routing matrix, digests and grouping window.
///
/// ```
/// use cesizen_sla::{Rules, alertmanager_config};
/// let config = alertmanager_config(&Rules::plan());
/// let p1: Vec<&str> = config.route.routes[0].routes.iter().map(|r| r.receiver.as_str()).collect();
/// assert_eq!(p1, ["p1-sms", "p1-chat", "p1-email"]);
/// ```
pub fn alertmanager_config(rules: &Rules) -> AlertmanagerConfig {
    let alerting = rules.alerting();
    let grouping = prometheus_duration(
        Millis::try_from(alerting.grouping_window())
            .expect("a grouping window is positive (the rules refuse any other when loaded)")
            .as_ms(),
    );
    let digests = DigestScheduleSpec::from(alerting.digests().clone());
    let mut receivers = vec![Receiver {
        name: "default".to_owned(),
    }];
    let mut routes = Vec::new();
    for priority in Priority::ALL {
        let route = alerting.routing().route(priority);
        let p = priority.as_str();
        let mut channels = Vec::new();
        let mut channel = |name: &str, wait: String, interval: Option<String>, extra: fn(&mut AlertmanagerRoute)| {
            let receiver = format!("{p}-{name}");
            receivers.push(Receiver { name: receiver.clone() });
            let mut r = AlertmanagerRoute {
                receiver,
                group_wait: Some(wait),
                group_interval: interval,
                continue_matching: true,
                ..AlertmanagerRoute::default()
            };
            extra(&mut r);
            channels.push(r);
        };
        if route.sms_on_call {
            channel("sms", "0s".to_owned(), None, |_| {});
        }
        match route.chat {
            ChatDelivery::Immediate => channel("chat", "0s".to_owned(), None, |_| {}),
            ChatDelivery::Within { within_ms } => channel("chat", prometheus_duration(within_ms), None, |_| {}),
            ChatDelivery::Grouped => channel("chat", grouping.clone(), Some(grouping.clone()), |_| {}),
        }
        match route.email {
            EmailDelivery::Immediate => channel("email", "0s".to_owned(), None, |_| {}),
            EmailDelivery::Within { within_ms } => channel("email", prometheus_duration(within_ms), None, |_| {}),
            EmailDelivery::Digest { cadence } => {
                let extra: fn(&mut AlertmanagerRoute) = match cadence {
                    DigestCadence::Daily => |r| digest_route(r, "daily-digest", "23h"),
                    DigestCadence::Weekly => |r| digest_route(r, "weekly-digest", "6d23h"),
                };
                channel("email", "0s".to_owned(), Some("5m".to_owned()), extra);
            }
        }
        if let Some(last) = channels.last_mut() {
            last.continue_matching = false;
        }
        routes.push(AlertmanagerRoute {
            receiver: "default".to_owned(),
            matchers: vec![format!("priority=\"{p}\"")],
            routes: channels,
            ..AlertmanagerRoute::default()
        });
    }
    AlertmanagerConfig {
        route: AlertmanagerRoute {
            receiver: "default".to_owned(),
            group_by: ["alertname", "service", "metric", "rule", "burn_rule"]
                .map(str::to_owned)
                .to_vec(),
            routes,
            ..AlertmanagerRoute::default()
        },
        inhibit_rules: vec![
            InhibitRule {
                source_matchers: vec!["severity=\"critical\"".to_owned()],
                target_matchers: vec!["severity=\"warning\"".to_owned()],
                equal: ["alertname", "metric", "rule", "instance"].map(str::to_owned).to_vec(),
            },
            InhibitRule {
                source_matchers: vec!["severity=\"page\"".to_owned()],
                target_matchers: vec!["severity=\"ticket\"".to_owned()],
                equal: ["alertname", "service"].map(str::to_owned).to_vec(),
            },
        ],
        receivers,
        time_intervals: vec![
            digest_interval("daily-digest", digests.daily_at, None, &digests.time_zone),
            digest_interval(
                "weekly-digest",
                digests.weekly_at,
                serde_json::to_value(digests.weekly_on)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned)),
                &digests.time_zone,
            ),
        ],
    }
}

/// A digest's e-mail route: all alerts of the priority in one group, sent in the digest window only.
fn digest_route(r: &mut AlertmanagerRoute, interval: &str, repeat: &str) {
    r.group_by = vec!["priority".to_owned()];
    r.active_time_intervals = vec![interval.to_owned()];
    r.repeat_interval = Some(repeat.to_owned());
}

fn digest_interval(name: &str, at: chrono::NaiveTime, weekday: Option<String>, zone: &str) -> TimeInterval {
    let end = at + chrono::TimeDelta::minutes(i64::from(DIGEST_WINDOW_MINUTES));
    // A digest late in the evening would wrap past midnight: Alertmanager's ranges stop at 24:00.
    let end_text = if end < at {
        "24:00".to_owned()
    } else {
        end.format("%H:%M").to_string()
    };
    TimeInterval {
        name: name.to_owned(),
        time_intervals: vec![TimePeriod {
            times: vec![TimeRange {
                start_time: at.format("%H:%M").to_string(),
                end_time: end_text,
            }],
            weekdays: weekday.into_iter().collect(),
            location: zone.to_owned(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_routes_each_priority_to_its_channels_on_time() {
        let config = alertmanager_config(&Rules::plan());
        type Channel = (String, Option<String>, Vec<String>);
        let rows: Vec<(String, Vec<Channel>)> = config
            .route
            .routes
            .iter()
            .map(|p| {
                (
                    p.matchers.join(","),
                    p.routes
                        .iter()
                        .map(|c| {
                            (
                                c.receiver.clone(),
                                c.group_wait.clone(),
                                c.active_time_intervals.clone(),
                            )
                        })
                        .collect(),
                )
            })
            .collect();
        let row = |r: &str, w: &str, t: &[&str]| {
            (
                r.to_owned(),
                Some(w.to_owned()),
                t.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            rows,
            [
                (
                    "priority=\"p1\"".to_owned(),
                    vec![
                        row("p1-sms", "0s", &[]),
                        row("p1-chat", "0s", &[]),
                        row("p1-email", "0s", &[])
                    ]
                ),
                (
                    "priority=\"p2\"".to_owned(),
                    vec![row("p2-chat", "5m", &[]), row("p2-email", "10m", &[])]
                ),
                (
                    "priority=\"p3\"".to_owned(),
                    vec![row("p3-chat", "15m", &[]), row("p3-email", "0s", &["daily-digest"])]
                ),
                (
                    "priority=\"p4\"".to_owned(),
                    vec![row("p4-chat", "15m", &[]), row("p4-email", "0s", &["weekly-digest"])]
                ),
            ]
        );
        let weekly = &config.time_intervals[1].time_intervals[0];
        assert_eq!(
            (
                weekly.weekdays.as_slice(),
                weekly.times[0].start_time.as_str(),
                weekly.location.as_str()
            ),
            (&["monday".to_owned()][..], "09:00", "Europe/Paris")
        );
        assert!(
            config
                .route
                .routes
                .iter()
                .all(|p| !p.routes.last().unwrap().continue_matching)
        );
    }

    #[test]
    fn a_late_digest_window_stops_at_midnight() {
        let t = digest_interval("d", chrono::NaiveTime::from_hms_opt(23, 50, 0).unwrap(), None, "UTC");
        assert_eq!(t.time_intervals[0].times[0].end_time, "24:00");
    }
}
