//! The append-only, tamper-evident audit trail.
//!
//! GDPR Art. 5(2) (accountability) asks the controller to *demonstrate* compliance: that a request was answered
//! in time, that an erasure happened, that a breach was recorded. This trail records those facts as a
//! **SHA-256 hash chain**: each entry's hash covers its content and the previous entry's hash, so changing,
//! removing or reordering any entry breaks every link after it, and [`verify`] names the first broken one.
//!
//! **Canonical encoding.** The hash is computed over a binary encoding that does not depend on JSON layout:
//!
//! ```text
//! hash_i = SHA-256( "cesizen.audit.v1" 0x00
//!                   ‖ hash_{i-1}                       (32 bytes; 32 zero bytes for the first entry)
//!                   ‖ index                            (u64 big-endian, 0 for the first entry)
//!                   ‖ at seconds ‖ at nanoseconds      (i64, u32 big-endian, Unix time)
//!                   ‖ lp(actor) ‖ lp(action)
//!                   ‖ 0x00 | 0x01 ‖ lp(subject)        (absent | present)
//!                   ‖ count ‖ (lp(key) ‖ lp(value))*   (u32 big-endian, keys in byte order) )
//! lp(s) = length as u32 big-endian ‖ the UTF-8 bytes of s
//! ```
//!
//! **What it does not do alone.** A chain proves the inside of the trail, not its end: whoever can rewrite the
//! storage can drop the last entries, or rewrite everything. Publish a [`Checkpoint`] (the index and hash of the
//! last entry) somewhere the writer cannot change (a daily e-mail to the DPO, a write-once bucket, a log shipped
//! off the host) and verify later with [`Verifier::expect`]: the trail, grown since, must still hold that entry
//! with that hash, which a truncation below it or a recomputed chain cannot fake. A trail that must end at a
//! known head exactly is checked with [`verify_against`].
//!
//! **In memory or stored.** [`AuditTrail`] holds a whole trail in memory. A caller that stores the trail (a
//! server's append-only table) does not load it to append: it reads its last entry, takes the [`ChainHead`]
//! after it, and [`ChainHead::link`] returns the next entry, linked by the same rule `AuditTrail::append` uses
//! (it is built on `link`), ready to store. Appending N events one at a time through stored heads gives
//! exactly the entries of one in-memory trail. Time never goes backwards in a trail: `link` **refuses** an
//! event dated before the head's last entry (`gdpr.time.regression`) rather than silently re-dating it, since
//! the time of an entry is part of what it proves (an erasure certificate repeats it). A caller whose clock can
//! lag the stored head — several servers sharing one trail — chooses the time first with
//! [`ChainHead::time_for`], which clamps `now` to the head's time, and then builds its event at that time.
//!
//! **No personal data in the trail.** Entries name users by id or keyed pseudonym, never by e-mail or name, and
//! carry no content: the trail outlives erasures.
//!
//! ```
//! use cesizen_gdpr::audit::{AuditAction, AuditEvent, AuditTrail, verify};
//! use chrono::{TimeZone, Utc};
//!
//! let t = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
//! let mut trail = AuditTrail::new();
//! trail.append(t, AuditEvent::new("system", AuditAction::RequestReceived)?.subject("0195...")?.detail("kind", "erasure")?)?;
//! trail.append(t, AuditEvent::new("dpo", AuditAction::RequestCompleted)?)?;
//! assert_eq!(verify(trail.entries())?, trail.head());
//!
//! // Tampering with any entry is detected at that entry.
//! let mut forged = trail.entries().to_vec();
//! forged[0].actor = "someone-else".into();
//! assert_eq!(verify(&forged).unwrap_err().code(), "gdpr.audit.broken");
//! # Ok::<(), cesizen_gdpr::Error>(())
//! ```
//!
//! Continuing a stored trail from its last entry gives the entry an in-memory trail would have appended:
//!
//! ```
//! use cesizen_gdpr::audit::{AuditAction, AuditEvent, AuditTrail, ChainHead, verify_from};
//! use chrono::{Duration, TimeZone, Utc};
//!
//! let t = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
//! let mut trail = AuditTrail::new();
//! trail.append(t, AuditEvent::new("system", AuditAction::RequestReceived)?)?;
//!
//! // Elsewhere, later: only the last stored entry is at hand.
//! let stored_last = trail.entries()[0].clone();
//! let head = ChainHead::after(&stored_last)?;
//! let at = head.time_for(t - Duration::seconds(5)); // this server's clock lags: clamped to the head's time
//! assert_eq!(at, t);
//! let entry = head.link(at, AuditEvent::new("dpo", AuditAction::RequestCompleted)?)?;
//! assert_eq!((entry.index, entry.prev_hash), (1, stored_last.hash));
//! verify_from(head.hash(), head.next_index(), [&entry])?;
//!
//! // The same event appended in memory is the same entry, hash included.
//! assert_eq!(trail.append(at, AuditEvent::new("dpo", AuditAction::RequestCompleted)?)?, &entry);
//!
//! // Without the clamp, an event dated before the head is refused.
//! let early = head.link(t - Duration::seconds(5), AuditEvent::new("dpo", AuditAction::RequestCompleted)?);
//! assert_eq!(early.unwrap_err().code(), "gdpr.time.regression");
//! # Ok::<(), cesizen_gdpr::Error>(())
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;
use std::fmt;

