//! Calendar days across UniFFI (the `uniffi` feature): a [`NaiveDate`] crosses as its `YYYY-MM-DD` text, the
//! SDK's JSON form, which every language reads; Kotlin, Swift and Python see the custom type `NaiveDate` as their
//! string. Other namespaces use it with `uniffi::use_remote_type!(cesizen_core::chrono::NaiveDate)`. Dates
//! go out this way; a binding reads dates *given* to it from text itself, so that a bad one is a typed error (a
//! custom type's refusal reaches the foreign caller as UniFFI's internal error).

use chrono::NaiveDate;

/// Text that is not a `YYYY-MM-DD` calendar date, given where a date crosses the FFI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a YYYY-MM-DD calendar date")]
pub struct InvalidCalendarDate;

/// Writes a date as the SDK's JSON does: `YYYY-MM-DD`.
fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Reads `YYYY-MM-DD` text.
fn date_from_text(text: &str) -> Result<NaiveDate, InvalidCalendarDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| InvalidCalendarDate)
}

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |date| date_text(date),
    try_lift: |text| Ok(date_from_text(&text)?),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_crosses_as_its_json_text_and_other_text_is_refused() {
        let date = NaiveDate::from_ymd_opt(2025, 3, 30).expect("a date");
        assert_eq!(date_text(date), "2025-03-30");
        assert_eq!(
            date_text(date),
            serde_json::to_value(date).expect("serializes").as_str().expect("text")
        );
        assert_eq!(date_from_text("2025-03-30"), Ok(date));
        for bad in ["2025-02-30", "30/03/2025", "2025-03-30T00:00:00Z", ""] {
            assert_eq!(date_from_text(bad), Err(InvalidCalendarDate), "{bad}");
        }
    }
}
