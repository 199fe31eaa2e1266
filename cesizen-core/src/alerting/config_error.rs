//! Errors in rule files: what is wrong, and at which field.
//!
//! Rules (thresholds, routing, escalation, calendars, SLA targets) load from data. A refused file names the
//! field with a dotted path (`routing.p3.sms`, `thresholds.cpu.boundaries[1]`, `services.cdn.targetPercent`)
//! and the problem has a stable code (`config.routing.sms_not_allowed`). `cesizen-sla` reuses this type for
//! its own part of the rules file, so one file has one error vocabulary.

/// What is wrong with a rule field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConfigProblem {
    /// SMS is reserved to P1 (the on-call team is paged by SMS only for critical incidents).
    SmsNotAllowed,
    /// Band boundaries are not strictly ordered from the best band to the worst: bands would overlap.
    BandsOverlap,
    /// A scale has the wrong number of boundaries.
    WrongBoundaryCount,
    /// A number is NaN or infinite.
    NotFinite,
    /// A duration or count that must be positive is zero.
    NotPositive,
    /// A value is outside its allowed range.
    OutOfRange,
    /// A service target is not strictly between 0 % and 100 %.
    TargetOutOfRange,
    /// A target has more decimals than parts per million can hold.
    TooPrecise,
    /// Values that must be ordered are not.
    NotOrdered,
    /// A required entry is missing.
    Missing,
    /// An entry appears twice.
    Duplicate,
    /// A list or text is empty.
    Empty,
    /// A list or text is too long.
    TooLong,
    /// A time zone is not an IANA name known to the SDK.
    UnknownTimeZone,
    /// Two settings contradict each other.
    Inconsistent,
    /// The file is not valid JSON of the documented shape (syntax, types, unknown fields).
    Syntax,
}

impl ConfigProblem {
    /// The stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            ConfigProblem::SmsNotAllowed => "config.routing.sms_not_allowed",
            ConfigProblem::BandsOverlap => "config.bands.overlapping",
            ConfigProblem::WrongBoundaryCount => "config.bands.wrong_count",
            ConfigProblem::NotFinite => "config.value.not_finite",
            ConfigProblem::NotPositive => "config.value.not_positive",
            ConfigProblem::OutOfRange => "config.value.out_of_range",
            ConfigProblem::TargetOutOfRange => "config.target.out_of_range",
            ConfigProblem::TooPrecise => "config.value.too_precise",
            ConfigProblem::NotOrdered => "config.value.not_ordered",
            ConfigProblem::Missing => "config.value.missing",
            ConfigProblem::Duplicate => "config.value.duplicate",
            ConfigProblem::Empty => "config.value.empty",
            ConfigProblem::TooLong => "config.value.too_long",
            ConfigProblem::UnknownTimeZone => "config.time_zone.unknown",
            ConfigProblem::Inconsistent => "config.value.inconsistent",
            ConfigProblem::Syntax => "config.syntax.invalid",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            ConfigProblem::SmsNotAllowed => "SMS is reserved to P1",
            ConfigProblem::BandsOverlap => "boundaries must be strictly ordered from the best band to the worst",
            ConfigProblem::WrongBoundaryCount => "wrong number of boundaries for this scale",
            ConfigProblem::NotFinite => "the number must be finite",
            ConfigProblem::NotPositive => "the value must be positive",
            ConfigProblem::OutOfRange => "the value is out of range",
            ConfigProblem::TargetOutOfRange => "a target must be above 0 % and below 100 %",
            ConfigProblem::TooPrecise => "at most six decimals of a fraction (four of a percentage)",
            ConfigProblem::NotOrdered => "the values are not in the required order",
            ConfigProblem::Missing => "a required entry is missing",
            ConfigProblem::Duplicate => "an entry appears twice",
            ConfigProblem::Empty => "the value is empty",
            ConfigProblem::TooLong => "the value is too long",
            ConfigProblem::UnknownTimeZone => "not an IANA time zone name",
            ConfigProblem::Inconsistent => "contradicts another setting",
            ConfigProblem::Syntax => "not valid JSON of the documented shape",
        }
    }
}

/// A refused rule: the field's dotted path, the problem, and for syntax errors the parser's message.
///
/// ```
/// use cesizen_core::alerting::{ConfigError, ConfigProblem};
/// let e = ConfigError::new("sms", ConfigProblem::SmsNotAllowed).within("p3").within("routing");
/// assert_eq!(e.field(), "routing.p3.sms");
/// assert_eq!(e.code(), "config.routing.sms_not_allowed");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid rule at `{field}`: {}{}", problem.describe(), detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
pub struct ConfigError {
    field: String,
    problem: ConfigProblem,
    detail: Option<String>,
}

impl ConfigError {
    /// A problem at `field` (a dotted path relative to the value being checked; may be empty).
    pub fn new(field: impl Into<String>, problem: ConfigProblem) -> Self {
        ConfigError {
            field: field.into(),
            problem,
            detail: None,
        }
    }

    /// A syntax error, with the parser's message (which names the line, column and often the field).
    pub fn syntax(message: impl Into<String>) -> Self {
        ConfigError {
            field: String::new(),
            problem: ConfigProblem::Syntax,
            detail: Some(message.into()),
        }
    }

    /// The same error seen from the parent: `parent` is prefixed to the path.
    pub fn within(mut self, parent: &str) -> Self {
        self.field = match (parent.is_empty(), self.field.is_empty()) {
            (true, _) => self.field,
            (false, true) => parent.to_owned(),
            (false, false) if self.field.starts_with('[') => format!("{parent}{}", self.field),
            (false, false) => format!("{parent}.{}", self.field),
        };
        self
    }

    /// The dotted path of the refused field.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The problem.
    pub fn problem(&self) -> ConfigProblem {
        self.problem
    }

    /// The stable machine code of the problem.
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }

    /// The kind of failure: always [`ErrorKind::Config`](crate::code::ErrorKind::Config).
    pub fn kind(&self) -> crate::code::ErrorKind {
        crate::code::ErrorKind::Config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_compose_with_dots_and_brackets() {
        let e = ConfigError::new("value", ConfigProblem::NotFinite)
            .within("[1]")
            .within("boundaries")
            .within("cpu");
        assert_eq!(e.field(), "cpu.boundaries[1].value");
        assert_eq!(
            ConfigError::new("", ConfigProblem::Empty).within("steps").field(),
            "steps"
        );
        assert!(e.to_string().contains("cpu.boundaries[1].value"));
    }

    #[test]
    fn syntax_errors_carry_the_parser_message() {
        let e = ConfigError::syntax("unknown field `smss` at line 3 column 9");
        assert_eq!(e.code(), "config.syntax.invalid");
        assert!(e.to_string().contains("smss"));
    }
}
