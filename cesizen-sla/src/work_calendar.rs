//! Working-time calendars for SLA timers: around the clock, or business hours with holidays in a time zone.
//!
//! An SLA goal counts time only while the calendar is working. "24/7" counts every millisecond (the plan's
//! incident goals and the GDPR deadline are clock time). "Business hours" counts the hours of chosen weekdays
//! in a named zone, minus holidays (explicit dates, and optionally the French public holidays): a P3 raised
//! on Friday at 17:00 with 9:00–18:00 hours has spent 1 h by Monday morning. A working day may have hours of its
//! own (`"dayHours": { "friday": { "from": "09:00", "to": "16:00" } }`), as Jira Service Management calendars
//! allow. Hours are wall-clock times resolved across DST as `cesizen_core::alerting::resolve_local` does.

use std::collections::{BTreeMap, BTreeSet};

use cesizen_core::alerting::{
    ConfigError, ConfigProblem, DayOfWeek, PLAN_TIME_ZONE, parse_time_zone, resolve_local_date,
};
use cesizen_core::tz::Tz;
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::SlaError;
use crate::interval::{from_ms, to_ms};

/// Days searched for working time before giving up (ten years).
const MAX_SEARCH_DAYS: usize = 3_660;

/// The working hours of one weekday, in a calendar's `dayHours`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DayHours {
    /// Start (local, `"09:00"`).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub from: NaiveTime,
    /// End (local, after `from`).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub to: NaiveTime,
}

