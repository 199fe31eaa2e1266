//! The 43 life events of the Holmes–Rahe Social Readjustment Rating Scale, with their points.

use serde::{Deserialize, Serialize};

use crate::stable_code::stable_code_enum;
use crate::stress::StressError;

stable_code_enum! {
    /// A life event of the Social Readjustment Rating Scale (Holmes & Rahe, *Journal of Psychosomatic
    /// Research* 11, 1967, table 3), in the table's order, from the most to the least readjustment.
    ///
    /// [`LifeEvent::points`] gives the event's life change units (LCU), from 100 for the death of a spouse to 11
    /// for a minor violation of the law. Labels follow the 1967 wording, modernised where it names a gender
    /// (“spouse begins or stops work” for “wife begins or stops work”) or a 1967 sum (the \$10,000 mortgage,
    /// which the scale meant as a large loan, is “large mortgage or loan”).
    ///
    /// ```
    /// use cesizen_core::stress::LifeEvent;
    ///
    /// assert_eq!(LifeEvent::DeathOfSpouse.points(), 100);
    /// assert_eq!(LifeEvent::from_code("christmas")?.points(), 12);
    /// assert_eq!(LifeEvent::ALL.len(), 43);
    /// # Ok::<(), cesizen_core::stress::StressError>(())
    /// ```
    pub enum LifeEvent, unknown: StressError = StressError::UnknownLifeEvent;
    labels {
        /// 100 LCU.
        DeathOfSpouse = "death_of_spouse", "Death of a spouse", "Décès du conjoint";
        /// 73 LCU.
        Divorce = "divorce", "Divorce", "Divorce";
        /// 65 LCU.
        MaritalSeparation = "marital_separation", "Marital separation", "Séparation conjugale";
        /// 63 LCU.
        JailTerm = "jail_term", "Jail term", "Peine de prison";
        /// 63 LCU.
        DeathOfCloseFamilyMember = "death_of_close_family_member", "Death of a close family member",
            "Décès d'un proche parent";
        /// 53 LCU.
        PersonalInjuryOrIllness = "personal_injury_or_illness", "Personal injury or illness",
            "Blessure ou maladie personnelle";
        /// 50 LCU.
        Marriage = "marriage", "Marriage", "Mariage";
        /// 47 LCU.
        FiredAtWork = "fired_at_work", "Fired at work", "Licenciement";
        /// 45 LCU.
        MaritalReconciliation = "marital_reconciliation", "Marital reconciliation", "Réconciliation conjugale";
        /// 45 LCU.
        Retirement = "retirement", "Retirement", "Départ à la retraite";
        /// 44 LCU.
        ChangeInFamilyMemberHealth = "change_in_family_member_health", "Change in health of a family member",
            "Changement dans la santé d'un membre de la famille";
        /// 40 LCU.
        Pregnancy = "pregnancy", "Pregnancy", "Grossesse";
        /// 39 LCU.
        SexualDifficulties = "sexual_difficulties", "Sexual difficulties", "Difficultés sexuelles";
        /// 39 LCU.
        GainOfNewFamilyMember = "gain_of_new_family_member", "Gain of a new family member",
            "Arrivée d'un nouveau membre dans la famille";
        /// 39 LCU.
        BusinessReadjustment = "business_readjustment", "Business readjustment",
            "Réorganisation professionnelle";
        /// 38 LCU.
        ChangeInFinancialState = "change_in_financial_state", "Change in financial state",
            "Changement de situation financière";
        /// 37 LCU.
        DeathOfCloseFriend = "death_of_close_friend", "Death of a close friend", "Décès d'un ami proche";
        /// 36 LCU.
        ChangeToDifferentLineOfWork = "change_to_different_line_of_work", "Change to a different line of work",
            "Changement de métier";
        /// 35 LCU.
        ChangeInArgumentsWithSpouse = "change_in_arguments_with_spouse",
            "Change in the number of arguments with spouse", "Changement dans la fréquence des disputes conjugales";
        /// 31 LCU.
        LargeMortgageOrLoan = "large_mortgage_or_loan", "Large mortgage or loan", "Emprunt important";
        /// 30 LCU.
        ForeclosureOfMortgageOrLoan = "foreclosure_of_mortgage_or_loan", "Foreclosure of mortgage or loan",
            "Saisie sur hypothèque ou sur prêt";
        /// 29 LCU.
        ChangeInWorkResponsibilities = "change_in_work_responsibilities", "Change in responsibilities at work",
            "Changement de responsabilités professionnelles";
        /// 29 LCU.
        ChildLeavingHome = "child_leaving_home", "Son or daughter leaving home", "Départ d'un enfant du foyer";
        /// 29 LCU.
        TroubleWithInLaws = "trouble_with_in_laws", "Trouble with in-laws", "Difficultés avec la belle-famille";
        /// 28 LCU.
        OutstandingPersonalAchievement = "outstanding_personal_achievement", "Outstanding personal achievement",
            "Réussite personnelle exceptionnelle";
        /// 26 LCU.
        SpouseBeginsOrStopsWork = "spouse_begins_or_stops_work", "Spouse begins or stops work",
            "Conjoint qui commence ou cesse de travailler";
        /// 26 LCU.
        BeginOrEndSchool = "begin_or_end_school", "Begin or end school", "Début ou fin d'études";
        /// 25 LCU.
        ChangeInLivingConditions = "change_in_living_conditions", "Change in living conditions",
            "Changement des conditions de vie";
        /// 24 LCU.
        RevisionOfPersonalHabits = "revision_of_personal_habits", "Revision of personal habits",
            "Changement d'habitudes personnelles";
        /// 23 LCU.
        TroubleWithBoss = "trouble_with_boss", "Trouble with the boss", "Difficultés avec son supérieur";
        /// 20 LCU.
        ChangeInWorkHoursOrConditions = "change_in_work_hours_or_conditions", "Change in work hours or conditions",
            "Changement d'horaires ou de conditions de travail";
        /// 20 LCU.
        ChangeInResidence = "change_in_residence", "Change in residence", "Déménagement";
        /// 20 LCU.
        ChangeInSchools = "change_in_schools", "Change in schools", "Changement d'établissement scolaire";
        /// 19 LCU.
        ChangeInRecreation = "change_in_recreation", "Change in recreation", "Changement de loisirs";
        /// 19 LCU.
        ChangeInReligiousActivities = "change_in_religious_activities", "Change in church activities",
            "Changement dans les activités religieuses";
        /// 18 LCU.
        ChangeInSocialActivities = "change_in_social_activities", "Change in social activities",
            "Changement dans les activités sociales";
        /// 17 LCU.
        SmallMortgageOrLoan = "small_mortgage_or_loan", "Small mortgage or loan", "Petit emprunt";
        /// 16 LCU.
        ChangeInSleepingHabits = "change_in_sleeping_habits", "Change in sleeping habits",
            "Changement des habitudes de sommeil";
        /// 15 LCU.
        ChangeInFamilyGetTogethers = "change_in_family_get_togethers", "Change in the number of family get-togethers",
            "Changement dans la fréquence des réunions familiales";
        /// 15 LCU.
        ChangeInEatingHabits = "change_in_eating_habits", "Change in eating habits",
            "Changement des habitudes alimentaires";
        /// 13 LCU.
        Vacation = "vacation", "Vacation", "Vacances";
        /// 12 LCU.
        Christmas = "christmas", "Christmas", "Noël";
        /// 11 LCU.
        MinorViolationOfLaw = "minor_violation_of_law", "Minor violation of the law", "Infraction mineure à la loi";
    }
}

