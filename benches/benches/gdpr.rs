//! The GDPR duties at scale, each beside a reference measured in the same run:
//!
//! - **retention planning over 10 million records**, streamed from a generator (constant memory), against the
//!   floor of generating the same records and comparing one date each;
//! - **the export of a user with 100,000 journal entries**, decrypting every stored entry, against plain
//!   `serde_json` serialisation of the same entries already in clear (target: ≤ 1.5×, decryption included);
//! - **an analytics release over 1 million entries** (generalisation, pseudonyms, k-check with k = 5), against
//!   a naive count of the same rows per quasi-identifier group in a hash map;
//! - **the verification of an audit trail of 1 million entries** against a year of daily checkpoints (as the
//!   reference server's `?checkpointIndex=…` does), against the floor of recomputing every entry's hash.
//!
//! `cargo bench -p cesizen-benches --bench gdpr`

use std::collections::HashMap;
use std::hint::black_box;

use cesizen::core::emotion::{
    BaseEmotion, ContextTag, ContextTags, Emotion, EntryKind, Intensity, JournalEntry, JournalEntryParts, JournalNote,
    Nuance, Valence,
};
use cesizen::core::id::{JournalEntryId, UserId};
use cesizen::core::user::{DisplayName, Email, IanaTimeZone, Locale, User};
use cesizen::crypto::{Keyring, PseudonymSecret, Pseudonymiser};
use cesizen::gdpr::anonymise::{AnonymisationPolicy, Anonymiser};
use cesizen::gdpr::audit::{AuditAction, AuditEvent, AuditTrail, Checkpoint, Verifier};
use cesizen::gdpr::export::ExportWriter;
use cesizen::gdpr::retention::{Category, RecordMeta, RetentionPlanner, RetentionPolicy};
use cesizen::gdpr::sealed::SealedJournalEntry;
use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const RECORDS: u64 = 10_000_000;
const EXPORT_ENTRIES: usize = 100_000;
const RELEASE_ENTRIES: usize = 1_000_000;
const RELEASE_USERS: u64 = 20_000;
const AUDIT_ENTRIES: u64 = 1_000_000;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 15, 12, 0, 0)
        .single()
        .expect("a valid time")
}

/// A fixed pseudo-random sequence (PCG-style LCG), so every run measures the same data.
fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    }
}

/// Record metadata over the last three years, every category, generated on the fly.
fn records(now: DateTime<Utc>) -> impl Iterator<Item = RecordMeta> {
    let mut next = rng(0x5eed);
    (0..RECORDS).map(move |i| {
        let created = now - Duration::seconds((next() % (3 * 365 * 86_400)) as i64);
        let category = Category::ALL[(i % 5) as usize];
        RecordMeta {
            id: uuid::Uuid::from_u64_pair(i, i),
            category,
            created_at: created,
            last_active_at: (category == Category::Account).then(|| created + Duration::days((next() % 400) as i64)),
            notified_at: None,
            anonymised: i.is_multiple_of(7),
            on_hold: false,
        }
    })
}

/// One user's journal: `n` entries over a year, a note on one in four.
fn journal(user: UserId, n: usize, now: DateTime<Utc>) -> Vec<JournalEntry> {
    let mut next = rng(0xE27);
    (0..n)
        .map(|i| {
            entry(
                user,
                i as u64,
                now - Duration::seconds((next() % (365 * 86_400)) as i64),
                &mut next,
            )
        })
        .collect()
}

fn entry(user: UserId, i: u64, at: DateTime<Utc>, next: &mut impl FnMut() -> u64) -> JournalEntry {
    let pick = next() as usize % (Nuance::COUNT + BaseEmotion::COUNT);
    let emotion = match Nuance::ALL.get(pick) {
        Some(n) => Emotion::from_nuance(*n),
        None => Emotion::from_base(BaseEmotion::ALL[pick - Nuance::COUNT]),
    };
    let mut random = [0u8; 10];
    random[..8].copy_from_slice(&i.to_be_bytes());
    let zones = [
        IanaTimeZone::EUROPE_PARIS,
        IanaTimeZone::parse("America/Montreal").expect("a zone"),
    ];
    JournalEntry::new(JournalEntryParts {
        id: JournalEntryId::from_parts(at, random).expect("a time after 1970"),
        user_id: user,
        kind: if next().is_multiple_of(2) {
            EntryKind::MomentaryEmotion
        } else {
            EntryKind::DailyMood
        },
        emotion,
        intensity: Intensity::new((next() % 10) as u8 + 1).expect("1 to 10"),
        valence: Valence::new((next() % 2001) as f64 / 1000.0 - 1.0).expect("-1 to 1"),
        context_tags: ContextTags::new(ContextTag::ALL.into_iter().skip((next() % 4) as usize).take(2))
            .expect("two tags"),
        note: i.is_multiple_of(4).then(|| {
            JournalNote::new("Slept badly, the presentation is tomorrow; better after the breathing exercise.".into())
                .expect("a valid note")
        }),
        recorded_at: at,
        time_zone: zones[usize::from(next().is_multiple_of(8))],
    })
}

