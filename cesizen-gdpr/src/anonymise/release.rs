//! Building a release: generalise, pseudonymise, group, suppress.

use std::collections::HashMap;

use cesizen_core::emotion::{BaseEmotion, EntryKind, JournalEntry};
use cesizen_core::id::UserId;
use cesizen_crypto::{Pseudonym, Pseudonymiser};
use serde::{Serialize, Serializer};

use super::AnonymisationPolicy;
use super::generalise::{Area, IntensityBand, ReleasePeriod, ValenceBand};
use crate::error::{Error, Result};

/// The pseudonymisation domain of persons in analytics releases.
pub const PERSON_DOMAIN: &str = "cesizen.analytics.person";

/// One released row: no identifier, no note, only generalised values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsRecord {
    /// The person's keyed pseudonym, when the policy keeps pseudonyms.
    #[serde(serialize_with = "pseudonym_text", skip_serializing_if = "Option::is_none")]
    pub person: Option<Pseudonym>,
    /// The period (`2025-03` or `2025-W11`) in the entry's own time zone. Quasi-identifier.
    pub period: ReleasePeriod,
    /// The time zone's area. Quasi-identifier.
    pub area: Area,
    /// Momentary emotion or daily mood. Quasi-identifier.
    pub kind: EntryKind,
    /// The base emotion (the nuance is generalised away). Sensitive attribute.
    pub emotion: BaseEmotion,
    /// The intensity band.
    pub intensity: IntensityBand,
    /// The valence band.
    pub valence: ValenceBand,
}

fn pseudonym_text<S: Serializer>(p: &Option<Pseudonym>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.collect_str(p),
        None => s.serialize_none(),
    }
}

/// A release and what was suppressed to make it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsRelease {
    /// The k applied.
    pub k: u32,
    /// The l applied, if any.
    pub l: Option<u32>,
    /// Whether rows carry pseudonyms (then the release is pseudonymised personal data).
    pub pseudonymised: bool,
    /// The released rows, ordered by group.
    pub records: Vec<AnalyticsRecord>,
    /// Groups released.
    pub groups_released: u64,
    /// Groups suppressed (fewer than k people, or fewer than l emotions).
    pub groups_suppressed: u64,
    /// Rows suppressed with them.
    pub records_suppressed: u64,
}

/// Builds analytics releases under a policy and a pseudonymiser (whose secret should be fresh per release).
pub struct Anonymiser<'a> {
    policy: AnonymisationPolicy,
    pseudonymiser: &'a Pseudonymiser,
}

/// A generalised row, compact for sorting: the group key first, then the person.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    period: i32,
    area: Area,
    kind: EntryKind,
    person: u32,
    emotion: BaseEmotion,
    intensity: IntensityBand,
    valence: ValenceBand,
}

impl Row {
    fn group(&self) -> (i32, Area, EntryKind) {
        (self.period, self.area, self.kind)
    }
}

impl<'a> Anonymiser<'a> {
    /// An anonymiser; the policy is validated.
    pub fn new(policy: AnonymisationPolicy, pseudonymiser: &'a Pseudonymiser) -> Result<Self> {
        policy.validate("")?;
        Ok(Anonymiser { policy, pseudonymiser })
    }

    /// Pseudonymisation of a user id (keyed HMAC-SHA-256 in [`PERSON_DOMAIN`]).
    pub fn pseudonymise_person(&self, user: UserId) -> Result<Pseudonym> {
        self.pseudonymiser
            .pseudonym(PERSON_DOMAIN, user.as_uuid().as_bytes())
            .map_err(|_| Error::PseudonymFailed)
    }

    /// Generalises, pseudonymises, checks k-anonymity (and l-diversity) and suppresses the groups that fail.
    ///
    /// Memory is linear in the number of entries (a compact 16-byte row each, plus one pseudonym per distinct
    /// person): the k-check needs to see every group before releasing any row.
    pub fn release<'e>(&self, entries: impl IntoIterator<Item = &'e JournalEntry>) -> Result<AnalyticsRelease> {
        let granularity = self.policy.time;
        let mut persons: HashMap<UserId, u32> = HashMap::new();
        let mut person_ids: Vec<UserId> = Vec::new();
        let entries = entries.into_iter();
        let mut rows: Vec<Row> = Vec::with_capacity(entries.size_hint().0);
        for entry in entries {
            let next =
                u32::try_from(person_ids.len()).map_err(|_| Error::AnonymiseParameterInvalid { field: "entries" })?;
            let person = *persons.entry(entry.user_id()).or_insert_with(|| {
                person_ids.push(entry.user_id());
                next
            });
            rows.push(Row {
                period: granularity.period_key(entry.local_date()),
                area: Area::of_time_zone(entry.time_zone().name()),
                kind: entry.kind(),
                person,
                emotion: entry.emotion().base(),
                intensity: IntensityBand::of(entry.intensity()),
                valence: ValenceBand::of(entry.valence()),
            });
        }
        drop(persons);
        // A total order on the rows: the release does not depend on (nor reveal) the order of the input.
        rows.sort_unstable();

        let pseudonyms: Vec<Option<Pseudonym>> = if self.policy.pseudonyms {
            person_ids
                .iter()
                .map(|&u| self.pseudonymise_person(u).map(Some))
                .collect::<Result<_>>()?
        } else {
            Vec::new()
        };

        let mut release = AnalyticsRelease {
            k: self.policy.k,
            l: self.policy.l,
            pseudonymised: self.policy.pseudonyms,
            records: Vec::with_capacity(rows.len()),
            groups_released: 0,
            groups_suppressed: 0,
            records_suppressed: 0,
        };
        for group in rows.chunk_by(|a, b| a.group() == b.group()) {
            // Rows are sorted by person within a group: distinct people are the changes of person.
            let people = 1 + group.windows(2).filter(|w| w[0].person != w[1].person).count();
            let emotions = group
                .iter()
                .fold(0u32, |mask, r| mask | 1 << r.emotion.index())
                .count_ones();
            let k_ok = people as u64 >= u64::from(self.policy.k);
            let l_ok = self.policy.l.is_none_or(|l| emotions >= l);
            if !(k_ok && l_ok) {
                release.groups_suppressed += 1;
                release.records_suppressed += group.len() as u64;
                continue;
            }
            release.groups_released += 1;
            let period = ReleasePeriod::new(granularity, group[0].period);
            for r in group {
                release.records.push(AnalyticsRecord {
                    person: pseudonyms.get(r.person as usize).copied().flatten(),
                    period,
                    area: r.area,
                    kind: r.kind,
                    emotion: r.emotion,
                    intensity: r.intensity,
                    valence: r.valence,
                });
            }
        }
        Ok(release)
    }
}