/// The JSON form of a [`WorkCalendar`] (`WorkCalendar` in TypeScript).
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "WorkCalendar", missing_as_null)
)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum WorkCalendarSpec {
    /// Every millisecond counts.
    AlwaysOn,
    /// Working hours of working days, minus holidays.
    BusinessHours {
        /// IANA zone of the hours.
        time_zone: String,
        /// Working weekdays.
        days: Vec<DayOfWeek>,
        /// Start of the working day (local, `"09:00"`).
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        from: NaiveTime,
        /// End of the working day (local, after `from`).
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        to: NaiveTime,
        /// Working days whose hours differ from `from`–`to` (each must be in `days`).
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        #[cfg_attr(feature = "wasm", tsify(optional, type = "Partial<Record<DayOfWeek, DayHours>>"))]
        day_hours: BTreeMap<DayOfWeek, DayHours>,
        /// Extra non-working dates (`"2025-12-26"`).
        #[serde(default)]
        #[cfg_attr(feature = "wasm", tsify(optional, type = "string[]"))]
        holidays: Vec<NaiveDate>,
        /// Whether the French public holidays are non-working.
        #[serde(default)]
        #[cfg_attr(feature = "wasm", tsify(optional))]
        french_public_holidays: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct BusinessHours {
    time_zone: Tz,
    /// Monday first: each working day's hours.
    hours: [Option<DayHours>; 7],
    holidays: BTreeSet<NaiveDate>,
    french_public_holidays: bool,
}

/// A validated working-time calendar.
///
/// ```
/// use cesizen_sla::WorkCalendar;
/// let cal = WorkCalendar::paris_business_hours();
/// let friday_5pm = "2025-01-10T16:00:00Z".parse().unwrap();
/// let monday_10am = "2025-01-13T09:00:00Z".parse().unwrap();
/// assert_eq!(cal.working_ms(friday_5pm, monday_10am), 2 * 3_600_000);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WorkCalendarSpec", into = "WorkCalendarSpec")]
pub struct WorkCalendar(Option<BusinessHours>);

impl WorkCalendar {
    /// Around the clock.
    pub fn always_on() -> Self {
        WorkCalendar(None)
    }

    /// Monday to Friday, 09:00–18:00 Europe/Paris, French public holidays off.
    pub fn paris_business_hours() -> Self {
        WorkCalendar(Some(BusinessHours {
            time_zone: PLAN_TIME_ZONE,
            hours: {
                let day = Some(DayHours {
                    from: NaiveTime::from_hms_opt(9, 0, 0).expect("09:00"),
                    to: NaiveTime::from_hms_opt(18, 0, 0).expect("18:00"),
                });
                [day, day, day, day, day, None, None]
            },
            holidays: BTreeSet::new(),
            french_public_holidays: true,
        }))
    }

    /// Working milliseconds in `[start, end)`; 0 when `end <= start`.
    pub fn working_ms(&self, start: chrono::DateTime<chrono::Utc>, end: chrono::DateTime<chrono::Utc>) -> u64 {
        self.working_ms_between(to_ms(start), to_ms(end))
    }

    pub(crate) fn working_ms_between(&self, start: i64, end: i64) -> u64 {
        if end <= start {
            return 0;
        }
        let Some(hours) = &self.0 else {
            return end.abs_diff(start);
        };
        let (Ok(first), Ok(last)) = (from_ms(start), from_ms(end)) else {
            return 0;
        };
        let first_day = first.with_timezone(&hours.time_zone).date_naive();
        let last_day = last.with_timezone(&hours.time_zone).date_naive();
        hours
            .windows_from(first_day)
            .map_while(|(day, window)| (day <= last_day).then_some(window))
            .flatten()
            .map(|(a, b)| (b.min(end) - a.max(start)).max(0).unsigned_abs())
            .sum()
    }

    /// The instant at which `working` milliseconds of working time have elapsed from `start`.
    ///
    /// # Errors
    /// [`SlaError::CalendarUnreachable`] when ten years hold too little working time.
    pub(crate) fn instant_after(&self, start: i64, working: u64) -> Result<i64, SlaError> {
        let Some(hours) = &self.0 else {
            return i64::try_from(working)
                .ok()
                .and_then(|w| start.checked_add(w))
                .ok_or(SlaError::DateOutOfRange);
        };
        if working == 0 {
            return Ok(start);
        }
        let first_day = from_ms(start)?.with_timezone(&hours.time_zone).date_naive();
        let mut left = working;
        for (a, b) in hours
            .windows_from(first_day)
            .take(MAX_SEARCH_DAYS)
            .filter_map(|(_, w)| w)
        {
            let a = a.max(start);
            if b <= a {
                continue;
            }
            let available = b.abs_diff(a);
            if left <= available {
                return i64::try_from(left)
                    .ok()
                    .and_then(|l| a.checked_add(l))
                    .ok_or(SlaError::DateOutOfRange);
            }
            left -= available;
        }
        Err(SlaError::CalendarUnreachable)
    }
}

impl BusinessHours {
    /// Local days from the day before `first`, each with its working window in UTC ms (if working).
    fn windows_from(&self, first: NaiveDate) -> impl Iterator<Item = (NaiveDate, Option<(i64, i64)>)> + '_ {
        first
            .pred_opt()
            .unwrap_or(first)
            .iter_days()
            .map(move |day| (day, self.window(day)))
    }

    fn window(&self, day: NaiveDate) -> Option<(i64, i64)> {
        let hours = self.hours[day.weekday().num_days_from_monday() as usize]?;
        if self.holidays.contains(&day) || (self.french_public_holidays && is_french_holiday(day)) {
            return None;
        }
        let a = to_ms(resolve_local_date(self.time_zone, day, hours.from)?);
        let b = to_ms(resolve_local_date(self.time_zone, day, hours.to)?);
        (a < b).then_some((a, b))
    }
}

fn is_french_holiday(day: NaiveDate) -> bool {
    crate::french_public_holidays(day.year()).contains(&day)
}

impl TryFrom<WorkCalendarSpec> for WorkCalendar {
    type Error = ConfigError;

    fn try_from(spec: WorkCalendarSpec) -> Result<Self, Self::Error> {
        let WorkCalendarSpec::BusinessHours {
            time_zone,
            days,
            from,
            to,
            day_hours,
            holidays,
            french_public_holidays,
        } = spec
        else {
            return Ok(WorkCalendar::always_on());
        };
        let time_zone = parse_time_zone(&time_zone).map_err(|p| ConfigError::new("timeZone", p))?;
        if days.is_empty() {
            return Err(ConfigError::new("days", ConfigProblem::Empty));
        }
        if from >= to {
            return Err(ConfigError::new("to", ConfigProblem::NotOrdered));
        }
        let mut hours = [None; 7];
        for d in &days {
            hours[weekday_index(*d)] = Some(DayHours { from, to });
        }
        for (d, span) in day_hours {
            let at = format!("dayHours.{}", day_name(d));
            if !days.contains(&d) {
                return Err(ConfigError::new(&at, ConfigProblem::Inconsistent));
            }
            if span.from >= span.to {
                return Err(ConfigError::new("to", ConfigProblem::NotOrdered).within(&at));
            }
            hours[weekday_index(d)] = Some(span);
        }
        let holidays = holidays.into_iter().collect();
        Ok(WorkCalendar(Some(BusinessHours {
            time_zone,
            hours,
            holidays,
            french_public_holidays,
        })))
    }
}

impl From<WorkCalendar> for WorkCalendarSpec {
    fn from(c: WorkCalendar) -> Self {
        match c.0 {
            None => WorkCalendarSpec::AlwaysOn,
            Some(h) => {
                let working: Vec<(DayOfWeek, DayHours)> = DayOfWeek::ALL
                    .into_iter()
                    .filter_map(|d| h.hours[weekday_index(d)].map(|span| (d, span)))
                    .collect();
                // `from`–`to` are the hours most days share (the earliest day's among equals), so that a
                // calendar written with one span per day reads back with the fewest `dayHours`.
                let common = working
                    .iter()
                    .map(|(_, span)| *span)
                    .max_by_key(|span| {
                        let count = working.iter().filter(|(_, s)| s == span).count();
                        let first = working.iter().position(|(_, s)| s == span).unwrap_or(0);
                        (count, core::cmp::Reverse(first))
                    })
                    .unwrap_or(DayHours {
                        from: NaiveTime::MIN,
                        to: NaiveTime::MIN,
                    });
                WorkCalendarSpec::BusinessHours {
                    time_zone: h.time_zone.name().to_owned(),
                    days: working.iter().map(|(d, _)| *d).collect(),
                    from: common.from,
                    to: common.to,
                    day_hours: working.iter().filter(|(_, span)| *span != common).copied().collect(),
                    holidays: h.holidays.into_iter().collect(),
                    french_public_holidays: h.french_public_holidays,
                }
            }
        }
    }
}

fn weekday_index(d: DayOfWeek) -> usize {
    d.to_chrono().num_days_from_monday() as usize
}

/// The day's name as serialized (`friday`), for error paths.
fn day_name(d: DayOfWeek) -> String {
    serde_json::to_value(d)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn business_hours_skip_nights_weekends_and_holidays() {
        let cal = WorkCalendar::paris_business_hours();
        // Tuesday 30 April 17:00 Paris to Friday 2 May 10:00: 1 h + (1 May off) + 9 h + 1 h = 11 h.
        assert_eq!(
            cal.working_ms(utc("2024-04-30T15:00:00Z"), utc("2024-05-03T08:00:00Z")),
            11 * 3_600_000
        );
        // A whole week in winter: 5 × 9 h.
        assert_eq!(
            cal.working_ms(utc("2025-01-06T00:00:00Z"), utc("2025-01-13T00:00:00Z")),
            45 * 3_600_000
        );
        // Easter Monday 2025 is off.
        assert_eq!(
            cal.working_ms(utc("2025-04-21T00:00:00Z"), utc("2025-04-22T00:00:00Z")),
            0
        );
    }

    #[test]
    fn instant_after_crosses_nights_and_dst() {
        let cal = WorkCalendar::paris_business_hours();
        // Friday 28 March 2025 17:00 CET + 2 working hours = Monday 31 March 10:00 CEST (08:00 UTC).
        let start = to_ms(utc("2025-03-28T16:00:00Z"));
        assert_eq!(
            cal.instant_after(start, 2 * 3_600_000).unwrap(),
            to_ms(utc("2025-03-31T08:00:00Z"))
        );
        assert_eq!(cal.instant_after(start, 0).unwrap(), start);
        assert_eq!(WorkCalendar::always_on().instant_after(5, 10).unwrap(), 15);
    }

    #[test]
    fn holidays_only_calendar_is_unreachable_and_specs_are_checked() {
        let spec = WorkCalendarSpec::BusinessHours {
            time_zone: "Europe/Paris".into(),
            days: vec![DayOfWeek::Monday],
            from: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            to: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            day_hours: BTreeMap::new(),
            holidays: vec![],
            french_public_holidays: false,
        };
        assert_eq!(WorkCalendar::try_from(spec).unwrap_err().field(), "to");
        let json = serde_json::to_value(WorkCalendar::paris_business_hours()).unwrap();
        assert_eq!(json["kind"], "business_hours");
        assert_eq!(
            serde_json::from_value::<WorkCalendar>(json).unwrap(),
            WorkCalendar::paris_business_hours()
        );
        assert_eq!(
            serde_json::to_value(WorkCalendar::always_on()).unwrap(),
            serde_json::json!({"kind": "always_on"})
        );
    }

    fn short_fridays() -> WorkCalendar {
        serde_json::from_value(serde_json::json!({
            "kind": "business_hours", "timeZone": "Europe/Paris", "days": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"],
            "from": "09:00:00", "to": "18:00:00", "frenchPublicHolidays": true,
            "dayHours": { "friday": { "from": "09:00:00", "to": "16:00:00" }, "saturday": { "from": "10:00:00", "to": "12:00:00" } }
        }))
        .unwrap()
    }

    #[test]
    fn each_weekday_may_have_its_own_hours() {
        let cal = short_fridays();
        // A winter week: 4 × 9 h + 7 h on Friday + 2 h on Saturday.
        assert_eq!(
            cal.working_ms(utc("2025-01-06T00:00:00Z"), utc("2025-01-13T00:00:00Z")),
            45 * 3_600_000
        );
        // Friday 15:00 Paris + 2 working hours: 1 h on Friday, 1 h on Saturday from 10:00 = Saturday 11:00.
        assert_eq!(
            cal.instant_after(to_ms(utc("2025-01-10T14:00:00Z")), 2 * 3_600_000)
                .unwrap(),
            to_ms(utc("2025-01-11T10:00:00Z"))
        );
        // The spec reads back with the shared hours as from/to and only the two other days in dayHours.
        let json = serde_json::to_value(&cal).unwrap();
        assert_eq!(json["from"], "09:00:00");
        assert_eq!(json["dayHours"].as_object().unwrap().len(), 2);
        assert_eq!(serde_json::from_value::<WorkCalendar>(json).unwrap(), cal);
        // One span for every day writes no dayHours at all.
        assert!(
            serde_json::to_value(WorkCalendar::paris_business_hours())
                .unwrap()
                .get("dayHours")
                .is_none()
        );
    }

    #[test]
    fn day_hours_are_checked() {
        let spec = |day_hours: serde_json::Value| {
            serde_json::from_value::<WorkCalendarSpec>(serde_json::json!({
                "kind": "business_hours", "timeZone": "Europe/Paris", "days": ["monday"],
                "from": "09:00", "to": "18:00", "dayHours": day_hours
            }))
            .unwrap()
        };
        let e = WorkCalendar::try_from(spec(
            serde_json::json!({ "sunday": { "from": "09:00", "to": "12:00" } }),
        ))
        .unwrap_err();
        assert_eq!(
            (e.field(), e.code()),
            ("dayHours.sunday", ConfigProblem::Inconsistent.code())
        );
        let e = WorkCalendar::try_from(spec(
            serde_json::json!({ "monday": { "from": "12:00", "to": "12:00" } }),
        ))
        .unwrap_err();
        assert_eq!(e.field(), "dayHours.monday.to");
    }

    proptest! {
        #[test]
        fn per_day_hours_roundtrip_through_json(spans in proptest::collection::vec(proptest::option::of((0u32..23, 1u32..3)), 7)) {
            let days: Vec<DayOfWeek> = DayOfWeek::ALL.into_iter().zip(&spans).filter(|(_, s)| s.is_some()).map(|(d, _)| d).collect();
            prop_assume!(!days.is_empty());
            let time = |h: u32| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
            let day_hours: BTreeMap<DayOfWeek, DayHours> = DayOfWeek::ALL.into_iter().zip(&spans)
                .filter_map(|(d, s)| s.map(|(from, len)| (d, DayHours { from: time(from), to: time((from + len).min(23)).max(time(from + 1)) })))
                .collect();
            let spec = WorkCalendarSpec::BusinessHours {
                time_zone: "UTC".into(), days, from: time(9), to: time(17), day_hours, holidays: vec![], french_public_holidays: false,
            };
            let cal = WorkCalendar::try_from(spec).unwrap();
            let again = WorkCalendar::try_from(WorkCalendarSpec::from(cal.clone())).unwrap();
            prop_assert_eq!(&again, &cal);
            // A week of working time is the sum of the days' spans.
            let week: u64 = spans.iter().flatten().map(|(from, len)| u64::from((from + len).min(23).max(from + 1) - from) * 3_600_000).sum();
            prop_assert_eq!(cal.working_ms(utc("2025-01-06T00:00:00Z"), utc("2025-01-13T00:00:00Z")), week);
        }

        #[test]
        fn instant_after_inverts_working_ms(start in 1_700_000_000_000i64..1_800_000_000_000, work in 0u64..200 * 3_600_000) {
            let cal = WorkCalendar::paris_business_hours();
            let end = cal.instant_after(start, work).unwrap();
            prop_assert_eq!(cal.working_ms_between(start, end), work);
            if work > 0 {
                prop_assert!(cal.working_ms_between(start, end - 1) < work);
            }
        }

        #[test]
        fn working_time_is_additive(a in 1_700_000_000_000i64..1_800_000_000_000, l1 in 0i64..900_000_000, l2 in 0i64..900_000_000) {
            let cal = WorkCalendar::paris_business_hours();
            let (b, c) = (a + l1, a + l1 + l2);
            prop_assert_eq!(cal.working_ms_between(a, b) + cal.working_ms_between(b, c), cal.working_ms_between(a, c));
            prop_assert!(cal.working_ms_between(a, c) <= (c - a).unsigned_abs());
        }
    }
}
