//! Throttling across accounts: a client that fails many sign-ins, whatever the addresses, is slowed.
//!
//! The per-address lockout (`cesizen-core`'s `LockoutPolicy`) stops guessing one account's password; it does
//! nothing against a client trying one password on thousands of addresses (password spraying). So each client
//! (its peer address) may fail at most [`CLIENT_FAILURES_PER_MINUTE`] sign-ins in any minute; past that its
//! sign-ins are refused with 429 and `Retry-After` before any password is checked, and each refusal is stored
//! as a failed attempt, so that the plan's alert (failed logins over 50 a minute: critical) fires.
//!
//! The count is kept in memory, per instance: bounded ([`MAX_CLIENTS`] clients, the stalest forgotten first)
//! and costless for the database. Behind a load balancer the peer address is the balancer's: put the limit
//! there too, or run one instance per balancer address.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed sign-ins a client may make in any minute before it is slowed down.
pub const CLIENT_FAILURES_PER_MINUTE: usize = 20;
/// Clients remembered at most; past it the one whose last failure is oldest is forgotten.
pub const MAX_CLIENTS: usize = 100_000;
const WINDOW: Duration = Duration::from_secs(60);

/// Recent failed sign-ins per client.
#[derive(Default)]
pub struct ClientThrottle {
    failures: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl ClientThrottle {
    /// `Some(seconds to wait)` when `client` has failed too often in the last minute.
    pub fn check(&self, client: IpAddr, now: Instant) -> Option<u64> {
        let mut failures = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let recent = failures.get_mut(&client)?;
        while recent.front().is_some_and(|at| now.duration_since(*at) >= WINDOW) {
            recent.pop_front();
        }
        if recent.len() < CLIENT_FAILURES_PER_MINUTE {
            return None;
        }
        let oldest = *recent.front()?;
        Some((WINDOW - now.duration_since(oldest)).as_secs().max(1))
    }

    /// Counts a failed sign-in of `client`.
    pub fn failed(&self, client: IpAddr, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if failures.len() >= MAX_CLIENTS && !failures.contains_key(&client) {
            let stalest = failures
                .iter()
                .min_by_key(|(_, at)| at.back().copied())
                .map(|(client, _)| *client);
            if let Some(stalest) = stalest {
                failures.remove(&stalest);
            }
        }
        let recent = failures.entry(client).or_default();
        recent.push_back(now);
        // Only the last window's worth matters.
        while recent.len() > CLIENT_FAILURES_PER_MINUTE {
            recent.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_is_slowed_past_its_failures_per_minute_and_released_as_they_age() {
        let throttle = ClientThrottle::default();
        let client: IpAddr = [192, 0, 2, 1].into();
        let other: IpAddr = [192, 0, 2, 2].into();
        let start = Instant::now();
        for i in 0..CLIENT_FAILURES_PER_MINUTE {
            assert_eq!(throttle.check(client, start), None, "failure {i}");
            throttle.failed(client, start + Duration::from_secs(i as u64));
        }
        let later = start + Duration::from_secs(30);
        assert_eq!(throttle.check(client, later), Some(30));
        assert_eq!(throttle.check(other, later), None, "another client is not slowed");
        assert_eq!(throttle.check(client, start + WINDOW + Duration::from_secs(1)), None);
    }
}
