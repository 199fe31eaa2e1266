//! The incident report ("Fiche d'incident CESIZEN") of the plan.
//!
//! A report carries the id `CESIZEN-NNNN`, detection and resolution times, the priority (and the security
//! level for security incidents), the status (open → in progress → resolved → closed), the users affected,
//! the features impacted, the downtime, the business impact and the corrective and preventive checklists.
//! Status and resolution time move together: a report has a resolution time exactly when it is resolved or
//! closed, and never before its detection. Reports read from JSON are checked the same way.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::actor::is_clean_text;
use super::{Checklist, IncidentError, IncidentId, Priority, SecurityLevel};

const MAX_TITLE_CHARS: usize = 200;
const MAX_FEATURE_CHARS: usize = 100;
const MAX_FEATURES: usize = 50;
const MAX_IMPACT_CHARS: usize = 2000;

/// The status of an incident report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// Detected, nobody on it yet ("Ouvert").
    Open,
    /// Being handled ("En cours").
    InProgress,
    /// Fixed, under verification ("Résolu").
    Resolved,
    /// Verified and documented ("Fermé"). Final.
    Closed,
}

impl ReportStatus {
    /// The stable name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Open => "open",
            ReportStatus::InProgress => "in_progress",
            ReportStatus::Resolved => "resolved",
            ReportStatus::Closed => "closed",
        }
    }

    fn is_resolved(self) -> bool {
        matches!(self, ReportStatus::Resolved | ReportStatus::Closed)
    }
}

impl core::fmt::Display for ReportStatus {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How many users an incident affected, optionally out of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "UsersAffectedRecord")]
pub struct UsersAffected {
    count: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    out_of: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct UsersAffectedRecord {
    count: u64,
    #[serde(default)]
    out_of: Option<u64>,
}

impl TryFrom<UsersAffectedRecord> for UsersAffected {
    type Error = IncidentError;

    fn try_from(r: UsersAffectedRecord) -> Result<Self, Self::Error> {
        UsersAffected::new(r.count, r.out_of)
    }
}

impl UsersAffected {
    /// `count` users affected, out of `out_of` when known.
    ///
    /// # Errors
    /// [`IncidentError::AffectedExceedsTotal`] when `count > out_of`.
    pub fn new(count: u64, out_of: Option<u64>) -> Result<Self, IncidentError> {
        match out_of {
            Some(total) if count > total => Err(IncidentError::AffectedExceedsTotal),
            _ => Ok(UsersAffected { count, out_of }),
        }
    }

    /// The number of users affected.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The population they were counted in, when known.
    pub fn out_of(&self) -> Option<u64> {
        self.out_of
    }

    /// The affected share in parts per million, rounded down; `None` without a population (or an empty one).
    ///
    /// ```
    /// use cesizen_core::incident::UsersAffected;
    /// assert_eq!(UsersAffected::new(1, Some(3)).unwrap().share_ppm(), Some(333_333));
    /// ```
    pub fn share_ppm(&self) -> Option<u32> {
        let total = self.out_of.filter(|t| *t > 0)?;
        let ppm = u128::from(self.count) * 1_000_000 / u128::from(total);
        u32::try_from(ppm).ok()
    }
}

/// An incident report.
///
/// ```
/// use cesizen_core::incident::{IncidentId, IncidentReport, Priority, ReportStatus};
/// let detected = "2025-06-02T08:00:00Z".parse().unwrap();
/// let mut report = IncidentReport::open(IncidentId::new(3).unwrap(), "Login fails", Priority::P1, detected).unwrap();
/// report.resolve(detected + chrono::TimeDelta::minutes(95)).unwrap();
/// assert_eq!(report.status(), ReportStatus::Resolved);
/// assert_eq!(report.time_to_resolve().unwrap().num_minutes(), 95);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "IncidentReportRecord")]
pub struct IncidentReport {
    id: IncidentId,
    title: String,
    priority: Priority,
    #[serde(skip_serializing_if = "Option::is_none")]
    security_level: Option<SecurityLevel>,
    status: ReportStatus,
    detected_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolved_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    users_affected: Option<UsersAffected>,
    features_impacted: Vec<String>,
    downtime_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    business_impact: Option<String>,
    corrective_actions: Checklist,
    preventive_actions: Checklist,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct IncidentReportRecord {
    id: IncidentId,
    title: String,
    priority: Priority,
    #[serde(default)]
    security_level: Option<SecurityLevel>,
    status: ReportStatus,
    detected_at: DateTime<Utc>,
    #[serde(default)]
    resolved_at: Option<DateTime<Utc>>,
    #[serde(default)]
    users_affected: Option<UsersAffected>,
    #[serde(default)]
    features_impacted: Vec<String>,
    #[serde(default)]
    downtime_ms: u64,
    #[serde(default)]
    business_impact: Option<String>,
    corrective_actions: Checklist,
    preventive_actions: Checklist,
}

impl TryFrom<IncidentReportRecord> for IncidentReport {
    type Error = IncidentError;

