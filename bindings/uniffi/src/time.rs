//! Instants cross the FFI as the platform's own type.
//!
//! The SDK takes `DateTime<Utc>` (chrono). UniFFI knows `SystemTime`, which it maps to `java.time.Instant` in
//! Kotlin, `Date` in Swift and a timezone-aware `datetime` in Python; [`Timestamp`] is the custom type that
//! converts between the two. Lifting can fail: the JVM's `Instant` reaches year 1,000,000,000 while chrono
//! stops near year 262,000; such a value is refused with `input.timestamp.out_of_range` (UniFFI raises the
//! typed error because the conversion error *is* a [`CesizenError`]), never a panic.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};

use crate::CesizenError;

/// An instant in UTC, as the SDK crates take it.
pub type Timestamp = DateTime<Utc>;

/// The code of an instant that the SDK cannot represent.
pub const OUT_OF_RANGE: &str = "input.timestamp.out_of_range";

/// Converts a foreign instant, refusing one outside chrono's range.
pub(crate) fn from_system_time(t: SystemTime) -> Result<Timestamp, CesizenError> {
    let refused = || CesizenError::input(OUT_OF_RANGE, "the instant is outside the range the SDK represents");
    let (secs, nanos) = match t.duration_since(UNIX_EPOCH) {
        Ok(after) => (
            i64::try_from(after.as_secs()).map_err(|_| refused())?,
            after.subsec_nanos(),
        ),
        Err(before) => {
            let before = before.duration();
            let secs = i64::try_from(before.as_secs()).map_err(|_| refused())?;
            // -1.25 s is -2 s + 0.75 s: chrono wants non-negative nanoseconds.
            match before.subsec_nanos() {
                0 => (-secs, 0),
                n => (
                    secs.checked_neg().and_then(|s| s.checked_sub(1)).ok_or_else(refused)?,
                    1_000_000_000 - n,
                ),
            }
        }
    };
    DateTime::from_timestamp(secs, nanos).ok_or_else(refused)
}

/// Converts an SDK instant to the foreign one; every chrono instant fits in `SystemTime` on the platforms
/// UniFFI targets (64-bit seconds).
pub(crate) fn to_system_time(t: Timestamp) -> SystemTime {
    let secs = t.timestamp();
    let nanos = Duration::from_nanos(u64::from(t.timestamp_subsec_nanos()));
    let whole = Duration::from_secs(secs.unsigned_abs());
    if secs >= 0 {
        UNIX_EPOCH + whole + nanos
    } else {
        UNIX_EPOCH - whole + nanos
    }
}

uniffi::custom_type!(Timestamp, SystemTime, {
    remote,
    lower: |t| to_system_time(t),
    try_lift: |t| from_system_time(t).map_err(Into::into),
});

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_sdk_instant_round_trips(secs in -8_210_298_412_800_i64..8_210_298_412_799, nanos in 0u32..1_000_000_000) {
            let t = DateTime::from_timestamp(secs, nanos).expect("in range");
            prop_assert_eq!(from_system_time(to_system_time(t)), Ok(t));
        }
    }

    #[test]
    fn instants_beyond_chrono_are_refused_not_panicking() {
        let far = UNIX_EPOCH + Duration::from_secs(31_556_889_864_403_199); // java.time.Instant.MAX
        assert_eq!(
            from_system_time(far).map_err(|e| e.code()),
            Err(OUT_OF_RANGE.to_owned())
        );
        let before = UNIX_EPOCH - Duration::from_secs(31_557_014_167_219_200); // java.time.Instant.MIN
        assert_eq!(
            from_system_time(before).map_err(|e| e.code()),
            Err(OUT_OF_RANGE.to_owned())
        );
    }

    #[test]
    fn sub_second_instants_before_the_epoch_convert_exactly() {
        let t = UNIX_EPOCH - Duration::from_millis(1_250);
        let converted = from_system_time(t).expect("in range");
        assert_eq!(converted.timestamp(), -2);
        assert_eq!(converted.timestamp_subsec_nanos(), 750_000_000);
        assert_eq!(to_system_time(converted), t);
    }
}
