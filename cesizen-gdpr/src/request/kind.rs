//! The kinds of data-subject requests and the reasons a controller may refuse one.

use serde::{Deserialize, Serialize};

/// The rights a person exercises through a request.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// Art. 15: a copy of the data and the information about its processing (the plan: export < 48 h).
    Access,
    /// Art. 16: correction of inaccurate data (the plan: immediate, in the interface).
    Rectification,
    /// Art. 17: erasure (the plan: complete erasure < 30 days, automated).
    Erasure,
    /// Art. 20: the data the person provided, in a structured machine-readable format (the plan: JSON < 48 h).
    Portability,
    /// Art. 18: restriction of processing (storage only) while a dispute is settled.
    Restriction,
    /// Art. 21: objection to processing based on legitimate interests.
    Objection,
    /// Art. 7(3): withdrawal of consent, as easy as giving it.
    ConsentWithdrawal,
}

impl RequestKind {
    /// Every kind, in a stable order.
    pub const ALL: [RequestKind; 7] = [
        RequestKind::Access,
        RequestKind::Rectification,
        RequestKind::Erasure,
        RequestKind::Portability,
        RequestKind::Restriction,
        RequestKind::Objection,
        RequestKind::ConsentWithdrawal,
    ];

    /// The stable snake_case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            RequestKind::Access => "access",
            RequestKind::Rectification => "rectification",
            RequestKind::Erasure => "erasure",
            RequestKind::Portability => "portability",
            RequestKind::Restriction => "restriction",
            RequestKind::Objection => "objection",
            RequestKind::ConsentWithdrawal => "consent_withdrawal",
        }
    }

    /// The GDPR article granting the right.
    pub fn article(&self) -> &'static str {
        match self {
            RequestKind::Access => "Art. 15",
            RequestKind::Rectification => "Art. 16",
            RequestKind::Erasure => "Art. 17",
            RequestKind::Portability => "Art. 20",
            RequestKind::Restriction => "Art. 18",
            RequestKind::Objection => "Art. 21",
            RequestKind::ConsentWithdrawal => "Art. 7(3)",
        }
    }
}

/// Why a request is refused, in whole. Art. 12(4) obliges the controller to say why, and to tell the person
/// they may complain to the supervisory authority and seek a judicial remedy.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RefusalReason {
    /// Art. 12(5)(b): manifestly unfounded. The controller bears the burden of proof.
    ManifestlyUnfounded,
    /// Art. 12(5)(b): excessive, in particular because repetitive.
    Excessive,
    /// Art. 11(2) and 12(2): the controller cannot identify the person, even with the information asked for.
    IdentityNotEstablished,
    /// Art. 17(3)(b): erasure refused, the data being needed to comply with a legal obligation.
    ErasureLegalObligation,
    /// Art. 17(3)(e): erasure refused, the data being needed for legal claims.
    ErasureLegalClaims,
    /// Art. 17(3)(c) and (d): erasure refused for public health or archiving, research and statistics.
    ErasurePublicInterest,
    /// Art. 21(1): compelling legitimate grounds override the objection, or the data is needed for legal claims.
    CompellingLegitimateGrounds,
    /// Art. 20(1): the processing is not based on consent or contract, or not automated.
    PortabilityNotApplicable,
    /// Art. 18(1): none of the conditions for restriction holds.
    RestrictionConditionsNotMet,
    /// Art. 15(4) and 20(4): giving the data would adversely affect the rights and freedoms of others.
    RightsOfOthers,
    /// Art. 23: a Union or member-state law restricts the right.
    LegalRestriction,
}

impl RefusalReason {
    /// The stable snake_case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            RefusalReason::ManifestlyUnfounded => "manifestly_unfounded",
            RefusalReason::Excessive => "excessive",
            RefusalReason::IdentityNotEstablished => "identity_not_established",
            RefusalReason::ErasureLegalObligation => "erasure_legal_obligation",
            RefusalReason::ErasureLegalClaims => "erasure_legal_claims",
            RefusalReason::ErasurePublicInterest => "erasure_public_interest",
            RefusalReason::CompellingLegitimateGrounds => "compelling_legitimate_grounds",
            RefusalReason::PortabilityNotApplicable => "portability_not_applicable",
            RefusalReason::RestrictionConditionsNotMet => "restriction_conditions_not_met",
            RefusalReason::RightsOfOthers => "rights_of_others",
            RefusalReason::LegalRestriction => "legal_restriction",
        }
    }

    /// Whether this reason can justify refusing a request of `kind`. A consent withdrawal is refused only when
    /// the person cannot be identified: Art. 7(3) makes withdrawal as easy as consent, with no exception.
    pub fn applies_to(&self, kind: RequestKind) -> bool {
        use RefusalReason as R;
        use RequestKind as K;
        if kind == K::ConsentWithdrawal {
            return *self == R::IdentityNotEstablished;
        }
        match self {
            R::ManifestlyUnfounded | R::Excessive | R::IdentityNotEstablished | R::LegalRestriction => true,
            R::ErasureLegalObligation | R::ErasureLegalClaims | R::ErasurePublicInterest => kind == K::Erasure,
            R::CompellingLegitimateGrounds => kind == K::Objection,
            R::PortabilityNotApplicable => kind == K::Portability,
            R::RestrictionConditionsNotMet => kind == K::Restriction,
            R::RightsOfOthers => matches!(kind, K::Access | K::Portability),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_stable_and_match_serde() {
        for k in RequestKind::ALL {
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.as_str()));
        }
        let r = RefusalReason::ErasureLegalClaims;
        assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.as_str()));
    }

    #[test]
    fn right_specific_reasons_apply_to_their_right_only() {
        assert!(RefusalReason::ErasureLegalClaims.applies_to(RequestKind::Erasure));
        assert!(!RefusalReason::ErasureLegalClaims.applies_to(RequestKind::Access));
        assert!(RefusalReason::RightsOfOthers.applies_to(RequestKind::Portability));
        assert!(!RefusalReason::RightsOfOthers.applies_to(RequestKind::Erasure));
        assert!(RefusalReason::Excessive.applies_to(RequestKind::Access));
        assert!(!RefusalReason::Excessive.applies_to(RequestKind::ConsentWithdrawal));
        assert!(RefusalReason::IdentityNotEstablished.applies_to(RequestKind::ConsentWithdrawal));
    }
}
