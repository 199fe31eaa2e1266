//! The JSON of one journal entry, written straight into the export's buffer.
//!
//! An export of a long history is mostly journal entries, so their JSON is the export's hot path. Through
//! `serde_json` and the derived `Serialize` of [`JournalEntry`], every id and every timestamp goes through
//! `fmt` (`collect_str`), where the JSON writer escapes the text a few characters at a time; the time zone and
//! the note are copied into a fresh `String` and the context tags into a fresh `Vec` before being written.
//! Here the fixed parts are written as bytes, ids through `uuid`'s hyphenated encoder, timestamps through
//! [`rfc3339`], and only values whose text may need escaping (the note) or whose form belongs to their type
//! (kind, emotion, intensity, valence, tags) go through `serde`.
//!
//! The output is **byte for byte** what `serde_json::to_writer` writes for the same entry: a property test
//! below compares the two over arbitrary entries, so a change of the entry's JSON form in `cesizen-core`
//! fails here instead of drifting.

use cesizen_core::emotion::JournalEntry;
use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::Serialize;

/// Appends the JSON of `entry` to `out`.
pub(super) fn write(out: &mut Vec<u8>, entry: &JournalEntry) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"id\":");
    uuid(out, entry.id().as_uuid());
    out.extend_from_slice(b",\"userId\":");
    uuid(out, entry.user_id().as_uuid());
    out.extend_from_slice(b",\"kind\":");
    value(out, &entry.kind())?;
    out.extend_from_slice(b",\"emotion\":");
    value(out, &entry.emotion())?;
    out.extend_from_slice(b",\"intensity\":");
    value(out, &entry.intensity())?;
    out.extend_from_slice(b",\"valence\":");
    value(out, &entry.valence())?;
    out.extend_from_slice(b",\"contextTags\":[");
    for (i, tag) in entry.context_tags().iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        value(out, &tag)?;
    }
    out.push(b']');
    if let Some(note) = entry.note() {
        out.extend_from_slice(b",\"note\":");
        value(out, note.expose())?;
    }
    out.extend_from_slice(b",\"recordedAt\":");
    timestamp(out, entry.recorded_at())?;
    out.extend_from_slice(b",\"timeZone\":");
    value(out, entry.time_zone().name())?;
    out.push(b'}');
    Ok(())
}

fn value<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> serde_json::Result<()> {
    v.serialize(&mut serde_json::Serializer::new(out))
}

/// A quoted lowercase hyphenated UUID: hex digits and hyphens never need escaping.
fn uuid(out: &mut Vec<u8>, id: &uuid::Uuid) {
    let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
    out.push(b'"');
    out.extend_from_slice(id.hyphenated().encode_lower(&mut text).as_bytes());
    out.push(b'"');
}

/// A quoted timestamp as chrono serialises a `DateTime<Utc>`.
fn timestamp(out: &mut Vec<u8>, at: DateTime<Utc>) -> serde_json::Result<()> {
    let mut text = [0u8; RFC3339_MAX];
    match rfc3339(at, &mut text) {
        Some(len) => {
            out.push(b'"');
            out.extend_from_slice(&text[..len]);
            out.push(b'"');
            Ok(())
        }
        // Years before 0 or after 9999 take chrono's own (signed) form.
        None => value(out, &at),
    }
}

/// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`, the longest form of [`rfc3339`].
const RFC3339_MAX: usize = 30;

/// Writes `at` as chrono's `to_rfc3339_opts(SecondsFormat::AutoSi, true)` does — the form of its `Serialize`:
/// no fraction for whole seconds, else 3, 6 or 9 digits, whichever is exact; a leap second as second 60; `Z`.
/// Returns the length written, or `None` for a year outside 0–9999 (chrono writes those with a sign).
fn rfc3339(at: DateTime<Utc>, out: &mut [u8; RFC3339_MAX]) -> Option<usize> {
    let year = u32::try_from(at.year()).ok().filter(|y| *y <= 9999)?;
    let mut nano = at.nanosecond();
    let mut second = at.second();
    if nano >= 1_000_000_000 {
        second += 1;
        nano -= 1_000_000_000;
    }
    digits(&mut out[0..4], year);
    out[4] = b'-';
    digits(&mut out[5..7], at.month());
    out[7] = b'-';
    digits(&mut out[8..10], at.day());
    out[10] = b'T';
    digits(&mut out[11..13], at.hour());
    out[13] = b':';
    digits(&mut out[14..16], at.minute());
    out[16] = b':';
    digits(&mut out[17..19], second);
    let mut len = 19;
    if nano != 0 {
        let (value, width) = if nano.is_multiple_of(1_000_000) {
            (nano / 1_000_000, 3)
        } else if nano.is_multiple_of(1_000) {
            (nano / 1_000, 6)
        } else {
            (nano, 9)
        };
        out[len] = b'.';
        digits(&mut out[len + 1..len + 1 + width], value);
        len += 1 + width;
    }
    out[len] = b'Z';
    Some(len + 1)
}

