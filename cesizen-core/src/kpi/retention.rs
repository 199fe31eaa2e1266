//! 30-day retention of a sign-up cohort.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;

use crate::id::UserId;
use crate::kpi::{KpiError, KpiReading, KpiStatus, ProductEvent, ProductEventKind, ProductKpi};
use crate::user::IanaTimeZone;

/// The 30-day retention of the users who signed up on the local days `first_day..=last_day`.
///
/// Definition (“unbounded” or rolling retention, as Amplitude and Flurry name it):
/// - a user's **sign-up day** is the local date of their earliest `signed_up` event; the **cohort** is the
///   users whose sign-up day falls in `first_day..=last_day`;
/// - a member is **retained** when they have any other event (not a sign-up) at or before `now` on a local day
///   30 or more days after their sign-up day (signing up on 1 March and opening the app on 31 March counts);
/// - **retention** = retained ÷ cohort size, compared with the plan's 70 % exactly (retained × 100 ≥ 70 ×
///   size).
///
/// The value is only asked for once every member's 30th day has begun (today ≥ `last_day` + 30), otherwise
/// recent members would count as lost; it can still rise while members keep coming back later.
///
/// ```
/// use cesizen_core::kpi::{ProductEvent, ProductEventKind, RetentionCohort};
/// use cesizen_core::id::UserId;
/// use cesizen_core::user::IanaTimeZone;
/// use chrono::{Duration, NaiveDate, TimeZone, Utc};
///
/// let signup = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
/// let (a, b) = (UserId::from_parts(signup, [1; 10])?, UserId::from_parts(signup, [2; 10])?);
/// let events = [
///     ProductEvent { user_id: a, at: signup, kind: ProductEventKind::SignedUp },
///     ProductEvent { user_id: b, at: signup, kind: ProductEventKind::SignedUp },
///     ProductEvent { user_id: a, at: signup + Duration::days(30), kind: ProductEventKind::AppOpened },
///     ProductEvent { user_id: b, at: signup + Duration::days(29), kind: ProductEventKind::AppOpened },
/// ];
/// let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
/// let now = signup + Duration::days(40);
/// let cohort = RetentionCohort::compute(&events, day, day, IanaTimeZone::EUROPE_PARIS, now)?;
/// assert_eq!((cohort.size, cohort.retained), (2, 1));
/// assert_eq!(cohort.percent(), Some(50.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RetentionCohort {
    /// The first sign-up day of the cohort (`YYYY-MM-DD`).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub first_day: NaiveDate,
    /// The last sign-up day, included.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub last_day: NaiveDate,
    /// The time zone of the days.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub time_zone: IanaTimeZone,
    /// How many users signed up in those days.
    pub size: u32,
    /// How many of them were active 30 days or more after signing up.
    pub retained: u32,
}

/// A cohort's 30-day retention and its reading against the plan's target ([`RetentionCohort::report`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RetentionCohortReport {
    /// The figures.
    #[serde(flatten)]
    pub cohort: RetentionCohort,
    /// The retention against its target.
    pub reading: KpiReading,
}

/// What retention needs to know of one user.
#[derive(Default)]
struct Presence {
    /// The earliest sign-up.
    signed_up: Option<DateTime<Utc>>,
    /// The latest activity (not a sign-up) up to `now`.
    last_seen: Option<DateTime<Utc>>,
}

impl RetentionCohort {
    /// Days after sign-up from which activity counts as retention.
    pub const RETENTION_DAYS: u64 = 30;

