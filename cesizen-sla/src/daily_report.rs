//! A month measured day by day: each service's local days (Statuspage-style uptime bars) and its error budget
//! left at the end of each day (the burn-down), beside the [monthly report](crate::monthly_report).
//!
//! Every figure comes from [`availability`] and [`ErrorBudget`], so a day's downtime and the month's agree with
//! the monthly report. Local days start at local midnight ([`start_of_local_day`], what calendar months are
//! made of), so the days tile the month exactly, DST nights included.

use std::collections::BTreeMap;

use cesizen_core::CalendarMonth;
use cesizen_core::tz::{Tz, start_of_local_day};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{
    ErrorBudget, Outage, Period, Ppm, ServiceCatalog, ServiceId, ServiceObservations, SlaError, SloTarget, availability,
};

/// How one local day went for one service, in Statuspage's words.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum DayStatus {
    /// No downtime.
    Up,
    /// Downtime from partial outages only (the service was degraded).
    PartialOutage,
    /// A full outage touched the day.
    MajorOutage,
    /// Maintenance covered the whole day: nothing to measure.
    Maintenance,
}

impl DayStatus {
    /// The status as written in JSON: `up`, `partial_outage`, `major_outage`, `maintenance`.
    pub fn as_str(self) -> &'static str {
        match self {
            DayStatus::Up => "up",
            DayStatus::PartialOutage => "partial_outage",
            DayStatus::MajorOutage => "major_outage",
            DayStatus::Maintenance => "maintenance",
        }
    }
}

/// One local day of one service.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct DayReport {
    /// The local date.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub date: NaiveDate,
    /// How the day went.
    pub status: DayStatus,
    /// Weighted downtime, ms, rounded up.
    pub downtime_ms: u64,
    /// Maintenance, ms.
    pub maintenance_ms: u64,
    /// Availability over the day's eligible time, ppm; `None` when maintenance covered the day.
    pub availability_ppm: Option<u32>,
}

/// One service's month, day by day.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct ServiceDays {
    /// The service.
    pub service: ServiceId,
    /// Its display name.
    pub name: String,
    /// Its target.
    pub target: SloTarget,
    /// One entry per local day of the month, in order.
    pub days: Vec<DayReport>,
    /// The share of the month's error budget left (ppm of the budget, negative when overspent) at the month's
    /// start and at the end of each day: one more entry than `days`. `None` when the month's budget is empty
    /// (maintenance all month).
    pub budget_left_ppm: Vec<Option<i64>>,
}

