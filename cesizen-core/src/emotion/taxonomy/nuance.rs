//! The nuances: the second level of the taxonomy, each owned by one base emotion.

use crate::emotion::{BaseEmotion, EmotionError};
use crate::stable_code::stable_code_enum;

stable_code_enum! {
    /// A nuance of a base emotion (“worry” is a nuance of fear). A nuance belongs to exactly one base emotion,
    /// given by [`Nuance::base`]; an emotion is therefore either a base emotion alone or a nuance, and a nuance
    /// paired with the wrong base cannot be built.
    ///
    /// The lists follow the second and third levels of Parrott's tree of emotions (2001) and the emotional
    /// states of Ekman's *Atlas of Emotions*, chosen so that every nuance is one a person can name about
    /// themselves, and that most map onto a HealthKit State of Mind label. Nuances are grouped by base emotion,
    /// in base order, from the mildest to the most intense where a scale exists.
    ///
    /// ```
    /// use cesizen_core::emotion::{BaseEmotion, Nuance};
    ///
    /// let worry = Nuance::from_code("worry")?;
    /// assert_eq!(worry.base(), BaseEmotion::Fear);
    /// assert_eq!((worry.label_en(), worry.label_fr()), ("Worry", "Inquiétude"));
    /// # Ok::<(), cesizen_core::emotion::EmotionError>(())
    /// ```
    pub enum Nuance, unknown: EmotionError = EmotionError::UnknownNuance;
    labels {
        /// Joy: a quiet sense that things are as they should be.
        Contentment = "contentment", "Contentment", "Contentement";
        /// Joy: calm and untroubled.
        Serenity = "serenity", "Serenity", "Sérénité";
        /// Joy: finding something funny.
        Amusement = "amusement", "Amusement", "Amusement";
        /// Joy: satisfaction in an achievement, one's own or a close one's.
        Pride = "pride", "Pride", "Fierté";
        /// Joy: a weight lifted, a threat gone.
        Relief = "relief", "Relief", "Soulagement";
        /// Joy: thankfulness for what one received.
        Gratitude = "gratitude", "Gratitude", "Gratitude";
        /// Joy: eager, energised pleasure.
        Enthusiasm = "enthusiasm", "Enthusiasm", "Enthousiasme";
        /// Joy: pleasant expectation of what comes.
        Hope = "hope", "Hope", "Espoir";
        /// Anger: mild, passing displeasure.
        Annoyance = "annoyance", "Annoyance", "Agacement";
        /// Anger: impatience rubbed raw.
        Irritation = "irritation", "Irritation", "Irritation";
        /// Anger: a goal repeatedly blocked.
        Frustration = "frustration", "Frustration", "Frustration";
        /// Anger: patience exhausted.
        Exasperation = "exasperation", "Exasperation", "Exaspération";
        /// Anger: lasting bitterness at an unfairness.
        Resentment = "resentment", "Resentment", "Ressentiment";
        /// Anger: fear of losing someone's affection to another.
        Jealousy = "jealousy", "Jealousy", "Jalousie";
        /// Anger: at its most intense.
        Fury = "fury", "Fury", "Fureur";
        /// Fear: thoughts returning to what might go wrong.
        Worry = "worry", "Worry", "Inquiétude";
        /// Fear: unease about something to come.
        Apprehension = "apprehension", "Apprehension", "Appréhension";
        /// Fear: agitation, on edge.
        Nervousness = "nervousness", "Nervousness", "Nervosité";
        /// Fear: diffuse, lasting unease without a precise threat.
        Anxiety = "anxiety", "Anxiety", "Anxiété";
        /// Fear: pressure of demands felt to exceed one's resources.
        Stress = "stress", "Stress", "Stress";
        /// Fear: strong fear of something coming.
        Dread = "dread", "Dread", "Effroi";
        /// Fear: sudden, overwhelming, with a loss of control.
        Panic = "panic", "Panic", "Panique";
        /// Fear: at its most intense.
        Terror = "terror", "Terror", "Terreur";
        /// Sadness: an expectation not met.
        Disappointment = "disappointment", "Disappointment", "Déception";
        /// Sadness: loss of the will to go on trying.
        Discouragement = "discouragement", "Discouragement", "Découragement";
        /// Sadness: missing connection with others.
        Loneliness = "loneliness", "Loneliness", "Solitude";
        /// Sadness: a lasting, pensive low mood.
        Melancholy = "melancholy", "Melancholy", "Mélancolie";
        /// Sadness: the pain of a loss.
        Grief = "grief", "Grief", "Chagrin";
        /// Sadness: no way out can be seen.
        Hopelessness = "hopelessness", "Hopelessness", "Désespoir";
        /// Sadness: the sense of having done wrong.
        Guilt = "guilt", "Guilt", "Culpabilité";
        /// Sadness: the sense of being wrong or exposed.
        Shame = "shame", "Shame", "Honte";
        /// Surprise: something unexpected.
        Astonishment = "astonishment", "Astonishment", "Étonnement";
        /// Surprise: strong, hard to believe.
        Amazement = "amazement", "Amazement", "Stupéfaction";
        /// Surprise: delighted by something beautiful or vast.
        Wonder = "wonder", "Wonder", "Émerveillement";
        /// Surprise: sudden and unpleasant.
        Shock = "shock", "Shock", "Choc";
        /// Surprise: not understanding what happens.
        Bewilderment = "bewilderment", "Bewilderment", "Perplexité";
        /// Disgust: mild, not liking.
        Dislike = "dislike", "Dislike", "Antipathie";
        /// Disgust: wanting to keep away.
        Aversion = "aversion", "Aversion", "Aversion";
        /// Disgust: looking down on someone.
        Contempt = "contempt", "Contempt", "Mépris";
        /// Disgust: strong moral or physical rejection.
        Repugnance = "repugnance", "Repugnance", "Répugnance";
        /// Disgust: felt in the body, nausea.
        Revulsion = "revulsion", "Revulsion", "Écœurement";
        /// Disgust: at its most intense.
        Loathing = "loathing", "Loathing", "Exécration";
    }
}

