//! The retention job: `cesizen-gdpr`'s `RetentionPlanner` (the plan's policy) run on a tokio interval.
//!
//! Each run reads the metadata of every stored record, a page at a time, asks the planner what is due, and does
//! it. Everything it does is idempotent (the planner reads only times and flags), so several instances sharing
//! PostgreSQL may run it at once: the second to act on a row finds it gone or changed and moves on.
//!
//! | category | stored as | anonymise / delete / notify means |
//! |---|---|---|
//! | journal entry | `journal_entries` | decrypted, generalised by `cesizen-gdpr` (month, area, base emotion, intensity and valence bands; no person, no note), stored in `anonymised_journal_entries`, original deleted |
//! | practice session | `practice_sessions` | unlinked from the person (`user_id` set to NULL) |
//! | account | `users` | notify: the inactivity notice is sent (outbox) and dated; delete: erased like a GDPR erasure (the same deletions and crypto-shredding, recorded in the audit trail as `retention.account.erased`) |
//! | log | `login_attempts` | deleted |
//!
//! Expired sessions are removed on each run too (housekeeping, not retention), and the audit trail's checkpoint
//! is logged (see `crate::audit`).

use cesizen_core::id::UserId;
use cesizen_gdpr::anonymise::{Area, IntensityBand, ValenceBand};
use cesizen_gdpr::retention::{Action, Category, RecordMeta, RetentionPlanner};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{from_micros, micros};
use crate::error::{ApiError, ApiResult};
use crate::journal::{SEALED_COLUMNS, SealedRow, sealed_from_row};
use crate::state::AppState;

/// Rows read per page.
const PAGE: i64 = 500;

/// Runs the job every `config.retention_interval` until shutdown.
pub async fn run(state: AppState, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let mut ticker = tokio::time::interval(state.config.retention_interval);
    loop {
        tokio::select! {
            _ = ticker.tick() => {}
            _ = shutdown.changed() => return,
        }
        match run_once(&state).await {
            Ok(done) => tracing::info!(actions = done, "retention run finished"),
            Err(e) => tracing::warn!(code = e.code(), "retention run failed"),
        }
        // The audit trail's checkpoint, logged on every run so that the shipped logs hold a daily one.
        match crate::audit::stored_checkpoint(&state.db.pool).await {
            Ok(Some(checkpoint)) => crate::audit::publish(checkpoint),
            Ok(None) => {}
            Err(e) => tracing::warn!(code = e.code(), "audit trail checkpoint unavailable"),
        }
    }
}

/// One pass over every category; returns the number of actions taken.
pub async fn run_once(state: &AppState) -> ApiResult<u64> {
    let planner = RetentionPlanner::new(state.plan().gdpr().retention)?;
    let now = state.now();
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(micros(now))
        .execute(&state.db.pool)
        .await?;
    let mut done = 0;
    done += age_based(
        state,
        &planner,
        now,
        Category::JournalEntry,
        "journal_entries",
        "created_at",
    )
    .await?;
    done += age_based(
        state,
        &planner,
        now,
        Category::PracticeSession,
        "practice_sessions",
        "created_at",
    )
    .await?;
    done += age_based(state, &planner, now, Category::Log, "login_attempts", "at").await?;
    done += accounts(state, &planner, now).await?;
    Ok(done)
}

/// Pages through `table` by (time, id) and applies what is due.
async fn age_based(
    state: &AppState,
    planner: &RetentionPlanner,
    now: DateTime<Utc>,
    category: Category,
    table: &str,
    time_column: &str,
) -> ApiResult<u64> {
    let mut done = 0;
    let mut after = (i64::MIN, String::new());
    loop {
        // Table and column names are constants of this module, never input.
        let page: Vec<(String, i64)> = sqlx::query_as(&format!(
            "SELECT id, {time_column} FROM {table} WHERE ({time_column} > $1 OR ({time_column} = $1 AND id > $2)) \
             ORDER BY {time_column}, id LIMIT $3"
        ))
        .bind(after.0)
        .bind(&after.1)
        .bind(PAGE)
        .fetch_all(&state.db.pool)
        .await?;
        let Some(last) = page.last() else { break };
        after = (last.1, last.0.clone());
        for (id, created) in &page {
            let Ok(uuid) = Uuid::parse_str(id) else { continue };
            let decision = planner.decide(&RecordMeta::new(uuid, category, from_micros(*created)), now)?;
            match (category, decision.action) {
                (_, Action::Keep) => continue,
                (Category::JournalEntry, Action::Anonymise) => anonymise_entry(state, id).await?,
                (Category::PracticeSession, Action::Anonymise) => {
                    sqlx::query("UPDATE practice_sessions SET user_id = NULL WHERE id = $1")
                        .bind(id)
                        .execute(&state.db.pool)
                        .await?;
                }
                _ => {
                    sqlx::query(&format!("DELETE FROM {table} WHERE id = $1"))
                        .bind(id)
                        .execute(&state.db.pool)
                        .await?;
                }
            }
            done += 1;
        }
        if page.len() < usize::try_from(PAGE).unwrap_or(usize::MAX) {
            break;
        }
    }
    Ok(done)
}

