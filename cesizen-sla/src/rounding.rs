//! The one rounding rule, and exact integer helpers.
//!
//! **Every quantity is computed exactly in integers and rounded once, when it is reported, against the
//! service provider**: a value that measures what the provider *may* spend or *has left* (allowed downtime,
//! availability, MTBF, time to exhaustion) is rounded down; a value that measures what the provider *has
//! spent* or *how fast* (downtime, burn rate, MTTR) is rounded up. So a report never flatters the service:
//! 43.2 allowed minutes show as 43 (the plan's figure for 99.9 % over 30 days), and 0.1 ms of downtime shows
//! as 1 ms. Comparisons (is the target met, does a burn-rate rule fire) are made on exact values, never on
//! rounded ones, except where the rounded values are what the user reads (minutes allowed / used / left).

use core::cmp::Ordering;

/// `n / d` rounded down. `d` must be positive.
pub(crate) fn div_floor(n: u128, d: u128) -> u128 {
    n / d
}

/// `n / d` rounded up. `d` must be positive.
pub(crate) fn div_ceil(n: u128, d: u128) -> u128 {
    n.div_ceil(d)
}

/// `n / d` rounded towards negative infinity, for signed values. `d` must be positive.
pub(crate) fn div_floor_signed(n: i128, d: i128) -> i128 {
    n.div_euclid(d)
}

/// The 256-bit product of two `u128`, as (high, low) halves.
fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    const MASK: u128 = u64::MAX as u128;
    let (a_hi, a_lo) = (a >> 64, a & MASK);
    let (b_hi, b_lo) = (b >> 64, b & MASK);
    let lo_lo = a_lo * b_lo;
    let hi_lo = a_hi * b_lo;
    let lo_hi = a_lo * b_hi;
    let hi_hi = a_hi * b_hi;
    let middle = (lo_lo >> 64) + (hi_lo & MASK) + (lo_hi & MASK);
    let low = (middle << 64) | (lo_lo & MASK);
    let high = hi_hi + (hi_lo >> 64) + (lo_hi >> 64) + (middle >> 64);
    (high, low)
}

/// Compares `a1 × a2` with `b1 × b2` exactly (the products may exceed 128 bits).
pub(crate) fn cmp_products(a1: u128, a2: u128, b1: u128, b2: u128) -> Ordering {
    mul_wide(a1, a2).cmp(&mul_wide(b1, b2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn directions() {
        assert_eq!(div_floor(7, 2), 3);
        assert_eq!(div_ceil(7, 2), 4);
        assert_eq!(div_ceil(8, 2), 4);
        assert_eq!(div_floor_signed(-7, 2), -4);
        assert_eq!(div_floor_signed(7, 2), 3);
    }

    #[test]
    fn wide_products_compare_beyond_128_bits() {
        assert_eq!(
            cmp_products(u128::MAX, u128::MAX, u128::MAX, u128::MAX - 1),
            Ordering::Greater
        );
        assert_eq!(cmp_products(u128::MAX, 2, 2, u128::MAX), Ordering::Equal);
        assert_eq!(cmp_products(1 << 100, 1 << 100, 1 << 101, 1 << 99), Ordering::Equal);
        assert_eq!(cmp_products(0, u128::MAX, 1, 0), Ordering::Equal);
    }

    proptest! {
        #[test]
        fn wide_compare_agrees_with_u128_when_it_fits(a in any::<u64>(), b in any::<u64>(), c in any::<u64>(), d in any::<u64>()) {
            let (a, b, c, d) = (u128::from(a), u128::from(b), u128::from(c), u128::from(d));
            prop_assert_eq!(cmp_products(a, b, c, d), (a * b).cmp(&(c * d)));
        }

        #[test]
        fn floor_and_ceil_bracket_the_quotient(n in any::<u64>(), d in 1u64..) {
            let (n, d) = (u128::from(n), u128::from(d));
            let (lo, hi) = (div_floor(n, d), div_ceil(n, d));
            prop_assert!(lo * d <= n && n <= hi * d && hi - lo <= 1);
        }
    }
}
