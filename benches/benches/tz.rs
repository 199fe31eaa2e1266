//! Time-zone lookups of `cesizen_core::tz::Tz` beside `chrono-tz` (the crate it replaced to keep the wasm package
//! small), in the same run: the UTC offset of recent instants (every local date of a report, an anonymised
//! export or an SLA month starts there) and the instant of a local wall time (a period's day starts), in a
//! northern zone with summer time (`Europe/Paris`) and a southern one whose rule crosses the new year
//! (`America/Santiago`). Each iteration looks up 1,024 values spread over 2024-2027, so that the figures are
//! per lookup once divided by the throughput.
//!
//! `cargo bench -p cesizen-benches --bench tz`

use std::hint::black_box;

use cesizen::core::tz::Tz;
use chrono::{DateTime, NaiveDateTime, Offset, TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const LOOKUPS: usize = 1_024;

/// 1,024 instants between 2024-01-01 and 2027-12-31, in a fixed pseudo-random order.
fn instants() -> Vec<DateTime<Utc>> {
    let start = 1_704_067_200_i64; // 2024-01-01T00:00:00Z
    let span = 4 * 365 * 86_400_i64;
    let mut state: u64 = 0x7a_5eed;
    (0..LOOKUPS)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let secs = start + (state >> 33) as i64 % span;
            DateTime::from_timestamp(secs, 0).expect("within chrono's range")
        })
        .collect()
}

/// The sum of the UTC offsets of `instants` in `zone`.
fn utc_to_local<Z: TimeZone>(zone: &Z, instants: &[DateTime<Utc>]) -> i64 {
    instants
        .iter()
        .map(|t| i64::from(zone.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc()))
        .sum()
}

/// The sum of the earliest instants of `walls` in `zone` (wall times in a gap count as zero).
fn local_to_utc<Z: TimeZone>(zone: &Z, walls: &[NaiveDateTime]) -> i64 {
    walls
        .iter()
        .map(|w| zone.from_local_datetime(w).earliest().map_or(0, |t| t.timestamp()))
        .sum()
}

fn bench(c: &mut Criterion) {
    let instants = instants();
    let walls: Vec<NaiveDateTime> = instants.iter().map(DateTime::naive_utc).collect();
    for name in ["Europe/Paris", "America/Santiago"] {
        let ours: Tz = name.parse().expect("a zone of the database");
        let theirs: chrono_tz::Tz = name.parse().expect("a zone of chrono-tz");
        assert_eq!(utc_to_local(&ours, &instants), utc_to_local(&theirs, &instants));
        assert_eq!(local_to_utc(&ours, &walls), local_to_utc(&theirs, &walls));
        let mut group = c.benchmark_group(format!("tz_{}", name.replace('/', "_")));
        group.throughput(Throughput::Elements(LOOKUPS as u64));
        group.bench_function("utc_to_local/cesizen", |b| {
            b.iter(|| utc_to_local(black_box(&ours), black_box(&instants)))
        });
        group.bench_function("utc_to_local/chrono_tz", |b| {
            b.iter(|| utc_to_local(black_box(&theirs), black_box(&instants)))
        });
        group.bench_function("local_to_utc/cesizen", |b| {
            b.iter(|| local_to_utc(black_box(&ours), black_box(&walls)))
        });
        group.bench_function("local_to_utc/chrono_tz", |b| {
            b.iter(|| local_to_utc(black_box(&theirs), black_box(&walls)))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
