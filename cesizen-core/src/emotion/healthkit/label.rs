//! HealthKit's State of Mind labels and their mapping onto the taxonomy.

use crate::emotion::{BaseEmotion, Emotion, EmotionError, Nuance};
use crate::stable_code::stable_code_enum;

stable_code_enum! {
    /// The 38 labels of `HKStateOfMind.Label` (iOS 18), in the order of their raw values (1 to 38): the 31 of
    /// the first release in alphabetical order, then the seven added after them. Codes are Apple's case names.
    ///
    /// Mapping, both ways:
    /// - [`Emotion::healthkit_label`] gives one label per emotion: the nuance's label when it has one
    ///   ([`Nuance::Worry`] → `worried`), else the base emotion's (`happy`, `angry`, `scared`, `sad`,
    ///   `surprised`, `disgusted`). Every nuance has a label; several nuances may share one (dread, panic and
    ///   terror are all `scared`).
    /// - [`HealthKitLabel::emotion`] reads a label back: the nuance it names, the base emotion when it names
    ///   only that (`scared` → fear), or `None` for the labels that are not emotions of the taxonomy (`brave`,
    ///   `confident`, `drained`, `indifferent`, `passionate`). Reading a written label back always gives the
    ///   same base emotion.
    ///
    /// ```
    /// use cesizen_core::emotion::{BaseEmotion, Emotion, HealthKitLabel, Nuance};
    ///
    /// assert_eq!(Emotion::from_nuance(Nuance::Worry).healthkit_label(), HealthKitLabel::Worried);
    /// assert_eq!(HealthKitLabel::Worried.raw_value(), 31);
    /// assert_eq!(HealthKitLabel::Scared.emotion(), Some(Emotion::from_base(BaseEmotion::Fear)));
    /// assert_eq!(HealthKitLabel::Drained.emotion(), None);
    /// ```
    pub enum HealthKitLabel, unknown: EmotionError = EmotionError::UnknownHealthKitLabel;
    codes {
        /// `amazed` (1).
        Amazed = "amazed";
        /// `amused` (2).
        Amused = "amused";
        /// `angry` (3).
        Angry = "angry";
        /// `anxious` (4).
        Anxious = "anxious";
        /// `ashamed` (5).
        Ashamed = "ashamed";
        /// `brave` (6).
        Brave = "brave";
        /// `calm` (7).
        Calm = "calm";
        /// `content` (8).
        Content = "content";
        /// `disappointed` (9).
        Disappointed = "disappointed";
        /// `discouraged` (10).
        Discouraged = "discouraged";
        /// `disgusted` (11).
        Disgusted = "disgusted";
        /// `embarrassed` (12).
        Embarrassed = "embarrassed";
        /// `excited` (13).
        Excited = "excited";
        /// `frustrated` (14).
        Frustrated = "frustrated";
        /// `grateful` (15).
        Grateful = "grateful";
        /// `guilty` (16).
        Guilty = "guilty";
        /// `happy` (17).
        Happy = "happy";
        /// `hopeless` (18).
        Hopeless = "hopeless";
        /// `irritated` (19).
        Irritated = "irritated";
        /// `jealous` (20).
        Jealous = "jealous";
        /// `joyful` (21).
        Joyful = "joyful";
        /// `lonely` (22).
        Lonely = "lonely";
        /// `passionate` (23).
        Passionate = "passionate";
        /// `peaceful` (24).
        Peaceful = "peaceful";
        /// `proud` (25).
        Proud = "proud";
        /// `relieved` (26).
        Relieved = "relieved";
        /// `sad` (27).
        Sad = "sad";
        /// `scared` (28).
        Scared = "scared";
        /// `stressed` (29).
        Stressed = "stressed";
        /// `surprised` (30).
        Surprised = "surprised";
        /// `worried` (31).
        Worried = "worried";
        /// `annoyed` (32).
        Annoyed = "annoyed";
        /// `confident` (33).
        Confident = "confident";
        /// `drained` (34).
        Drained = "drained";
        /// `hopeful` (35).
        Hopeful = "hopeful";
        /// `indifferent` (36).
        Indifferent = "indifferent";
        /// `overwhelmed` (37).
        Overwhelmed = "overwhelmed";
        /// `satisfied` (38).
        Satisfied = "satisfied";
    }
}

