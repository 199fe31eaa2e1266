//! The monthly SLA report: every service against its target, in minutes allowed, used and left.
//!
//! For a calendar month in the report's time zone (Europe/Paris by default), each service's outages and
//! maintenance windows give its [`Availability`]. Minutes follow [the rounding rule](crate::rounding):
//! allowed rounded down, used rounded up, left rounded down (negative when overspent). Whether the target is
//! met is decided on exact values.

use std::collections::BTreeMap;

use cesizen_core::CalendarMonth;
use cesizen_core::tz::Tz;
use serde::{Deserialize, Serialize};

use crate::rounding::{div_ceil, div_floor, div_floor_signed};
use crate::{Availability, Interval, Outage, PPM_ONE, Period, ServiceCatalog, ServiceId, SlaError, availability};

const MINUTE_MS: u32 = 60_000;

/// What was observed of one service during the month.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceObservations {
    /// Outages (any order, may overlap or cross the month's bounds).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "OutageInput[]"))]
    pub outages: Vec<Outage>,
    /// Planned maintenance windows.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "Interval[]"))]
    pub maintenance: Vec<Interval>,
}

/// One service's line in the report.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceReport {
    /// The service.
    pub service: ServiceId,
    /// Its display name.
    pub name: String,
    /// Its target, ppm.
    pub target_ppm: u32,
    /// The measured availability.
    pub availability: Availability,
    /// Allowed downtime, ms, rounded down.
    pub allowed_ms: u64,
    /// Downtime used, ms, rounded up.
    pub used_ms: u64,
    /// Allowed minus used, ms, rounded down.
    pub left_ms: i64,
    /// Allowed downtime in whole minutes, rounded down.
    pub minutes_allowed: u64,
    /// Used downtime in whole minutes, rounded up.
    pub minutes_used: u64,
    /// Minutes left, rounded down (negative when overspent).
    pub minutes_left: i64,
    /// Whether the target is met (exact comparison); `None` when maintenance covered the whole month.
    pub met: Option<bool>,
}

/// The report of one month.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyReport {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The zone the month is measured in.
    pub time_zone: String,
    /// The month's bounds.
    #[cfg_attr(feature = "wasm", tsify(type = "Interval"))]
    pub period: Period,
    /// One line per catalog service, in catalog order.
    pub services: Vec<ServiceReport>,
}

