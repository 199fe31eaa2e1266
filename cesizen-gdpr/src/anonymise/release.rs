//! Building a release: generalise, pseudonymise, group, suppress.

use std::collections::HashMap;

use cesizen_core::emotion::{BaseEmotion, EntryKind, JournalEntry};
use cesizen_core::id::UserId;
use cesizen_core::user::IanaTimeZone;
use cesizen_crypto::{Pseudonym, Pseudonymiser};
use serde::{Serialize, Serializer};

use super::AnonymisationPolicy;
#[cfg(test)]
use super::generalise::TimeGranularity;
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
    /// The released rows, ordered by group, then by what they show (values, then pseudonym): never by input.
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

/// A generalised row packed into one integer whose order is the release order: the group (period, area, kind),
/// then the released values (emotion, intensity band, valence band), then the person. Sorting a million rows
/// then costs one integer comparison per step instead of up to seven field comparisons.
///
/// | bits | content |
/// |---|---|
/// | 96..128 | period key, sign bit flipped (so that unsigned order is signed order) |
/// | 88..96 | area, index in [`Area::ALL`] |
/// | 80..88 | entry kind, index in `EntryKind::ALL` |
/// | 72..80 | base emotion, index in `BaseEmotion::ALL` |
/// | 64..72 | intensity band, index in [`IntensityBand::ALL`] |
/// | 56..64 | valence band, index in [`ValenceBand::ALL`] |
/// | 0..32 | the person: first-appearance index, then rank of the pseudonym (see [`Anonymiser::release`]) |
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Row(u128);

impl Row {
    const PERSON: u128 = 0xffff_ffff;
    const AREA: u32 = 88;
    const KIND: u32 = 80;
    const EMOTION: u32 = 72;
    const INTENSITY: u32 = 64;
    const VALENCE: u32 = 56;

    fn new(period: i32, area: Area, kind: EntryKind, emotion: BaseEmotion, i: IntensityBand, v: ValenceBand) -> Self {
        let period = u128::from(period.cast_unsigned() ^ 0x8000_0000);
        Row(period << 96
            | (area.index() as u128) << Self::AREA
            | (kind.index() as u128) << Self::KIND
            | (emotion.index() as u128) << Self::EMOTION
            | (i.index() as u128) << Self::INTENSITY
            | (v.index() as u128) << Self::VALENCE)
    }

    fn with_person(self, person: u32) -> Self {
        Row(self.0 & !Self::PERSON | u128::from(person))
    }

    fn person(self) -> usize {
        (self.0 & Self::PERSON) as usize
    }

    /// Period, area and kind: the quasi-identifiers.
    fn group(self) -> u64 {
        (self.0 >> Self::KIND) as u64
    }

    fn period(self) -> i32 {
        ((self.0 >> 96) as u32 ^ 0x8000_0000).cast_signed()
    }

    fn member<T: Copy, const N: usize>(self, all: &[T; N], shift: u32) -> T {
        // Every index was written by `new` from a member of `all`: the remainder changes nothing.
        all[usize::from((self.0 >> shift) as u8) % N]
    }

    fn emotion(self) -> BaseEmotion {
        self.member(&BaseEmotion::ALL, Self::EMOTION)
    }