    fn try_from(r: IncidentReportRecord) -> Result<Self, Self::Error> {
        let mut report = IncidentReport::open(r.id, r.title, r.priority, r.detected_at)?;
        report.security_level = r.security_level;
        if r.status.is_resolved() != r.resolved_at.is_some() {
            return Err(IncidentError::ResolutionMismatch);
        }
        if let Some(at) = r.resolved_at {
            check_resolution(report.detected_at, at)?;
        }
        report.status = r.status;
        report.resolved_at = r.resolved_at;
        report.users_affected = r.users_affected;
        for feature in r.features_impacted {
            report.add_feature_impacted(feature)?;
        }
        report.downtime_ms = r.downtime_ms;
        if let Some(text) = r.business_impact {
            report.set_business_impact(text)?;
        }
        report.corrective_actions = r.corrective_actions;
        report.preventive_actions = r.preventive_actions;
        Ok(report)
    }
}

fn check_resolution(detected_at: DateTime<Utc>, resolved_at: DateTime<Utc>) -> Result<(), IncidentError> {
    if resolved_at < detected_at {
        Err(IncidentError::ResolvedBeforeDetected)
    } else {
        Ok(())
    }
}

impl IncidentReport {
    /// Opens a report with the plan's default checklists.
    ///
    /// # Errors
    /// [`IncidentError::InvalidText`] for an empty, padded or over-long title (200 characters at most).
    pub fn open(
        id: IncidentId,
        title: impl Into<String>,
        priority: Priority,
        detected_at: DateTime<Utc>,
    ) -> Result<Self, IncidentError> {
        let title = title.into();
        if !is_clean_text(&title, MAX_TITLE_CHARS) {
            return Err(IncidentError::InvalidText { field: "title" });
        }
        Ok(IncidentReport {
            id,
            title,
            priority,
            security_level: None,
            status: ReportStatus::Open,
            detected_at,
            resolved_at: None,
            users_affected: None,
            features_impacted: Vec::new(),
            downtime_ms: 0,
            business_impact: None,
            corrective_actions: Checklist::plan_corrective(),
            preventive_actions: Checklist::plan_preventive(),
        })
    }

    /// Marks the report as a security incident of `level`.
    pub fn set_security_level(&mut self, level: Option<SecurityLevel>) {
        self.security_level = level;
    }

    /// Open → In progress.
    ///
    /// # Errors
    /// [`IncidentError::IllegalReportStatus`] from any other status.
    pub fn start(&mut self) -> Result<(), IncidentError> {
        self.move_to(ReportStatus::InProgress, &[ReportStatus::Open])
    }

    /// Open or In progress → Resolved, at `at`.
    ///
    /// # Errors
    /// [`IncidentError::ResolvedBeforeDetected`] when `at` precedes the detection;
    /// [`IncidentError::IllegalReportStatus`] from Resolved or Closed.
    pub fn resolve(&mut self, at: DateTime<Utc>) -> Result<(), IncidentError> {
        check_resolution(self.detected_at, at)?;
        self.move_to(ReportStatus::Resolved, &[ReportStatus::Open, ReportStatus::InProgress])?;
        self.resolved_at = Some(at);
        Ok(())
    }

    /// Resolved → In progress: the fix did not hold. The resolution time is cleared.
    ///
    /// # Errors
    /// [`IncidentError::IllegalReportStatus`] from any other status.
    pub fn reopen(&mut self) -> Result<(), IncidentError> {
        self.move_to(ReportStatus::InProgress, &[ReportStatus::Resolved])?;
        self.resolved_at = None;
        Ok(())
    }

    /// Resolved → Closed. Final.
    ///
    /// # Errors
    /// [`IncidentError::IllegalReportStatus`] from any other status.
    pub fn close(&mut self) -> Result<(), IncidentError> {
        self.move_to(ReportStatus::Closed, &[ReportStatus::Resolved])
    }

