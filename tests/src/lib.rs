//! Helpers for the cross-crate tests: loading the shared test vectors of `tests/vectors/`.
//!
//! A vector file is JSON: `{ "topic": "...", "description": "...", "cases": [ { "name": "...", "op": "...",
//! "input": {...}, "expected": {...} } ] }`; a case that must fail has `"error": "<stable code>"` instead of
//! `"expected"`. Every language binding runs every case byte for byte.

use std::path::{Path, PathBuf};

/// One case of a vector file.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Case {
    /// Unique name within the file.
    pub name: String,
    /// The operation, named after the binding surface's function.
    pub op: String,
    /// The operation's input.
    pub input: serde_json::Value,
    /// The expected output, when the case succeeds.
    #[serde(default)]
    pub expected: Option<serde_json::Value>,
    /// The expected stable error code, when the case fails.
    #[serde(default)]
    pub error: Option<String>,
}

/// A vector file.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct VectorFile {
    /// What the file covers.
    pub topic: String,
    /// A sentence on the format it pins.
    #[serde(default)]
    pub description: String,
    /// The cases.
    pub cases: Vec<Case>,
}

/// The directory of the shared vectors.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// Loads `tests/vectors/<name>.json`.
///
/// # Panics
/// When the file is missing or malformed: vectors are part of the repository.
pub fn load(name: &str) -> VectorFile {
    let path = vectors_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// What running a case gives: its output, or the stable code of its error.
pub type Outcome = Result<serde_json::Value, String>;

/// Runs every case of `tests/vectors/<name>.json` with `run` and checks its output or its error code.
///
/// # Panics
/// On the first case whose outcome differs, naming the file and the case.
pub fn check_file(name: &str, run: fn(&Case) -> Outcome) {
    let file = load(name);
    assert_eq!(file.topic, name, "{name}: topic");
    assert!(!file.cases.is_empty(), "{name}: no case");
    for case in &file.cases {
        let outcome = run(case);
        match (&case.expected, &case.error) {
            (Some(expected), None) => assert_eq!(outcome.as_ref(), Ok(expected), "{name}: {}", case.name),
            (None, Some(error)) => assert_eq!(outcome.as_ref().err(), Some(error), "{name}: {}", case.name),
            _ => panic!("{name}: {}: a case has either `expected` or `error`", case.name),
        }
    }
}
