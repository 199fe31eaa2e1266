//! The alert routing matrix of the plan: which channels carry an alert of each priority, and how fast.
//!
//! "Configuration des alertes visuelles":
//!
//! | priority | chat | e-mail | SMS | dashboard |
//! |---|---|---|---|---|
//! | P1 | at once | at once | on-call team | blinking red |
//! | P2 | < 5 min | < 10 min | no | orange |
//! | P3 | grouped | daily digest | no | blue |
//! | P4 | grouped | weekly digest | no | grey |
//!
//! SMS wakes people up: it is reserved to P1, and a rules file asking SMS for another priority is refused
//! (`config.routing.sms_not_allowed`). "Grouped" chat messages leave when their grouping window closes
//! ([`AlertGrouper`](super::AlertGrouper)); digests leave at the next [`DigestSchedule`] time.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{AlertingError, ConfigError, ConfigProblem, DigestCadence, DigestSchedule};
use crate::incident::Priority;

/// A notification channel.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// Team chat (Slack).
    Chat,
    /// E-mail.
    Email,
    /// SMS to the on-call team.
    Sms,
    /// The operations dashboard.
    Dashboard,
}

/// How chat messages are delivered.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "mode",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum ChatDelivery {
    /// At once.
    Immediate,
    /// Within a delay, in milliseconds.
    Within {
        /// The delay, ms, positive.
        within_ms: u64,
    },
    /// Grouped with others, sent when the grouping window closes.
    Grouped,
}

/// How e-mails are delivered.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "mode",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum EmailDelivery {
    /// At once.
    Immediate,
    /// Within a delay, in milliseconds.
    Within {
        /// The delay, ms, positive.
        within_ms: u64,
    },
    /// In the next digest.
    Digest {
        /// Which digest.
        cadence: DigestCadence,
    },
}

/// A dashboard colour.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum DashboardColor {
    /// Red.
    Red,
    /// Orange.
    Orange,
    /// Blue.
    Blue,
    /// Grey.
    Grey,
}

/// How an alert shows on the dashboard.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DashboardStyle {
    /// The colour.
    pub color: DashboardColor,
    /// Whether it blinks.
    pub blinking: bool,
}

/// The channels of one priority (`AlertRoute` in TypeScript).
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "AlertRoute", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Route {
    /// Chat delivery.
    pub chat: ChatDelivery,
    /// E-mail delivery.
    pub email: EmailDelivery,
    /// Whether the on-call team gets an SMS (P1 only).
    pub sms_on_call: bool,
    /// Dashboard style.
    pub dashboard: DashboardStyle,
}

/// Everything the routing does for one alert: its notifications and its dashboard style.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationPlan {
    /// Every notification, in channel order.
    pub notifications: Vec<PlannedNotification>,
    /// How the alert shows on the dashboard.
    pub dashboard: DashboardStyle,
}

/// When a planned notification leaves.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// At the moment the alert is raised.
    Immediate,
    /// At the latest by `due`.
    Deadline,
    /// When the alert's group closes, at the latest by `due`.
    Grouped,
    /// In the digest sent at `due`.
    Digest,
}

/// One notification an alert must produce.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedNotification {
    /// The channel.
    pub channel: Channel,
    /// The timing rule.
    pub timing: Timing,
    /// When it is due.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub due: DateTime<Utc>,
}

/// The JSON form of a [`RoutingMatrix`]: one route per priority.
pub type RoutingMatrixSpec = BTreeMap<Priority, Route>;

/// A validated routing matrix: a route for every priority, SMS for P1 only, positive delays.
///
/// ```
/// use cesizen_core::alerting::{Channel, DigestSchedule, RoutingMatrix, Timing};
/// use cesizen_core::incident::Priority;
/// let m = RoutingMatrix::plan();
/// let raised = "2025-01-07T10:00:00Z".parse().unwrap();
/// let plan = m.plan_notifications(Priority::P1, raised, &DigestSchedule::plan(), chrono::TimeDelta::minutes(15)).unwrap();
/// assert!(plan.iter().any(|n| n.channel == Channel::Sms && n.timing == Timing::Immediate));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RoutingMatrixSpec", into = "RoutingMatrixSpec")]
pub struct RoutingMatrix {
    routes: BTreeMap<Priority, Route>,
}

