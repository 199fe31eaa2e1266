//! Moving values across the boundary: typed JavaScript values in, typed JavaScript values out.
//!
//! Arguments arrive as [`Ts<T>`] or as a plain [`JsValue`] with a declared TypeScript type: wasm-bindgen hands
//! over the raw value without looking at it, and the conversion happens here, where a wrong type, a `null` or a
//! missing field becomes a [`input.argument.invalid`](crate::error::INPUT_INVALID) error instead of a trap, a
//! silent coercion or a leak. Results leave through [`write()`] as JSON text parsed by `JSON.parse`, so that
//! what JavaScript sees is exactly the JSON form of the SDK's type, as the shared test vectors pin it.
//!
//! The TypeScript declarations come from the SDK crates' own types, which derive [`Tsify`] behind their `wasm`
//! feature (`cesizen-gdpr`, `cesizen-sla`'s results, `cesizen-core`'s alerting, user, stress, emotion-report and
//! practice types). Where a module still declares a
//! *mirror* of an SDK type (a type deriving [`Tsify`] with the same serde attributes), [`read()`] and
//! [`write()`] take the crate's type and the mirror only names the TypeScript type; the native tests of each
//! module check that a mirror and its original have the same JSON form.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tsify::Ts;
use tsify::Tsify;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{OUTPUT_INVALID, SdkError};

/// Reads an argument declared as `M` in TypeScript into `T`: the mirror itself, or the SDK type it mirrors.
pub fn from_js<M: Tsify, T: DeserializeOwned>(value: &Ts<M>) -> Result<T, SdkError> {
    read(&value.js_value(), short_type_name::<M>())
}

/// Reads any JavaScript value into a serde type; `what` names the expected type in the error message.
///
/// The value crosses as JSON text (`JSON.stringify` in `js/boundary.js`, then `serde_json`): one call into
/// JavaScript whatever the value's size, no per-field handles, and no JavaScript exception (wasm-bindgen's
/// `catch` glue keeps one handle per exception it catches, so thousands of bad calls would grow the handle
/// table; walking the value with `serde-wasm-bindgen` hits that path for every non-iterable value found where
/// an array was expected). `Date`s become RFC 3339 strings on the way; values JSON cannot carry (`BigInt`,
/// cycles, `undefined` at the top) are refused.
pub fn read<T: DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, SdkError> {
    let json = json_text(value).ok_or_else(|| SdkError::invalid_input(what))?;
    serde_json::from_str(&json).map_err(|_| SdkError::invalid_input(what))
}

#[wasm_bindgen::prelude::wasm_bindgen(raw_module = "./boundary.js")]
extern "C" {
    /// `JSON.stringify(value)`, or `undefined` when it throws or gives no text.
    #[wasm_bindgen(js_name = jsonText)]
    fn json_text(value: &JsValue) -> Option<String>;

    /// `JSON.parse(text)` of text the SDK wrote.
    #[wasm_bindgen(js_name = jsonParse)]
    fn json_parse(text: &str) -> JsValue;
}

/// Hands a value to JavaScript as its JSON form, declared in TypeScript as `M` (the value's own type, or the
/// SDK type that `M` mirrors).
pub fn write<M: Tsify, V: Serialize + ?Sized>(value: &V) -> Result<Ts<M>, SdkError> {
    write_value(value).map(Ts::new_unchecked)
}

/// Hands any serializable value to JavaScript as plain JSON data: JSON text, parsed once by `JSON.parse`.
///
/// One string crosses the boundary whatever the value's size, and only `serde_json`'s serializer is compiled
/// for the SDK's types (walking the value field by field from Rust would compile a second one, and cost a call
/// into JavaScript per field).
pub fn write_value<V: Serialize + ?Sized>(value: &V) -> Result<JsValue, SdkError> {
    let text = serde_json::to_string(value)
        .map_err(|_| SdkError::new(OUTPUT_INVALID, "a result could not be converted to JavaScript"))?;
    Ok(json_parse(&text))
}

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const JSON_VALUE: &str = r#"
/** Any JSON value: the external documents the SDK reads without a fixed shape (OpenSLO YAML or JSON, parsed). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A configuration as the SDK writes it back, every setting present (its declared type, the form the SDK reads,
 * leaves out what takes the plan's default). */
export type Filled<T> = T extends object ? { [K in keyof T]-?: Filled<T[K]> } : T;
"#;

/// Reads a `string` argument; anything else (a number, `null`, an object) is refused.
pub fn string_from_js(value: &JsValue) -> Result<String, SdkError> {
    value.as_string().ok_or_else(|| SdkError::invalid_input("string"))
}

/// Reads a `number` argument that must be a whole number from 0 to `u32::MAX`.
pub fn u32_from_js(value: &JsValue) -> Result<u32, SdkError> {
    let invalid = || SdkError::invalid_input("whole number from 0 to 4294967295");
    let number = value.as_f64().ok_or_else(invalid)?;
    whole_u32(number).ok_or_else(invalid)
}

