//! Who made a move: a person's handle or an automated system's name.

use serde::{Deserialize, Serialize};

use super::IncidentError;

const MAX_CHARS: usize = 128;

/// The author of a workflow event: 1 to 128 characters, no control characters, no surrounding spaces.
///
/// Automated moves (a rollback triggered by monitoring) name the system, e.g. `"deployment-guard"`.
///
/// ```
/// use cesizen_core::incident::Actor;
/// assert_eq!(Actor::new("alice").unwrap().as_str(), "alice");
/// assert!(Actor::new(" ").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Actor(String);

impl Actor {
    /// Validates an actor name.
    ///
    /// # Errors
    /// [`IncidentError::InvalidActor`] when empty, longer than 128 characters, padded with spaces or holding
    /// control characters.
    pub fn new(name: impl Into<String>) -> Result<Self, IncidentError> {
        let name = name.into();
        if is_clean_text(&name, MAX_CHARS) {
            Ok(Actor(name))
        } else {
            Err(IncidentError::InvalidActor)
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `text` is non-empty, at most `max_chars` characters, without control characters and without
/// leading or trailing white space: the rule for every short free-text field of this module.
pub(crate) fn is_clean_text(text: &str, max_chars: usize) -> bool {
    !text.is_empty() && text.trim() == text && text.chars().count() <= max_chars && !text.chars().any(char::is_control)
}

impl TryFrom<String> for Actor {
    type Error = IncidentError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Actor::new(value)
    }
}

impl From<Actor> for String {
    fn from(actor: Actor) -> String {
        actor.0
    }
}

impl core::fmt::Display for Actor {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn boundaries_of_length() {
        assert!(Actor::new("a".repeat(128)).is_ok());
        assert_eq!(
            Actor::new("a".repeat(129)).unwrap_err().code(),
            "validation.actor.invalid"
        );
        assert!(Actor::new("").is_err());
        assert!(Actor::new("bob\n").is_err());
        assert!(Actor::new(" bob").is_err());
        assert!(Actor::new("Zoé Durand").is_ok());
    }

    proptest! {
        #[test]
        fn accepted_names_round_trip_through_json(s in "\\PC{0,140}") {
            if let Ok(actor) = Actor::new(s.clone()) {
                let json = serde_json::to_string(&actor).unwrap();
                prop_assert_eq!(serde_json::from_str::<Actor>(&json).unwrap(), actor);
            } else {
                prop_assert!(serde_json::from_str::<Actor>(&serde_json::to_string(&s).unwrap()).is_err());
            }
        }
    }
}