impl LifeEvent {
    /// The event's life change units, as published in 1967.
    pub const fn points(self) -> u32 {
        use LifeEvent::*;
        match self {
            DeathOfSpouse => 100,
            Divorce => 73,
            MaritalSeparation => 65,
            JailTerm | DeathOfCloseFamilyMember => 63,
            PersonalInjuryOrIllness => 53,
            Marriage => 50,
            FiredAtWork => 47,
            MaritalReconciliation | Retirement => 45,
            ChangeInFamilyMemberHealth => 44,
            Pregnancy => 40,
            SexualDifficulties | GainOfNewFamilyMember | BusinessReadjustment => 39,
            ChangeInFinancialState => 38,
            DeathOfCloseFriend => 37,
            ChangeToDifferentLineOfWork => 36,
            ChangeInArgumentsWithSpouse => 35,
            LargeMortgageOrLoan => 31,
            ForeclosureOfMortgageOrLoan => 30,
            ChangeInWorkResponsibilities | ChildLeavingHome | TroubleWithInLaws => 29,
            OutstandingPersonalAchievement => 28,
            SpouseBeginsOrStopsWork | BeginOrEndSchool => 26,
            ChangeInLivingConditions => 25,
            RevisionOfPersonalHabits => 24,
            TroubleWithBoss => 23,
            ChangeInWorkHoursOrConditions | ChangeInResidence | ChangeInSchools => 20,
            ChangeInRecreation | ChangeInReligiousActivities => 19,
            ChangeInSocialActivities => 18,
            SmallMortgageOrLoan => 17,
            ChangeInSleepingHabits => 16,
            ChangeInFamilyGetTogethers | ChangeInEatingHabits => 15,
            Vacation => 13,
            Christmas => 12,
            MinorViolationOfLaw => 11,
        }
    }