/// `number` as a `u32` when it is a whole number in range.
pub fn whole_u32(number: f64) -> Option<u32> {
    if number.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&number) {
        return None;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Some(number as u32)
}

/// Reads an array argument's items (not yet converted).
pub fn array_from_js(value: &JsValue) -> Result<Vec<JsValue>, SdkError> {
    if js_sys::Array::is_array(value) {
        Ok(js_sys::Array::from(value).iter().collect())
    } else {
        Err(SdkError::invalid_input("array"))
    }
}

/// Reads a byte argument: a `Uint8Array` (not an `Array` of numbers, not a string).
pub fn bytes_from_js(value: &JsValue) -> Result<Vec<u8>, SdkError> {
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
        .ok_or_else(|| SdkError::invalid_input("Uint8Array"))
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

/// The code of a value that serializes as a string (the SDK's enums).
pub(crate) fn code_of(value: &impl Serialize) -> Result<String, SdkError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(code)) => Ok(code),
        _ => Err(SdkError::new(
            crate::error::OUTPUT_INVALID,
            "a code did not serialize as a string",
        )),
    }
}

/// Test support: the JSON-form checks between a mirror and the SDK type it declares.
#[cfg(test)]
pub mod mirror {
    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    /// `json` is read by the SDK type `T` and by the mirror `M`, and both write it back unchanged.
    pub fn same_json<M, T>(json: Value)
    where
        M: Serialize + DeserializeOwned,
        T: Serialize + DeserializeOwned,
    {
        let original: T = serde_json::from_value(json.clone()).expect("the SDK type reads the sample");
        let mirror: M = serde_json::from_value(json.clone()).expect("the mirror reads the sample");
        assert_eq!(
            serde_json::to_value(&original).expect("serializes"),
            json,
            "the SDK type's JSON"
        );
        assert_eq!(
            serde_json::to_value(&mirror).expect("serializes"),
            json,
            "the mirror's JSON"
        );
    }

    /// The SDK type `T` writes `value` as JSON that the mirror `M` reads and writes back unchanged.
    pub fn mirrors_output<M, T>(value: &T)
    where
        M: Serialize + DeserializeOwned,
        T: Serialize,
    {
        let json = serde_json::to_value(value).expect("the SDK type serializes");
        let mirror: M = serde_json::from_value(json.clone()).expect("the mirror reads the SDK type's JSON");
        assert_eq!(serde_json::to_value(&mirror).expect("serializes"), json);
    }

    /// `json`, read by the mirror `M` (an input declaration), is accepted by the SDK input type `T`.
    pub fn mirrors_input<M, T>(json: Value)
    where
        M: Serialize + DeserializeOwned,
        T: DeserializeOwned,
    {
        let mirror: M = serde_json::from_value(json.clone()).expect("the mirror reads the sample");
        let written = serde_json::to_value(&mirror).expect("serializes");
        let _: T = serde_json::from_value(written).expect("the SDK type reads what the mirror declares");
    }

