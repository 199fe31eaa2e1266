//! The database: one `sqlx` `Any` pool over SQLite or PostgreSQL, the embedded migrations, and time columns.
//!
//! **Why `Any`.** Every query is written once, with `$1…` placeholders, which both drivers accept, and only
//! TEXT / BIGINT / DOUBLE PRECISION columns, which both store alike. Two typed pools would double every query
//! for no gain at this size. Every value reaches the database as a bound parameter: no SQL is ever built from
//! input.
//!
//! **Durability.** PostgreSQL keeps its defaults (`fsync`, `synchronous_commit` on): a write acknowledged is on
//! disk. SQLite runs in WAL mode; its `synchronous` setting is the operator's choice
//! (`CESIZEN_SQLITE_SYNCHRONOUS`, [`Synchronous`]):
//!
//! - `full` (default): every commit syncs the WAL before the answer, so an acknowledged write survives a power
//!   cut too. This is emotional data: the default does not trade it for speed. On a quiet disk the fsync costs
//!   little (fixed 500 journal writes/s: p99 7.8 ms, README load section); on the shared 2-core reference machine
//!   it stalled now and then for hundreds of milliseconds behind other processes' I/O (p99 100–290 ms).
//! - `normal`: a commit is written to the WAL before the answer, and the WAL is synced at each checkpoint. Every
//!   acknowledged write survives the process being killed (`kill -9`), since the OS holds what was written; an
//!   OS crash or a power cut can lose the transactions since the last checkpoint (never corrupt the file).
//!   SQLite's recommended setting for WAL, for an operator who accepts that (p99 6 ms at the same rate).
//!
//! Write transactions on SQLite begin `IMMEDIATE`, taking the write lock first, so a transaction that reads then
//! writes cannot fail half-way on a busy database.
//!
//! **One SQLite writer.** SQLite has one writer at a time. With every pooled connection free to write, the
//! losers of the write lock wait in SQLite's busy handler, which sleeps and retries with growing naps (up to
//! 100 ms each): at saturation p99 reached hundreds of milliseconds. Write transactions therefore run on a pool
//! of one connection, [`Db::writer`], where they queue in order and start as soon as the writer is free;
//! readers keep their own pool (WAL: they never block the writer nor wait for it). The WAL is checkpointed by
//! SQLite itself every 1,000 pages, on the writer: a background `PASSIVE` checkpoint was tried and let the WAL
//! grow without bound under a steady stream of readers.
//!
//! **Erasure hygiene.** SQLite runs with `secure_delete` on, so that deleted rows are zeroed in the file rather
//! than left in freed pages, and an erasure ends with a `TRUNCATE` checkpoint ([`Db::truncate_wal`]) so that
//! the WAL keeps no old image of them. On PostgreSQL dead tuples, WAL archives and replicas keep old rows by
//! design: there (and for every copy anywhere) erasure is made final by the key epochs (`crate::epochs`).

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

/// SQLite's `synchronous` setting in WAL mode (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Synchronous {
    /// Commits survive the process being killed; a power cut can lose those since the last checkpoint.
    Normal,
    /// Commits survive a power cut too: one fsync per write transaction (the default).
    Full,
}

/// The migrations, embedded in the binary so that one file is all a deployment needs.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("../migrations/0001_initial.sql")),
    (2, "operations", include_str!("../migrations/0002_operations.sql")),
    (3, "gdpr_keys", include_str!("../migrations/0003_gdpr_keys.sql")),
    (4, "key_epochs", include_str!("../migrations/0004_key_epochs.sql")),
    (5, "email_changes", include_str!("../migrations/0005_email_changes.sql")),
];

