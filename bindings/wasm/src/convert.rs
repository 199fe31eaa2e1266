//! Moving values across the boundary: typed JavaScript values in, typed JavaScript values out.
//!
//! Arguments arrive as [`Ts<T>`]: wasm-bindgen hands over the raw JavaScript value without looking at it, and
//! the conversion happens here, where a wrong type, a `null` or a missing field becomes a
//! [`binding.input.invalid`](crate::error::INPUT_INVALID) error instead of a trap or a leak. Results leave
//! through [`to_js`], which writes plain JSON-compatible values (objects, not `Map`s; `null` for `None`), so
//! that what JavaScript sees is exactly the JSON of the Rust type, as the shared test vectors pin it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tsify::Ts;
use tsify::Tsify;
use tsify::serde_wasm_bindgen::Serializer;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{OUTPUT_INVALID, SdkError};

/// Reads an argument declared as `T` in TypeScript.
pub fn from_js<T: Tsify + DeserializeOwned>(value: &Ts<T>) -> Result<T, SdkError> {
    tsify::serde_wasm_bindgen::from_value(value.js_value()).map_err(|_| SdkError::invalid_input(short_type_name::<T>()))
}

/// Hands a result to JavaScript as the plain JSON-compatible value of `T`.
pub fn to_js<T: Tsify + Serialize>(value: &T) -> Result<Ts<T>, SdkError> {
    value
        .serialize(&Serializer::json_compatible())
        .map(Ts::new_unchecked)
        .map_err(|_| {
            SdkError::new(
                OUTPUT_INVALID,
                format!("a {} could not be converted to JavaScript", short_type_name::<T>()),
            )
        })
}

/// Reads a `string` argument; anything else (a number, `null`, an object) is refused.
pub fn string_from_js(value: &JsValue) -> Result<String, SdkError> {
    value.as_string().ok_or_else(|| SdkError::invalid_input("string"))
}

/// Reads a time argument given as a JavaScript `Date` or an RFC 3339 string (any offset; kept as UTC).
pub fn time_from_js(value: &JsValue) -> Result<DateTime<Utc>, SdkError> {
    let invalid = || SdkError::invalid_input("Date or RFC 3339 string");
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        let millis = date.get_time();
        // An invalid `Date` holds NaN; the range check keeps the cast exact (JavaScript dates span ±8.64e15 ms).
        if !millis.is_finite() || millis.abs() > 8.64e15 {
            return Err(invalid());
        }
        #[allow(clippy::cast_possible_truncation)]
        return DateTime::from_timestamp_millis(millis as i64).ok_or_else(invalid);
    }
    let text = value.as_string().ok_or_else(invalid)?;
    parse_time(&text).ok_or_else(invalid)
}

/// Parses an RFC 3339 timestamp into UTC.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|time| time.with_timezone(&Utc))
}

/// The last path segment of a type's name (`JournalEntryInput`, not `cesizen_wasm::emotion::JournalEntryInput`).
pub fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    let path = full.split('<').next().unwrap_or(full);
    path.rsplit("::").next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::{parse_time, short_type_name};

    struct Local;

    #[test]
    fn short_type_name_keeps_only_the_last_segment() {
        assert_eq!(short_type_name::<Local>(), "Local");
        assert_eq!(short_type_name::<String>(), "String");
        assert_eq!(short_type_name::<Vec<u8>>(), "Vec");
    }

    #[test]
    fn parse_time_reads_any_offset_as_utc() {
        let time = parse_time("2025-03-14T10:30:00+01:00").expect("valid");
        assert_eq!(time.to_rfc3339(), "2025-03-14T09:30:00+00:00");
        assert_eq!(parse_time("2025-03-14 09:30"), None);
        assert_eq!(parse_time(""), None);
    }
}
