//! `cesizen-server restore FILE`: a whole deployment back from a backup and key custody, erasures replayed.
//!
//! The target is the database the settings name (`DATABASE_URL`, or the SQLite file of the data directory),
//! which must be empty: a fresh SQLite file or a fresh PostgreSQL database. The root key file and the key
//! directory must be the deployment's (they are not in the backup).
//!
//! 1. **Verify** the whole backup before touching anything: every segment authenticates under a KEK custody
//!    holds, the header names this format, every line is a row of a known table, and the end's row count
//!    matches. A refusal leaves the target as it was (a SQLite file is not even created).
//! 2. **Insert** every row in one transaction, on a target found empty.
//! 3. **Replay erasures**: every account of the erasure log ([`crate::tombstones`]) found in the backup is
//!    deleted in every category, data key last, in the same transaction, and the restore is recorded in the
//!    audit trail (`backup.restored`, with the count of erasures replayed). So a restore never resurrects an
//!    erased person, and either all of it commits or nothing does.
//!
//! Refusals are typed ([`RestoreError::code`]): `restore.backup.unreadable` (truncated, altered, or sealed
//! by another deployment's keys: the stream cannot tell which, on purpose), `restore.backup.key_unavailable`
//! (its KEK is not in custody: destroyed at the end of the backup retention, or foreign),
//! `restore.backup.format_unsupported`, `restore.backup.invalid`, `restore.target.not_empty`,
//! `restore.keys.unavailable`, `restore.database.failed`.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};

use cesizen_crypto::{Error as CryptoError, KeyId, Keyring, WrappedDataKey};
use cesizen_gdpr::audit::{AuditAction, AuditEvent};
use serde_json::{Map, Value};
use sqlx::AnyConnection;

use crate::backup::{BACKED_UP_TABLES, FORMAT};
use crate::config::Config;
use crate::custody::{KeyCustody, KeyDirectory};
use crate::db::Db;
use crate::keys::{SYSTEM_USER, email_lookup, lookup_pseudonymiser, read_root};
use crate::tombstones::ErasureLog;

/// Why a restore was refused.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The stream does not authenticate.
    #[error("the backup does not authenticate: truncated, altered, or sealed by another deployment's keys")]
    Unreadable,
    /// Its KEK is not in custody.
    #[error(
        "the key that sealed the backup (KEK {0}) is not in key custody: destroyed when the backup expired, or another deployment's"
    )]
    KeyUnavailable(KeyId),
    /// Not this format.
    #[error("the backup is not a {FORMAT} backup")]
    FormatUnsupported,
    /// Authenticated, but not what this server writes.
    #[error("the backup's content is invalid at line {0}")]
    Invalid(u64),
    /// The target holds data.
    #[error("the target database is not empty (table {0}): restore into a fresh database")]
    TargetNotEmpty(&'static str),
    /// The root key or the custody cannot be read.
    #[error("the deployment's keys are unavailable: {0}")]
    Keys(String),
    /// The database failed.
    #[error("the target database failed: {0}")]
    Database(String),
}

impl RestoreError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            RestoreError::Unreadable => "restore.backup.unreadable",
            RestoreError::KeyUnavailable(_) => "restore.backup.key_unavailable",
            RestoreError::FormatUnsupported => "restore.backup.format_unsupported",
            RestoreError::Invalid(_) => "restore.backup.invalid",
            RestoreError::TargetNotEmpty(_) => "restore.target.not_empty",
            RestoreError::Keys(_) => "restore.keys.unavailable",
            RestoreError::Database(_) => "restore.database.failed",
        }
    }
}

impl From<sqlx::Error> for RestoreError {
    fn from(e: sqlx::Error) -> Self {
        RestoreError::Database(e.to_string())
    }
}

impl From<crate::error::ApiError> for RestoreError {
    fn from(e: crate::error::ApiError) -> Self {
        RestoreError::Database(e.code().to_owned())
    }
}

/// The command: restores `path` and prints a one-line summary; a refusal names its code.
pub async fn run(config: Config, path: &str) -> Result<(), String> {
    match restore(&config, path).await {
        Ok(summary) => {
            println!("{summary}");
            Ok(())
        }
        Err(e) => Err(format!("restore refused: {e} [{}]", e.code())),
    }
}

/// What a restore did.
struct Summary {
    rows: u64,
    replayed: u64,
    taken_at: String,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let json = serde_json::json!({
            "restored": self.rows,
            "erasuresReplayed": self.replayed,
            "takenAt": self.taken_at,
        });
        write!(f, "{json}")
    }
}

