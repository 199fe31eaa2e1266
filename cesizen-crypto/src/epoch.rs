//! Key epochs: key-encryption keys (KEKs) that rotate on a schedule and are destroyed once no retained backup
//! needs them, so that an erasure reaches every copy of the data.
//!
//! Deleting a row does not delete its bytes: freed database pages, the WAL, dumps, replicas, backups and disk
//! snapshots keep an erased user's *wrapped* data key. Crypto-shredding is final only once no key the operator
//! holds can unwrap it, that is once the last KEK that ever wrapped it is destroyed. Hence the epochs:
//!
//! 1. every [`EpochPolicy::length`] the keyring gets a new primary KEK ([`crate::Keyring::begin_epoch`]), and
//!    every *surviving* data key is rewrapped under it ([`crate::Keyring::rewrap_data_key`]); an erased user's
//!    key, deleted from the live store, is never rewrapped;
//! 2. a KEK retired at instant `r` (when the next one became primary) protected the backups taken before `r`;
//!    it is destroyed at `r +` [`EpochPolicy::backup_retention`], when the last of those backups expires. That
//!    is also how backup retention is enforced cryptographically: an expired backup no longer opens.
//!
//! So a data key deleted at instant `e` while KEK `k` wrapped it is unrecoverable everywhere once `k` is
//! destroyed: at the latest `e + length + backup_retention` ([`EpochPolicy::shredding_bound`]), exactly at
//! [`EpochPolicy::destruction_due`]. The KEKs themselves must never be in the database or a backup, even
//! sealed: they live in key custody ([`crate::Keyring::seal_for_custody`]), outside the data.
//!
//! The module computes, the caller acts: it never reads the clock (every instant is a parameter) and never
//! touches storage.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use cesizen_crypto::{EpochPolicy, KekHistory, KekVersion, KeyId};
//!
//! const DAY: Duration = Duration::from_secs(86_400);
//! let policy = EpochPolicy::new(DAY, 7 * DAY)?; // daily epochs, backups kept a week
//! let t0 = SystemTime::UNIX_EPOCH + 20_000 * DAY;
//! let history = KekHistory::new(vec![
//!     KekVersion { id: KeyId::new(1), created_at: t0 },
//!     KekVersion { id: KeyId::new(2), created_at: t0 + DAY }, // the primary
//! ])?;
//!
//! // Half a day into epoch 2: nothing to do yet.
//! let turn = policy.plan(&history, t0 + DAY + DAY / 2);
//! assert!(!turn.rotate && turn.destroy.is_empty());
//! // Eight days after key 1 retired: a new epoch is due, and key 1 has outlived every backup it sealed.
//! let turn = policy.plan(&history, t0 + 9 * DAY);
//! assert!(turn.rotate);
//! assert_eq!(turn.destroy, vec![KeyId::new(1)]);
//!
//! // A user erased now, whose key key 2 wraps, is unrecoverable everywhere once key 2 is destroyed.
//! let erased_at = t0 + DAY + DAY / 2;
//! assert_eq!(policy.destruction_due(&history, KeyId::new(2), erased_at)?, t0 + 2 * DAY + 7 * DAY);
//! # Ok::<(), cesizen_crypto::Error>(())
//! ```

use std::time::{Duration, SystemTime};

use crate::{Error, KeyId, Result};

/// How often the KEKs rotate and how long backups are kept: together they bound how long an erased user's data
/// stays recoverable from old copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpochPolicy {
    length: Duration,
    backup_retention: Duration,
}

impl EpochPolicy {
    /// A policy of epochs of `length` (a new primary KEK each time) and backups kept `backup_retention`.
    ///
    /// # Errors
    /// [`Error::EpochPolicyInvalid`] for a zero `length`, or a sum that overflows a [`Duration`].
    pub fn new(length: Duration, backup_retention: Duration) -> Result<Self> {
        if length.is_zero() || length.checked_add(backup_retention).is_none() {
            return Err(Error::EpochPolicyInvalid);
        }
        Ok(Self {
            length,
            backup_retention,
        })
    }

    /// How long a KEK stays primary.
    pub const fn length(&self) -> Duration {
        self.length
    }

    /// How long a backup is kept (and so how long a retired KEK outlives its epoch).
    pub const fn backup_retention(&self) -> Duration {
        self.backup_retention
    }