pub use crate::audit_action::AuditAction;
use crate::error::{Error, Result};

const DOMAIN: &[u8] = b"cesizen.audit.v1\0";
const MAX_NAME: usize = 128;
const MAX_VALUE: usize = 1024;
const MAX_DETAILS: usize = 64;

/// A SHA-256 digest; hex in text and JSON.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Digest(pub [u8; 32]);

impl Digest {
    /// The all-zero digest that precedes the first entry.
    pub const GENESIS: Digest = Digest([0; 32]);

    /// SHA-256 of `bytes`.
    pub fn of(bytes: &[u8]) -> Digest {
        Digest(Sha256::digest(bytes).into())
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({self})")
    }
}

impl std::str::FromStr for Digest {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let bytes = s.as_bytes();
        if bytes.len() != 64 {
            return Err(Error::AuditFieldInvalid);
        }
        let mut out = [0u8; 32];
        for (o, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
            let hi = hex_value(pair[0]).ok_or(Error::AuditFieldInvalid)?;
            let lo = hex_value(pair[1]).ok_or(Error::AuditFieldInvalid)?;
            *o = hi << 4 | lo;
        }
        Ok(Digest(out))
    }
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

impl Serialize for Digest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse()
            .map_err(|_| serde::de::Error::custom("a digest is 64 lowercase hex digits"))
    }
}

/// What to record: who did what to which subject, with details. Built with checks, appended with
/// [`AuditTrail::append`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    actor: String,
    action: AuditAction,
    subject: Option<String>,
    details: BTreeMap<String, String>,
}

fn checked(text: &str, max: usize) -> Result<String> {
    if text.is_empty() || text.len() > max || text.chars().any(char::is_control) {
        return Err(Error::AuditFieldInvalid);
    }
    Ok(text.to_owned())
}

impl AuditEvent {
    /// `actor` (a role or a staff pseudonym: `system`, `dpo`…, 1–128 characters without control characters)
    /// did `action`.
    pub fn new(actor: &str, action: AuditAction) -> Result<Self> {
        Ok(AuditEvent {
            actor: checked(actor, MAX_NAME)?,
            action,
            subject: None,
            details: BTreeMap::new(),
        })
    }

    /// [`new`](Self::new) with the action as its stable code (`"request.completed"`), for callers holding text:
    /// the actor is checked first, then the action ([`Error::AuditActionUnknown`] for an unknown code).
    pub fn parse(actor: &str, action: &str) -> Result<Self> {
        let actor = checked(actor, MAX_NAME)?;
        Ok(AuditEvent {
            actor,
            action: AuditAction::from_code(action)?,
            subject: None,
            details: BTreeMap::new(),
        })
    }

    /// What the action was about: a request, breach or erasure id, or a user id — never an e-mail or a name.
    pub fn subject(mut self, subject: &str) -> Result<Self> {
        self.subject = Some(checked(subject, MAX_NAME)?);
        Ok(self)
    }

    /// A detail (key 1–128, value 1–1024 characters, at most 64 details).
    pub fn detail(mut self, key: &str, value: &str) -> Result<Self> {
        if self.details.len() >= MAX_DETAILS && !self.details.contains_key(key) {
            return Err(Error::AuditFieldInvalid);
        }
        self.details.insert(checked(key, MAX_NAME)?, checked(value, MAX_VALUE)?);
        Ok(self)
    }
}

/// One entry of the trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditEntry {
    /// Position in the trail, from 0.
    pub index: u64,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor: String,
    /// What (serialised as its stable dotted code).
    pub action: AuditAction,
    /// About what.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Details, in key order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub details: BTreeMap<String, String>,
    /// The previous entry's hash.
    pub prev_hash: Digest,
    /// This entry's hash.
    pub hash: Digest,
}

impl AuditEntry {
    /// The hash this entry must have, from its content and `prev_hash`.
    pub fn compute_hash(&self) -> Digest {
        let mut h = Sha256::new();
        h.update(DOMAIN);
        h.update(self.prev_hash.0);
        h.update(self.index.to_be_bytes());
        h.update(self.at.timestamp().to_be_bytes());
        h.update(self.at.timestamp_subsec_nanos().to_be_bytes());
        length_prefixed(&mut h, &self.actor);
        length_prefixed(&mut h, self.action.code());
        match &self.subject {
            None => h.update([0u8]),
            Some(s) => {
                h.update([1u8]);
                length_prefixed(&mut h, s);
            }
        }
        h.update(u32::try_from(self.details.len()).unwrap_or(u32::MAX).to_be_bytes());
        for (k, v) in &self.details {
            length_prefixed(&mut h, k);
            length_prefixed(&mut h, v);
        }
        Digest(h.finalize().into())
    }
}

