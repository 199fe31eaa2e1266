//! Instants as every Cesizen interface reads them from outside: one format and one range for every route, every
//! binding and every form.
//!
//! The format is RFC 3339 (`2025-03-14T21:30:00Z`, any offset, read as UTC) and the range the years 0001 to 9999
//! of its four-digit year, in UTC: what a person's journal, a practice session, an outage or an incident can
//! carry. chrono's serde would also take `+10000-01-01T00:00:00Z` or `-0001-…` (years up to ±262,142), which no
//! database column, report or other language's date type agrees on; nothing in that range is refused here.
//!
//! ```
//! use cesizen_core::instant::parse_instant;
//! assert!(parse_instant("2025-03-14T22:30:00+01:00").is_some());
//! assert!(parse_instant("+10000-01-01T00:00:00Z").is_none());
//! assert!(parse_instant("0000-12-31T23:00:00Z").is_none());
//! assert!(parse_instant("2025-03-14").is_none());
//! ```

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Deserializer};

/// The first year an instant may fall in (UTC).
pub const MIN_YEAR: i32 = 1;
/// The last year an instant may fall in (UTC).
pub const MAX_YEAR: i32 = 9999;

/// `text` as an instant, or `None` when it is not RFC 3339 or falls outside years [`MIN_YEAR`]–[`MAX_YEAR`] in UTC.
pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    let at = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
    (MIN_YEAR..=MAX_YEAR).contains(&at.year()).then_some(at)
}

/// For `#[serde(deserialize_with = "cesizen_core::instant::deserialize")]`: a string read by [`parse_instant`].
///
/// # Errors
/// The deserializer's custom error when the value is not such an instant.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_instant(&text).ok_or_else(|| serde::de::Error::custom("not an RFC 3339 instant of the years 0001 to 9999"))
}

/// [`deserialize`] for an optional field (`#[serde(default, deserialize_with = "…::deserialize_option")]`).
///
/// # Errors
/// As [`deserialize`].
pub fn deserialize_option<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    Option::<String>::deserialize(deserializer)?
        .map(|text| {
            parse_instant(&text)
                .ok_or_else(|| serde::de::Error::custom("not an RFC 3339 instant of the years 0001 to 9999"))
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    proptest! {
        /// Every instant of the range reads back from its RFC 3339 form, in any offset of whole minutes (a day
        /// away from the edges, so that the local date keeps four digits too).
        #[test]
        fn every_instant_of_the_range_round_trips(seconds in -62_135_510_400i64..253_402_214_399, minutes in -1439i32..1440) {
            let at = Utc.timestamp_opt(seconds, 0).single().expect("in range");
            let zone = chrono::FixedOffset::east_opt(minutes * 60).expect("an offset");
            let text = at.with_timezone(&zone).to_rfc3339();
            prop_assert_eq!(parse_instant(&text), Some(at));
        }

        /// Nothing outside the range reads, whatever chrono itself would take.
        #[test]
        fn nothing_outside_the_range_reads(seconds in prop_oneof![-8_000_000_000_000i64..-62_135_596_800, 253_402_300_800i64..8_000_000_000_000]) {
            let at = Utc.timestamp_opt(seconds, 0).single().expect("chrono's range");
            prop_assert_eq!(parse_instant(&at.to_rfc3339()), None);
            let json = serde_json::to_string(&at).expect("json");
            let document = format!("{{\"at\":{json}}}");
            prop_assert!(serde_json::from_str::<Wrapper>(&document).is_err());
        }
    }

    #[derive(Debug, serde::Deserialize)]
    struct Wrapper {
        #[serde(deserialize_with = "deserialize")]
        #[allow(dead_code, reason = "read through Debug only")]
        at: DateTime<Utc>,
    }

    #[test]
    fn the_edges_of_the_range() {
        assert!(parse_instant("0001-01-01T00:00:00Z").is_some());
        assert!(parse_instant("9999-12-31T23:59:59.999999Z").is_some());
        assert!(parse_instant("0001-01-01T00:30:00+01:00").is_none(), "year 0 in UTC");
        assert!(
            parse_instant("9999-12-31T23:30:00-01:00").is_none(),
            "year 10000 in UTC"
        );
    }
}
