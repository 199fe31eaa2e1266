//! Timers shared by requests and breaches: where an act stands against its deadline.
//!
//! Requests ([`crate::request::assess`]) and breaches ([`crate::breach::Breach::assess`]) report their timers
//! through this module; a caller with a deadline of its own (a reference server tracking a custom duty, the
//! command line judging a date it was given) uses [`DeadlineWindow`] directly, so "at risk" and "overdue" mean
//! the same everywhere:
//!
//! ```
//! use cesizen_gdpr::timer::{AtRiskPercent, DeadlineWindow, DueBound, TimerStatus};
//! use chrono::{Duration, TimeZone, Utc};
//!
//! let received = Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap();
//! // The plan's 48 hours for an access export; the due instant itself still meets it.
//! let window = DeadlineWindow::new(received, received + Duration::hours(48), DueBound::Inclusive)?;
//! let at_risk = AtRiskPercent::new(75)?; // the plan's share; also `AtRiskPercent::default()`
//!
//! assert_eq!(window.status(received + Duration::hours(20), at_risk), TimerStatus::OnTrack);
//! assert_eq!(window.status(received + Duration::hours(36), at_risk), TimerStatus::AtRisk);
//! assert_eq!(window.status(received + Duration::hours(48), at_risk), TimerStatus::AtRisk);
//! assert_eq!(window.status(received + Duration::hours(49), at_risk), TimerStatus::Overdue);
//! // Once the act is done, only whether it met the deadline matters.
//! assert_eq!(window.closed(received + Duration::hours(30)), TimerStatus::Met);
//! let timer = window.timer(Some(received + Duration::hours(50)), received + Duration::hours(60), at_risk);
//! assert_eq!(timer.status, TimerStatus::Missed);
//! # Ok::<(), cesizen_gdpr::Error>(())
//! ```

use cesizen_core::incident::BreachNotificationClock;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::Deadline;
use crate::error::{Error, Result};

/// Where a timer stands.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "DeadlineStatus", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimerStatus {
    /// Open, less than the at-risk share of the time used.
    OnTrack,
    /// Open, at least the at-risk share of the time used.
    AtRisk,
    /// Open past the deadline.
    Overdue,
    /// Closed in time.
    Met,
    /// Closed late.
    Missed,
}

impl TimerStatus {
    /// Whether someone should look at it: at risk or overdue.
    pub fn needs_attention(&self) -> bool {
        matches!(self, TimerStatus::AtRisk | TimerStatus::Overdue)
    }
}

/// One deadline and where an open or closed act stands against it.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(rename = "Deadline", missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timer {
    /// The status.
    #[cfg_attr(feature = "wasm", tsify(type = "DeadlineStatus"))]
    pub status: TimerStatus,
    /// The deadline. Inclusive for internal targets and the 72 hours of Art. 33 (the last instant that meets
    /// it), exclusive for calendar-month deadlines (the first instant of the day after the due day).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub due_at: DateTime<Utc>,
}

/// On track or at risk, by the share of `start..due` elapsed at `now` (integer milliseconds, no rounding
/// drift: at risk when `elapsed × 100 ≥ window × percent`).
fn running(start: DateTime<Utc>, due: DateTime<Utc>, now: DateTime<Utc>, percent: AtRiskPercent) -> TimerStatus {
    let window = i128::from((due - start).num_milliseconds());
    let elapsed = i128::from((now - start).num_milliseconds());
    if elapsed * 100 >= window * i128::from(percent.get()) {
        TimerStatus::AtRisk
    } else {
        TimerStatus::OnTrack
    }
}

/// Whether the due instant of a deadline still meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DueBound {
    /// The due instant is the last that meets the deadline: the plan's internal targets, the 72 hours of
    /// Art. 33.
    Inclusive,
    /// The due instant is the first that misses it: calendar-month deadlines ([`Deadline::due_at`], the start
    /// of the day after the due day).
    Exclusive,
}

/// The share of a deadline's window after which an open act is reported at risk, 1 to 99 %.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(type = "number"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct AtRiskPercent(u8);

impl AtRiskPercent {
    /// The plan's share: 75 %.
    pub const PLAN: AtRiskPercent = AtRiskPercent(75);

    /// A share of `percent` %.
    ///
    /// # Errors
    /// `config.value.invalid` outside 1–99 (0 would put every act at risk at once, 100 never before overdue).
    pub fn new(percent: u8) -> Result<Self> {
        AtRiskPercent::for_field(percent, || "atRiskPercent".into())
    }

    /// As [`new`](Self::new), the error naming `field` (the dotted path of a configuration's share): the one
    /// place where the 1–99 rule lives, for the configuration's checks as for the typed value.
    pub(crate) fn for_field(percent: u8, field: impl FnOnce() -> String) -> Result<Self> {
        if (1..=99).contains(&percent) {
            Ok(AtRiskPercent(percent))
        } else {
            Err(Error::ConfigInvalid {
                field: field(),
                reason: "the at-risk share must be between 1 and 99 %",
            })
        }
    }

