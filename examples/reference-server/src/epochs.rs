//! The key epoch job: turns the KEKs on `cesizen-crypto`'s `EpochPolicy`, so that an erasure reaches every copy.
//!
//! Each check ([`turn`], every minute or twice per epoch) does what the policy says is due, in this order:
//!
//! 1. **rotate**, when the primary has served its epoch: a new primary KEK, created in custody first
//!    (`O_EXCL`: of two instances, one wins and the other adopts its version);
//! 2. **rewrap** every data key still under an older KEK (the surviving users only: an erased user's row is
//!    gone, so that key is never rewrapped), a page at a time, each row updated only if unchanged meanwhile;
//!    the system data key too. Rows written by an instance that had not seen the new primary yet are caught by
//!    the next check;
//! 3. **destroy** each retired KEK whose backups have all expired, once no stored data key depends on it
//!    (else it waits for the next check's rewrap): its custody record is deleted, and from then on every copy
//!    of what it wrapped — freed pages, WAL, dumps, replicas, backups, snapshots — is undecryptable.
//!
//! Every step is idempotent, so instances sharing one database may run it at once, and a crash half-way is
//! finished by the next check. Each turn is logged (KEK ids and counts only).

use std::time::SystemTime;

use cesizen_crypto::KeyId;
use chrono::{DateTime, Utc};

use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::keys::{Keys, SYSTEM_USER, kek_column};
use crate::state::AppState;

/// Data keys rewrapped per transaction.
const PAGE: i64 = 500;

/// What one check did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Turn {
    /// The new primary, if an epoch began.
    pub began: Option<KeyId>,
    /// Data keys rewrapped (the system key included).
    pub rewrapped: u64,
    /// KEKs destroyed.
    pub destroyed: Vec<KeyId>,
    /// KEKs due for destruction but still wrapping a stored data key (destroyed at a later check).
    pub deferred: Vec<KeyId>,
}

/// Runs [`turn`] every `config.epoch_check_interval()` until shutdown.
pub async fn run(state: AppState, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let mut ticker = tokio::time::interval(state.config.epoch_check_interval());
    loop {
        tokio::select! {
            _ = ticker.tick() => {}
            _ = shutdown.changed() => return,
        }
        if let Err(e) = turn(&state.db, &state.keys, state.now()).await {
            tracing::warn!(code = e.code(), "key epoch check failed");
        }
    }
}

/// `cesizen-server keys turn`: one check now, for an operator (or a cron job when no server runs); prints what
/// it did as one JSON line.
pub async fn turn_now(config: crate::config::Config) -> Result<(), String> {
    let (db, keys) = crate::open(&config).await?;
    let done = turn(&db, &keys, crate::db::to_stored_precision(Utc::now()))
        .await
        .map_err(|e| format!("the key epoch check failed [{}]", e.code()))?;
    let ids = |ks: &[KeyId]| ks.iter().map(|k| k.get()).collect::<Vec<_>>();
    println!(
        "{}",
        serde_json::json!({
            "began": done.began.map(KeyId::get),
            "rewrapped": done.rewrapped,
            "destroyed": ids(&done.destroyed),
            "deferred": ids(&done.deferred),
            "primary": keys.primary().get(),
        })
    );
    Ok(())
}

/// One check at `now` (see the module documentation).
pub async fn turn(db: &Db, keys: &Keys, now: DateTime<Utc>) -> ApiResult<Turn> {
    keys.reload().map_err(|_| custody_unavailable())?;
    let mut done = Turn::default();
    let plan = keys.policy().plan(&keys.history(), SystemTime::from(now));
    if plan.rotate {
        done.began = keys.begin_epoch(now).map_err(|_| custody_unavailable())?;
    }
    done.rewrapped = rewrap_all(db, keys).await?;
    for kek in plan.destroy {
        if kek == keys.primary() {
            continue; // another instance's rotation was not seen in time: next check
        }
        let wrapping: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM data_keys WHERE kek_id = $1")
            .bind(kek_column(kek))
            .fetch_one(&db.pool)
            .await?;
        if wrapping > 0 || system_key_under(db, kek).await? {
            done.deferred.push(kek);
            continue;
        }
        keys.destroy(kek).map_err(|_| custody_unavailable())?;
        done.destroyed.push(kek);
    }
    if done != Turn::default() {
        tracing::info!(
            began = ?done.began.map(KeyId::get),
            rewrapped = done.rewrapped,
            destroyed = ?done.destroyed.iter().map(|k| k.get()).collect::<Vec<_>>(),
            deferred = ?done.deferred.iter().map(|k| k.get()).collect::<Vec<_>>(),
            "key epoch turned"
        );
    }
    Ok(done)
}

fn custody_unavailable() -> ApiError {
    ApiError::internal("crypto.custody.unavailable")
}

/// Rewraps every stored data key not under the primary; returns how many.
pub async fn rewrap_all(db: &Db, keys: &Keys) -> ApiResult<u64> {
    let primary = keys.primary();
    let mut rewrapped = 0;
    // Keyset pagination on the primary key: each row is read once whatever the table's size (an OFFSET, or a
    // plain LIMIT over rows that stay before the rewrapped ones, would rescan them page after page).
    let mut after = String::new();
    loop {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT user_id, wrapped FROM data_keys WHERE user_id > $1 AND (kek_id IS NULL OR kek_id <> $2) \
             ORDER BY user_id LIMIT $3",
        )
        .bind(&after)
        .bind(kek_column(primary))
        .bind(PAGE)
        .fetch_all(&db.pool)
        .await?;
        let Some((last, _)) = rows.last() else {
            break;
        };
        after = last.clone();
        let mut tx = db.begin_write().await?;
        let mut wraps = 0;
        for (user, wrapped) in &rows {
            let (new, kek) = keys.rewrap(user, wrapped)?;
            wraps += u64::from(kek == primary && new != *wrapped);
            // Unchanged meanwhile only: an erasure or another instance's rewrap wins.
            sqlx::query("UPDATE data_keys SET wrapped = $1, kek_id = $2 WHERE user_id = $3 AND wrapped = $4")
                .bind(&new)
                .bind(kek_column(kek))
                .bind(user)
                .bind(wrapped)
                .execute(&mut *tx)
                .await?;
        }
        keys.record_wraps(&mut tx, primary, wraps).await?;
        tx.commit().await?;
        rewrapped += wraps;
        if rows.len() < usize::try_from(PAGE).unwrap_or(usize::MAX) {
            break;
        }
    }
    let system: Option<String> = sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = 'system_data_key'")
        .fetch_optional(&db.pool)
        .await?;
    if let Some(wrapped) = system {
        let (new, kek) = keys.rewrap(SYSTEM_USER, &wrapped)?;
        if new != wrapped {
            let mut tx = db.begin_write().await?;
            sqlx::query("UPDATE server_secrets SET value = $1 WHERE name = 'system_data_key' AND value = $2")
                .bind(&new)
                .bind(&wrapped)
                .execute(&mut *tx)
                .await?;
            keys.record_wraps(&mut tx, kek, 1).await?;
            tx.commit().await?;
            rewrapped += 1;
        }
    }
    Ok(rewrapped)
}

/// Whether the system data key is still wrapped by `kek`.
async fn system_key_under(db: &Db, kek: KeyId) -> ApiResult<bool> {
    let system: Option<String> = sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = 'system_data_key'")
        .fetch_optional(&db.pool)
        .await?;
    Ok(match system {
        Some(text) => cesizen_crypto::WrappedDataKey::from_text(&text)?.kek_id() == kek,
        None => false,
    })
}
