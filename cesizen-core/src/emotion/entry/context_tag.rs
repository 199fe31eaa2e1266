//! What a feeling is about: context tags, and a set of them without duplicates.

use serde::{Deserialize, Serialize};

use crate::emotion::EmotionError;
use crate::stable_code::stable_code_enum;

stable_code_enum! {
    /// A facet of life a feeling is about. Every HealthKit State of Mind association has a tag (see
    /// [`crate::emotion::HealthKitAssociation`]); `sleep` is Cesizen's own, since sleep matters to stress.
    pub enum ContextTag, unknown: EmotionError = EmotionError::UnknownContextTag;
    labels {
        /// Work, the job, colleagues.
        Work = "work", "Work", "Travail";
        /// School, studies, training.
        Studies = "studies", "Studies", "Études";
        /// Family.
        Family = "family", "Family", "Famille";
        /// The partner, the couple.
        Partner = "partner", "Partner", "Couple";
        /// Friends.
        Friends = "friends", "Friends", "Amis";
        /// Dating.
        Dating = "dating", "Dating", "Rencontres";
        /// Community, neighbourhood, associations.
        Community = "community", "Community", "Communauté";
        /// Health, physical or mental.
        Health = "health", "Health", "Santé";
        /// Sleep.
        Sleep = "sleep", "Sleep", "Sommeil";
        /// Sport, physical activity.
        Fitness = "fitness", "Fitness", "Sport";
        /// Taking care of oneself.
        SelfCare = "self_care", "Self-care", "Prendre soin de soi";
        /// Hobbies and leisure.
        Hobbies = "hobbies", "Hobbies", "Loisirs";
        /// Money, finances.
        Money = "money", "Money", "Argent";
        /// Chores and errands.
        Tasks = "tasks", "Tasks", "Tâches";
        /// Travel.
        Travel = "travel", "Travel", "Voyages";
        /// The weather.
        Weather = "weather", "Weather", "Météo";
        /// News, current events.
        News = "news", "News", "Actualité";
        /// Spirituality, religion.
        Spirituality = "spirituality", "Spirituality", "Spiritualité";
        /// Identity, who one is.
        Identity = "identity", "Identity", "Identité";
    }
}

/// A set of context tags: each at most once, always listed in [`ContextTag::ALL`] order.
///
/// JSON form: an array of codes. Deserialization refuses unknown codes and duplicates (a duplicate is a client
/// bug worth seeing, not something to paper over).
///
/// ```
/// use cesizen_core::emotion::{ContextTag, ContextTags};
///
/// let tags = ContextTags::from_codes(["sleep", "work"])?;
/// assert_eq!(tags.iter().collect::<Vec<_>>(), [ContextTag::Work, ContextTag::Sleep]);
/// assert_eq!(ContextTags::from_codes(["work", "work"]).unwrap_err().code(), "validation.context_tag.duplicate");
/// # Ok::<(), cesizen_core::emotion::EmotionError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<ContextTag>")]
pub struct ContextTags(u32);

// One bit per tag.
const _: () = assert!(ContextTag::COUNT <= 32);

impl ContextTags {
    /// No tags.
    pub const EMPTY: ContextTags = ContextTags(0);

    /// A set from tags.
    ///
    /// # Errors
    /// `validation.context_tag.duplicate` when a tag appears twice.
    pub fn new(tags: impl IntoIterator<Item = ContextTag>) -> Result<Self, EmotionError> {
        let mut set = ContextTags::EMPTY;
        for tag in tags {
            if !set.insert(tag) {
                return Err(EmotionError::DuplicateContextTag);
            }
        }
        Ok(set)
    }

    /// A set from codes.
    ///
    /// # Errors
    /// `validation.context_tag.unknown` or `validation.context_tag.duplicate`, for the first bad code.
    pub fn from_codes<S: AsRef<str>>(codes: impl IntoIterator<Item = S>) -> Result<Self, EmotionError> {
        let mut set = ContextTags::EMPTY;
        for code in codes {
            if !set.insert(ContextTag::from_code(code.as_ref())?) {
                return Err(EmotionError::DuplicateContextTag);
            }
        }
        Ok(set)
    }

    /// Adds a tag; returns `false` when it was already there.
    pub fn insert(&mut self, tag: ContextTag) -> bool {
        let bit = 1u32 << tag.index();
        let fresh = self.0 & bit == 0;
        self.0 |= bit;
        fresh
    }

    /// Whether the tag is in the set.
    pub const fn contains(&self, tag: ContextTag) -> bool {
        self.0 & (1u32 << tag.index()) != 0
    }

    /// How many tags.
    pub const fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether there is no tag.
    pub const fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The tags, in [`ContextTag::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = ContextTag> + '_ {
        ContextTag::ALL.into_iter().filter(|t| self.contains(*t))
    }
}

impl TryFrom<Vec<String>> for ContextTags {
    type Error = EmotionError;

    fn try_from(codes: Vec<String>) -> Result<Self, Self::Error> {
        ContextTags::from_codes(codes)
    }
}

impl From<ContextTags> for Vec<ContextTag> {
    fn from(tags: ContextTags) -> Self {
        tags.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn json_is_an_ordered_array_of_codes() {
        let tags = ContextTags::new([ContextTag::SelfCare, ContextTag::Work]).unwrap();
        assert_eq!(serde_json::to_string(&tags).unwrap(), r#"["work","self_care"]"#);
        assert_eq!(
            serde_json::from_str::<ContextTags>(r#"["self_care","work"]"#).unwrap(),
            tags
        );
        assert!(serde_json::from_str::<ContextTags>(r#"["work","work"]"#).is_err());
        assert!(serde_json::from_str::<ContextTags>(r#"["gardening"]"#).is_err());
        assert_eq!(serde_json::to_string(&ContextTags::EMPTY).unwrap(), "[]");
    }

    #[test]
    fn errors_name_the_first_problem() {
        assert_eq!(
            ContextTags::from_codes(["work", "Work"]),
            Err(EmotionError::UnknownContextTag)
        );
        assert_eq!(
            ContextTags::from_codes(["sleep", "sleep", "x"]),
            Err(EmotionError::DuplicateContextTag)
        );
    }

    proptest! {
        #[test]
        fn a_list_is_accepted_exactly_when_it_has_no_duplicate(idx in proptest::collection::vec(0..ContextTag::COUNT, 0..25)) {
            let tags: Vec<_> = idx.iter().map(|i| ContextTag::ALL[*i]).collect();
            let mut distinct = idx.clone();
            distinct.sort_unstable();
            distinct.dedup();
            match ContextTags::new(tags.clone()) {
                Ok(set) => {
                    prop_assert_eq!(distinct.len(), idx.len());
                    prop_assert_eq!(set.len(), idx.len());
                    prop_assert!(tags.iter().all(|t| set.contains(*t)));
                    let json = serde_json::to_string(&set).unwrap();
                    prop_assert_eq!(serde_json::from_str::<ContextTags>(&json).unwrap(), set);
                }
                Err(e) => {
                    prop_assert_eq!(e, EmotionError::DuplicateContextTag);
                    prop_assert!(distinct.len() < idx.len());
                }
            }
        }

        #[test]
        fn parsing_never_panics(codes in proptest::collection::vec(".{0,10}", 0..5)) {
            let _ = ContextTags::from_codes(codes);
        }
    }
}
