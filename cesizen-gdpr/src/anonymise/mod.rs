//! Analytics releases: journal entries made fit to leave the SDK, and the k-anonymity check.
//!
//! The plan wants emotional data analysed without exposing anyone. Each step below is named for what it is,
//! because the law treats them differently:
//!
//! | step | operation | what it is |
//! |---|---|---|
//! | e-mail, name, entry id | removed | suppression of direct identifiers |
//! | free-text note | dropped | suppression (a note can name anyone) |
//! | user id | keyed pseudonym (`cesizen-crypto`'s HMAC-SHA-256, domain `cesizen.analytics.person`) | **pseudonymisation** (Art. 4(5)) |
//! | time | calendar month (or ISO week) in the entry's own time zone | generalisation |
//! | time zone | its IANA area (`Europe/Paris` → `Europe`) | generalisation |
//! | emotion nuance | its base emotion | generalisation |
//! | intensity 1–10, valence −1…1 | three bands each | generalisation |
//! | groups sharing period, area and kind with fewer than *k* people | removed | suppression (k-anonymity) |
//! | groups with fewer than *l* distinct emotions (optional) | removed | suppression (l-diversity) |
//!
//! **What the result is.** Every released row belongs to a group of at least *k* distinct people who share its
//! quasi-identifiers (period, area, entry kind), and with *l* set, no group reveals a single emotion for all its
//! members. As long as rows carry a pseudonym, the release is **pseudonymised personal data**, not anonymous:
//! rows of one person link together, and whoever keeps the secret can recompute pseudonyms. Use a fresh
//! [`PseudonymSecret`](cesizen_crypto::PseudonymSecret) per release and destroy it afterwards (two releases then
//! cannot be joined), or set [`AnonymisationPolicy::pseudonyms`] to `false`: rows then carry no person at all,
//! and the k-anonymous release is what the SDK calls anonymised for analytics. k-anonymity does not protect
//! against every attack (background knowledge, several releases of overlapping data): keep releases coarse and
//! few.
//!
//! ```
//! use cesizen_gdpr::anonymise::{AnonymisationPolicy, Anonymiser, Area};
//! use cesizen_crypto::{PseudonymSecret, Pseudonymiser};
//! # use cesizen_core::emotion::{Emotion, EntryKind, Intensity, JournalEntry, JournalEntryParts, Nuance, Valence};
//! # use cesizen_core::id::{JournalEntryId, UserId};
//! # use cesizen_core::user::IanaTimeZone;
//! # use chrono::{TimeZone, Utc};
//! # let entry = |user: u8, day: u32| {
//! #     let at = Utc.with_ymd_and_hms(2025, 3, day, 12, 0, 0).unwrap();
//! #     JournalEntry::new(JournalEntryParts {
//! #         id: JournalEntryId::from_parts(at, [user; 10]).unwrap(),
//! #         user_id: UserId::from_parts(at, [user; 10]).unwrap(),
//! #         kind: EntryKind::DailyMood,
//! #         emotion: Emotion::from_nuance(Nuance::Worry),
//! #         intensity: Intensity::new(6).unwrap(),
//! #         valence: Valence::new(-0.4).unwrap(),
//! #         context_tags: Default::default(),
//! #         note: None,
//! #         recorded_at: at,
//! #         time_zone: IanaTimeZone::EUROPE_PARIS,
//! #     })
//! # };
//!
//! // Six people wrote in Paris in March; one more wrote alone.
//! let mut entries: Vec<JournalEntry> = (1..=6).map(|u| entry(u, 10)).collect();
//! let mut lonely = entry(7, 11).into_parts();
//! lonely.time_zone = IanaTimeZone::parse("America/Montreal")?;
//! entries.push(JournalEntry::new(lonely));
//!
//! let pseudonymiser = Pseudonymiser::new(&PseudonymSecret::generate()?);
//! let release = Anonymiser::new(AnonymisationPolicy::default(), &pseudonymiser)?.release(&entries)?;
//! assert_eq!(release.records.len(), 6);           // the group of 6 ≥ k = 5 is released
//! assert_eq!(release.records_suppressed, 1);      // the group of 1 is not
//! assert_eq!(release.records[0].period.to_string(), "2025-03");
//! assert_eq!(release.records[0].area, Area::Europe);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod generalise;
mod release;

pub use generalise::{Area, Generalised, IntensityBand, ReleasePeriod, TimeGranularity, ValenceBand, generalise};
pub use release::{AnalyticsRecord, AnalyticsRelease, Anonymiser, PERSON_DOMAIN};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How a release is made.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AnonymisationPolicy {
    /// The smallest number of distinct people a released group may have (≥ 2; default 5).
    pub k: u32,
    /// When set, the fewest distinct base emotions a released group must show (2–6, at most `k`).
    pub l: Option<u32>,
    /// The time granularity.
    pub time: TimeGranularity,
    /// Whether rows carry the person's keyed pseudonym (pseudonymised release) or no person at all.
    pub pseudonyms: bool,
}

impl Default for AnonymisationPolicy {
    fn default() -> Self {
        AnonymisationPolicy {
            k: 5,
            l: None,
            time: TimeGranularity::Month,
            pseudonyms: true,
        }
    }
}

impl AnonymisationPolicy {
    /// Checks `k` and `l`; `prefix` is the dotted path of the policy in its configuration file.
    pub fn validate(&self, prefix: &str) -> Result<()> {
        if self.k < 2 {
            return Err(Error::ConfigInvalid {
                field: format!("{prefix}k"),
                reason: "k must be at least 2",
            });
        }
        if let Some(l) = self.l
            && !(2..=6).contains(&l)
        {
            return Err(Error::ConfigInvalid {
                field: format!("{prefix}l"),
                reason: "l must be between 2 and the 6 base emotions",
            });
        }
        if self.l.is_some_and(|l| l > self.k) {
            return Err(Error::ConfigInvalid {
                field: format!("{prefix}l"),
                reason: "l cannot exceed k",
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