/// Replaces a journal entry by its generalised, person-free form.
async fn anonymise_entry(state: &AppState, id: &str) -> ApiResult<()> {
    let row: Option<SealedRow> = sqlx::query_as(&format!("SELECT {SEALED_COLUMNS} FROM journal_entries WHERE id = $1"))
        .bind(id)
        .fetch_optional(&state.db.pool)
        .await?;
    let Some(row) = row else { return Ok(()) };
    let sealed = sealed_from_row(row)?;
    let Some(key) = state.keys.user_key(&state.db.pool, &sealed.user_id.to_string()).await? else {
        return Ok(());
    };
    let entry = sealed.open(&key)?;
    let local = entry.recorded_at().with_timezone(&entry.time_zone().tz());
    let mut tx = state.db.begin_write().await?;
    sqlx::query(
        "INSERT INTO anonymised_journal_entries (id, month, area, kind, base_emotion, intensity_band, valence_band) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
    )
    .bind(crate::accounts::uuid_v7_text(state.now())?)
    .bind(local.format("%Y-%m").to_string())
    .bind(Area::of_time_zone(entry.time_zone().name()).as_str())
    .bind(entry.kind().code())
    .bind(entry.emotion().base().code())
    .bind(stored_name(&IntensityBand::of(entry.intensity()))?)
    .bind(stored_name(&ValenceBand::of(entry.valence()))?)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM journal_entries WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The serialized name of a unit enum.
fn stored_name<T: serde::Serialize>(value: &T) -> ApiResult<String> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(name) => Ok(name),
        _ => Err(ApiError::internal("system.stored_record.invalid")),
    }
}

/// Inactive accounts: warn, then erase.
async fn accounts(state: &AppState, planner: &RetentionPlanner, now: DateTime<Utc>) -> ApiResult<u64> {
    let mut done = 0;
    let mut after = String::new();
    loop {
        let page: Vec<(String, i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT id, created_at, last_active_at, inactivity_notified_at FROM users WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(&after)
        .bind(PAGE)
        .fetch_all(&state.db.pool)
        .await?;
        let Some(last) = page.last() else { break };
        after = last.0.clone();
        for (id, created, active, notified) in &page {
            let Ok(user) = UserId::parse(id) else { continue };
            let meta = RecordMeta {
                last_active_at: Some(from_micros(*active)),
                notified_at: notified.map(from_micros),
                ..RecordMeta::new(*user.as_uuid(), Category::Account, from_micros(*created))
            };
            let action = planner.decide(&meta, now)?.action;
            if action == Action::Keep {
                continue;
            }
            let Some(key) = state.keys.user_key(&state.db.pool, id).await? else {
                continue;
            };
            let email = crate::users::load(&state.db.pool, &key, user).await?.email().clone();
            match action {
                Action::Notify => {
                    sqlx::query("UPDATE users SET inactivity_notified_at = $1 WHERE id = $2")
                        .bind(micros(now))
                        .bind(id)
                        .execute(&state.db.pool)
                        .await?;
                    state.outbox.send(email.as_str(), "inactivity_notice", None, now);
                }
                _ => match crate::gdpr::erase(state, user, key, &email, crate::gdpr::Cause::Retention).await {
                    Ok(_) => {}
                    // Erased meanwhile (another instance's run, or the person's own request).
                    Err(e) if e.is_not_found() => continue,
                    Err(e) => return Err(e),
                },
            }
            done += 1;
        }
        if page.len() < usize::try_from(PAGE).unwrap_or(usize::MAX) {
            break;
        }
    }
    Ok(done)
}
