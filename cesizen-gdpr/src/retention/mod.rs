//! Retention: how long each category of data is kept, and what happens then.
//!
//! The maintenance plan says "retention 2 years, then anonymisation" for emotional data. GDPR Art. 5(1)(e)
//! (storage limitation) asks the same of everything else: practice sessions, dormant accounts, logs, backups.
//! This module turns those rules into data ([`RetentionPolicy`], loadable from the crate's
//! [`GdprConfig`](crate::GdprConfig)) and into a [`RetentionPlanner`] that, given the metadata of stored records
//! and `now`, says what is due for each: [`Action::Keep`], [`Action::Anonymise`], [`Action::Delete`] or
//! [`Action::Notify`] (warn a dormant account before deleting it).
//!
//! **Idempotent**: the planner reads only the record's metadata and `now`. Running it twice gives the same
//! decisions; once the caller has applied an action and recorded it in the metadata (`anonymised`,
//! `notifiedAt`), the planner moves on to the next step and never asks for the same action twice.
//!
//! **Streaming**: [`RetentionPlanner::plan`] is an iterator adapter. It holds one record at a time, so planning
//! over a table of ten million rows costs constant memory; the caller reads rows in pages and applies decisions
//! as they come.
//!
//! ```
//! use cesizen_gdpr::retention::{Action, Category, RecordMeta, RetentionPlanner, RetentionPolicy};
//! use chrono::{TimeZone, Utc};
//! use uuid::Uuid;
//!
//! let planner = RetentionPlanner::new(RetentionPolicy::default())?;
//! let written = Utc.with_ymd_and_hms(2023, 5, 1, 8, 0, 0).unwrap();
//! let entry = RecordMeta::new(Uuid::from_u128(1), Category::JournalEntry, written);
//!
//! let now = Utc.with_ymd_and_hms(2025, 5, 2, 0, 0, 0).unwrap();
//! let decision = planner.decide(&entry, now)?;
//! assert_eq!(decision.action, Action::Anonymise);
//! assert_eq!(decision.due_at, Some(Utc.with_ymd_and_hms(2025, 5, 1, 8, 0, 0).unwrap()));
//!
//! // Once anonymised, the entry is kept: nothing more is due.
//! let done = RecordMeta { anonymised: true, ..entry };
//! assert_eq!(planner.decide(&done, now)?.action, Action::Keep);
//! # Ok::<(), cesizen_gdpr::Error>(())
//! ```

mod planner;
mod policy;

pub use planner::{Action, Category, Decision, Plan, PlanSummary, RecordMeta, RetentionPlanner};
pub use policy::{AgeRule, EndOfLife, InactivityRule, RetentionPolicy};
