//! Instants cross the FFI as RFC 3339 text, and each language turns that text into its own instant type.
//!
//! The SDK takes `DateTime<Utc>` (chrono). UniFFI's built-in `SystemTime` would give `java.time.Instant`,
//! `Date` and `datetime` directly, but its foreign encoders (UniFFI 0.32) write a signed whole-second count and
//! an unsigned nanosecond count, so every instant in the second before the Unix epoch loses its sign
//! (1969-12-31T23:59:59.999Z arrives as 1970-01-01T00:00:00.001Z). Text has no such gap, is exact to the
//! nanosecond, and is the SDK's JSON form. [`Timestamp`] is therefore a custom type over `String`:
//!
//! - Kotlin sees `java.time.Instant` and Python a timezone-aware `datetime` (conversions in `uniffi.toml`,
//!   with `Instant.parse` / `toString()` and `datetime.fromisoformat` / `isoformat()`);
//! - Swift sees the RFC 3339 `String` (convert with `ISO8601DateFormatter`): no conversion code that cannot be
//!   compiled on the project's machines is shipped.
//!
//! Text that is not an RFC 3339 instant with an offset (a naive Python `datetime`, a year past 9999) is
//! refused with `input.timestamp.invalid`: UniFFI raises it as the typed error because the conversion error
//! *is* a [`CesizenError`]. Rust always writes UTC with `Z` and as many fractional digits as needed.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::CesizenError;

/// An instant in UTC, as the SDK crates take it.
pub type Timestamp = DateTime<Utc>;

/// The code of text that is not an RFC 3339 instant the SDK can represent.
pub const INVALID: &str = "input.timestamp.invalid";

/// The code of text that is not a `YYYY-MM-DD` calendar date.
pub const DATE_INVALID: &str = "input.date.invalid";

/// Parses a calendar date, `YYYY-MM-DD` (dates cross as that text: every language reads it).
pub(crate) fn date_from_text(text: &str) -> Result<chrono::NaiveDate, CesizenError> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| CesizenError::input(DATE_INVALID, "not a YYYY-MM-DD calendar date"))
}

/// Parses a foreign instant: RFC 3339 with any offset, kept as UTC.
pub(crate) fn from_text(text: &str) -> Result<Timestamp, CesizenError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| CesizenError::input(INVALID, "not an RFC 3339 instant with an offset"))
}

/// Writes an SDK instant: UTC, `Z`, fractional digits only as needed (the SDK's JSON form).
pub(crate) fn to_text(t: Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

uniffi::custom_type!(Timestamp, String, {
    remote,
    lower: |t| to_text(t),
    try_lift: |text| from_text(&text).map_err(Into::into),
});

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_instant_of_years_0_to_9999_round_trips(secs in -62_167_219_200_i64..253_402_300_799, nanos in 0u32..1_000_000_000) {
            let t = DateTime::from_timestamp(secs, nanos).expect("in range");
            prop_assert_eq!(from_text(&to_text(t)), Ok(t));
        }

        #[test]
        fn arbitrary_text_is_refused_with_the_code_or_accepted_never_a_panic(text in ".{0,64}") {
            if let Err(e) = from_text(&text) {
                prop_assert_eq!(e.code(), INVALID);
            }
        }
    }

    #[test]
    fn the_second_before_the_epoch_keeps_its_sign() {
        let t = from_text("1969-12-31T23:59:59.999Z").expect("valid");
        assert_eq!(t.timestamp_millis(), -1);
        assert_eq!(to_text(t), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn offsets_are_read_as_utc_and_naive_or_huge_instants_refused() {
        assert_eq!(
            to_text(from_text("2025-03-14T10:30:00+01:00").expect("valid")),
            "2025-03-14T09:30:00Z"
        );
        for bad in [
            "2025-03-14T09:30:00",
            "+10000-01-01T00:00:00Z",
            "",
            "2025-02-30T00:00:00Z",
        ] {
            assert_eq!(from_text(bad).map_err(|e| e.code()), Err(INVALID.to_owned()), "{bad}");
        }
    }
}