fn length_prefixed(h: &mut Sha256, s: &str) {
    // Inputs are bounded at 1024 bytes by `AuditEvent`; a forged longer field saturates and still hashes.
    h.update(u32::try_from(s.len()).unwrap_or(u32::MAX).to_be_bytes());
    h.update(s.as_bytes());
}

/// The end of a trail: what the next entry links to. [`ChainHead::GENESIS`] before the first entry,
/// [`ChainHead::after`] an entry otherwise.
///
/// It is the whole state the linking rule needs, so a caller that stores its trail continues it from the last
/// stored entry with [`ChainHead::link`], without loading the trail. The fields are private: a head is either
/// the genesis or the head after a real entry, never an index and a hash that disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainHead {
    next_index: u64,
    hash: Digest,
    last_at: Option<DateTime<Utc>>,
}

impl ChainHead {
    /// The head of an empty trail: the first entry takes index 0 and links to [`Digest::GENESIS`].
    pub const GENESIS: ChainHead = ChainHead {
        next_index: 0,
        hash: Digest::GENESIS,
        last_at: None,
    };

    /// The head after `last`, the last entry of a trail (read back from storage, say).
    ///
    /// `last` is checked against its own hash (`gdpr.audit.broken` at its index otherwise), so a stored entry
    /// altered since it was written is not silently built upon. This checks the one entry, not the chain
    /// before it: that is [`verify`]'s job.
    pub fn after(last: &AuditEntry) -> Result<ChainHead> {
        if last.compute_hash() != last.hash {
            return Err(Error::AuditBroken { index: last.index });
        }
        ChainHead::following(last).ok_or(Error::AuditBroken { index: last.index })
    }

    /// The head after `last`, trusted; `None` past the last representable index.
    fn following(last: &AuditEntry) -> Option<ChainHead> {
        Some(ChainHead {
            next_index: last.index.checked_add(1)?,
            hash: last.hash,
            last_at: Some(last.at),
        })
    }

    /// The index the next entry takes.
    pub fn next_index(&self) -> u64 {
        self.next_index
    }

    /// The last entry's hash ([`Digest::GENESIS`] for an empty trail): the `prev_hash` of the next entry, and
    /// the digest to publish to detect a truncation later.
    pub fn hash(&self) -> Digest {
        self.hash
    }

    /// The last entry's time (`None` for an empty trail): the next entry cannot be dated before it.
    pub fn last_at(&self) -> Option<DateTime<Utc>> {
        self.last_at
    }

    /// The time to record an event observed at `now`: `now`, or the last entry's time if that is later.
    ///
    /// For callers whose clock may lag the trail's (several servers appending to one stored trail): take the
    /// time first, build the event (and anything that repeats its time, such as an erasure certificate) at
    /// it, then [`link`](ChainHead::link) at it.
    pub fn time_for(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        self.last_at.map_or(now, |last| last.max(now))
    }

    /// The entry recording `event` at `at`, linked after this head: index [`next_index`](Self::next_index),
    /// `prev_hash` [`hash`](Self::hash), and its own hash computed. The one linking rule of the crate
    /// ([`AuditTrail::append`] uses it).
    ///
    /// Refuses an `at` before the last entry's time (`gdpr.time.regression`) instead of changing it: see
    /// [`time_for`](Self::time_for) to clamp explicitly.
    pub fn link(&self, at: DateTime<Utc>, event: AuditEvent) -> Result<AuditEntry> {
        if self.last_at.is_some_and(|last| at < last) {
            return Err(Error::TimeRegression);
        }
        let mut entry = AuditEntry {
            index: self.next_index,
            at,
            actor: event.actor,
            action: event.action,
            subject: event.subject,
            details: event.details,
            prev_hash: self.hash,
            hash: Digest::GENESIS,
        };
        entry.hash = entry.compute_hash();
        Ok(entry)
    }

    /// Whether `entry` is the entry that follows this head: its index, its link and its time, and its hash.
    fn is_followed_by(&self, entry: &AuditEntry) -> bool {
        entry.index == self.next_index
            && entry.prev_hash == self.hash
            && self.last_at.is_none_or(|last| entry.at >= last)
            && entry.compute_hash() == entry.hash
    }
}

/// An in-memory audit trail: append-only (no method removes or edits an entry). To continue a trail kept in
/// storage without loading it, see [`ChainHead`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct AuditTrail {
    entries: Vec<AuditEntry>,
}

impl AuditTrail {
    /// An empty trail.
    pub fn new() -> Self {
        AuditTrail::default()
    }

    /// A trail loaded from storage, after [`verify`].
    pub fn from_entries(entries: Vec<AuditEntry>) -> Result<Self> {
        verify(&entries)?;
        Ok(AuditTrail { entries })
    }

