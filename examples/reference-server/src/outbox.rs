//! The development outbox: e-mails the server would send, kept in memory and served only when enabled.
//!
//! Sending e-mail is out of the reference server's scope. Confirmation and reset tokens must still reach the
//! person, so each message is pushed here, in the process's memory only — never in the database (which holds
//! only token hashes) and never in a log. With `CESIZEN_DEV_OUTBOX=1`, `GET /api/v1/dev/outbox?email=…` returns
//! the messages for one address; without it the messages are dropped and the route does not exist. A
//! deployment replaces this module with its mail provider.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use serde::Serialize;

/// The most messages kept; older ones are dropped first.
const CAPACITY: usize = 10_000;

/// One message.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxMessage {
    /// The recipient.
    pub to: String,
    /// `email_confirmation`, `password_reset`, `account_exists` or `inactivity_notice`.
    pub kind: &'static str,
    /// The single-use token the message carries, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// When it was queued.
    pub at: DateTime<Utc>,
}

/// The outbox; disabled, it drops everything.
#[derive(Clone)]
pub struct Outbox {
    messages: Option<Arc<Mutex<VecDeque<OutboxMessage>>>>,
}

impl Outbox {
    /// An outbox that keeps messages when `enabled`.
    pub fn new(enabled: bool) -> Self {
        Outbox {
            messages: enabled.then(|| Arc::new(Mutex::new(VecDeque::new()))),
        }
    }

    /// Queues a message.
    pub fn send(&self, to: &str, kind: &'static str, token: Option<&str>, at: DateTime<Utc>) {
        if let Some(messages) = &self.messages {
            let mut messages = messages.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if messages.len() == CAPACITY {
                messages.pop_front();
            }
            messages.push_back(OutboxMessage {
                to: to.to_owned(),
                kind,
                token: token.map(str::to_owned),
                at,
            });
        }
    }

    /// The messages for `to` (compared case-insensitively), oldest first.
    pub fn for_address(&self, to: &str) -> Vec<OutboxMessage> {
        self.messages.as_ref().map_or_else(Vec::new, |messages| {
            let messages = messages.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            messages
                .iter()
                .filter(|m| m.to.eq_ignore_ascii_case(to))
                .cloned()
                .collect()
        })
    }
}
