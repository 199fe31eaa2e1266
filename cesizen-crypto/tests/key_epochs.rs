//! Key epochs and key custody: the pinned custody vectors (`tests/vectors/kek_custody_v1.json`, written by the
//! independent Python implementation in `interop/make_vectors.py`) and the properties that make erasure final —
//! an erased data key that is never rewrapped stops opening, from every copy, by the instant the policy states.

mod common;

use std::time::{Duration, SystemTime};

use cesizen_crypto::hazmat::{dangerous_seal_for_custody_with_nonce, import_keyring};
use cesizen_crypto::{EpochPolicy, Error, KekHistory, KekVersion, KeyId, Keyring, RootSecret, WrappedDataKey};
use common::{hex_array, to_hex};
use proptest::prelude::*;
use serde_json::Value;

fn at(seconds: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
}

fn records(input: &Value) -> Vec<Vec<u8>> {
    input["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|r| {
            cesizen_crypto::Envelope::from_text(r.as_str().expect("text"))
                .map_or_else(|_| Vec::new(), |e| e.into_bytes())
        })
        .collect()
}

#[test]
fn kek_custody_v1_vectors() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/kek_custody_v1.json"
    ))
    .expect("vectors");
    let vectors: Value = serde_json::from_str(&text).expect("json");
    let mut count = 0;
    for case in vectors["cases"].as_array().expect("cases") {
        let name = case["name"].as_str().expect("name");
        let input = &case["input"];
        let root = RootSecret::from_text(input["rootSecret"].as_str().expect("root")).expect("root");
        match case["op"].as_str().expect("op") {
            "kekCustody.seal" => {
                let id = KeyId::new(u32::try_from(input["id"].as_u64().expect("id")).expect("u32"));
                let keyring =
                    import_keyring(id, hex_array(input["material"].as_str().expect("material"))).expect("import");
                let record = dangerous_seal_for_custody_with_nonce(
                    &keyring,
                    id,
                    at(input["createdAt"].as_u64().expect("createdAt")),
                    &root,
                    hex_array(input["nonce"].as_str().expect("nonce")),
                )
                .expect("seal");
                let expected =
                    cesizen_crypto::Envelope::from_text(case["expected"]["record"].as_str().expect("record"))
                        .expect("record")
                        .into_bytes();
                assert_eq!(to_hex(&record), to_hex(&expected), "{name}");
            }
            "kekCustody.open" => {
                let records = records(input);
                match (Keyring::from_custody(&records, &root), case.get("error")) {
                    (Err(e), Some(code)) => assert_eq!(e.code(), code.as_str().expect("code"), "{name}"),
                    (Ok((keyring, history)), None) => {
                        let expected = &case["expected"];
                        assert_eq!(
                            u64::from(history.primary().id.get()),
                            expected["primary"].as_u64().expect("primary")
                        );
                        assert_eq!(keyring.primary_id(), history.primary().id, "{name}");
                        let versions: Vec<(u64, u64)> = history
                            .versions()
                            .iter()
                            .map(|v| {
                                let secs = v.created_at.duration_since(SystemTime::UNIX_EPOCH).expect("after 1970");
                                (u64::from(v.id.get()), secs.as_secs())
                            })
                            .collect();
                        let wanted: Vec<(u64, u64)> = expected["versions"]
                            .as_array()
                            .expect("versions")
                            .iter()
                            .map(|v| {
                                (
                                    v["id"].as_u64().expect("id"),
                                    v["createdAt"].as_u64().expect("createdAt"),
                                )
                            })
                            .collect();
                        assert_eq!(versions, wanted, "{name}");
                        // The material: each version, resealed as it was, gives the record back byte for byte.
                        for (version, material) in history
                            .versions()
                            .iter()
                            .zip(expected["materials"].as_array().expect("materials"))
                        {
                            let reference =
                                import_keyring(version.id, hex_array(material.as_str().expect("hex"))).expect("import");
                            let nonce = [0x6B; 12];
                            let ours = dangerous_seal_for_custody_with_nonce(
                                &keyring,
                                version.id,
                                version.created_at,
                                &root,
                                nonce,
                            );
                            let theirs = dangerous_seal_for_custody_with_nonce(
                                &reference,
                                version.id,
                                version.created_at,
                                &root,
                                nonce,
                            );
                            assert_eq!(to_hex(&ours.expect("ours")), to_hex(&theirs.expect("theirs")), "{name}");
                        }
                        if let Some(unwrap) = expected.get("unwrap") {
                            let wrapped = WrappedDataKey::from_text(unwrap["wrapped"].as_str().expect("wrapped"))
                                .expect("wrapped");
                            let refused = keyring.unwrap_data_key(unwrap["user"].as_str().expect("user"), &wrapped);
                            assert_eq!(
                                refused.map(|_| ()).unwrap_err().code(),
                                unwrap["error"].as_str().expect("code"),
                                "{name}"
                            );
                        }
                    }
                    (outcome, error) => panic!("{name}: got {:?}, expected error {error:?}", outcome.map(|(_, h)| h)),
                }
            }
            other => panic!("unknown op {other}"),
        }
        count += 1;
    }
    assert_eq!(count, 12);
}

