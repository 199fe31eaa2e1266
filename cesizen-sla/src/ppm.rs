//! Exact fractions: parts per million, SLO targets, and exact decimal reading.
//!
//! Targets are never floating point: 99.95 % is 999 500 ppm. Text (or a JSON number's shortest decimal
//! form) is read digit by digit, so `"99.95"` is exactly 999 500 and a value that parts per million cannot
//! hold (`"99.99995"`) is refused rather than rounded.

use cesizen_core::alerting::ConfigProblem;
use serde::{Deserialize, Serialize};

use crate::SlaError;

/// One million: 100 %.
pub const PPM_ONE: u32 = 1_000_000;

/// A fraction between 0 and 1 in parts per million. Serialized as the integer.
///
/// ```
/// use cesizen_sla::Ppm;
/// let w = Ppm::from_percent_text("50").unwrap();
/// assert_eq!(w.get(), 500_000);
/// assert_eq!(w.to_percent_string(), "50");
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(type = "number"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Ppm(u32);

impl Ppm {
    /// 0.
    pub const ZERO: Ppm = Ppm(0);
    /// 1 (100 %).
    pub const ONE: Ppm = Ppm(PPM_ONE);

    /// `ppm` parts per million.
    ///
    /// # Errors
    /// [`SlaError::FractionOutOfRange`] above 1 000 000.
    pub fn new(ppm: u32) -> Result<Self, SlaError> {
        if ppm > PPM_ONE {
            Err(SlaError::FractionOutOfRange)
        } else {
            Ok(Ppm(ppm))
        }
    }

    /// The value in parts per million.
    pub fn get(self) -> u32 {
        self.0
    }

    /// Reads a percentage written in decimal (`"99.95"`, `"100"`, `"9.995e1"`), exactly.
    ///
    /// # Errors
    /// [`ConfigProblem::TooPrecise`] beyond four decimals of a percent; [`ConfigProblem::OutOfRange`] above
    /// 100 or for anything that is not a plain non-negative decimal.
    pub fn from_percent_text(text: &str) -> Result<Self, ConfigProblem> {
        Self::from_scaled(parse_decimal_scaled(text, 4)?)
    }

    /// Reads a fraction of one written in decimal (`"0.9995"`), exactly.
    ///
    /// # Errors
    /// As [`Ppm::from_percent_text`], with six decimals.
    pub fn from_fraction_text(text: &str) -> Result<Self, ConfigProblem> {
        Self::from_scaled(parse_decimal_scaled(text, 6)?)
    }

    fn from_scaled(ppm: u128) -> Result<Self, ConfigProblem> {
        u32::try_from(ppm)
            .ok()
            .filter(|p| *p <= PPM_ONE)
            .map(Ppm)
            .ok_or(ConfigProblem::OutOfRange)
    }

    /// The shortest decimal percentage: 999 500 → `"99.95"`, 1 000 000 → `"100"`.
    pub fn to_percent_string(self) -> String {
        decimal_string(u128::from(self.0), 4)
    }

    /// The shortest decimal fraction: 999 500 → `"0.9995"`.
    pub fn to_fraction_string(self) -> String {
        decimal_string(u128::from(self.0), 6)
    }
}

impl TryFrom<u32> for Ppm {
    type Error = SlaError;

    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Ppm::new(value)
    }
}

impl From<Ppm> for u32 {
    fn from(p: Ppm) -> u32 {
        p.0
    }
}