    /// The longest an erased data key stays recoverable from some copy after its erasure, when the schedule is
    /// kept: one epoch (until its KEK retires) plus the backup retention (until that KEK is destroyed).
    pub fn shredding_bound(&self) -> Duration {
        // Checked in `new`.
        self.length.saturating_add(self.backup_retention)
    }

    /// What is due at `now`: a new epoch when the primary has served its length, and the destruction of every
    /// retired KEK whose backups have all expired (retired at least `backup_retention` ago). Apply `rotate`
    /// first: a primary that a due rotation retires at `now` is itself in `destroy` when the retention is zero.
    /// A primary is never destroyed otherwise.
    pub fn plan(&self, history: &KekHistory, now: SystemTime) -> EpochTurn {
        let primary = history.primary();
        let rotate = now >= add(primary.created_at, self.length);
        let mut destroy: Vec<KeyId> = history
            .0
            .windows(2)
            .filter(|pair| now >= add(pair[1].created_at, self.backup_retention))
            .map(|pair| pair[0].id)
            .collect();
        if rotate && self.backup_retention.is_zero() {
            destroy.push(primary.id);
        }
        EpochTurn { rotate, destroy }
    }

    /// The instant by which KEK `kek` is due for destruction, seen at `now` (an erasure's "unrecoverable by"
    /// when `kek` wraps the erased key): for a retired KEK, its retirement plus the backup retention; for the
    /// primary, the end of its epoch (or `now`, if the turn is overdue) plus the backup retention. Never before
    /// `now`: a destruction already due happens at the next turn.
    ///
    /// # Errors
    /// [`Error::KeyNotFound`] when `kek` is not in the history (it was destroyed, or never existed).
    pub fn destruction_due(&self, history: &KekHistory, kek: KeyId, now: SystemTime) -> Result<SystemTime> {
        let at = history.position(kek)?;
        let retired = match history.0.get(at + 1) {
            Some(next) => next.created_at,
            None => add(history.0[at].created_at, self.length).max(now),
        };
        Ok(add(retired, self.backup_retention).max(now))
    }
}

/// `at + d`, saturating far in the future (a policy's durations fit, an instant near the end of time does not
/// matter here).
fn add(at: SystemTime, d: Duration) -> SystemTime {
    at.checked_add(d).unwrap_or(at)
}

/// What an epoch turn must do, from [`EpochPolicy::plan`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct EpochTurn {
    /// Whether a new epoch begins: a new primary KEK, and every surviving data key rewrapped under it.
    pub rotate: bool,
    /// Retired KEKs to destroy in custody, by increasing id.
    pub destroy: Vec<KeyId>,
}

/// One KEK version as key custody knows it: its id and when it became primary (the start of its epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KekVersion {
    /// The key's id in the keyring.
    pub id: KeyId,
    /// When it was created and made primary.
    pub created_at: SystemTime,
}

/// The KEK versions a custody holds, by increasing id; the last one is the primary, and each version was
/// retired when the next one was created.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use cesizen_crypto::{KekHistory, KekVersion, KeyId};
/// let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_750_000_000);
/// let v = |id, s| KekVersion { id: KeyId::new(id), created_at: t + Duration::from_secs(s) };
/// assert!(KekHistory::new(vec![v(2, 60), v(1, 0)]).is_ok()); // any order: sorted by id
/// assert!(KekHistory::new(vec![v(1, 60), v(2, 0)]).is_err()); // a later key cannot be older
/// assert!(KekHistory::new(vec![]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KekHistory(Vec<KekVersion>);

impl KekHistory {
    /// The history of `versions`, sorted by id.
    ///
    /// # Errors
    /// [`Error::CustodyInvalid`] when there is no version, an id appears twice, id 0 (the root secret's) is
    /// used, or a version was created before the one with the next lower id.
    pub fn new(mut versions: Vec<KekVersion>) -> Result<Self> {
        versions.sort_by_key(|v| v.id);
        let ordered = versions
            .windows(2)
            .all(|pair| pair[0].id < pair[1].id && pair[0].created_at <= pair[1].created_at);
        if versions.is_empty() || !ordered || versions[0].id == KeyId::ROOT {
            return Err(Error::CustodyInvalid);
        }
        Ok(Self(versions))
    }

    /// Every version, by increasing id.
    pub fn versions(&self) -> &[KekVersion] {
        &self.0
    }

    /// The newest version: the primary.
    pub fn primary(&self) -> KekVersion {
        // Never empty (checked in `new`).
        self.0[self.0.len() - 1]
    }

