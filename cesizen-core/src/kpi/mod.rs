//! Product KPIs computed from an event stream, with the plan's targets.
//!
//! **Why.** The maintenance plan's business dashboard (“Dashboard Métier – KPI Cesizen”) tracks five numbers
//! against targets: daily active users (3,000), mean session time (15 min), meditation sessions per day
//! (1,500), 30-day retention (70 %) and NPS (75). Each number is only as good as its definition, so the
//! definitions live here, written once, with the edge cases decided and documented on each type: which
//! events count, in which time zone a day is cut, what happens to a session without an end.
//!
//! Every KPI gives a [`KpiReading`]: its value, the target, and a [`KpiStatus`] (met, below, or no data)
//! decided in exact integer arithmetic, so that 70 % of 10 users is met at exactly 7.
//!
//! | KPI | type |
//! |---|---|
//! | daily active users, meditation sessions per day, mean session time | [`DailyKpis`] |
//! | 30-day retention of a sign-up cohort | [`RetentionCohort`] |
//! | Net Promoter Score | [`NetPromoterScore`] |

mod daily_kpis;
mod error;
mod kpi_reading;
#[cfg(test)]
mod kpi_test_support;
mod net_promoter_score;
mod product_event;
mod retention;

pub use daily_kpis::{DailyKpis, DailyKpisReport, SessionTime};
pub use error::KpiError;
pub use kpi_reading::{KpiReading, KpiStatus, ProductKpi};
pub use net_promoter_score::{NetPromoterScore, NetPromoterScoreReport, NpsAnswer};
pub use product_event::{ProductEvent, ProductEventKind};
pub use retention::{RetentionCohort, RetentionCohortReport};