    fn move_to(&mut self, to: ReportStatus, allowed_from: &[ReportStatus]) -> Result<(), IncidentError> {
        if !allowed_from.contains(&self.status) {
            return Err(IncidentError::IllegalReportStatus { from: self.status, to });
        }
        self.status = to;
        Ok(())
    }

    /// Records how many users were affected.
    pub fn set_users_affected(&mut self, users: UsersAffected) {
        self.users_affected = Some(users);
    }

    /// Adds an impacted feature (1 to 100 characters, at most 50 features).
    ///
    /// # Errors
    /// [`IncidentError::InvalidText`] or [`IncidentError::TooMany`].
    pub fn add_feature_impacted(&mut self, feature: impl Into<String>) -> Result<(), IncidentError> {
        let feature = feature.into();
        if !is_clean_text(&feature, MAX_FEATURE_CHARS) {
            return Err(IncidentError::InvalidText {
                field: "featuresImpacted",
            });
        }
        if self.features_impacted.len() >= MAX_FEATURES {
            return Err(IncidentError::TooMany {
                field: "featuresImpacted",
                max: MAX_FEATURES,
            });
        }
        self.features_impacted.push(feature);
        Ok(())
    }

    /// Records the total downtime.
    ///
    /// # Errors
    /// [`IncidentError::NegativeDuration`] for a negative duration.
    pub fn set_downtime(&mut self, downtime: TimeDelta) -> Result<(), IncidentError> {
        self.downtime_ms = u64::try_from(downtime.num_milliseconds()).map_err(|_| IncidentError::NegativeDuration)?;
        Ok(())
    }

    /// Records the business impact estimate (1 to 2000 characters; line breaks allowed).
    ///
    /// # Errors
    /// [`IncidentError::InvalidText`].
    pub fn set_business_impact(&mut self, text: impl Into<String>) -> Result<(), IncidentError> {
        let text = text.into();
        let clean = text.lines().all(|l| !l.chars().any(char::is_control));
        if !clean || text.trim().is_empty() || text.chars().count() > MAX_IMPACT_CHARS {
            return Err(IncidentError::InvalidText {
                field: "businessImpact",
            });
        }
        self.business_impact = Some(text);
        Ok(())
    }

    /// The corrective actions, to tick off.
    pub fn corrective_actions_mut(&mut self) -> &mut Checklist {
        &mut self.corrective_actions
    }

    /// The preventive actions, to tick off.
    pub fn preventive_actions_mut(&mut self) -> &mut Checklist {
        &mut self.preventive_actions
    }

    /// The id.
    pub fn id(&self) -> IncidentId {
        self.id
    }

    /// The title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The priority.
    pub fn priority(&self) -> Priority {
        self.priority
    }

    /// The security level, for security incidents.
    pub fn security_level(&self) -> Option<SecurityLevel> {
        self.security_level
    }

    /// The status.
    pub fn status(&self) -> ReportStatus {
        self.status
    }

    /// When the incident was detected.
    pub fn detected_at(&self) -> DateTime<Utc> {
        self.detected_at
    }

    /// When it was resolved, once resolved or closed.
    pub fn resolved_at(&self) -> Option<DateTime<Utc>> {
        self.resolved_at
    }

    /// Detection to resolution, once resolved.
    pub fn time_to_resolve(&self) -> Option<TimeDelta> {
        self.resolved_at.map(|r| r - self.detected_at)
    }

    /// The users affected, when recorded.
    pub fn users_affected(&self) -> Option<UsersAffected> {
        self.users_affected
    }

    /// The impacted features.
    pub fn features_impacted(&self) -> &[String] {
        &self.features_impacted
    }

    /// The recorded downtime.
    pub fn downtime(&self) -> TimeDelta {
        // At most u64::MAX ms, far beyond TimeDelta's range: saturate rather than wrap.
        TimeDelta::try_milliseconds(i64::try_from(self.downtime_ms).unwrap_or(i64::MAX)).unwrap_or(TimeDelta::MAX)
    }

    /// The business impact estimate, when recorded.
    pub fn business_impact(&self) -> Option<&str> {
        self.business_impact.as_deref()
    }

    /// The corrective actions.
    pub fn corrective_actions(&self) -> &Checklist {
        &self.corrective_actions
    }

