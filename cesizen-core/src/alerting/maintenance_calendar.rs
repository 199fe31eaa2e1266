//! The automated maintenance calendar of the plan, with its next occurrences in UTC.
//!
//! "Calendrier maintenance automatisée" (Europe/Paris wall-clock times):
//!
//! | time | daily | weekly | monthly | quarterly |
//! |---|---|---|---|---|
//! | 00:30 | database backup | | | |
//! | 02:00 | log clean-up | minor dependency updates | major maintenance | major upgrade |
//! | 03:00 | security scan | | | |
//! | 06:00 | health report | performance tests | security audit | architecture audit |
//! | 09:00 | | incident review | database optimisation | team training |
//! | 14:00 | | | restore tests | maintenance plan review |
//!
//! The plan does not say which day: the SDK runs weekly tasks on Mondays, monthly ones on the 1st and
//! quarterly ones on the 1st of January, April, July and October (days above 28 are refused, so a monthly task
//! never skips a short month). DST follows [`resolve_local`](super::resolve_local): on the spring-forward
//! Sunday the 02:00 log clean-up runs once at 03:00 CEST (01:00 UTC), at the same instant as the 03:00 security
//! scan; on the fall-back Sunday it runs once, at the first 02:00 (00:00 UTC).

use std::collections::BTreeSet;

use crate::tz::Tz;
use chrono::{DateTime, Datelike, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::local_time::next_local_occurrence;
use super::{AlertingError, ConfigError, ConfigProblem, DayOfWeek, PLAN_TIME_ZONE, parse_time_zone};

const MAX_TASKS: usize = 100;
const MAX_OCCURRENCES: usize = 10_000;

/// How often a task runs, and on which day (`MaintenanceRecurrence` in TypeScript).
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "MaintenanceRecurrence", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "every", rename_all = "snake_case", deny_unknown_fields)]
pub enum Recurrence {
    /// Every day.
    Day,
    /// Every week on `on`.
    Week {
        /// The day.
        on: DayOfWeek,
    },
    /// Every month on day `day` (1–28).
    Month {
        /// The day of the month.
        day: u8,
    },
    /// On day `day` (1–28) of January, April, July and October.
    Quarter {
        /// The day of the quarter's first month.
        day: u8,
    },
}

impl Recurrence {
    fn matches(self, date: chrono::NaiveDate) -> bool {
        match self {
            Recurrence::Day => true,
            Recurrence::Week { on } => date.weekday() == on.to_chrono(),
            Recurrence::Month { day } => date.day() == u32::from(day),
            Recurrence::Quarter { day } => date.month0().is_multiple_of(3) && date.day() == u32::from(day),
        }
    }

    fn horizon_days(self) -> u32 {
        match self {
            Recurrence::Day => 2,
            Recurrence::Week { .. } => 8,
            Recurrence::Month { .. } => 32,
            Recurrence::Quarter { .. } => 93,
        }
    }
}

/// One scheduled task.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MaintenanceTask {
    /// A snake_case name, unique in the calendar (`"log_cleanup"`).
    pub name: String,
    /// How often.
    #[cfg_attr(feature = "wasm", tsify(type = "MaintenanceRecurrence"))]
    pub recurrence: Recurrence,
    /// Local wall-clock time (`"02:00"`).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub at: NaiveTime,
}

/// The JSON form of a [`MaintenanceCalendar`].
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MaintenanceCalendarSpec {
    /// IANA time zone of the wall-clock times.
    pub time_zone: String,
    /// The tasks.
    pub tasks: Vec<MaintenanceTask>,
}

/// One run of a task.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "MaintenanceOccurrence", missing_as_null)
)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Occurrence {
    /// The task's name.
    pub task: String,
    /// When it runs.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub at: DateTime<Utc>,
    /// The scheduled local date and time (on a spring-forward day it differs from the local time of `at`).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub scheduled_local: NaiveDateTime,
}

/// A validated calendar.
///
/// ```
/// use cesizen_core::alerting::MaintenanceCalendar;
/// let cal = MaintenanceCalendar::plan();
/// let next = cal.next_occurrences("2025-03-29T23:00:00Z".parse().unwrap(), 3).unwrap();
/// // Spring-forward night in Paris: the backup at 00:30 CET, then log clean-up and security scan together.
/// let got: Vec<_> = next.iter().map(|o| (o.task.as_str(), o.at.to_rfc3339())).collect();
/// assert_eq!(got, [
///     ("database_backup", "2025-03-29T23:30:00+00:00".to_owned()),
///     ("log_cleanup", "2025-03-30T01:00:00+00:00".to_owned()),
///     ("security_scan", "2025-03-30T01:00:00+00:00".to_owned()),
/// ]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "MaintenanceCalendarSpec", into = "MaintenanceCalendarSpec")]
pub struct MaintenanceCalendar {
    time_zone: Tz,
    tasks: Vec<MaintenanceTask>,
}

