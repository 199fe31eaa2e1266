//! Black-box tests of the erasure certificate and its audit trail, the streamed export, and the key message
//! counters, on SQLite or on the PostgreSQL of `CESIZEN_TEST_DATABASE_URL`.

mod common;

use cesizen_core::emotion::JournalEntryInput;
use cesizen_core::id::{JournalEntryId, UserId};
use cesizen_crypto::{Envelope, Keyring, WrappedDataKey};
use cesizen_gdpr::audit::AuditEntry;
use cesizen_gdpr::erasure::{ErasureCertificate, ErasureTarget, subject_digest};
use cesizen_gdpr::sealed::SealedJournalEntry;
use common::{PASSWORD, Server, entry};
use serde_json::{Value, json};

/// The deployment's keyring: the root key file opens the KEK versions of key custody (`keys/` beside it).
fn keyring(server: &Server) -> Keyring {
    common::custody_keyring(&server.key_file)
}

/// The stored audit trail up to `index` included.
async fn trail_upto(pool: &sqlx::AnyPool, index: u64) -> Vec<AuditEntry> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT entry FROM audit_trail WHERE idx <= $1 ORDER BY idx")
        .bind(i64::try_from(index).expect("the stored trail reads back"))
        .fetch_all(pool)
        .await
        .expect("the stored trail reads back");
    rows.iter()
        .map(|(json,)| serde_json::from_str(json).expect("the stored trail reads back"))
        .collect()
}