    /// The share, in percent.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl Default for AtRiskPercent {
    fn default() -> Self {
        AtRiskPercent::PLAN
    }
}

impl TryFrom<u8> for AtRiskPercent {
    type Error = Error;
    fn try_from(percent: u8) -> Result<Self> {
        AtRiskPercent::new(percent)
    }
}

impl From<AtRiskPercent> for u8 {
    fn from(p: AtRiskPercent) -> u8 {
        p.0
    }
}

/// A deadline and the instant its clock started: enough to say where an act stands at any `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeadlineWindow {
    start: DateTime<Utc>,
    due_at: DateTime<Utc>,
    bound: DueBound,
}

impl DeadlineWindow {
    /// The window from `start` (what started the clock: a request received, a breach discovered) to
    /// `due_at`.
    ///
    /// # Errors
    /// `gdpr.time.regression` when `due_at` is before `start`.
    pub fn new(start: DateTime<Utc>, due_at: DateTime<Utc>, bound: DueBound) -> Result<Self> {
        if due_at < start {
            return Err(Error::TimeRegression);
        }
        Ok(DeadlineWindow { start, due_at, bound })
    }

    /// The window from `start` to a calendar-month [`Deadline`] (exclusive: see [`crate::calendar`]).
    ///
    /// # Errors
    /// `gdpr.time.regression` when the deadline is before `start`.
    pub fn until(start: DateTime<Utc>, deadline: &Deadline) -> Result<Self> {
        DeadlineWindow::new(start, deadline.due_at, DueBound::Exclusive)
    }

    /// The Art. 33 window of a breach: from awareness to the end of the 72 hours of `cesizen-core`'s clock,
    /// inclusive (on time up to and including the last instant), so that a register and a holder of the clock
    /// alone judge a notification by the same rule.
    pub fn art33(clock: &BreachNotificationClock) -> Self {
        // The clock's deadline is never before awareness (it saturates at the end of time).
        DeadlineWindow {
            start: clock.aware_at(),
            due_at: clock.deadline().max(clock.aware_at()),
            bound: DueBound::Inclusive,
        }
    }

    /// When the clock started.
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// The due instant (see [`bound`](Self::bound)).
    pub fn due_at(&self) -> DateTime<Utc> {
        self.due_at
    }

    /// Whether the due instant itself meets the deadline.
    pub fn bound(&self) -> DueBound {
        self.bound
    }

    /// Whether an act at `at` meets the deadline.
    pub fn is_met_by(&self, at: DateTime<Utc>) -> bool {
        match self.bound {
            DueBound::Inclusive => at <= self.due_at,
            DueBound::Exclusive => at < self.due_at,
        }
    }

    /// Where an act still open at `now` stands: on track, at risk once `at_risk` of the window has elapsed,
    /// overdue once the deadline can no longer be met.
    pub fn status(&self, now: DateTime<Utc>, at_risk: AtRiskPercent) -> TimerStatus {
        self.open_status(now, at_risk)
    }

    /// Where an act done at `closed_at` stands: met or missed.
    pub fn closed(&self, closed_at: DateTime<Utc>) -> TimerStatus {
        if self.is_met_by(closed_at) {
            TimerStatus::Met
        } else {
            TimerStatus::Missed
        }
    }

    /// The timer at `now` of an act done at `closed_at`, or still open when `None`.
    pub fn timer(&self, closed_at: Option<DateTime<Utc>>, now: DateTime<Utc>, at_risk: AtRiskPercent) -> Timer {
        Timer {
            status: match closed_at {
                Some(at) => self.closed(at),
                None => self.open_status(now, at_risk),
            },
            due_at: self.due_at,
        }
    }

    fn open_status(&self, now: DateTime<Utc>, at_risk: AtRiskPercent) -> TimerStatus {
        if self.is_met_by(now) {
            running(self.start, self.due_at, now, at_risk)
        } else {
            TimerStatus::Overdue
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 1, 31, 9, 0, 0).unwrap()
    }

    fn rank(s: TimerStatus) -> u8 {
        match s {
            TimerStatus::OnTrack => 0,
            TimerStatus::AtRisk => 1,
            TimerStatus::Overdue => 2,
            TimerStatus::Met | TimerStatus::Missed => 3,
        }
    }

    #[test]
    fn the_due_instant_meets_an_inclusive_deadline_only() {
        let due = t0() + Duration::hours(72);
        let inclusive = DeadlineWindow::new(t0(), due, DueBound::Inclusive).unwrap();
        let exclusive = DeadlineWindow::new(t0(), due, DueBound::Exclusive).unwrap();
        let p = AtRiskPercent::PLAN;
        assert_eq!(inclusive.status(due, p), TimerStatus::AtRisk);
        assert_eq!(exclusive.status(due, p), TimerStatus::Overdue);
        assert_eq!(inclusive.closed(due), TimerStatus::Met);
        assert_eq!(exclusive.closed(due), TimerStatus::Missed);
        assert_eq!(inclusive.status(t0() + Duration::hours(53), p), TimerStatus::OnTrack);
        assert_eq!(
            inclusive.status(t0() + Duration::hours(54), p),
            TimerStatus::AtRisk,
            "75 % of 72 h"
        );
    }

