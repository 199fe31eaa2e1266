//! Printing results: one JSON object for scripts (`--json`), or text for people.
//!
//! Standard output may be a closed pipe (`cesizen … | head -1`): writes go through here so that this is an
//! error with a message, never a panic.

use std::io::{self, Write};

use serde_json::Value;

use crate::error::{CliError, CliResult};

/// Writes `text` to standard output.
pub fn stdout(text: &str) -> CliResult<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| CliError::failed("cli.output.failed", format!("cannot write to standard output: {e}")))
}

/// Prints `value` as one pretty-printed JSON object when `json`, else the text `text()` builds.
pub fn emit(json: bool, value: &Value, text: impl FnOnce() -> String) -> CliResult<()> {
    if json {
        stdout(&format!("{}\n", pretty(value)))
    } else {
        stdout(&text())
    }
}

/// A value as pretty-printed JSON.
pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// `value` as JSON (for types the SDK serializes).
pub fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The SDK's name of an enum value (its serialized string), e.g. `"page"`, `"breached"`.
pub fn name_of<T: serde::Serialize>(value: &T) -> String {
    match to_value(value) {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

/// Left-aligned columns, two spaces apart, for text tables.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(cell);
            s.push_str(&" ".repeat(w.saturating_sub(cell.chars().count())));
        }
        s.trim_end().to_owned() + "\n"
    };
    let mut out = line(&mut header.iter().copied());
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

/// A duration in ms as `1 h 02 min 03.5 s`, `43 min 12 s`, `0 s`.
pub fn human_ms(ms: u64) -> String {
    let (h, m, s, milli) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let seconds = if milli == 0 {
        format!("{s} s")
    } else {
        format!("{s}.{} s", format!("{milli:03}").trim_end_matches('0'))
    };
    match (h, m) {
        (0, 0) => seconds,
        (0, m) if s == 0 && milli == 0 => format!("{m} min"),
        (0, m) => format!("{m} min {seconds}"),
        (h, 0) if s == 0 && milli == 0 => format!("{h} h"),
        (h, m) if s == 0 && milli == 0 => format!("{h} h {m:02} min"),
        (h, m) => format!("{h} h {m:02} min {seconds}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(human_ms(0), "0 s");
        assert_eq!(human_ms(2_592_000), "43 min 12 s");
        assert_eq!(human_ms(2_674_800), "44 min 34.8 s");
        assert_eq!(human_ms(216 * 60_000), "3 h 36 min");
        assert_eq!(human_ms(60_000), "1 min");
    }

    #[test]
    fn tables_align_columns() {
        let t = table(
            &["id", "status"],
            &[vec!["1".into(), "enabled".into()], vec!["12".into(), "x".into()]],
        );
        assert_eq!(t, "id  status\n1   enabled\n12  x\n");
    }

    #[test]
    fn enum_names_are_the_sdk_names() {
        assert_eq!(name_of(&cesizen_sla::AlertAction::Page), "page");
    }
}
