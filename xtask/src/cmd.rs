//! Running external commands with a readable trace and a clear failure.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The cargo target directory: `CARGO_TARGET_DIR` (relative to the root) or `target/` at the root.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() { dir } else { root().join(dir) }
        }
        None => root().join("target"),
    }
}

/// A failed step: what ran and how it ended.
#[derive(Debug)]
pub struct Failure(pub String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Result of a step.
pub type StepResult = Result<(), Failure>;

/// Builds a command that runs in the workspace root.
pub fn command(program: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args).current_dir(root());
    cmd
}

/// Sends `cmd`'s standard output and error to the file `log` (created or truncated), for a run whose output is
/// read afterwards rather than interleaved with another's.
pub fn output_to_log(cmd: &mut Command, log: &std::path::Path) -> StepResult {
    let out = std::fs::File::create(log).map_err(|e| Failure(format!("creating {}: {e}", log.display())))?;
    let err = out
        .try_clone()
        .map_err(|e| Failure(format!("opening {}: {e}", log.display())))?;
    cmd.stdout(out).stderr(err);
    Ok(())
}

/// Runs `cmd`, echoing it first; fails when it cannot start or exits non-zero.
pub fn run(cmd: &mut Command) -> StepResult {
    let shown = shown(cmd);
    eprintln!("$ {shown}");
    match cmd.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(Failure(format!("`{shown}` failed ({status})"))),
        Err(err) => Err(Failure(format!("`{shown}` could not start: {err}"))),
    }
}

/// Runs `cmd` like [`run`], but a failure also carries the last `lines` lines cargo or the tool wrote to stderr,
/// so that the suite's one-line summary (the end of a CI log) says why. The output is printed when it ends.
pub fn run_keeping_tail(cmd: &mut Command, lines: usize) -> StepResult {
    let shown = shown(cmd);
    eprintln!("$ {shown}");
    let output = cmd
        .output()
        .map_err(|err| Failure(format!("`{shown}` could not start: {err}")))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    print!("{}", String::from_utf8_lossy(&output.stdout));
    eprint!("{stderr}");
    if output.status.success() {
        return Ok(());
    }
    let all: Vec<&str> = stderr.lines().filter(|line| !line.trim().is_empty()).collect();
    let tail = all[all.len().saturating_sub(lines)..].join(" | ");
    Err(Failure(format!("`{shown}` failed ({}): {tail}", output.status)))
}

/// Runs `cmd` like [`run`], up to `attempts` times: for steps that reach the network, where one failed request
/// should not fail the suite. Each retry is announced.
pub fn run_retrying(cmd: &mut Command, attempts: u32) -> StepResult {
    let mut last = run(cmd);
    for attempt in 2..=attempts {
        let Err(failure) = &last else { break };
        eprintln!("{failure}: trying again (attempt {attempt} of {attempts})");
        std::thread::sleep(std::time::Duration::from_secs(5));
        last = run(cmd);
    }
    last
}

/// How `cmd` is shown in traces and failures: the program and its arguments.
fn shown(cmd: &Command) -> String {
    format!(
        "{} {}",
        cmd.get_program().to_string_lossy(),
        cmd.get_args()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    )
}

/// Shorthand: run `program args…` in the workspace root.
pub fn run_in_root(program: &str, args: &[&str]) -> StepResult {
    run(&mut command(program, args))
}
