//! The `fuzz` suite: every cargo-fuzz target in `fuzz/fuzz_targets/` (libFuzzer, nightly toolchain, AddressSanitizer)
//! runs for a bounded time from the committed seeds (`fuzz/seeds/<target>/`), and the suite fails on any crash,
//! panic, leak, timeout or over-limit allocation. `fuzz/README.md` says how to run longer campaigns.
//!
//! Limits, the same in CI and in longer runs: inputs up to 1 MiB (`-max_len`), no single allocation above 32 MiB
//! (`-malloc_limit_mb`: 32 times the largest input) and at most 2 GiB resident (`-rss_limit_mb`, AddressSanitizer's
//! shadow memory included), 10 s per input. The targets run side by side, one per core, each for 20 s. What the run
//! finds is kept under the target directory (`target/fuzz/corpus/<target>/`, crashes in
//! `target/fuzz/artifacts/<target>/`, each run's output in `target/fuzz/logs/<target>.log`), never in the tree.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::cmd::{Failure, StepResult, command, output_to_log, root, run, target_dir};

/// The nightly toolchain cargo fuzz builds with: pinned, so that a new nightly cannot break CI overnight.
pub const NIGHTLY: &str = "nightly-2026-05-19";

/// Seconds each target runs in the suite; the targets run side by side, one per core.
const SECONDS_PER_TARGET: u32 = 20;

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
    let queue = Mutex::new(targets.iter());
    let failed = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(target) = next(&queue) {
                    if let Err(failure) = run_target(&built, &out, target) {
                        lock(&failed).push(failure.0);
                    }
                }
            });
        }
    });
    let failed = failed.into_inner().unwrap_or_else(PoisonError::into_inner);
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure(format!("fuzz targets failed: {}", failed.join("; "))))
    }
}

/// Runs one target for its bounded time, its output in `<out>/logs/<target>.log`: one line when it passes, the
/// log's end when it fails.
fn run_target(built: &Path, out: &Path, target: &str) -> StepResult {
    let corpus = out.join("corpus").join(target);
    let artifacts = out.join("artifacts").join(target);
    let logs = out.join("logs");
    for dir in [&corpus, &artifacts, &logs] {
        std::fs::create_dir_all(dir).map_err(|e| Failure(format!("creating {}: {e}", dir.display())))?;
    }
    let log_path = logs.join(format!("{target}.log"));
    let mut fuzz = Command::new(built.join(target));
    output_to_log(&mut fuzz, &log_path)?;
    let status = fuzz
        .current_dir(root())
        .args(LIMITS)
        .arg(format!("-max_total_time={SECONDS_PER_TARGET}"))
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .arg("-print_final_stats=1")
        .arg(&corpus)
        .arg(root().join("fuzz/seeds").join(target))
        .status()
        .map_err(|e| Failure(format!("{target} could not start: {e}")))?;
    let text = std::fs::read_to_string(&log_path).unwrap_or_default();
    if status.success() {
        let runs = text
            .lines()
            .find_map(|line| line.strip_prefix("stat::number_of_executed_units:"))
            .map_or("?", str::trim);
        eprintln!("fuzz: {target} ok, {runs} inputs in {SECONDS_PER_TARGET} s");
        Ok(())
    } else {
        let tail: Vec<&str> = text.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        eprintln!(
            "fuzz: {target} FAILED ({status}); the end of {}:\n{}",
            log_path.display(),
            tail.join("\n")
        );
        Err(Failure(format!(
            "{target} ({status}; the input is in {}, the log in {})",
            artifacts.display(),
            log_path.display()
        )))
    }
}

/// The next target of the shared queue.
fn next<'a>(queue: &Mutex<std::slice::Iter<'a, String>>) -> Option<&'a String> {
    lock(queue).next()
}

/// A mutex's value, even after another worker panicked holding it.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
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
