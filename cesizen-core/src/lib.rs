//! # cesizen-core
//!
//! The domain of the Cesizen mental-wellbeing app, written once and used unchanged by the server, the browser
//! (WebAssembly) and the phones (UniFFI): users and their accounts, practice sessions (meditation, breathing),
//! emotional data (journal entries, the emotion taxonomy, reports), the Holmes–Rahe stress scale, product KPIs,
//! and the operations rules of the maintenance plan (incidents, the ticket workflow, alerting).
//!
//! ## Contracts
//!
//! - **Sans I/O.** Nothing here reads the clock, the network or the disk: functions that need the time take
//!   `now: DateTime<Utc>`. The only source of entropy is the operating system's CSPRNG, used for identifiers
//!   and tokens.
//! - **A value that exists is valid.** Constructors validate; fields of validated types are private.
//! - **Errors** are one [`Error`] enum whose [`Error::code`] is a stable machine code.
//! - **Serialization**: JSON field names in camelCase, timestamps RFC 3339 UTC, enums as lowercase strings.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

// The `uniffi` feature: the types that cross to Kotlin, Swift and Python derive their UniFFI records and enums
// here (`cfg_attr` below each `derive`), in the namespace `cesizen_core`; `bindings/uniffi` holds the entry points.
// The scaffolding and derives expand to `unsafe impl`s and `extern "C"` functions inside UniFFI's macros, which
// the `unsafe_code` lint does not report (it skips external macro expansions): no unsafe code is written here.
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("cesizen_core");

pub mod alerting;
mod calendar_month;
pub mod code;
pub mod emotion;
mod error;
#[cfg(feature = "uniffi")]
pub mod ffi_date;
pub mod id;
pub mod incident;
pub mod instant;
pub mod kpi;
mod local_day;
pub mod practice;
mod stable_code;
pub mod stress;
pub mod tz;
pub mod user;

pub use calendar_month::{CalendarMonth, CalendarMonthError};
pub use error::{Error, Result};