/// A policy of whole hours, 1–48 h epochs and 0–240 h retention.
fn policy() -> impl Strategy<Value = EpochPolicy> {
    (1u64..48, 0u64..240).prop_map(|(e, r)| {
        EpochPolicy::new(Duration::from_secs(e * 3600), Duration::from_secs(r * 3600)).expect("valid policy")
    })
}

/// A history of 1–8 versions, each created 0–72 h after the previous one.
fn history() -> impl Strategy<Value = KekHistory> {
    prop::collection::vec(0u64..72 * 3600, 1..8).prop_map(|gaps| {
        let mut t = 1_700_000_000;
        let versions = gaps
            .iter()
            .zip(1..)
            .map(|(gap, id)| {
                t += gap;
                KekVersion {
                    id: KeyId::new(id),
                    created_at: at(t),
                }
            })
            .collect();
        KekHistory::new(versions).expect("valid history")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The plan rotates exactly when the primary has served its epoch, destroys exactly the retired versions
    /// whose retirement (now, for a primary a due rotation retires) is a backup retention old.
    #[test]
    fn the_plan_follows_the_policy(policy in policy(), history in history(), offset in 0u64..400 * 3600) {
        let now = history.primary().created_at + Duration::from_secs(offset);
        let turn = policy.plan(&history, now);
        prop_assert_eq!(turn.rotate, now >= history.primary().created_at + policy.length());
        for version in history.versions() {
            // A due rotation retires the primary now.
            let retired = history.retired_at(version.id).expect("known").or(turn.rotate.then_some(now));
            let due = retired.is_some_and(|r| now >= r + policy.backup_retention());
            prop_assert_eq!(turn.destroy.contains(&version.id), due);
        }
    }

    /// An erasure at any instant of the primary's epoch is final within one epoch plus the backup retention.
    #[test]
    fn destruction_is_due_within_the_shredding_bound(policy in policy(), history in history(), into in 0u64..48 * 3600) {
        let primary = history.primary();
        let erased_at = primary.created_at + Duration::from_secs(into).min(policy.length());
        let due = policy.destruction_due(&history, primary.id, erased_at).expect("known");
        prop_assert!(due >= erased_at);
        prop_assert!(due <= erased_at + policy.shredding_bound());
    }

    /// The whole mechanism, simulated: a keyring turns its epochs on schedule, rewraps the survivor's data key
    /// each time, and custody deletes what the plan destroys. The erased user's key, wrapped once and never
    /// rewrapped (its copy lives on in an old backup), opens from custody until its KEK's destruction is due
    /// and never after; the survivor's current wrapped key always opens.
    #[test]
    fn an_erased_key_stops_opening_from_every_copy_when_the_policy_says(
        policy in policy(), erased_after_hours in 0u64..100, ticks in 20usize..60,
    ) {
        let root = RootSecret::generate().expect("root");
        let mut keyring = Keyring::generate().expect("keyring");
        let start = at(1_700_000_000);
        let mut custody = vec![(keyring.primary_id(), keyring.seal_for_custody(keyring.primary_id(), start, &root).expect("seal"))];
        let (_, mut survivor) = keyring.generate_data_key("survivor").expect("key");
        let mut erased: Option<(WrappedDataKey, SystemTime)> = None;
        let mut due: Option<SystemTime> = None;
        let tick = Duration::from_secs(3600);
        for step in 0..ticks as u32 {
            let now = start + tick * step;
            // The custody at hand, as any process (or an attacker holding old copies and the root) would open it.
            let stored: Vec<&Vec<u8>> = custody.iter().map(|(_, r)| r).collect();
            let (opened, history) = Keyring::from_custody(&stored, &root).expect("custody");
            prop_assert!(opened.unwrap_data_key("survivor", &survivor).is_ok());
            if erased.is_none() && now >= start + Duration::from_secs(erased_after_hours * 3600) {
                let (_, wrapped) = keyring.generate_data_key("erased").expect("key");
                // Wrapped now, deleted at once: only old copies keep it.
                due = Some(policy.destruction_due(&history, wrapped.kek_id(), now).expect("known"));
                erased = Some((wrapped, now));
            }
            if let (Some((wrapped, _)), Some(due)) = (&erased, due) {
                let opens = opened.unwrap_data_key("erased", wrapped).is_ok();
                // After the due instant it never opens; before, it may still.
                if now > due {
                    prop_assert!(!opens, "the erased key still opens after its due instant");
                }
                if !opens {
                    prop_assert!(matches!(
                        opened.unwrap_data_key("erased", wrapped).map(|_| ()).unwrap_err(),
                        Error::KeyDestroyed(_)
                    ));
                }
            }
            let turn = policy.plan(&history, now);
            if turn.rotate {
                let id = keyring.begin_epoch().expect("epoch");
                custody.push((id, keyring.seal_for_custody(id, now, &root).expect("seal")));
                survivor = keyring.rewrap_data_key("survivor", &survivor).expect("rewrap");
            }
            for id in turn.destroy {
                custody.retain(|(kept, _)| *kept != id);
                keyring.disable(id).expect("disable");
                keyring.destroy(id).expect("destroy");
            }
        }
    }

    /// A rewrapped data key is the same key under the new primary: it opens what the original sealed and seals
    /// what the original opens, for any user id; the old KEK is no longer needed; another user's id fails.
    #[test]
    fn a_rewrapped_data_key_is_the_same_key_under_the_new_primary(user in "[a-z0-9-]{1,64}", note in prop::collection::vec(any::<u8>(), 0..64)) {
        let mut keyring = Keyring::generate().expect("keyring");
        let (key, wrapped) = keyring.generate_data_key(&user).expect("key");
        let context = cesizen_crypto::Context::field(&user, "entry", "note").expect("context");
        let sealed = key.seal(&context, &note).expect("seal");
        let old = keyring.primary_id();
        let new = keyring.begin_epoch().expect("epoch");
        let rewrapped = keyring.rewrap_data_key(&user, &wrapped).expect("rewrap");
        prop_assert_eq!(rewrapped.kek_id(), new);
        let idempotent = keyring.rewrap_data_key(&user, &rewrapped).expect("idempotent");
        prop_assert_eq!(idempotent.as_bytes(), rewrapped.as_bytes());
        let other = format!("{user}x");
        prop_assert!(keyring.rewrap_data_key(&other, &wrapped).is_err());
        keyring.disable(old).expect("disable");
        let again = keyring.unwrap_data_key(&user, &rewrapped).expect("unwrap");
        prop_assert_eq!(again.id(), key.id());
        let opened = again.open(&context, &sealed).expect("open");
        prop_assert_eq!(opened.as_slice(), &note[..]);
        let back = again.seal(&context, &note).expect("seal");
        let opened = key.open(&context, &back).expect("open");
        prop_assert_eq!(opened.as_slice(), &note[..]);
    }

    /// Any version's creation time (to the second) and material survive custody.
    #[test]
    fn custody_records_round_trip(seconds in 0u64..(1 << 40), extra in 0usize..4) {
        let root = RootSecret::generate().expect("root");
        let mut keyring = Keyring::generate().expect("keyring");
        let (_, wrapped) = keyring.generate_data_key("u").expect("key");
        let mut records = vec![keyring.seal_for_custody(KeyId::new(1), at(seconds), &root).expect("seal")];
        for i in 0..extra {
            let id = keyring.begin_epoch().expect("epoch");
            records.push(keyring.seal_for_custody(id, at(seconds + i as u64), &root).expect("seal"));
        }
        let (opened, history) = Keyring::from_custody(&records, &root).expect("open");
        prop_assert_eq!(history.versions()[0].created_at, at(seconds));
        prop_assert_eq!(history.versions().len(), extra + 1);
        prop_assert_eq!(opened.primary_id(), keyring.primary_id());
        prop_assert!(opened.unwrap_data_key("u", &wrapped).is_ok());
    }
}
