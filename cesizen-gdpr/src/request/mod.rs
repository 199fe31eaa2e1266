//! Data-subject requests: the rights of Art. 15–21 and 7(3), their state machine and their deadlines.
//!
//! A [`DataSubjectRequest`] goes from received, through identity verification (Art. 12(6): the controller may
//! ask for more only with reasonable doubts), to completed, refused (with an Art. 12(4) reason and the remedies
//! told) or withdrawn. Every step is dated and kept; illegal steps are errors.
//!
//! **Two clocks** run for every request ([`assess`]):
//!
//! - the plan's **internal target** ([`InternalTargets`]): access and portability < 48 h, rectification
//!   immediate, erasure < 30 days;
//! - the **legal deadline** of Art. 12(3): one calendar month from the day of receipt, by the rule of
//!   [`crate::calendar`] (31 January → end of 28/29 February), in the controller's time zone; extendable once by
//!   two further months (three months from receipt) when the person is told, with the reasons, within the first
//!   month. A refusal is due within the first month whatever the extension (Art. 12(4)).
//!
//! The clock starts at receipt and is **never paused**, not even while identity is being checked: the strictest
//! reading, so a controller on time here is on time under any. A timer is at risk once
//! [`DeadlinePolicy::at_risk_percent`] of its time has elapsed, overdue once past.
//!
//! Each recorded [`RequestEvent`] has a stable [`RequestEventKind::code`] to append to the
//! [audit trail](crate::audit).

mod deadline;
mod kind;
mod machine;
mod policy;

pub use crate::timer::{Timer, TimerStatus};
pub use deadline::{Assessment, LegalTerm, assess, needing_attention};
pub use kind::{RefusalReason, RequestKind};
pub use machine::{
    DataSubjectRequest, Extension, ExtensionReason, IdentityMethod, Refusal, RequestEvent, RequestEventKind,
    RequestRecord, RequestState,
};
pub(crate) use policy::DeadlinePolicyDocument;
pub use policy::{DeadlinePolicy, InternalTargets, TimeZoneName};

#[cfg(test)]
mod tests;