/// The report of `month` in `time_zone` for every service of `catalog`.
///
/// # Errors
/// [`SlaError::UnknownService`] when `observations` names a service the catalog does not hold; errors of
/// [`Period::calendar_month`].
///
/// ```
/// use std::collections::BTreeMap;
/// use cesizen_sla::{monthly_report, Interval, Outage, ServiceCatalog, ServiceId, ServiceObservations};
/// let down = Interval::new("2025-04-03T02:00:00Z".parse().unwrap(), "2025-04-03T02:30:00Z".parse().unwrap()).unwrap();
/// let observed = BTreeMap::from([(ServiceId::new("core-api").unwrap(),
///     ServiceObservations { outages: vec![Outage::full(down)], maintenance: vec![] })]);
/// let april = cesizen_core::CalendarMonth::new(2025, 4).unwrap();
/// let r = monthly_report(&ServiceCatalog::plan(), april, cesizen_core::tz::Tz::EUROPE_PARIS, &observed).unwrap();
/// let api = &r.services[1];
/// assert_eq!((api.minutes_allowed, api.minutes_used, api.minutes_left, api.met), (43, 30, 13, Some(true)));
/// ```
pub fn monthly_report(
    catalog: &ServiceCatalog,
    month: CalendarMonth,
    time_zone: Tz,
    observations: &BTreeMap<ServiceId, ServiceObservations>,
) -> Result<MonthlyReport, SlaError> {
    if observations.keys().any(|id| catalog.get(id.as_str()).is_none()) {
        return Err(SlaError::UnknownService);
    }
    let period = Period::calendar_month(month, time_zone)?;
    let empty = ServiceObservations::default();
    let services = catalog
        .services()
        .iter()
        .map(|s| {
            let seen = observations.get(&s.id).unwrap_or(&empty);
            let a = availability(&period, &seen.outages, &seen.maintenance);
            let one = u128::from(PPM_ONE);
            let allowed_exact = u128::from(a.eligible_ms()) * u128::from(s.target.budget_ppm());
            let left_exact = i128::try_from(allowed_exact).unwrap_or(i128::MAX)
                - i128::try_from(a.downtime_ppm_ms()).unwrap_or(i128::MAX);
            let minute = u128::from(MINUTE_MS) * one;
            let (one_signed, minute_signed) = (i128::from(PPM_ONE), i128::from(MINUTE_MS) * i128::from(PPM_ONE));
            ServiceReport {
                service: s.id.clone(),
                name: s.name.clone(),
                target_ppm: s.target.ppm(),
                allowed_ms: u64::try_from(div_floor(allowed_exact, one)).unwrap_or(u64::MAX),
                used_ms: a.downtime_ms(),
                left_ms: i64::try_from(div_floor_signed(left_exact, one_signed)).unwrap_or(i64::MIN),
                minutes_allowed: u64::try_from(div_floor(allowed_exact, minute)).unwrap_or(u64::MAX),
                minutes_used: u64::try_from(div_ceil(a.downtime_ppm_ms(), minute)).unwrap_or(u64::MAX),
                minutes_left: i64::try_from(div_floor_signed(left_exact, minute_signed)).unwrap_or(i64::MIN),
                met: a.meets(s.target),
                availability: a,
            }
        })
        .collect();
    Ok(MonthlyReport {
        year: month.year(),
        month: month.month(),
        time_zone: time_zone.name().to_owned(),
        period,
        services,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, TimeDelta, Utc};
    const PARIS: Tz = Tz::EUROPE_PARIS;

    fn outage(start: &str, minutes: i64) -> Outage {
        let s: DateTime<Utc> = start.parse().unwrap();
        Outage::full(Interval::new(s, s + TimeDelta::minutes(minutes)).unwrap())
    }

    #[test]
    fn a_quiet_30_day_month_shows_the_plan_figures() {
        let r = monthly_report(
            &ServiceCatalog::plan(),
            CalendarMonth::new(2025, 4).unwrap(),
            PARIS,
            &BTreeMap::new(),
        )
        .unwrap();
        let minutes: Vec<(&str, u64, u64, i64, Option<bool>)> = r
            .services
            .iter()
            .map(|s| {
                (
                    s.service.as_str(),
                    s.minutes_allowed,
                    s.minutes_used,
                    s.minutes_left,
                    s.met,
                )
            })
            .collect();
        assert_eq!(
            minutes,
            [
                ("web-app", 216, 0, 216, Some(true)),
                ("core-api", 43, 0, 43, Some(true)),
                ("database", 21, 0, 21, Some(true)),
                ("cdn", 4, 0, 4, Some(true)),
                ("authentication", 43, 0, 43, Some(true)),
            ]
        );
        assert_eq!(r.services[0].availability.availability_ppm(), Some(1_000_000));
    }

    #[test]
    fn overspent_services_fail_and_show_negative_minutes_left() {
        let observed = BTreeMap::from([
            (
                ServiceId::new("cdn").unwrap(),
                ServiceObservations {
                    outages: vec![outage("2025-03-10T10:00:00Z", 5)],
                    maintenance: vec![],
                },
            ),
            (
                ServiceId::new("database").unwrap(),
                ServiceObservations {
                    outages: vec![outage("2025-03-02T01:00:00Z", 60)],
                    maintenance: vec![
                        Interval::new(
                            "2025-03-02T00:30:00Z".parse().unwrap(),
                            "2025-03-02T02:10:00Z".parse().unwrap(),
                        )
                        .unwrap(),
                    ],
                },
            ),
        ]);
        let r = monthly_report(
            &ServiceCatalog::plan(),
            CalendarMonth::new(2025, 3).unwrap(),
            PARIS,
            &observed,
        )
        .unwrap();
        let cdn = &r.services[3];
        // March in Paris has 743 h: 99.99 % allows 4.458 min.
        assert_eq!(
            (cdn.minutes_allowed, cdn.minutes_used, cdn.minutes_left, cdn.met),
            (4, 5, -1, Some(false))
        );
        assert_eq!((cdn.allowed_ms, cdn.used_ms, cdn.left_ms), (267_480, 300_000, -32_520));
        let db = &r.services[2];
        // The outage lies inside the maintenance window: nothing used, 100 min off the denominator.
        assert_eq!(
            (db.used_ms, db.availability.maintenance_ms(), db.met),
            (0, 100 * 60_000, Some(true))
        );
    }

    #[test]
    fn unknown_services_are_refused() {
        let observed = BTreeMap::from([(ServiceId::new("search").unwrap(), ServiceObservations::default())]);
        assert_eq!(
            monthly_report(
                &ServiceCatalog::plan(),
                CalendarMonth::new(2025, 3).unwrap(),
                PARIS,
                &observed
            )
            .unwrap_err()
            .code(),
            "sla.service.unknown"
        );
    }
}
