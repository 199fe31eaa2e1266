//! # cesizen
//!
//! The Cesizen SDK in one dependency: it re-exports the five crates under short names.
//!
//! | module | crate | what it holds |
//! |---|---|---|
//! | [`core`] | `cesizen-core` | users, practice sessions, emotional data, KPIs, incidents, alerting |
//! | [`crypto`] | `cesizen-crypto` | envelopes, keyrings, crypto-shredding, pseudonyms, backups |
//! | [`gdpr`] | `cesizen-gdpr` | retention, data-subject requests, export, erasure, consent, breaches |
//! | [`sla`] | `cesizen-sla` | availability, downtime budgets, burn rates, SLA timers, reports |
//! | [`plan`] | `cesizen-plan` | the deployment's plan: alerting, SLA and GDPR rules validated once, from JSON or TOML |
#![forbid(unsafe_code)]

pub use cesizen_core as core;
pub use cesizen_crypto as crypto;
pub use cesizen_gdpr as gdpr;
pub use cesizen_plan as plan;
pub use cesizen_sla as sla;

/// The README's Rust block, run as a doc test (`cargo test -p cesizen --doc`, in the `test` suite) so that the
/// first call it shows cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
