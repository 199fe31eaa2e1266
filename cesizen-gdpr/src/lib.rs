//! # cesizen-gdpr
//!
//! The GDPR duties of the Cesizen app, written once so that the server, the browser and the phones apply them
//! identically — and provably.
//!
//! Emotional-journal entries are data concerning health, a special category under GDPR Art. 9. The
//! maintenance plan commits to: retention of 2 years then anonymisation; access export < 48 h; rectification at
//! once; complete erasure < 30 days; portability as standard JSON < 48 h; breach notification to the CNIL.
//! Apps that write these duties alone get them wrong in familiar ways — exports that forget the journal,
//! "anonymisation" that keeps the e-mail, "encrypted" notes stored in clear. This crate makes them automatic:
//!
//! | module | duty | articles |
//! |---|---|---|
//! | [`retention`] | per-category retention rules and a streaming planner (keep / anonymise / delete / notify) | 5(1)(e) |
//! | [`request`] | data-subject requests: states, identity, internal targets, the legal month, extension, refusal | 12, 15–21, 7(3) |
//! | [`calendar`] | the calendar-month rule behind every deadline (31 January → end of 28/29 February) | 12(3), Reg. 1182/71 |
//! | [`timer`] | on track / at risk / overdue against any deadline, for requests, breaches and callers' own | 12(3), 33 |
//! | [`audit`] | an append-only SHA-256 hash chain that proves what was done, and when | 5(2) |
//! | [`export`] | the portable, versioned JSON export, streamed, with its JSON Schema | 15, 20 |
//! | [`sealed`] | the stored form of personal records, sealed under the person's data key | 32 |
//! | [`erasure`] | erasure across every category, crypto-shredding, an audit-chained certificate | 17 |
//! | [`anonymise`] | analytics releases: pseudonyms, generalisation, k-anonymity, l-diversity | 4(5), 89, recital 26 |
//! | [`consent`] | the consent ledger, with explicit consent for health data | 7, 9(2)(a) |
//! | [`breach`] | the breach register, the 72-hour clock, the CNIL's two-step filing, Art. 34 | 33, 34 |
//!
//! Settings live in one [`GdprConfig`] (JSON or TOML, the plan by default).
//!
//! ## Contracts
//!
//! - **Sans I/O.** Nothing here reads the clock, the disk or the network: functions take
//!   `now: DateTime<Utc>`; the export writes to the caller's [`std::io::Write`]; configuration arrives as text.
//!   The crate builds for `wasm32-unknown-unknown`.
//! - **Errors** are one [`Error`] enum whose [`Error::code`] is stable (`gdpr.request.extension_late`,
//!   `gdpr.export.decrypt_failed`, …); messages carry no personal data.
//! - **A value that exists is valid**: a request is rebuilt from storage by replaying its history, a consent
//!   ledger likewise, an export is read back through the domain's own validation.
//! - **Honest names**: pseudonymisation is called pseudonymisation (the data stays personal data), and only a
//!   k-anonymous release without pseudonyms is called anonymised.
//!
//! ```
//! use cesizen_gdpr::request::{DataSubjectRequest, DeadlinePolicy, IdentityMethod, RequestKind, TimerStatus, assess};
//! use cesizen_gdpr::{GdprConfig, RequestId};
//! use cesizen_core::id::UserId;
//! use chrono::{Duration, NaiveDate, TimeZone, Utc};
//!
//! let config = GdprConfig::default(); // the plan
//! let received = Utc.with_ymd_and_hms(2025, 1, 31, 9, 0, 0).unwrap();
//! let user = UserId::from_parts(received, [1; 10])?;
//! let mut request = DataSubjectRequest::receive(RequestId::new(received)?, user, RequestKind::Portability, received);
//! request.verify_identity(IdentityMethod::AuthenticatedSession, received)?;
//!
//! let a = assess(&request, &config.requests, received + Duration::hours(47))?;
//! assert_eq!(a.internal.unwrap().status, TimerStatus::AtRisk);                 // the plan's 48 h
//! assert_eq!(a.legal_due_date, NaiveDate::from_ymd_opt(2025, 2, 28).unwrap()); // Art. 12(3)
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

// The `uniffi` feature: the types that cross to Kotlin, Swift and Python derive their UniFFI records and enums
// here (`cfg_attr` below each `derive`), in the namespace `cesizen_gdpr`; `bindings/uniffi` holds the entry points.
// The scaffolding and derives expand to `unsafe impl`s and `extern "C"` functions inside UniFFI's macros, which
// the `unsafe_code` lint does not report (it skips external macro expansions): no unsafe code is written here.
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("cesizen_gdpr");

pub mod anonymise;
pub mod audit;
mod audit_action;
pub mod breach;
pub mod calendar;
mod config;
pub mod consent;
pub mod erasure;
mod error;
pub mod export;
mod id;
pub mod request;
pub mod retention;
pub mod sealed;
pub mod timer;

pub use calendar::{Deadline, Period};
pub use config::{BreachPolicy, GdprConfig};
pub use error::{Error, Result};
pub use id::{BreachId, BreachMarker, ErasureId, ErasureMarker, Id, RequestId, RequestMarker};