    /// Appends `event` at `at` with [`ChainHead::link`]. Time never goes backwards in a trail
    /// (`gdpr.time.regression`).
    pub fn append(&mut self, at: DateTime<Utc>, event: AuditEvent) -> Result<&AuditEntry> {
        let entry = self.chain_head().link(at, event)?;
        self.entries.push(entry);
        self.entries.last().ok_or(Error::AuditFieldInvalid)
    }

    /// The head the next entry links to.
    pub fn chain_head(&self) -> ChainHead {
        // The entries were linked or verified on the way in: no need to hash the last one again. Their indexes
        // run from 0 in a `Vec`, so the last one has a successor.
        self.entries.last().map_or(ChainHead::GENESIS, |last| ChainHead {
            next_index: last.index.saturating_add(1),
            hash: last.hash,
            last_at: Some(last.at),
        })
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> &[AuditEntry] {
        &self.entries
    }

    /// The hash of the last entry (the genesis digest when empty): publish it to detect truncation.
    pub fn head(&self) -> Digest {
        self.entries.last().map_or(Digest::GENESIS, |e| e.hash)
    }

    /// The checkpoint of the last entry, to publish; `None` for an empty trail.
    pub fn checkpoint(&self) -> Option<Checkpoint> {
        self.entries.last().map(Checkpoint::of)
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the trail is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<'de> Deserialize<'de> for AuditTrail {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let entries = Vec::<AuditEntry>::deserialize(d)?;
        AuditTrail::from_entries(entries).map_err(serde::de::Error::custom)
    }
}

/// Verifies a whole trail from its first entry, streaming (constant memory), and returns its head.
///
/// The first entry whose index, link, time order or hash is wrong is reported as `gdpr.audit.broken` with its
/// position.
pub fn verify<'a>(entries: impl IntoIterator<Item = &'a AuditEntry>) -> Result<Digest> {
    let mut verifier = Verifier::new();
    entries.into_iter().try_for_each(|entry| verifier.push(entry))?;
    verifier.finish()
}

/// A published point of a trail: the hash its entry at `index` has.
///
/// Unlike a head, a checkpoint stays true while the trail grows: a later verification
/// ([`Verifier::expect`]) fails if the trail no longer reaches `index` (its end was dropped) or holds another
/// entry there (it was rewritten, every hash recomputed). In JSON: `{"index": 41, "hash": "<64 hex digits>"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Checkpoint {
    /// The entry's position in the trail.
    pub index: u64,
    /// The entry's hash.
    pub hash: Digest,
}

impl Checkpoint {
    /// The checkpoint of `entry`.
    pub fn of(entry: &AuditEntry) -> Checkpoint {
        Checkpoint {
            index: entry.index,
            hash: entry.hash,
        }
    }
}

/// Verifies a trail entry by entry from its first, in constant memory, against the checkpoints published
/// from it: for a trail read from storage a page at a time.
///
/// Every entry must follow the one before (index, link, time order, hash: the rule of [`verify`], which is
/// built on this type), and an entry at an expected checkpoint's index must have its hash. The first failure
/// is `gdpr.audit.broken` with its position and stays: every later call returns it again.
/// [`finish`](Verifier::finish) also fails when a checkpoint lies past the last entry (the trail was cut).
///
/// ```
/// use cesizen_gdpr::audit::{AuditAction, AuditEvent, AuditTrail, Verifier};
/// use chrono::{Duration, TimeZone, Utc};
///
/// let t = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
/// let mut trail = AuditTrail::new();
/// trail.append(t, AuditEvent::new("system", AuditAction::RequestReceived)?)?;
/// trail.append(t, AuditEvent::new("system", AuditAction::ErasureCertified)?)?;
/// let published = trail.checkpoint().expect("two entries"); // index 1, e-mailed to the DPO
/// trail.append(t + Duration::hours(1), AuditEvent::new("dpo", AuditAction::RequestCompleted)?)?;
///
/// // Later: the grown trail still holds the published entry.
/// let mut verifier = Verifier::new().expect(published);
/// for entry in trail.entries() {
///     verifier.push(entry)?;
/// }
/// assert_eq!(verifier.finish()?, trail.head());
///
/// // Cut back to its first entry, the trail's chain still holds, but the checkpoint gives it away.
/// let mut verifier = Verifier::new().expect(published);
/// verifier.push(&trail.entries()[0])?;
/// assert_eq!(verifier.finish().unwrap_err().code(), "gdpr.audit.broken");
/// # Ok::<(), cesizen_gdpr::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Verifier {
    /// The head the next entry must follow; `None` once an entry sat at the last representable index.
    head: Option<ChainHead>,
    /// The hash of the last entry pushed (genesis before the first).
    last_hash: Digest,
    /// Entries pushed and found good.
    entries: u64,
    /// The expected checkpoints, by index; those at or below the entries pushed have been checked.
    checkpoints: Vec<Checkpoint>,
    /// The first failure, once there is one.
    broken: Option<u64>,
}

