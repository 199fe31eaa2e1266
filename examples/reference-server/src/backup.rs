//! `cesizen-server backup FILE`: an encrypted logical backup that, with key custody, restores a lost database.
//!
//! **Format** (`cesizen.server-backup.v2`): a `cesizen-crypto` backup stream (64 KiB segments under the primary
//! KEK: truncation, reordering, splicing and bit flips fail) whose content is one JSON object per line:
//!
//! 1. the header, `{"format": "cesizen.server-backup.v2", "takenAt": RFC 3339, "kek": id}`;
//! 2. `{"table": name, "row": {column: value}}` for every row of [`BACKED_UP_TABLES`], read in one snapshot of
//!    the database; values are JSON strings, integers, floats or null, as stored;
//! 3. the end, `{"end": {"rows": n}}`.
//!
//! **What it holds.** Everything a deployment needs but its keys: the users' *wrapped* data keys
//! (`data_keys`) and the server's wrapped secrets, never a KEK nor the root key — those stay in key custody
//! ([`crate::custody`]). A backup plus the custody restores the deployment (`cesizen-server restore`); a
//! backup alone is ciphertext. Sessions are left out (worthless after a restore).
//!
//! **Erasure reaches backups** through the key epochs ([`crate::epochs`]): a backup is sealed under the
//! primary KEK and its data keys are wrapped by it; that KEK is destroyed when the backup retention has passed
//! since it retired, and with it every backup it sealed and every erased person's key in them. Before reading,
//! the command rewraps data keys still under an older KEK, so that the backup depends on its own KEK only.
//! A restore replays the erasures recorded since ([`crate::tombstones`]).

use std::io::Write;

use chrono::SecondsFormat;
use futures_util::TryStreamExt;
use serde_json::{Map, Value};
use sqlx::{Column, Row};

use crate::config::Config;

/// The format written, and the one a restore reads.
pub const FORMAT: &str = "cesizen.server-backup.v2";

/// The tables written, parents first (the order a restore inserts them in).
pub const BACKED_UP_TABLES: &[&str] = &[
    "server_secrets",
    "users",
    "data_keys",
    "single_use_tokens",
    "login_attempts",
    "practice_sessions",
    "journal_entries",
    "anonymised_journal_entries",
    "consents",
    "gdpr_requests",
    "counters",
    "incidents",
    "outages",
    "key_usage",
    "audit_trail",
    "erasure_certificates",
];

/// Writes the backup to `path` (written aside, renamed into place once complete and synced).
pub async fn write(config: Config, path: &str) -> Result<(), String> {
    let (db, keys) = crate::open(&config).await?;
    crate::epochs::rewrap_all(&db, &keys)
        .await
        .map_err(|e| format!("cannot rewrap the data keys first [{}]", e.code()))?;
    let aside = format!("{path}.partial");
    let file = std::fs::File::create(&aside).map_err(|e| format!("cannot create {aside}: {}", e.kind()))?;
    let (mut writer, kek) = keys
        .backup_writer(std::io::BufWriter::new(file))
        .map_err(|e| e.code().to_owned())?;
    let line = |value: &Value, writer: &mut cesizen_crypto::StreamWriter<_>| -> Result<(), String> {
        serde_json::to_writer(&mut *writer, value).map_err(|e| e.to_string())?;
        writer.write_all(b"\n").map_err(|e| e.kind().to_string())
    };
    let taken_at = crate::db::to_stored_precision(chrono::Utc::now());
    line(
        &serde_json::json!({
            "format": FORMAT,
            "takenAt": taken_at.to_rfc3339_opts(SecondsFormat::Micros, true),
            "kek": kek.get(),
        }),
        &mut writer,
    )?;
    let mut rows = 0u64;
    let mut snapshot = db.begin_snapshot().await.map_err(|e| e.to_string())?;
    for table in BACKED_UP_TABLES {
        // The table names are the constants above, never input.
        let sql = format!("SELECT * FROM {table}");
        let mut stream = sqlx::query(&sql).fetch(&mut *snapshot);
        while let Some(row) = stream.try_next().await.map_err(|e| e.to_string())? {
            let mut object = Map::new();
            for (i, column) in row.columns().iter().enumerate() {
                let value = if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
                    v.map_or(Value::Null, Value::from)
                } else if let Ok(v) = row.try_get::<Option<String>, _>(i) {
                    v.map_or(Value::Null, Value::from)
                } else if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
                    v.map_or(Value::Null, Value::from)
                } else {
                    Value::Null
                };
                object.insert(column.name().to_owned(), value);
            }
            line(&serde_json::json!({"table": table, "row": object}), &mut writer)?;
            rows += 1;
        }
    }
    snapshot.commit().await.map_err(|e| e.to_string())?;
    line(&serde_json::json!({"end": {"rows": rows}}), &mut writer)?;
    let mut inner = writer.finish().map_err(|e| e.kind().to_string())?;
    inner.flush().map_err(|e| e.kind().to_string())?;
    inner
        .into_inner()
        .map_err(|e| e.error().kind().to_string())?
        .sync_all()
        .map_err(|e| e.kind().to_string())?;
    std::fs::rename(&aside, path).map_err(|e| format!("cannot move the backup into {path}: {}", e.kind()))?;
    tracing::info!(rows, kek = kek.get(), "backup written");
    Ok(())
}