    /// When `kek` was retired (the next version's creation), or `None` for the primary.
    ///
    /// # Errors
    /// [`Error::KeyNotFound`].
    pub fn retired_at(&self, kek: KeyId) -> Result<Option<SystemTime>> {
        let at = self.position(kek)?;
        Ok(self.0.get(at + 1).map(|next| next.created_at))
    }

    /// Whether the history holds `kek`.
    pub fn contains(&self, kek: KeyId) -> bool {
        self.position(kek).is_ok()
    }

    fn position(&self, kek: KeyId) -> Result<usize> {
        self.0
            .binary_search_by_key(&kek, |v| v.id)
            .map_err(|_| Error::KeyNotFound(kek))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);

    fn at(hours: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 + hours * 3600)
    }

    fn history(created: &[u64]) -> KekHistory {
        let versions = created
            .iter()
            .zip(1..)
            .map(|(h, id)| KekVersion {
                id: KeyId::new(id),
                created_at: at(*h),
            })
            .collect();
        KekHistory::new(versions).unwrap()
    }

    #[test]
    fn a_zero_epoch_or_an_overflowing_policy_is_refused() {
        assert_eq!(
            EpochPolicy::new(Duration::ZERO, HOUR).unwrap_err().code(),
            "crypto.epoch.policy_invalid"
        );
        assert!(EpochPolicy::new(Duration::MAX, HOUR).is_err());
        assert!(EpochPolicy::new(HOUR, Duration::ZERO).is_ok());
    }

    #[test]
    fn histories_with_duplicates_or_time_going_back_are_refused() {
        let v = |id, h| KekVersion {
            id: KeyId::new(id),
            created_at: at(h),
        };
        for bad in [vec![], vec![v(1, 0), v(1, 1)], vec![v(1, 5), v(2, 1)], vec![v(0, 0)]] {
            assert_eq!(KekHistory::new(bad).unwrap_err().code(), "crypto.custody.invalid");
        }
    }

    #[test]
    fn the_primary_turns_at_the_end_of_its_epoch_and_retired_keys_die_with_their_last_backup() {
        let policy = EpochPolicy::new(24 * HOUR, 7 * 24 * HOUR).unwrap();
        let h = history(&[0, 24, 48]);
        assert_eq!(policy.plan(&h, at(71)), EpochTurn::default());
        assert!(policy.plan(&h, at(72)).rotate);
        // Key 1 retired at hour 24: destroyed from hour 24 + 168.
        assert!(policy.plan(&h, at(191)).destroy.is_empty());
        assert_eq!(policy.plan(&h, at(192)).destroy, vec![KeyId::new(1)]);
        assert_eq!(policy.plan(&h, at(216)).destroy, vec![KeyId::new(1), KeyId::new(2)]);
    }

    #[test]
    fn without_backups_to_wait_for_the_primary_a_turn_retires_is_destroyed_in_the_same_turn() {
        let policy = EpochPolicy::new(HOUR, Duration::ZERO).unwrap();
        let h = history(&[0]);
        assert_eq!(policy.plan(&h, at(0)), EpochTurn::default());
        let turn = policy.plan(&h, at(1));
        assert!(turn.rotate);
        assert_eq!(turn.destroy, vec![KeyId::new(1)]);
    }

    #[test]
    fn destruction_due_follows_the_key_that_wraps_the_erased_data_key() {
        let policy = EpochPolicy::new(24 * HOUR, 7 * 24 * HOUR).unwrap();
        let h = history(&[0, 24]);
        // The primary (created hour 24) retires at hour 48, then lives a backup retention.
        assert_eq!(policy.destruction_due(&h, KeyId::new(2), at(30)).unwrap(), at(48 + 168));
        // An overdue turn happens now.
        assert_eq!(policy.destruction_due(&h, KeyId::new(2), at(60)).unwrap(), at(60 + 168));
        // A retired key: its retirement plus the retention, or now when already due.
        assert_eq!(policy.destruction_due(&h, KeyId::new(1), at(30)).unwrap(), at(24 + 168));
        assert_eq!(policy.destruction_due(&h, KeyId::new(1), at(500)).unwrap(), at(500));
        assert_eq!(
            policy.destruction_due(&h, KeyId::new(9), at(30)).unwrap_err().code(),
            "crypto.key.not_found"
        );
    }
}
