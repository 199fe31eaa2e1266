//! # cesizen-gdpr
//!
//! The GDPR duties of the Cesizen app: retention and anonymisation, data-subject requests with their deadlines,
//! the portable export, provable erasure, consent and the breach register.
//!
//! This crate is being built: its types land with the GDPR issue.
#![forbid(unsafe_code)]