/// Each service of `catalog` over the local days of `month` in `time_zone`: one [`ServiceDays`] per
/// service, in catalog order.
///
/// # Errors
/// As [`crate::monthly_report`]: [`SlaError::UnknownService`] when `observations` names a service the catalog
/// does not hold; [`SlaError::DateOutOfRange`] for the last representable month.
///
/// ```
/// use std::collections::BTreeMap;
/// use cesizen_sla::{daily_report, DayStatus, Interval, Outage, ServiceCatalog, ServiceId, ServiceObservations};
/// let down = Interval::new("2025-04-03T02:00:00Z".parse().unwrap(), "2025-04-03T02:30:00Z".parse().unwrap()).unwrap();
/// let observed = BTreeMap::from([(ServiceId::new("core-api").unwrap(),
///     ServiceObservations { outages: vec![Outage::full(down)], maintenance: vec![] })]);
/// let april = cesizen_core::CalendarMonth::new(2025, 4).unwrap();
/// let days = daily_report(&ServiceCatalog::plan(), april, cesizen_core::tz::Tz::EUROPE_PARIS, &observed).unwrap();
/// let api = &days[1];
/// assert_eq!(api.days.len(), 30);
/// assert_eq!((api.days[2].status, api.days[2].downtime_ms), (DayStatus::MajorOutage, 1_800_000));
/// assert_eq!(api.budget_left_ppm[2..4], [Some(1_000_000), Some(305_555)]); // 13.2 of 43.2 minutes left
/// ```
pub fn daily_report(
    catalog: &ServiceCatalog,
    month: CalendarMonth,
    time_zone: Tz,
    observations: &BTreeMap<ServiceId, ServiceObservations>,
) -> Result<Vec<ServiceDays>, SlaError> {
    if observations.keys().any(|id| catalog.get(id.as_str()).is_none()) {
        return Err(SlaError::UnknownService);
    }
    let period = Period::calendar_month(month, time_zone)?;
    let days = local_days(month, time_zone)?;
    let empty = ServiceObservations::default();
    catalog
        .services()
        .iter()
        .map(|service| {
            let seen = observations.get(&service.id).unwrap_or(&empty);
            let full: Vec<Outage> = seen
                .outages
                .iter()
                .filter(|o| o.weight() == Ppm::ONE)
                .copied()
                .collect();
            let eligible = availability(&period, &seen.outages, &seen.maintenance).eligible_ms();
            let mut budget_left_ppm = vec![ErrorBudget::new(service.target, eligible, 0).remaining_ppm()];
            let mut reports = Vec::with_capacity(days.len());
            for (date, day) in &days {
                let a = availability(day, &seen.outages, &seen.maintenance);
                let status = if a.eligible_ms() == 0 {
                    DayStatus::Maintenance
                } else if a.downtime_ms() == 0 {
                    DayStatus::Up
                } else if availability(day, &full, &seen.maintenance).downtime_ms() > 0 {
                    DayStatus::MajorOutage
                } else {
                    DayStatus::PartialOutage
                };
                reports.push(DayReport {
                    date: *date,
                    status,
                    downtime_ms: a.downtime_ms(),
                    maintenance_ms: a.maintenance_ms(),
                    availability_ppm: a.availability_ppm(),
                });
                let so_far = Period::new(period.start(), day.end())?;
                let used = availability(&so_far, &seen.outages, &seen.maintenance).downtime_ms();
                budget_left_ppm.push(ErrorBudget::new(service.target, eligible, used).remaining_ppm());
            }
            Ok(ServiceDays {
                service: service.id.clone(),
                name: service.name.clone(),
                target: service.target,
                days: reports,
                budget_left_ppm,
            })
        })
        .collect()
}