impl MaintenanceCalendar {
    /// The plan's calendar (Europe/Paris).
    pub fn plan() -> Self {
        use Recurrence::*;
        let monday = Week { on: DayOfWeek::Monday };
        let rows: [(&str, Recurrence, u32, u32); 15] = [
            ("database_backup", Day, 0, 30),
            ("log_cleanup", Day, 2, 0),
            ("security_scan", Day, 3, 0),
            ("health_report", Day, 6, 0),
            ("minor_dependency_updates", monday, 2, 0),
            ("performance_tests", monday, 6, 0),
            ("incident_review", monday, 9, 0),
            ("major_maintenance", Month { day: 1 }, 2, 0),
            ("security_audit", Month { day: 1 }, 6, 0),
            ("database_optimisation", Month { day: 1 }, 9, 0),
            ("restore_tests", Month { day: 1 }, 14, 0),
            ("major_upgrade", Quarter { day: 1 }, 2, 0),
            ("architecture_audit", Quarter { day: 1 }, 6, 0),
            ("team_training", Quarter { day: 1 }, 9, 0),
            ("maintenance_plan_review", Quarter { day: 1 }, 14, 0),
        ];
        let tasks = rows
            .into_iter()
            .map(|(name, recurrence, h, m)| MaintenanceTask {
                name: name.to_owned(),
                recurrence,
                at: NaiveTime::from_hms_opt(h, m, 0).expect("the plan's times are valid"),
            })
            .collect();
        MaintenanceCalendar {
            time_zone: PLAN_TIME_ZONE,
            tasks,
        }
    }

    /// The next `limit` runs (at most 10 000) strictly after `after`, in time order; simultaneous runs keep
    /// the calendar's task order.
    ///
    /// # Errors
    /// [`AlertingError::DateOutOfRange`] near the end of representable time.
    pub fn next_occurrences(&self, after: DateTime<Utc>, limit: usize) -> Result<Vec<Occurrence>, AlertingError> {
        self.runs(after, limit, None)
    }

    /// Every run in `[from, to)`, in time order (at most 10 000).
    ///
    /// # Errors
    /// As [`MaintenanceCalendar::next_occurrences`].
    pub fn occurrences_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Occurrence>, AlertingError> {
        let just_before = from
            .checked_sub_signed(chrono::TimeDelta::nanoseconds(1))
            .ok_or(AlertingError::DateOutOfRange)?;
        self.runs(just_before, MAX_OCCURRENCES, Some(to))
    }

    /// Up to `limit` runs strictly after `after` and strictly before `before`.
    fn runs(
        &self,
        after: DateTime<Utc>,
        limit: usize,
        before: Option<DateTime<Utc>>,
    ) -> Result<Vec<Occurrence>, AlertingError> {
        let limit = limit.min(MAX_OCCURRENCES);
        let mut heads = self
            .tasks
            .iter()
            .map(|task| self.next_of(task, after))
            .collect::<Result<Vec<DateTime<Utc>>, AlertingError>>()?;
        let mut out = Vec::new();
        while out.len() < limit {
            let Some((i, at)) = heads.iter().copied().enumerate().min_by_key(|(i, at)| (*at, *i)) else {
                break;
            };
            if before.is_some_and(|b| at >= b) {
                break;
            }
            let task = &self.tasks[i];
            let scheduled_local = self.scheduled_local(task, at);
            out.push(Occurrence {
                task: task.name.clone(),
                at,
                scheduled_local,
            });
            heads[i] = self.next_of(task, at)?;
        }
        Ok(out)
    }

    fn next_of(&self, task: &MaintenanceTask, after: DateTime<Utc>) -> Result<DateTime<Utc>, AlertingError> {
        let recurrence = task.recurrence;
        next_local_occurrence(self.time_zone, after, task.at, recurrence.horizon_days(), |d| {
            recurrence.matches(d)
        })
        .ok_or(AlertingError::DateOutOfRange)
    }

