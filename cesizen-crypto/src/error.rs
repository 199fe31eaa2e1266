//! The crate's one error type. Every variant has a stable machine code ([`Error::code`]) that every binding
//! exposes, so user interfaces translate codes, not messages. Messages never contain user data or key material.

use crate::KeyId;

/// Everything that can go wrong in `cesizen-crypto`.
///
/// Decryption says as little as possible on purpose: a wrong key, a wrong context, a flipped bit, a truncated
/// or reordered stream all give the same [`Error::DecryptFailed`], so no error message can serve as an oracle.
/// The errors that do carry detail ([`Error::KeyNotFound`], [`Error::EnvelopeMalformed`], …) are decided from
/// public bytes (the header) or from the caller's own inputs, never from a secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Authentication failed: wrong key, wrong context, or data that was modified, truncated, reordered,
    /// spliced or duplicated. Deliberately nothing more.
    #[error("decryption failed")]
    DecryptFailed,
    /// The bytes are not an envelope (too short, bad text encoding, wrong length for what they should hold).
    #[error("the envelope is malformed")]
    EnvelopeMalformed,
    /// The first byte names a format version this build does not know.
    #[error("unsupported format version {0}")]
    VersionUnsupported(u8),
    /// No key with this id: not in the keyring, or not the data key the envelope names.
    #[error("no key with id {0}")]
    KeyNotFound(KeyId),
    /// The key exists but is disabled: re-enable it to use it again.
    #[error("key {0} is disabled")]
    KeyDisabled(KeyId),
    /// The key was destroyed: what it protected is gone for good (this is how crypto-shredding works).
    #[error("key {0} is destroyed")]
    KeyDestroyed(KeyId),
    /// The key has sealed as many messages as its limit allows (random 96-bit nonces, NIST SP 800-38D):
    /// rotate to a new key.
    #[error("key {0} reached its message limit; rotate to a new key")]
    KeyLimitReached(KeyId),
    /// The primary key cannot be disabled or destroyed: promote another key first.
    #[error("key {0} is the primary key")]
    KeyIsPrimary(KeyId),
    /// Only a disabled key can be destroyed: disable it first, check nothing still needs it, then destroy.
    #[error("key {0} is still enabled; disable it before destroying it")]
    KeyStillEnabled(KeyId),
    /// A key with this id is already in the keyring.
    #[error("key {0} already exists")]
    KeyExists(KeyId),
    /// The keyring has used every key id (2^32 − 1 of them).
    #[error("the keyring has no key id left")]
    KeyringFull,
    /// A sealed keyring file opened but its content is not a valid keyring.
    #[error("the keyring file is malformed")]
    KeyringMalformed,
    /// A message limit must be between 1 and 2^32 (NIST SP 800-38D).
    #[error("the message limit must be between 1 and 2^32")]
    MessageLimitInvalid,
    /// The root secret's text form is not 32 bytes in unpadded base64url.
    #[error("the root secret is not 32 bytes in unpadded base64url")]
    RootSecretInvalid,
    /// A pseudonymisation secret's text form is not 32 bytes in unpadded base64url.
    #[error("the pseudonymisation secret is not 32 bytes in unpadded base64url")]
    PseudonymSecretInvalid,
    /// A context part (user id, record id, field name) is longer than [`crate::MAX_CONTEXT_PART_LEN`] bytes.
    #[error("a context part is longer than the limit")]
    ContextTooLong,
    /// The context names another user than the data key belongs to: each user's data is sealed under that
    /// user's key only, or crypto-shredding would not erase it.
    #[error("the context names another user than the data key's")]
    ContextUserMismatch,
    /// A pseudonymisation domain must be 1 to 64 bytes of `a-z`, `0-9`, `.`, `_` or `-`.
    #[error("invalid pseudonymisation domain")]
    PseudonymDomainInvalid,
    /// An input is longer than the format can carry (2^32 − 1 bytes for a pseudonymised value, 2^36 − 32 for
    /// an AES-GCM message).
    #[error("the input is too long")]
    InputTooLong,
    /// A backup stream's header is missing or cut short.
    #[error("the stream header is malformed")]
    StreamMalformed,
    /// A backup stream would need more than 2^32 segments (256 TiB).
    #[error("the stream is longer than 2^32 segments")]
    StreamTooLong,
    /// The operating system's random number generator failed.
    #[error("the operating system's random number generator is unavailable")]
    RandomUnavailable,
    /// Reading or writing the underlying stream failed.
    #[error("input/output failed")]
    Io(#[source] std::io::Error),
    /// An epoch policy with a zero epoch, or one whose epoch plus backup retention does not fit in time.
    #[error("the key epoch must be longer than zero and the epoch plus the backup retention must fit in time")]
    EpochPolicyInvalid,
    /// Key-encryption key versions that cannot be a custody's history: none, an id twice, or a version created
    /// before the one it follows.
    #[error("the key custody's versions are invalid")]
    CustodyInvalid,
}

