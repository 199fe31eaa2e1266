//! HealthKit's State of Mind associations and their mapping onto context tags.

use crate::emotion::{ContextTag, ContextTags, EmotionError};
use crate::stable_code::stable_code_enum;

stable_code_enum! {
    /// The 18 associations of `HKStateOfMind.Association` (iOS 18), in the order of their raw values (1 to 18).
    /// Codes are snake_case ([`HealthKitAssociation::healthkit_name`] gives Apple's camelCase case name).
    ///
    /// Every association has a context tag of the same meaning and back ([`HealthKitAssociation::context_tag`],
    /// [`ContextTag::healthkit_association`]): `education` is `studies`, `current_events` is `news`. The one tag
    /// without an association of its own, `sleep`, is written as `health`.
    ///
    /// ```
    /// use cesizen_core::emotion::{ContextTag, HealthKitAssociation};
    ///
    /// assert_eq!(ContextTag::News.healthkit_association(), HealthKitAssociation::CurrentEvents);
    /// assert_eq!(HealthKitAssociation::CurrentEvents.healthkit_name(), "currentEvents");
    /// assert_eq!(HealthKitAssociation::CurrentEvents.raw_value(), 2);
    /// assert_eq!(ContextTag::Sleep.healthkit_association(), HealthKitAssociation::Health);
    /// ```
    pub enum HealthKitAssociation, unknown: EmotionError = EmotionError::UnknownHealthKitAssociation;
    codes {
        /// `community` (1).
        Community = "community";
        /// `currentEvents` (2).
        CurrentEvents = "current_events";
        /// `dating` (3).
        Dating = "dating";
        /// `education` (4).
        Education = "education";
        /// `family` (5).
        Family = "family";
        /// `fitness` (6).
        Fitness = "fitness";
        /// `friends` (7).
        Friends = "friends";
        /// `health` (8).
        Health = "health";
        /// `hobbies` (9).
        Hobbies = "hobbies";
        /// `identity` (10).
        Identity = "identity";
        /// `money` (11).
        Money = "money";
        /// `partner` (12).
        Partner = "partner";
        /// `selfCare` (13).
        SelfCare = "self_care";
        /// `spirituality` (14).
        Spirituality = "spirituality";
        /// `tasks` (15).
        Tasks = "tasks";
        /// `travel` (16).
        Travel = "travel";
        /// `work` (17).
        Work = "work";
        /// `weather` (18).
        Weather = "weather";
    }
}

impl HealthKitAssociation {
    /// The raw value of `HKStateOfMind.Association`, for `HKStateOfMind.Association(rawValue:)` in Swift.
    pub const fn raw_value(self) -> u8 {
        // ALL is declared in raw-value order from 1; there are 18 members, so the cast cannot truncate.
        self.index() as u8 + 1
    }

    /// The association with this raw value, if any.
    pub fn from_raw_value(raw: i64) -> Option<Self> {
        usize::try_from(raw)
            .ok()?
            .checked_sub(1)
            .and_then(|i| Self::ALL.get(i).copied())
    }

    /// Apple's Swift case name (`currentEvents`, `selfCare`, …).
    pub const fn healthkit_name(self) -> &'static str {
        match self {
            HealthKitAssociation::CurrentEvents => "currentEvents",
            HealthKitAssociation::SelfCare => "selfCare",
            other => other.code(),
        }
    }

    /// The context tag with the same meaning.
    pub const fn context_tag(self) -> ContextTag {
        use HealthKitAssociation as A;
        match self {
            A::Community => ContextTag::Community,
            A::CurrentEvents => ContextTag::News,
            A::Dating => ContextTag::Dating,
            A::Education => ContextTag::Studies,
            A::Family => ContextTag::Family,
            A::Fitness => ContextTag::Fitness,
            A::Friends => ContextTag::Friends,
            A::Health => ContextTag::Health,
            A::Hobbies => ContextTag::Hobbies,
            A::Identity => ContextTag::Identity,
            A::Money => ContextTag::Money,
            A::Partner => ContextTag::Partner,
            A::SelfCare => ContextTag::SelfCare,
            A::Spirituality => ContextTag::Spirituality,
            A::Tasks => ContextTag::Tasks,
            A::Travel => ContextTag::Travel,
            A::Work => ContextTag::Work,
            A::Weather => ContextTag::Weather,
        }
    }
}

