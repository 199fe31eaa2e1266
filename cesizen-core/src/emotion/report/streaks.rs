//! Streaks: runs of consecutive local days with at least one entry.

use serde::Serialize;

/// Runs of consecutive local days with at least one entry, within a report's window.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct Streaks {
    /// The run that is still alive: it ends today, or yesterday when today has no entry yet (the day is not
    /// over). 0 when neither day has an entry or the window does not reach them.
    pub current: u32,
    /// The longest run in the window.
    pub longest: u32,
}

impl Streaks {
    /// Streaks over per-day entry counts, `today` being the index of the local day of `now` relative to the
    /// first day (it may fall outside the window).
    pub(crate) fn from_day_counts(counts: &[u32], today: i64) -> Streaks {
        let mut longest = 0u32;
        let mut run = 0u32;
        for &count in counts {
            run = if count > 0 { run.saturating_add(1) } else { 0 };
            longest = longest.max(run);
        }
        let has_entries = |day: i64| {
            usize::try_from(day)
                .ok()
                .and_then(|i| counts.get(i))
                .is_some_and(|&c| c > 0)
        };
        let end = if has_entries(today) {
            Some(today)
        } else if has_entries(today - 1) {
            Some(today - 1)
        } else {
            None
        };
        let current = end.map_or(0, |end| {
            let mut day = end;
            let mut len = 0u32;
            while has_entries(day) {
                len = len.saturating_add(1);
                day -= 1;
            }
            len
        });
        Streaks { current, longest }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        let c = [1, 1, 0, 2, 1, 1, 0];
        assert_eq!(Streaks::from_day_counts(&c, 5), Streaks { current: 3, longest: 3 });
        assert_eq!(
            Streaks::from_day_counts(&c, 6),
            Streaks { current: 3, longest: 3 },
            "today not over yet"
        );
        assert_eq!(
            Streaks::from_day_counts(&c, 7),
            Streaks { current: 0, longest: 3 },
            "yesterday empty"
        );
        assert_eq!(Streaks::from_day_counts(&c, 1), Streaks { current: 2, longest: 3 });
        assert_eq!(
            Streaks::from_day_counts(&[1, 1], 2),
            Streaks { current: 2, longest: 2 },
            "window ended yesterday"
        );
        assert_eq!(
            Streaks::from_day_counts(&[1, 1], -1),
            Streaks { current: 0, longest: 2 },
            "window in the future"
        );
        assert_eq!(Streaks::from_day_counts(&[], 0), Streaks::default());
    }

    proptest! {
        #[test]
        fn properties(counts in proptest::collection::vec(0u32..3, 0..60), today in -3i64..65) {
            let s = Streaks::from_day_counts(&counts, today);
            let active = counts.iter().filter(|&&c| c > 0).count() as u32;
            prop_assert!(s.current <= s.longest);
            prop_assert!(s.longest <= active);
            prop_assert_eq!(s.longest == 0, active == 0);
            // The longest run really exists: some window of that length is all active.
            let l = s.longest as usize;
            if l > 0 {
                prop_assert!(counts.windows(l).any(|w| w.iter().all(|&c| c > 0)));
            }
            prop_assert!(!counts.windows(l + 1).any(|w| w.iter().all(|&c| c > 0)));
            // Filling an empty day never shortens the longest streak.
            if let Some(i) = counts.iter().position(|&c| c == 0) {
                let mut more = counts.clone();
                more[i] = 1;
                prop_assert!(Streaks::from_day_counts(&more, today).longest >= s.longest);
            }
        }
    }
}
