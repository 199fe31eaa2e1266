//! `cesizen-server backup FILE`: an encrypted logical backup, without the data keys.
//!
//! The plan asks for encrypted backups; `cesizen-crypto`'s streaming AEAD does the encryption (64 KiB segments
//! under the keyring's primary key: truncation, reordering and splicing fail). The content is one JSON object per
//! line, `{"table": …, "row": {column: value}}`, for every table but two:
//!
//! - `data_keys`, the users' wrapped data keys: a backup never holds them, so erasing a user (deleting the
//!   user's key from the live table) makes every backup taken before unreadable for that user too — the
//!   crypto-shredding rule of `cesizen-crypto`. Backups are read against the live key table;
//! - `sessions`, which are worth nothing after a restore.
//!
//! Raw copies of the database file (or `pg_dump` without `--exclude-table=data_keys`) do hold the wrapped data
//! keys, and so defeat crypto-shredding: they are not backups in this design.

use std::io::Write;

use serde_json::{Map, Value};
use sqlx::{Column, Row};

use crate::config::Config;

/// The tables written, in an order that a restore could replay (parents first).
pub const BACKED_UP_TABLES: &[&str] = &[
    "server_secrets",
    "users",
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

/// Writes the backup to `path`.
pub async fn write(config: Config, path: &str) -> Result<(), String> {
    let (db, keys) = crate::open(&config).await?;
    let file = std::fs::File::create(path).map_err(|e| format!("cannot create {path}: {}", e.kind()))?;
    let mut writer = keys
        .keyring()
        .stream_writer(std::io::BufWriter::new(file))
        .map_err(|e| e.code().to_owned())?;
    let mut rows = 0u64;
    for table in BACKED_UP_TABLES {
        // The table names are the constants above, never input.
        let all = sqlx::query(&format!("SELECT * FROM {table}"))
            .fetch_all(&db.pool)
            .await
            .map_err(|e| e.to_string())?;
        for row in all {
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
            let line = serde_json::json!({"table": table, "row": object});
            serde_json::to_writer(&mut writer, &line).map_err(|e| e.to_string())?;
            writer.write_all(b"\n").map_err(|e| e.kind().to_string())?;
            rows += 1;
        }
    }
    let mut inner = writer.finish().map_err(|e| e.kind().to_string())?;
    inner.flush().map_err(|e| e.kind().to_string())?;
    inner
        .into_inner()
        .map_err(|e| e.error().kind().to_string())?
        .sync_all()
        .map_err(|e| e.kind().to_string())?;
    tracing::info!(rows, "backup written");
    Ok(())
}
