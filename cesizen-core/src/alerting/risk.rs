//! The plan's risk matrix, with a likelihood × impact score to rank risks.
//!
//! "Matrice des risques principaux" lists five risks with a likelihood (low, medium, high), an impact
//! (major, critical) and their protections. The plan does not rank them; the SDK scores a risk as
//! likelihood (1–3) × impact (minor 1, moderate 2, major 3, critical 4) and maps the score to a level:
//! 1–2 low, 3–4 medium, 6 high, 8–12 critical. On the plan's matrix this puts team phishing (12) and an
//! emotional-data leak (8) first, then DDoS (6), then SQL injection/XSS (3) and a GDPR violation (4).

use serde::{Deserialize, Serialize};

/// How likely a risk is.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum Likelihood {
    /// "Faible".
    Low,
    /// "Moyenne".
    Medium,
    /// "Élevée".
    High,
}

/// How bad a risk would be.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum RiskImpact {
    /// Minor.
    Minor,
    /// Moderate.
    Moderate,
    /// "Majeur".
    Major,
    /// "Critique".
    Critical,
}

/// The level a score maps to.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    /// Score 1–2.
    Low,
    /// Score 3–4.
    Medium,
    /// Score 6.
    High,
    /// Score 8–12.
    Critical,
}

/// The area a risk belongs to.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RiskCategory {
    /// "Données".
    Data,
    /// "Web".
    Web,
    /// "Infrastructure".
    Infrastructure,
    /// "Humain".
    Human,
    /// "Conformité".
    Compliance,
}

/// One row of the matrix.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(rename = "PlanRisk", missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Risk {
    /// The area.
    pub category: RiskCategory,
    /// What could happen.
    pub name: String,
    /// How likely.
    pub likelihood: Likelihood,
    /// How bad.
    pub impact: RiskImpact,
    /// The protections in place.
    pub protections: Vec<String>,
}

impl Risk {
    /// Likelihood (1–3) × impact (1–4).
    pub fn score(&self) -> u8 {
        let likelihood = self.likelihood as u8 + 1;
        let impact = self.impact as u8 + 1;
        likelihood * impact
    }

    /// The level of the score.
    pub fn level(&self) -> RiskLevel {
        match self.score() {
            0..=2 => RiskLevel::Low,
            3..=4 => RiskLevel::Medium,
            5..=6 => RiskLevel::High,
            _ => RiskLevel::Critical,
        }
    }
}

/// A line of the risk matrix: a risk of the plan with its score and level, its protections left out
/// ([`Risk::entry`], [`risk_matrix`]).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(rename = "Risk", missing_as_null))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RiskEntry {
    /// The risk's name.
    pub name: String,
    /// What it threatens.
    pub category: RiskCategory,
    /// How likely it is.
    pub likelihood: Likelihood,
    /// How bad it would be.
    pub impact: RiskImpact,
    /// [`Risk::score`].
    pub score: u8,
    /// [`Risk::level`].
    pub level: RiskLevel,
}

impl Risk {
    /// This risk's line of the matrix.
    pub fn entry(&self) -> RiskEntry {
        RiskEntry {
            name: self.name.clone(),
            category: self.category,
            likelihood: self.likelihood,
            impact: self.impact,
            score: self.score(),
            level: self.level(),
        }
    }
}

/// The plan's risk matrix: its risks scored, highest score first ([`plan_risks`]'s order).
///
/// ```
/// use cesizen_core::alerting::{risk_matrix, RiskLevel};
/// let matrix = risk_matrix();
/// assert_eq!((matrix[0].name.as_str(), matrix[0].score, matrix[0].level), ("Team phishing", 12, RiskLevel::Critical));
/// ```
pub fn risk_matrix() -> Vec<RiskEntry> {
    plan_risks().iter().map(Risk::entry).collect()
}

