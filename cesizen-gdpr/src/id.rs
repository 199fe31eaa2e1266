//! Typed identifiers of this crate's own records: requests, breaches, erasures.
//!
//! They follow `cesizen-core`'s ids (its `id` module): a non-nil UUID, UUIDv7 for new records so that ids sort
//! by creation time, the hyphenated lowercase text form as JSON. One generic type, [`Id`], with a marker per
//! kind of record, so a breach id cannot be passed where a request id is expected.

use chrono::{DateTime, Utc};
use std::fmt;
use std::marker::PhantomData;
use uuid::Uuid;

use crate::error::{Error, Result};

/// A typed identifier: a non-nil UUID naming one kind of record `K`.
pub struct Id<K> {
    uuid: Uuid,
    kind: PhantomData<fn() -> K>,
}

/// Marker of data-subject request ids.
#[derive(Debug)]
pub enum RequestMarker {}
/// Marker of breach ids.
#[derive(Debug)]
pub enum BreachMarker {}
/// Marker of erasure ids (one per erasure certificate).
#[derive(Debug)]
pub enum ErasureMarker {}

/// Names a data-subject request.
pub type RequestId = Id<RequestMarker>;
/// Names a personal-data breach in the register.
pub type BreachId = Id<BreachMarker>;
/// Names an erasure and its certificate.
pub type ErasureId = Id<ErasureMarker>;

impl<K> Id<K> {
    /// A new UUIDv7 for a record created at `now`, random bits from the OS CSPRNG.
    ///
    /// # Errors
    /// `gdpr.time.out_of_range` before 1970 or past the UUIDv7 range; `system.entropy.unavailable` when the
    /// OS random generator fails.
    pub fn new(now: DateTime<Utc>) -> Result<Self> {
        let mut random = [0u8; 10];
        getrandom::fill(&mut random).map_err(|_| Error::EntropyUnavailable)?;
        Self::from_parts(now, random)
    }

    /// A UUIDv7 from `now` and caller-supplied random bytes (deterministic; for tests).
    pub fn from_parts(now: DateTime<Utc>, random: [u8; 10]) -> Result<Self> {
        let millis = u64::try_from(now.timestamp_millis()).map_err(|_| Error::TimeOutOfRange)?;
        if millis >= 1 << 48 {
            return Err(Error::TimeOutOfRange);
        }
        Ok(Self::wrap(
            uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid(),
        ))
    }

    /// Wraps an existing UUID read from storage; refuses the nil UUID.
    pub fn from_uuid(uuid: Uuid) -> Result<Self> {
        if uuid.is_nil() {
            Err(Error::IdInvalid)
        } else {
            Ok(Self::wrap(uuid))
        }
    }

    /// Parses the hyphenated form (36 characters).
    pub fn parse(text: &str) -> Result<Self> {
        if text.len() != 36 {
            return Err(Error::IdInvalid);
        }
        Self::from_uuid(Uuid::try_parse(text).map_err(|_| Error::IdInvalid)?)
    }

    /// The underlying UUID.
    pub fn as_uuid(&self) -> &Uuid {
        &self.uuid
    }

    fn wrap(uuid: Uuid) -> Self {
        Id {
            uuid,
            kind: PhantomData,
        }
    }
}

// Derives would put bounds on `K`; the marker carries no data, so implement by hand.
impl<K> Clone for Id<K> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K> Copy for Id<K> {}
impl<K> PartialEq for Id<K> {
    fn eq(&self, other: &Self) -> bool {
        self.uuid == other.uuid
    }
}
impl<K> Eq for Id<K> {}
impl<K> std::hash::Hash for Id<K> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.uuid.hash(state);
    }
}
impl<K> PartialOrd for Id<K> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<K> Ord for Id<K> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.uuid.cmp(&other.uuid)
    }
}
impl<K> fmt::Display for Id<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.uuid.hyphenated(), f)
    }
}
impl<K> fmt::Debug for Id<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.uuid.hyphenated())
    }
}
impl<K> std::str::FromStr for Id<K> {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}
impl<K> serde::Serialize for Id<K> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(&self.uuid.hyphenated())
    }
}
impl<'de, K> serde::Deserialize<'de> for Id<K> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ids_are_v7_round_trip_and_refuse_nil() {
        let now = Utc.with_ymd_and_hms(2025, 3, 14, 9, 30, 0).unwrap();
        let id = RequestId::from_parts(now, [7; 10]).unwrap();
        assert_eq!(id.as_uuid().get_version_num(), 7);
        assert_eq!(id.to_string().parse::<RequestId>().unwrap(), id);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{id}\""));
        assert_eq!(
            RequestId::from_uuid(Uuid::nil()).unwrap_err().code(),
            "validation.id.invalid"
        );
        assert_eq!(
            RequestId::parse("not-a-uuid").unwrap_err().code(),
            "validation.id.invalid"
        );
        assert!(serde_json::from_str::<BreachId>("\"00000000-0000-0000-0000-000000000000\"").is_err());
        assert_ne!(RequestId::new(now).unwrap(), RequestId::new(now).unwrap());
    }
}