/// What a migration adds on one database only (triggers, whose syntax differs), appended to its common text:
/// (version, SQLite text, PostgreSQL text).
const PER_BACKEND: &[(i64, &str, &str)] = &[(
    3,
    include_str!("../migrations/0003_gdpr_keys.sqlite.sql"),
    include_str!("../migrations/0003_gdpr_keys.postgres.sql"),
)];

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`) and applies the migrations; `synchronous` applies to
    /// SQLite only.
    pub async fn connect(url: &str, synchronous: Synchronous) -> Result<Db, sqlx::Error> {
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
            Backend::Sqlite => options.after_connect(move |conn, _| {
                Box::pin(async move {
                    let pragma = match synchronous {
                        Synchronous::Normal => "PRAGMA synchronous = NORMAL",
                        Synchronous::Full => "PRAGMA synchronous = FULL",
                    };
                    sqlx::query(pragma).execute(&mut *conn).await?;
                    // Deleted content is overwritten with zeros, not left in freed pages (erasure).
                    sqlx::query("PRAGMA secure_delete = ON").execute(&mut *conn).await?;
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

    /// After an erasure: on SQLite, copies the WAL into the database file and truncates it to zero bytes, so
    /// that the erased rows' old page images leave the WAL (`secure_delete` has already zeroed them in the
    /// pages). Readers holding an older snapshot can delay it: it is retried for about a second, then left to
    /// SQLite's own checkpoints (logged). PostgreSQL: nothing to do here; erasure there rests on key epochs.
    pub async fn truncate_wal(&self) {
        if self.backend != Backend::Sqlite {
            return;
        }
        for _ in 0..20 {
            let done: Result<(i64, i64, i64), _> = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&self.writer)
                .await;
            match done {
                Ok((0, _, _)) => return,
                Ok(_) | Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
        tracing::warn!(
            "the WAL could not be truncated after an erasure (readers kept it busy); SQLite checkpoints it later"
        );
    }

    /// Begins a read-only transaction that sees one snapshot of the database, on the readers' pool: what the
    /// GDPR export reads everything in, so that its document is the data as it was at one instant.
    ///
    /// Why it gives one snapshot:
    ///
    /// - **PostgreSQL**: `REPEATABLE READ` takes the transaction's snapshot at its first statement and every later
    ///   statement sees that snapshot: rows committed by others afterwards are invisible, rows deleted afterwards
    ///   still visible. `READ ONLY` states the intent (and refuses a write by mistake); read-only transactions
    ///   never fail with serialization errors at this level. The default, `READ COMMITTED`, takes a new snapshot
    ///   per statement, which is exactly the inconsistency avoided here.
    /// - **SQLite** (WAL mode): a transaction's first read fixes the end of the WAL it sees (its "read mark"),
    ///   and every read of the same transaction sees the database as of that point; commits by the writer go to
    ///   the WAL past the mark, unseen. Readers neither block the writer nor wait for it, and this transaction
    ///   never writes, so it is a plain deferred `BEGIN` on a reader connection, never on [`Db::writer`].
    ///
    /// The snapshot holds its connection until it is dropped or ended; on SQLite it also keeps the WAL from
    /// being checkpointed past its mark until then.
    pub async fn begin_snapshot(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        let begin = match self.backend {
            Backend::Sqlite => "BEGIN DEFERRED",
            Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        };
        self.pool.begin_with(begin).await
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`Db::begin_snapshot`] promises the export: a write the writer commits after the snapshot's first read
    /// is invisible to its later reads, and visible outside it. Always on SQLite (a file of its own); on
    /// PostgreSQL too when `CESIZEN_TEST_DATABASE_URL` names one, as the `server-postgres` suite does (there the
    /// black-box test `the_export_is_one_snapshot_even_when_a_change_commits_while_it_is_written` checks the
    /// export itself).
    #[tokio::test]
    async fn a_snapshot_does_not_see_what_the_writer_commits_after_its_first_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut urls = vec![format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("snapshot.db").display()
        )];
        urls.extend(
            std::env::var("CESIZEN_TEST_DATABASE_URL")
                .ok()
                .filter(|u| !u.is_empty()),
        );
        for url in urls {
            let db = Db::connect(&url, Synchronous::Normal).await.unwrap();
            let name = format!("snapshot-test-{:016x}", getrandom::u64().unwrap());
            let count = "SELECT COUNT(*) FROM counters WHERE name = $1";
            let mut snapshot = db.begin_snapshot().await.unwrap();
            let before: i64 = sqlx::query_scalar(count)
                .bind(&name)
                .fetch_one(&mut *snapshot)
                .await
                .unwrap();
            let mut write = db.begin_write().await.unwrap();
            sqlx::query("INSERT INTO counters (name, value) VALUES ($1, 0)")
                .bind(&name)
                .execute(&mut *write)
                .await
                .unwrap();
            write.commit().await.unwrap();
            let inside: i64 = sqlx::query_scalar(count)
                .bind(&name)
                .fetch_one(&mut *snapshot)
                .await
                .unwrap();
            let outside: i64 = sqlx::query_scalar(count).bind(&name).fetch_one(&db.pool).await.unwrap();
            assert_eq!((before, inside, outside), (0, 0, 1), "{:?}", db.backend);
            // Read only: a write by mistake is refused on PostgreSQL.
            if db.backend == Backend::Postgres {
                let refused = sqlx::query("DELETE FROM counters WHERE name = $1")
                    .bind(&name)
                    .execute(&mut *snapshot)
                    .await;
                assert!(refused.is_err());
            }
            drop(snapshot);
            sqlx::query("DELETE FROM counters WHERE name = $1")
                .bind(&name)
                .execute(&db.writer)
                .await
                .unwrap();
        }
    }
}
