//! # cesizen-plan
//!
//! The deployment's plan, validated once: the alerting rules (`cesizen-core`), the SLA rules (`cesizen-sla`)
//! and the GDPR configuration (`cesizen-gdpr`) as one value, [`Plan`], that the server, the CLI and every
//! binding hold. [`Plan::default`] is the maintenance plan; a deployment supplies its own as one JSON or TOML
//! document, read by [`Plan::from_json`] or [`Plan::from_toml`] (the library does no file I/O).
//!
//! The document is the SLA rules file (`cesizen-sla`'s `Rules`: `alerting`, `services`, `reportTimeZone`,
//! `timerGoals`, `timerCalendar`, `resolutionTimer`, `burnRate`, `samplePolicy`) with one more section,
//! `gdpr` (`cesizen-gdpr`'s `GdprConfig`). Every section and field is optional and takes the plan's value, so a
//! document holds only what differs; unknown fields are refused; a refusal is one [`PlanError`] naming the
//! field from the root with a stable `config.*` code. An existing rules file is a plan whose GDPR section is
//! the default. `plan.json` next to this crate is the plan written out in full.
//!
//! ```
//! use cesizen_plan::Plan;
//! let plan = Plan::from_json(r#"{
//!     "services": [{ "id": "core-api", "name": "Core API", "targetPercent": 99.95 }],
//!     "gdpr": { "requests": { "atRiskPercent": 80 } }
//! }"#)?;
//! assert_eq!(plan.sla().services().services().len(), 1);
//! assert_eq!(plan.gdpr().requests.at_risk_percent.get(), 80);
//! assert_eq!(plan.alerting(), Plan::default().alerting());
//! # Ok::<(), cesizen_plan::PlanError>(())
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

mod error;
mod plan;

pub use error::PlanError;
pub use plan::Plan;
