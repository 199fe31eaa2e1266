//! Incidents: priorities, security levels, support levels, reports and the ticket workflow.

mod error;

pub use error::IncidentError;