impl RoutingMatrix {
    /// The plan's matrix.
    pub fn plan() -> Self {
        let route = |chat, email, sms_on_call, color, blinking| Route {
            chat,
            email,
            sms_on_call,
            dashboard: DashboardStyle { color, blinking },
        };
        let routes = BTreeMap::from([
            (
                Priority::P1,
                route(
                    ChatDelivery::Immediate,
                    EmailDelivery::Immediate,
                    true,
                    DashboardColor::Red,
                    true,
                ),
            ),
            (
                Priority::P2,
                route(
                    ChatDelivery::Within { within_ms: 5 * 60_000 },
                    EmailDelivery::Within { within_ms: 10 * 60_000 },
                    false,
                    DashboardColor::Orange,
                    false,
                ),
            ),
            (
                Priority::P3,
                route(
                    ChatDelivery::Grouped,
                    EmailDelivery::Digest {
                        cadence: DigestCadence::Daily,
                    },
                    false,
                    DashboardColor::Blue,
                    false,
                ),
            ),
            (
                Priority::P4,
                route(
                    ChatDelivery::Grouped,
                    EmailDelivery::Digest {
                        cadence: DigestCadence::Weekly,
                    },
                    false,
                    DashboardColor::Grey,
                    false,
                ),
            ),
        ]);
        RoutingMatrix { routes }
    }

    /// The route of `priority`.
    pub fn route(&self, priority: Priority) -> &Route {
        self.routes.get(&priority).expect("every priority has a route")
    }

    /// The notifications an alert of `priority` raised at `raised_at` must produce, in channel order.
    ///
    /// # Errors
    /// [`AlertingError::DateOutOfRange`] when a due time cannot be represented.
    pub fn plan_notifications(
        &self,
        priority: Priority,
        raised_at: DateTime<Utc>,
        digests: &DigestSchedule,
        grouping_window: TimeDelta,
    ) -> Result<Vec<PlannedNotification>, AlertingError> {
        let route = self.route(priority);
        let after = |ms: u64| -> Result<DateTime<Utc>, AlertingError> {
            let delay = i64::try_from(ms)
                .ok()
                .and_then(TimeDelta::try_milliseconds)
                .ok_or(AlertingError::DateOutOfRange)?;
            raised_at.checked_add_signed(delay).ok_or(AlertingError::DateOutOfRange)
        };
        let note = |channel, timing, due| PlannedNotification { channel, timing, due };
        let chat = match route.chat {
            ChatDelivery::Immediate => note(Channel::Chat, Timing::Immediate, raised_at),
            ChatDelivery::Within { within_ms } => note(Channel::Chat, Timing::Deadline, after(within_ms)?),
            ChatDelivery::Grouped => {
                let due = raised_at
                    .checked_add_signed(grouping_window)
                    .ok_or(AlertingError::DateOutOfRange)?;
                note(Channel::Chat, Timing::Grouped, due)
            }
        };
        let email = match route.email {
            EmailDelivery::Immediate => note(Channel::Email, Timing::Immediate, raised_at),
            EmailDelivery::Within { within_ms } => note(Channel::Email, Timing::Deadline, after(within_ms)?),
            EmailDelivery::Digest { cadence } => {
                note(Channel::Email, Timing::Digest, digests.next(cadence, raised_at)?)
            }
        };
        let mut planned = vec![chat, email];
        if route.sms_on_call {
            planned.push(note(Channel::Sms, Timing::Immediate, raised_at));
        }
        planned.push(note(Channel::Dashboard, Timing::Immediate, raised_at));
        Ok(planned)
    }
}

impl TryFrom<RoutingMatrixSpec> for RoutingMatrix {
    type Error = ConfigError;

    fn try_from(routes: RoutingMatrixSpec) -> Result<Self, Self::Error> {
        for priority in Priority::ALL {
            let at = priority.as_str();
            let route = routes
                .get(&priority)
                .ok_or_else(|| ConfigError::new(at, ConfigProblem::Missing))?;
            if route.sms_on_call && priority != Priority::P1 {
                return Err(ConfigError::new("smsOnCall", ConfigProblem::SmsNotAllowed).within(at));
            }
            if route.chat == (ChatDelivery::Within { within_ms: 0 }) {
                return Err(ConfigError::new("chat.withinMs", ConfigProblem::NotPositive).within(at));
            }
            if route.email == (EmailDelivery::Within { within_ms: 0 }) {
                return Err(ConfigError::new("email.withinMs", ConfigProblem::NotPositive).within(at));
            }
        }
        Ok(RoutingMatrix { routes })
    }
}

