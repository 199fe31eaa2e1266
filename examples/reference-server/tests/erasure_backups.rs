//! Black-box tests of what "erased" means beyond the live rows, and of backups that restore, on SQLite or on the
//! PostgreSQL of `CESIZEN_TEST_DATABASE_URL`:
//!
//! - the live SQLite file and its WAL keep no byte of an erased user's rows;
//! - a raw copy of the database taken before an erasure, with the root key and key custody as they stand once the
//!   epoch has turned and the old KEK is destroyed, opens nothing of the erased user (short epochs: the clock
//!   is the server's, the schedule compressed to seconds);
//! - a backup plus key custody restores a lost deployment, everyone reads every entry back;
//! - a restore replays the erasures made after its backup: the erased person stays erased;
//! - a truncated, tampered, foreign or wrong-version backup is refused with a typed code and the target left
//!   as it was; a non-empty target is refused.

mod common;

use std::io::Write;
use std::time::Duration;

use cesizen_crypto::{Context, Envelope, WrappedDataKey};
use common::{PASSWORD, Server, User, entry};
use serde_json::{Value, json};

/// Signs `email` in on `server`; the client, or the status when refused.
async fn sign_in(server: &Server, email: &str) -> Result<common::Client, u16> {
    let mut client = server.client();
    let (status, body) = client
        .post("/api/v1/sessions", json!({"email": email, "password": PASSWORD}))
        .await;
    if status != 201 {
        return Err(status);
    }
    client.token = Some(body["token"].as_str().expect("token").to_owned());
    Ok(client)
}

/// The notes of every journal entry the client reads back, sorted.
async fn notes(client: &common::Client) -> Vec<String> {
    let (status, entries) = client.get("/api/v1/journal-entries?limit=1000").await;
    assert_eq!(status, 200, "{entries}");
    let mut notes: Vec<String> = entries
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| e["note"].as_str().unwrap_or_default().to_owned())
        .collect();
    notes.sort();
    notes
}

/// A user with `n` journal entries whose notes name them.
async fn writer(server: &Server, n: usize) -> (User, Vec<String>) {
    let user = server.user().await;
    let mut written = Vec::new();
    for i in 0..n {
        let note = format!("note {i} of {}", user.id);
        let (status, body) = user.client.post("/api/v1/journal-entries", entry(&note)).await;
        assert_eq!(status, 201, "{body}");
        written.push(note);
    }
    written.sort();
    (user, written)
}

/// What a raw copy of the database holds for one user: the wrapped data key and one sealed note.
struct RawCopy {
    wrapped: String,
    note_sealed: String,
    entry_id: String,
}

async fn raw_copy(pool: &sqlx::AnyPool, user: &str) -> RawCopy {
    let (wrapped,): (String,) = sqlx::query_as("SELECT wrapped FROM data_keys WHERE user_id = $1")
        .bind(user)
        .fetch_one(pool)
        .await
        .expect("the user's key row");
    let (entry_id, note_sealed): (String, String) =
        sqlx::query_as("SELECT id, note_sealed FROM journal_entries WHERE user_id = $1 AND note_sealed IS NOT NULL")
            .bind(user)
            .fetch_one(pool)
            .await
            .expect("the user's journal row");
    RawCopy {
        wrapped,
        note_sealed,
        entry_id,
    }
}

