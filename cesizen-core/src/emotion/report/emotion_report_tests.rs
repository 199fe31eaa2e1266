//! Tests of [`super::EmotionReport`]: counts, means, boundaries in time zones, streaks, order independence.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;

use super::*;
use crate::CalendarMonth;
use crate::emotion::test_support::{entry, user, utc};
use crate::emotion::{BaseEmotion, Emotion, EmotionError, JournalEntry, Nuance};
use crate::user::IanaTimeZone;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn request(period: ReportPeriod) -> EmotionReportRequest {
    EmotionReportRequest {
        user_id: user(1),
        period,
        time_zone: IanaTimeZone::EUROPE_PARIS,
    }
}

fn report(entries: &[JournalEntry], period: ReportPeriod, now: DateTime<Utc>) -> EmotionReport {
    EmotionReport::compute(entries, &request(period), now).unwrap()
}

fn count(report: &EmotionReport, base: BaseEmotion) -> &EmotionCount {
    &report.emotions[base.index()]
}

#[test]
fn counts_top_nuances_and_means() {
    let u = user(1);
    let at = |h: u32| utc("2025-03-10T06:00:00Z") + Duration::hours(i64::from(h));
    let entries = [
        entry(u, at(0), Nuance::Worry.into(), 4, -0.5),
        entry(u, at(1), Nuance::Anxiety.into(), 6, -0.5),
        entry(u, at(2), Nuance::Anxiety.into(), 8, -1.0),
        entry(u, at(3), Nuance::Worry.into(), 2, 0.0),
        entry(u, at(4), BaseEmotion::Fear.into(), 5, 0.0),
        entry(u, at(26), BaseEmotion::Joy.into(), 9, 0.75),
    ];
    let r = report(
        &entries,
        ReportPeriod::Week {
            containing: day(2025, 3, 12),
        },
        utc("2025-03-12T12:00:00Z"),
    );
    assert_eq!(r.entry_count, 6);
    let fear = count(&r, BaseEmotion::Fear);
    assert_eq!(fear.count, 5);
    // Worry and anxiety tie at 2: worry comes first in the taxonomy.
    assert_eq!((fear.top_nuance, fear.top_nuance_count), (Some(Nuance::Worry), 2));
    let joy = count(&r, BaseEmotion::Joy);
    assert_eq!((joy.count, joy.top_nuance, joy.top_nuance_count), (1, None, 0));
    assert_eq!(count(&r, BaseEmotion::Disgust).count, 0);
    assert_eq!(r.days.len(), 7);
    assert_eq!(r.days[0].date, day(2025, 3, 10));
    assert_eq!(
        (r.days[0].entry_count, r.days[0].mean_intensity, r.days[0].mean_valence),
        (5, Some(5.0), Some(-0.4))
    );
    assert_eq!(
        (r.days[1].entry_count, r.days[1].mean_intensity, r.days[1].mean_valence),
        (1, Some(9.0), Some(0.75))
    );
    assert_eq!((r.days[2].entry_count, r.days[2].mean_intensity), (0, None));
    assert_eq!(r.mean_intensity, Some(34.0 / 6.0));
    assert_eq!(
        r.streaks,
        Streaks { current: 2, longest: 2 },
        "nothing yet on the 12th; the 11th keeps it alive"
    );
}

#[test]
fn other_users_and_other_weeks_are_skipped() {
    let entries = [
        entry(user(2), utc("2025-03-11T10:00:00Z"), BaseEmotion::Joy.into(), 5, 0.5),
        entry(user(1), utc("2025-03-09T22:59:59Z"), BaseEmotion::Joy.into(), 5, 0.5),
        entry(user(1), utc("2025-03-16T23:00:00Z"), BaseEmotion::Joy.into(), 5, 0.5),
        entry(user(1), utc("2025-03-09T23:00:00Z"), BaseEmotion::Anger.into(), 5, 0.5),
    ];
    let r = report(
        &entries,
        ReportPeriod::Week {
            containing: day(2025, 3, 16),
        },
        utc("2025-03-20T00:00:00Z"),
    );
    assert_eq!(r.entry_count, 1, "only Monday 00:00 Paris time of user 1");
    assert_eq!(count(&r, BaseEmotion::Anger).count, 1);
    assert_eq!(r.window.start, utc("2025-03-09T23:00:00Z"));
    assert_eq!(r.window.end, utc("2025-03-16T23:00:00Z"));
}