/// Writes the last `out.len()` decimal digits of `n`, zero-padded.
fn digits(out: &mut [u8], mut n: u32) {
    for d in out.iter_mut().rev() {
        // `n % 10` is below 10: the cast cannot truncate.
        *d = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cesizen_core::emotion::{
        BaseEmotion, ContextTag, ContextTags, Emotion, EntryKind, Intensity, JournalEntryParts, JournalNote, Nuance,
        Valence,
    };
    use cesizen_core::id::{JournalEntryId, UserId};
    use cesizen_core::user::IanaTimeZone;
    use chrono::{NaiveDate, TimeZone};
    use proptest::prelude::*;

    fn serde_form(entry: &JournalEntry) -> String {
        serde_json::to_string(entry).unwrap()
    }

    fn ours(entry: &JournalEntry) -> String {
        let mut out = Vec::new();
        write(&mut out, entry).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn entry_at(at: DateTime<Utc>, note: Option<&str>) -> JournalEntry {
        JournalEntry::new(JournalEntryParts {
            id: JournalEntryId::from_uuid(uuid::Uuid::from_u128(0xabcdef)).unwrap(),
            user_id: UserId::from_uuid(uuid::Uuid::from_u128(0x1234_5678_9abc_def0)).unwrap(),
            kind: EntryKind::DailyMood,
            emotion: Emotion::from_nuance(Nuance::Worry),
            intensity: Intensity::new(10).unwrap(),
            valence: Valence::new(-0.25).unwrap(),
            context_tags: ContextTags::new(ContextTag::ALL.into_iter().take(3)).unwrap(),
            note: note.map(|n| JournalNote::new(n.into()).unwrap()),
            recorded_at: at,
            time_zone: IanaTimeZone::parse("America/Montreal").unwrap(),
        })
    }

    #[test]
    fn the_fixed_cases_match_serde() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
            .unwrap()
            .and_utc();
        for at in [
            Utc.with_ymd_and_hms(2025, 3, 14, 9, 0, 0).unwrap(),
            Utc.timestamp_opt(0, 1).unwrap(),
            Utc.timestamp_opt(1_700_000_000, 120_000_000).unwrap(),
            Utc.timestamp_opt(1_700_000_000, 123_456_000).unwrap(),
            leap,
            DateTime::<Utc>::MIN_UTC,
            DateTime::<Utc>::MAX_UTC,
            Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(0, 1, 1, 0, 0, 0).unwrap(),
        ] {
            let e = entry_at(at, Some("Line one\n\t\"quoted\" \\ é🙂 \u{2028}"));
            assert_eq!(ours(&e), serde_form(&e), "{at:?}");
        }
        let bare = JournalEntry::new(JournalEntryParts {
            emotion: Emotion::from_base(BaseEmotion::ALL[0]),
            context_tags: ContextTags::EMPTY,
            ..entry_at(Utc.timestamp_opt(5, 0).unwrap(), None).into_parts()
        });
        assert_eq!(ours(&bare), serde_form(&bare));
    }

    proptest! {
        #[test]
        fn every_entry_is_written_as_serde_writes_it(
            id in 1u128.., user in 1u128..,
            kind in 0..EntryKind::ALL.len(),
            emotion in 0..(Nuance::COUNT + BaseEmotion::COUNT),
            intensity in 1u8..=10,
            valence in -1.0f64..=1.0,
            tags in any::<u32>(),
            note in proptest::option::of("\\PC{1,40}|[\\x00-\\x7f]{1,20}"),
            seconds in DateTime::<Utc>::MIN_UTC.timestamp()..=DateTime::<Utc>::MAX_UTC.timestamp(),
            nanos in prop_oneof![Just(0u32), (0u32..1000).prop_map(|m| m * 1_000_000),
                                 (0u32..1_000_000).prop_map(|u| u * 1000), 0u32..2_000_000_000],
            zone in prop_oneof![Just("Europe/Paris"), Just("America/Montreal"), Just("UTC"), Just("Etc/GMT+5")],
        ) {
            let Some(at) = Utc.timestamp_opt(seconds, nanos).single() else { return Ok(()); };
            let note = note.and_then(|n| JournalNote::new(n).ok());
            let emotion = match Nuance::ALL.get(emotion) {
                Some(n) => Emotion::from_nuance(*n),
                None => Emotion::from_base(BaseEmotion::ALL[emotion - Nuance::COUNT]),
            };
            let tags = ContextTags::new(ContextTag::ALL.into_iter().filter(|t| tags & (1 << t.index()) != 0));
            let Ok(context_tags) = tags else { return Ok(()); };
            let e = JournalEntry::new(JournalEntryParts {
                id: JournalEntryId::from_uuid(uuid::Uuid::from_u128(id)).unwrap(),
                user_id: UserId::from_uuid(uuid::Uuid::from_u128(user)).unwrap(),
                kind: EntryKind::ALL[kind],
                emotion,
                intensity: Intensity::new(intensity).unwrap(),
                valence: Valence::new(valence).unwrap(),
                context_tags,
                note,
                recorded_at: at,
                time_zone: IanaTimeZone::parse(zone).unwrap(),
            });
            prop_assert_eq!(ours(&e), serde_form(&e));
        }
    }
}