#[tokio::test]
async fn erasure_is_certified_in_an_append_only_audit_trail_that_an_administrator_verifies() {
    let server = Server::start();
    let user = server.user().await;
    for note in ["premier", "second"] {
        assert_eq!(user.client.post("/api/v1/journal-entries", entry(note)).await.0, 201);
    }
    let (status, erased) = user.client.post("/api/v1/me/erasure", json!({})).await;
    assert_eq!(status, 200, "{erased}");
    assert_eq!(erased["withinTarget"], true);
    let certificate: ErasureCertificate = serde_json::from_value(erased["certificate"].clone()).unwrap();
    let user_id = UserId::parse(&user.id).unwrap();
    assert_eq!(certificate.body.subject_digest, subject_digest(user_id));
    assert!(
        !erased["certificate"].to_string().contains(&user.id),
        "the certificate does not name the person"
    );
    let records = |target: ErasureTarget| {
        certificate
            .body
            .steps
            .iter()
            .find(|s| s.target == target)
            .map(|s| (s.records, s.done_at.is_some()))
    };
    assert_eq!(certificate.body.steps.len(), 9, "every category of the plan");
    assert!(certificate.body.steps.iter().all(|s| s.done_at.is_some()));
    assert_eq!(records(ErasureTarget::JournalEntries), Some((2, true)));
    assert_eq!(records(ErasureTarget::Consents), Some((1, true)));
    assert_eq!(records(ErasureTarget::DataKey), Some((1, true)));
    assert_eq!(erased["journalEntries"], 2);

    // The certificate verifies against the stored chain, with the library's own check.
    let pool = server.database().await;
    let trail = trail_upto(&pool, certificate.audit_index).await;
    certificate.verify(&trail).unwrap();

    // The trail refuses changes and deletions.
    for statement in ["UPDATE audit_trail SET action = 'forged'", "DELETE FROM audit_trail"] {
        assert!(
            sqlx::query(statement).execute(&pool).await.is_err(),
            "{statement} was accepted"
        );
    }
    assert!(
        sqlx::query("DELETE FROM erasure_certificates")
            .execute(&pool)
            .await
            .is_err()
    );

    // Only an administrator verifies the trail; the answer carries the head to publish.
    let admin = server.user().await;
    assert_eq!(admin.client.get("/api/v1/admin/audit/verification").await.0, 403);
    let output = server.command(&["grant-admin", &admin.email]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let (status, verification) = admin.client.get("/api/v1/admin/audit/verification").await;
    assert_eq!(status, 200, "{verification}");
    assert_eq!(verification["valid"], true, "{verification}");
    assert!(verification["entries"].as_u64().unwrap() > certificate.audit_index);
    assert!(verification["certificates"].as_u64().unwrap() >= 1);
    assert_eq!(verification["head"].as_str().unwrap().len(), 64);

    // The answer carries the checkpoint to publish: its last entry. Given back, it verifies.
    let checkpoint = verification["checkpoint"].clone();
    assert_eq!(checkpoint["hash"], verification["head"], "{verification}");
    let index = checkpoint["index"].as_u64().unwrap();
    let hash = checkpoint["hash"].as_str().unwrap().to_owned();
    assert_eq!(index + 1, verification["entries"].as_u64().unwrap());
    let (status, verification) = admin.client.get(&checkpoint_query(index, &hash)).await;
    assert_eq!((status, &verification["valid"]), (200, &json!(true)), "{verification}");
    // Another hash at that index, or an index past the end: not the trail that was published.
    let (_, verification) = admin.client.get(&checkpoint_query(index, &"0".repeat(64))).await;
    assert_eq!(
        (&verification["valid"], verification["brokenAt"].as_u64()),
        (&json!(false), Some(index)),
        "{verification}"
    );
    let (_, verification) = admin.client.get(&checkpoint_query(index + 1_000_000, &hash)).await;
    assert_eq!(verification["valid"], false, "{verification}");
    // One parameter alone, a malformed hash, or another parameter: refused with the stable code.
    for query in [
        "checkpointIndex=1".to_owned(),
        format!("checkpointHash={hash}"),
        "checkpointIndex=1&checkpointHash=zz".to_owned(),
        "head=1".to_owned(),
    ] {
        let (status, body) = admin
            .client
            .get(&format!("/api/v1/admin/audit/verification?{query}"))
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (422, Some("http.query.invalid")),
            "{query}"
        );
    }

    // Backups carry the trail and the certificates: the proof outlives a restore.
    let backup = server.dir().join("after-erasure.czbak");
    let output = server.command(&["backup", backup.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut keyring(&server)
            .stream_reader(std::fs::File::open(&backup).unwrap())
            .unwrap(),
        &mut text,
    )
    .unwrap();
    let erasure_id = certificate.body.erasure.to_string();
    assert!(
        text.lines()
            .any(|l| l.contains("\"erasure_certificates\"") && l.contains(&erasure_id))
    );
    assert!(
        text.lines()
            .any(|l| l.contains("\"audit_trail\"") && l.contains(&certificate.audit_hash.to_string()))
    );

    if common::on_postgres() {
        // The trail is shared by every test on PostgreSQL: forging it here would break the others.
        return;
    }
    // Someone with write access to the file gets past the triggers: the chain still gives them away.
    sqlx::query("DROP TRIGGER audit_trail_no_update")
        .execute(&pool)
        .await
        .unwrap();
    let mut forged = trail[usize::try_from(certificate.audit_index).unwrap()].clone();
    forged.details.insert("records.journal_entries".into(), "0".into());
    sqlx::query("UPDATE audit_trail SET entry = $1 WHERE idx = $2")
        .bind(serde_json::to_string(&forged).unwrap())
        .bind(i64::try_from(certificate.audit_index).unwrap())
        .execute(&pool)
        .await
        .unwrap();
    let (_, verification) = admin.client.get("/api/v1/admin/audit/verification").await;
    assert_eq!(verification["valid"], false);
    assert_eq!(verification["brokenAt"].as_u64(), Some(certificate.audit_index));
}

/// The verification of the trail against a published checkpoint.
fn checkpoint_query(index: u64, hash: &str) -> String {
    format!("/api/v1/admin/audit/verification?checkpointIndex={index}&checkpointHash={hash}")
}

#[tokio::test]
async fn a_trail_cut_back_below_a_published_checkpoint_is_caught_though_its_chain_holds() {
    if common::on_postgres() {
        // The trail is shared by every test on PostgreSQL: cutting it here would break the others.
        return;
    }
    let server = Server::start();
    for _ in 0..2 {
        let user = server.user().await;
        assert_eq!(user.client.post("/api/v1/me/erasure", json!({})).await.0, 200);
    }
    let admin = server.user().await;
    let output = server.command(&["grant-admin", &admin.email]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let (_, published) = admin.client.get("/api/v1/admin/audit/verification").await;
    let index = published["checkpoint"]["index"].as_u64().unwrap();
    let hash = published["checkpoint"]["hash"].as_str().unwrap().to_owned();
    assert!(index >= 1, "{published}");

    // Someone with the database file gets past the triggers and drops the published entry and everything
    // after it, certificates included: what is left is a valid chain.
    let pool = server.database().await;
    for statement in [
        "DROP TRIGGER audit_trail_no_delete",
        "DROP TRIGGER erasure_certificates_no_delete",
    ] {
        sqlx::query(statement).execute(&pool).await.unwrap();
    }
    for statement in [
        "DELETE FROM erasure_certificates WHERE audit_index >= $1",
        "DELETE FROM audit_trail WHERE idx >= $1",
    ] {
        sqlx::query(statement)
            .bind(i64::try_from(index).unwrap())
            .execute(&pool)
            .await
            .unwrap();
    }
    let (_, alone) = admin.client.get("/api/v1/admin/audit/verification").await;
    assert_eq!(
        (&alone["valid"], alone["entries"].as_u64()),
        (&json!(true), Some(index)),
        "{alone}"
    );
    // The checkpoint given back reveals the cut, at the trail's new end.
    let (_, checked) = admin.client.get(&checkpoint_query(index, &hash)).await;
    assert_eq!(
        (&checked["valid"], checked["brokenAt"].as_u64()),
        (&json!(false), Some(index)),
        "{checked}"
    );
}

#[tokio::test]
async fn the_export_of_a_long_history_streams_in_chunks_and_holds_every_entry() {
    const HISTORY: usize = 6000;
    let server = Server::start();
    let user = server.user().await;
    let (status, first) = user
        .client
        .post("/api/v1/journal-entries", entry("la toute première"))
        .await;
    assert_eq!(status, 201);

    // Years of entries, sealed under the user's own data key as the server seals them, stored directly.
    let pool = server.database().await;
    let keyring = keyring(&server);
    let (wrapped,): (String,) = sqlx::query_as("SELECT wrapped FROM data_keys WHERE user_id = $1")
        .bind(&user.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    let key = keyring
        .unwrap_data_key(&user.id, &WrappedDataKey::from_text(&wrapped).unwrap())
        .unwrap();
    let start = chrono::DateTime::parse_from_rfc3339("2022-01-01T08:00:00Z")
        .unwrap()
        .to_utc();
    let mut tx = pool.begin().await.unwrap();
    for i in 0..HISTORY {
        let at = start + chrono::Duration::hours(4 * i64::try_from(i).unwrap());
        let input: JournalEntryInput = serde_json::from_value(json!({
            "id": JournalEntryId::new(at).unwrap().to_string(),
            "userId": user.id,
            "kind": "daily_mood",
            "emotion": {"base": "joy"},
            "intensity": 1 + i % 10,
            "valence": 0.25,
            "note": format!("note numéro {i}"),
            "recordedAt": at.to_rfc3339(),
            "timeZone": "Europe/Paris",
        }))
        .unwrap();
        let sealed = SealedJournalEntry::seal(&input.validate().unwrap(), &key).unwrap();
        sqlx::query(
            "INSERT INTO journal_entries (id, user_id, recorded_at, time_zone, created_at, feeling_sealed, note_sealed) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(sealed.id.to_string())
        .bind(&user.id)
        .bind(sealed.recorded_at.timestamp_micros())
        .bind(sealed.time_zone.name())
        // Created now (retention counts from creation; other servers on a shared database run it).
        .bind(chrono::Utc::now().timestamp_micros())
        .bind(sealed.feeling.to_text())
        .bind(sealed.note.as_ref().map(Envelope::to_text))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    let mut response = user
        .client
        .raw("GET", "/api/v1/me/export", "application/json", Vec::new())
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert!(
        response.content_length().is_none(),
        "streamed: the length is not known up front"
    );
    let mut chunks = 0;
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.unwrap() {
        chunks += 1;
        body.extend_from_slice(&chunk);
    }
    assert!(chunks > 10, "{chunks} chunks for {} bytes", body.len());
    let export: Value = serde_json::from_slice(&body).unwrap();
    let entries = export["journalEntries"].as_array().unwrap();
    assert_eq!(entries.len(), HISTORY + 1);
    assert_eq!(export["summary"]["journalEntries"], HISTORY + 1);
    assert_eq!(entries[0]["note"], "note numéro 0", "oldest first");
    assert_eq!(entries[HISTORY / 2]["note"], format!("note numéro {}", HISTORY / 2));
    assert_eq!(
        entries[HISTORY]["id"], first["id"],
        "the newest, written through the API"
    );
    assert_eq!(entries[HISTORY]["note"], "la toute première");
    assert_eq!(export["reports"].as_array().unwrap().len(), 1);
    let requests = export["requests"].as_array().unwrap();
    assert_eq!(requests.last().unwrap()["kind"], "portability");
    // The document is the one cesizen-gdpr reads back.
    let document = cesizen_gdpr::export::ExportDocument::from_slice(&body).unwrap();
    assert_eq!(document.journal_entries.len(), HISTORY + 1);
    // Stored as a completed portability request.
    let (_, mine) = user.client.get("/api/v1/me/requests").await;
    assert_eq!(mine[0]["request"]["kind"], "portability");
    assert_eq!(mine[0]["state"], "completed");
}

#[tokio::test]
async fn message_counters_hold_across_restarts_and_instances() {
    // Eight messages per key: the sign-up seals two (address and name), each entry with a note two more.
    let mut server = Server::start_isolated(&[("CESIZEN_KEY_MESSAGE_LIMIT", "8")]).await;
    let user = server.user().await;
    let pool = server.database().await;
    let sealed_count = |pool: sqlx::AnyPool, id: String| async move {
        let (n,): (i64,) = sqlx::query_as("SELECT messages_sealed FROM data_keys WHERE user_id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
        n
    };
    assert_eq!(sealed_count(pool.clone(), user.id.clone()).await, 2);
    for i in 0..3 {
        let (status, body) = user
            .client
            .post("/api/v1/journal-entries", entry(&format!("n° {i}")))
            .await;
        assert_eq!(status, 201, "{body}");
    }
    assert_eq!(sealed_count(pool.clone(), user.id.clone()).await, 8);
    let (status, refused) = user.client.post("/api/v1/journal-entries", entry("one too many")).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (500, Some("crypto.key.limit_reached"))
    );
    let mut bare = entry("");
    bare.as_object_mut().unwrap().remove("note");
    assert_eq!(
        user.client.post("/api/v1/journal-entries", bare.clone()).await.0,
        500,
        "one message is one too many"
    );
    let (_, stored) = user.client.get("/api/v1/journal-entries").await;
    assert_eq!(
        stored.as_array().unwrap().len(),
        3,
        "nothing sealed past the limit is stored"
    );

    // One KEK wrapped two data keys: the system key and the user's.
    let kek_count = |pool: sqlx::AnyPool| async move {
        let (n,): (i64,) = sqlx::query_as("SELECT messages_sealed FROM key_usage WHERE name = 'kek.1'")
            .fetch_one(&pool)
            .await
            .unwrap();
        n
    };
    assert_eq!(kek_count(pool.clone()).await, 2);

    // A restart does not reset anything: the user's key stays at its limit, the keyring's count resumes.
    server.crash_and_restart();
    let sign_in = |server: &Server| {
        let mut client = server.client();
        let email = user.email.clone();
        async move {
            let (_, session) = client
                .post("/api/v1/sessions", json!({"email": email, "password": PASSWORD}))
                .await;
            client.token = Some(session["token"].as_str().unwrap().to_owned());
            client
        }
    };
    let client = sign_in(&server).await;
    let (status, refused) = client.post("/api/v1/journal-entries", bare.clone()).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (500, Some("crypto.key.limit_reached"))
    );
    let other = server.user().await;
    assert_eq!(kek_count(pool.clone()).await, 3, "counted on from 2, not from 0");

    // Another instance on the same database counts on the same rows.
    let second = server.another_instance();
    let client = sign_in(&second).await;
    assert_eq!(client.post("/api/v1/journal-entries", bare.clone()).await.0, 500);
    let mut other_client = second.client();
    other_client.token = other.client.token.clone();
    for _ in 0..3 {
        assert_eq!(other_client.post("/api/v1/journal-entries", entry("x")).await.0, 201);
    }
    assert_eq!(
        other.client.post("/api/v1/journal-entries", entry("x")).await.0,
        500,
        "the first instance sees the count"
    );
    assert_eq!(sealed_count(pool.clone(), other.id.clone()).await, 8);
}

#[tokio::test]
async fn administrators_see_which_open_requests_need_attention_by_cesizen_gdpr_deadlines() {
    let server = Server::start();
    let user = server.user().await;
    let (status, fresh) = user.client.post("/api/v1/me/requests", json!({"kind": "access"})).await;
    assert_eq!(status, 201);
    assert_eq!(fresh["needsAttention"], false);
    // A request received 40 days ago and never answered: past the plan's target and the legal month.
    let long_ago = chrono::Utc::now() - chrono::Duration::days(40);
    let subject = UserId::parse(&user.id).unwrap();
    let old = cesizen_gdpr::request::DataSubjectRequest::receive(
        cesizen_gdpr::RequestId::new(long_ago).unwrap(),
        subject,
        cesizen_gdpr::request::RequestKind::Restriction,
        long_ago,
    );
    let pool = server.database().await;
    sqlx::query(
        "INSERT INTO gdpr_requests (id, subject, kind, received_at, closed, version, record) \
         VALUES ($1, $2, 'restriction', $3, 0, 0, $4)",
    )
    .bind(old.id().to_string())
    .bind(&user.id)
    .bind(long_ago.timestamp_micros())
    .bind(serde_json::to_string(&old.to_record()).unwrap())
    .execute(&pool)
    .await
    .unwrap();

    let admin = server.user().await;
    let output = server.command(&["grant-admin", &admin.email]);
    assert!(output.status.success());
    let ids = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|v| v["request"]["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (status, all) = admin.client.get("/api/v1/admin/requests").await;
    assert_eq!(status, 200, "{all}");
    let all_ids = ids(&all);
    assert!(
        all_ids.contains(&old.id().to_string())
            && all_ids.contains(&fresh["request"]["id"].as_str().unwrap().to_owned())
    );
    let (status, late) = admin.client.get("/api/v1/admin/requests?attention=true").await;
    assert_eq!(status, 200, "{late}");
    let late_ids = ids(&late);
    assert!(late_ids.contains(&old.id().to_string()));
    assert!(!late_ids.contains(&fresh["request"]["id"].as_str().unwrap().to_owned()));
    let entry = late
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["request"]["id"] == old.id().to_string())
        .unwrap();
    assert_eq!(entry["needsAttention"], true);
    assert_eq!(entry["assessment"]["legal"]["status"], "overdue");
    let (status, body) = admin.client.get("/api/v1/admin/requests?attention=maybe").await;
    assert_eq!((status, body["code"].as_str()), (422, Some("http.query.invalid")));
}

#[tokio::test]
async fn the_retention_job_erases_a_dormant_account_the_same_way_and_records_it_in_the_audit_trail() {
    let server = Server::start();
    let dormant = server.user().await;
    assert_eq!(
        dormant.client.post("/api/v1/journal-entries", entry("oublié")).await.0,
        201
    );
    let pool = server.database().await;
    // Inactive for five years, warned two months ago: the plan's retention deletes it now.
    let now = chrono::Utc::now();
    sqlx::query("UPDATE users SET created_at = $1, last_active_at = $1, inactivity_notified_at = $2 WHERE id = $3")
        .bind((now - chrono::Duration::days(5 * 365)).timestamp_micros())
        .bind((now - chrono::Duration::days(60)).timestamp_micros())
        .bind(&dormant.id)
        .execute(&pool)
        .await
        .unwrap();
    // The job runs when an instance starts.
    let _second = server.another_instance();
    let digest = subject_digest(UserId::parse(&dormant.id).unwrap()).to_string();
    let mut entry_json = None;
    for _ in 0..100 {
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT entry FROM audit_trail WHERE action = 'retention.account.erased'")
                .fetch_all(&pool)
                .await
                .unwrap();
        entry_json = rows.into_iter().map(|(e,)| e).find(|e| e.contains(&digest));
        if entry_json.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let recorded: AuditEntry = serde_json::from_str(&entry_json.expect("the erasure is in the trail")).unwrap();
    assert_eq!(recorded.subject.as_deref(), Some(digest.as_str()));
    assert_eq!(recorded.details["records.journal_entries"], "1");
    assert!(recorded.details["records.profile"].parse::<u64>().unwrap() >= 1);
    for (table, column) in [
        ("users", "id"),
        ("data_keys", "user_id"),
        ("journal_entries", "user_id"),
    ] {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1"))
            .bind(&dormant.id)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(n, 0, "{table} still holds the dormant account");
    }
    let stored = common::all_stored_text(&pool).await;
    assert!(!stored.contains(&dormant.id), "no row names the erased account");
}

/// The ids of the requests an export holds.
fn exported_requests(export: &Value) -> Vec<String> {
    export["requests"]
        .as_array()
        .expect("the export lists the requests")
        .iter()
        .map(|r| r["id"].as_str().expect("a request has an id").to_owned())
        .collect()
}

/// The export reads one snapshot (`gdpr::begin_snapshot`): a change committed while the export is being
/// written is not in it, even in the part read after the change.
///
/// PostgreSQL lets the test hold the export before its last read, whatever the timing: a lock on the requests
/// table, taken before the export starts and released with the change, makes the export's read of the
/// requests come after the change. With a statement-by-statement read (or `READ COMMITTED`) that read sees
/// the change and this test fails. SQLite's WAL readers take no lock a test could hold there without holding
/// the export's first read too, so on SQLite this test has nothing to check; the guarantee there is the one
/// `begin_snapshot` explains.
#[tokio::test]
async fn the_export_is_one_snapshot_even_when_a_change_commits_while_it_is_written() {
    if !common::on_postgres() {
        return;
    }
    let server = Server::start();
    let user = server.user().await;
    let (status, opened) = user
        .client
        .post("/api/v1/me/requests", json!({"kind": "restriction"}))
        .await;
    assert_eq!(status, 201, "{opened}");
    let id = opened["request"]["id"].as_str().unwrap().to_owned();

    let pool = server.database().await;
    let mut change = pool.begin().await.unwrap();
    // From here every read of the requests waits for `change`, the export's included.
    sqlx::query("LOCK TABLE gdpr_requests IN ACCESS EXCLUSIVE MODE")
        .execute(&mut *change)
        .await
        .unwrap();
    let response = user
        .client
        .raw("GET", "/api/v1/me/export", "application/json", Vec::new())
        .await;
    // The answer has begun: the export has read the profile, so its snapshot is taken.
    assert_eq!(response.status(), 200);
    let deleted = sqlx::query("DELETE FROM gdpr_requests WHERE id = $1")
        .bind(&id)
        .execute(&mut *change)
        .await
        .unwrap()
        .rows_affected();
    assert_eq!(deleted, 1);
    change.commit().await.unwrap();

    let export: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(export["summary"]["requests"], 2, "{}", export["requests"]);
    assert!(
        exported_requests(&export).contains(&id),
        "the export shows the requests as they were when it began"
    );
    // The change did commit: the next export no longer holds the request.
    let (status, next) = user.client.get("/api/v1/me/export").await;
    assert_eq!(status, 200);
    assert!(!exported_requests(&next).contains(&id));
}
