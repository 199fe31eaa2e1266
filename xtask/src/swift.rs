//! The Swift package's binary target, checked by the `release` suite against the recorded xcframework.
//!
//! SwiftPM resolves a binary target by URL and SHA-256 checksum: `build-xcframework.sh` (macOS only) builds
//! `CesizenFFI.xcframework`, zips it, computes the checksum with `swift package compute-checksum` and records the
//! release asset's URL and the checksum in `bindings/uniffi/swift/binary-target.json`. `Package.swift` must then
//! declare exactly that URL and checksum (a drift fails the suite, which prints the line to write). Until a macOS
//! build is recorded, the file is absent and `Package.swift` points at a local `CesizenFFI.xcframework` (built
//! by the script on a Mac): the suite says the Swift artifact is pending. No checksum is ever written by hand.

use serde_json::Value;

use crate::cmd::{Failure, StepResult, root};

/// The Swift package's manifest.
const PACKAGE: &str = "bindings/uniffi/swift/Package.swift";

/// The record written by `build-xcframework.sh`: `{"url": …, "checksum": …}`.
const RECORD: &str = "bindings/uniffi/swift/binary-target.json";

/// The binary target's line while no macOS build is recorded.
const PENDING_LINE: &str = r#".binaryTarget(name: "CesizenFFI", path: "CesizenFFI.xcframework"),"#;

/// What the check found: problems fail the suite, notes are reported before publishing.
#[derive(Debug, Default, PartialEq)]
struct Findings {
    problems: Vec<String>,
    notes: Vec<String>,
}

/// The `release` suite's Swift step.
pub fn check() -> StepResult {
    let read = |path: &str| std::fs::read_to_string(root().join(path));
    let package = read(PACKAGE).map_err(|e| Failure(format!("cannot read {PACKAGE}: {e}")))?;
    let record = read(RECORD).ok();
    let version = crate::version::workspace_version()?;
    let findings = binary_target_findings(&package, record.as_deref(), &version);
    for note in &findings.notes {
        eprintln!("swift: before publishing: {note}");
    }
    if findings.problems.is_empty() {
        match record {
            Some(_) => eprintln!("swift: {PACKAGE}'s binary target agrees with {RECORD}"),
            None => eprintln!("swift: {PACKAGE}'s binary target is the local xcframework, as no build is recorded"),
        }
        Ok(())
    } else {
        Err(Failure(findings.problems.join("; ")))
    }
}

/// Compares `Package.swift`'s binary target with the record (if any) for the SDK's `version`.
fn binary_target_findings(package: &str, record: Option<&str>, version: &str) -> Findings {
    let mut findings = Findings::default();
    let declared: Vec<&str> = package
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with(".binaryTarget("))
        .collect();
    let expected = match record {
        None => {
            findings.notes.push(format!(
                "the Swift artifact is pending a macOS build: run bindings/uniffi/swift/build-xcframework.sh on a \
                 Mac, attach CesizenFFI.xcframework.zip to the v{version} release, commit {RECORD} and the \
                 binary target line it prints"
            ));
            PENDING_LINE.to_owned()
        }
        Some(text) => match recorded_target(text) {
            Ok((url, checksum)) => {
                if !url.contains(&format!("/v{version}/")) {
                    findings.notes.push(format!(
                        "{RECORD} records {url}, not the v{version} release: rebuild the xcframework on a Mac"
                    ));
                }
                format!(r#".binaryTarget(name: "CesizenFFI", url: "{url}", checksum: "{checksum}"),"#)
            }
            Err(problem) => {
                findings.problems.push(format!("{RECORD}: {problem}"));
                return findings;
            }
        },
    };
    if declared != [expected.as_str()] {
        findings.problems.push(format!(
            "{PACKAGE} must declare exactly one binary target, `{expected}` (found {declared:?})"
        ));
    }
    findings
}

/// The URL and checksum of a record, validated.
fn recorded_target(text: &str) -> Result<(String, String), String> {
    let record: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let url = record["url"].as_str().unwrap_or_default();
    let checksum = record["checksum"].as_str().unwrap_or_default();
    if !url.starts_with("https://") || !url.ends_with("/CesizenFFI.xcframework.zip") {
        return Err(format!(
            "`url` must be the https URL of CesizenFFI.xcframework.zip, not {url:?}"
        ));
    }
    let hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
    if checksum.len() != 64 || !checksum.chars().all(hex) {
        return Err(format!(
            "`checksum` must be 64 lowercase hex digits (a SHA-256), not {checksum:?}"
        ));
    }
    Ok((url.to_owned(), checksum.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::{PENDING_LINE, binary_target_findings};

    const URL: &str = "https://github.com/cesizen/cesizen-sdk/releases/download/v0.1.0/CesizenFFI.xcframework.zip";
    const SUM: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn package(line: &str) -> String {
        format!(
            "let package = Package(\n    targets: [\n        {line}\n        .target(name: \"Cesizen\"),\n    ]\n)\n"
        )
    }

    fn record(url: &str, checksum: &str) -> String {
        format!(r#"{{"url": "{url}", "checksum": "{checksum}"}}"#)
    }

    #[test]
    fn without_a_record_the_local_path_is_expected_and_the_artifact_is_pending() {
        let findings = binary_target_findings(&package(PENDING_LINE), None, "0.1.0");
        assert!(findings.problems.is_empty(), "{findings:?}");
        assert!(findings.notes[0].contains("pending a macOS build"));
        let url_line = format!(r#".binaryTarget(name: "CesizenFFI", url: "{URL}", checksum: "{SUM}"),"#);
        assert_eq!(
            binary_target_findings(&package(&url_line), None, "0.1.0")
                .problems
                .len(),
            1
        );
    }

    #[test]
    fn a_record_requires_its_url_and_checksum_in_package_swift() {
        let line = format!(r#".binaryTarget(name: "CesizenFFI", url: "{URL}", checksum: "{SUM}"),"#);
        let agreeing = binary_target_findings(&package(&line), Some(&record(URL, SUM)), "0.1.0");
        assert_eq!(agreeing, Default::default());
        let other = SUM.replace('0', "1");
        let drifted = binary_target_findings(&package(&line), Some(&record(URL, &other)), "0.1.0");
        assert!(drifted.problems[0].contains(&other), "{drifted:?}");
        let pending = binary_target_findings(&package(PENDING_LINE), Some(&record(URL, SUM)), "0.1.0");
        assert_eq!(pending.problems.len(), 1);
    }

    #[test]
    fn a_malformed_record_or_an_older_release_is_reported() {
        let line = format!(r#".binaryTarget(name: "CesizenFFI", url: "{URL}", checksum: "{SUM}"),"#);
        for bad in [
            record(URL, "abc"),
            record(URL, &SUM.to_uppercase()),
            record("http://x/CesizenFFI.xcframework.zip", SUM),
        ] {
            assert_eq!(
                binary_target_findings(&package(&line), Some(&bad), "0.1.0")
                    .problems
                    .len(),
                1,
                "{bad}"
            );
        }
        let older = binary_target_findings(&package(&line), Some(&record(URL, SUM)), "0.2.0");
        assert!(
            older.problems.is_empty() && older.notes[0].contains("not the v0.2.0 release"),
            "{older:?}"
        );
    }
}
