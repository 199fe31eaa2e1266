//! A person with a bit of everything, as a server would store it: the fixture of the integration tests.
#![allow(dead_code, clippy::unwrap_used)] // a test fixture: each user of it takes what it needs; a failure is a test failure

use cesizen_core::emotion::{
    ContextTag, ContextTags, Emotion, EmotionReport, EmotionReportRequest, EntryKind, Intensity, JournalEntry,
    JournalEntryParts, JournalNote, Nuance, ReportPeriod, Valence,
};
use cesizen_core::id::{JournalEntryId, PracticeSessionId, UserId};
use cesizen_core::practice::{PracticeKind, PracticeOutcome, PracticeSession, PracticeSessionFields};
use cesizen_core::user::{DisplayName, Email, IanaTimeZone, Locale, User};
use cesizen_crypto::{DataKey, Keyring, WrappedDataKey};
use cesizen_gdpr::RequestId;
use cesizen_gdpr::consent::{ConsentLedger, ConsentMethod, Purpose, TextVersion};
use cesizen_gdpr::export::ExportWriter;
use cesizen_gdpr::request::{DataSubjectRequest, IdentityMethod, RequestKind};
use cesizen_gdpr::sealed::SealedJournalEntry;
use chrono::{DateTime, Duration, TimeZone, Utc};

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap()
}

/// The notes the person wrote: each must be findable in the export and nowhere after erasure.
pub const NOTES: [&str; 3] = [
    "Presentation at work went better than feared",
    "Argued with my sister about the holidays",
    "Could not sleep before the exam",
];

pub struct Person {
    pub user: User,
    pub key: DataKey,
    pub wrapped: WrappedDataKey,
    pub sessions: Vec<PracticeSession>,
    pub entries: Vec<JournalEntry>,
    pub stored: Vec<SealedJournalEntry>,
    pub reports: Vec<EmotionReport>,
    pub consents: ConsentLedger,
    pub requests: Vec<DataSubjectRequest>,
}

pub fn person(keyring: &Keyring, seed: u8, entries: usize) -> Person {
    let user = User::sign_up(
        UserId::from_parts(t0(), [seed; 10]).unwrap(),
        Email::parse(&format!("camille.{seed}@example.fr")).unwrap(),
        DisplayName::parse("Camille").unwrap(),
        Locale::parse("fr-FR").unwrap(),
        IanaTimeZone::EUROPE_PARIS,
        t0(),
    );
    let (key, wrapped) = keyring.generate_data_key(&user.id().to_string()).unwrap();
    let sessions = (0..3u8)
        .map(|i| {
            let start = t0() + Duration::days(i64::from(i));
            PracticeSession::from_fields(PracticeSessionFields {
                id: PracticeSessionId::from_parts(start, [seed.wrapping_add(100 + i); 10]).unwrap(),
                user_id: user.id(),
                kind: [
                    PracticeKind::Meditation,
                    PracticeKind::BreathingExercise,
                    PracticeKind::ZenGarden,
                ][usize::from(i)],
                started_at: start,
                ended_at: start + Duration::minutes(10),
                planned_duration: None,
                outcome: if i == 2 {
                    PracticeOutcome::Abandoned
                } else {
                    PracticeOutcome::Completed
                },
            })
            .unwrap()
        })
        .collect();
    let entries: Vec<JournalEntry> = (0..entries)
        .map(|i| {
            let at = t0() + Duration::hours(i as i64 * 7);
            let mut random = [seed; 10];
            random[..8].copy_from_slice(&(i as u64).to_be_bytes());
            JournalEntry::new(JournalEntryParts {
                id: JournalEntryId::from_parts(at, random).unwrap(),
                user_id: user.id(),
                kind: if i % 2 == 0 {
                    EntryKind::MomentaryEmotion
                } else {
                    EntryKind::DailyMood
                },
                emotion: Emotion::from_nuance(Nuance::ALL[i % Nuance::ALL.len()]),
                intensity: Intensity::new((i % 10) as u8 + 1).unwrap(),
                valence: Valence::new(((i % 21) as f64) / 10.0 - 1.0).unwrap(),
                context_tags: ContextTags::new(ContextTag::ALL.into_iter().skip(i % 4).take(2)).unwrap(),
                note: (i < NOTES.len()).then(|| JournalNote::new(NOTES[i].into()).unwrap()),
                recorded_at: at,
                time_zone: IanaTimeZone::EUROPE_PARIS,
            })
        })
        .collect();
    let stored = entries
        .iter()
        .map(|e| SealedJournalEntry::seal(e, &key).unwrap())
        .collect();
    let request = EmotionReportRequest {
        user_id: user.id(),
        period: ReportPeriod::Month(cesizen_core::CalendarMonth::new(2025, 1).unwrap()),
        time_zone: IanaTimeZone::EUROPE_PARIS,
    };
    let reports = vec![EmotionReport::compute(&entries, &request, t0() + Duration::days(40)).unwrap()];
    let mut consents = ConsentLedger::new(user.id());
    consents
        .give(
            Purpose::EmotionalJournal,
            TextVersion::new("journal-2025.1").unwrap(),
            ConsentMethod::ExplicitStatement,
            t0(),
        )
        .unwrap();
    consents
        .give(
            Purpose::Newsletter,
            TextVersion::new("news-1").unwrap(),
            ConsentMethod::AffirmativeAction,
            t0(),
        )
        .unwrap();
    consents
        .withdraw(Purpose::Newsletter, t0() + Duration::days(3))
        .unwrap();
    let asked = t0() + Duration::days(20);
    let mut access = DataSubjectRequest::receive(
        RequestId::from_parts(asked, [seed; 10]).unwrap(),
        user.id(),
        RequestKind::Access,
        asked,
    );
    access
        .verify_identity(IdentityMethod::AuthenticatedSession, asked)
        .unwrap();
    access.complete(asked + Duration::hours(2)).unwrap();
    Person {
        user,
        key,
        wrapped,
        sessions,
        entries,
        stored,
        reports,
        consents,
        requests: vec![access],
    }
}

/// The person's full export, decrypting the stored entries.
pub fn export(p: &Person, now: DateTime<Utc>) -> Vec<u8> {
    let mut w = ExportWriter::begin(Vec::new(), &p.user, now).unwrap();
    for s in &p.sessions {
        w.practice_session(s).unwrap();
    }
    for e in &p.stored {
        w.journal_entry(e, &p.key).unwrap();
    }
    for r in &p.reports {
        w.report(r).unwrap();
    }
    w.consents(&p.consents).unwrap();
    for r in &p.requests {
        w.request(r).unwrap();
    }
    w.finish().unwrap()
}
