//! The database: one `sqlx` `Any` pool over SQLite or PostgreSQL, the embedded migrations, and time columns.
//!
//! **Why `Any`.** Every query is written once, with `$1…` placeholders, which both drivers accept, and only
//! TEXT / BIGINT / DOUBLE PRECISION columns, which both store alike. Two typed pools would double every query
//! for no gain at this size. Every value reaches the database as a bound parameter: no SQL is ever built from
//! input.
//!
//! **Durability.** SQLite runs in WAL mode with `synchronous = FULL` (sqlx's default), so a transaction that
//! committed before the HTTP response is on disk when the process is killed; PostgreSQL keeps its defaults
//! (`fsync`, `synchronous_commit` on). Write transactions on SQLite begin `IMMEDIATE`, taking the write lock
//! first, so a transaction that reads then writes cannot fail half-way on a busy database.
//!
//! **SQLite's write tail.** SQLite has one writer at a time. With every pooled connection free to write, the
//! losers of the write lock wait in SQLite's busy handler, which sleeps and retries with growing naps (up to
//! 100 ms each): at saturation p99 reached hundreds of milliseconds. Write transactions therefore run on a
//! pool of one connection, [`Db::writer`], where they queue in order and are woken as soon as the writer is
//! free; readers keep their own pool (WAL: they never block the writer nor wait for it). And the WAL is no
//! longer checkpointed by whichever commit crosses 1,000 pages (`wal_autocheckpoint = 0`) but every
//! half-second by a background task ([`Db::checkpoints`]). Durability is unchanged: `synchronous = FULL`, each
//! commit syncs the WAL before the answer.

use std::borrow::Cow;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{Any, AnyPool, Transaction};

/// The database the pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// The pool and what it talks to.
#[derive(Clone)]
pub struct Db {
    /// The connection pool.
    pub pool: AnyPool,
    /// Where write transactions run: on SQLite a pool of one connection, the single writer; on PostgreSQL
    /// the pool itself.
    pub writer: AnyPool,
    /// SQLite or PostgreSQL.
    pub backend: Backend,
}

/// How often the SQLite WAL is checkpointed in the background.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);

/// The migrations, embedded in the binary so that one file is all a deployment needs.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("../migrations/0001_initial.sql")),
    (2, "operations", include_str!("../migrations/0002_operations.sql")),
    (3, "gdpr_keys", include_str!("../migrations/0003_gdpr_keys.sql")),
];

/// What a migration adds on one database only (triggers, whose syntax differs), appended to its common text:
/// (version, SQLite text, PostgreSQL text).
const PER_BACKEND: &[(i64, &str, &str)] = &[(
    3,
    include_str!("../migrations/0003_gdpr_keys.sqlite.sql"),
    include_str!("../migrations/0003_gdpr_keys.postgres.sql"),
)];

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`) and applies the migrations.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let options = AnyPoolOptions::new()
            .max_connections(match backend {
                // One writer at a time anyway; a few readers alongside it in WAL mode.
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10));
        let options = match backend {
            // Checkpoints leave the request path: `checkpoints` runs them in the background.
            Backend::Sqlite => options.after_connect(|conn, _| {
                Box::pin(async move {
                    sqlx::query("PRAGMA wal_autocheckpoint = 0").execute(&mut *conn).await?;
                    Ok(())
                })
            }),
            Backend::Postgres => options,
        };
        let pool = options.clone().connect(url).await?;
        if backend == Backend::Sqlite {
            // Persistent in the file: readers no longer block the writer.
            sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
        }
        let writer = match backend {
            Backend::Sqlite => options.max_connections(1).connect(url).await?,
            Backend::Postgres => pool.clone(),
        };
        let db = Db { pool, writer, backend };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), sqlx::Error> {
        let migrations = MIGRATIONS
            .iter()
            .map(|(version, name, sql)| {
                let sql = match PER_BACKEND.iter().find(|(v, ..)| v == version) {
                    Some((_, sqlite, postgres)) => Cow::Owned(format!(
                        "{sql}\n{}",
                        if self.backend == Backend::Sqlite {
                            sqlite
                        } else {
                            postgres
                        }
                    )),
                    None => Cow::Borrowed(*sql),
                };
                Migration::new(*version, Cow::Borrowed(*name), MigrationType::Simple, sql, false)
            })
            .collect::<Vec<_>>();
        let migrator = Migrator {
            migrations: Cow::Owned(migrations),
            ..Migrator::DEFAULT
        };
        // PostgreSQL: the migrator takes an advisory lock, so instances starting together migrate once.
        migrator
            .run(&self.pool)
            .await
            .map_err(|e| sqlx::Error::Migrate(Box::new(e)))
    }

    /// Begins a transaction that will write.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.writer.begin().await,
        }
    }

    /// Checkpoints the SQLite WAL every [`CHECKPOINT_EVERY`] until shutdown (nothing to do on PostgreSQL).
    /// `PASSIVE` copies what it can without waiting for readers or blocking the writer, off the request path.
    pub async fn checkpoints(self, mut shutdown: tokio::sync::watch::Receiver<bool>) {
        if self.backend != Backend::Sqlite {
            return;
        }
        let mut ticker = tokio::time::interval(CHECKPOINT_EVERY);
        loop {
            tokio::select! {
                _ = ticker.tick() => {}
                _ = shutdown.changed() => return,
            }
            if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&self.pool).await {
                tracing::warn!(error = %e, "WAL checkpoint failed");
            }
        }
    }
}

/// A time as stored: microseconds since the Unix epoch.
pub fn micros(at: DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

/// A stored time back; out-of-range values (never written by the server) read as the epoch.
pub fn from_micros(value: i64) -> DateTime<Utc> {
    Utc.timestamp_micros(value).single().unwrap_or_default()
}

/// `at` truncated to the microsecond, the precision of the time columns (and of PostgreSQL).
pub fn to_stored_precision(at: DateTime<Utc>) -> DateTime<Utc> {
    from_micros(micros(at))
}
