//! One version for the SDK in every language, from one place: `[workspace.package] version` in the root
//! `Cargo.toml`.
//!
//! Every other manifest that carries a version repeats it, because each ecosystem's tools read their own file:
//! the root's `[workspace.dependencies]` entries of our crates (what a published crate asks of its siblings),
//! every workspace member, each `package.json`, `pom.xml` and `pyproject.toml` in the repository. Swift packages
//! have no version in `Package.swift`: SwiftPM takes it from the release's git tag.
//!
//! `cargo xtask version` prints them all and fails on a mismatch (the `versions` suite runs the same check);
//! `cargo xtask version --set 0.2.0` rewrites every one of them.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::cmd::{Failure, StepResult, root};
use crate::metadata::{self, field, relative};

/// `cargo xtask version [--set X.Y.Z]`.
pub fn main(args: &[String]) -> ExitCode {
    let outcome = match args {
        [] => check(),
        [flag, new] if flag == "--set" => set(new),
        _ => Err(Failure("usage: cargo xtask version [--set X.Y.Z]".to_owned())),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace version: the one place.
pub fn workspace_version() -> Result<String, Failure> {
    metadata::workspace_package_field(&metadata::root_manifest()?, "version")
}

/// One place that repeats the version.
#[derive(Debug, PartialEq, Eq)]
struct Found {
    /// Where, relative to the root (with the entry's name when a file holds several).
    place: String,
    /// What it says: a version, or `None` when the manifest carries none on purpose (with `note` saying why).
    version: Option<String>,
    /// Why a manifest without a version is fine.
    note: &'static str,
}

/// The `versions` suite: prints every place and fails unless each says the workspace version.
pub fn check() -> StepResult {
    let expected = workspace_version()?;
    if !is_semver(&expected) {
        return Err(Failure(format!(
            "[workspace.package] version `{expected}` is not a semantic version"
        )));
    }
    let found = collect()?;
    eprintln!(
        "{:<60} {expected}",
        "Cargo.toml [workspace.package] version (the source)"
    );
    let mut wrong = Vec::new();
    for item in &found {
        match &item.version {
            Some(version) if *version == expected => eprintln!("{:<60} {version}", item.place),
            Some(version) => {
                eprintln!("{:<60} {version}   <- should be {expected}", item.place);
                wrong.push(format!("{} says {version}", item.place));
            }
            None => eprintln!("{:<60} -   ({})", item.place, item.note),
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(Failure(format!(
            "{} place(s) disagree with the workspace version {expected}: {}; \
             `cargo xtask version --set {expected}` rewrites them",
            wrong.len(),
            wrong.join(", ")
        )))
    }
}

/// Every place that repeats the version, Cargo's first.
fn collect() -> Result<Vec<Found>, Failure> {
    let mut found = Vec::new();
    let manifest = metadata::root_manifest()?;
    let dependencies = manifest
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(toml::Value::as_table);
    for (name, spec) in dependencies.into_iter().flatten() {
        if spec.get("path").is_some() {
            let version = spec.get("version").and_then(toml::Value::as_str).unwrap_or("(none)");
            found.push(Found {
                place: format!("Cargo.toml [workspace.dependencies] {name}"),
                version: Some(version.trim_start_matches(['=', '^']).to_owned()),
                note: "",
            });
        }
    }
    let cargo_metadata = metadata::cargo_metadata()?;
    for member in metadata::members(&cargo_metadata) {
        let manifest = relative(Path::new(field(member, "manifest_path")));
        found.push(Found {
            place: format!("{} ({})", manifest.display(), field(member, "name")),
            version: Some(field(member, "version").to_owned()),
            note: "",
        });
    }
    for path in repository_files()? {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let read = || {
            std::fs::read_to_string(root().join(&path))
                .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
        };
        let place = path.display().to_string();
        let item = match name {
            "package.json" => package_json_version(&read()?).map_err(|e| Failure(format!("{place}: {e}")))?,
            "pom.xml" => crate::pom::child(&read()?, "version")
                .map(|v| (Some(v), ""))
                .ok_or_else(|| Failure(format!("{place} has no <project><version>")))?,
            "pyproject.toml" => pyproject_version(&read()?).map_err(|e| Failure(format!("{place}: {e}")))?,
            "Package.swift" => (None, "SwiftPM versions by git tag: tag the release"),
            _ => continue,
        };
        found.push(Found {
            place,
            version: item.0,
            note: item.1,
        });
    }
    Ok(found)
}

/// The files of the repository, tracked or not, but not ignored (no `node_modules/`, `target/`, `pkg/`).
fn repository_files() -> Result<Vec<PathBuf>, Failure> {
    let output = Command::new("git")
        .args(["ls-files", "--cached", "--others", "--exclude-standard", "-z"])
        .current_dir(root())
        .output()
        .map_err(|e| Failure(format!("`git ls-files` could not start: {e}")))?;
    if !output.status.success() {
        return Err(Failure(format!(
            "`git ls-files` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    let mut files: Vec<PathBuf> = output
        .stdout
        .split(|byte| *byte == 0)
        .filter(|entry| !entry.is_empty())
        .map(|entry| PathBuf::from(String::from_utf8_lossy(entry).into_owned()))
        .filter(|path| root().join(path).is_file())
        .collect();
    files.sort();
    files.dedup();
    Ok(files)
}

/// The `version` of a `package.json`; a private package (build tooling) may have none.
fn package_json_version(text: &str) -> Result<(Option<String>, &'static str), String> {
    let json: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    match (json["version"].as_str(), json["private"].as_bool() == Some(true)) {
        (Some(version), _) => Ok((Some(version.to_owned()), "")),
        (None, true) => Ok((None, "private build tooling, never published")),
        (None, false) => Err("a publishable package.json needs a \"version\"".to_owned()),
    }
}

/// The `[project] version` of a `pyproject.toml`, or none when it is dynamic (read from elsewhere at build).
fn pyproject_version(text: &str) -> Result<(Option<String>, &'static str), String> {
    let table: toml::Table = text.parse().map_err(|e| format!("not TOML: {e}"))?;
    let project = table.get("project").ok_or("no [project] table")?;
    if let Some(version) = project.get("version").and_then(toml::Value::as_str) {
        return Ok((Some(version.to_owned()), ""));
    }
    let dynamic = project
        .get("dynamic")
        .and_then(toml::Value::as_array)
        .is_some_and(|items| items.iter().any(|item| item.as_str() == Some("version")));
    if dynamic {
        Ok((None, "dynamic: the build backend reads it"))
    } else {
        Err("[project] has no version".to_owned())
    }
}

/// Whether `text` is `MAJOR.MINOR.PATCH` with an optional `-pre-release` (no build metadata).
pub fn is_semver(text: &str) -> bool {
    let (core, pre) = text.split_once('-').map_or((text, None), |(c, p)| (c, Some(p)));
    let numbers: Vec<&str> = core.split('.').collect();
    let numeric = |part: &&str| {
        !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) && (part.len() == 1 || !part.starts_with('0'))
    };
    let pre_ok = pre.is_none_or(|pre| {
        pre.split('.')
            .all(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    });
    numbers.len() == 3 && numbers.iter().all(numeric) && pre_ok
}

/// `cargo xtask version --set NEW`: rewrites every place from the current workspace version to `new`.
fn set(new: &str) -> StepResult {
    if !is_semver(new) {
        return Err(Failure(format!(
            "`{new}` is not a semantic version (MAJOR.MINOR.PATCH[-pre])"
        )));
    }
    let old = workspace_version()?;
    let cargo_toml = root().join("Cargo.toml");
    rewrite(&cargo_toml, |text| set_in_root_manifest(text, &old, new))?;
    for path in repository_files()? {
        let full = root().join(&path);
        match path.file_name().and_then(|n| n.to_str()) {
            Some("package.json") => rewrite(&full, |text| {
                let from = format!("\"version\": \"{old}\"");
                match text.matches(&from).count() {
                    0 => Ok(None),
                    1 => Ok(Some(text.replacen(&from, &format!("\"version\": \"{new}\""), 1))),
                    _ => Err(format!("{from} appears more than once")),
                }
            })?,
            Some("pom.xml") => rewrite(&full, |text| {
                Ok(crate::pom::child_span(text, "version")
                    .filter(|span| text[span.clone()].trim() == old)
                    .map(|span| format!("{}{new}{}", &text[..span.start], &text[span.end..])))
            })?,
            Some("pyproject.toml") => rewrite(&full, |text| Ok(set_in_section(text, "[project]", &old, new)))?,
            _ => {}
        }
    }
    eprintln!("version {old} -> {new}; now:");
    eprintln!("  cargo update --workspace   (records it in Cargo.lock)");
    eprintln!("  CHANGELOG.md: move [Unreleased] under ## [{new}] - <date>");
    eprintln!("  cargo xtask release-check");
    check()
}

/// Applies `change` to the file at `path`; `Ok(None)` from it leaves the file alone.
fn rewrite(path: &Path, change: impl FnOnce(&str) -> Result<Option<String>, String>) -> StepResult {
    let text = std::fs::read_to_string(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    match change(&text).map_err(|e| Failure(format!("{}: {e}", path.display())))? {
        Some(updated) if updated != text => {
            std::fs::write(path, updated).map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("updated {}", relative(path).display());
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The root manifest with `[workspace.package] version` and our path dependencies' versions set to `new`.
fn set_in_root_manifest(text: &str, old: &str, new: &str) -> Result<Option<String>, String> {
    let updated = set_in_section(text, "[workspace.package]", old, new)
        .ok_or("[workspace.package] has no `version = \"…\"` line with the current version")?;
    let from = format!("version = \"{old}\"");
    let mut section = String::new();
    let lines: Vec<String> = updated
        .split_inclusive('\n')
        .map(|line| {
            if line.starts_with('[') {
                section = line.trim().to_owned();
            }
            if section == "[workspace.dependencies]" && line.contains("path = ") && line.contains(&from) {
                line.replacen(&from, &format!("version = \"{new}\""), 1)
            } else {
                line.to_owned()
            }
        })
        .collect();
    Ok(Some(lines.concat()))
}

/// `text` with the `version = "old"` line of the TOML `section` set to `new`, or `None` when there is none.
fn set_in_section(text: &str, section: &str, old: &str, new: &str) -> Option<String> {
    let mut current = String::new();
    let mut done = false;
    let from = format!("version = \"{old}\"");
    let lines: Vec<String> = text
        .split_inclusive('\n')
        .map(|line| {
            if line.starts_with('[') {
                line.trim().clone_into(&mut current);
            }
            if !done && current == section && line.trim_start().starts_with(&from) {
                done = true;
                line.replacen(&from, &format!("version = \"{new}\""), 1)
            } else {
                line.to_owned()
            }
        })
        .collect();
    done.then(|| lines.concat())
}

#[cfg(test)]
mod tests {
    use super::{is_semver, package_json_version, pyproject_version, set_in_root_manifest};

    #[test]
    fn package_json_needs_a_version_unless_private() {
        assert_eq!(
            package_json_version(r#"{"name":"@cesizen/sdk","version":"0.1.0"}"#),
            Ok((Some("0.1.0".to_owned()), ""))
        );
        assert_eq!(package_json_version(r#"{"private":true}"#).map(|v| v.0), Ok(None));
        assert!(package_json_version(r#"{"name":"@cesizen/sdk"}"#).is_err());
    }

    #[test]
    fn pyproject_version_may_be_dynamic() {
        assert_eq!(
            pyproject_version("[project]\nname = \"c\"\nversion = \"0.1.0\"\n").map(|v| v.0),
            Ok(Some("0.1.0".to_owned()))
        );
        assert_eq!(
            pyproject_version("[project]\nname = \"c\"\ndynamic = [\"version\"]\n").map(|v| v.0),
            Ok(None)
        );
        assert!(pyproject_version("[project]\nname = \"c\"\n").is_err());
    }

    #[test]
    fn semantic_versions_are_recognised() {
        for good in ["0.1.0", "1.0.0", "10.20.30", "1.0.0-rc.1", "0.2.0-alpha"] {
            assert!(is_semver(good), "{good}");
        }
        for bad in ["", "1", "1.0", "01.0.0", "1.0.0-", "1.0.0-a..b", "v1.0.0", "1.0.0.0"] {
            assert!(!is_semver(bad), "{bad}");
        }
    }

    #[test]
    fn setting_the_version_touches_the_workspace_and_our_path_dependencies_only() {
        let manifest = concat!(
            "[workspace.package]\nversion = \"0.1.0\"\nedition = \"2024\"\n\n",
            "[workspace.dependencies]\n",
            "cesizen-core = { path = \"cesizen-core\", version = \"0.1.0\" }\n",
            "other = { version = \"0.1.0\" }\n",
        );
        let updated = set_in_root_manifest(manifest, "0.1.0", "0.2.0")
            .ok()
            .flatten()
            .unwrap_or_default();
        assert_eq!(
            updated,
            concat!(
                "[workspace.package]\nversion = \"0.2.0\"\nedition = \"2024\"\n\n",
                "[workspace.dependencies]\n",
                "cesizen-core = { path = \"cesizen-core\", version = \"0.2.0\" }\n",
                "other = { version = \"0.1.0\" }\n",
            )
        );
        assert!(set_in_root_manifest(manifest, "9.9.9", "1.0.0").is_err());
    }
}
