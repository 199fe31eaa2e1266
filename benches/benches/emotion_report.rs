//! The emotion report over 100,000 entries, beside the floor it cannot beat: a plain loop summing the same
//! entries' intensities. The ratio says what the report's work costs per entry (finding the local day among
//! the period's precomputed day starts, two running sums and a few counters) over merely touching each entry.
//!
//! `cargo bench -p cesizen-benches --bench emotion_report`

use std::hint::black_box;

use cesizen::core::emotion::{
    BaseEmotion, ContextTags, Emotion, EmotionReport, EmotionReportRequest, EntryKind, Intensity, JournalEntry,
    JournalEntryParts, Nuance, ReportPeriod, Valence,
};
use cesizen::core::id::{JournalEntryId, UserId};
use cesizen::core::user::IanaTimeZone;
use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const ENTRIES: usize = 100_000;

/// 100,000 entries of one user over the year before `now`, in no particular order (a fixed pseudo-random
/// sequence), with every emotion and nuance represented.
fn entries(user: UserId, now: DateTime<Utc>) -> Vec<JournalEntry> {
    let mut state: u64 = 0x5eed;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    (0..ENTRIES)
        .map(|i| {
            let at = now - Duration::seconds((next() % (365 * 86_400)) as i64);
            let pick = next() as usize % (Nuance::COUNT + BaseEmotion::COUNT);
            let emotion = match Nuance::ALL.get(pick) {
                Some(n) => Emotion::from_nuance(*n),
                None => Emotion::from_base(BaseEmotion::ALL[pick - Nuance::COUNT]),
            };
            let mut random = [0u8; 10];
            random[..8].copy_from_slice(&(i as u64).to_be_bytes());
            JournalEntry::new(JournalEntryParts {
                id: JournalEntryId::from_parts(at, random).expect("a time after 1970"),
                user_id: user,
                kind: EntryKind::MomentaryEmotion,
                emotion,
                intensity: Intensity::new((next() % 10) as u8 + 1).expect("1 to 10"),
                valence: Valence::new((next() % 2001) as f64 / 1000.0 - 1.0).expect("-1 to 1"),
                context_tags: ContextTags::EMPTY,
                note: None,
                recorded_at: at,
                time_zone: IanaTimeZone::EUROPE_PARIS,
            })
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let now = Utc
        .with_ymd_and_hms(2025, 6, 15, 12, 0, 0)
        .single()
        .expect("a valid time");
    let user = UserId::from_parts(now, [1; 10]).expect("a time after 1970");
    let entries = entries(user, now);
    let mut group = c.benchmark_group("emotion_report_100k");
    group.throughput(Throughput::Elements(ENTRIES as u64));
    for days in [7, 365] {
        let request = EmotionReportRequest {
            user_id: user,
            period: ReportPeriod::Rolling { days },
            time_zone: IanaTimeZone::EUROPE_PARIS,
        };
        group.bench_function(format!("report_rolling_{days}"), |b| {
            b.iter(|| EmotionReport::compute(black_box(&entries), &request, now).expect("a valid period"))
        });
    }
    group.bench_function("reference_sum_of_intensities", |b| {
        b.iter(|| {
            black_box(&entries)
                .iter()
                .map(|e| u64::from(e.intensity().get()))
                .sum::<u64>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