#[test]
fn the_week_of_the_spring_change_lasts_167_hours_in_paris() {
    let u = user(1);
    let sunday_late = entry(u, utc("2025-03-30T21:30:00Z"), BaseEmotion::Joy.into(), 5, 0.0); // 23:30 CEST
    let monday_early = entry(u, utc("2025-03-30T22:30:00Z"), BaseEmotion::Joy.into(), 5, 0.0); // 00:30 CEST
    let r = report(
        &[sunday_late, monday_early],
        ReportPeriod::Week {
            containing: day(2025, 3, 24),
        },
        utc("2025-04-01T00:00:00Z"),
    );
    assert_eq!(r.window.end - r.window.start, Duration::hours(167));
    assert_eq!(r.entry_count, 1);
    assert_eq!(r.days[6].entry_count, 1, "counted on Sunday");
    let autumn = report(
        &[],
        ReportPeriod::Week {
            containing: day(2025, 10, 26),
        },
        utc("2025-11-01T00:00:00Z"),
    );
    assert_eq!(autumn.window.end - autumn.window.start, Duration::hours(169));
}

#[test]
fn months_quarters_and_years_are_cut_at_local_midnight() {
    let u = user(1);
    // 23:30 UTC on 31 January is already 1 February in Paris.
    let e = entry(u, utc("2025-01-31T23:30:00Z"), BaseEmotion::Sadness.into(), 3, -0.3);
    let now = utc("2026-01-01T12:00:00Z");
    assert_eq!(
        report(
            std::slice::from_ref(&e),
            ReportPeriod::Month(CalendarMonth::new(2025, 1).unwrap()),
            now
        )
        .entry_count,
        0
    );
    let feb = report(
        std::slice::from_ref(&e),
        ReportPeriod::Month(CalendarMonth::new(2025, 2).unwrap()),
        now,
    );
    assert_eq!((feb.entry_count, feb.days.len(), feb.days[0].entry_count), (1, 28, 1));
    let q1 = report(
        std::slice::from_ref(&e),
        ReportPeriod::Quarter { year: 2024, quarter: 1 },
        now,
    );
    assert_eq!(
        (q1.days.len(), q1.window.last_day),
        (91, day(2024, 3, 31)),
        "2024 is a leap year"
    );
    assert_eq!(
        report(&[], ReportPeriod::Quarter { year: 2025, quarter: 4 }, now)
            .window
            .first_day,
        day(2025, 10, 1)
    );
    let year = report(std::slice::from_ref(&e), ReportPeriod::Year { year: 2024 }, now);
    assert_eq!((year.days.len(), year.entry_count), (366, 0));
}

#[test]
fn rolling_periods_end_today_in_the_user_s_zone() {
    let now = utc("2025-03-14T23:30:00Z"); // already 15 March in Paris
    for days in ROLLING_DAYS {
        let r = report(&[], ReportPeriod::Rolling { days }, now);
        assert_eq!(r.days.len(), days as usize);
        assert_eq!(r.window.last_day, day(2025, 3, 15));
    }
    let e = entry(user(1), utc("2025-03-09T00:00:00Z"), BaseEmotion::Joy.into(), 5, 0.0); // 9 March, 01:00
    assert_eq!(
        report(std::slice::from_ref(&e), ReportPeriod::Rolling { days: 7 }, now).entry_count,
        1
    );
    let later = utc("2025-03-15T23:30:00Z");
    assert_eq!(
        report(std::slice::from_ref(&e), ReportPeriod::Rolling { days: 7 }, later).entry_count,
        0
    );
}

