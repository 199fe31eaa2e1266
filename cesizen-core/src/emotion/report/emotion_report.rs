//! The emotional dashboard: counts per emotion, daily means and streaks for one user over one period.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{ReportPeriod, ReportWindow, Streaks};
use crate::emotion::{BaseEmotion, EmotionError, JournalEntry, Nuance};
use crate::id::UserId;
use crate::local_day::LocalDays;
use crate::user::IanaTimeZone;

/// What to report on: whose entries, which period, in which time zone (usually the user's current one).
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "ReportRequest", missing_as_null)
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmotionReportRequest {
    /// Whose entries to count; entries of other users are skipped.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub user_id: UserId,
    /// The period.
    pub period: ReportPeriod,
    /// The time zone that decides days and period boundaries.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub time_zone: IanaTimeZone,
}

/// The “emotional dashboard” of the maintenance plan for one user and one period.
///
/// Built in one pass over the entries, in any order, in time linear in their number (plus the days of the
/// period): the local days of the period are turned into UTC instants once, and each entry is placed in its
/// day by comparing instants, without a time-zone conversion per entry. The result does not depend on the order of the entries: valences are summed in fixed
/// point (units of 2⁻⁵²) so that floating-point rounding cannot depend on order.
///
/// ```
/// use cesizen_core::emotion::{EmotionReport, EmotionReportRequest, ReportPeriod};
/// use cesizen_core::id::UserId;
/// use cesizen_core::user::IanaTimeZone;
/// use chrono::{TimeZone, Utc};
///
/// let now = Utc.with_ymd_and_hms(2025, 3, 14, 12, 0, 0).unwrap();
/// let request = EmotionReportRequest {
///     user_id: UserId::from_parts(now, [1; 10]).unwrap(),
///     period: ReportPeriod::Rolling { days: 7 },
///     time_zone: IanaTimeZone::EUROPE_PARIS,
/// };
/// let report = EmotionReport::compute([], &request, now)?;
/// assert_eq!(report.days.len(), 7);
/// assert_eq!(report.entry_count, 0);
/// # Ok::<(), cesizen_core::emotion::EmotionError>(())
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EmotionReport {
    /// Whose entries were counted.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub user_id: UserId,
    /// The period asked for.
    pub period: ReportPeriod,
    /// The time zone of days and boundaries.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub time_zone: IanaTimeZone,
    /// The period's local days and instants.
    pub window: ReportWindow,
    /// How many of the user's entries fall in the window.
    pub entry_count: u32,
    /// Mean intensity over the window, `None` without entries.
    pub mean_intensity: Option<f64>,
    /// Mean valence over the window, `None` without entries.
    pub mean_valence: Option<f64>,
    /// One line per base emotion, in taxonomy order, zero counts included.
    pub emotions: Vec<EmotionCount>,
    /// One line per local day of the window, in order, empty days included.
    pub days: Vec<DaySummary>,
    /// Streaks of days with entries, within the window.
    pub streaks: Streaks,
}

/// How often a base emotion was recorded, and its most frequent nuance.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EmotionCount {
    /// The base emotion.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub emotion: BaseEmotion,
    /// Entries with this base emotion, with or without a nuance.
    pub count: u32,
    /// The nuance recorded most often; on a tie, the one listed first in the taxonomy ([`Nuance::ALL`]).
    /// `None` when no entry of this emotion had a nuance.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub top_nuance: Option<Nuance>,
    /// How many entries had `top_nuance` (0 when there is none).
    pub top_nuance_count: u32,
}

/// One local day of a report.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DaySummary {
    /// The local date.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub date: NaiveDate,
    /// Entries that day.
    pub entry_count: u32,
    /// Mean intensity that day, `None` without entries.
    pub mean_intensity: Option<f64>,
    /// Mean valence that day, `None` without entries.
    pub mean_valence: Option<f64>,
}

/// 2⁵²: valences in [-1, 1] scaled by it are exact integers up to the last bit of a typical value.
const VALENCE_SCALE: f64 = 4_503_599_627_370_496.0;

