//! Test support: the shared vectors of `tests/vectors/`, whose JSON the mirrors must read and write unchanged.

use serde_json::Value;

/// The cases of `tests/vectors/<topic>.json`.
fn cases(topic: &str) -> Vec<Value> {
    let path = format!("{}/../../tests/vectors/{topic}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let file: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}"));
    file["cases"].as_array().cloned().unwrap_or_default()
}

/// The `expected` outputs of the successful cases of `op`.
pub fn expected_outputs(topic: &str, op: &str) -> Vec<Value> {
    let found: Vec<Value> = cases(topic)
        .into_iter()
        .filter(|c| c["op"] == op)
        .filter_map(|c| c.get("expected").cloned())
        .collect();
    assert!(!found.is_empty(), "{topic}.json has successful {op} cases");
    found
}

/// The `input`s of the successful cases of `op` (the app's operations: `core` only).
#[cfg(feature = "core")]
pub fn inputs(topic: &str, op: &str) -> Vec<Value> {
    let found: Vec<Value> = cases(topic)
        .into_iter()
        .filter(|c| c["op"] == op && c.get("expected").is_some())
        .filter_map(|c| c.get("input").cloned())
        .collect();
    assert!(!found.is_empty(), "{topic}.json has successful {op} cases");
    found
}

/// `json` read by the mirror `M` and written back is unchanged: the mirror declares exactly that JSON form.
pub fn round_trip<M: serde::Serialize + serde::de::DeserializeOwned>(json: Value) {
    let mirror: M = serde_json::from_value(json.clone()).expect("the mirror reads it");
    assert_eq!(serde_json::to_value(mirror).expect("serializes"), json);
}