    /// How many times the event may be reported for the twelve months the scale covers.
    ///
    /// In the scale's studies (the Schedule of Recent Experience) the number of times each event occurred
    /// was recorded, and a recurring event counts its points each time. Christmas comes once a year, so once; any other event may recur, up
    /// to 12 times (monthly): past that, a number is more likely a typing slip than a year.
    pub const fn max_occurrences(self) -> u8 {
        match self {
            LifeEvent::Christmas => 1,
            _ => 12,
        }
    }

    /// The event's line of the scale as data: its code, points, labels and occurrence limit (a form listing the
    /// scale shows these).
    pub fn info(self) -> LifeEventInfo {
        LifeEventInfo {
            code: self,
            points: self.points(),
            label_en: self.label_en().to_owned(),
            label_fr: self.label_fr().to_owned(),
            max_occurrences: self.max_occurrences(),
        }
    }
}

/// A life event's line of the scale ([`LifeEvent::info`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LifeEventInfo {
    /// The event (its stable code in JSON).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub code: LifeEvent,
    /// Its life-change units ([`LifeEvent::points`]).
    pub points: u32,
    /// English label.
    pub label_en: String,
    /// French label.
    pub label_fr: String,
    /// How many times it may be counted in one assessment ([`LifeEvent::max_occurrences`]).
    pub max_occurrences: u8,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_table_of_1967() {
        assert_eq!(LifeEvent::COUNT, 43);
        let points: Vec<u32> = LifeEvent::ALL.iter().map(|e| e.points()).collect();
        assert_eq!(points.iter().sum::<u32>(), 1466, "the published values add up to 1466");
        assert!(
            points.windows(2).all(|w| w[0] >= w[1]),
            "listed from the most to the least readjustment"
        );
        assert_eq!(points.first(), Some(&100));
        assert_eq!(points.last(), Some(&11));
        assert_eq!(LifeEvent::Divorce.points(), 73);
        assert_eq!(LifeEvent::Vacation.points(), 13);
    }

    #[test]
    fn codes_are_unique_snake_case_and_parse_back() {
        let codes: HashSet<_> = LifeEvent::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), LifeEvent::COUNT);
        for e in LifeEvent::ALL {
            assert!(e.code().bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{e}");
            assert_eq!(LifeEvent::from_code(e.code()), Ok(e));
            assert!(!e.label_en().is_empty() && !e.label_fr().is_empty());
        }
        assert_eq!(LifeEvent::from_code("death"), Err(StressError::UnknownLifeEvent));
    }

    #[test]
    fn each_event_s_info_is_its_line_of_the_scale() {
        for e in LifeEvent::ALL {
            let info = e.info();
            assert_eq!(
                (
                    info.code,
                    info.points,
                    info.label_en.as_str(),
                    info.label_fr.as_str(),
                    info.max_occurrences
                ),
                (e, e.points(), e.label_en(), e.label_fr(), e.max_occurrences())
            );
        }
        assert_eq!(
            serde_json::to_value(LifeEvent::Christmas.info()).unwrap(),
            serde_json::json!({"code": "christmas", "points": 12, "labelEn": "Christmas", "labelFr": "Noël",
                "maxOccurrences": 1})
        );
    }
}
