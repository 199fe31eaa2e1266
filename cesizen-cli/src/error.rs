//! What a failed command tells the operator: what is wrong, what to do, and a stable code for scripts.
//!
//! Two exit codes carry the failure: 2 for bad usage (an unknown flag, a missing argument, a value that does not
//! parse: fix the command line) and 1 for an operation or a check that failed (a file that cannot be read, a
//! backup that does not decrypt, a target that was missed: fix the input or the system). The code is the SDK's
//! own code when a crate refused (`crypto.decrypt.failed`, `sla.service.unknown`) and a `cli.*` code otherwise.
//! Nothing here ever holds key material: messages are built from codes, paths and the operator's own arguments.

use std::fmt;
use std::path::Path;

/// Exit code of a failed operation or check.
pub const EXIT_FAILED: u8 = 1;
/// Exit code of bad usage (what clap also uses for its own errors).
pub const EXIT_USAGE: u8 = 2;

/// A failure, ready to be shown.
#[derive(Debug)]
pub struct CliError {
    exit: u8,
    code: &'static str,
    message: String,
    hint: Option<String>,
    reported: bool,
}

/// Shorthand for the commands' results.
pub type CliResult<T> = Result<T, CliError>;

impl CliError {
    /// A command line that cannot work as written (exit 2).
    pub fn usage(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            exit: EXIT_USAGE,
            code,
            message: message.into(),
            hint: None,
            reported: false,
        }
    }

    /// An operation or a check that failed (exit 1).
    pub fn failed(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            exit: EXIT_FAILED,
            code,
            message: message.into(),
            hint: None,
            reported: false,
        }
    }

    /// Adds what the operator can do about it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Marks a failed check whose result was already printed: with `--json`, no second JSON object follows.
    pub fn reported(mut self) -> Self {
        self.reported = true;
        self
    }

    /// Whether the command's result was already printed.
    pub fn is_reported(&self) -> bool {
        self.reported
    }

    /// The exit code.
    pub fn exit_code(&self) -> u8 {
        self.exit
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The hint, if any.
    pub fn hint_text(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    /// A crate error met while doing `what` (exit 1); the crate's code and message are kept.
    pub fn crypto(err: &cesizen_crypto::Error, what: &str) -> Self {
        Self::failed(err.code(), format!("{what}: {err}"))
    }

    /// An SLA crate error met while doing `what` (exit 1).
    pub fn sla(err: &cesizen_sla::SlaError, what: &str) -> Self {
        Self::failed(err.code(), format!("{what}: {err}"))
    }

    /// A GDPR crate error met while doing `what` (exit 1).
    pub fn gdpr(err: &cesizen_gdpr::Error, what: &str) -> Self {
        Self::failed(err.code(), format!("{what}: {err}"))
    }

    /// A plan refused while reading `what` (exit 1), with its `config.*` code and the field's path.
    pub fn plan(err: &cesizen_plan::PlanError, what: &str) -> Self {
        Self::failed(err.code(), format!("{what}: {err}"))
    }

    /// A file that could not be read.
    pub fn unreadable(path: &Path, err: &std::io::Error) -> Self {
        Self::failed(
            "cli.file.unreadable",
            format!("cannot read {}: {}", path.display(), io_reason(err)),
        )
        .hint("check the path and the file's permissions")
    }

    /// A file that could not be written.
    pub fn unwritable(path: &Path, err: &std::io::Error) -> Self {
        Self::failed(
            "cli.file.unwritable",
            format!("cannot write {}: {}", path.display(), io_reason(err)),
        )
        .hint("check that the folder exists, is writable and has room")
    }

    /// A stream (a file or standard output, named `name`) that could not be written.
    pub fn write_failed(name: &str, err: &std::io::Error) -> Self {
        Self::failed("cli.output.failed", format!("cannot write {name}: {}", io_reason(err)))
            .hint("check that the destination is writable and has room")
    }

    /// Input content that does not have the documented shape (exit 1): `at` says where (file and line).
    pub fn malformed(at: impl fmt::Display, detail: impl fmt::Display) -> Self {
        Self::failed("cli.input.malformed", format!("{at}: {detail}"))
    }
}

/// An I/O error's kind in words, without the OS's wording of paths.
pub fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::AlreadyExists => "it already exists".to_owned(),
        _ => err.to_string(),
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {} [{}]", self.message, self.code)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_display_names_the_problem_the_code_and_the_remedy() {
        let e = CliError::failed("cli.input.malformed", "outages.csv line 3: bad time").hint("write RFC 3339");
        assert_eq!(
            e.to_string(),
            "error: outages.csv line 3: bad time [cli.input.malformed]\n  hint: write RFC 3339"
        );
        assert_eq!(e.exit_code(), EXIT_FAILED);
        assert_eq!(CliError::usage("cli.args.invalid", "x").exit_code(), EXIT_USAGE);
    }

    #[test]
    fn crate_errors_keep_their_codes() {
        let e = CliError::crypto(&cesizen_crypto::Error::DecryptFailed, "opening the backup");
        assert_eq!(
            (e.code(), e.message()),
            ("crypto.decrypt.failed", "opening the backup: decryption failed")
        );
    }
}