    /// The local slot `at` was scheduled for: the matching local date on or just before `at`'s local date.
    fn scheduled_local(&self, task: &MaintenanceTask, at: DateTime<Utc>) -> NaiveDateTime {
        let date = at.with_timezone(&self.time_zone).date_naive();
        let slot = [Some(date), date.pred_opt()]
            .into_iter()
            .flatten()
            .find(|d| task.recurrence.matches(*d))
            .unwrap_or(date);
        slot.and_time(task.at)
    }

    /// The tasks.
    pub fn tasks(&self) -> &[MaintenanceTask] {
        &self.tasks
    }

    /// The zone of the wall-clock times.
    pub fn time_zone(&self) -> Tz {
        self.time_zone
    }
}

impl TryFrom<MaintenanceCalendarSpec> for MaintenanceCalendar {
    type Error = ConfigError;

    fn try_from(spec: MaintenanceCalendarSpec) -> Result<Self, Self::Error> {
        let time_zone = parse_time_zone(&spec.time_zone).map_err(|p| ConfigError::new("timeZone", p))?;
        if spec.tasks.len() > MAX_TASKS {
            return Err(ConfigError::new("tasks", ConfigProblem::TooLong));
        }
        let mut names = BTreeSet::new();
        for (i, task) in spec.tasks.iter().enumerate() {
            let at = format!("tasks[{i}]");
            let slug = !task.name.is_empty()
                && task.name.len() <= 64
                && task
                    .name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !slug {
                return Err(ConfigError::new("name", ConfigProblem::OutOfRange).within(&at));
            }
            if !names.insert(task.name.as_str()) {
                return Err(ConfigError::new("name", ConfigProblem::Duplicate).within(&at));
            }
            if let Recurrence::Month { day } | Recurrence::Quarter { day } = task.recurrence
                && !(1..=28).contains(&day)
            {
                return Err(ConfigError::new("recurrence.day", ConfigProblem::OutOfRange).within(&at));
            }
        }
        Ok(MaintenanceCalendar {
            time_zone,
            tasks: spec.tasks,
        })
    }
}

