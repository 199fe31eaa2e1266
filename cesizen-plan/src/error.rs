//! The plan's one error type: every refusal names the field by its dotted path from the root of the document
//! and carries a stable `config.*` code.
//!
//! The alerting and SLA sections keep the codes `cesizen-core` and `cesizen-sla` already ship
//! (`config.routing.sms_not_allowed`, `config.bands.overlapping`, `config.syntax.invalid`, …). A refusal of the
//! `gdpr` section is `config.syntax.invalid` or `config.value.invalid` and keeps the GDPR crate's error as its
//! cause (the codes that crate shipped as `gdpr.config.*` read as these through `cesizen_core::code::canonical`).

use cesizen_core::alerting::ConfigError;

/// A plan document refused.
///
/// ```
/// use cesizen_plan::Plan;
/// let e = Plan::from_json(r#"{ "gdpr": { "anonymisation": { "k": 1 } } }"#).unwrap_err();
/// assert_eq!((e.field(), e.code()), ("gdpr.anonymisation.k".to_owned(), "config.value.invalid"));
/// let e = Plan::from_json(r#"{ "services": [] }"#).unwrap_err();
/// assert_eq!((e.field(), e.code()), ("services".to_owned(), "config.value.empty"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// The document is not JSON or TOML of the documented shape (`config.syntax.invalid`, the parser's message
    /// naming the field), or the alerting or SLA sections refused a value (the field's own `config.*` code).
    #[error(transparent)]
    Rules(#[from] ConfigError),
    /// The `gdpr` section was refused: `config.syntax.invalid` when it is malformed, `config.value.invalid`
    /// when a value is out of range or inconsistent.
    #[error("invalid plan at `{field}`: {cause}")]
    Gdpr {
        /// The dotted path from the root of the plan (`gdpr.retention.accounts.notice`; `gdpr` when the parser
        /// names the field in the message).
        field: String,
        /// The GDPR crate's own error.
        cause: cesizen_gdpr::Error,
    },
}

impl PlanError {
    /// A refusal of the `gdpr` section, its path prefixed with `gdpr`.
    pub(crate) fn gdpr(cause: cesizen_gdpr::Error) -> Self {
        let field = match &cause {
            cesizen_gdpr::Error::ConfigInvalid { field, .. } => format!("gdpr.{field}"),
            _ => "gdpr".to_owned(),
        };
        PlanError::Gdpr { field, cause }
    }

    /// The dotted path of the refused field from the root of the plan (empty for a syntax error outside any
    /// section).
    pub fn field(&self) -> String {
        match self {
            PlanError::Rules(e) => e.field().to_owned(),
            PlanError::Gdpr { field, .. } => field.clone(),
        }
    }

    /// The stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            PlanError::Rules(e) => e.code(),
            PlanError::Gdpr {
                cause: cesizen_gdpr::Error::ConfigMalformed(_),
                ..
            } => "config.syntax.invalid",
            PlanError::Gdpr { .. } => "config.value.invalid",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gdpr_refusals_are_named_from_the_root_and_keep_their_cause() {
        let malformed = PlanError::gdpr(cesizen_gdpr::Error::ConfigMalformed("unknown field `x`".into()));
        assert_eq!(
            (malformed.field().as_str(), malformed.code()),
            ("gdpr", "config.syntax.invalid")
        );
        assert!(malformed.to_string().contains("unknown field `x`"), "{malformed}");
        let invalid = PlanError::gdpr(cesizen_gdpr::Error::ConfigInvalid {
            field: "retention.logs.after".into(),
            reason: "too long",
        });
        assert_eq!(
            (invalid.field().as_str(), invalid.code()),
            ("gdpr.retention.logs.after", "config.value.invalid")
        );
        assert!(matches!(
            invalid,
            PlanError::Gdpr {
                cause: cesizen_gdpr::Error::ConfigInvalid { .. },
                ..
            }
        ));
    }
}
