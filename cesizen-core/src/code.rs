//! The one scheme of stable error codes: what a code says, the typed kind of an error, and the aliases of codes
//! that were renamed.
//!
//! **Scheme.** A code is `<area>.<subject>.<reason>`: three lowercase `snake_case` segments, e.g.
//! `validation.email.invalid`, `gdpr.request.illegal_transition`. The area is one of two families:
//! - a *shared* area, for a failure that is the same whatever crate raises it: `validation` (a value refused by
//!   a rule), `workflow` (a move the state does not allow), `auth` (a credential refused), `config` (a
//!   configuration refused), `input` (a value a binding could not convert before any rule ran), `system` (the
//!   platform failed: entropy, storage), `internal` (a bug, caught at a boundary);
//! - a *domain* area, for a failure only one domain can have: `crypto`, `gdpr`, `sla`, `openslo`, `incident`,
//!   `kpi`, `alerting` (and, in the reference server, `http`, `restore`, `account`, `retention`, `conflict`).
//!
//! A failure two crates raise alike has one code (the id that is not a UUID is `validation.id.invalid` in
//! `cesizen-core` and `cesizen-gdpr`; a configuration that is not valid JSON is `config.syntax.invalid` in every
//! loader; a binding argument of the wrong shape is `input.argument.invalid` in wasm and UniFFI alike).
//!
//! **Kind.** The area is a name, never a category to parse: what a caller may decide from (the HTTP status of
//! the reference server, a retry) is the typed [`ErrorKind`] every error enum of the SDK returns from `kind()`.
//! So `workflow.ticket.malformed_history` is of kind [`ErrorKind::Validation`] (a refused history, not a refused
//! move), and no code is compared by prefix.
//!
//! **Aliases.** A released code keeps working after a rename: [`ALIASES`] maps every former code to its
//! canonical one, and [`canonical`] reads any code, former or current, as the current one. Whoever parses a code
//! back (a stored code, a translation table keyed by codes) passes it through [`canonical`] first.
//!
//! ```
//! use cesizen_core::code::{ErrorKind, canonical};
//! assert_eq!(canonical("gdpr.config.malformed"), "config.syntax.invalid");
//! assert_eq!(canonical("validation.email.invalid"), "validation.email.invalid");
//! let e = cesizen_core::user::Email::parse("not an address").unwrap_err();
//! assert_eq!((e.code(), e.kind()), ("validation.email.invalid", ErrorKind::Validation));
//! ```

/// What kind of failure an error is, whatever its code's area: the typed property callers decide from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A value, or a combination of values, is refused by a rule: the caller's input is wrong.
    Validation,
    /// The thing's current state does not allow this move (an illegal ticket or request transition).
    Workflow,
    /// A credential (a single-use token) is refused: wrong, expired, consumed or for another purpose.
    Auth,
    /// A configuration (rules file, retention settings) is refused; the error names the field.
    Config,
    /// A binding could not convert an argument before any rule ran (wrong type, bytes that are not text).
    Input,
    /// The platform failed (the random number generator, a sink): not the caller's fault, retrying may help.
    System,
    /// A bug of the SDK, caught at a boundary.
    Internal,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ErrorKind; 7] = [
        ErrorKind::Validation,
        ErrorKind::Workflow,
        ErrorKind::Auth,
        ErrorKind::Config,
        ErrorKind::Input,
        ErrorKind::System,
        ErrorKind::Internal,
    ];

    /// The kind's lowercase name, e.g. `"validation"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Workflow => "workflow",
            ErrorKind::Auth => "auth",
            ErrorKind::Config => "config",
            ErrorKind::Input => "input",
            ErrorKind::System => "system",
            ErrorKind::Internal => "internal",
        }
    }
}

