//! The crate's one error type, with a stable machine code per variant.
//!
//! Codes follow the SDK's one scheme (`cesizen_core::code`): `gdpr.<subject>.<problem>` for the failures only
//! this crate has, the shared areas (`config.*`, `validation.*`, `system.*`) for those every crate has alike. A
//! released code never changes meaning; a renamed one stays readable through `cesizen_core::code::canonical`.
//! User interfaces translate codes, not messages. Messages never contain personal data (no e-mail, no note, no name): at most a configuration field
//! path, a record position or a state name.

use chrono::{DateTime, Utc};

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in `cesizen-gdpr`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A configuration value is out of range or inconsistent; `field` is its dotted path.
    #[error("configuration field `{field}`: {reason}")]
    ConfigInvalid {
        /// Dotted path of the offending field, e.g. `retention.accounts.noticeBefore`.
        field: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// The configuration text could not be parsed (syntax, unknown or misspelt field, wrong type); the message
    /// comes from the parser and names the field.
    #[error("configuration is malformed: {0}")]
    ConfigMalformed(String),
    /// A period text such as `"24 months"` could not be parsed.
    #[error("a period must read `<n> hours`, `<n> days` or `<n> months`")]
    PeriodInvalid,
    /// A date computation left chrono's representable range.
    #[error("the date is out of the representable range")]
    TimeOutOfRange,
    /// An identifier is not a hyphenated, non-nil UUID.
    #[error("the identifier is not a hyphenated non-nil UUID")]
    IdInvalid,
    /// The operating system's random number generator failed.
    #[error("the system random number generator is unavailable")]
    EntropyUnavailable,
    /// An event is dated before the previous event of the same record.
    #[error("an event cannot be dated before the previous one")]
    TimeRegression,

    /// The request is not in a state that allows this transition.
    #[error("a data-subject request cannot go from `{from}` by `{transition}`")]
    RequestIllegalTransition {
        /// The state the request is in.
        from: &'static str,
        /// The transition that was refused.
        transition: &'static str,
    },
    /// The request cannot be completed or processed before the requester's identity is verified.
    #[error("the requester's identity has not been verified")]
    RequestIdentityUnverified,
    /// Art. 12(3): the extension was already used once.
    #[error("the deadline of this request was already extended")]
    RequestAlreadyExtended,
    /// Art. 12(3): the person must be told of the extension within the first month.
    #[error("an extension must be notified within the first month")]
    RequestExtensionLate,
    /// Art. 12(4): a refusal must tell the person about the complaint to the authority and judicial remedy.
    #[error("a refusal must inform the person of the right to complain and to a judicial remedy")]
    RequestRefusalIncomplete,
    /// The refusal reason does not apply to this kind of request.
    #[error("this refusal reason does not apply to this kind of request")]
    RequestRefusalReasonInapplicable,

    /// The audit trail does not verify: the entry at `index` (0-based) is the first broken link.
    #[error("the audit trail is broken at entry {index}")]
    AuditBroken {
        /// Position of the first entry whose link or hash does not verify.
        index: u64,
    },
    /// An audit detail key or value is not allowed (empty key, control characters, too long).
    #[error("an audit entry field is invalid")]
    AuditFieldInvalid,
    /// An audit action code names no [`crate::audit::AuditAction`].
    #[error("the audit action is not one the trail records")]
    AuditActionUnknown,

    /// A consent text version must be 1–64 characters of `A-Z a-z 0-9 . _ -`.
    #[error("a consent text version must be 1-64 characters of letters, digits, '.', '_' or '-'")]
    ConsentTextVersionInvalid,
    /// Art. 9(2)(a): special-category data needs explicit consent.
    #[error("this purpose covers health data and requires explicit consent")]
    ConsentExplicitRequired,
    /// Consent can only be withdrawn when it is currently given.
    #[error("consent cannot be withdrawn: it is not currently given")]
    ConsentNotGiven,

    /// The breach is not in a state that allows this step.
    #[error("breach register: `{step}` is not allowed now")]
    BreachIllegalStep {
        /// The step that was refused.
        step: &'static str,
    },
    /// Art. 33(1): a notification after 72 hours must give the reasons for the delay.
    #[error("a notification after 72 hours must give the reasons for the delay")]
    BreachDelayReasonMissing,
    /// A breach record field is invalid (empty or over-long text, awareness before occurrence…).
    #[error("breach record field `{field}` is invalid")]
    BreachFieldInvalid {
        /// The offending field.
        field: &'static str,
    },

    /// A record handed to the export belongs to another user.
    #[error("a record handed to the export belongs to another user")]
    ExportForeignRecord,
    /// An encrypted field of the export could not be decrypted.
    #[error("an encrypted field could not be decrypted for the export")]
    ExportDecryptFailed,
    /// The sink refused the export bytes.
    #[error("the export could not be written: {0:?}")]
    ExportWrite(std::io::ErrorKind),
    /// An export document is not a valid version-1 export of one person.
    #[error("the document is not a valid export")]
    ExportInvalid,
    /// Sections were written out of order or after the document was finished.
    #[error("export sections must be written in order, once, before finishing")]
    ExportOutOfOrder,

    /// A record could not be sealed (it could not be encoded, or the data key refused for another reason than
    /// its message limit).
    #[error("the record could not be sealed")]
    SealFailed,
    /// The data key refused to seal: it has sealed as many messages as its limit allows. Retrying cannot
    /// help; the user needs a new data key.
    #[error("data key {key} has reached its message limit")]
    SealKeyLimitReached {
        /// The refusing data key's id (the one written in its envelopes).
        key: cesizen_crypto::KeyId,
    },
    /// The erasure could not destroy the user's data key.
    #[error("the user's data key could not be destroyed")]
    ErasureKeyNotDestroyed,
    /// The erasure plan was not fully executed; the certificate cannot be issued.
    #[error("erasure step `{category}` was not executed")]
    ErasureIncomplete {
        /// The category still to be erased.
        category: &'static str,
    },
    /// The erased data key would stay recoverable past the request's erasure deadline: the last key-encryption
    /// key that wrapped it is destroyed only at `unrecoverable_by`, after `deadline`.
    #[error("the erased key stays recoverable until {unrecoverable_by}, after the erasure deadline {deadline}")]
    ErasureShreddingTooLate {
        /// When the caller's key custody destroys the wrapping key-encryption key.
        unrecoverable_by: DateTime<Utc>,
        /// The erasure deadline it misses (for the legal deadline, the first instant that misses it).
        deadline: DateTime<Utc>,
    },

    /// The anonymisation parameters are invalid (k < 2, l < 1 or l > k…).
    #[error("anonymisation parameter `{field}` is invalid")]
    AnonymiseParameterInvalid {
        /// The offending parameter.
        field: &'static str,
    },
    /// The keyed pseudonymiser failed.
    #[error("the pseudonymiser failed")]
    PseudonymFailed,
}