impl From<RoutingMatrix> for RoutingMatrixSpec {
    fn from(m: RoutingMatrix) -> Self {
        m.routes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn plan_for(priority: Priority, raised: &str) -> Vec<(Channel, Timing, DateTime<Utc>)> {
        RoutingMatrix::plan()
            .plan_notifications(priority, utc(raised), &DigestSchedule::plan(), TimeDelta::minutes(15))
            .unwrap()
            .into_iter()
            .map(|n| (n.channel, n.timing, n.due))
            .collect()
    }

    #[test]
    fn p1_row_everything_at_once_with_sms() {
        let t = utc("2025-02-03T10:00:00Z");
        assert_eq!(
            plan_for(Priority::P1, "2025-02-03T10:00:00Z"),
            [
                (Channel::Chat, Timing::Immediate, t),
                (Channel::Email, Timing::Immediate, t),
                (Channel::Sms, Timing::Immediate, t),
                (Channel::Dashboard, Timing::Immediate, t)
            ]
        );
        assert_eq!(
            RoutingMatrix::plan().route(Priority::P1).dashboard,
            DashboardStyle {
                color: DashboardColor::Red,
                blinking: true
            }
        );
    }

    #[test]
    fn p2_row_chat_5_min_email_10_min_no_sms() {
        let got = plan_for(Priority::P2, "2025-02-03T10:00:00Z");
        assert_eq!(got[0], (Channel::Chat, Timing::Deadline, utc("2025-02-03T10:05:00Z")));
        assert_eq!(got[1], (Channel::Email, Timing::Deadline, utc("2025-02-03T10:10:00Z")));
        assert!(got.iter().all(|n| n.0 != Channel::Sms));
        assert_eq!(
            RoutingMatrix::plan().route(Priority::P2).dashboard.color,
            DashboardColor::Orange
        );
    }

    #[test]
    fn p3_row_grouped_chat_daily_digest_blue() {
        // Tuesday 10:00 UTC (11:00 Paris): the daily digest is Wednesday 09:00 Paris.
        let got = plan_for(Priority::P3, "2025-02-04T10:00:00Z");
        assert_eq!(got[0], (Channel::Chat, Timing::Grouped, utc("2025-02-04T10:15:00Z")));
        assert_eq!(got[1], (Channel::Email, Timing::Digest, utc("2025-02-05T08:00:00Z")));
        assert_eq!(got.len(), 3);
        assert_eq!(
            RoutingMatrix::plan().route(Priority::P3).dashboard.color,
            DashboardColor::Blue
        );
    }

    #[test]
    fn p4_row_grouped_chat_weekly_digest_grey() {
        let got = plan_for(Priority::P4, "2025-02-04T10:00:00Z");
        assert_eq!(got[1], (Channel::Email, Timing::Digest, utc("2025-02-10T08:00:00Z")));
        assert_eq!(
            RoutingMatrix::plan().route(Priority::P4).dashboard,
            DashboardStyle {
                color: DashboardColor::Grey,
                blinking: false
            }
        );
    }

    #[test]
    fn sms_for_p3_is_refused_naming_the_field() {
        let mut spec: RoutingMatrixSpec = RoutingMatrix::plan().into();
        spec.get_mut(&Priority::P3).unwrap().sms_on_call = true;
        let e = RoutingMatrix::try_from(spec).unwrap_err();
        assert_eq!(
            (e.field(), e.code()),
            ("p3.smsOnCall", "config.routing.sms_not_allowed")
        );
    }

    #[test]
    fn zero_delays_and_missing_rows_are_refused() {
        let mut spec: RoutingMatrixSpec = RoutingMatrix::plan().into();
        spec.get_mut(&Priority::P2).unwrap().email = EmailDelivery::Within { within_ms: 0 };
        assert_eq!(
            RoutingMatrix::try_from(spec.clone()).unwrap_err().field(),
            "p2.email.withinMs"
        );
        spec.remove(&Priority::P2);
        assert_eq!(
            RoutingMatrix::try_from(spec).unwrap_err().code(),
            "config.value.missing"
        );
    }

    #[test]
    fn json_shape_is_documented_and_round_trips() {
        let json = serde_json::to_value(RoutingMatrix::plan()).unwrap();
        assert_eq!(
            json["p2"]["chat"],
            serde_json::json!({"mode": "within", "withinMs": 300000})
        );
        assert_eq!(
            json["p3"]["email"],
            serde_json::json!({"mode": "digest", "cadence": "daily"})
        );
        assert_eq!(
            serde_json::from_value::<RoutingMatrix>(json).unwrap(),
            RoutingMatrix::plan()
        );
    }
}