    #[test]
    fn windows_and_shares_are_validated() {
        assert_eq!(
            DeadlineWindow::new(t0(), t0() - Duration::seconds(1), DueBound::Inclusive)
                .unwrap_err()
                .code(),
            "gdpr.time.regression"
        );
        let empty = DeadlineWindow::new(t0(), t0(), DueBound::Inclusive).unwrap();
        assert_eq!(empty.status(t0(), AtRiskPercent::PLAN), TimerStatus::AtRisk);
        for bad in [0u8, 100, 255] {
            assert_eq!(AtRiskPercent::new(bad).unwrap_err().code(), "config.value.invalid");
            assert!(serde_json::from_str::<AtRiskPercent>(&bad.to_string()).is_err());
        }
        assert_eq!(AtRiskPercent::default().get(), 75);
        assert_eq!(serde_json::to_string(&AtRiskPercent::new(60).unwrap()).unwrap(), "60");
        assert_eq!(serde_json::to_string(&DueBound::Exclusive).unwrap(), "\"exclusive\"");
    }

    #[test]
    fn a_calendar_deadline_is_exclusive() {
        let deadline = crate::calendar::months_after(t0(), 1, cesizen_core::tz::Tz::EUROPE_PARIS).unwrap();
        let w = DeadlineWindow::until(t0(), &deadline).unwrap();
        assert_eq!(w.bound(), DueBound::Exclusive);
        assert_eq!((w.start(), w.due_at()), (t0(), deadline.due_at));
        assert_eq!(w.is_met_by(deadline.due_at), deadline.is_met_by(deadline.due_at));
    }

    proptest! {
        #[test]
        fn an_open_act_only_ever_moves_towards_overdue(
            window_s in 0i64..10_000_000, a in -1_000_000i64..20_000_000, b in -1_000_000i64..20_000_000,
            percent in 1u8..=99, inclusive in any::<bool>(),
        ) {
            let bound = if inclusive { DueBound::Inclusive } else { DueBound::Exclusive };
            let w = DeadlineWindow::new(t0(), t0() + Duration::seconds(window_s), bound).unwrap();
            let p = AtRiskPercent::new(percent).unwrap();
            let (early, late) = (t0() + Duration::seconds(a.min(b)), t0() + Duration::seconds(a.max(b)));
            prop_assert!(rank(w.status(early, p)) <= rank(w.status(late, p)));
            // Overdue exactly when the deadline can no longer be met.
            prop_assert_eq!(w.status(late, p) == TimerStatus::Overdue, !w.is_met_by(late));
            // Closed acts are judged by the same bound.
            prop_assert_eq!(w.closed(late) == TimerStatus::Met, w.is_met_by(late));
            prop_assert_eq!(w.timer(None, late, p), Timer { status: w.status(late, p), due_at: w.due_at() });
            prop_assert_eq!(w.timer(Some(early), late, p).status, w.closed(early));
        }

        /// `cesizen-core`'s Art. 33 clock and an inclusive window to its deadline agree at every instant, so a
        /// caller holding only the clock (the reference server's incidents) judges by this module's rule.
        #[test]
        fn an_inclusive_window_agrees_with_the_art33_clock(
            aware_s in -1_000_000_000i64..1_000_000_000,
            // Half the cases at the due instant or a second either side: where an off-by-one bound would show.
            from_deadline_s in prop_oneof![-1i64..=1, -400_000i64..400_000],
        ) {
            let aware = t0() + Duration::seconds(aware_s);
            let clock = BreachNotificationClock::new(aware);
            let w = DeadlineWindow::art33(&clock);
            prop_assert_eq!(Ok(w), DeadlineWindow::new(aware, clock.deadline(), DueBound::Inclusive));
            let at = clock.deadline() + Duration::seconds(from_deadline_s);
            prop_assert_eq!(w.closed(at) == TimerStatus::Missed, clock.is_overdue(at));
            prop_assert_eq!(w.status(at, AtRiskPercent::PLAN) == TimerStatus::Overdue, clock.is_overdue(at));
        }

        #[test]
        fn a_larger_share_is_never_more_alarming(
            window_s in 1i64..10_000_000, at in 0i64..10_000_000, low in 1u8..=99, high in 1u8..=99,
        ) {
            let w = DeadlineWindow::new(t0(), t0() + Duration::seconds(window_s), DueBound::Inclusive).unwrap();
            let (low, high) = (low.min(high), low.max(high));
            let now = t0() + Duration::seconds(at);
            prop_assert!(
                rank(w.status(now, AtRiskPercent::new(high).unwrap()))
                    <= rank(w.status(now, AtRiskPercent::new(low).unwrap()))
            );
        }
    }
}
