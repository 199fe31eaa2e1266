use super::*;
use cesizen_core::emotion::{
    BaseEmotion, Emotion, EntryKind, Intensity, JournalEntry, JournalEntryParts, JournalNote, Nuance, Valence,
};
use cesizen_core::id::{JournalEntryId, UserId};
use cesizen_core::user::IanaTimeZone;
use cesizen_crypto::{PseudonymSecret, Pseudonymiser};
use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

fn entry(user: u16, at: DateTime<Utc>, tz: &str, emotion: Emotion, intensity: u8) -> JournalEntry {
    let mut random = [0u8; 10];
    random[..2].copy_from_slice(&user.to_be_bytes());
    JournalEntry::new(JournalEntryParts {
        id: JournalEntryId::new(at).unwrap(),
        user_id: UserId::from_parts(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(), random).unwrap(),
        kind: EntryKind::MomentaryEmotion,
        emotion,
        intensity: Intensity::new(intensity).unwrap(),
        valence: Valence::new(0.5).unwrap(),
        context_tags: Default::default(),
        note: Some(JournalNote::new("met Alice at the station, alice@example.org".into()).unwrap()),
        recorded_at: at,
        time_zone: IanaTimeZone::parse(tz).unwrap(),
    })
}

fn pseudonymiser() -> Pseudonymiser {
    Pseudonymiser::new(&PseudonymSecret::from_bytes([9; 32]))
}

fn march(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, day, 12, 0, 0).unwrap()
}

#[test]
fn nothing_identifying_leaves() {
    let entries: Vec<_> = (0..5)
        .map(|u| entry(u, march(3), "Europe/Paris", Emotion::from_nuance(Nuance::Worry), 9))
        .collect();
    let p = pseudonymiser();
    let release = Anonymiser::new(AnonymisationPolicy::default(), &p)
        .unwrap()
        .release(&entries)
        .unwrap();
    assert_eq!(release.records.len(), 5);
    let json = serde_json::to_string(&release).unwrap();
    for e in &entries {
        assert!(!json.contains(&e.user_id().to_string()), "a user id leaked");
        assert!(!json.contains(&e.id().to_string()), "an entry id leaked");
    }
    for secret in ["Alice", "alice@example.org", "station", "worry", "Europe/Paris"] {
        assert!(!json.contains(secret), "{secret} leaked");
    }
    let r = &release.records[0];
    assert_eq!(r.emotion, BaseEmotion::Fear);
    assert_eq!(r.intensity, IntensityBand::High);
    assert_eq!(r.valence, ValenceBand::Pleasant);
    assert!(json.contains("\"area\":\"europe\""));
    assert!(release.pseudonymised);
}

#[test]
fn time_is_generalised_in_the_entrys_own_zone() {
    // 23:30 UTC on 31 March is April in Paris.
    let at = Utc.with_ymd_and_hms(2025, 3, 31, 23, 30, 0).unwrap();
    let entries: Vec<_> = (0..5)
        .map(|u| entry(u, at, "Europe/Paris", Emotion::from_base(BaseEmotion::Joy), 2))
        .collect();
    let p = pseudonymiser();
    let month = Anonymiser::new(AnonymisationPolicy::default(), &p)
        .unwrap()
        .release(&entries)
        .unwrap();
    assert_eq!(month.records[0].period.to_string(), "2025-04");
    let weekly = AnonymisationPolicy {
        time: TimeGranularity::Week,
        ..AnonymisationPolicy::default()
    };
    let week = Anonymiser::new(weekly, &p).unwrap().release(&entries).unwrap();
    assert_eq!(week.records[0].period.to_string(), "2025-W14");
}

#[test]
fn k_counts_people_not_rows() {
    // One person writing 50 times does not make a group of 50.
    let entries: Vec<_> = (0..50)
        .map(|i| {
            entry(
                1,
                march(1) + Duration::minutes(i),
                "Europe/Paris",
                Emotion::from_base(BaseEmotion::Sadness),
                5,
            )
        })
        .collect();
    let p = pseudonymiser();
    let release = Anonymiser::new(AnonymisationPolicy::default(), &p)
        .unwrap()
        .release(&entries)
        .unwrap();
    assert!(release.records.is_empty());
    assert_eq!((release.groups_suppressed, release.records_suppressed), (1, 50));
}

