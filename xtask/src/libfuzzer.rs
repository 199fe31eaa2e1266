//! The `fuzz` suite: every cargo-fuzz target in `fuzz/fuzz_targets/` (libFuzzer, nightly toolchain, AddressSanitizer)
//! runs for a bounded time from the committed seeds (`fuzz/seeds/<target>/`), and the suite fails on any crash,
//! panic, leak, timeout or over-limit allocation. `fuzz/README.md` says how to run longer campaigns.
//!
//! Limits, the same in CI and in longer runs: inputs up to 1 MiB (`-max_len`), no single allocation above 32 MiB
//! (`-malloc_limit_mb`: 32 times the largest input) and at most 2 GiB resident (`-rss_limit_mb`, AddressSanitizer's
//! shadow memory included), 10 s per input. What the run finds is kept under the target directory
//! (`target/fuzz/corpus/<target>/`, crashes in `target/fuzz/artifacts/<target>/`), never in the tree.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{Failure, StepResult, command, root, run, target_dir};

/// The nightly toolchain cargo fuzz builds with: pinned, so that a new nightly cannot break CI overnight.
pub const NIGHTLY: &str = "nightly-2026-05-19";

/// Seconds each target runs in the suite.
const SECONDS_PER_TARGET: u32 = 15;

/// The libFuzzer options of every run but its duration (see the module documentation).
const LIMITS: &[&str] = &[
    "-max_len=1048576",
    "-malloc_limit_mb=32",
    "-rss_limit_mb=2048",
    "-timeout=10",
];

/// Runs the suite.
pub fn fuzz() -> StepResult {
    let fuzz_dir = root().join("fuzz");
    let out = target_dir().join("fuzz");
    let out_arg = out.to_string_lossy().into_owned();
    let toolchain = format!("+{NIGHTLY}");
    run(&mut command(
        "cargo",
        &[
            &toolchain,
            "fuzz",
            "build",
            "--fuzz-dir",
            "fuzz",
            "--target-dir",
            &out_arg,
        ],
    ))?;
    let built = out.join(host_triple()?).join("release");
    let targets = targets(&fuzz_dir.join("fuzz_targets"))?;
    let mut failed = Vec::new();
    for target in &targets {
        let corpus = out.join("corpus").join(target);
        let artifacts = out.join("artifacts").join(target);
        for dir in [&corpus, &artifacts] {
            std::fs::create_dir_all(dir).map_err(|e| Failure(format!("creating {}: {e}", dir.display())))?;
        }
        let mut cmd = Command::new(built.join(target));
        cmd.current_dir(root())
            .args(LIMITS)
            .arg(format!("-max_total_time={SECONDS_PER_TARGET}"))
            .arg(format!("-artifact_prefix={}/", artifacts.display()))
            .arg("-print_final_stats=1")
            .arg(&corpus)
            .arg(fuzz_dir.join("seeds").join(target));
        if let Err(failure) = run(&mut cmd) {
            failed.push(format!("{target} ({failure}; the input is in {})", artifacts.display()));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure(format!("fuzz targets failed: {}", failed.join("; "))))
    }
}

/// The targets: one file per target in `fuzz/fuzz_targets/`, by name.
fn targets(dir: &Path) -> Result<Vec<String>, Failure> {
    let entries = std::fs::read_dir(dir).map_err(|e| Failure(format!("reading {}: {e}", dir.display())))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| PathBuf::from(e.file_name()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    Ok(names)
}

/// The host's target triple (cargo fuzz builds for it, in `<target-dir>/<triple>/release/`).
fn host_triple() -> Result<String, Failure> {
    let output = Command::new("rustc")
        .args([&format!("+{NIGHTLY}"), "-vV"])
        .output()
        .map_err(|e| Failure(format!("rustc +{NIGHTLY} -vV could not start: {e}")))?;
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .map(str::to_owned)
        .ok_or_else(|| Failure(format!("rustc +{NIGHTLY} -vV printed no host triple")))
}