impl ContextTag {
    /// The HealthKit association of this tag (`sleep` is written as `health`).
    pub const fn healthkit_association(self) -> HealthKitAssociation {
        use HealthKitAssociation as A;
        match self {
            ContextTag::Work => A::Work,
            ContextTag::Studies => A::Education,
            ContextTag::Family => A::Family,
            ContextTag::Partner => A::Partner,
            ContextTag::Friends => A::Friends,
            ContextTag::Dating => A::Dating,
            ContextTag::Community => A::Community,
            ContextTag::Health | ContextTag::Sleep => A::Health,
            ContextTag::Fitness => A::Fitness,
            ContextTag::SelfCare => A::SelfCare,
            ContextTag::Hobbies => A::Hobbies,
            ContextTag::Money => A::Money,
            ContextTag::Tasks => A::Tasks,
            ContextTag::Travel => A::Travel,
            ContextTag::Weather => A::Weather,
            ContextTag::News => A::CurrentEvents,
            ContextTag::Spirituality => A::Spirituality,
            ContextTag::Identity => A::Identity,
        }
    }
}

impl ContextTags {
    /// The HealthKit associations of these tags, each once, in raw-value order.
    pub fn healthkit_associations(&self) -> Vec<HealthKitAssociation> {
        HealthKitAssociation::ALL
            .into_iter()
            .filter(|a| self.iter().any(|t| t.healthkit_association() == *a))
            .collect()
    }

    /// The tags of HealthKit associations (a sample read from Health). Duplicates collapse.
    pub fn from_healthkit_associations(associations: impl IntoIterator<Item = HealthKitAssociation>) -> Self {
        let mut tags = ContextTags::EMPTY;
        for a in associations {
            tags.insert(a.context_tag());
        }
        tags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_18_with_apple_s_raw_values_and_names() {
        assert_eq!(HealthKitAssociation::COUNT, 18);
        let names: Vec<_> = HealthKitAssociation::ALL.iter().map(|a| a.healthkit_name()).collect();
        assert_eq!(
            names,
            [
                "community",
                "currentEvents",
                "dating",
                "education",
                "family",
                "fitness",
                "friends",
                "health",
                "hobbies",
                "identity",
                "money",
                "partner",
                "selfCare",
                "spirituality",
                "tasks",
                "travel",
                "work",
                "weather"
            ]
        );
        assert_eq!(HealthKitAssociation::Weather.raw_value(), 18);
        for a in HealthKitAssociation::ALL {
            assert_eq!(HealthKitAssociation::from_raw_value(a.raw_value().into()), Some(a));
        }
        assert_eq!(HealthKitAssociation::from_raw_value(19), None);
    }

    #[test]
    fn association_to_tag_and_back_is_the_identity() {
        for a in HealthKitAssociation::ALL {
            assert_eq!(a.context_tag().healthkit_association(), a, "{a}");
        }
    }

    #[test]
    fn tag_to_association_and_back_is_the_identity_except_sleep() {
        for t in ContextTag::ALL {
            let back = t.healthkit_association().context_tag();
            if t == ContextTag::Sleep {
                assert_eq!(back, ContextTag::Health);
            } else {
                assert_eq!(back, t, "{t}");
            }
        }
    }

    #[test]
    fn associations_of_a_set_are_distinct_and_ordered() {
        let tags = ContextTags::new([ContextTag::Sleep, ContextTag::Work, ContextTag::Health]).unwrap();
        assert_eq!(
            tags.healthkit_associations(),
            [HealthKitAssociation::Health, HealthKitAssociation::Work]
        );
        let read = ContextTags::from_healthkit_associations([HealthKitAssociation::Work, HealthKitAssociation::Work]);
        assert_eq!(read, ContextTags::new([ContextTag::Work]).unwrap());
    }
}
