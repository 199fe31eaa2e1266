//! French public holidays, for business-hours SLA calendars.
//!
//! The eleven public holidays of metropolitan France (Code du travail, art. L3133-1): 1 January, Easter
//! Monday, 1 May, 8 May, Ascension Thursday, Whit Monday, 14 July, 15 August, 1 November, 11 November and
//! 25 December. Easter follows the Gregorian computus. Alsace-Moselle's two extra days are not included; add
//! them to a calendar's explicit holidays where they apply.

use chrono::{NaiveDate, TimeDelta};

/// Easter Sunday of `year` in the Gregorian calendar (anonymous Gregorian algorithm).
///
/// ```
/// use cesizen_sla::easter_sunday;
/// assert_eq!(easter_sunday(2025).unwrap().to_string(), "2025-04-20");
/// ```
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    NaiveDate::from_ymd_opt(year, u32::try_from(n / 31).ok()?, u32::try_from(n % 31 + 1).ok()?)
}

/// The French public holidays of `year`, in date order.
pub fn french_public_holidays(year: i32) -> Vec<NaiveDate> {
    let fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)];
    let mut days: Vec<NaiveDate> = fixed
        .iter()
        .filter_map(|&(m, d)| NaiveDate::from_ymd_opt(year, m, d))
        .collect();
    if let Some(easter) = easter_sunday(year) {
        days.extend(
            [1, 39, 50]
                .into_iter()
                .filter_map(|offset| easter.checked_add_signed(TimeDelta::days(offset))),
        );
    }
    days.sort_unstable();
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn easter_dates() {
        for (year, easter) in [
            (2000, "2000-04-23"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ] {
            assert_eq!(easter_sunday(year), Some(date(easter)), "{year}");
        }
    }

    #[test]
    fn eleven_holidays_of_2025() {
        let got: Vec<String> = french_public_holidays(2025).iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "2025-01-01",
                "2025-04-21",
                "2025-05-01",
                "2025-05-08",
                "2025-05-29",
                "2025-06-09",
                "2025-07-14",
                "2025-08-15",
                "2025-11-01",
                "2025-11-11",
                "2025-12-25",
            ]
        );
    }
}