/// Opens the copied note with the root key and the key custody as they stand now.
fn open_copy(server: &Server, user: &str, copy: &RawCopy) -> Result<String, String> {
    let keyring = common::custody_keyring(&server.key_file);
    let wrapped = WrappedDataKey::from_text(&copy.wrapped).map_err(|e| e.code().to_owned())?;
    let key = keyring
        .unwrap_data_key(user, &wrapped)
        .map_err(|e| e.code().to_owned())?;
    let context = Context::field(user, &copy.entry_id, "note").map_err(|e| e.code().to_owned())?;
    let sealed = Envelope::from_text(&copy.note_sealed).map_err(|e| e.code().to_owned())?;
    let plain = key.open(&context, &sealed).map_err(|e| e.code().to_owned())?;
    Ok(String::from_utf8(plain.as_slice().to_vec()).expect("UTF-8"))
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Takes a backup of `server` into its data directory.
fn backup(server: &Server, name: &str) -> std::path::PathBuf {
    let path = server.dir().join(name);
    let output = server.command(&["backup", path.to_str().expect("UTF-8 path")]);
    assert!(output.status.success(), "{}", stderr(&output));
    path
}

/// Restores `path` into `database_url`: the summary line, or the error output.
fn restore(server: &Server, database_url: &str, path: &std::path::Path) -> Result<Value, String> {
    let output = server.command_on(database_url, &["restore", path.to_str().expect("UTF-8 path")]);
    if output.status.success() {
        Ok(serde_json::from_slice(&output.stdout).expect("a JSON summary"))
    } else {
        Err(stderr(&output))
    }
}

#[tokio::test]
async fn after_an_erasure_the_live_sqlite_file_and_wal_hold_no_byte_of_the_erased_rows() {
    if common::on_postgres() {
        return; // PostgreSQL keeps dead tuples and WAL by design: there erasure rests on key epochs (next test)
    }
    let server = Server::start_isolated(&[]).await;
    let (user, _) = writer(&server, 3).await;
    let bystander = server.user().await;
    bystander.client.post("/api/v1/journal-entries", entry("kept")).await;
    let pool = server.database().await;
    let copy = raw_copy(&pool, &user.id).await;
    let (email_sealed,): (String,) = sqlx::query_as("SELECT email_sealed FROM users WHERE id = $1")
        .bind(&user.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;

    let (status, erased) = user.client.post("/api/v1/me/erasure", json!({})).await;
    assert_eq!(status, 200, "{erased}");

    let mut bytes = Vec::new();
    for file in ["cesizen.db", "cesizen.db-wal"] {
        if let Ok(content) = std::fs::read(server.dir().join(file)) {
            bytes.extend(content);
        }
    }
    let found = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    for (what, needle) in [
        ("the wrapped data key", copy.wrapped.as_str()),
        ("the sealed note", copy.note_sealed.as_str()),
        ("the sealed address", email_sealed.as_str()),
        ("the user id", user.id.as_str()),
    ] {
        assert!(!found(needle), "the file or its WAL still holds {what}");
    }
    // The bystander's data is still there and readable.
    assert_eq!(notes(&bystander.client).await, vec!["kept".to_owned()]);
}

#[tokio::test]
async fn a_copy_taken_before_an_erasure_opens_nothing_of_the_erased_user_once_the_epoch_turned() {
    // Epochs of two seconds, backups kept zero seconds: the schedule of days, compressed.
    let server = Server::start_isolated(&[
        ("CESIZEN_KEY_EPOCH_SECONDS", "2"),
        ("CESIZEN_BACKUP_RETENTION_SECONDS", "0"),
    ])
    .await;
    let (user, _) = writer(&server, 2).await;
    let (bystander, bystander_notes) = writer(&server, 2).await;
    let admin = server.user().await;
    let output = server.command(&["grant-admin", &admin.email]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pool = server.database().await;

    // The raw copy, taken before the erasure: with the root key and today's custody it opens.
    let copy = raw_copy(&pool, &user.id).await;
    assert!(open_copy(&server, &user.id, &copy).is_ok_and(|note| note.starts_with("note ")));

    let (status, erased) = user.client.post("/api/v1/me/erasure", json!({})).await;
    assert_eq!(status, 200, "{erased}");
    let body = &erased["certificate"]["body"];
    assert_eq!(body["format"], "cesizen.erasure-certificate.v2");
    let removed = chrono::DateTime::parse_from_rfc3339(body["removedFromLiveAt"].as_str().unwrap()).unwrap();
    let by = chrono::DateTime::parse_from_rfc3339(body["unrecoverableBy"].as_str().unwrap()).unwrap();
    assert!(removed < by && by - removed <= chrono::Duration::seconds(4), "{body}");
    let wrapping_kek = body["wrappingKekId"].as_u64().unwrap();
    assert_eq!(
        u64::from(WrappedDataKey::from_text(&copy.wrapped).unwrap().kek_id().get()),
        wrapping_kek
    );

    // The epoch job turns and destroys the KEK that wrapped the key; the verification says when it is done.
    let mut shredding = Value::Null;
    for _ in 0..100 {
        let (status, verification) = admin.client.get("/api/v1/admin/audit/verification").await;
        assert_eq!((status, &verification["valid"]), (200, &json!(true)), "{verification}");
        shredding = verification["shredding"].clone();
        if shredding["complete"].as_u64() >= Some(1) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(shredding["complete"], 1, "{shredding}");
    assert_eq!(shredding["overdue"], 0, "{shredding}");
    assert!(
        chrono::Utc::now() <= by + chrono::Duration::seconds(2),
        "destroyed on time"
    );

    // The same copy, the same root key, custody as it stands: the erased user's key no longer unwraps.
    assert_eq!(
        open_copy(&server, &user.id, &copy),
        Err("crypto.key.destroyed".to_owned())
    );
    // The survivors were rewrapped under the new KEK and read on, across the turns.
    assert_eq!(notes(&bystander.client).await, bystander_notes);
    let live = raw_copy(&pool, &bystander.id).await;
    assert!(open_copy(&server, &bystander.id, &live).is_ok());
}

#[tokio::test]
async fn a_backup_and_key_custody_restore_a_lost_database_and_everyone_reads_every_entry() {
    let mut server = Server::start_isolated(&[]).await;
    let mut people = Vec::new();
    for n in [3, 1, 5] {
        people.push(writer(&server, n).await);
    }
    let path = backup(&server, "nightly.czbak");
    let restore_url = if common::on_postgres() {
        server.fresh_database_url().await
    } else {
        // The database is lost: its files are gone, the key file and key custody remain.
        server.stop();
        for file in ["cesizen.db", "cesizen.db-wal", "cesizen.db-shm"] {
            let _ = std::fs::remove_file(server.dir().join(file));
        }
        server.database_url.clone()
    };
    server.stop();
    let summary = restore(&server, &restore_url, &path).expect("the restore succeeds");
    assert_eq!(summary["erasuresReplayed"], 0, "{summary}");
    assert!(summary["restored"].as_u64().unwrap() > 10, "{summary}");

    let restored = server.start_on(&restore_url);
    for (user, written) in &people {
        let client = sign_in(&restored, &user.email)
            .await
            .expect("signs in after the restore");
        assert_eq!(&notes(&client).await, written);
    }
    // The restored trail verifies and records the restore.
    let admin = restored.user().await;
    assert!(
        restored
            .command_on(&restore_url, &["grant-admin", &admin.email])
            .status
            .success()
    );
    let (_, verification) = admin.client.get("/api/v1/admin/audit/verification").await;
    assert_eq!(verification["valid"], true, "{verification}");
}

#[tokio::test]
async fn a_restore_replays_the_erasures_made_after_its_backup() {
    let mut server = Server::start_isolated(&[]).await;
    let (erased, _) = writer(&server, 2).await;
    let (kept, kept_notes) = writer(&server, 2).await;
    let path = backup(&server, "before-erasure.czbak");
    let (status, body) = erased.client.post("/api/v1/me/erasure", json!({})).await;
    assert_eq!(status, 200, "{body}");

    let restore_url = server.fresh_database_url().await;
    server.stop();
    let summary = restore(&server, &restore_url, &path).expect("the restore succeeds");
    assert_eq!(summary["erasuresReplayed"], 1, "{summary}");

    let restored = server.start_on(&restore_url);
    assert_eq!(sign_in(&restored, &erased.email).await.err(), Some(401));
    let client = sign_in(&restored, &kept.email).await.expect("the other user signs in");
    assert_eq!(notes(&client).await, kept_notes);
    // Nothing of the erased person is in the restored database: not a row, not a key.
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&restore_url)
        .await
        .unwrap();
    let stored = common::all_stored_text(&pool).await;
    assert!(!stored.contains(&erased.id), "a restored row names the erased user");
}

#[tokio::test]
async fn bad_backups_and_non_empty_targets_are_refused_with_a_code_and_touch_nothing() {
    let server = Server::start_isolated(&[]).await;
    writer(&server, 2).await;
    let good = backup(&server, "good.czbak");
    let bytes = std::fs::read(&good).unwrap();
    let variant = |name: &str, content: &[u8]| {
        let path = server.dir().join(name);
        std::fs::File::create(&path).unwrap().write_all(content).unwrap();
        path
    };
    let truncated = variant("truncated.czbak", &bytes[..bytes.len() / 2]);
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    let tampered = variant("tampered.czbak", &flipped);
    // Another deployment's backup: sealed by its own keys.
    let other = Server::start_isolated(&[]).await;
    writer(&other, 1).await;
    let foreign = backup(&other, "foreign.czbak");
    // Sealed by this deployment's KEK, but not this format (an older one, and one without a header).
    let keyring = common::custody_keyring(&server.key_file);
    let sealed = |name: &str, text: &str| {
        let mut writer = keyring.stream_writer(Vec::new()).unwrap();
        writer.write_all(text.as_bytes()).unwrap();
        variant(name, &writer.finish().unwrap())
    };
    let older = sealed(
        "v1.czbak",
        "{\"format\":\"cesizen.server-backup.v1\",\"takenAt\":\"2025-01-01T00:00:00Z\",\"kek\":1}\n{\"end\":{\"rows\":0}}\n",
    );
    let headless = sealed("headless.czbak", "{\"table\":\"users\",\"row\":{\"id\":\"x\"}}\n");
    let injected = sealed(
        "injected.czbak",
        "{\"format\":\"cesizen.server-backup.v2\",\"takenAt\":\"2025-01-01T00:00:00Z\",\"kek\":1}\n\
         {\"table\":\"users\",\"row\":{\"id) VALUES ('x'); DROP TABLE users; --\":\"x\"}}\n{\"end\":{\"rows\":1}}\n",
    );

    for (path, code) in [
        (&truncated, "restore.backup.unreadable"),
        (&tampered, "restore.backup.unreadable"),
        (&foreign, "restore.backup.unreadable"),
        (&older, "restore.backup.format_unsupported"),
        (&headless, "restore.backup.format_unsupported"),
        (&injected, "restore.backup.invalid"),
    ] {
        let target = server.fresh_database_url().await;
        let refused = restore(&server, &target, path).expect_err("refused");
        assert!(refused.contains(code), "{}: {refused}", path.display());
        // Untouched: a SQLite file is not even created; a PostgreSQL database gets no table.
        if let Some(file) = target.strip_prefix("sqlite://").and_then(|t| t.split('?').next()) {
            assert!(!std::path::Path::new(file).exists(), "{}", path.display());
        } else {
            let pool = sqlx::any::AnyPoolOptions::new()
                .max_connections(1)
                .connect(&target)
                .await
                .unwrap();
            let (tables,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            assert_eq!(tables, 0, "{}", path.display());
            pool.close().await;
        }
    }

    // The live database is not empty: refused, and nothing changed in it.
    let pool = server.database().await;
    let count = |pool: sqlx::AnyPool| async move {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM journal_entries")
            .fetch_one(&pool)
            .await
            .unwrap();
        n
    };
    let before = count(pool.clone()).await;
    let refused = restore(&server, &server.database_url, &good).expect_err("refused");
    assert!(refused.contains("restore.target.not_empty"), "{refused}");
    assert_eq!(count(pool.clone()).await, before);
}
