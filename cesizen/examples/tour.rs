//! A walk through the Cesizen domain: `cargo run --example tour`.
//!
//! One user, Camille, through a week of March 2025: she signs up, practises, writes in her journal, reads her
//! emotional dashboard and takes the Holmes–Rahe self-assessment; then the product team reads its KPIs. Each
//! step prints what the SDK did. Time is fixed (the SDK never reads the clock; callers pass `now`), so the
//! output is the same on every run, except the random parts of new ids and ciphertexts.

use std::error::Error;

use cesizen::core::emotion::{
    EmotionReport, EmotionReportRequest, JournalEntry, JournalEntryInput, ReportPeriod, ValenceClassification,
};
use cesizen::core::id::{PracticeSessionId, UserId};
use cesizen::core::kpi::{DailyKpis, KpiReading, NetPromoterScore, ProductEvent, ProductEventKind, RetentionCohort};
use cesizen::core::practice::{BreathingPreset, OngoingSession, PlannedDuration, PracticeKind, PracticeOutcome};
use cesizen::core::stress::{HolmesRaheAssessment, LifeEvent, LifeEventAnswer};
use cesizen::core::user::{
    DisplayName, Email, IanaTimeZone, Locale, LockoutDecision, LockoutPolicy, LoginAttempt, User, check_password,
};
use cesizen::crypto::{Context, Keyring};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

type Result<T = ()> = std::result::Result<T, Box<dyn Error>>;

fn main() -> Result {
    println!("Cesizen SDK tour (times are fixed; the SDK never reads the clock)");
    let now = Utc
        .with_ymd_and_hms(2025, 3, 24, 8, 0, 0)
        .single()
        .ok_or("a valid time")?;
    let user = sign_up(now)?;
    practise(&user, now)?;
    let entries = journal(&user, now)?;
    dashboard(&user, &entries)?;
    self_assessment()?;
    product_kpis()?;
    Ok(())
}

fn step(title: &str) {
    println!("\n== {title}");
}

fn sign_up(now: DateTime<Utc>) -> Result<User> {
    step("Users: sign-up, password policy, lockout");
    let email = Email::parse("  Camille.Martin@Example.FR ")?;
    println!("  e-mail normalised: {}", email.as_str());
    for password in ["soleil", "Sérénité du 24 mars!"] {
        match check_password(password, &email) {
            Ok(()) => println!("  password {:>22}: accepted (CNIL 2022-100)", format!("{password:?}")),
            Err(unmet) => println!(
                "  password {:>22}: refused, {}",
                format!("{password:?}"),
                unmet.codes().collect::<Vec<_>>().join(", ")
            ),
        }
    }
    let user = User::sign_up(
        UserId::new(now)?,
        email,
        DisplayName::parse("Camille")?,
        Locale::parse("fr-FR")?,
        IanaTimeZone::parse("Europe/Paris")?,
        now,
    );
    println!(
        "  account {} created, status {:?}, time zone {}",
        user.id(),
        user.status(),
        user.time_zone()
    );
    let failures: Vec<_> = (0..5)
        .map(|i| LoginAttempt::failed(now + Duration::seconds(10 * i)))
        .collect();
    match LockoutPolicy::default().decide(&failures, now + Duration::minutes(1)) {
        LockoutDecision::Locked {
            retry_after_seconds, ..
        } => {
            println!("  5 failed logins in a minute: locked, retry in {retry_after_seconds} s")
        }
        LockoutDecision::Allowed { remaining_failures } => println!("  still allowed, {remaining_failures} left"),
    }
    Ok(user)
}

fn practise(user: &User, now: DateTime<Utc>) -> Result {
    step("Practice: a breathing exercise and a meditation session");
    let exercise = BreathingPreset::CardiacCoherence55.default_exercise();
    let pattern = exercise.pattern();
    println!(
        "  cardiac coherence 5-5: {} cycles of {} ms, {:.0} breaths a minute, {} s in all",
        exercise.cycles(),
        pattern.cycle_ms(),
        pattern.breaths_per_minute(),
        exercise.total_ms() / 1000
    );
    if let Some(position) = exercise.position_at(62_500) {
        println!(
            "  at 62.5 s: cycle {}, {:?}, {} ms left in the phase",
            position.cycle, position.phase, position.remaining_ms
        );
    }
    let start = now + Duration::minutes(30);
    let session = OngoingSession::start(
        PracticeSessionId::new(start)?,
        user.id(),
        PracticeKind::Meditation,
        Some(PlannedDuration::from_minutes(15)?),
        start,
    )
    .finish(PracticeOutcome::Completed, start + Duration::minutes(14))?;
    println!(
        "  meditation: {} s, completed; written to HealthKit as {}",
        session.actual_duration_seconds(),
        session.to_healthkit().category_type_identifier
    );
    Ok(())
}