#[test]
fn invalid_periods_are_refused() {
    let now = utc("2025-03-14T12:00:00Z");
    for period in [
        ReportPeriod::Month(CalendarMonth::new(0, 12).unwrap()),
        ReportPeriod::Month(CalendarMonth::new(10_000, 1).unwrap()),
        ReportPeriod::Quarter { year: 2025, quarter: 5 },
        ReportPeriod::Year { year: 0 },
        ReportPeriod::Year { year: 10_000 },
        ReportPeriod::Rolling { days: 14 },
        ReportPeriod::Week {
            containing: NaiveDate::MAX,
        },
    ] {
        let result = EmotionReport::compute(&[], &request(period), now);
        assert_eq!(result.unwrap_err(), EmotionError::InvalidReportPeriod, "{period:?}");
    }
    for month in [0, 13] {
        assert_eq!(
            EmotionError::from(CalendarMonth::new(2025, month).unwrap_err()),
            EmotionError::InvalidReportPeriod
        );
        let json = format!(r#"{{"type":"month","year":2025,"month":{month}}}"#);
        let e = serde_json::from_str::<ReportPeriod>(&json).unwrap_err();
        assert!(e.to_string().starts_with("validation.report_period.invalid"), "{e}");
    }
    assert!(serde_json::from_str::<ReportPeriod>(r#"{"type":"rolling","days":14}"#).is_err());
    assert!(serde_json::from_str::<ReportPeriod>(r#"{"type":"fortnight"}"#).is_err());
}

#[test]
fn json_shape() {
    let period: ReportPeriod = serde_json::from_str(r#"{"type":"week","containing":"2025-03-12"}"#).unwrap();
    assert_eq!(
        period,
        ReportPeriod::Week {
            containing: day(2025, 3, 12)
        }
    );
    let r = report(&[], ReportPeriod::Rolling { days: 7 }, utc("2025-03-14T12:00:00Z"));
    let json = serde_json::to_value(&r).unwrap();
    let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "days",
            "emotions",
            "entryCount",
            "meanIntensity",
            "meanValence",
            "period",
            "streaks",
            "timeZone",
            "userId",
            "window"
        ]
    );
    assert_eq!(json["period"], serde_json::json!({"type": "rolling", "days": 7}));
    assert_eq!(json["window"]["firstDay"], "2025-03-08");
    assert_eq!(
        json["emotions"][0],
        serde_json::json!({"emotion": "joy", "count": 0, "topNuance": null, "topNuanceCount": 0})
    );
    assert_eq!(json["days"][0]["meanValence"], serde_json::Value::Null);
}

fn arbitrary_entry() -> impl Strategy<Value = JournalEntry> {
    (
        0u8..3,
        0i64..(40 * 24 * 3600),
        0..(Nuance::COUNT + BaseEmotion::COUNT),
        1u8..=10,
        -1.0f64..=1.0,
    )
        .prop_map(|(who, secs, e, intensity, valence)| {
            let emotion: Emotion = match Nuance::ALL.get(e) {
                Some(n) => (*n).into(),
                None => BaseEmotion::ALL[e - Nuance::COUNT].into(),
            };
            entry(
                user(who),
                utc("2025-02-20T00:00:00Z") + Duration::seconds(secs),
                emotion,
                intensity,
                valence,
            )
        })
}

proptest! {
    #[test]
    fn counts_add_up_and_order_does_not_matter(
        mut entries in proptest::collection::vec(arbitrary_entry(), 0..120),
        period in prop_oneof![
            Just(ReportPeriod::Month(CalendarMonth::new(2025, 3).unwrap())),
            Just(ReportPeriod::Week { containing: NaiveDate::from_ymd_opt(2025, 3, 12).unwrap() }),
            Just(ReportPeriod::Rolling { days: 30 }),
        ],
        seed in any::<u64>(),
    ) {
        let now = utc("2025-03-20T10:00:00Z");
        let r = report(&entries, period, now);
        let window = period.window(IanaTimeZone::EUROPE_PARIS, now).unwrap();
        let expected = entries.iter().filter(|e| e.user_id() == user(1) && window.contains(e.recorded_at())).count();
        prop_assert_eq!(r.entry_count as usize, expected);
        prop_assert_eq!(r.emotions.iter().map(|c| c.count).sum::<u32>(), r.entry_count);
        prop_assert_eq!(r.days.iter().map(|d| d.entry_count).sum::<u32>(), r.entry_count);
        for c in &r.emotions {
            prop_assert!(c.top_nuance_count <= c.count);
            prop_assert!(c.top_nuance.is_none_or(|n| n.base() == c.emotion));
        }
        for d in &r.days {
            prop_assert_eq!(d.mean_intensity.is_some(), d.entry_count > 0);
            prop_assert!(d.mean_intensity.is_none_or(|m| (1.0..=10.0).contains(&m)));
            prop_assert!(d.mean_valence.is_none_or(|m| (-1.0..=1.0).contains(&m)));
        }
        prop_assert!(r.streaks.current <= r.streaks.longest);
        prop_assert!(r.streaks.longest as usize <= r.days.iter().filter(|d| d.entry_count > 0).count());
        // A deterministic shuffle: the report is the same, to the last bit.
        let n = entries.len();
        let mut state = seed;
        for i in (1..n).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            entries.swap(i, (state >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(report(&entries, period, now), r);
    }
}

proptest! {
    #[test]
    fn periods_are_accepted_exactly_in_range(kind in 0u8..5, year in -20_000i32..20_000, n in any::<u32>(),
                                             secs in -10_000_000_000i64..300_000_000_000) {
        let period = match kind {
            0 => match CalendarMonth::new(year, n % 16) {
                Ok(month) => ReportPeriod::Month(month),
                Err(_) => {
                    // A month outside 1–12 cannot be built; its JSON form is refused with the period's code.
                    prop_assert!(!(1..=12).contains(&(n % 16)));
                    let json = format!(r#"{{"type":"month","year":{year},"month":{}}}"#, n % 16);
                    let e = serde_json::from_str::<ReportPeriod>(&json).unwrap_err();
                    prop_assert!(e.to_string().starts_with("validation.report_period.invalid"));
                    return Ok(());
                }
            },
            1 => ReportPeriod::Quarter { year, quarter: n % 6 },
            2 => ReportPeriod::Year { year },
            3 => ReportPeriod::Rolling { days: n % 400 },
            _ => ReportPeriod::Week { containing: NaiveDate::from_ymd_opt(year, 1 + n % 12, 1).unwrap_or(NaiveDate::MIN) },
        };
        let now = DateTime::from_timestamp(secs, 0).unwrap();
        let in_range = match period {
            ReportPeriod::Month(month) => (1..=9999).contains(&month.year()),
            ReportPeriod::Quarter { year, quarter } => (1..=9999).contains(&year) && (1..=4).contains(&quarter),
            ReportPeriod::Year { year } => (1..=9999).contains(&year),
            ReportPeriod::Rolling { days } => ROLLING_DAYS.contains(&days),
            ReportPeriod::Week { containing } => (1..=9999).contains(&chrono::Datelike::year(&containing)),
        };
        let json = serde_json::to_string(&period).unwrap();
        match period.window(IanaTimeZone::EUROPE_PARIS, now) {
            Ok(window) => {
                prop_assert!(in_range);
                prop_assert!(window.start < window.end);
                prop_assert!(window.first_day <= window.last_day && window.day_count() <= 366);
                prop_assert_eq!(serde_json::from_str::<ReportPeriod>(&json).unwrap(), period);
            }
            Err(e) => {
                prop_assert_eq!(e, EmotionError::InvalidReportPeriod);
                prop_assert!(!in_range);
                prop_assert!(serde_json::from_str::<ReportPeriod>(&json).is_err());
            }
        }
    }
}