    /// The input mirror `M` and the SDK type `T` agree on `json`: both read it or both refuse it, and when they
    /// read it, `T` reads what `M` writes back as the same value as `json` itself (the mirror loses nothing the
    /// SDK reads; with `deny_unknown_fields` on the mirror, it knows every field the SDK writes).
    pub fn agree<M, T>(json: &Value)
    where
        M: Serialize + DeserializeOwned,
        T: DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let sdk = serde_json::from_value::<T>(json.clone());
        let mirror = serde_json::from_value::<M>(json.clone());
        match (sdk, mirror) {
            (Ok(sdk), Ok(mirror)) => {
                let written = serde_json::to_value(&mirror).expect("serializes");
                let reread: T = serde_json::from_value(written).expect("the SDK type reads what the mirror writes");
                assert_eq!(reread, sdk, "the SDK reads the mirror's rewrite of {json} differently");
            }
            (Err(_), Err(_)) => {}
            (Ok(_), Err(e)) => panic!("the SDK type reads {json} but the mirror refuses it: {e}"),
            (Err(e), Ok(_)) => panic!("the mirror reads {json} but the SDK type refuses it: {e}"),
        }
    }

    /// [`agree`] on `json` and on every copy of it with one object member removed, at any depth: a field optional
    /// in one type and required in the other, or a variant's tag the mirror does not need, is found.
    pub fn agree_on_every_omission<M, T>(json: &Value)
    where
        M: Serialize + DeserializeOwned,
        T: DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        agree::<M, T>(json);
        for pruned in with_one_member_removed(json) {
            agree::<M, T>(&pruned);
        }
    }

    /// The mirror `M` and the SDK type `T`, two structs with `deny_unknown_fields`, read the same fields: an
    /// optional field of the mirror that the SDK does not know (which no sample the SDK writes can show) is found.
    pub fn same_fields<M: DeserializeOwned, T: DeserializeOwned>() {
        assert_eq!(
            fields_read_by::<M>(),
            fields_read_by::<T>(),
            "the mirror and the SDK type read different fields"
        );
    }

    /// The fields a `deny_unknown_fields` struct reads, sorted: serde lists them when it refuses an unknown one
    /// (`unknown field `…`, expected one of `a`, `b``, or `expected `a`` for one field).
    fn fields_read_by<T: DeserializeOwned>() -> Vec<String> {
        let refused = serde_json::from_str::<T>(r#"{"\u0000": null}"#)
            .err()
            .expect("an unknown field is refused")
            .to_string();
        let (_, listed) = refused
            .split_once(", expected ")
            .unwrap_or_else(|| panic!("not an unknown-field error: {refused}"));
        let mut fields: Vec<String> = listed.split('`').skip(1).step_by(2).map(str::to_owned).collect();
        fields.sort();
        fields
    }

    /// Every copy of `json` with exactly one object member removed, at any depth.
    fn with_one_member_removed(json: &Value) -> Vec<Value> {
        match json {
            Value::Object(members) => members
                .iter()
                .flat_map(|(key, value)| {
                    let mut removed = members.clone();
                    removed.remove(key);
                    let nested = with_one_member_removed(value).into_iter().map(|pruned| {
                        let mut copy = members.clone();
                        copy.insert(key.clone(), pruned);
                        Value::Object(copy)
                    });
                    std::iter::once(Value::Object(removed))
                        .chain(nested)
                        .collect::<Vec<_>>()
                })
                .collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .flat_map(|(i, item)| {
                    with_one_member_removed(item).into_iter().map(move |pruned| {
                        let mut copy = items.clone();
                        copy[i] = pruned;
                        Value::Array(copy)
                    })
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn omissions_remove_one_member_at_every_depth() {
        let json = serde_json::json!({"a": 1, "b": [{"c": 2, "d": 3}]});
        let pruned = with_one_member_removed(&json);
        assert_eq!(
            pruned,
            [
                serde_json::json!({"b": [{"c": 2, "d": 3}]}),
                serde_json::json!({"a": 1}),
                serde_json::json!({"a": 1, "b": [{"d": 3}]}),
                serde_json::json!({"a": 1, "b": [{"c": 2}]}),
            ]
        );
    }

    #[derive(Debug, PartialEq, serde::Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    struct Sdk {
        a: u32,
        #[serde(default)]
        b: u32,
    }

    #[derive(serde::Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    struct RequiresB {
        a: u32,
        b: u32,
    }

    #[derive(serde::Deserialize, Serialize)]
    struct DropsB {
        a: u32,
    }

    #[test]
    fn the_fields_read_are_those_serde_lists() {
        assert_eq!(fields_read_by::<Sdk>(), ["a", "b"]);
        assert_eq!(fields_read_by::<RequiresB>(), ["a", "b"]);
        same_fields::<RequiresB, Sdk>();
    }

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct OneField {
        a: u32,
    }

    #[test]
    #[should_panic(expected = "read different fields")]
    fn a_field_the_sdk_does_not_read_is_found() {
        same_fields::<Sdk, OneField>();
    }

    #[test]
    fn agreement_accepts_a_faithful_mirror() {
        agree_on_every_omission::<Sdk, Sdk>(&serde_json::json!({"a": 1, "b": 2}));
    }

    #[test]
    #[should_panic(expected = "the SDK type reads")]
    fn agreement_finds_a_field_required_only_by_the_mirror() {
        agree_on_every_omission::<RequiresB, Sdk>(&serde_json::json!({"a": 1, "b": 2}));
    }

    #[test]
    #[should_panic(expected = "differently")]
    fn agreement_finds_a_field_the_mirror_drops() {
        agree::<DropsB, Sdk>(&serde_json::json!({"a": 1, "b": 2}));
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, SecondsFormat};
    use proptest::prelude::*;

    use super::{parse_time, short_type_name, whole_u32};

    proptest! {
        #[test]
        fn every_u32_crosses_as_a_number(n: u32) {
            prop_assert_eq!(whole_u32(f64::from(n)), Some(n));
        }

        #[test]
        fn fractions_and_out_of_range_numbers_are_refused(x: f64) {
            let whole_in_range = x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x);
            prop_assert_eq!(whole_u32(x).is_some(), whole_in_range);
        }

        #[test]
        fn rfc3339_times_round_trip(millis in -62_135_596_800_000i64..253_402_300_799_000) {
            let time = DateTime::from_timestamp_millis(millis).expect("in chrono's range");
            let text = time.to_rfc3339_opts(SecondsFormat::AutoSi, true);
            prop_assert_eq!(parse_time(&text), Some(time));
        }

        #[test]
        fn parse_time_never_panics(text in ".{0,64}") {
            let _ = parse_time(&text);
        }
    }

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

    #[test]
    fn whole_u32_refuses_fractions_negatives_and_overflow() {
        assert_eq!(whole_u32(0.0), Some(0));
        assert_eq!(whole_u32(4_294_967_295.0), Some(u32::MAX));
        assert_eq!(whole_u32(1.5), None);
        assert_eq!(whole_u32(-1.0), None);
        assert_eq!(whole_u32(4_294_967_296.0), None);
        assert_eq!(whole_u32(f64::NAN), None);
        assert_eq!(whole_u32(f64::INFINITY), None);
    }
}