#[test]
fn l_diversity_suppresses_groups_that_reveal_one_emotion() {
    let same: Vec<_> = (0..6)
        .map(|u| entry(u, march(2), "Europe/Paris", Emotion::from_base(BaseEmotion::Anger), 5))
        .collect();
    let p = pseudonymiser();
    let policy = AnonymisationPolicy {
        l: Some(2),
        ..AnonymisationPolicy::default()
    };
    let a = Anonymiser::new(policy, &p).unwrap();
    assert!(
        a.release(&same).unwrap().records.is_empty(),
        "everyone in the group is angry: suppressed"
    );
    let mut mixed = same;
    mixed.push(entry(
        9,
        march(2),
        "Europe/Paris",
        Emotion::from_base(BaseEmotion::Joy),
        5,
    ));
    assert_eq!(a.release(&mixed).unwrap().records.len(), 7);
}

#[test]
fn without_pseudonyms_rows_carry_no_person() {
    let entries: Vec<_> = (0..5)
        .map(|u| entry(u, march(3), "Asia/Tokyo", Emotion::from_base(BaseEmotion::Joy), 5))
        .collect();
    let p = pseudonymiser();
    let policy = AnonymisationPolicy {
        pseudonyms: false,
        ..AnonymisationPolicy::default()
    };
    let release = Anonymiser::new(policy, &p).unwrap().release(&entries).unwrap();
    assert!(release.records.iter().all(|r| r.person.is_none()));
    assert!(!serde_json::to_string(&release).unwrap().contains("person"));
}

#[test]
fn pseudonyms_are_keyed_and_differ_across_secrets() {
    let u = UserId::from_parts(march(1), [1; 10]).unwrap();
    let p1 = pseudonymiser();
    let p2 = Pseudonymiser::new(&PseudonymSecret::from_bytes([8; 32]));
    let a1 = Anonymiser::new(AnonymisationPolicy::default(), &p1).unwrap();
    let a2 = Anonymiser::new(AnonymisationPolicy::default(), &p2).unwrap();
    assert_eq!(a1.pseudonymise_person(u).unwrap(), a1.pseudonymise_person(u).unwrap());
    assert_ne!(a1.pseudonymise_person(u).unwrap(), a2.pseudonymise_person(u).unwrap());
}

#[test]
fn parameters_are_validated() {
    let p = pseudonymiser();
    for (policy, field) in [
        (
            AnonymisationPolicy {
                k: 1,
                ..Default::default()
            },
            "k",
        ),
        (
            AnonymisationPolicy {
                l: Some(1),
                ..Default::default()
            },
            "l",
        ),
        (
            AnonymisationPolicy {
                l: Some(7),
                ..Default::default()
            },
            "l",
        ),
        (
            AnonymisationPolicy {
                k: 2,
                l: Some(3),
                ..Default::default()
            },
            "l",
        ),
    ] {
        let e = Anonymiser::new(policy, &p).err().unwrap();
        assert_eq!(e.code(), "config.value.invalid");
        assert!(e.to_string().contains(&format!("`{field}`")), "{e}");
    }
}

#[test]
fn bands_and_areas() {
    assert_eq!(IntensityBand::of(Intensity::new(3).unwrap()), IntensityBand::Low);
    assert_eq!(IntensityBand::of(Intensity::new(4).unwrap()), IntensityBand::Medium);
    assert_eq!(IntensityBand::of(Intensity::new(8).unwrap()), IntensityBand::High);
    assert_eq!(ValenceBand::of(Valence::new(-0.5).unwrap()), ValenceBand::Unpleasant);
    assert_eq!(ValenceBand::of(Valence::new(0.0).unwrap()), ValenceBand::Neutral);
    assert_eq!(Area::of_time_zone("America/Argentina/Buenos_Aires"), Area::America);
    assert_eq!(Area::of_time_zone("UTC"), Area::Other);
    assert_eq!(Area::of_time_zone("Arctic/Longyearbyen"), Area::Polar);
}

/// People and emotions seen in one released group, keyed by its quasi-identifiers.
type OutputGroups = HashMap<(ReleasePeriod, Area, EntryKind), (HashSet<String>, HashSet<BaseEmotion>)>;

const ZONES: [&str; 4] = ["Europe/Paris", "Europe/Berlin", "America/Montreal", "Asia/Tokyo"];

