//! The `deny` suite: advisories, licences, bans and sources of the dependency graph, checked by cargo-deny
//! against an offline snapshot of the RustSec advisory database.
//!
//! The snapshot lives outside the repository (`../shared/advisory-db` beside the workspace, or the folder named
//! by `CESIZEN_ADVISORY_DB`); it is a plain folder, while cargo-deny opens each advisory database as a git
//! repository named after its URL under `db-path`. The suite therefore copies the snapshot into that layout
//! under `target/advisory-dbs` (one commit, a few seconds), points `deny.toml`'s `db-path` at it through
//! `CESIZEN_DENY_DB_ROOT`, and runs cargo-deny with `--offline`, so nothing but crates.io (for crates not yet in
//! the local cache) is ever reached.
//!
//! A check that cannot fail proves nothing: the suite also runs the same policy over the fixture workspace
//! `xtask/fixtures/vulnerable`, whose lock file pins a crate with a known advisory, and fails unless cargo-deny
//! rejects it for that advisory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::cmd::{Failure, StepResult, command, root, run, target_dir};

/// The cargo-deny release the policy is written for; `cargo xtask test` installs exactly this one when missing.
pub const CARGO_DENY_VERSION: &str = "0.20.2";

/// Overrides where the advisory snapshot is read from (a folder holding `crates/`).
const SNAPSHOT_ENV: &str = "CESIZEN_ADVISORY_DB";

/// Where the snapshot is by default, relative to the workspace root.
const SNAPSHOT_DEFAULT: &str = "../shared/advisory-db";

/// Where the reference machines keep the snapshot.
const SNAPSHOT_MACHINE: &str = "/work/shared/advisory-db";

/// The variable `deny.toml`'s `db-path` reads.
const DB_ROOT_ENV: &str = "CESIZEN_DENY_DB_ROOT";

/// The folder cargo-deny derives from the default database URL (`https://github.com/RustSec/advisory-db`):
/// its last path segment and a hash of the URL, see cargo-deny's `url_to_db_path`.
const DB_FOLDER: &str = "advisory-db-3157b0e258782691";

/// The fixture workspace that must be rejected, relative to the workspace root.
const FIXTURE: &str = "xtask/fixtures/vulnerable/Cargo.toml";

/// The advisory the fixture's lock file triggers (smallvec 1.6.0, buffer overflow in `insert_many`).
const FIXTURE_ADVISORY: &str = "RUSTSEC-2021-0003";

/// Past this age the suite says that the snapshot needs refreshing (it still passes: see CONTRIBUTING.md).
const SNAPSHOT_WARN_DAYS: i64 = 30;

/// The suite: the workspace passes the policy, and the vulnerable fixture fails it for its advisory.
pub fn deny() -> StepResult {
    check_installed()?;
    let db_root = prepare_database()?;
    check_workspace(&db_root)?;
    check_fixture_is_rejected(&db_root)
}

/// Fails unless `cargo deny` is installed at [`CARGO_DENY_VERSION`].
fn check_installed() -> StepResult {
    let install = format!("install it with `cargo install --locked cargo-deny --version {CARGO_DENY_VERSION}`");
    let output = Command::new("cargo")
        .args(["deny", "--version"])
        .output()
        .map_err(|e| Failure(format!("`cargo deny --version` could not start ({e}); {install}")))?;
    let printed = String::from_utf8_lossy(&output.stdout);
    let installed = printed.trim().strip_prefix("cargo-deny ").unwrap_or("none");
    if output.status.success() && installed == CARGO_DENY_VERSION {
        Ok(())
    } else {
        Err(Failure(format!(
            "cargo-deny {installed} found, the policy needs {CARGO_DENY_VERSION}; {install}"
        )))
    }
}

/// The advisory snapshot: `$CESIZEN_ADVISORY_DB` (relative paths from the workspace root) or the default.
/// Without either, the reference machines' `/work/shared/advisory-db` when the default is missing (CI clones the
/// workspace elsewhere than beside `shared/`).
pub fn snapshot_dir() -> PathBuf {
    let chosen = std::env::var_os(SNAPSHOT_ENV)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from);
    let explicit = chosen.is_some();
    let chosen = chosen.unwrap_or_else(|| PathBuf::from(SNAPSHOT_DEFAULT));
    let chosen = if chosen.is_absolute() {
        chosen
    } else {
        root().join(chosen)
    };
    let machine = Path::new(SNAPSHOT_MACHINE);
    if !explicit && !chosen.join("crates").is_dir() && machine.join("crates").is_dir() {
        return machine.to_path_buf();
    }
    chosen
}