fn journal(user: &User, now: DateTime<Utc>) -> Result<Vec<JournalEntry>> {
    step("Journal: entries validated, the note sensitive and encrypted");
    let day = |d: i64, hour: i64| now + Duration::days(d) + Duration::hours(hour);
    let moments = [
        (
            day(0, 1),
            "fear",
            Some("worry"),
            6,
            -0.5,
            vec!["work"],
            Some("Presentation tomorrow."),
        ),
        (
            day(0, 12),
            "fear",
            Some("anxiety"),
            7,
            -0.6,
            vec!["work", "sleep"],
            None,
        ),
        (
            day(1, 2),
            "joy",
            Some("relief"),
            8,
            0.7,
            vec!["work"],
            Some("It went well!"),
        ),
        (
            day(2, 11),
            "sadness",
            Some("loneliness"),
            4,
            -0.4,
            vec!["friends"],
            None,
        ),
        (day(4, 3), "joy", None, 7, 0.6, vec!["family"], None),
        (day(5, 4), "joy", Some("serenity"), 6, 0.8, vec!["self_care"], None),
        (day(6, 2), "surprise", Some("wonder"), 5, 0.5, vec!["travel"], None),
    ];
    let mut entries = Vec::new();
    for (i, (at, base, nuance, intensity, valence, tags, note)) in moments.into_iter().enumerate() {
        let input = serde_json::json!({
            "id": cesizen::core::id::JournalEntryId::new(at)?, "userId": user.id(), "kind": "momentary_emotion",
            "emotion": {"base": base, "nuance": nuance}, "intensity": intensity, "valence": valence,
            "contextTags": tags, "note": note, "recordedAt": at, "timeZone": user.time_zone(),
        });
        let entry = serde_json::from_value::<JournalEntryInput>(input)?.validate()?;
        if i == 0 {
            println!("  entry Debug never shows the note: {:?}", entry.note());
            let sample = entry.to_state_of_mind();
            println!(
                "  HealthKit State of Mind: labels {:?}, associations {:?}, valence {} ({})",
                sample.labels.iter().map(|l| l.code()).collect::<Vec<_>>(),
                sample
                    .associations
                    .iter()
                    .map(|a| a.healthkit_name())
                    .collect::<Vec<_>>(),
                sample.valence.get(),
                ValenceClassification::from_valence(sample.valence).label_en()
            );
        }
        entries.push(entry);
    }
    let keyring = Keyring::generate()?;
    let (key, _wrapped) = keyring.generate_data_key(&user.id().to_string())?;
    if let Some((entry, note)) = entries.iter().find_map(|e| e.note().map(|n| (e, n))) {
        let context = Context::field(&user.id().to_string(), &entry.id().to_string(), "note")?;
        let sealed = key.seal(&context, note.expose().as_bytes())?.to_text();
        println!(
            "  note sealed with the user's data key (AES-256-GCM, envelope v1): {}…",
            &sealed[..24]
        );
    }
    let refused = serde_json::json!({
        "id": "0195c5f2-3ec0-7707-8707-070707070707", "userId": user.id(), "kind": "momentary_emotion",
        "emotion": {"base": "joy", "nuance": "panic"}, "intensity": 5, "valence": 0.0,
        "recordedAt": now, "timeZone": "Europe/Paris",
    });
    let error = serde_json::from_value::<JournalEntryInput>(refused)?
        .validate()
        .err()
        .ok_or("refused")?;
    println!("  joy with the nuance \"panic\" is refused: {}", error.code());
    println!("  {} entries recorded", entries.len());
    Ok(entries)
}

fn dashboard(user: &User, entries: &[JournalEntry]) -> Result {
    step("Emotional dashboard: the week of 24 March in Paris (clocks go forward on Sunday)");
    let request = EmotionReportRequest {
        user_id: user.id(),
        period: ReportPeriod::Week {
            containing: NaiveDate::from_ymd_opt(2025, 3, 26).ok_or("a date")?,
        },
        time_zone: user.time_zone(),
    };
    let now = Utc
        .with_ymd_and_hms(2025, 3, 30, 20, 0, 0)
        .single()
        .ok_or("a valid time")?;
    let report = EmotionReport::compute(entries, &request, now)?;
    println!(
        "  {} to {}: {} hours, {} entries, mean intensity {:.1}",
        report.window.first_day,
        report.window.last_day,
        (report.window.end - report.window.start).num_hours(),
        report.entry_count,
        report.mean_intensity.unwrap_or(0.0)
    );
    for count in report.emotions.iter().filter(|c| c.count > 0) {
        let top = count
            .top_nuance
            .map_or(String::new(), |n| format!(", mostly {}", n.label_fr().to_lowercase()));
        println!("  {:<9} {}{top}", count.emotion.label_fr(), count.count);
    }
    let days: Vec<String> = report
        .days
        .iter()
        .map(|d| d.mean_valence.map_or("  · ".into(), |v| format!("{v:+.1}")))
        .collect();
    println!("  mean valence per day: {}", days.join(" "));
    println!(
        "  streaks: current {}, longest {}",
        report.streaks.current, report.streaks.longest
    );
    Ok(())
}