impl Error {
    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::ConfigInvalid { .. } => "config.value.invalid",
            Error::ConfigMalformed(_) => "config.syntax.invalid",
            Error::PeriodInvalid => "config.period.invalid",
            Error::TimeOutOfRange => "gdpr.time.out_of_range",
            Error::TimeRegression => "gdpr.time.regression",
            Error::IdInvalid => "validation.id.invalid",
            Error::EntropyUnavailable => "system.entropy.unavailable",
            Error::RequestIllegalTransition { .. } => "gdpr.request.illegal_transition",
            Error::RequestIdentityUnverified => "gdpr.request.identity_unverified",
            Error::RequestAlreadyExtended => "gdpr.request.already_extended",
            Error::RequestExtensionLate => "gdpr.request.extension_late",
            Error::RequestRefusalIncomplete => "gdpr.request.refusal_incomplete",
            Error::RequestRefusalReasonInapplicable => "gdpr.request.refusal_reason_inapplicable",
            Error::AuditBroken { .. } => "gdpr.audit.broken",
            Error::AuditFieldInvalid => "gdpr.audit.field_invalid",
            Error::AuditActionUnknown => "gdpr.audit.action_unknown",
            Error::ConsentTextVersionInvalid => "gdpr.consent.text_version_invalid",
            Error::ConsentExplicitRequired => "gdpr.consent.explicit_required",
            Error::ConsentNotGiven => "gdpr.consent.not_given",
            Error::BreachIllegalStep { .. } => "gdpr.breach.illegal_step",
            Error::BreachDelayReasonMissing => "gdpr.breach.delay_reason_missing",
            Error::BreachFieldInvalid { .. } => "gdpr.breach.field_invalid",
            Error::ExportForeignRecord => "gdpr.export.foreign_record",
            Error::ExportDecryptFailed => "gdpr.export.decrypt_failed",
            Error::ExportWrite(_) => "gdpr.export.write_failed",
            Error::ExportInvalid => "gdpr.export.invalid",
            Error::ExportOutOfOrder => "gdpr.export.out_of_order",
            Error::SealFailed => "gdpr.sealed.seal_failed",
            Error::SealKeyLimitReached { .. } => "gdpr.sealed.key_limit_reached",
            Error::ErasureKeyNotDestroyed => "gdpr.erasure.key_not_destroyed",
            Error::ErasureIncomplete { .. } => "gdpr.erasure.incomplete",
            Error::ErasureShreddingTooLate { .. } => "gdpr.erasure.shredding_too_late",
            Error::AnonymiseParameterInvalid { .. } => "gdpr.anonymise.parameter_invalid",
            Error::PseudonymFailed => "gdpr.anonymise.pseudonym_failed",
        }
    }

    /// The kind of failure (`cesizen_core::code`): what a caller decides from, never the code's prefix.
    pub fn kind(&self) -> cesizen_core::code::ErrorKind {
        match self {
            Error::ConfigInvalid { .. } | Error::ConfigMalformed(_) | Error::PeriodInvalid => {
                cesizen_core::code::ErrorKind::Config
            }
            Error::RequestIllegalTransition { .. } | Error::BreachIllegalStep { .. } => {
                cesizen_core::code::ErrorKind::Workflow
            }
            Error::EntropyUnavailable
            | Error::ExportWrite(_)
            | Error::SealFailed
            | Error::ErasureKeyNotDestroyed
            | Error::PseudonymFailed => cesizen_core::code::ErrorKind::System,
            _ => cesizen_core::code::ErrorKind::Validation,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::ExportWrite(e.kind())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_scheme() {
        let samples = [
            Error::ConfigInvalid {
                field: "x".into(),
                reason: "y",
            },
            Error::ConfigMalformed("m".into()),
            Error::PeriodInvalid,
            Error::AuditBroken { index: 3 },
            Error::ExportWrite(std::io::ErrorKind::Other),
            Error::ErasureIncomplete { category: "logs" },
            Error::SealKeyLimitReached { key: 1.into() },
            Error::ErasureShreddingTooLate {
                unrecoverable_by: DateTime::UNIX_EPOCH,
                deadline: DateTime::UNIX_EPOCH,
            },
        ];
        for e in samples {
            let code = e.code();
            assert!(cesizen_core::code::is_well_formed(code), "{code}");
            let area = code.split('.').next().unwrap_or_default();
            match e.kind() {
                cesizen_core::code::ErrorKind::Config => assert_eq!(area, "config", "{code}"),
                _ => assert_eq!(area, "gdpr", "{code}"),
            }
        }
    }
}