/// Copies the snapshot into the git layout cargo-deny opens and returns the `db-path` to give it.
fn prepare_database() -> Result<PathBuf, Failure> {
    let snapshot = snapshot_dir();
    if !snapshot.join("crates").is_dir() {
        return Err(Failure(format!(
            "no RustSec advisory snapshot at {} (a folder holding `crates/`); put one there or set {SNAPSHOT_ENV} \
             to its path, see CONTRIBUTING.md, section \"Dependency policy and releases\"",
            snapshot.display()
        )));
    }
    let db_root = target_dir().join("advisory-dbs");
    let db = db_root.join(DB_FOLDER);
    // Rebuilt on every run: a copy is cheap, and a stale copy of an older snapshot would hide new advisories.
    if db.exists() {
        std::fs::remove_dir_all(&db).map_err(|e| Failure(format!("cannot remove {}: {e}", db.display())))?;
    }
    copy_tree(&snapshot, &db)?;
    let date = snapshot_date(&snapshot);
    commit_snapshot(&db, date.as_deref())?;
    report_age(&snapshot, date.as_deref());
    Ok(db_root)
}

/// Copies `from` into `to` recursively, with files made writable (the snapshot may be read-only).
fn copy_tree(from: &Path, to: &Path) -> StepResult {
    let fail = |what: &str, path: &Path, e: std::io::Error| Failure(format!("cannot {what} {}: {e}", path.display()));
    std::fs::create_dir_all(to).map_err(|e| fail("create", to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| fail("read", from, e))? {
        let entry = entry.map_err(|e| fail("read", from, e))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type().map_err(|e| fail("inspect", &source, e))?;
        if kind.is_dir() {
            copy_tree(&source, &target)?;
        } else if kind.is_file() {
            let bytes = std::fs::read(&source).map_err(|e| fail("read", &source, e))?;
            std::fs::write(&target, bytes).map_err(|e| fail("write", &target, e))?;
        }
    }
    Ok(())
}

/// Makes `db` a git repository with the snapshot as its one commit, dated like the upstream commit when known.
fn commit_snapshot(db: &Path, date: Option<&str>) -> StepResult {
    let git = |args: &[&str]| {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(db);
        // Independent of the user's git configuration: identity, signing and hooks.
        cmd.args([
            "-c",
            "user.name=cesizen xtask",
            "-c",
            "user.email=xtask@cesizen.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "core.hooksPath=/dev/null",
        ]);
        cmd.args(args);
        if let Some(date) = date {
            let stamp = format!("{date}T00:00:00Z");
            cmd.env("GIT_AUTHOR_DATE", &stamp).env("GIT_COMMITTER_DATE", &stamp);
        }
        quiet(&mut cmd)
    };
    git(&["init", "--quiet"])?;
    git(&["add", "--all"])?;
    git(&[
        "commit",
        "--quiet",
        "--no-verify",
        "-m",
        "RustSec advisory database snapshot",
    ])
}

/// Runs `cmd`, showing its output only when it fails.
fn quiet(cmd: &mut Command) -> StepResult {
    let shown = format!("{cmd:?}");
    let output = cmd
        .output()
        .map_err(|e| Failure(format!("{shown} could not start: {e}")))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(Failure(format!(
            "{shown} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )))
    }
}

/// The upstream commit date recorded in the snapshot's `SNAPSHOT.txt` (`… (YYYY-MM-DD) …`), when present.
fn snapshot_date(snapshot: &Path) -> Option<String> {
    let text = std::fs::read_to_string(snapshot.join("SNAPSHOT.txt")).ok()?;
    text.split('(')
        .filter_map(|part| part.split(')').next())
        .find(|inner| civil_days(inner).is_some())
        .map(str::to_owned)
}

/// Prints where the advisories come from and how old they are.
fn report_age(snapshot: &Path, date: Option<&str>) {
    let today = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_secs() / 86_400).unwrap_or(i64::MAX))
        .ok();
    match (date, date.and_then(civil_days), today) {
        (Some(date), Some(day), Some(today)) => {
            let age = today - day;
            eprintln!("advisories: snapshot {} of {date} ({age} days old)", snapshot.display());
            if age > SNAPSHOT_WARN_DAYS {
                eprintln!(
                    "warning: the advisory snapshot is older than {SNAPSHOT_WARN_DAYS} days; refresh it \
                     (CONTRIBUTING.md, \"Refreshing the advisory snapshot\")"
                );
            }
        }
        _ => eprintln!(
            "warning: advisories: snapshot {} has no dated SNAPSHOT.txt; its age is unknown",
            snapshot.display()
        ),
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the proleptic Gregorian calendar), or `None` if malformed.
fn civil_days(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil: years start in March so that the leap day is the last day of a year.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// A `cargo deny --offline` command with the workspace's policy and the prepared database.
fn cargo_deny(db_root: &Path) -> Command {
    let mut cmd = command("cargo", &["deny", "--offline", "--color", "never"]);
    cmd.env(DB_ROOT_ENV, db_root);
    cmd
}

/// Every check of `deny.toml` over the workspace; crates missing from the local cache are fetched first.
fn check_workspace(db_root: &Path) -> StepResult {
    run(&mut command("cargo", &["fetch"]))?;
    let config = root().join("deny.toml");
    let mut cmd = cargo_deny(db_root);
    cmd.arg("--config").arg(&config);
    cmd.args(["check", "--hide-inclusion-graph", "--show-stats"]);
    run(&mut cmd).map_err(|failure| {
        Failure(format!(
            "{failure}: the dependency policy is broken; `cargo deny --offline check` at the root shows why, \
             with inclusion graphs"
        ))
    })
}

/// Runs the advisories check over the fixture and fails unless it is rejected for [`FIXTURE_ADVISORY`].
fn check_fixture_is_rejected(db_root: &Path) -> StepResult {
    let manifest = root().join(FIXTURE);
    let mut fetch = command("cargo", &["fetch", "--locked", "--manifest-path"]);
    fetch.arg(&manifest);
    run(&mut fetch)?;
    let mut cmd = cargo_deny(db_root);
    cmd.arg("--format").arg("json").arg("--manifest-path").arg(&manifest);
    cmd.arg("--config").arg(root().join("deny.toml"));
    cmd.args(["check", "--hide-inclusion-graph", "advisories"]);
    eprintln!("$ {cmd:?}  (must fail with {FIXTURE_ADVISORY})");
    let output = cmd
        .output()
        .map_err(|e| Failure(format!("cargo deny could not start: {e}")))?;
    judge_fixture(&output)
}

/// The fixture verdict: a failed run that reports the expected vulnerability.
fn judge_fixture(output: &Output) -> StepResult {
    let diagnostics = String::from_utf8_lossy(&output.stderr);
    let found = reported_vulnerabilities(&diagnostics);
    match (output.status.success(), found.iter().any(|id| id == FIXTURE_ADVISORY)) {
        (false, true) => {
            eprintln!("ok: the vulnerable fixture is rejected ({})", found.join(", "));
            Ok(())
        }
        (true, _) => Err(Failure(format!(
            "cargo-deny accepted {FIXTURE}, which pins a crate with {FIXTURE_ADVISORY}: the advisory check \
             does not work (is the snapshot empty?)"
        ))),
        (false, false) => Err(Failure(format!(
            "cargo-deny rejected {FIXTURE} but not for {FIXTURE_ADVISORY} (found: [{}]); its output:\n{}",
            found.join(", "),
            diagnostics.trim()
        ))),
    }
}

/// The advisory ids of the `vulnerability` diagnostics in cargo-deny's JSON output (one object per line).
fn reported_vulnerabilities(json_lines: &str) -> Vec<String> {
    json_lines
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|value| value["type"] == "diagnostic" && value["fields"]["code"] == "vulnerability")
        .filter_map(|value| value["fields"]["advisory"]["id"].as_str().map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{civil_days, reported_vulnerabilities};

    #[test]
    fn civil_days_counts_from_the_unix_epoch() {
        assert_eq!(civil_days("1970-01-01"), Some(0));
        assert_eq!(civil_days("2000-03-01"), Some(11_017));
        assert_eq!(civil_days("2026-08-21"), Some(20_686));
        assert_eq!(civil_days("2024-02-29").map(|d| d + 1), civil_days("2024-03-01"));
    }

    #[test]
    fn civil_days_rejects_what_is_not_a_date() {
        for text in [
            "",
            "2026-8-21",
            "2026-13-01",
            "2026-00-10",
            "2026-01-32",
            "bf5c0d24",
            "2026-08-21-1",
        ] {
            assert_eq!(civil_days(text), None, "{text}");
        }
    }

    #[test]
    fn only_vulnerability_diagnostics_count() {
        let output = concat!(
            r#"{"type":"diagnostic","fields":{"code":"vulnerability","advisory":{"id":"RUSTSEC-2021-0003"}}}"#,
            "\n",
            r#"{"type":"diagnostic","fields":{"code":"unmaintained","advisory":{"id":"RUSTSEC-2024-0001"}}}"#,
            "\n",
            r#"{"type":"summary","fields":{"advisories":{"errors":1}}}"#,
            "\nnot json\n",
        );
        assert_eq!(reported_vulnerabilities(output), ["RUSTSEC-2021-0003"]);
    }
}