/// The local days of the month, each with its bounds (local midnight to local midnight, each midnight computed
/// once).
fn local_days(month: CalendarMonth, time_zone: Tz) -> Result<Vec<(NaiveDate, Period)>, SlaError> {
    let first = month.first_day();
    let midnight = |date: NaiveDate| start_of_local_day(time_zone, date).ok_or(SlaError::DateOutOfRange);
    let mut days = Vec::with_capacity(31);
    let (mut date, mut start) = (first, midnight(first)?);
    while date.month() == first.month() {
        let next = date.succ_opt().ok_or(SlaError::DateOutOfRange)?;
        let end = midnight(next)?;
        days.push((date, Period::new(start, end)?));
        (date, start) = (next, end);
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Interval, monthly_report};
    use chrono::{DateTime, Utc};
    use proptest::prelude::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn observed(id: &str, seen: ServiceObservations) -> BTreeMap<ServiceId, ServiceObservations> {
        BTreeMap::from([(ServiceId::new(id).unwrap(), seen)])
    }

    #[test]
    fn days_tile_the_month_across_dst() {
        // Paris, March 2025: the 30th has 23 hours.
        let march = CalendarMonth::new(2025, 3).unwrap();
        let days = local_days(march, Tz::EUROPE_PARIS).unwrap();
        assert_eq!(days.len(), 31);
        assert_eq!(days[29].1.len_ms(), 23 * 3_600_000);
        let month = Period::calendar_month(march, Tz::EUROPE_PARIS).unwrap();
        assert_eq!(days[0].1.start(), month.start());
        assert_eq!(days[30].1.end(), month.end());
        assert!(days.windows(2).all(|w| w[0].1.end() == w[1].1.start()));
    }

    #[test]
    fn each_status_is_told_apart() {
        let seen = ServiceObservations {
            outages: vec![
                Outage::full(Interval::new(at("2025-04-02T10:00:00Z"), at("2025-04-02T10:10:00Z")).unwrap()),
                Outage::partial(
                    Interval::new(at("2025-04-03T10:00:00Z"), at("2025-04-03T11:00:00Z")).unwrap(),
                    Ppm::new(250_000).unwrap(),
                ),
            ],
            maintenance: vec![Interval::new(at("2025-04-03T22:00:00Z"), at("2025-04-04T22:00:00Z")).unwrap()],
        };
        let days = daily_report(
            &ServiceCatalog::plan(),
            CalendarMonth::new(2025, 4).unwrap(),
            Tz::EUROPE_PARIS,
            &observed("core-api", seen),
        )
        .unwrap();
        let api = days.iter().find(|s| s.service.as_str() == "core-api").unwrap();
        let status: Vec<DayStatus> = api.days[..5].iter().map(|d| d.status).collect();
        use DayStatus::*;
        assert_eq!(status, [Up, MajorOutage, PartialOutage, Maintenance, Up]);
        assert_eq!(api.days[2].downtime_ms, 900_000);
        assert_eq!(api.days[3].availability_ppm, None);
    }

    #[test]
    fn an_unknown_service_is_refused() {
        let e = daily_report(
            &ServiceCatalog::plan(),
            CalendarMonth::new(2025, 4).unwrap(),
            Tz::EUROPE_PARIS,
            &observed("nowhere", ServiceObservations::default()),
        );
        assert_eq!(e, Err(SlaError::UnknownService));
    }

    fn outages() -> impl Strategy<Value = Vec<Outage>> {
        let start = at("2025-03-25T00:00:00Z").timestamp_millis();
        prop::collection::vec((0i64..45 * 86_400_000, 1i64..3 * 86_400_000, 1u32..=1_000_000), 0..6).prop_map(
            move |v| {
                v.into_iter()
                    .map(|(from, len, weight)| {
                        let from = DateTime::from_timestamp_millis(start + from).unwrap();
                        let to = DateTime::from_timestamp_millis(from.timestamp_millis() + len).unwrap();
                        let span = Interval::new(from, to).unwrap();
                        Outage::partial(span, Ppm::new(weight).unwrap())
                    })
                    .collect()
            },
        )
    }

    proptest! {
        /// The days add up to the monthly report's figures, and the burn-down ends where the month does.
        #[test]
        fn the_days_agree_with_the_monthly_report(outages in outages(), month in 3u32..=4) {
            let catalog = ServiceCatalog::plan();
            let seen = observed("web-app", ServiceObservations { outages, maintenance: vec![] });
            let month = CalendarMonth::new(2025, month).unwrap();
            let days = daily_report(&catalog, month, Tz::EUROPE_PARIS, &seen).unwrap();
            let report = monthly_report(&catalog, month, Tz::EUROPE_PARIS, &seen).unwrap();
            for (service, line) in days.iter().zip(&report.services) {
                prop_assert_eq!(&service.service, &line.service);
                prop_assert_eq!(service.budget_left_ppm.len(), service.days.len() + 1);
                let month_budget = ErrorBudget::from_availability(&line.availability, service.target);
                prop_assert_eq!(*service.budget_left_ppm.last().unwrap(), month_budget.remaining_ppm());
                // Each day rounds its downtime up: the days never sum to less than the month.
                let sum: u64 = service.days.iter().map(|d| d.downtime_ms).sum();
                prop_assert!(sum >= line.used_ms && sum <= line.used_ms + service.days.len() as u64);
                prop_assert!(service.budget_left_ppm.windows(2).all(|w| w[1] <= w[0]));
            }
        }
    }
}
