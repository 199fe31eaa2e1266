//! Corrective and preventive action checklists of an incident report.
//!
//! The plan's report template lists corrective actions (immediate fix, validation tests, hotfix deployment,
//! monitoring check) and preventive actions (monitoring improvement, automated tests, documentation update,
//! team training). They are the default items; a report may add its own.

use serde::{Deserialize, Serialize};

use super::IncidentError;
use super::actor::is_clean_text;

const MAX_LABEL_CHARS: usize = 200;
const MAX_ITEMS: usize = 50;

/// One checklist line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    label: String,
    done: bool,
}

impl ChecklistItem {
    /// The action.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Whether it is done.
    pub fn is_done(&self) -> bool {
        self.done
    }
}

/// An ordered list of actions with their completion.
///
/// ```
/// use cesizen_core::incident::Checklist;
/// let mut list = Checklist::plan_corrective();
/// assert_eq!(list.items().len(), 4);
/// list.mark_done("Immediate fix").unwrap();
/// assert!(!list.is_complete());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<ChecklistItem>", into = "Vec<ChecklistItem>")]
pub struct Checklist {
    items: Vec<ChecklistItem>,
}

impl Checklist {
    /// The plan's corrective actions, none done.
    pub fn plan_corrective() -> Self {
        Self::of_labels(&[
            "Immediate fix",
            "Validation tests",
            "Hotfix deployment",
            "Monitoring check",
        ])
    }

    /// The plan's preventive actions, none done.
    pub fn plan_preventive() -> Self {
        Self::of_labels(&[
            "Monitoring improvement",
            "Automated tests",
            "Documentation update",
            "Team training",
        ])
    }

    fn of_labels(labels: &[&str]) -> Self {
        let items = labels
            .iter()
            .map(|l| ChecklistItem {
                label: (*l).to_owned(),
                done: false,
            })
            .collect();
        Checklist { items }
    }

    /// Adds an action, not done.
    ///
    /// # Errors
    /// [`IncidentError::InvalidText`] for an empty, padded or over-long label; [`IncidentError::TooMany`]
    /// past 50 items.
    pub fn add(&mut self, label: impl Into<String>) -> Result<(), IncidentError> {
        let label = label.into();
        check_label(&label)?;
        if self.items.len() >= MAX_ITEMS {
            return Err(IncidentError::TooMany {
                field: "items",
                max: MAX_ITEMS,
            });
        }
        self.items.push(ChecklistItem { label, done: false });
        Ok(())
    }

    /// Marks every item labelled `label` as done; returns how many were found.
    ///
    /// # Errors
    /// [`IncidentError::InvalidText`] when no item has this label.
    pub fn mark_done(&mut self, label: &str) -> Result<usize, IncidentError> {
        let mut found = 0;
        for item in self.items.iter_mut().filter(|i| i.label == label) {
            item.done = true;
            found += 1;
        }
        if found == 0 {
            Err(IncidentError::InvalidText { field: "label" })
        } else {
            Ok(found)
        }
    }

    /// The items, in order.
    pub fn items(&self) -> &[ChecklistItem] {
        &self.items
    }

    /// Whether every item is done (an empty list is complete).
    pub fn is_complete(&self) -> bool {
        self.items.iter().all(|i| i.done)
    }
}

impl TryFrom<Vec<ChecklistItem>> for Checklist {
    type Error = IncidentError;

    fn try_from(items: Vec<ChecklistItem>) -> Result<Self, Self::Error> {
        if items.len() > MAX_ITEMS {
            return Err(IncidentError::TooMany {
                field: "items",
                max: MAX_ITEMS,
            });
        }
        for item in &items {
            check_label(&item.label)?;
        }
        Ok(Checklist { items })
    }
}

fn check_label(label: &str) -> Result<(), IncidentError> {
    if is_clean_text(label, MAX_LABEL_CHARS) {
        Ok(())
    } else {
        Err(IncidentError::InvalidText { field: "label" })
    }
}

impl From<Checklist> for Vec<ChecklistItem> {
    fn from(list: Checklist) -> Self {
        list.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_lists_have_the_template_items() {
        let c = Checklist::plan_corrective();
        let labels: Vec<_> = c.items().iter().map(ChecklistItem::label).collect();
        assert_eq!(
            labels,
            [
                "Immediate fix",
                "Validation tests",
                "Hotfix deployment",
                "Monitoring check"
            ]
        );
        let p = Checklist::plan_preventive();
        let labels: Vec<_> = p.items().iter().map(ChecklistItem::label).collect();
        assert_eq!(
            labels,
            [
                "Monitoring improvement",
                "Automated tests",
                "Documentation update",
                "Team training"
            ]
        );
    }

    #[test]
    fn completion_follows_the_items() {
        let mut c = Checklist::plan_preventive();
        for label in ["Monitoring improvement", "Automated tests", "Documentation update"] {
            c.mark_done(label).unwrap();
            assert!(!c.is_complete());
        }
        c.mark_done("Team training").unwrap();
        assert!(c.is_complete());
        assert_eq!(
            c.mark_done("Nope").unwrap_err().code(),
            "validation.incident_text.invalid"
        );
    }

    #[test]
    fn bad_labels_and_long_lists_are_refused_and_leave_the_list_unchanged() {
        let mut c = Checklist::default();
        assert!(c.add("").is_err());
        assert!(c.add("x".repeat(201)).is_err());
        assert!(c.items().is_empty());
        for i in 0..50 {
            c.add(format!("step {i}")).unwrap();
        }
        assert_eq!(c.add("one too many").unwrap_err().code(), "validation.list.too_many");
        assert_eq!(c.items().len(), 50);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Checklist>(&json).unwrap(), c);
        assert!(serde_json::from_str::<Checklist>(r#"[{"label":" x","done":false}]"#).is_err());
    }
}