fn retention(c: &mut Criterion) {
    let planner = RetentionPlanner::new(RetentionPolicy::default()).expect("the plan is valid");
    let now = now();
    let mut group = c.benchmark_group("retention_10m");
    group.sample_size(10).throughput(Throughput::Elements(RECORDS));
    group.bench_function("plan_and_summarise", |b| {
        b.iter(|| {
            planner
                .plan(records(now), now)
                .summarise()
                .expect("dates in range")
                .due()
        })
    });
    let cutoff = now - Duration::days(2 * 365);
    group.bench_function("reference_generate_and_compare", |b| {
        b.iter(|| records(now).filter(|r| black_box(r.created_at) < cutoff).count())
    });
    group.finish();
}

fn export(c: &mut Criterion) {
    let now = now();
    let user = User::sign_up(
        UserId::from_parts(now, [1; 10]).expect("a time after 1970"),
        Email::parse("camille@example.fr").expect("an e-mail"),
        DisplayName::parse("Camille").expect("a name"),
        Locale::parse("fr-FR").expect("a locale"),
        IanaTimeZone::EUROPE_PARIS,
        now,
    );
    let keyring = Keyring::generate().expect("OS randomness");
    let (key, _) = keyring.generate_data_key(&user.id().to_string()).expect("a data key");
    let entries = journal(user.id(), EXPORT_ENTRIES, now);
    let stored: Vec<SealedJournalEntry> = entries
        .iter()
        .map(|e| SealedJournalEntry::seal(e, &key).expect("sealed"))
        .collect();
    let size = serde_json::to_vec(&entries).expect("json").len();

    let mut group = c.benchmark_group("export_100k_entries");
    group
        .sample_size(10)
        .throughput(Throughput::Elements(EXPORT_ENTRIES as u64));
    group.bench_function("export_decrypting_stored_entries", |b| {
        b.iter(|| {
            let mut w = ExportWriter::begin(Vec::with_capacity(size + 4096), &user, now).expect("header");
            for e in &stored {
                w.journal_entry(e, &key).expect("opens");
            }
            w.finish().expect("written").len()
        })
    });
    group.bench_function("reference_serde_json_of_clear_entries", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(size + 4096);
            serde_json::to_writer(&mut out, black_box(&entries)).expect("json");
            out.len()
        })
    });
    group.finish();
}

fn anonymise(c: &mut Criterion) {
    let now = now();
    let mut next = rng(0xA11);
    let users: Vec<UserId> = (0..RELEASE_USERS)
        .map(|u| {
            let mut random = [0u8; 10];
            random[..8].copy_from_slice(&u.to_be_bytes());
            UserId::from_parts(now - Duration::days(800), random).expect("a time after 1970")
        })
        .collect();
    let entries: Vec<JournalEntry> = (0..RELEASE_ENTRIES as u64)
        .map(|i| {
            let user = users[(next() % RELEASE_USERS) as usize];
            let at = now - Duration::seconds((next() % (365 * 86_400)) as i64);
            let mut e = entry(user, i, at, &mut next).into_parts();
            e.note = None;
            JournalEntry::new(e)
        })
        .collect();
    let pseudonymiser = Pseudonymiser::new(&PseudonymSecret::generate().expect("OS randomness"));
    let anonymiser = Anonymiser::new(AnonymisationPolicy::default(), &pseudonymiser).expect("k = 5");

    let mut group = c.benchmark_group("anonymise_1m_entries");
    group
        .sample_size(10)
        .throughput(Throughput::Elements(RELEASE_ENTRIES as u64));
    group.bench_function("release_with_k_check", |b| {
        b.iter(|| anonymiser.release(black_box(&entries)).expect("released").records.len())
    });
    group.bench_function("reference_hashmap_group_count", |b| {
        b.iter(|| {
            let mut groups: HashMap<(i32, u32, EntryKind), u32> = HashMap::new();
            for e in black_box(&entries) {
                let d = e.local_date();
                *groups.entry((d.year(), d.month(), e.kind())).or_default() += 1;
            }
            groups.len()
        })
    });
    group.finish();
}

fn audit(c: &mut Criterion) {
    let start = now() - Duration::days(365);
    let mut trail = AuditTrail::new();
    for i in 0..AUDIT_ENTRIES {
        let event = AuditEvent::new("system", AuditAction::RequestReceived)
            .and_then(|e| e.subject(&format!("0195a3c2-7b1e-7000-8000-{i:012x}")))
            .and_then(|e| e.detail("kind", "access"))
            .expect("a valid event");
        let at = start + Duration::seconds(i64::try_from(i * 31).expect("small"));
        trail.append(at, event).expect("in time order");
    }
    // A checkpoint published every day of the year.
    let checkpoints: Vec<Checkpoint> = trail
        .entries()
        .iter()
        .step_by(usize::try_from(AUDIT_ENTRIES / 365).expect("small"))
        .map(Checkpoint::of)
        .collect();

    let mut group = c.benchmark_group("audit_verify_1m_entries");
    group.sample_size(10).throughput(Throughput::Elements(AUDIT_ENTRIES));
    group.bench_function("verifier_with_365_checkpoints", |b| {
        b.iter(|| {
            let mut verifier = checkpoints.iter().copied().fold(Verifier::new(), Verifier::expect);
            for entry in black_box(trail.entries()) {
                verifier.push(entry).expect("intact");
            }
            verifier.finish().expect("intact")
        })
    });
    group.bench_function("reference_recompute_every_hash", |b| {
        b.iter(|| {
            black_box(trail.entries())
                .iter()
                .fold(0u8, |acc, entry| acc ^ entry.compute_hash().0[0])
        })
    });
    group.finish();
}

criterion_group!(benches, retention, export, anonymise, audit);
criterion_main!(benches);