fn arb_entries() -> impl Strategy<Value = Vec<JournalEntry>> {
    proptest::collection::vec((0u16..25, 0i64..120, 0usize..4, 0usize..6, 1u8..=10), 0..300).prop_map(|rows| {
        rows.into_iter()
            .map(|(user, day, zone, emotion, intensity)| {
                entry(
                    user,
                    Utc.with_ymd_and_hms(2025, 1, 1, 12, 0, 0).unwrap() + Duration::days(day),
                    ZONES[zone],
                    Emotion::from_base(BaseEmotion::ALL[emotion]),
                    intensity,
                )
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generalise_is_the_three_bands_and_reads_back(i in 1u8..=10, v in -1.0f64..=1.0, zone in "[A-Za-z]{0,12}(/[A-Za-z_]{1,12})?") {
        let (intensity, valence) = (Intensity::new(i).unwrap(), Valence::new(v).unwrap());
        let g = generalise(intensity, valence, &zone);
        prop_assert_eq!((g.intensity, g.valence, g.area), (IntensityBand::of(intensity), ValenceBand::of(valence), Area::of_time_zone(&zone)));
        let json = serde_json::to_value(g).unwrap();
        prop_assert_eq!(serde_json::from_value::<Generalised>(json).unwrap(), g);
    }

    #[test]
    fn no_released_group_is_smaller_than_k_or_less_diverse_than_l(
        entries in arb_entries(), k in 2u32..8, l in proptest::option::of(2u32..4), week in any::<bool>(),
    ) {
        let p = pseudonymiser();
        let policy = AnonymisationPolicy {
            k,
            l: l.filter(|&l| l <= k),
            time: if week { TimeGranularity::Week } else { TimeGranularity::Month },
            pseudonyms: true,
        };
        let release = Anonymiser::new(policy, &p).unwrap().release(&entries).unwrap();
        // Group the *output* by its quasi-identifiers, independently of the implementation.
        let mut groups: OutputGroups = HashMap::new();
        for r in &release.records {
            let g = groups.entry((r.period, r.area, r.kind)).or_default();
            g.0.insert(r.person.unwrap().to_text());
            g.1.insert(r.emotion);
        }
        for (people, emotions) in groups.values() {
            prop_assert!(people.len() as u32 >= k, "a released group has {} people < k = {k}", people.len());
            if let Some(l) = policy.l {
                prop_assert!(emotions.len() as u32 >= l);
            }
        }
        prop_assert_eq!(groups.len() as u64, release.groups_released);
        prop_assert_eq!(release.records.len() as u64 + release.records_suppressed, entries.len() as u64);
        // Suppression is minimal: every suppressed row really was in a failing group.
        let mut input_groups: HashMap<(i32, Area, EntryKind), HashSet<UserId>> = HashMap::new();
        for e in &entries {
            let key = (policy.time.period_key(e.local_date()), Area::of_time_zone(e.time_zone().name()), e.kind());
            input_groups.entry(key).or_default().insert(e.user_id());
        }
        if policy.l.is_none() {
            let expected: usize = entries.iter().filter(|e| {
                let key = (policy.time.period_key(e.local_date()), Area::of_time_zone(e.time_zone().name()), e.kind());
                input_groups[&key].len() as u32 >= k
            }).count();
            prop_assert_eq!(release.records.len(), expected);
        }
    }

    #[test]
    fn the_release_does_not_depend_on_the_order_of_the_input(
        entries in arb_entries(), seed in any::<u64>(), pseudonyms in any::<bool>(), week in any::<bool>(),
    ) {
        let p = pseudonymiser();
        let policy = AnonymisationPolicy {
            k: 2,
            pseudonyms,
            time: if week { TimeGranularity::Week } else { TimeGranularity::Month },
            ..AnonymisationPolicy::default()
        };
        let anonymiser = Anonymiser::new(policy, &p).unwrap();
        // A deterministic shuffle (Fisher–Yates over a small LCG).
        let mut shuffled = entries.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(anonymiser.release(&shuffled).unwrap(), anonymiser.release(&entries).unwrap());
    }

    #[test]
    fn rows_are_ordered_by_what_they_show(entries in arb_entries()) {
        let p = pseudonymiser();
        let policy = AnonymisationPolicy { k: 2, ..AnonymisationPolicy::default() };
        let release = Anonymiser::new(policy, &p).unwrap().release(&entries).unwrap();
        let shown = |r: &AnalyticsRecord| {
            (r.period, r.area, r.kind, r.emotion, r.intensity, r.valence, r.person.map(|p| *p.as_bytes()))
        };
        prop_assert!(release.records.windows(2).all(|w| shown(&w[0]) <= shown(&w[1])));
    }
}