    /// The preventive actions.
    pub fn preventive_actions(&self) -> &Checklist {
        &self.preventive_actions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn report() -> IncidentReport {
        IncidentReport::open(
            IncidentId::new(42).unwrap(),
            "API down",
            Priority::P1,
            at("2025-01-10T10:00:00Z"),
        )
        .unwrap()
    }

    #[test]
    fn template_fields_are_all_recorded_and_round_trip() {
        let mut r = report();
        r.set_security_level(Some(SecurityLevel::S2));
        r.start().unwrap();
        r.set_users_affected(UsersAffected::new(250, Some(2500)).unwrap());
        r.add_feature_impacted("Meditation sessions").unwrap();
        r.add_feature_impacted("Login").unwrap();
        r.set_downtime(TimeDelta::minutes(47)).unwrap();
        r.set_business_impact("About 10 % of daily users could not log in.\nNo data lost.")
            .unwrap();
        r.corrective_actions_mut().mark_done("Immediate fix").unwrap();
        r.resolve(at("2025-01-10T11:05:00Z")).unwrap();
        r.close().unwrap();
        assert_eq!(r.users_affected().unwrap().share_ppm(), Some(100_000));
        assert_eq!(r.downtime(), TimeDelta::minutes(47));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["id"], "CESIZEN-0042");
        assert_eq!(json["status"], "closed");
        assert_eq!(json["downtimeMs"], 2_820_000);
        assert_eq!(serde_json::from_value::<IncidentReport>(json).unwrap(), r);
    }

    #[test]
    fn status_moves_follow_the_template_order() {
        let mut r = report();
        assert_eq!(r.close().unwrap_err().code(), "workflow.report.illegal_transition");
        assert_eq!(r.reopen().unwrap_err().code(), "workflow.report.illegal_transition");
        r.resolve(at("2025-01-10T10:30:00Z")).unwrap();
        r.reopen().unwrap();
        assert_eq!((r.status(), r.resolved_at()), (ReportStatus::InProgress, None));
        assert_eq!(r.start().unwrap_err().code(), "workflow.report.illegal_transition");
        r.resolve(at("2025-01-10T12:00:00Z")).unwrap();
        r.close().unwrap();
        assert!(r.resolve(at("2025-01-10T13:00:00Z")).is_err());
    }

    #[test]
    fn resolution_before_detection_is_refused() {
        let mut r = report();
        assert_eq!(
            r.resolve(at("2025-01-10T09:59:59Z")).unwrap_err().code(),
            "incident.report.resolved_before_detected"
        );
        assert_eq!(r.status(), ReportStatus::Open);
        r.resolve(at("2025-01-10T10:00:00Z")).unwrap();
        assert_eq!(r.time_to_resolve(), Some(TimeDelta::zero()));
    }

    #[test]
    fn inconsistent_json_is_refused() {
        let mut json = serde_json::to_value(report()).unwrap();
        json["status"] = "resolved".into();
        let err = serde_json::from_value::<IncidentReport>(json.clone()).unwrap_err();
        assert!(err.to_string().contains("resolution time"), "{err}");
        json["resolvedAt"] = "2025-01-09T00:00:00Z".into();
        assert!(serde_json::from_value::<IncidentReport>(json.clone()).is_err());
        json["resolvedAt"] = "2025-01-11T00:00:00Z".into();
        assert!(serde_json::from_value::<IncidentReport>(json.clone()).is_ok());
        json["usersAffected"] = serde_json::json!({"count": 5, "outOf": 4});
        assert!(serde_json::from_value::<IncidentReport>(json.clone()).is_err());
        json["usersAffected"] = serde_json::json!({"count": 4, "outOf": 4});
        json["title"] = "".into();
        assert!(serde_json::from_value::<IncidentReport>(json).is_err());
    }

    #[test]
    fn field_limits() {
        let mut r = report();
        assert_eq!(
            r.set_downtime(TimeDelta::seconds(-1)).unwrap_err().code(),
            "validation.duration.negative"
        );
        assert!(r.set_business_impact("   ").is_err());
        assert!(r.set_business_impact("x".repeat(2001)).is_err());
        for i in 0..50 {
            r.add_feature_impacted(format!("feature {i}")).unwrap();
        }
        assert_eq!(
            r.add_feature_impacted("one more").unwrap_err().code(),
            "validation.list.too_many"
        );
        assert_eq!(
            UsersAffected::new(1, Some(0)).unwrap_err().code(),
            "incident.report.affected_exceeds_total"
        );
        assert_eq!(UsersAffected::new(0, Some(0)).unwrap().share_ppm(), None);
    }
}
