//! The `cesizen` binary run as a process on real files, as an operator or a cron job would run it: exit codes,
//! what goes to standard output and standard error, and bad input of every kind.
//!
//! One test binary (modules below) keeps the debug build and link time down on CI's two cores.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod backup;
mod custody;
mod help;
mod incident_gdpr;
mod keys;
mod plan;
mod report_html;
mod sla;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Standard output as bytes.
    pub bytes: Vec<u8>,
}

impl Run {
    /// Standard output parsed as one JSON value.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not one JSON value ({e}): {}", self.stdout))
    }

    /// Asserts success and returns self.
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected success; stderr: {}\nstdout: {}",
            self.stderr, self.stdout
        );
        self
    }

    /// Asserts a failure with `code` and an error naming `stable` (the stable code) on standard error.
    pub fn fails(self, code: i32, stable: &str) -> Self {
        assert_eq!(self.code, code, "stderr: {}\nstdout: {}", self.stderr, self.stdout);
        assert!(
            self.stderr.starts_with("error: "),
            "the error comes first: {}",
            self.stderr
        );
        assert!(
            self.stderr.contains(&format!("[{stable}]")),
            "expected [{stable}] in: {}",
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "no panic: {}", self.stderr);
        assert!(!self.stderr.contains("RUST_BACKTRACE"), "no backtrace: {}", self.stderr);
        self
    }
}

/// A working folder and the environment the binary runs with.
pub struct Env {
    /// The folder (deleted at the end).
    pub dir: tempfile::TempDir,
    vars: Vec<(String, String)>,
}

impl Default for Env {
    fn default() -> Self {
        Self::new()
    }
}

impl Env {
    /// A fresh folder, and an environment without any CESIZEN_* variable.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
            vars: Vec::new(),
        }
    }

    /// A path inside the folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file inside the folder and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }

    /// Sets an environment variable for later runs.
    pub fn var(&mut self, name: &str, value: &str) {
        self.vars.push((name.to_owned(), value.to_owned()));
    }

    /// Runs `cesizen args…` in the folder with no input.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_input(args, None)
    }

    /// Runs `cesizen args…` in the folder, feeding `input` to standard input.
    pub fn run_with_input(&self, args: &[&str], input: Option<&[u8]>) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cesizen"));
        command.args(args).current_dir(self.dir.path());
        for name in [
            "CESIZEN_ROOT_KEY",
            "CESIZEN_ROOT_KEY_FILE",
            "CESIZEN_KEYRING",
            "RUST_BACKTRACE",
        ] {
            command.env_remove(name);
        }
        for (name, value) in &self.vars {
            command.env(name, value);
        }
        command
            .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("the binary starts");
        if let Some(input) = input {
            let mut stdin = child.stdin.take().expect("stdin");
            let input = input.to_vec();
            // A writer thread, so that a large input and a large output cannot deadlock on full pipes.
            std::thread::spawn(move || {
                let _ = stdin.write_all(&input);
            });
        }
        let out = child.wait_with_output().expect("the binary ends");
        Run {
            code: out.status.code().expect("exited, not killed"),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            bytes: out.stdout,
        }
    }

    /// Creates a keyring `keyring.czk` with a new root key file `root.key`; returns the root key's text.
    pub fn keyring(&self) -> String {
        self.run(&[
            "keys",
            "init",
            "--keyring",
            "keyring.czk",
            "--root-key-file",
            "root.key",
            "--create-root-key",
        ])
        .ok();
        std::fs::read_to_string(self.path("root.key"))
            .expect("root key")
            .trim()
            .to_owned()
    }
}

/// The flags naming the keyring of [`Env::keyring`].
pub const KEYRING: [&str; 4] = ["--keyring", "keyring.czk", "--root-key-file", "root.key"];

/// `args` followed by the keyring flags.
pub fn with_keyring<'a>(args: &[&'a str]) -> Vec<&'a str> {
    args.iter().copied().chain(KEYRING).collect()
}

/// Whether `path` exists.
pub fn exists(path: &Path) -> bool {
    path.exists()
}