/// Running sums for means, exact and order-independent.
#[derive(Clone, Copy, Default)]
struct Tally {
    count: u32,
    intensity_sum: u64,
    valence_sum: i128,
}

impl Tally {
    fn add(&mut self, entry: &JournalEntry) {
        self.count = self.count.saturating_add(1);
        self.intensity_sum += u64::from(entry.intensity().get());
        // |valence × 2⁵²| ≤ 2⁵² fits an i64; the cast drops what lies below 2⁻⁵² (toward zero), the same way
        // whatever the order of entries.
        self.valence_sum += i128::from((entry.valence().get() * VALENCE_SCALE) as i64);
    }

    fn mean_intensity(&self) -> Option<f64> {
        (self.count > 0).then(|| self.intensity_sum as f64 / f64::from(self.count))
    }

    fn mean_valence(&self) -> Option<f64> {
        (self.count > 0).then(|| self.valence_sum as f64 / VALENCE_SCALE / f64::from(self.count))
    }
}

impl EmotionReport {
    /// The report of `request.user_id`'s entries over `request.period`, `now` placing rolling periods and
    /// the current streak.
    ///
    /// # Errors
    /// `validation.report_period.invalid` when the period is out of range.
    pub fn compute<'a>(
        entries: impl IntoIterator<Item = &'a JournalEntry>,
        request: &EmotionReportRequest,
        now: DateTime<Utc>,
    ) -> Result<EmotionReport, EmotionError> {
        let tz = request.time_zone.tz();
        let window = request.period.window(request.time_zone, now)?;
        let day_count = window.day_count();
        let local_days = LocalDays::new(tz, window.first_day, day_count).ok_or(EmotionError::InvalidReportPeriod)?;
        let mut days = vec![Tally::default(); day_count];
        let mut total = Tally::default();
        let mut per_base = [0u32; BaseEmotion::COUNT];
        let mut per_nuance = [0u32; Nuance::COUNT];

        for entry in entries {
            if entry.user_id() != request.user_id {
                continue;
            }
            let Some(slot) = local_days.slot(entry.recorded_at()) else {
                continue;
            };
            if let Some(day) = days.get_mut(slot) {
                day.add(entry);
            }
            total.add(entry);
            let emotion = entry.emotion();
            per_base[emotion.base().index()] = per_base[emotion.base().index()].saturating_add(1);
            if let Some(n) = emotion.nuance() {
                per_nuance[n.index()] = per_nuance[n.index()].saturating_add(1);
            }
        }

        let emotions = BaseEmotion::ALL
            .into_iter()
            .map(|base| {
                // `max_by_key` keeps the last maximum; scanning in reverse makes it the first in taxonomy order.
                let top = base
                    .nuances()
                    .rev()
                    .map(|n| (n, per_nuance[n.index()]))
                    .filter(|(_, c)| *c > 0);
                let top = top.max_by_key(|(_, c)| *c);
                EmotionCount {
                    emotion: base,
                    count: per_base[base.index()],
                    top_nuance: top.map(|(n, _)| n),
                    top_nuance_count: top.map_or(0, |(_, c)| c),
                }
            })
            .collect();

        let today = (now.with_timezone(&tz).date_naive() - window.first_day).num_days();
        let counts: Vec<u32> = days.iter().map(|d| d.count).collect();
        let days = window
            .first_day
            .iter_days()
            .zip(&days)
            .map(|(date, tally)| DaySummary {
                date,
                entry_count: tally.count,
                mean_intensity: tally.mean_intensity(),
                mean_valence: tally.mean_valence(),
            })
            .collect();

        Ok(EmotionReport {
            user_id: request.user_id,
            period: request.period,
            time_zone: request.time_zone,
            window,
            entry_count: total.count,
            mean_intensity: total.mean_intensity(),
            mean_valence: total.mean_valence(),
            emotions,
            days,
            streaks: Streaks::from_day_counts(&counts, today),
        })
    }
}
