//! The typed context bound into every envelope's associated data.
//!
//! A ciphertext is only valid where it was written: sealed for user `u`, record `r`, field `f`, it fails to
//! open anywhere else. The context names that place. Its bytes are a sequence of length-prefixed parts
//! (`u32` big-endian length, then the UTF-8 bytes), starting with the kind's label:
//!
//! | kind | parts |
//! |---|---|
//! | [`ContextKind::User`] | `"user"`, user id |
//! | [`ContextKind::Record`] | `"record"`, user id, record id |
//! | [`ContextKind::Field`] | `"field"`, user id, record id, field name |
//! | [`ContextKind::DataKey`] | `"data-key"`, user id (a user's wrapped data key; built by the keyring only) |
//!
//! The associated data of an envelope is its 5 header bytes followed by these bytes. Length prefixes make the
//! encoding injective: `field("ab", "c", …)` and `field("a", "bc", …)` never collide.

use core::fmt;
use core::ops::Range;

use crate::encoding::push_length_prefixed;
use crate::{Error, Result};

/// The longest context part (user id, record id, field name), in bytes. Parts are identifiers, not data:
/// the limit catches a plaintext passed as a context by mistake.
pub const MAX_CONTEXT_PART_LEN: usize = 1024;

/// What a [`Context`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ContextKind {
    /// Data about a user as a whole.
    User,
    /// One record of a user (a journal entry, a practice session).
    Record,
    /// One field of one record of a user (the usual case: emotional data is encrypted field by field).
    Field,
    /// A user's data key, wrapped by a keyring key.
    DataKey,
}

impl ContextKind {
    /// The label that starts the encoded context.
    pub const fn label(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Record => "record",
            Self::Field => "field",
            Self::DataKey => "data-key",
        }
    }
}

/// Where a ciphertext belongs: bound into its associated data so it cannot be moved.
///
/// ```
/// use cesizen_crypto::{Context, ContextKind};
/// let ctx = Context::field("0190c0de-user", "0190c0de-entry", "note")?;
/// assert_eq!(ctx.kind(), ContextKind::Field);
/// assert_eq!(ctx.user_id(), "0190c0de-user");
/// assert_eq!(&ctx.as_bytes()[..9], b"\0\0\0\x05field");
/// # Ok::<(), cesizen_crypto::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Context {
    kind: ContextKind,
    encoded: Vec<u8>,
    user: Range<usize>,
}

impl Context {
    /// Data about `user` as a whole.
    ///
    /// # Errors
    /// [`Error::ContextTooLong`] when a part is longer than [`MAX_CONTEXT_PART_LEN`] bytes.
    pub fn user(user: &str) -> Result<Self> {
        Self::build(ContextKind::User, user, &[])
    }

    /// Record `record` of `user`.
    ///
    /// # Errors
    /// [`Error::ContextTooLong`] when a part is longer than [`MAX_CONTEXT_PART_LEN`] bytes.
    pub fn record(user: &str, record: &str) -> Result<Self> {
        Self::build(ContextKind::Record, user, &[record])
    }

    /// Field `field` of record `record` of `user`.
    ///
    /// # Errors
    /// [`Error::ContextTooLong`] when a part is longer than [`MAX_CONTEXT_PART_LEN`] bytes.
    pub fn field(user: &str, record: &str, field: &str) -> Result<Self> {
        Self::build(ContextKind::Field, user, &[record, field])
    }

    /// The data key of `user` (only the keyring wraps data keys).
    pub(crate) fn data_key(user: &str) -> Result<Self> {
        Self::build(ContextKind::DataKey, user, &[])
    }

    fn build(kind: ContextKind, user: &str, rest: &[&str]) -> Result<Self> {
        if user.len() > MAX_CONTEXT_PART_LEN || rest.iter().any(|part| part.len() > MAX_CONTEXT_PART_LEN) {
            return Err(Error::ContextTooLong);
        }
        let label = kind.label();
        let capacity = 4 * (2 + rest.len()) + label.len() + user.len() + rest.iter().map(|p| p.len()).sum::<usize>();
        let mut encoded = Vec::with_capacity(capacity);
        push_length_prefixed(&mut encoded, label.as_bytes())?;
        push_length_prefixed(&mut encoded, user.as_bytes())?;
        let user_end = encoded.len();
        for part in rest {
            push_length_prefixed(&mut encoded, part.as_bytes())?;
        }
        Ok(Self {
            kind,
            encoded,
            user: user_end - user.len()..user_end,
        })
    }

    /// What the context names.
    pub const fn kind(&self) -> ContextKind {
        self.kind
    }

    /// The user the context belongs to.
    pub fn user_id(&self) -> &str {
        // The range was cut around a `&str` at construction.
        core::str::from_utf8(self.user_bytes()).unwrap_or_default()
    }

    /// The user id's bytes (no UTF-8 check: the hot path of every seal compares them).
    pub(crate) fn user_bytes(&self) -> &[u8] {
        &self.encoded[self.user.clone()]
    }

    /// The encoded context: the bytes that follow the envelope header in the associated data.
    pub fn as_bytes(&self) -> &[u8] {
        &self.encoded
    }
}

/// Shows the kind only: identifiers stay out of logs.
impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn field_context_layout_is_the_documented_one() {
        let ctx = Context::field("u", "r1", "note").expect("short parts");
        let mut expected = Vec::new();
        for part in ["field", "u", "r1", "note"] {
            expected.extend_from_slice(&(part.len() as u32).to_be_bytes());
            expected.extend_from_slice(part.as_bytes());
        }
        assert_eq!(ctx.as_bytes(), expected);
        assert_eq!(ctx.user_id(), "u");
    }

    #[test]
    fn kinds_do_not_collide_on_the_same_user() {
        let user = Context::user("u").expect("ok");
        let key = Context::data_key("u").expect("ok");
        assert_ne!(user.as_bytes(), key.as_bytes());
        assert_eq!(key.kind().label(), "data-key");
    }

    #[test]
    fn parts_longer_than_the_limit_are_rejected() {
        let long = "x".repeat(MAX_CONTEXT_PART_LEN + 1);
        let at_limit = "x".repeat(MAX_CONTEXT_PART_LEN);
        assert_eq!(
            Context::user(&long).map(|_| ()).map_err(|e| e.code()),
            Err("crypto.context.too_long")
        );
        assert!(Context::field("u", "r", &long).is_err());
        assert!(Context::field(&at_limit, &at_limit, &at_limit).is_ok());
    }

    #[test]
    fn debug_does_not_print_identifiers() {
        let ctx = Context::field("alice@example.org", "r", "note").expect("ok");
        assert!(!format!("{ctx:?}").contains("alice"));
    }

    proptest! {
        #[test]
        fn encoding_is_injective(a in proptest::collection::vec(".{0,6}", 3), b in proptest::collection::vec(".{0,6}", 3)) {
            let ca = Context::field(&a[0], &a[1], &a[2]).expect("short");
            let cb = Context::field(&b[0], &b[1], &b[2]).expect("short");
            prop_assert_eq!(a == b, ca.as_bytes() == cb.as_bytes());
        }

        #[test]
        fn user_id_round_trips(user in ".{0,40}", record in ".{0,10}") {
            let ctx = Context::record(&user, &record).expect("short");
            prop_assert_eq!(ctx.user_id(), user.as_str());
        }
    }
}
