//! SLA availability over large inputs, each beside the floor it cannot beat: a plain loop summing the same
//! array. The ratio says what the exact computation costs per element over merely reading it.
//!
//! - one year of 10-second health-check samples (3,153,600 per service) for the plan's 5 services, against
//!   the sum of the same status bytes;
//! - one million outage intervals over a year (sorted, as logs are, with overlaps), against the sum of
//!   their lengths; also with maintenance windows, with partial weights and unsorted (the slower paths).
//!
//! `cargo bench -p cesizen-benches --bench sla`

use std::hint::black_box;

use cesizen::sla::{
    Interval, Outage, Period, Ppm, SamplePolicy, SampleStatus, ServiceCatalog, availability, count_samples,
};
use chrono::{TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SAMPLES_PER_YEAR: usize = 365 * 8_640;
const OUTAGES: usize = 1_000_000;

/// A fixed pseudo-random sequence.
fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    }
}

/// A year of samples: mostly up, with runs of down, degraded and missing samples.
fn samples(seed: u64) -> Vec<SampleStatus> {
    let mut next = rng(seed);
    let mut out = Vec::with_capacity(SAMPLES_PER_YEAR);
    while out.len() < SAMPLES_PER_YEAR {
        let run = (next() % 2_000) as usize + 1;
        let status = match next() % 100 {
            0 => SampleStatus::Down,
            1 => SampleStatus::Degraded,
            2 => SampleStatus::Missing,
            _ => SampleStatus::Up,
        };
        let run = if status == SampleStatus::Up { run } else { run.min(30) };
        out.extend(std::iter::repeat_n(status, run.min(SAMPLES_PER_YEAR - out.len())));
    }
    out
}

/// One million outages over `year`, sorted by start, of 1 s to 30 s, about one in eight overlapping the next.
fn outages(year: &Period, weighted: bool) -> Vec<Outage> {
    let mut next = rng(0x07a6e);
    let step = (year.len_ms() / OUTAGES as u64) as i64;
    (0..OUTAGES as i64)
        .map(|i| {
            let start = year.start_ms() + i * step + (next() % 1_000) as i64;
            let length = 1_000 + (next() % 29_000) as i64 + if next().is_multiple_of(8) { step } else { 0 };
            let interval = Interval::from_millis(start, start + length).expect("inside the year");
            if weighted {
                Outage::partial(
                    interval,
                    Ppm::new([1_000_000, 500_000, 250_000][(next() % 3) as usize]).expect("a weight"),
                )
            } else {
                Outage::full(interval)
            }
        })
        .collect()
}

fn bench_samples(c: &mut Criterion) {
    let services = ServiceCatalog::plan().services().len();
    let series: Vec<Vec<SampleStatus>> = (0..services as u64).map(samples).collect();
    let mut group = c.benchmark_group("availability_samples_1y_10s_5_services");
    group.throughput(Throughput::Elements((services * SAMPLES_PER_YEAR) as u64));
    group.bench_function("availability", |b| {
        b.iter(|| {
            black_box(&series)
                .iter()
                .map(|s| count_samples(s).availability(SamplePolicy::default()).availability_ppm)
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("reference_sum_of_status_bytes", |b| {
        b.iter(|| {
            black_box(&series)
                .iter()
                .map(|s| s.iter().map(|x| u64::from(*x as u8)).sum::<u64>())
                .collect::<Vec<_>>()
        })
    });
    group.finish();
}

fn bench_outages(c: &mut Criterion) {
    let year = Period::new(
        Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
    )
    .expect("2025 is a period");
    let sorted = outages(&year, false);
    let weighted = outages(&year, true);
    let mut shuffled = sorted.clone();
    let mut next = rng(42);
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, (next() % (i as u64 + 1)) as usize);
    }
    // One four-hour maintenance window on the first Sunday night of every month.
    let maintenance: Vec<Interval> = (1..=12)
        .map(|m| {
            let start = Utc.with_ymd_and_hms(2025, m, 7, 1, 0, 0).unwrap();
            Interval::new(start, start + chrono::TimeDelta::hours(4)).expect("four hours")
        })
        .collect();

    let mut group = c.benchmark_group("availability_1m_outages");
    group.throughput(Throughput::Elements(OUTAGES as u64));
    group.bench_function("availability_sorted", |b| {
        b.iter(|| availability(&year, black_box(&sorted), &[]))
    });
    group.bench_function("reference_sum_of_lengths", |b| {
        b.iter(|| black_box(&sorted).iter().map(|o| o.interval().len_ms()).sum::<u64>())
    });
    group.bench_function("availability_sorted_with_maintenance", |b| {
        b.iter(|| availability(&year, black_box(&sorted), &maintenance))
    });
    group.sample_size(10);
    group.bench_function("availability_weighted", |b| {
        b.iter(|| availability(&year, black_box(&weighted), &[]))
    });
    group.bench_function("availability_unsorted", |b| {
        b.iter(|| availability(&year, black_box(&shuffled), &[]))
    });
    group.finish();
}

criterion_group!(benches, bench_samples, bench_outages);
criterion_main!(benches);