fn self_assessment() -> Result {
    step("Stress self-assessment: Holmes–Rahe");
    let answers = [
        LifeEventAnswer::once(LifeEvent::ChangeToDifferentLineOfWork),
        LifeEventAnswer::once(LifeEvent::ChangeInResidence),
        LifeEventAnswer::once(LifeEvent::ChangeInWorkResponsibilities),
        LifeEventAnswer::once(LifeEvent::ChangeInSleepingHabits),
        LifeEventAnswer::new(LifeEvent::Vacation, 2)?,
        LifeEventAnswer::once(LifeEvent::Christmas),
    ];
    for answer in &answers {
        println!("  {:<48} {:>3}", answer.event().label_fr(), answer.points());
    }
    let assessment = HolmesRaheAssessment::score(&answers)?;
    println!(
        "  score {}: {} (bands: < 150 low, 150-299 moderate, >= 300 high)",
        assessment.score,
        assessment.band.label_en()
    );
    Ok(())
}

fn product_kpis() -> Result {
    step("Product KPIs: one day of the event stream, a sign-up cohort, an NPS survey");
    let day = NaiveDate::from_ymd_opt(2025, 6, 2).ok_or("a date")?;
    let base = Utc
        .with_ymd_and_hms(2025, 6, 2, 6, 0, 0)
        .single()
        .ok_or("a valid time")?;
    let mut events = Vec::new();
    for n in 0..40u8 {
        let user_id = UserId::from_parts(base, [n; 10])?;
        let at = base + Duration::minutes(i64::from(n) * 7);
        events.push(ProductEvent {
            user_id,
            at,
            kind: ProductEventKind::AppOpened,
        });
        if n % 2 == 0 {
            let session_id = PracticeSessionId::from_parts(at, [n; 10])?;
            let practice = if n % 4 == 0 {
                PracticeKind::Meditation
            } else {
                PracticeKind::BreathingExercise
            };
            events.push(ProductEvent {
                user_id,
                at,
                kind: ProductEventKind::PracticeSessionStarted { session_id, practice },
            });
            let end = at + Duration::minutes(8 + i64::from(n % 10));
            events.push(ProductEvent {
                user_id,
                at: end,
                kind: ProductEventKind::PracticeSessionEnded {
                    session_id,
                    outcome: PracticeOutcome::Completed,
                },
            });
        }
    }
    let daily = DailyKpis::compute(&events, day, IanaTimeZone::EUROPE_PARIS)?;
    let signups: Vec<_> = (0..20u8)
        .flat_map(|n| {
            let user_id = UserId::from_parts(base, [100 + n; 10]).ok()?;
            let signed = ProductEvent {
                user_id,
                at: base - Duration::days(60),
                kind: ProductEventKind::SignedUp,
            };
            let back = (n < 15).then_some(ProductEvent {
                user_id,
                at: base - Duration::days(20),
                kind: ProductEventKind::AppOpened,
            });
            Some([Some(signed), back])
        })
        .flatten()
        .flatten()
        .collect();
    let cohort_day = (base - Duration::days(60)).date_naive();
    let cohort = RetentionCohort::compute(&signups, cohort_day, cohort_day, IanaTimeZone::EUROPE_PARIS, base)?;
    let nps = NetPromoterScore::from_scores([10, 9, 9, 10, 8, 7, 9, 10, 6, 9, 10, 9])?;
    let readings: Vec<KpiReading> = daily
        .readings()
        .into_iter()
        .chain([cohort.reading(), nps.reading()])
        .collect();
    for r in readings {
        let value = r.value.map_or("-".to_owned(), |v| format!("{v:.1}"));
        println!(
            "  {:<28} {:>7}  target {:>5}  {}",
            r.kpi.label_en(),
            value,
            r.target,
            r.status.label_en()
        );
    }
    Ok(())
}
