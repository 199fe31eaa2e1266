//! Incident identifiers `CESIZEN-NNNN`.
//!
//! The plan's incident report template names incidents `CESIZEN-XXXX`. The SDK pins the form: the prefix
//! `CESIZEN-` then the incident number, written with at least four digits (zero-padded below 1000) and no
//! other leading zero, so that every number has exactly one spelling: `CESIZEN-0042`, `CESIZEN-12345`.
//! Number 0 does not exist (numbering starts at 1, as in Jira).

use serde::{Deserialize, Serialize};

use super::IncidentError;

const PREFIX: &str = "CESIZEN-";

/// A validated incident identifier.
///
/// ```
/// use cesizen_core::incident::IncidentId;
/// let id: IncidentId = "CESIZEN-0042".parse().unwrap();
/// assert_eq!(id.number(), 42);
/// assert_eq!(id.next().unwrap().to_string(), "CESIZEN-0043");
/// assert!("CESIZEN-42".parse::<IncidentId>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IncidentId(u32);

impl IncidentId {
    /// The id of incident number `number`.
    ///
    /// # Errors
    /// [`IncidentError::InvalidId`] for 0.
    pub fn new(number: u32) -> Result<Self, IncidentError> {
        if number == 0 {
            Err(IncidentError::InvalidId)
        } else {
            Ok(IncidentId(number))
        }
    }

    /// The incident number.
    pub fn number(self) -> u32 {
        self.0
    }

    /// The id that follows this one.
    ///
    /// # Errors
    /// [`IncidentError::IdOverflow`] after the largest number.
    pub fn next(self) -> Result<Self, IncidentError> {
        self.0.checked_add(1).map(IncidentId).ok_or(IncidentError::IdOverflow)
    }

    /// The id read back: itself, [`IncidentId::number`] and [`IncidentId::next`].
    ///
    /// # Errors
    /// [`IncidentError::IdOverflow`] for the largest number, which has no next.
    pub fn parsed(self) -> Result<ParsedIncidentId, IncidentError> {
        Ok(ParsedIncidentId {
            id: self,
            number: self.number(),
            next: self.next()?,
        })
    }
}

/// An incident id, its number and the id after it ([`IncidentId::parsed`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParsedIncidentId {
    /// `CESIZEN-NNNN`.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub id: IncidentId,
    /// Its number.
    pub number: u32,
    /// The next id.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub next: IncidentId,
}

impl core::str::FromStr for IncidentId {
    type Err = IncidentError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s.strip_prefix(PREFIX).ok_or(IncidentError::InvalidId)?;
        let canonical_length = digits.len() == 4 || (digits.len() > 4 && !digits.starts_with('0'));
        if !canonical_length || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IncidentError::InvalidId);
        }
        let number: u32 = digits.parse().map_err(|_| IncidentError::InvalidId)?;
        IncidentId::new(number)
    }
}

impl TryFrom<String> for IncidentId {
    type Error = IncidentError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<IncidentId> for String {
    fn from(id: IncidentId) -> String {
        id.to_string()
    }
}

impl core::fmt::Display for IncidentId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{PREFIX}{:04}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn canonical_forms_are_accepted() {
        assert_eq!("CESIZEN-0001".parse::<IncidentId>().unwrap().number(), 1);
        assert_eq!("CESIZEN-9999".parse::<IncidentId>().unwrap().number(), 9999);
        assert_eq!("CESIZEN-10000".parse::<IncidentId>().unwrap().number(), 10000);
        assert_eq!("CESIZEN-4294967295".parse::<IncidentId>().unwrap().number(), u32::MAX);
    }

    #[test]
    fn other_spellings_are_refused() {
        for bad in [
            "",
            "CESIZEN-",
            "CESIZEN-0000",
            "CESIZEN-001",
            "CESIZEN-00001",
            "cesizen-0001",
            "CESIZEN-00a1",
            "CESIZEN-+001",
            "CESIZEN-4294967296",
            " CESIZEN-0001",
            "CESIZEN-0001 ",
            "CESIZEN-PROD-0001",
            "CESIZEN-١٢٣٤",
        ] {
            let err = bad.parse::<IncidentId>().unwrap_err();
            assert_eq!(err.code(), "validation.incident_id.invalid", "{bad:?}");
        }
    }

    #[test]
    fn next_overflows_with_a_typed_error() {
        let last = IncidentId::new(u32::MAX).unwrap();
        assert_eq!(last.next().unwrap_err().code(), "incident.id.overflow");
    }

    #[test]
    fn serde_uses_the_text_form_and_validates() {
        let id = IncidentId::new(7).unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"CESIZEN-0007\"");
        assert!(serde_json::from_str::<IncidentId>("\"CESIZEN-7\"").is_err());
    }

    proptest! {
        #[test]
        fn parsed_is_the_id_its_number_and_the_next(n in 1u32..) {
            let id = IncidentId::new(n).unwrap();
            match id.parsed() {
                Ok(p) => {
                    prop_assert_eq!((p.id, p.number), (id, n));
                    prop_assert_eq!(p.next.number(), n + 1);
                }
                Err(e) => prop_assert_eq!((n, e), (u32::MAX, IncidentError::IdOverflow)),
            }
        }

        #[test]
        fn display_and_parse_round_trip(n in 1u32..) {
            let id = IncidentId::new(n).unwrap();
            prop_assert_eq!(id.to_string().parse::<IncidentId>().unwrap(), id);
        }

        #[test]
        fn arbitrary_text_never_panics(s in ".{0,24}") {
            if let Ok(id) = s.parse::<IncidentId>() {
                prop_assert_eq!(id.to_string(), s);
            }
        }
    }
}