impl Default for Verifier {
    fn default() -> Self {
        Verifier::new()
    }
}

impl Verifier {
    /// A verifier for a trail read from its first entry.
    pub fn new() -> Verifier {
        Verifier {
            head: Some(ChainHead::GENESIS),
            last_hash: Digest::GENESIS,
            entries: 0,
            checkpoints: Vec::new(),
            broken: None,
        }
    }

    /// Also requires `checkpoint`: the trail must hold an entry at its index with its hash. Give each
    /// checkpoint before pushing the entry it names (one given later is only checked by
    /// [`finish`](Verifier::finish), and found missing).
    #[must_use]
    pub fn expect(mut self, checkpoint: Checkpoint) -> Verifier {
        let at = self.checkpoints.partition_point(|c| c.index <= checkpoint.index);
        self.checkpoints.insert(at, checkpoint);
        self
    }

    /// Checks the next entry.
    pub fn push(&mut self, entry: &AuditEntry) -> Result<()> {
        if let Some(index) = self.broken {
            return Err(Error::AuditBroken { index });
        }
        let follows = self.head.as_ref().is_some_and(|head| head.is_followed_by(entry));
        let first = self.checkpoints.partition_point(|c| c.index < entry.index);
        let held = self.checkpoints[first..]
            .iter()
            .take_while(|c| c.index == entry.index)
            .all(|c| c.hash == entry.hash);
        if !(follows && held) {
            return Err(self.break_at(self.entries));
        }
        self.last_hash = entry.hash;
        self.head = ChainHead::following(entry);
        self.entries = self.entries.saturating_add(1);
        Ok(())
    }

    /// The number of entries found good so far.
    pub fn entries(&self) -> u64 {
        self.entries
    }

    /// The hash of the last entry found good (the genesis digest before the first).
    pub fn head(&self) -> Digest {
        self.last_hash
    }

    /// The checkpoint of the last entry found good, to publish; `None` before the first.
    pub fn checkpoint(&self) -> Option<Checkpoint> {
        self.entries.checked_sub(1).map(|index| Checkpoint {
            index,
            hash: self.last_hash,
        })
    }

    /// Ends the verification: the trail's head, or `gdpr.audit.broken` at the first failure, or at the trail's
    /// end when an expected checkpoint lies past it.
    pub fn finish(mut self) -> Result<Digest> {
        if let Some(index) = self.broken {
            return Err(Error::AuditBroken { index });
        }
        if self.checkpoints.last().is_some_and(|c| c.index >= self.entries) {
            return Err(self.break_at(self.entries));
        }
        Ok(self.last_hash)
    }

    fn break_at(&mut self, index: u64) -> Error {
        self.broken = Some(index);
        Error::AuditBroken { index }
    }
}

/// Verifies a trail and checks that it ends at `expected_head` (published earlier), which also detects the
/// removal of the last entries.
pub fn verify_against<'a>(entries: impl IntoIterator<Item = &'a AuditEntry>, expected_head: Digest) -> Result<()> {
    let mut count = 0u64;
    let head = verify(entries.into_iter().inspect(|_| count += 1))?;
    if head != expected_head {
        return Err(Error::AuditBroken { index: count });
    }
    Ok(())
}

