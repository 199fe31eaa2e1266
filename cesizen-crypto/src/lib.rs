//! # cesizen-crypto
//!
//! Encryption of Cesizen's emotional data: AES-256-GCM envelopes bound to a typed context, keyrings with rotation,
//! per-user data keys for crypto-shredding, keyed pseudonyms and streaming encryption for backups.
//! The formats are the contract of `ARCHITECTURE.md` §3.
//!
//! This crate is being built: its formats and types land with the crypto issue.
#![forbid(unsafe_code)]