/// An SLO target: a fraction strictly between 0 and 1. A 100 % target leaves no error budget and is refused
/// (as OpenSLO does); so is 0 %.
///
/// ```
/// use cesizen_sla::SloTarget;
/// let api = SloTarget::from_percent_text("99.9").unwrap();
/// assert_eq!((api.ppm(), api.budget_ppm()), (999_000, 1_000));
/// assert!(SloTarget::from_percent_text("100").is_err());
/// ```
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(type = "number"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct SloTarget(u32);

impl SloTarget {
    /// A target of `ppm` parts per million.
    ///
    /// # Errors
    /// [`SlaError::TargetOutOfRange`] unless `0 < ppm < 1 000 000`.
    pub fn new(ppm: u32) -> Result<Self, SlaError> {
        if ppm == 0 || ppm >= PPM_ONE {
            Err(SlaError::TargetOutOfRange)
        } else {
            Ok(SloTarget(ppm))
        }
    }

    /// Reads a target percentage exactly (`"99.95"`).
    ///
    /// # Errors
    /// [`ConfigProblem::TooPrecise`], or [`ConfigProblem::TargetOutOfRange`] outside (0, 100).
    pub fn from_percent_text(text: &str) -> Result<Self, ConfigProblem> {
        let ppm = Ppm::from_percent_text(text).map_err(|p| match p {
            ConfigProblem::OutOfRange => ConfigProblem::TargetOutOfRange,
            other => other,
        })?;
        SloTarget::new(ppm.get()).map_err(|_| ConfigProblem::TargetOutOfRange)
    }

    /// The target in parts per million.
    pub fn ppm(self) -> u32 {
        self.0
    }

    /// The error budget, `1 − target`, in parts per million (always positive).
    pub fn budget_ppm(self) -> u32 {
        PPM_ONE - self.0
    }

    /// The shortest decimal percentage, e.g. `"99.95"`.
    pub fn to_percent_string(self) -> String {
        Ppm(self.0).to_percent_string()
    }
}

impl TryFrom<u32> for SloTarget {
    type Error = SlaError;

    fn try_from(value: u32) -> Result<Self, Self::Error> {
        SloTarget::new(value)
    }
}

impl From<SloTarget> for u32 {
    fn from(t: SloTarget) -> u32 {
        t.0
    }
}

/// `text × 10^scale` exactly, for a non-negative decimal with an optional exponent (`"12.5"`, `"1.25e1"`).
fn parse_decimal_scaled(text: &str, scale: u32) -> Result<u128, ConfigProblem> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (
            &text[..i],
            text[i + 1..].parse::<i32>().map_err(|_| ConfigProblem::OutOfRange)?,
        ),
        None => (text, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty()
        || !digits_ok(int_part)
        || !digits_ok(frac_part)
        || (mantissa.contains('.') && frac_part.is_empty())
    {
        return Err(ConfigProblem::OutOfRange);
    }
    // value = digits × 10^(exponent − frac_len); scaled = digits × 10^(exponent − frac_len + scale).
    let digits = format!("{int_part}{frac_part}");
    let digits = digits.trim_start_matches('0');
    let frac_len = i64::try_from(frac_part.len()).map_err(|_| ConfigProblem::OutOfRange)?;
    let shift = i64::from(exponent) - frac_len + i64::from(scale);
    if digits.is_empty() {
        return Ok(0);
    }
    if shift >= 0 {
        let shift = u32::try_from(shift).map_err(|_| ConfigProblem::OutOfRange)?;
        let base: u128 = digits.parse().map_err(|_| ConfigProblem::OutOfRange)?;
        10u128
            .checked_pow(shift)
            .and_then(|p| base.checked_mul(p))
            .ok_or(ConfigProblem::OutOfRange)
    } else {
        let cut = usize::try_from(-shift).map_err(|_| ConfigProblem::TooPrecise)?;
        let keep = digits.len().checked_sub(cut);
        let (kept, dropped) = match keep {
            Some(k) => digits.split_at(k),
            None => ("", digits),
        };
        if dropped.bytes().any(|b| b != b'0') {
            return Err(ConfigProblem::TooPrecise);
        }
        if kept.is_empty() {
            Ok(0)
        } else {
            kept.parse().map_err(|_| ConfigProblem::OutOfRange)
        }
    }
}

/// Any share in parts per million (any integer converts) as its shortest decimal percentage, sign included: `14_400` → `"1.44"`,
/// `1_440_000` → `"144"` (a share may exceed one: a burn ratio, an overspent budget), `-125_000` → `"-12.5"`.
///
/// ```
/// assert_eq!(cesizen_sla::ppm_percent_text(-125_000), "-12.5");
/// assert_eq!(cesizen_sla::ppm_percent_text(1_440_000), "144");
/// ```
pub fn ppm_percent_text(ppm: i128) -> String {
    let sign = if ppm < 0 { "-" } else { "" };
    format!("{sign}{}", decimal_string(ppm.unsigned_abs(), 4))
}

/// `value / 10^scale` in the shortest decimal form: the one way the crate writes a fixed-point number.
pub(crate) fn decimal_string(value: u128, scale: u32) -> String {
    let unit = 10u128.pow(scale);
    let (int, frac) = (value / unit, value % unit);
    if frac == 0 {
        return int.to_string();
    }
    let frac = format!("{frac:0width$}", width = scale as usize);
    format!("{int}.{}", frac.trim_end_matches('0'))
}

// A target crosses UniFFI as its ppm (in results; targets given to the bindings are read by `SloTarget::new`,
// whose refusal is a code, where a custom type's would be UniFFI's internal error).
#[cfg(feature = "uniffi")]
uniffi::custom_type!(SloTarget, u32, {
    lower: |target| target.0,
    try_lift: |ppm| Ok(SloTarget::new(ppm)?),
});

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plan_targets_read_exactly() {
        for (text, ppm) in [
            ("99.5", 995_000),
            ("99.9", 999_000),
            ("99.95", 999_500),
            ("99.99", 999_900),
        ] {
            assert_eq!(SloTarget::from_percent_text(text).unwrap().ppm(), ppm);
            assert_eq!(SloTarget::new(ppm).unwrap().to_percent_string(), text);
        }
    }

    #[test]
    fn decimal_forms() {
        assert_eq!(Ppm::from_percent_text("9.995e1").unwrap().get(), 999_500);
        assert_eq!(Ppm::from_percent_text("100.000").unwrap(), Ppm::ONE);
        assert_eq!(Ppm::from_percent_text("0").unwrap(), Ppm::ZERO);
        assert_eq!(Ppm::from_percent_text("1E-4").unwrap().get(), 1);
        assert_eq!(Ppm::from_fraction_text("0.9995").unwrap().get(), 999_500);
        assert_eq!(Ppm::from_percent_text("99.99995"), Err(ConfigProblem::TooPrecise));
        assert_eq!(Ppm::from_percent_text("1e-5"), Err(ConfigProblem::TooPrecise));
        for bad in [
            "",
            ".5",
            "5.",
            "-1",
            "+1",
            "1,5",
            "abc",
            "100.0001",
            "1e999999999999",
            "0x10",
            "1e",
        ] {
            assert!(Ppm::from_percent_text(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn target_bounds() {
        assert_eq!(
            SloTarget::from_percent_text("100"),
            Err(ConfigProblem::TargetOutOfRange)
        );
        assert_eq!(
            SloTarget::from_percent_text("100.5"),
            Err(ConfigProblem::TargetOutOfRange)
        );
        assert_eq!(SloTarget::from_percent_text("0"), Err(ConfigProblem::TargetOutOfRange));
        assert_eq!(SloTarget::new(999_999).unwrap().budget_ppm(), 1);
        assert_eq!(SloTarget::new(PPM_ONE).unwrap_err().code(), "sla.target.out_of_range");
        assert!(serde_json::from_str::<SloTarget>("1000000").is_err());
        assert_eq!(Ppm::new(PPM_ONE + 1).unwrap_err().code(), "sla.fraction.out_of_range");
    }

    proptest! {
        #[test]
        fn text_round_trips(ppm in 0u32..=PPM_ONE) {
            let p = Ppm::new(ppm).unwrap();
            prop_assert_eq!(Ppm::from_percent_text(&p.to_percent_string()).unwrap(), p);
            prop_assert_eq!(Ppm::from_fraction_text(&p.to_fraction_string()).unwrap(), p);
        }

        /// Any share, of any size and sign, reads back exactly and keeps its sign.
        #[test]
        fn signed_percent_text_round_trips(ppm in any::<i128>()) {
            let text = ppm_percent_text(ppm);
            let magnitude = parse_decimal_scaled(text.trim_start_matches('-'), 4).unwrap();
            prop_assert_eq!(magnitude, ppm.unsigned_abs());
            prop_assert_eq!(text.starts_with('-'), ppm < 0);
        }

        #[test]
        fn json_numbers_read_exactly(ppm in 1u32..PPM_ONE) {
            // A target written as a JSON number goes through f64 and back to its shortest decimal.
            let text = SloTarget::new(ppm).unwrap().to_percent_string();
            let number: serde_json::Number = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(SloTarget::from_percent_text(&number.to_string()).unwrap().ppm(), ppm);
        }

        #[test]
        fn arbitrary_text_never_panics(s in "[0-9eE.+-]{0,30}") {
            let _ = Ppm::from_percent_text(&s);
        }
    }
}