/// Verifies a segment of a trail that starts after a known entry (`prev_hash` at position `first_index - 1`):
/// to check a trail page by page, or from a trusted checkpoint.
pub fn verify_from<'a>(
    prev_hash: Digest,
    first_index: u64,
    entries: impl IntoIterator<Item = &'a AuditEntry>,
) -> Result<Digest> {
    // The time of the entry before `first_index` is not known here: the segment's order is checked from its
    // first entry on.
    let mut next = Some(ChainHead {
        next_index: first_index,
        hash: prev_hash,
        last_at: None,
    });
    let mut last_hash = prev_hash;
    for entry in entries {
        // No entry can follow one at the last representable index.
        let head = next.ok_or(Error::AuditBroken { index: u64::MAX })?;
        if !head.is_followed_by(entry) {
            return Err(Error::AuditBroken { index: head.next_index });
        }
        last_hash = entry.hash;
        next = ChainHead::following(entry);
    }
    Ok(last_hash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap()
    }

    fn trail(n: usize) -> AuditTrail {
        let mut trail = AuditTrail::new();
        for i in 0..n {
            let event = AuditEvent::new("system", AuditAction::RequestReceived)
                .unwrap()
                .subject(&format!("req-{i}"))
                .unwrap()
                .detail("kind", "access")
                .unwrap();
            trail.append(t0() + Duration::minutes(i as i64), event).unwrap();
        }
        trail
    }

    #[test]
    fn the_encoding_is_pinned() {
        // A change here changes every stored trail: it must never happen silently. The value was computed
        // independently from the documented layout (Python hashlib); tests/vectors/gdpr.json pins it too.
        let t = trail(2);
        assert_eq!(
            t.entries()[0].hash.to_string(),
            "25954bbe21d6a69c728aee2febeeb4cefe477e3e3b49378dc459bdb484f57999"
        );
        assert_eq!(t.entries()[1].prev_hash, t.entries()[0].hash);
    }

    #[test]
    fn json_round_trip_verifies_and_tampered_json_is_refused() {
        let t = trail(3);
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains("\"prevHash\""));
        let back: AuditTrail = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        let forged = json.replacen("access", "erasure", 1);
        assert!(serde_json::from_str::<AuditTrail>(&forged).is_err());
    }

    #[test]
    fn truncation_is_caught_against_a_published_head() {
        let t = trail(4);
        verify_against(t.entries(), t.head()).unwrap();
        let err = verify_against(&t.entries()[..3], t.head()).unwrap_err();
        assert_eq!(err, Error::AuditBroken { index: 3 });
    }

    #[test]
    fn pages_verify_from_a_checkpoint() {
        let t = trail(6);
        let mid = verify(&t.entries()[..3]).unwrap();
        assert_eq!(verify_from(mid, 3, &t.entries()[3..]).unwrap(), t.head());
        assert!(verify_from(mid, 2, &t.entries()[3..]).is_err());
    }

    #[test]
    fn events_are_checked() {
        assert!(AuditEvent::new("", AuditAction::RequestReceived).is_err());
        assert!(AuditEvent::new("a\nb", AuditAction::RequestReceived).is_err());
        assert!(AuditEvent::new(&"x".repeat(129), AuditAction::RequestReceived).is_err());
        // Text actions: the actor is checked first, then the action is parsed.
        assert_eq!(AuditEvent::parse("", "x").unwrap_err(), Error::AuditFieldInvalid);
        assert_eq!(AuditEvent::parse("a", "x").unwrap_err(), Error::AuditActionUnknown);
        assert_eq!(
            AuditEvent::parse("a", "request.completed").unwrap(),
            AuditEvent::new("a", AuditAction::RequestCompleted).unwrap()
        );
        assert!(
            AuditEvent::new("a", AuditAction::RequestCompleted)
                .unwrap()
                .detail("k", &"v".repeat(1025))
                .is_err()
        );
        let mut t = trail(1);
        let err = t
            .append(
                t0() - Duration::seconds(1),
                AuditEvent::new("a", AuditAction::RequestCompleted).unwrap(),
            )
            .unwrap_err();
        assert_eq!(err.code(), "gdpr.time.regression");
        assert!("zz".parse::<Digest>().is_err());
        assert!("G".repeat(64).parse::<Digest>().is_err());
    }

    #[test]
    fn a_head_is_the_genesis_or_after_a_real_entry() {
        assert_eq!(AuditTrail::new().chain_head(), ChainHead::GENESIS);
        assert_eq!(ChainHead::GENESIS.next_index(), 0);
        assert_eq!(ChainHead::GENESIS.hash(), Digest::GENESIS);
        assert_eq!(ChainHead::GENESIS.last_at(), None);
        assert_eq!(ChainHead::GENESIS.time_for(t0()), t0());
        let t = trail(3);
        let head = ChainHead::after(&t.entries()[2]).unwrap();
        assert_eq!(head, t.chain_head());
        assert_eq!(
            (head.next_index(), head.hash(), head.last_at()),
            (3, t.head(), Some(t.entries()[2].at))
        );
        let mut altered = t.entries()[2].clone();
        altered.details.insert("kind".into(), "erasure".into());
        assert_eq!(ChainHead::after(&altered).unwrap_err(), Error::AuditBroken { index: 2 });
    }

    #[test]
    fn the_last_representable_index_has_no_successor() {
        let mut last = ChainHead::GENESIS
            .link(t0(), AuditEvent::new("a", AuditAction::RequestCompleted).unwrap())
            .unwrap();
        last.index = u64::MAX;
        last.hash = last.compute_hash();
        assert_eq!(
            ChainHead::after(&last).unwrap_err(),
            Error::AuditBroken { index: u64::MAX }
        );
        let mut next = last.clone();
        next.prev_hash = last.hash;
        next.hash = next.compute_hash();
        assert_eq!(
            verify_from(last.prev_hash, u64::MAX, [&last, &next]).unwrap_err(),
            Error::AuditBroken { index: u64::MAX }
        );
    }

    /// An action other than `action`: what a forger would write instead.
    fn other_action(action: AuditAction) -> AuditAction {
        let next = (AuditAction::ALL.iter().position(|a| *a == action).unwrap() + 1) % AuditAction::ALL.len();
        AuditAction::ALL[next]
    }

    /// An event with arbitrary (valid) content.
    fn any_event() -> impl Strategy<Value = AuditEvent> {
        let name = "[a-z][a-z0-9._-]{0,20}";
        (
            name,
            prop::sample::select(AuditAction::ALL.to_vec()),
            proptest::option::of(name),
            prop::collection::btree_map(name, "[ -~]{1,40}", 0..4),
        )
            .prop_map(|(actor, action, subject, details)| {
                let mut event = AuditEvent::new(&actor, action).unwrap();
                if let Some(subject) = subject {
                    event = event.subject(&subject).unwrap();
                }
                for (k, v) in details {
                    event = event.detail(&k, &v).unwrap();
                }
                event
            })
    }

    /// Events with the clock readings of several servers (any order, some lagging by up to a minute).
    fn any_events() -> impl Strategy<Value = Vec<(AuditEvent, i64)>> {
        prop::collection::vec((any_event(), -60_000i64..600_000), 0..16)
    }

    /// Stores an entry as a server would, and reads it back.
    fn stored(entry: &AuditEntry) -> AuditEntry {
        serde_json::from_str(&serde_json::to_string(entry).unwrap()).unwrap()
    }

    /// Appends each event through a stored head, as a server keeping its trail in a table does: read the
    /// last entry back, take the head after it, clamp the time, link.
    fn appended_through_stored_heads(events: &[(AuditEvent, i64)]) -> Vec<AuditEntry> {
        let mut table: Vec<String> = Vec::new();
        let mut clock = t0();
        for (event, step_ms) in events {
            clock += Duration::milliseconds(*step_ms);
            let head = match table.last() {
                None => ChainHead::GENESIS,
                Some(json) => ChainHead::after(&serde_json::from_str(json).unwrap()).unwrap(),
            };
            let entry = head.link(head.time_for(clock), event.clone()).unwrap();
            table.push(serde_json::to_string(&entry).unwrap());
        }
        table.iter().map(|json| serde_json::from_str(json).unwrap()).collect()
    }

    proptest! {
        #[test]
        fn appending_through_stored_heads_gives_the_in_memory_trail(events in any_events(), split in any::<prop::sample::Index>()) {
            let stored = appended_through_stored_heads(&events);
            let mut memory = AuditTrail::new();
            let mut clock = t0();
            for (event, step_ms) in &events {
                clock += Duration::milliseconds(*step_ms);
                let at = memory.chain_head().time_for(clock);
                memory.append(at, event.clone()).unwrap();
            }
            prop_assert_eq!(&stored, memory.entries());
            prop_assert_eq!(verify(&stored).unwrap(), memory.head());
            // Any page verifies from the head before it.
            let cut = split.index(stored.len() + 1);
            let before = match cut.checked_sub(1) {
                None => ChainHead::GENESIS,
                Some(i) => ChainHead::after(&stored[i]).unwrap(),
            };
            prop_assert_eq!(verify_from(before.hash(), before.next_index(), &stored[cut..]).unwrap(), memory.head());
        }

        #[test]
        fn tampering_with_a_stored_entry_is_found_at_it(events in any_events(), pick in any::<prop::sample::Index>(), what in 0u8..4) {
            let mut stored = appended_through_stored_heads(&events);
            prop_assume!(!stored.is_empty());
            let i = pick.index(stored.len());
            match what {
                0 => stored[i].action = other_action(stored[i].action),
                1 => stored[i].at += Duration::nanoseconds(1),
                2 => { stored[i].details.insert("forged".into(), "1".into()); }
                _ => stored[i].prev_hash = Digest::of(b"elsewhere"),
            }
            prop_assert_eq!(verify(&stored).unwrap_err(), Error::AuditBroken { index: i as u64 });
            // A head is not taken after an altered entry, so nothing is linked to it either.
            prop_assert_eq!(ChainHead::after(&stored[i]).unwrap_err(), Error::AuditBroken { index: i as u64 });
        }

        #[test]
        fn a_head_refuses_an_earlier_time_and_clamps_on_request(event in any_event(), lag_ms in 1i64..10_000_000) {
            let head = ChainHead::after(&trail(1).entries()[0]).unwrap();
            let early = t0() - Duration::milliseconds(lag_ms);
            prop_assert_eq!(head.link(early, event.clone()).unwrap_err(), Error::TimeRegression);
            prop_assert_eq!(head.time_for(early), t0());
            let late = t0() + Duration::milliseconds(lag_ms);
            prop_assert_eq!(head.time_for(late), late);
            let entry = head.link(head.time_for(early), event).unwrap();
            prop_assert_eq!(stored(&entry), entry.clone());
            prop_assert!(verify_from(head.hash(), head.next_index(), [&entry]).is_ok());
        }

        #[test]
        fn any_single_change_is_found_at_its_entry(n in 1usize..12, pick in any::<prop::sample::Index>(), what in 0u8..7) {
            let t = trail(n);
            let i = pick.index(n);
            let mut forged = t.entries().to_vec();
            match what {
                0 => forged[i].actor.push('x'),
                1 => forged[i].action = other_action(forged[i].action),
                2 => forged[i].subject = None,
                3 => { forged[i].details.insert("extra".into(), "1".into()); }
                4 => forged[i].at += Duration::nanoseconds(1),
                5 => forged[i].index += 1,
                _ => { forged.remove(i); }
            }
            if what == 6 && i == n - 1 {
                // Dropping the last entry leaves a valid shorter chain: only the published head reveals it.
                prop_assert!(verify(&forged).is_ok());
                prop_assert!(verify_against(&forged, t.head()).is_err());
            } else {
                prop_assert_eq!(verify(&forged).unwrap_err(), Error::AuditBroken { index: i as u64 });
            }
        }

        #[test]
        fn any_valid_trail_verifies(n in 0usize..20) {
            let t = trail(n);
            prop_assert_eq!(verify(t.entries()).unwrap(), t.head());
        }

        #[test]
        fn a_checkpoint_holds_while_the_trail_grows(events in any_events(), at in any::<prop::sample::Index>(), more in any_events()) {
            let mut all = events.clone();
            all.extend(more);
            let grown = appended_through_stored_heads(&all);
            prop_assume!(!events.is_empty());
            let published = Checkpoint::of(&grown[at.index(events.len())]);
            let mut verifier = Verifier::new().expect(published);
            for entry in &grown {
                verifier.push(&stored(entry)).unwrap();
            }
            prop_assert_eq!(verifier.entries(), grown.len() as u64);
            prop_assert_eq!(verifier.checkpoint(), grown.last().map(Checkpoint::of));
            prop_assert_eq!(verifier.finish().unwrap(), verify(&grown).unwrap());
        }

        #[test]
        fn a_trail_cut_at_or_below_a_checkpoint_is_caught_at_its_end(events in any_events(), at in any::<prop::sample::Index>(), cut in any::<prop::sample::Index>()) {
            let stored = appended_through_stored_heads(&events);
            prop_assume!(!stored.is_empty());
            let k = at.index(stored.len());
            let kept = cut.index(k + 1);
            // The cut trail is a valid chain: only the checkpoint reveals the cut.
            prop_assert!(verify(&stored[..kept]).is_ok());
            let mut verifier = Verifier::new().expect(Checkpoint::of(&stored[k]));
            for entry in &stored[..kept] {
                verifier.push(entry).unwrap();
            }
            prop_assert_eq!(verifier.finish().unwrap_err(), Error::AuditBroken { index: kept as u64 });
        }

        #[test]
        fn a_recomputed_chain_is_caught_at_a_checkpoint_it_rewrote(events in any_events(), at in any::<prop::sample::Index>(), change in any::<prop::sample::Index>(), other in any_event()) {
            let stored = appended_through_stored_heads(&events);
            prop_assume!(!stored.is_empty());
            let k = at.index(stored.len());
            let j = change.index(stored.len());
            prop_assume!(other != events[j].0);
            // Whoever rewrites entry j relinks every later entry: a valid chain, other hashes from j on.
            let mut rewritten = events.clone();
            rewritten[j].0 = other;
            let forged = appended_through_stored_heads(&rewritten);
            prop_assert!(verify(&forged).is_ok());
            let mut verifier = Verifier::new().expect(Checkpoint::of(&stored[k]));
            let outcome = forged.iter().try_for_each(|entry| verifier.push(entry));
            if j <= k {
                prop_assert_eq!(outcome.unwrap_err(), Error::AuditBroken { index: k as u64 });
                // Broken stays broken.
                prop_assert_eq!(verifier.push(&forged[0]).unwrap_err(), Error::AuditBroken { index: k as u64 });
                prop_assert_eq!(verifier.finish().unwrap_err(), Error::AuditBroken { index: k as u64 });
            } else {
                prop_assert!(outcome.is_ok());
                prop_assert_eq!(verifier.finish().unwrap(), verify(&forged).unwrap());
            }
        }

        #[test]
        fn a_checkpoint_reads_back_from_json(index in any::<u64>(), bytes in any::<[u8; 32]>()) {
            let checkpoint = Checkpoint { index, hash: Digest(bytes) };
            let json = serde_json::to_string(&checkpoint).unwrap();
            prop_assert_eq!(serde_json::from_str::<Checkpoint>(&json).unwrap(), checkpoint);
            let extra = json.replace('}', ",\"head\":0}");
            prop_assert!(serde_json::from_str::<Checkpoint>(&extra).is_err());
        }
    }

    #[test]
    fn the_trails_checkpoint_is_its_last_entry() {
        assert_eq!(AuditTrail::new().checkpoint(), None);
        let t = trail(3);
        assert_eq!(
            t.checkpoint(),
            Some(Checkpoint {
                index: 2,
                hash: t.head()
            })
        );
        // Several checkpoints, given in any order, one of them wrong.
        let wrong = Checkpoint {
            index: 1,
            hash: t.entries()[0].hash,
        };
        let mut verifier = Verifier::new()
            .expect(Checkpoint::of(&t.entries()[2]))
            .expect(wrong)
            .expect(Checkpoint::of(&t.entries()[0]));
        verifier.push(&t.entries()[0]).unwrap();
        assert_eq!(
            verifier.push(&t.entries()[1]).unwrap_err(),
            Error::AuditBroken { index: 1 }
        );
    }
}