impl From<MaintenanceCalendar> for MaintenanceCalendarSpec {
    fn from(c: MaintenanceCalendar) -> Self {
        MaintenanceCalendarSpec {
            time_zone: c.time_zone.name().to_owned(),
            tasks: c.tasks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn runs_of(task: &str, from: &str, to: &str) -> Vec<DateTime<Utc>> {
        MaintenanceCalendar::plan()
            .occurrences_between(utc(from), utc(to))
            .unwrap()
            .into_iter()
            .filter(|o| o.task == task)
            .map(|o| o.at)
            .collect()
    }

    #[test]
    fn every_cell_of_the_plan_table_runs_at_its_paris_time() {
        // 2025-01-01 is a Wednesday, the first day of a month and of a quarter; winter time (UTC+1).
        let day = MaintenanceCalendar::plan()
            .occurrences_between(utc("2024-12-31T23:00:00Z"), utc("2025-01-01T23:00:00Z"))
            .unwrap();
        let got: Vec<(&str, u32)> = day
            .iter()
            .map(|o| {
                (
                    o.task.as_str(),
                    o.scheduled_local.time().hour() * 100 + o.scheduled_local.time().minute(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("database_backup", 30),
                ("log_cleanup", 200),
                ("major_maintenance", 200),
                ("major_upgrade", 200),
                ("security_scan", 300),
                ("health_report", 600),
                ("security_audit", 600),
                ("architecture_audit", 600),
                ("database_optimisation", 900),
                ("team_training", 900),
                ("restore_tests", 1400),
                ("maintenance_plan_review", 1400),
            ]
        );
        assert_eq!(day[0].at, utc("2024-12-31T23:30:00Z"));
        // Weekly tasks: Monday 6 January 2025.
        let monday = MaintenanceCalendar::plan()
            .occurrences_between(utc("2025-01-05T23:00:00Z"), utc("2025-01-06T23:00:00Z"))
            .unwrap();
        let weekly: Vec<(&str, DateTime<Utc>)> = monday
            .iter()
            .filter(|o| ["minor_dependency_updates", "performance_tests", "incident_review"].contains(&o.task.as_str()))
            .map(|o| (o.task.as_str(), o.at))
            .collect();
        assert_eq!(
            weekly,
            [
                ("minor_dependency_updates", utc("2025-01-06T01:00:00Z")),
                ("performance_tests", utc("2025-01-06T05:00:00Z")),
                ("incident_review", utc("2025-01-06T08:00:00Z"))
            ]
        );
    }

    #[test]
    fn spring_forward_runs_the_0200_job_once_at_0300_cest() {
        let runs = runs_of("log_cleanup", "2025-03-29T00:00:00Z", "2025-03-31T12:00:00Z");
        assert_eq!(
            runs,
            [
                utc("2025-03-29T01:00:00Z"),
                utc("2025-03-30T01:00:00Z"),
                utc("2025-03-31T00:00:00Z")
            ]
        );
        let occurrence = MaintenanceCalendar::plan()
            .next_occurrences(utc("2025-03-30T00:00:00Z"), 1)
            .unwrap()
            .remove(0);
        assert_eq!(occurrence.scheduled_local, "2025-03-30T02:00:00".parse().unwrap());
    }

    #[test]
    fn fall_back_runs_the_0200_job_once_at_the_first_0200() {
        let runs = runs_of("log_cleanup", "2025-10-25T00:00:00Z", "2025-10-27T12:00:00Z");
        assert_eq!(
            runs,
            [
                utc("2025-10-25T00:00:00Z"),
                utc("2025-10-26T00:00:00Z"),
                utc("2025-10-27T01:00:00Z")
            ]
        );
    }

    #[test]
    fn quarterly_and_monthly_days() {
        let q = runs_of("major_upgrade", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z");
        assert_eq!(
            q,
            [
                utc("2024-01-01T01:00:00Z"),
                utc("2024-04-01T00:00:00Z"),
                utc("2024-07-01T00:00:00Z"),
                utc("2024-10-01T00:00:00Z")
            ]
        );
        assert_eq!(
            runs_of("restore_tests", "2024-02-01T00:00:00Z", "2024-03-31T00:00:00Z"),
            [utc("2024-02-01T13:00:00Z"), utc("2024-03-01T13:00:00Z")]
        );
    }

    #[test]
    fn invalid_calendars_are_refused_naming_the_field() {
        let mut spec: MaintenanceCalendarSpec = MaintenanceCalendar::plan().into();
        spec.tasks[7].recurrence = Recurrence::Month { day: 31 };
        let e = MaintenanceCalendar::try_from(spec.clone()).unwrap_err();
        assert_eq!(
            (e.field(), e.code()),
            ("tasks[7].recurrence.day", "config.value.out_of_range")
        );
        spec.tasks[7].recurrence = Recurrence::Month { day: 1 };
        spec.tasks[2].name = "log_cleanup".into();
        assert_eq!(
            MaintenanceCalendar::try_from(spec.clone()).unwrap_err().code(),
            "config.value.duplicate"
        );
        spec.tasks[2].name = "Security Scan".into();
        assert_eq!(
            MaintenanceCalendar::try_from(spec).unwrap_err().field(),
            "tasks[2].name"
        );
        let json = serde_json::to_value(MaintenanceCalendar::plan()).unwrap();
        assert_eq!(
            json["tasks"][4]["recurrence"],
            serde_json::json!({"every": "week", "on": "monday"})
        );
        assert_eq!(
            serde_json::from_value::<MaintenanceCalendar>(json).unwrap(),
            MaintenanceCalendar::plan()
        );
    }

    proptest! {
        #[test]
        fn daily_jobs_run_exactly_once_per_local_day(start in 1_600_000_000i64..1_900_000_000, days in 1i64..30) {
            let from = DateTime::from_timestamp(start, 0).unwrap();
            let tz = PLAN_TIME_ZONE;
            let first_day = from.with_timezone(&tz).date_naive().succ_opt().unwrap();
            let begin = crate::alerting::resolve_local(tz, first_day.and_hms_opt(0, 0, 0).unwrap()).unwrap();
            let end_day = first_day + chrono::TimeDelta::days(days);
            let end = crate::alerting::resolve_local(tz, end_day.and_hms_opt(0, 0, 0).unwrap()).unwrap();
            let runs = MaintenanceCalendar::plan().occurrences_between(begin, end).unwrap();
            for task in ["database_backup", "log_cleanup", "security_scan", "health_report"] {
                prop_assert_eq!(runs.iter().filter(|o| o.task == task).count() as i64, days);
            }
            prop_assert!(runs.windows(2).all(|w| w[0].at <= w[1].at));
        }
    }
}