impl HealthKitLabel {
    /// The raw value of `HKStateOfMind.Label`, for `HKStateOfMind.Label(rawValue:)` in Swift.
    pub const fn raw_value(self) -> u8 {
        // ALL is declared in raw-value order from 1; there are 38 members, so the cast cannot truncate.
        self.index() as u8 + 1
    }

    /// The label with this raw value, if any.
    pub fn from_raw_value(raw: i64) -> Option<Self> {
        usize::try_from(raw)
            .ok()?
            .checked_sub(1)
            .and_then(|i| Self::ALL.get(i).copied())
    }

    /// The taxonomy's reading of this label, or `None` when it is not one of its emotions.
    ///
    /// Approximations, by design: `calm` and `peaceful` both read as serenity, `satisfied` as contentment,
    /// `embarrassed` as shame and `overwhelmed` as stress, the nearest nuances the taxonomy has.
    pub const fn emotion(self) -> Option<Emotion> {
        use HealthKitLabel as L;
        let nuance = match self {
            L::Amazed => Nuance::Amazement,
            L::Amused => Nuance::Amusement,
            L::Annoyed => Nuance::Annoyance,
            L::Anxious => Nuance::Anxiety,
            L::Ashamed | L::Embarrassed => Nuance::Shame,
            L::Calm | L::Peaceful => Nuance::Serenity,
            L::Content | L::Satisfied => Nuance::Contentment,
            L::Disappointed => Nuance::Disappointment,
            L::Discouraged => Nuance::Discouragement,
            L::Excited => Nuance::Enthusiasm,
            L::Frustrated => Nuance::Frustration,
            L::Grateful => Nuance::Gratitude,
            L::Guilty => Nuance::Guilt,
            L::Hopeful => Nuance::Hope,
            L::Hopeless => Nuance::Hopelessness,
            L::Irritated => Nuance::Irritation,
            L::Jealous => Nuance::Jealousy,
            L::Lonely => Nuance::Loneliness,
            L::Proud => Nuance::Pride,
            L::Relieved => Nuance::Relief,
            L::Stressed | L::Overwhelmed => Nuance::Stress,
            L::Worried => Nuance::Worry,
            L::Happy | L::Joyful => return Some(Emotion::from_base(BaseEmotion::Joy)),
            L::Angry => return Some(Emotion::from_base(BaseEmotion::Anger)),
            L::Scared => return Some(Emotion::from_base(BaseEmotion::Fear)),
            L::Sad => return Some(Emotion::from_base(BaseEmotion::Sadness)),
            L::Surprised => return Some(Emotion::from_base(BaseEmotion::Surprise)),
            L::Disgusted => return Some(Emotion::from_base(BaseEmotion::Disgust)),
            L::Brave | L::Confident | L::Drained | L::Indifferent | L::Passionate => return None,
        };
        Some(Emotion::from_nuance(nuance))
    }
}

impl BaseEmotion {
    /// The HealthKit label of this base emotion without a nuance.
    pub const fn healthkit_label(self) -> HealthKitLabel {
        match self {
            BaseEmotion::Joy => HealthKitLabel::Happy,
            BaseEmotion::Anger => HealthKitLabel::Angry,
            BaseEmotion::Fear => HealthKitLabel::Scared,
            BaseEmotion::Sadness => HealthKitLabel::Sad,
            BaseEmotion::Surprise => HealthKitLabel::Surprised,
            BaseEmotion::Disgust => HealthKitLabel::Disgusted,
        }
    }
}