/// One row of the backup.
struct Line {
    table: &'static str,
    row: Map<String, Value>,
}

async fn restore(config: &Config, path: &str) -> Result<Summary, RestoreError> {
    let root = read_root(&config.key_file).map_err(|e| RestoreError::Keys(e.to_string()))?;
    let custody = KeyDirectory::open(&config.key_dir).map_err(|e| RestoreError::Keys(e.to_string()))?;
    let records: Vec<Vec<u8>> = custody
        .records()
        .map_err(|e| RestoreError::Keys(e.to_string()))?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let (keyring, _) = Keyring::from_custody(&records, &root).map_err(|e| RestoreError::Keys(e.code().to_owned()))?;
    let tombstones = ErasureLog::in_dir(&config.key_dir)
        .read()
        .map_err(|e| RestoreError::Keys(e.to_string()))?;

    // 1. Verify everything before the target is touched.
    let mut backup = Backup::open(&keyring, path)?;
    while backup.next_row()?.is_some() {}

    // 2. and 3. One transaction on an empty target.
    let db = Db::connect(&config.database_url, config.sqlite_synchronous).await?;
    for table in BACKED_UP_TABLES
        .iter()
        .filter(|t| !matches!(**t, "counters" | "key_usage"))
    {
        let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&db.pool)
            .await?;
        if count > 0 {
            return Err(RestoreError::TargetNotEmpty(table));
        }
    }
    let mut tx = db.begin_write().await?;
    let mut backup = Backup::open(&keyring, path)?;
    while let Some(line) = backup.next_row()? {
        insert(&mut tx, &line).await?;
    }
    let inserted = backup.rows;
    let replayed = replay(&mut tx, &keyring, &tombstones).await?;
    let head = crate::audit::lock_head(&mut tx).await?;
    let now = crate::db::to_stored_precision(chrono::Utc::now());
    let event = AuditEvent::new("system", AuditAction::BackupRestored)
        .and_then(|e| e.detail("takenAt", &backup.taken_at))
        .and_then(|e| e.detail("rows", &inserted.to_string()))
        .and_then(|e| e.detail("erasuresReplayed", &replayed.to_string()))
        .map_err(|e| RestoreError::Database(e.code().to_owned()))?;
    let entry = head
        .link(head.time_for(now), event)
        .map_err(|e| RestoreError::Database(e.code().to_owned()))?;
    crate::audit::store(&mut tx, &entry).await?;
    tx.commit().await?;
    db.truncate_wal().await;
    tracing::info!(rows = inserted, replayed, "backup restored");
    Ok(Summary {
        rows: inserted,
        replayed,
        taken_at: backup.taken_at,
    })
}

/// A backup being read: its header checked, then its rows one by one, then its end.
struct Backup {
    lines: std::io::Lines<BufReader<cesizen_crypto::StreamReader<std::fs::File>>>,
    number: u64,
    rows: u64,
    taken_at: String,
}

impl Backup {
    /// Opens `path` with the KEK its stream names and checks the header line.
    fn open(keyring: &Keyring, path: &str) -> Result<Backup, RestoreError> {
        let file =
            std::fs::File::open(path).map_err(|e| RestoreError::Keys(format!("cannot read {path}: {}", e.kind())))?;
        let reader = keyring.stream_reader(file).map_err(|e| stream_error(&e))?;
        let mut backup = Backup {
            lines: BufReader::new(reader).lines(),
            number: 0,
            rows: 0,
            taken_at: String::new(),
        };
        let header = backup.next_value()?.ok_or(RestoreError::FormatUnsupported)?;
        if header.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(RestoreError::FormatUnsupported);
        }
        backup.taken_at = header
            .get("takenAt")
            .and_then(Value::as_str)
            .ok_or(RestoreError::Invalid(1))?
            .to_owned();
        Ok(backup)
    }

    fn next_value(&mut self) -> Result<Option<Value>, RestoreError> {
        match self.lines.next() {
            None => Ok(None),
            Some(Err(e)) => Err(CryptoError::from_io(&e).map_or(RestoreError::Unreadable, stream_error)),
            Some(Ok(text)) => {
                self.number += 1;
                serde_json::from_str(&text)
                    .map(Some)
                    .map_err(|_| RestoreError::Invalid(self.number))
            }
        }
    }

    /// The next row, or `None` at the end, once the end line's count matched and nothing follows it.
    fn next_row(&mut self) -> Result<Option<Line>, RestoreError> {
        let value = self.next_value()?.ok_or(RestoreError::Unreadable)?;
        if let Some(end) = value.get("end") {
            let number = self.number;
            if end.get("rows").and_then(Value::as_u64) != Some(self.rows) || self.next_value()?.is_some() {
                return Err(RestoreError::Invalid(number));
            }
            return Ok(None);
        }
        self.rows += 1;
        line(&value).map(Some).ok_or(RestoreError::Invalid(self.number))
    }
}

