//! One key epoch turn over 1 million data keys, each part beside a reference measured in the same run:
//!
//! - **the crypto of a turn**: `Keyring::rewrap_data_key` of 1,000,000 wrapped data keys (unwrap under the old
//!   KEK, wrap under the new primary), against the floor of one raw AES-256-GCM open and one seal of the same
//!   36-byte payload with the same associated data (`aes-gcm`, the backend the SDK uses by default);
//! - **the turn as the reference server runs it on SQLite** (`examples/reference-server/src/epochs.rs`: pages of
//!   500 rows read by `kek_id`, rewrapped, each row updated only if unchanged, one transaction per page), against
//!   the same statements writing each row back unchanged (the database's own cost of touching every row).
//!   Rows written: one `data_keys` update per surviving user, plus one `key_usage` update per page.
//!
//! `cargo bench -p cesizen-benches --bench key_epochs`

use std::hint::black_box;
use std::time::{Duration, Instant};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use cesizen::crypto::{Keyring, WrappedDataKey};
use criterion::{Criterion, Throughput};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};

const KEYS: usize = 1_000_000;
const PAGE: i64 = 500;

fn user(i: usize) -> String {
    format!("0190c0de-7e57-7000-8000-{i:012x}")
}

/// `u32_be(len) ‖ bytes`.
fn lp(out: &mut Vec<u8>, part: &[u8]) {
    out.extend_from_slice(&u32::try_from(part.len()).expect("short").to_be_bytes());
    out.extend_from_slice(part);
}

/// The associated data of a wrapped data key: header (version, KEK id), then the `data-key` context.
fn wrap_aad(kek: u32, user: &str) -> Vec<u8> {
    let mut aad = vec![1];
    aad.extend_from_slice(&kek.to_be_bytes());
    lp(&mut aad, b"data-key");
    lp(&mut aad, user.as_bytes());
    aad
}

fn crypto(c: &mut Criterion) {
    let mut keyring = Keyring::generate().expect("keyring");
    let wrapped: Vec<(String, WrappedDataKey)> = (0..KEYS)
        .map(|i| {
            let user = user(i);
            let (_, w) = keyring.generate_data_key(&user).expect("data key");
            (user, w)
        })
        .collect();
    keyring.begin_epoch().expect("epoch");

    let old = Aes256Gcm::new_from_slice(&[0x11; 32]).expect("key");
    let new = Aes256Gcm::new_from_slice(&[0x22; 32]).expect("key");
    let raw: Vec<(Vec<u8>, Vec<u8>)> = (0..KEYS)
        .map(|i| {
            let aad = wrap_aad(1, &user(i));
            let sealed = old
                .encrypt(
                    &Nonce::from([7u8; 12]),
                    Payload {
                        msg: &[0x5a; 36],
                        aad: &aad,
                    },
                )
                .expect("seal");
            (aad, sealed)
        })
        .collect();

    let mut group = c.benchmark_group("epoch_turn_1m_keys");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(KEYS as u64));
    group.bench_function("cesizen_rewrap_data_key", |b| {
        b.iter(|| {
            for (user, w) in &wrapped {
                black_box(keyring.rewrap_data_key(user, w).expect("rewrap"));
            }
        });
    });
    group.bench_function("raw_aes_gcm_open_then_seal", |b| {
        b.iter(|| {
            for (i, (aad, sealed)) in raw.iter().enumerate() {
                let plain = old
                    .decrypt(&Nonce::from([7u8; 12]), Payload { msg: sealed, aad })
                    .expect("open");
                let mut nonce = [0u8; 12];
                nonce[..8].copy_from_slice(&(i as u64).to_be_bytes());
                black_box(
                    new.encrypt(&Nonce::from(nonce), Payload { msg: &plain, aad })
                        .expect("seal"),
                );
            }
        });
    });
    group.finish();
}

/// A SQLite file holding `KEYS` data keys wrapped under the keyring's primary, as the server stores them.
async fn database(keyring: &Keyring, path: &std::path::Path) -> SqlitePool {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Full)
        .pragma("secure_delete", "ON");
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .expect("sqlite");
    for sql in [
        "CREATE TABLE data_keys (user_id TEXT PRIMARY KEY, wrapped TEXT NOT NULL, messages_sealed BIGINT NOT NULL DEFAULT 0, kek_id BIGINT)",
        "CREATE INDEX data_keys_kek ON data_keys (kek_id)",
        "CREATE TABLE key_usage (name TEXT PRIMARY KEY, messages_sealed BIGINT NOT NULL)",
    ] {
        sqlx::query(sql).execute(&pool).await.expect("schema");
    }
    let kek = i64::from(keyring.primary_id().get());
    for chunk in (0..KEYS).collect::<Vec<_>>().chunks(10_000) {
        let mut tx = pool.begin().await.expect("tx");
        for i in chunk {
            let user = user(*i);
            let (_, w) = keyring.generate_data_key(&user).expect("data key");
            sqlx::query("INSERT INTO data_keys (user_id, wrapped, kek_id) VALUES ($1, $2, $3)")
                .bind(&user)
                .bind(w.to_text())
                .bind(kek)
                .execute(&mut *tx)
                .await
                .expect("insert");
        }
        tx.commit().await.expect("commit");
    }
    pool
}