impl Nuance {
    /// The HealthKit label nearest to this nuance.
    pub const fn healthkit_label(self) -> HealthKitLabel {
        use HealthKitLabel as L;
        use Nuance::*;
        match self {
            Contentment => L::Content,
            Serenity => L::Peaceful,
            Amusement => L::Amused,
            Pride => L::Proud,
            Relief => L::Relieved,
            Gratitude => L::Grateful,
            Enthusiasm => L::Excited,
            Hope => L::Hopeful,
            Annoyance => L::Annoyed,
            Irritation => L::Irritated,
            Frustration | Exasperation => L::Frustrated,
            Resentment | Fury => L::Angry,
            Jealousy => L::Jealous,
            Worry | Apprehension => L::Worried,
            Nervousness | Anxiety => L::Anxious,
            Stress => L::Stressed,
            Dread | Panic | Terror => L::Scared,
            Disappointment => L::Disappointed,
            Discouragement => L::Discouraged,
            Loneliness => L::Lonely,
            Melancholy | Grief => L::Sad,
            Hopelessness => L::Hopeless,
            Guilt => L::Guilty,
            Shame => L::Ashamed,
            Astonishment | Shock | Bewilderment => L::Surprised,
            Amazement | Wonder => L::Amazed,
            Dislike | Aversion | Contempt | Repugnance | Revulsion | Loathing => L::Disgusted,
        }
    }
}

impl Emotion {
    /// The HealthKit label of this emotion: the nuance's when there is one, else the base emotion's.
    pub const fn healthkit_label(&self) -> HealthKitLabel {
        match self.nuance() {
            Some(n) => n.healthkit_label(),
            None => self.base().healthkit_label(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_38_labels_with_apple_s_raw_values() {
        assert_eq!(HealthKitLabel::COUNT, 38);
        assert_eq!(HealthKitLabel::Amazed.raw_value(), 1);
        assert_eq!(HealthKitLabel::Worried.raw_value(), 31);
        assert_eq!(HealthKitLabel::Annoyed.raw_value(), 32);
        assert_eq!(HealthKitLabel::Satisfied.raw_value(), 38);
        for l in HealthKitLabel::ALL {
            assert_eq!(HealthKitLabel::from_raw_value(l.raw_value().into()), Some(l));
        }
        assert_eq!(HealthKitLabel::from_raw_value(0), None);
        assert_eq!(HealthKitLabel::from_raw_value(39), None);
        assert_eq!(HealthKitLabel::from_raw_value(-1), None);
        // The first 31 are alphabetical, as in Apple's header.
        let first: Vec<_> = HealthKitLabel::ALL[..31].iter().map(|l| l.code()).collect();
        assert!(first.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn writing_then_reading_keeps_the_base_emotion() {
        for n in Nuance::ALL {
            let read = n.healthkit_label().emotion().expect("every written label reads back");
            assert_eq!(read.base(), n.base(), "{n}");
        }
        for b in BaseEmotion::ALL {
            assert_eq!(b.healthkit_label().emotion(), Some(Emotion::from_base(b)));
        }
    }

    #[test]
    fn a_label_named_by_one_nuance_reads_back_as_that_nuance() {
        for n in Nuance::ALL {
            let label = n.healthkit_label();
            let sharing = Nuance::ALL.iter().filter(|m| m.healthkit_label() == label).count();
            if sharing == 1 && label != n.base().healthkit_label() {
                assert_eq!(label.emotion(), Some(Emotion::from_nuance(n)), "{n}");
            }
        }
    }

    #[test]
    fn labels_read_as_emotions_are_written_back_as_themselves_or_a_synonym() {
        use HealthKitLabel as L;
        let synonyms = [
            (L::Calm, L::Peaceful),
            (L::Satisfied, L::Content),
            (L::Embarrassed, L::Ashamed),
            (L::Overwhelmed, L::Stressed),
            (L::Joyful, L::Happy),
        ];
        for l in HealthKitLabel::ALL {
            if let Some(e) = l.emotion() {
                let back = e.healthkit_label();
                assert!(back == l || synonyms.contains(&(l, back)), "{l} -> {back}");
            }
        }
    }
}