impl Nuance {
    /// The base emotion this nuance belongs to. Fixed by the taxonomy.
    pub const fn base(self) -> BaseEmotion {
        use Nuance::*;
        match self {
            Contentment | Serenity | Amusement | Pride | Relief | Gratitude | Enthusiasm | Hope => BaseEmotion::Joy,
            Annoyance | Irritation | Frustration | Exasperation | Resentment | Jealousy | Fury => BaseEmotion::Anger,
            Worry | Apprehension | Nervousness | Anxiety | Stress | Dread | Panic | Terror => BaseEmotion::Fear,
            Disappointment | Discouragement | Loneliness | Melancholy | Grief | Hopelessness | Guilt | Shame => {
                BaseEmotion::Sadness
            }
            Astonishment | Amazement | Wonder | Shock | Bewilderment => BaseEmotion::Surprise,
            Dislike | Aversion | Contempt | Repugnance | Revulsion | Loathing => BaseEmotion::Disgust,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_base_has_five_to_eight_nuances_grouped_in_base_order() {
        for base in BaseEmotion::ALL {
            let n = base.nuances().count();
            assert!((5..=8).contains(&n), "{base}: {n}");
        }
        let bases: Vec<_> = Nuance::ALL.iter().map(|n| n.base().index()).collect();
        assert!(bases.windows(2).all(|w| w[0] <= w[1]), "nuances are grouped by base");
        assert_eq!(Nuance::COUNT, 42);
    }

    #[test]
    fn the_issue_s_fear_nuances_are_there() {
        for code in ["worry", "anxiety", "terror", "apprehension", "panic", "dread"] {
            assert_eq!(Nuance::from_code(code).unwrap().base(), BaseEmotion::Fear, "{code}");
        }
    }

    #[test]
    fn codes_and_labels_are_unique_and_well_formed() {
        let codes: HashSet<_> = Nuance::ALL.iter().map(|n| n.code()).collect();
        let bases: HashSet<_> = BaseEmotion::ALL.iter().map(|b| b.code()).collect();
        assert_eq!(codes.len(), Nuance::COUNT);
        assert!(codes.is_disjoint(&bases), "a code names one thing");
        for n in Nuance::ALL {
            assert!(n.code().bytes().all(|b| b.is_ascii_lowercase()));
            assert!(!n.label_en().is_empty() && !n.label_fr().is_empty());
            assert_eq!(Nuance::from_code(n.code()), Ok(n));
        }
        let fr: HashSet<_> = Nuance::ALL.iter().map(|n| n.label_fr()).collect();
        assert_eq!(fr.len(), Nuance::COUNT, "French labels are distinct");
    }

    #[test]
    fn unknown_codes_are_refused() {
        assert_eq!(Nuance::from_code("joy"), Err(EmotionError::UnknownNuance));
        assert_eq!(Nuance::from_code("WORRY"), Err(EmotionError::UnknownNuance));
    }
}
