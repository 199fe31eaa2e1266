//! Classifying an incident's priority from what it does to users.
//!
//! The plan gives examples per priority: an unreachable app or lost data is P1, an unavailable feature P2, a
//! display bug or slowness P3, interface details or optimisations P4. An incident often shows several
//! impacts at once; it takes the most urgent priority among them.

use serde::{Deserialize, Serialize};

use super::{IncidentError, Priority};

/// An observed impact of an incident, as the plan's examples name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// The application cannot be reached ("App inaccessible").
    AppUnreachable,
    /// Data was lost ("perte données").
    DataLoss,
    /// A feature is unavailable ("Fonctionnalité indisponible").
    FeatureUnavailable,
    /// Something is displayed wrongly ("Bug affichage").
    DisplayBug,
    /// The service is slow ("lenteur").
    Slowness,
    /// A cosmetic interface defect ("Interface").
    Cosmetic,
    /// An optimisation opportunity ("optimisations").
    Optimisation,
}

impl Impact {
    /// Every impact, in declaration order.
    pub const ALL: [Impact; 7] = [
        Impact::AppUnreachable,
        Impact::DataLoss,
        Impact::FeatureUnavailable,
        Impact::DisplayBug,
        Impact::Slowness,
        Impact::Cosmetic,
        Impact::Optimisation,
    ];

    /// The priority the plan gives to this impact alone.
    pub fn priority(self) -> Priority {
        match self {
            Impact::AppUnreachable | Impact::DataLoss => Priority::P1,
            Impact::FeatureUnavailable => Priority::P2,
            Impact::DisplayBug | Impact::Slowness => Priority::P3,
            Impact::Cosmetic | Impact::Optimisation => Priority::P4,
        }
    }
}

/// The priority of an incident showing all of `impacts`: the most urgent of theirs.
///
/// # Errors
/// [`IncidentError::NoImpact`] when `impacts` is empty: an incident without impact is not classified by
/// guessing.
///
/// ```
/// use cesizen_core::incident::{classify, Impact, Priority};
/// assert_eq!(classify(&[Impact::Slowness, Impact::FeatureUnavailable]).unwrap(), Priority::P2);
/// ```
pub fn classify(impacts: &[Impact]) -> Result<Priority, IncidentError> {
    impacts
        .iter()
        .map(|i| i.priority())
        .min()
        .ok_or(IncidentError::NoImpact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plan_examples_per_priority() {
        assert_eq!(classify(&[Impact::AppUnreachable]).unwrap(), Priority::P1);
        assert_eq!(classify(&[Impact::DataLoss]).unwrap(), Priority::P1);
        assert_eq!(classify(&[Impact::FeatureUnavailable]).unwrap(), Priority::P2);
        assert_eq!(classify(&[Impact::DisplayBug]).unwrap(), Priority::P3);
        assert_eq!(classify(&[Impact::Slowness]).unwrap(), Priority::P3);
        assert_eq!(classify(&[Impact::Cosmetic]).unwrap(), Priority::P4);
        assert_eq!(classify(&[Impact::Optimisation]).unwrap(), Priority::P4);
    }

    #[test]
    fn no_impact_is_refused() {
        assert_eq!(classify(&[]).unwrap_err().code(), "incident.impact.empty");
    }

    proptest! {
        #[test]
        fn most_urgent_impact_wins_whatever_the_order(
            picks in proptest::collection::vec(0usize..Impact::ALL.len(), 1..10),
        ) {
            let impacts: Vec<Impact> = picks.iter().map(|&i| Impact::ALL[i]).collect();
            let got = classify(&impacts).unwrap();
            prop_assert!(impacts.iter().all(|i| got <= i.priority()));
            prop_assert!(impacts.iter().any(|i| got == i.priority()));
            let mut reversed = impacts.clone();
            reversed.reverse();
            prop_assert_eq!(classify(&reversed).unwrap(), got);
        }
    }
}