/// One turn as `epochs.rs` runs it: every row not under the primary, a page at a time; `rewrap` gives the new
/// text (the reference gives the old one back). Returns the rows written.
async fn turn(pool: &SqlitePool, keyring: &Keyring, rewrap: bool) -> u64 {
    let primary = i64::from(keyring.primary_id().get());
    let mut written = 0;
    let mut after = String::new();
    loop {
        let rows = sqlx::query(
            "SELECT user_id, wrapped FROM data_keys WHERE user_id > $1 AND (kek_id IS NULL OR kek_id <> $2) \
             ORDER BY user_id LIMIT $3",
        )
        .bind(&after)
        .bind(primary)
        .bind(PAGE)
        .fetch_all(pool)
        .await
        .expect("page");
        let Some(last) = rows.last() else {
            return written;
        };
        after = last.get(0);
        let mut tx = pool.begin().await.expect("tx");
        for row in &rows {
            let user: String = row.get(0);
            let wrapped: String = row.get(1);
            let new = if rewrap {
                keyring
                    .rewrap_data_key(&user, &WrappedDataKey::from_text(&wrapped).expect("wrapped"))
                    .expect("rewrap")
                    .to_text()
            } else {
                wrapped.clone()
            };
            sqlx::query("UPDATE data_keys SET wrapped = $1, kek_id = $2 WHERE user_id = $3 AND wrapped = $4")
                .bind(&new)
                .bind(primary)
                .bind(&user)
                .bind(&wrapped)
                .execute(&mut *tx)
                .await
                .expect("update");
            written += 1;
        }
        sqlx::query(
            "INSERT INTO key_usage (name, messages_sealed) VALUES ('kek', $1) ON CONFLICT (name) DO UPDATE \
             SET messages_sealed = key_usage.messages_sealed + excluded.messages_sealed",
        )
        .bind(i64::try_from(rows.len()).expect("small"))
        .execute(&mut *tx)
        .await
        .expect("usage");
        written += 1;
        tx.commit().await.expect("commit");
    }
}

/// The SQLite turn, three times each way, each on a fresh copy of one database of `KEYS` keys; prints min and
/// median.
fn sqlite_turn() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = std::env::temp_dir().join(format!("cesizen-epoch-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut keyring = Keyring::generate().expect("keyring");
    let original = dir.join("original.db");
    let pool = runtime.block_on(database(&keyring, &original));
    runtime.block_on(async {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&pool)
            .await
            .expect("checkpoint");
        pool.close().await;
    });
    keyring.begin_epoch().expect("epoch");
    let (mut with_crypto, mut reference) = (Vec::new(), Vec::new());
    let mut rows = 0;
    for run in 0..3 {
        for rewrap in [true, false] {
            let path = dir.join(format!("run-{run}-{rewrap}.db"));
            std::fs::copy(&original, &path).expect("copy");
            let options = SqliteConnectOptions::new()
                .filename(&path)
                .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sqlx::sqlite::SqliteSynchronous::Full)
                .pragma("secure_delete", "ON");
            let pool = runtime
                .block_on(SqlitePoolOptions::new().max_connections(1).connect_with(options))
                .expect("sqlite");
            let start = Instant::now();
            rows = runtime.block_on(turn(&pool, &keyring, rewrap));
            let took = start.elapsed();
            runtime.block_on(pool.close());
            let _ = std::fs::remove_file(&path);
            if rewrap {
                with_crypto.push(took);
            } else {
                reference.push(took);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let stats = |v: &mut Vec<Duration>| {
        v.sort();
        (v[0], v[v.len() / 2])
    };
    let (turn_min, turn_median) = stats(&mut with_crypto);
    let (ref_min, ref_median) = stats(&mut reference);
    println!(
        "epoch turn on SQLite, {KEYS} data keys, {rows} rows written: turn min {turn_min:.2?} median {turn_median:.2?}; \
         reference (same statements, no crypto) min {ref_min:.2?} median {ref_median:.2?}; ratio (medians) {:.2}",
        turn_median.as_secs_f64() / ref_median.as_secs_f64()
    );
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    crypto(&mut criterion);
    criterion.final_summary();
    if std::env::args().any(|a| a == "--bench") {
        sqlite_turn();
    }
}
