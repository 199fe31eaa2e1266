//! The user's time zone, by IANA name.
//!
//! Days, weeks and streaks are counted in the user's own time zone (a late-evening meditation in Paris is not
//! "tomorrow" because the server runs in UTC), so every account carries an IANA time zone such as
//! `Europe/Paris`. Names are matched exactly, as the tz database spells them; the database of [`crate::tz`] is
//! the reference, links such as `US/Eastern` included.
//!
//! ```
//! use cesizen_core::user::IanaTimeZone;
//!
//! let zone = IanaTimeZone::parse("Europe/Paris")?;
//! assert_eq!(zone.name(), "Europe/Paris");
//! assert_eq!(IanaTimeZone::parse("Europe/Atlantis").unwrap_err().code(), "validation.time_zone.unknown");
//! # Ok::<(), cesizen_core::user::UserError>(())
//! ```

use super::UserError;
use crate::tz::Tz;

/// An IANA time zone. Serialized as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IanaTimeZone(Tz);

impl IanaTimeZone {
    /// `Europe/Paris`, the zone of the plan's maintenance calendar and the app's default.
    pub const EUROPE_PARIS: IanaTimeZone = IanaTimeZone(Tz::EUROPE_PARIS);

    /// Looks a zone up by its exact IANA name.
    ///
    /// # Errors
    /// `validation.time_zone.unknown` when the tz database has no such name.
    pub fn parse(name: &str) -> Result<Self, UserError> {
        Ok(IanaTimeZone(name.parse::<Tz>()?))
    }

    /// The IANA name, e.g. `"Europe/Paris"`.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The zone, to convert times.
    pub fn tz(&self) -> Tz {
        self.0
    }
}

impl From<Tz> for IanaTimeZone {
    fn from(tz: Tz) -> Self {
        IanaTimeZone(tz)
    }
}

impl core::fmt::Display for IanaTimeZone {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

impl TryFrom<String> for IanaTimeZone {
    type Error = UserError;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        IanaTimeZone::parse(&name)
    }
}

impl From<IanaTimeZone> for String {
    fn from(zone: IanaTimeZone) -> Self {
        zone.name().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn knows_iana_names_exactly() {
        for name in [
            "Europe/Paris",
            "America/Martinique",
            "Indian/Reunion",
            "Pacific/Noumea",
            "UTC",
            "US/Eastern",
        ] {
            assert_eq!(IanaTimeZone::parse(name).unwrap().name(), name);
        }
        for bad in ["", "europe/paris", "Europe/Atlantis", "CET+1", " Europe/Paris"] {
            assert_eq!(
                IanaTimeZone::parse(bad),
                Err(UserError::UnknownTimeZone(crate::tz::UnknownTimeZone)),
                "{bad:?}"
            );
        }
        assert_eq!(IanaTimeZone::EUROPE_PARIS.name(), "Europe/Paris");
    }

    #[test]
    fn serde_is_the_name() {
        let json = serde_json::to_string(&IanaTimeZone::EUROPE_PARIS).unwrap();
        assert_eq!(json, "\"Europe/Paris\"");
        assert_eq!(
            serde_json::from_str::<IanaTimeZone>(&json).unwrap(),
            IanaTimeZone::EUROPE_PARIS
        );
        assert!(serde_json::from_str::<IanaTimeZone>("\"Mars/Olympus\"").is_err());
    }

    proptest! {
        #[test]
        fn every_zone_round_trips(index in 0..Tz::all().len()) {
            let zone = IanaTimeZone::from(Tz::all().nth(index).unwrap());
            prop_assert_eq!(IanaTimeZone::parse(zone.name()).unwrap(), zone);
        }

        #[test]
        fn any_input_is_accepted_or_refused_without_panic(name in "\\PC{0,40}") {
            if let Ok(zone) = IanaTimeZone::parse(&name) { prop_assert_eq!(zone.name(), name); }
        }
    }
}
