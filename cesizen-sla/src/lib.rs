//! # cesizen-sla
//!
//! Exact SLA math for the Cesizen services: availability, allowed downtime, error budgets and burn-rate alerts,
//! incident SLA timers with escalation at 50 %, monthly reports.
//!
//! This crate is being built: its types land with the operations issue.
#![forbid(unsafe_code)]
