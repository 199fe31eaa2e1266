//! Unions of intervals: merging overlaps, and the length of a union inside a window in one pass.
//!
//! Outage logs overlap (two monitors, one incident) and touch (an outage split by a restart). Downtime is the
//! length of their union, not the sum of their lengths. [`merge`] gives the union as sorted, disjoint,
//! non-touching intervals; it is idempotent and ignores input order. The availability computations use
//! [`clipped_union_len`], which measures the union inside a window in a single branch-free pass when the
//! input is sorted by start, and tells when it is not.

use crate::Interval;

/// The union of `intervals` as sorted, disjoint, non-adjacent, non-empty intervals.
///
/// ```
/// use cesizen_sla::{merge, Interval};
/// let i = |a, b| Interval::from_millis(a, b).unwrap();
/// assert_eq!(merge(&[i(5, 9), i(0, 3), i(3, 4), i(8, 12)]), [i(0, 4), i(5, 12)]);
/// ```
pub fn merge(intervals: &[Interval]) -> Vec<Interval> {
    let mut sorted: Vec<Interval> = intervals.iter().copied().filter(|i| !i.is_empty()).collect();
    sorted.sort_unstable();
    let mut merged: Vec<Interval> = Vec::with_capacity(sorted.len());
    for next in sorted {
        match merged.last_mut() {
            Some(last) if next.start_ms() <= last.end_ms() => {
                *last = Interval::from_trusted(last.start_ms(), last.end_ms().max(next.end_ms()));
            }
            _ => merged.push(next),
        }
    }
    merged
}

/// The total length of the union of `intervals`, in milliseconds.
pub fn union_len(intervals: &[Interval]) -> u64 {
    merge(intervals).iter().map(Interval::len_ms).sum()
}

/// The length of the union of the spans of `items` inside `[lo, hi)`, and whether every item was accepted
/// (`span` returns `(start, end, accepted)`) with the items sorted by start. The length is right only when
/// the flag is true; callers take a slower path otherwise.
///
/// Sorted by start, the part of item *i* not covered by the items before it is `[max(start, reach), end)`,
/// where `reach` is the furthest end seen so far: one pass, no branch, no allocation.
#[inline]
pub(crate) fn clipped_union_len<T>(
    items: &[T],
    span: impl Fn(&T) -> (i64, i64, bool),
    lo: i64,
    hi: i64,
) -> (u64, bool) {
    let mut reach = lo;
    let mut total: i64 = 0;
    let mut previous_start = i64::MIN;
    let mut valid = true;
    for item in items {
        let (start, end, accepted) = span(item);
        valid &= accepted & (start >= previous_start);
        previous_start = start;
        let to = end.min(hi);
        total += (to - start.max(reach)).max(0);
        reach = reach.max(to);
    }
    (total.unsigned_abs(), valid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn intervals() -> impl Strategy<Value = Vec<Interval>> {
        proptest::collection::vec((0i64..1000, 0i64..200), 0..40).prop_map(|v| {
            v.into_iter()
                .map(|(s, l)| Interval::from_millis(s, s + l).unwrap())
                .collect()
        })
    }

    fn covered(intervals: &[Interval], lo: i64, hi: i64) -> u64 {
        (lo..hi)
            .filter(|t| intervals.iter().any(|i| i.start_ms() <= *t && *t < i.end_ms()))
            .count() as u64
    }

    proptest! {
        #[test]
        fn merge_is_idempotent_and_order_independent(mut v in intervals(), seed in any::<u64>()) {
            let once = merge(&v);
            prop_assert_eq!(merge(&once), once.clone());
            // A deterministic shuffle.
            let n = v.len().max(1);
            for i in 0..v.len() {
                v.swap(i, (seed as usize).wrapping_mul(i + 7) % n);
            }
            prop_assert_eq!(merge(&v), once.clone());
            prop_assert!(once.windows(2).all(|w| w[0].end_ms() < w[1].start_ms()));
        }

        #[test]
        fn union_length_counts_each_millisecond_once(v in intervals(), lo in 0i64..600, len in 0i64..800) {
            let hi = lo + len;
            prop_assert_eq!(union_len(&v), covered(&v, 0, 1200));
            let mut sorted = v.clone();
            sorted.sort_unstable();
            let (fast, was_sorted) = clipped_union_len(&sorted, |i| (i.start_ms(), i.end_ms(), true), lo, hi);
            prop_assert!(was_sorted);
            prop_assert_eq!(fast, covered(&v, lo, hi));
        }

        #[test]
        fn unsorted_input_is_detected(v in intervals()) {
            let (_, sorted) = clipped_union_len(&v, |i| (i.start_ms(), i.end_ms(), true), 0, 10_000);
            prop_assert_eq!(sorted, v.windows(2).all(|w| w[0].start_ms() <= w[1].start_ms()));
        }
    }
}