/// A row line, checked: a known table, plain column names, and scalar values.
fn line(value: &Value) -> Option<Line> {
    let table = value.get("table")?.as_str()?;
    let table = *BACKED_UP_TABLES.iter().find(|t| **t == table)?;
    let row = value.get("row")?.as_object()?.clone();
    let plain = |name: &str| {
        !name.is_empty()
            && name.len() <= 63
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    let scalars = row
        .iter()
        .all(|(k, v)| plain(k) && (v.is_null() || v.is_string() || v.is_i64() || v.is_f64()));
    (scalars && !row.is_empty()).then_some(Line { table, row })
}

fn stream_error(e: &CryptoError) -> RestoreError {
    match e {
        CryptoError::KeyNotFound(id) | CryptoError::KeyDestroyed(id) | CryptoError::KeyDisabled(id) => {
            RestoreError::KeyUnavailable(*id)
        }
        CryptoError::VersionUnsupported(_) => RestoreError::FormatUnsupported,
        _ => RestoreError::Unreadable,
    }
}

/// Inserts one row; the `counters` rows the migrations created are overwritten with the backup's values.
async fn insert(conn: &mut AnyConnection, line: &Line) -> Result<(), RestoreError> {
    let present: Vec<(&String, &Value)> = line.row.iter().filter(|(_, v)| !v.is_null()).collect();
    let columns = present.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(", ");
    let params = (1..=present.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    // The table is one of the constants; the column names were checked to be plain identifiers, and an unknown
    // one fails in the database.
    let mut sql = format!("INSERT INTO {} ({columns}) VALUES ({params})", line.table);
    if line.table == "counters" {
        sql.push_str(" ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    }
    let mut query = sqlx::query(&sql);
    for (_, value) in &present {
        query = match value {
            Value::String(text) => query.bind(text.clone()),
            Value::Number(n) => match n.as_i64() {
                Some(i) => query.bind(i),
                None => query.bind(n.as_f64().unwrap_or_default()),
            },
            _ => query,
        };
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// Erases, in the restored data, every account of the erasure log; returns how many were found.
async fn replay(
    conn: &mut AnyConnection,
    keyring: &Keyring,
    tombstones: &[crate::tombstones::Tombstone],
) -> Result<u64, RestoreError> {
    if tombstones.is_empty() {
        return Ok(0);
    }
    let secrets: HashMap<String, String> =
        sqlx::query_as::<_, (String, String)>("SELECT name, value FROM server_secrets")
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    let system = secrets
        .get("system_data_key")
        .ok_or(RestoreError::Invalid(0))
        .and_then(|w| WrappedDataKey::from_text(w).map_err(|_| RestoreError::Invalid(0)))
        .and_then(|w| keyring.unwrap_data_key(SYSTEM_USER, &w).map_err(|e| stream_error(&e)))?;
    let pseudonymiser = lookup_pseudonymiser(
        &system,
        secrets.get("email_lookup_secret").ok_or(RestoreError::Invalid(0))?,
    )
    .map_err(|e| RestoreError::Keys(e.to_string()))?;
    let mut replayed = 0;
    for tombstone in tombstones {
        let id = tombstone.user.to_string();
        let wrapped: Option<String> = sqlx::query_scalar("SELECT wrapped FROM data_keys WHERE user_id = $1")
            .bind(&id)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(wrapped) = wrapped else { continue };
        let key = WrappedDataKey::from_text(&wrapped)
            .map_err(|_| RestoreError::Invalid(0))
            .and_then(|w| keyring.unwrap_data_key(&id, &w).map_err(|e| stream_error(&e)))?;
        let user = crate::users::load(&mut *conn, &key, tombstone.user).await;
        let lookup = match user {
            Ok(user) => email_lookup(&pseudonymiser, user.email())?,
            Err(_) => String::new(), // no profile left: nothing is keyed by its address either
        };
        drop(key);
        crate::gdpr::delete_account(&mut *conn, &id, &lookup).await?;
        sqlx::query("DELETE FROM data_keys WHERE user_id = $1")
            .bind(&id)
            .execute(&mut *conn)
            .await?;
        replayed += 1;
    }
    Ok(replayed)
}