impl core::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The codes of the bindings' conversion failures ([`ErrorKind::Input`]): one family for wasm and UniFFI, so the
/// same failure has the same code in every language. A binding-specific failure adds its code here.
pub mod input {
    /// An argument does not have the shape its declared type says (wrong type, `null`, a missing field).
    pub const ARGUMENT_INVALID: &str = "input.argument.invalid";
    /// Key material is not exactly 32 bytes.
    pub const KEY_LENGTH: &str = "input.key.invalid_length";
    /// The random bytes of an identifier are not exactly 10.
    pub const RANDOM_LENGTH: &str = "input.random.invalid_length";
    /// A plaintext opened as text is not UTF-8 (it was sealed as bytes).
    pub const PLAINTEXT_NOT_UTF8: &str = "input.plaintext.not_utf8";
}

/// The codes of failures that are bugs of a binding ([`ErrorKind::Internal`]), caught at its boundary.
pub mod internal {
    /// A panic inside the SDK.
    pub const PANIC: &str = "internal.panic";
    /// A result could not be converted for the foreign language.
    pub const OUTPUT_INVALID: &str = "internal.output.invalid";
}

/// Every renamed code, `(former, canonical)`, in the order of the renames. A former code is never emitted
/// again and never reused for another failure.
pub const ALIASES: &[(&str, &str)] = &[
    // cesizen-gdpr's configuration errors take the `config` area of every other loader.
    ("gdpr.config.invalid", "config.value.invalid"),
    ("gdpr.config.malformed", "config.syntax.invalid"),
    ("gdpr.config.period_invalid", "config.period.invalid"),
    // cesizen-gdpr's identifiers fail as cesizen-core's do.
    ("gdpr.id.invalid", "validation.id.invalid"),
    ("gdpr.id.entropy_unavailable", "system.entropy.unavailable"),
    // The wasm binding's conversion failures take the `input` / `internal` areas of the UniFFI binding.
    ("binding.input.invalid", "input.argument.invalid"),
    ("binding.plaintext.not_utf8", "input.plaintext.not_utf8"),
    ("binding.output.invalid", "internal.output.invalid"),
];

/// The current code for `code`: its canonical code when it is a former one ([`ALIASES`]), itself otherwise.
///
/// ```
/// use cesizen_core::code::canonical;
/// assert_eq!(canonical("binding.input.invalid"), "input.argument.invalid");
/// assert_eq!(canonical("crypto.decrypt.failed"), "crypto.decrypt.failed");
/// ```
pub fn canonical(code: &str) -> &str {
    ALIASES
        .iter()
        .find(|(former, _)| *former == code)
        .map_or(code, |(_, current)| current)
}

/// Whether `code` follows the scheme: three non-empty segments of `a-z`, `0-9` and `_`, separated by dots.
///
/// ```
/// use cesizen_core::code::is_well_formed;
/// assert!(is_well_formed("validation.email.invalid"));
/// assert!(!is_well_formed("Validation.email"));
/// ```
pub fn is_well_formed(code: &str) -> bool {
    let segments: Vec<&str> = code.split('.').collect();
    segments.len() == 3
        && segments.iter().all(|s| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_is_well_formed_and_resolves_to_a_current_code() {
        for (former, current) in ALIASES {
            assert!(is_well_formed(former), "{former}");
            assert!(is_well_formed(current), "{current}");
            assert_ne!(former, current);
            assert_eq!(canonical(former), *current);
            // A canonical code is never itself a former one: one lookup is enough.
            assert_eq!(canonical(current), *current, "{current} is itself renamed");
        }
    }

    #[test]
    fn a_former_code_is_listed_once() {
        let mut formers: Vec<&str> = ALIASES.iter().map(|(former, _)| *former).collect();
        formers.sort_unstable();
        formers.dedup();
        assert_eq!(formers.len(), ALIASES.len());
    }

    #[test]
    fn current_codes_pass_through() {
        assert_eq!(canonical("validation.email.invalid"), "validation.email.invalid");
        assert_eq!(canonical(""), "");
    }

    #[test]
    fn kinds_have_distinct_names() {
        let mut names: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ErrorKind::ALL.len());
        assert_eq!(ErrorKind::Workflow.to_string(), "workflow");
    }
}
