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
//! storage can drop the last entries, or rewrite everything. Publish [`AuditTrail::head`] somewhere the writer
//! cannot change (a daily e-mail to the DPO, a write-once bucket) and check with [`verify_against`].
//!
//! **No personal data in the trail.** Entries name users by id or keyed pseudonym, never by e-mail or name, and
//! carry no content: the trail outlives erasures.
//!
//! ```
//! use cesizen_gdpr::audit::{AuditEvent, AuditTrail, verify};
//! use chrono::{TimeZone, Utc};
//!
//! let t = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
//! let mut trail = AuditTrail::new();
//! trail.append(t, AuditEvent::new("system", "request.received")?.subject("0195...")?.detail("kind", "erasure")?)?;
//! trail.append(t, AuditEvent::new("dpo", "request.completed")?)?;
//! assert_eq!(verify(trail.entries())?, trail.head());
//!
//! // Tampering with any entry is detected at that entry.
//! let mut forged = trail.entries().to_vec();
//! forged[0].actor = "someone-else".into();
//! assert_eq!(verify(&forged).unwrap_err().code(), "gdpr.audit.broken");
//! # Ok::<(), cesizen_gdpr::Error>(())
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;
use std::fmt;

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
    action: String,
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
    /// `actor` (a role or a staff pseudonym: `system`, `dpo`…) did `action` (a stable dotted code such as
    /// `request.completed`). Both 1–128 characters without control characters.
    pub fn new(actor: &str, action: &str) -> Result<Self> {
        Ok(AuditEvent {
            actor: checked(actor, MAX_NAME)?,
            action: checked(action, MAX_NAME)?,
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
    /// What, as a stable dotted code.
    pub action: String,
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
        length_prefixed(&mut h, &self.action);
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

/// An in-memory audit trail: append-only (no method removes or edits an entry).
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

    /// Appends `event` at `at`. Time never goes backwards in a trail (`gdpr.time.regression`).
    pub fn append(&mut self, at: DateTime<Utc>, event: AuditEvent) -> Result<&AuditEntry> {
        let last = self.entries.last();
        if last.is_some_and(|l| at < l.at) {
            return Err(Error::TimeRegression);
        }
        let mut entry = AuditEntry {
            index: last.map_or(0, |l| l.index + 1),
            at,
            actor: event.actor,
            action: event.action,
            subject: event.subject,
            details: event.details,
            prev_hash: last.map_or(Digest::GENESIS, |l| l.hash),
            hash: Digest::GENESIS,
        };
        entry.hash = entry.compute_hash();
        self.entries.push(entry);
        self.entries.last().ok_or(Error::AuditFieldInvalid)
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> &[AuditEntry] {
        &self.entries
    }

    /// The hash of the last entry (the genesis digest when empty): publish it to detect truncation.
    pub fn head(&self) -> Digest {
        self.entries.last().map_or(Digest::GENESIS, |e| e.hash)
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
    verify_from(Digest::GENESIS, 0, entries)
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
    let mut prev = prev_hash;
    let mut prev_at: Option<DateTime<Utc>> = None;
    for (expected_index, entry) in (first_index..).zip(entries) {
        let broken = entry.index != expected_index
            || entry.prev_hash != prev
            || prev_at.is_some_and(|t| entry.at < t)
            || entry.compute_hash() != entry.hash;
        if broken {
            return Err(Error::AuditBroken { index: expected_index });
        }
        prev = entry.hash;
        prev_at = Some(entry.at);
    }
    Ok(prev)
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
            let event = AuditEvent::new("system", "request.received")
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
        assert!(AuditEvent::new("", "x").is_err());
        assert!(AuditEvent::new("a\nb", "x").is_err());
        assert!(AuditEvent::new("a", &"x".repeat(129)).is_err());
        assert!(
            AuditEvent::new("a", "b")
                .unwrap()
                .detail("k", &"v".repeat(1025))
                .is_err()
        );
        let mut t = trail(1);
        let err = t
            .append(t0() - Duration::seconds(1), AuditEvent::new("a", "b").unwrap())
            .unwrap_err();
        assert_eq!(err.code(), "gdpr.time.regression");
        assert!("zz".parse::<Digest>().is_err());
        assert!("G".repeat(64).parse::<Digest>().is_err());
    }

    proptest! {
        #[test]
        fn any_single_change_is_found_at_its_entry(n in 1usize..12, pick in any::<prop::sample::Index>(), what in 0u8..7) {
            let t = trail(n);
            let i = pick.index(n);
            let mut forged = t.entries().to_vec();
            match what {
                0 => forged[i].actor.push('x'),
                1 => forged[i].action.push('x'),
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
    }
}