/// The plan's five risks, highest score first (ties keep the plan's order).
///
/// ```
/// use cesizen_core::alerting::{plan_risks, RiskLevel};
/// let risks = plan_risks();
/// assert_eq!(risks[0].name, "Team phishing");
/// assert_eq!(risks[0].level(), RiskLevel::Critical);
/// ```
pub fn plan_risks() -> Vec<Risk> {
    let risk = |category, name: &str, likelihood, impact, protections: &[&str]| Risk {
        category,
        name: name.to_owned(),
        likelihood,
        impact,
        protections: protections.iter().map(|p| (*p).to_owned()).collect(),
    };
    let mut risks = vec![
        risk(
            RiskCategory::Data,
            "Emotional data leak",
            Likelihood::Medium,
            RiskImpact::Critical,
            &["AES-256 encryption", "Audit"],
        ),
        risk(
            RiskCategory::Web,
            "SQL injection / XSS",
            Likelihood::Low,
            RiskImpact::Major,
            &["Prisma ORM", "Zod validation"],
        ),
        risk(
            RiskCategory::Infrastructure,
            "DDoS / overload",
            Likelihood::Medium,
            RiskImpact::Major,
            &["Vercel CDN", "Rate limiting"],
        ),
        risk(
            RiskCategory::Human,
            "Team phishing",
            Likelihood::High,
            RiskImpact::Critical,
            &["Training", "Mandatory 2FA"],
        ),
        risk(
            RiskCategory::Compliance,
            "GDPR violation",
            Likelihood::Low,
            RiskImpact::Critical,
            &["Automated audit", "DPO"],
        ),
    ];
    risks.sort_by_key(|r| core::cmp::Reverse(r.score()));
    risks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_is_each_plan_risk_scored_without_its_protections() {
        let matrix = risk_matrix();
        assert_eq!(matrix.len(), plan_risks().len());
        for (line, risk) in matrix.iter().zip(plan_risks()) {
            assert_eq!(
                (line.name.as_str(), line.score, line.level),
                (risk.name.as_str(), risk.score(), risk.level())
            );
            let json = serde_json::to_value(line).unwrap();
            assert!(json.get("protections").is_none());
            assert_eq!(&serde_json::from_value::<RiskEntry>(json).unwrap(), line);
        }
    }

    #[test]
    fn every_row_of_the_plan_with_its_score() {
        use Likelihood as L;
        use RiskImpact as I;
        let risks = plan_risks();
        let got: Vec<(&str, RiskCategory, L, I, u8, RiskLevel)> = risks
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.category,
                    r.likelihood,
                    r.impact,
                    r.score(),
                    r.level(),
                )
            })
            .collect();
        let expected = [
            (
                "Team phishing",
                RiskCategory::Human,
                L::High,
                I::Critical,
                12,
                RiskLevel::Critical,
            ),
            (
                "Emotional data leak",
                RiskCategory::Data,
                L::Medium,
                I::Critical,
                8,
                RiskLevel::Critical,
            ),
            (
                "DDoS / overload",
                RiskCategory::Infrastructure,
                L::Medium,
                I::Major,
                6,
                RiskLevel::High,
            ),
            (
                "GDPR violation",
                RiskCategory::Compliance,
                L::Low,
                I::Critical,
                4,
                RiskLevel::Medium,
            ),
            (
                "SQL injection / XSS",
                RiskCategory::Web,
                L::Low,
                I::Major,
                3,
                RiskLevel::Medium,
            ),
        ];
        assert_eq!(got, expected);
        assert!(plan_risks().iter().all(|r| r.protections.len() == 2));
    }

    #[test]
    fn score_is_monotonic_in_both_axes() {
        let mk = |likelihood, impact| Risk {
            category: RiskCategory::Web,
            name: String::new(),
            likelihood,
            impact,
            protections: vec![],
        };
        assert_eq!(mk(Likelihood::Low, RiskImpact::Minor).level(), RiskLevel::Low);
        assert!(mk(Likelihood::High, RiskImpact::Major).score() > mk(Likelihood::Medium, RiskImpact::Major).score());
        assert!(mk(Likelihood::Low, RiskImpact::Critical).score() > mk(Likelihood::Low, RiskImpact::Major).score());
    }
}