    fn record(self, period: ReleasePeriod, person: Option<Pseudonym>) -> AnalyticsRecord {
        AnalyticsRecord {
            person,
            period,
            area: self.member(&Area::ALL, Self::AREA),
            kind: self.member(&EntryKind::ALL, Self::KIND),
            emotion: self.emotion(),
            intensity: self.member(&IntensityBand::ALL, Self::INTENSITY),
            valence: self.member(&ValenceBand::ALL, Self::VALENCE),
        }
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
    /// Released rows are ordered by group, then by their released values, then by pseudonym: an order that
    /// depends only on what is released, never on the order of the input — in particular the rows of one
    /// person are not kept together, which would link them in a release without pseudonyms.
    ///
    /// Memory is linear in the number of entries (a 16-byte row each, plus one pseudonym per distinct
    /// person): the k-check needs to see every group before releasing any row.
    pub fn release<'e>(&self, entries: impl IntoIterator<Item = &'e JournalEntry>) -> Result<AnalyticsRelease> {
        let granularity = self.policy.time;
        let mut persons: HashMap<UserId, u32> = HashMap::new();
        let mut person_ids: Vec<UserId> = Vec::new();
        let entries = entries.into_iter();
        let mut rows: Vec<Row> = Vec::with_capacity(entries.size_hint().0);
        // Most people keep one time zone: the area of the zone seen last is reused while it repeats.
        let mut zone_area: Option<(IanaTimeZone, Area)> = None;
        for entry in entries {
            let next =
                u32::try_from(person_ids.len()).map_err(|_| Error::AnonymiseParameterInvalid { field: "entries" })?;
            let person = *persons.entry(entry.user_id()).or_insert_with(|| {
                person_ids.push(entry.user_id());
                next
            });
            let row = Row::new(
                granularity.period_key(entry.local_date()),
                match zone_area {
                    Some((zone, area)) if zone == entry.time_zone() => area,
                    _ => {
                        let area = Area::of_time_zone(entry.time_zone().name());
                        zone_area = Some((entry.time_zone(), area));
                        area
                    }
                },
                entry.kind(),
                entry.emotion().base(),
                IntensityBand::of(entry.intensity()),
                ValenceBand::of(entry.valence()),
            );
            rows.push(row.with_person(person));
        }
        drop(persons);

        // With pseudonyms, people are numbered in the order of their pseudonyms, so that the order of the rows is
        // the order of what they show (and the pseudonyms are read in order when the rows are written out);
        // without, rows of one group and values are identical and their order shows nothing.
        let mut pseudonyms: Vec<(Pseudonym, u32)> = Vec::new();
        if self.policy.pseudonyms {
            pseudonyms = person_ids
                .iter()
                .zip(0u32..)
                .map(|(&u, index)| self.pseudonymise_person(u).map(|p| (p, index)))
                .collect::<Result<_>>()?;
            pseudonyms.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            let mut rank = vec![0u32; person_ids.len()];
            for (r, &(_, index)) in (0u32..).zip(&pseudonyms) {
                rank[index as usize] = r;
            }
            for row in &mut rows {
                *row = row.with_person(rank[row.person()]);
            }
        }
        // A total order on the rows: the release does not depend on (nor reveal) the order of the input.
        rows.sort_unstable();

        let mut release = AnalyticsRelease {
            k: self.policy.k,
            l: self.policy.l,
            pseudonymised: self.policy.pseudonyms,
            records: Vec::with_capacity(rows.len()),
            groups_released: 0,
            groups_suppressed: 0,
            records_suppressed: 0,
        };
        // The last group (counted from 1) in which each person was seen: distinct people in one pass.
        let mut seen_in = vec![0u32; person_ids.len()];
        for (n, group) in rows.chunk_by(|a, b| a.group() == b.group()).enumerate() {
            let stamp = n as u32 + 1;
            let mut people = 0u64;
            let mut emotions = 0u32;
            for row in group {
                let seen = &mut seen_in[row.person()];
                if *seen != stamp {
                    *seen = stamp;
                    people += 1;
                }
                emotions |= 1 << row.emotion().index();
            }
            let k_ok = people >= u64::from(self.policy.k);
            let l_ok = self.policy.l.is_none_or(|l| emotions.count_ones() >= l);
            if !(k_ok && l_ok) {
                release.groups_suppressed += 1;
                release.records_suppressed += group.len() as u64;
                continue;
            }
            release.groups_released += 1;
            let period = ReleasePeriod::new(granularity, group[0].period());
            release.records.extend(
                group
                    .iter()
                    .map(|r| r.record(period, pseudonyms.get(r.person()).map(|&(p, _)| p))),
            );
        }
        Ok(release)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Fields = (i32, Area, EntryKind, BaseEmotion, IntensityBand, ValenceBand, u32);

    fn arb_fields() -> impl Strategy<Value = Fields> {
        (
            any::<i32>(),
            proptest::sample::select(Area::ALL.to_vec()),
            proptest::sample::select(EntryKind::ALL.to_vec()),
            proptest::sample::select(BaseEmotion::ALL.to_vec()),
            proptest::sample::select(IntensityBand::ALL.to_vec()),
            proptest::sample::select(ValenceBand::ALL.to_vec()),
            any::<u32>(),
        )
    }

    fn row(f: Fields) -> Row {
        Row::new(f.0, f.1, f.2, f.3, f.4, f.5).with_person(f.6)
    }

    #[test]
    fn the_member_lists_are_in_index_order() {
        assert!(Area::ALL.iter().enumerate().all(|(i, a)| a.index() == i));
        assert!(IntensityBand::ALL.iter().enumerate().all(|(i, b)| b.index() == i));
        assert!(ValenceBand::ALL.iter().enumerate().all(|(i, b)| b.index() == i));
    }

    proptest! {
        #[test]
        fn a_packed_row_keeps_its_fields_and_sorts_as_they_do(a in arb_fields(), b in arb_fields()) {
            let (ra, rb) = (row(a), row(b));
            prop_assert_eq!(ra.period(), a.0);
            prop_assert_eq!(ra.person(), a.6 as usize);
            let period = ReleasePeriod::new(TimeGranularity::Month, a.0);
            let record = ra.record(period, None);
            prop_assert_eq!((record.area, record.kind, record.emotion, record.intensity, record.valence), (a.1, a.2, a.3, a.4, a.5));
            prop_assert_eq!(ra.cmp(&rb), a.cmp(&b));
            prop_assert_eq!(ra.group() == rb.group(), (a.0, a.1, a.2) == (b.0, b.1, b.2));
        }
    }
}