    /// Computes the cohort's retention as of `now`, in one pass over the events.
    ///
    /// # Errors
    /// `validation.cohort.invalid_range` when `last_day` is before `first_day`; `kpi.retention.cohort_too_recent`
    /// when today (the local date of `now`) is before `last_day` + 30.
    pub fn compute<'a>(
        events: impl IntoIterator<Item = &'a ProductEvent>,
        first_day: NaiveDate,
        last_day: NaiveDate,
        time_zone: IanaTimeZone,
        now: DateTime<Utc>,
    ) -> Result<RetentionCohort, KpiError> {
        if last_day < first_day {
            return Err(KpiError::CohortRangeInvalid);
        }
        let tz = time_zone.tz();
        let local_day = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
        let after_retention = |day: NaiveDate| day.checked_add_days(Days::new(Self::RETENTION_DAYS));
        match after_retention(last_day) {
            Some(mature) if local_day(now) >= mature => {}
            _ => return Err(KpiError::CohortTooRecent),
        }

        let mut users: HashMap<UserId, Presence> = HashMap::new();
        for event in events {
            let presence = users.entry(event.user_id).or_default();
            match event.kind {
                ProductEventKind::SignedUp => {
                    presence.signed_up = Some(presence.signed_up.map_or(event.at, |t| t.min(event.at)));
                }
                _ if event.at <= now => {
                    presence.last_seen = Some(presence.last_seen.map_or(event.at, |t| t.max(event.at)));
                }
                _ => {}
            }
        }

        let (mut size, mut retained) = (0u32, 0u32);
        for Presence { signed_up, last_seen } in users.values() {
            let Some(signup_day) = signed_up.map(local_day) else {
                continue;
            };
            if signup_day < first_day || signup_day > last_day {
                continue;
            }
            size = size.saturating_add(1);
            let back = match (last_seen, after_retention(signup_day)) {
                (Some(seen), Some(threshold)) => local_day(*seen) >= threshold,
                _ => false,
            };
            if back {
                retained = retained.saturating_add(1);
            }
        }
        Ok(RetentionCohort {
            first_day,
            last_day,
            time_zone,
            size,
            retained,
        })
    }

    /// Retention in percent, `None` for an empty cohort.
    pub fn percent(&self) -> Option<f64> {
        (self.size > 0).then(|| 100.0 * f64::from(self.retained) / f64::from(self.size))
    }

    /// The retention against the plan's 70 %, compared exactly.
    pub fn reading(&self) -> KpiReading {
        let status = if self.size == 0 {
            KpiStatus::NoData
        } else {
            let target = u64::from(ProductKpi::Retention30Day.target());
            KpiStatus::from_met(100 * u64::from(self.retained) >= target * u64::from(self.size))
        };
        KpiReading::new(ProductKpi::Retention30Day, self.percent(), status)
    }

    /// The cohort's figures with their [`RetentionCohort::reading`], as a dashboard shows them.
    pub fn report(&self) -> RetentionCohortReport {
        RetentionCohortReport {
            cohort: *self,
            reading: self.reading(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::kpi_test_support::{at, event, user};
    use ProductEventKind::{AppOpened, SignedUp};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, d).unwrap()
    }

    fn compute(events: &[ProductEvent], first: u32, last: u32, now: &str) -> Result<RetentionCohort, KpiError> {
        RetentionCohort::compute(events, day(first), day(last), IanaTimeZone::EUROPE_PARIS, at(now))
    }

    #[test]
    fn the_report_is_the_figures_and_the_reading_in_one_object() {
        let events = [event(user(1), "2025-03-01T09:00:00Z", SignedUp)];
        let cohort = compute(&events, 1, 1, "2025-05-01T00:00:00Z").unwrap();
        let report = cohort.report();
        assert_eq!((report.cohort, report.reading), (cohort, cohort.reading()));
        let mut expected = serde_json::to_value(cohort).unwrap();
        expected["reading"] = serde_json::to_value(cohort.reading()).unwrap();
        assert_eq!(serde_json::to_value(report).unwrap(), expected);
    }

    #[test]
    fn day_30_counts_day_29_does_not() {
        let events = [
            event(user(1), "2025-03-01T09:00:00Z", SignedUp),
            event(user(1), "2025-03-30T22:59:59Z", AppOpened), // 31 March 00:59 CEST: day 30
            event(user(2), "2025-03-01T09:00:00Z", SignedUp),
            event(user(2), "2025-03-30T21:59:59Z", AppOpened), // 30 March 23:59 CEST: day 29
            event(user(3), "2025-03-02T09:00:00Z", SignedUp),  // outside the cohort
            event(user(3), "2025-05-01T09:00:00Z", AppOpened),
            event(user(4), "2025-02-28T23:30:00Z", SignedUp), // 1 March 00:30 in Paris: in the cohort
            event(user(4), "2025-04-20T09:00:00Z", AppOpened),
            event(user(5), "2025-03-01T10:00:00Z", AppOpened), // active but never signed up: not in a cohort
        ];
        let cohort = compute(&events, 1, 1, "2025-05-15T00:00:00Z").unwrap();
        assert_eq!(
            (cohort.size, cohort.retained),
            (3, 2),
            "users 1 and 4 are back; user 2 is not"
        );
        assert_eq!(cohort.reading().status, KpiStatus::Below);
    }

    #[test]
    fn activity_after_now_and_sign_ups_do_not_count() {
        let events = [
            event(user(1), "2025-03-01T09:00:00Z", SignedUp),
            event(user(1), "2025-04-15T09:00:00Z", SignedUp), // a second sign-up is not activity
            event(user(1), "2025-06-01T09:00:00Z", AppOpened), // after now
        ];
        let cohort = compute(&events, 1, 1, "2025-05-01T00:00:00Z").unwrap();
        assert_eq!((cohort.size, cohort.retained), (1, 0));
    }

    #[test]
    fn maturity_and_range() {
        // The last member's day 30 (31 March) begins at 30 March 22:00 UTC.
        assert_eq!(
            compute(&[], 1, 1, "2025-03-30T21:59:59Z"),
            Err(KpiError::CohortTooRecent)
        );
        let empty = compute(&[], 1, 1, "2025-03-30T22:00:00Z").unwrap();
        assert_eq!(
            empty.reading(),
            KpiReading::new(ProductKpi::Retention30Day, None, KpiStatus::NoData)
        );
        assert_eq!(
            compute(&[], 2, 1, "2025-06-01T00:00:00Z"),
            Err(KpiError::CohortRangeInvalid)
        );
    }

    #[test]
    fn seventy_percent_is_met_exactly() {
        let cohort = RetentionCohort {
            first_day: day(1),
            last_day: day(7),
            time_zone: IanaTimeZone::EUROPE_PARIS,
            size: 10,
            retained: 7,
        };
        assert_eq!(
            (cohort.percent(), cohort.reading().status),
            (Some(70.0), KpiStatus::Met)
        );
        assert_eq!(
            RetentionCohort { retained: 6, ..cohort }.reading().status,
            KpiStatus::Below
        );
        let plan = RetentionCohort {
            size: 100,
            retained: 68,
            ..cohort
        };
        assert_eq!(plan.reading().status, KpiStatus::Below, "the plan's current 68 %");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::kpi::kpi_test_support::{at, user};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn retained_never_exceeds_the_cohort_and_order_does_not_matter(
            picks in proptest::collection::vec((0u8..30, any::<bool>(), 0i64..(120 * 86_400)), 0..120),
        ) {
            let start = at("2025-01-01T00:00:00Z");
            let mut events: Vec<_> = picks
                .iter()
                .map(|(u, signup, secs)| ProductEvent {
                    user_id: user(*u),
                    at: start + chrono::Duration::seconds(*secs),
                    kind: if *signup { ProductEventKind::SignedUp } else { ProductEventKind::AppOpened },
                })
                .collect();
            let (first, last) = (NaiveDate::from_ymd_opt(2025, 1, 10).unwrap(), NaiveDate::from_ymd_opt(2025, 2, 10).unwrap());
            let now = at("2025-06-01T00:00:00Z");
            let cohort = RetentionCohort::compute(&events, first, last, IanaTimeZone::EUROPE_PARIS, now).unwrap();
            prop_assert!(cohort.retained <= cohort.size);
            let signed: std::collections::HashSet<_> =
                events.iter().filter(|e| e.kind == ProductEventKind::SignedUp).map(|e| e.user_id).collect();
            prop_assert!(cohort.size as usize <= signed.len());
            events.reverse();
            prop_assert_eq!(RetentionCohort::compute(&events, first, last, IanaTimeZone::EUROPE_PARIS, now).unwrap(), cohort);
        }
    }
}
