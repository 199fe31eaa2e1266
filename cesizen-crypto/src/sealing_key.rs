//! A key that seals messages under random nonces, and counts them.
//!
//! With random 96-bit nonces, NIST SP 800-38D §8.3 caps one key at 2^32 messages (the chance of a repeated nonce
//! then stays below 2^-32). Each [`SealingKey`] counts the messages it sealed and refuses past its limit, which
//! defaults to [`DEFAULT_MESSAGE_LIMIT`] = 2^30: a quarter of the ceiling, leaving room for messages sealed by
//! other processes holding a copy of the same key.

use core::sync::atomic::{AtomicU64, Ordering};

use crate::cipher::Cipher;
use crate::secret::KEY_LEN;
use crate::{Error, KeyId, Result};

/// The default per-key message limit: 2^30, well below the 2^32 of NIST SP 800-38D.
pub const DEFAULT_MESSAGE_LIMIT: u64 = 1 << 30;
/// The highest message limit a key may be given: 2^32 (NIST SP 800-38D §8.3, random 96-bit nonces).
pub const MAX_MESSAGE_LIMIT: u64 = 1 << 32;

const _: () = assert!(DEFAULT_MESSAGE_LIMIT < MAX_MESSAGE_LIMIT);

/// Checks a configured message limit.
pub(crate) fn check_message_limit(limit: u64) -> Result<u64> {
    if (1..=MAX_MESSAGE_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(Error::MessageLimitInvalid)
    }
}

/// An AES-256-GCM key with its id, its message counter and its limit.
pub(crate) struct SealingKey {
    id: KeyId,
    cipher: Cipher,
    sealed: AtomicU64,
    limit: u64,
}

impl SealingKey {
    /// A key that has already sealed `sealed` messages (as recorded in a keyring file) and may seal up to `limit`.
    pub(crate) fn new(id: KeyId, key: &[u8; KEY_LEN], sealed: u64, limit: u64) -> Self {
        Self {
            id,
            cipher: Cipher::new(key),
            sealed: AtomicU64::new(sealed),
            limit,
        }
    }

    /// The key's id.
    pub(crate) const fn id(&self) -> KeyId {
        self.id
    }

    /// The expanded key.
    pub(crate) const fn cipher(&self) -> &Cipher {
        &self.cipher
    }

    /// Messages sealed so far.
    pub(crate) fn sealed(&self) -> u64 {
        self.sealed.load(Ordering::Relaxed)
    }

    /// The limit.
    pub(crate) const fn limit(&self) -> u64 {
        self.limit
    }

    /// Changes the limit (already checked by the caller).
    pub(crate) const fn set_limit(&mut self, limit: u64) {
        self.limit = limit;
    }

    /// Counts one more message, or refuses when the limit is reached (the count then stays unchanged: at the
    /// limit, or past it when the key resumed from such a count).
    pub(crate) fn count_message(&self) -> Result<()> {
        self.sealed
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                // `n + 1` only under the limit: a resumed count may be anything, up to `u64::MAX`.
                if n < self.limit { Some(n + 1) } else { None }
            })
            .map(|_| ())
            .map_err(|_| Error::KeyLimitReached(self.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_up_to_the_limit_then_refuses_with_a_clear_error() {
        let key = SealingKey::new(KeyId::new(5), &[1; 32], 0, 3);
        for _ in 0..3 {
            key.count_message().expect("under the limit");
        }
        let err = key.count_message().expect_err("past the limit");
        assert_eq!(err.code(), "crypto.key.limit_reached");
        assert_eq!(key.sealed(), 3);
    }

    #[test]
    fn resumes_from_a_recorded_count() {
        let key = SealingKey::new(KeyId::new(5), &[1; 32], 9, 10);
        key.count_message().expect("the tenth");
        assert!(key.count_message().is_err());
    }

    #[test]
    fn limits_outside_one_to_two_pow_32_are_rejected() {
        assert!(check_message_limit(0).is_err());
        assert!(check_message_limit(MAX_MESSAGE_LIMIT + 1).is_err());
        assert_eq!(check_message_limit(1).ok(), Some(1));
        assert_eq!(check_message_limit(MAX_MESSAGE_LIMIT).ok(), Some(MAX_MESSAGE_LIMIT));
    }
}