impl Error {
    /// The stable machine code of this error, e.g. `"crypto.decrypt.failed"`. A released code never changes.
    pub fn code(&self) -> &'static str {
        match self {
            Self::DecryptFailed => "crypto.decrypt.failed",
            Self::EnvelopeMalformed => "crypto.envelope.malformed",
            Self::VersionUnsupported(_) => "crypto.version.unsupported",
            Self::KeyNotFound(_) => "crypto.key.not_found",
            Self::KeyDisabled(_) => "crypto.key.disabled",
            Self::KeyDestroyed(_) => "crypto.key.destroyed",
            Self::KeyLimitReached(_) => "crypto.key.limit_reached",
            Self::KeyIsPrimary(_) => "crypto.key.is_primary",
            Self::KeyStillEnabled(_) => "crypto.key.still_enabled",
            Self::KeyExists(_) => "crypto.key.exists",
            Self::KeyringFull => "crypto.keyring.full",
            Self::KeyringMalformed => "crypto.keyring.malformed",
            Self::MessageLimitInvalid => "crypto.keyring.limit_invalid",
            Self::RootSecretInvalid => "crypto.root_secret.invalid",
            Self::PseudonymSecretInvalid => "crypto.pseudonym.secret_invalid",
            Self::ContextTooLong => "crypto.context.too_long",
            Self::ContextUserMismatch => "crypto.context.user_mismatch",
            Self::PseudonymDomainInvalid => "crypto.pseudonym.domain_invalid",
            Self::InputTooLong => "crypto.input.too_long",
            Self::StreamMalformed => "crypto.stream.malformed",
            Self::StreamTooLong => "crypto.stream.too_long",
            Self::RandomUnavailable => "crypto.random.unavailable",
            Self::Io(_) => "crypto.io.failed",
            Self::EpochPolicyInvalid => "crypto.epoch.policy_invalid",
            Self::CustodyInvalid => "crypto.custody.invalid",
        }
    }

    /// The crate error carried by an [`std::io::Error`] returned from a stream adapter, if any.
    ///
    /// [`crate::StreamReader`] and [`crate::StreamWriter`] implement `std::io::Read` / `Write`, whose errors
    /// are `std::io::Error`; a decryption failure travels inside one with kind `InvalidData`.
    ///
    /// ```
    /// use cesizen_crypto::Error;
    /// let io: std::io::Error = Error::DecryptFailed.into();
    /// assert_eq!(Error::from_io(&io).map(Error::code), Some("crypto.decrypt.failed"));
    /// ```
    pub fn from_io(err: &std::io::Error) -> Option<&Error> {
        err.get_ref().and_then(|inner| inner.downcast_ref::<Error>())
    }
}

/// An I/O error that carries a crate error (as the stream adapters return) converts back to that error, so `?`
/// keeps the stable code; any other I/O error becomes [`Error::Io`].
impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        if !err.get_ref().is_some_and(|inner| inner.is::<Error>()) {
            return Self::Io(err);
        }
        let kind = err.kind();
        match err.into_inner().map(|inner| inner.downcast::<Error>()) {
            Some(Ok(inner)) => *inner,
            Some(Err(other)) => Self::Io(std::io::Error::new(kind, other)),
            None => Self::Io(kind.into()),
        }
    }
}

impl From<Error> for std::io::Error {
    fn from(err: Error) -> Self {
        match err {
            Error::Io(io) => io,
            other => std::io::Error::new(std::io::ErrorKind::InvalidData, other),
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// The error code of a result, or `"ok"`: keeps test assertions on codes short.
#[cfg(test)]
pub(crate) fn code_of<T>(result: Result<T>) -> &'static str {
    result.map_or_else(|e| e.code(), |_| "ok")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_dotted_lowercase_and_unique() {
        let id = KeyId::new(7);
        let all = [
            Error::DecryptFailed,
            Error::EnvelopeMalformed,
            Error::VersionUnsupported(9),
            Error::KeyNotFound(id),
            Error::KeyDisabled(id),
            Error::KeyDestroyed(id),
            Error::KeyLimitReached(id),
            Error::KeyIsPrimary(id),
            Error::KeyStillEnabled(id),
            Error::KeyExists(id),
            Error::KeyringFull,
            Error::KeyringMalformed,
            Error::MessageLimitInvalid,
            Error::RootSecretInvalid,
            Error::PseudonymSecretInvalid,
            Error::ContextTooLong,
            Error::ContextUserMismatch,
            Error::PseudonymDomainInvalid,
            Error::InputTooLong,
            Error::StreamMalformed,
            Error::StreamTooLong,
            Error::RandomUnavailable,
            Error::Io(std::io::Error::other("x")),
        ];
        let mut codes: Vec<_> = all.iter().map(Error::code).collect();
        for code in &codes {
            assert!(code.starts_with("crypto."), "{code}");
            assert_eq!(code.split('.').count(), 3, "{code}");
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'),
                "{code}"
            );
        }
        let before = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), before, "codes must be unique");
    }

    #[test]
    fn io_round_trip_keeps_the_code_and_plain_io_errors_stay_io() {
        let io: std::io::Error = Error::KeyDestroyed(KeyId::new(3)).into();
        assert_eq!(io.kind(), std::io::ErrorKind::InvalidData);
        assert_eq!(Error::from_io(&io).map(Error::code), Some("crypto.key.destroyed"));
        let plain: std::io::Error = Error::Io(std::io::Error::from(std::io::ErrorKind::BrokenPipe)).into();
        assert_eq!(plain.kind(), std::io::ErrorKind::BrokenPipe);
        assert!(Error::from_io(&plain).is_none());
        assert_eq!(Error::from(plain).code(), "crypto.io.failed");
        let carried: std::io::Error = Error::DecryptFailed.into();
        assert_eq!(Error::from(carried).code(), "crypto.decrypt.failed");
    }

    #[test]
    fn messages_carry_no_secret_detail() {
        assert_eq!(Error::DecryptFailed.to_string(), "decryption failed");
        assert_eq!(Error::KeyDisabled(KeyId::new(4)).to_string(), "key 4 is disabled");
    }
}
