//! Black-box tests of the reference server: the real binary over HTTP, on SQLite (default) or on PostgreSQL
//! (`CESIZEN_TEST_DATABASE_URL`, see `cargo xtask test --only server-postgres`).

mod common;

use common::{PASSWORD, Server, all_stored_text, entry};
use serde_json::{Value, json};

#[tokio::test]
async fn sign_up_never_reveals_whether_an_address_has_an_account() {
    let server = Server::start();
    let user = server.user().await;
    let anonymous = server.client();
    let form = json!({"email": user.email, "password": PASSWORD, "displayName": "Someone Else"});
    let again = anonymous.post("/api/v1/accounts", form).await;
    let fresh = anonymous
        .post(
            "/api/v1/accounts",
            json!({"email": "fresh-address@example.fr", "password": PASSWORD, "displayName": "Fresh"}),
        )
        .await;
    assert_eq!(again, fresh, "taken and free addresses get the same answer");
    assert_eq!(again.0, 202);
    let (_, outbox) = anonymous.get(&format!("/api/v1/dev/outbox?email={}", user.email)).await;
    let kinds: Vec<&str> = outbox
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["email_confirmation", "account_exists"],
        "the owner is told by e-mail instead"
    );
}

#[tokio::test]
async fn sign_in_failures_look_alike_and_lock_the_address_with_retry_after() {
    let server = Server::start();
    let user = server.user().await;
    let anonymous = server.client();
    let wrong = anonymous
        .post(
            "/api/v1/sessions",
            json!({"email": user.email, "password": "Wrong-password-1!"}),
        )
        .await;
    let unknown = anonymous
        .post(
            "/api/v1/sessions",
            json!({"email": "nobody@example.fr", "password": "Wrong-password-1!"}),
        )
        .await;
    assert_eq!(wrong, unknown);
    assert_eq!(wrong.0, 401);
    assert_eq!(wrong.1["code"], "auth.credentials.invalid");
    for email in [user.email.as_str(), "nobody@example.fr"] {
        for _ in 0..4 {
            let (status, _) = anonymous
                .post(
                    "/api/v1/sessions",
                    json!({"email": email, "password": "Wrong-password-1!"}),
                )
                .await;
            assert_eq!(status, 401);
        }
        // The sixth attempt (fifth failure reached): locked, for known and unknown addresses alike.
        let response = anonymous
            .raw(
                "POST",
                "/api/v1/sessions",
                "application/json",
                json!({"email": email, "password": PASSWORD}).to_string().into_bytes(),
            )
            .await;
        assert_eq!(response.status(), 429);
        let retry: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=900).contains(&retry), "{retry}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["code"], "auth.login.throttled");
    }
    let (_, metrics) = anonymous.get("/metrics").await;
    let metrics = metrics.as_str().unwrap().to_owned();
    assert!(metrics.contains("cesizen_failed_logins_total 10"), "{metrics}");
    // The rate is read from the database: with PostgreSQL shared by concurrent tests it may count theirs too.
    let rate: f64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("cesizen_monitoring_value{metric=\"failed_logins\"} "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(common::on_postgres() || rate == 10.0, "{rate}");
    assert!(rate >= 10.0);
    assert!(metrics.contains("cesizen_monitoring_severity{metric=\"failed_logins\",severity=\"normal\"} 0"));
}

#[tokio::test]
async fn confirmation_and_reset_tokens_serve_once() {
    let server = Server::start();
    let user = server.user().await;
    let anonymous = server.client();
    let (_, outbox) = anonymous.get(&format!("/api/v1/dev/outbox?email={}", user.email)).await;
    let token = outbox[0]["token"].as_str().unwrap().to_owned();
    assert_eq!(
        anonymous
            .post("/api/v1/email-confirmations", json!({"token": token}))
            .await
            .0,
        204
    );
    let again = anonymous
        .post("/api/v1/email-confirmations", json!({"token": token}))
        .await;
    assert_eq!((again.0, again.1["code"].clone()), (400, json!("auth.token.consumed")));
    let (_, me) = user.client.get("/api/v1/me").await;
    assert!(me["emailConfirmedAt"].is_string());

    assert_eq!(
        anonymous
            .post("/api/v1/password-resets", json!({"email": user.email}))
            .await
            .0,
        202
    );
    assert_eq!(
        anonymous
            .post("/api/v1/password-resets", json!({"email": "nobody@example.fr"}))
            .await
            .0,
        202
    );
    // The reset is mailed after the answer (no timing oracle): wait for it.
    let outbox = common::outbox_with(&anonymous, &user.email, 2).await;
    let reset = outbox
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "password_reset")
        .unwrap();
    let reset = reset["token"].as_str().unwrap().to_owned();
    let weak = anonymous
        .post(
            "/api/v1/password-resets/confirm",
            json!({"token": reset, "newPassword": "short"}),
        )
        .await;
    assert_eq!(weak.1["code"], "validation.password.rejected");
    let (_, outbox) = anonymous.get(&format!("/api/v1/dev/outbox?email={}", user.email)).await;
    assert_eq!(
        outbox.as_array().unwrap().len(),
        2,
        "no message for an unknown address's reset either"
    );
    assert_eq!(
        anonymous
            .post("/api/v1/password-resets", json!({"email": user.email}))
            .await
            .0,
        202
    );
    let outbox = common::outbox_with(&anonymous, &user.email, 3).await;
    let reset = outbox.as_array().unwrap().last().unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let new_password = "Nouveau-Souffle-2026?";
    let done = anonymous
        .post(
            "/api/v1/password-resets/confirm",
            json!({"token": reset, "newPassword": new_password}),
        )
        .await;
    assert_eq!(done.0, 204);
    assert_eq!(user.client.get("/api/v1/me").await.0, 401, "a reset ends every session");
    let (status, _) = anonymous
        .post(
            "/api/v1/sessions",
            json!({"email": user.email, "password": new_password}),
        )
        .await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn bad_input_gets_stable_codes_and_no_internals() {
    let server = Server::start();
    let user = server.user().await;
    let anonymous = server.client();
    let (status, body) = anonymous
        .post(
            "/api/v1/accounts",
            json!({"email": "a@example.fr", "password": "password", "displayName": "A"}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "validation.password.rejected");
    let violations: Vec<&str> = body["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        violations,
        [
            "validation.password.too_short",
            "validation.password.missing_uppercase",
            "validation.password.missing_digit",
            "validation.password.missing_special"
        ]
    );
    let (status, body) = anonymous
        .post(
            "/api/v1/accounts",
            json!({"email": "not an address", "password": PASSWORD, "displayName": "A"}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str().unwrap()),
        (422, "validation.email.invalid")
    );

    let malformed = user
        .client
        .raw(
            "POST",
            "/api/v1/journal-entries",
            "application/json",
            b"{\"kind\":".to_vec(),
        )
        .await;
    assert_eq!(malformed.status(), 400);
    assert_eq!(malformed.json::<Value>().await.unwrap()["code"], "http.body.malformed");
    let (status, body) = user.client.post("/api/v1/journal-entries", json!({"kind": 3})).await;
    assert_eq!((status, body["code"].as_str().unwrap()), (422, "http.body.invalid"));
    let mut out_of_range = entry("fine");
    out_of_range["intensity"] = json!(11);
    let (status, body) = user.client.post("/api/v1/journal-entries", out_of_range).await;
    assert_eq!(
        (status, body["code"].as_str().unwrap()),
        (422, "validation.intensity.out_of_range")
    );
    // A query string of the wrong types or with unknown parameters: the stable code, never the parser's words.
    // (Before the oversized body below: the server closes that connection, which this client would reuse.)
    for query in ["limit=lots-of-them", "from=yesterday", "limit=-1", "colour=blue"] {
        let (status, body) = user.client.get(&format!("/api/v1/journal-entries?{query}")).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (422, Some("http.query.invalid")),
            "{query}: {body}"
        );
        let value = query.split('=').nth(1).unwrap();
        assert!(!body.to_string().contains(value), "{query}: {body}");
    }
    let huge = user
        .client
        .raw(
            "POST",
            "/api/v1/journal-entries",
            "application/json",
            vec![b' '; 200_000],
        )
        .await;
    assert_eq!(huge.status(), 413);
    let (status, body) = anonymous.get("/api/v1/no-such-route").await;
    assert_eq!((status, body["code"].as_str().unwrap()), (404, "http.route.not_found"));
    let (status, _) = anonymous.send("PUT", "/health", None).await;
    assert_eq!(status, 405);
    let (status, body) = user
        .client
        .post(
            "/api/v1/practice-sessions",
            json!({"kind": "meditation", "startedAt": "2025-03-14T08:00:00Z", "endedAt": "2025-03-14T07:00:00Z", "outcome": "completed"}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str().unwrap()),
        (422, "validation.practice_session.end_not_after_start")
    );
    // Injection attempts are data, never SQL.
    let (status, _) = user.client.get("/api/v1/journal-entries/'%20OR%201=1%20--").await;
    assert_eq!(status, 404);
    let (status, _) = anonymous
        .post(
            "/api/v1/sessions",
            json!({"email": "x'); DROP TABLE users; --@example.fr", "password": PASSWORD}),
        )
        .await;
    assert!(status == 422 || status == 401);
    assert_eq!(user.client.get("/api/v1/me").await.0, 200);
}

#[tokio::test]
async fn journal_entries_are_never_stored_in_clear() {
    let server = Server::start();
    let user = server.user().await;
    let note = "Peur de la soutenance, mains moites";
    let (status, created) = user.client.post("/api/v1/journal-entries", entry(note)).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["note"], note);
    assert_eq!(created["userId"], user.id.as_str());
    let (status, listed) = user.client.get("/api/v1/journal-entries").await;
    assert_eq!(status, 200);
    assert_eq!(listed[0], created);

    let stored = all_stored_text(&server.database().await).await;
    for secret in [note, "\"work\"", user.email.as_str(), "Camille Durand"] {
        assert!(!stored.contains(secret), "{secret:?} is stored in clear");
    }
    // Short codes, as values: a whole token of the stored text (so that they are not found by chance inside the
    // base64url of an envelope, as "fear" once was in the shared PostgreSQL database, one chance in 16 million
    // per position).
    let tokens: std::collections::HashSet<&str> = stored
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .collect();
    for code in ["worry", "fear"] {
        assert!(!tokens.contains(code), "{code:?} is stored in clear");
    }
    if !common::on_postgres() {
        // The SQLite file and its write-ahead log, byte for byte.
        for file in ["cesizen.db", "cesizen.db-wal"] {
            let bytes = std::fs::read(server.dir().join(file)).unwrap_or_default();
            for secret in [note.as_bytes(), user.email.as_bytes(), b"Camille Durand"] {
                assert!(
                    !bytes.windows(secret.len()).any(|w| w == secret),
                    "{file} holds data in clear"
                );
            }
        }
    }
}

#[tokio::test]
async fn consent_gates_the_journal_and_reports_are_computed() {
    let server = Server::start();
    let user = server.user().await;
    let (status, _) = user
        .client
        .send("DELETE", "/api/v1/me/consents/emotional_journal", None)
        .await;
    assert_eq!(status, 200);
    let (status, body) = user.client.post("/api/v1/journal-entries", entry("x")).await;
    assert_eq!(
        (status, body["code"].as_str().unwrap()),
        (403, "gdpr.consent.not_given")
    );
    let (status, body) = user
        .client
        .post(
            "/api/v1/me/consents",
            json!({"purpose": "emotional_journal", "textVersion": "2025-01", "method": "affirmative_action"}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str().unwrap()),
        (422, "gdpr.consent.explicit_required")
    );
    user.client
        .post(
            "/api/v1/me/consents",
            json!({"purpose": "emotional_journal", "textVersion": "2025-01", "method": "explicit_statement"}),
        )
        .await;
    assert_eq!(user.client.post("/api/v1/journal-entries", entry("ok")).await.0, 201);
    let (status, report) = user
        .client
        .post(
            "/api/v1/reports/emotions",
            json!({"period": {"type": "month", "year": 2025, "month": 3}}),
        )
        .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["entryCount"], 1);
    assert_eq!(report["meanIntensity"], 7.0);
    let (status, score) = user
        .client
        .post(
            "/api/v1/stress/holmes-rahe",
            json!({"answers": [{"event": "death_of_spouse"}, {"event": "divorce"}]}),
        )
        .await;
    assert_eq!(status, 200, "{score}");
    assert_eq!(score["score"], 173);
    assert_eq!(score["band"], "moderate");
    let (_, events) = user.client.get("/api/v1/stress/life-events").await;
    assert_eq!(events.as_array().unwrap().len(), 43);
}

/// The routes that need a session, with a path to try each on; `{a}` is replaced by one of the first user's ids.
const PROTECTED: &[(&str, &str)] = &[
    ("DELETE", "/api/v1/sessions/current"),
    ("GET", "/api/v1/me"),
    ("PATCH", "/api/v1/me"),
    ("POST", "/api/v1/me/deactivation"),
    ("GET", "/api/v1/me/consents"),
    ("POST", "/api/v1/me/consents"),
    ("DELETE", "/api/v1/me/consents/emotional_journal"),
    ("GET", "/api/v1/me/requests"),
    ("POST", "/api/v1/me/requests"),
    ("GET", "/api/v1/me/export"),
    ("POST", "/api/v1/me/erasure"),
    ("GET", "/api/v1/practice-sessions"),
    ("POST", "/api/v1/practice-sessions"),
    ("GET", "/api/v1/practice-sessions/{session}"),
    ("DELETE", "/api/v1/practice-sessions/{session}"),
    ("GET", "/api/v1/journal-entries"),
    ("POST", "/api/v1/journal-entries"),
    ("GET", "/api/v1/journal-entries/{entry}"),
    ("PUT", "/api/v1/journal-entries/{entry}"),
    ("DELETE", "/api/v1/journal-entries/{entry}"),
    ("POST", "/api/v1/reports/emotions"),
    ("POST", "/api/v1/stress/holmes-rahe"),
    ("GET", "/api/v1/admin/monitoring"),
    ("GET", "/api/v1/admin/requests"),
    ("POST", "/api/v1/admin/requests/{request}/decision"),
    ("GET", "/api/v1/admin/audit/verification"),
];

#[tokio::test]
async fn no_route_lets_a_second_user_read_or_change_the_first_users_data() {
    let server = Server::start();
    let first = server.user().await;
    let second = server.user().await;
    let (_, session) = first
        .client
        .post(
            "/api/v1/practice-sessions",
            json!({"kind": "meditation", "startedAt": "2025-03-14T07:00:00Z", "endedAt": "2025-03-14T07:10:00Z", "outcome": "completed"}),
        )
        .await;
    let (_, created) = first.client.post("/api/v1/journal-entries", entry("private")).await;
    let (_, request) = first
        .client
        .post("/api/v1/me/requests", json!({"kind": "restriction"}))
        .await;
    let ids = [
        ("{session}", session["id"].as_str().unwrap().to_owned()),
        ("{entry}", created["id"].as_str().unwrap().to_owned()),
        ("{request}", request["request"]["id"].as_str().unwrap().to_owned()),
    ];
    let anonymous = server.client();
    for (method, template) in PROTECTED {
        let path = ids.iter().fold(template.to_string(), |p, (k, v)| p.replace(k, v));
        let (status, body) = anonymous.send(method, &path, Some(json!({}))).await;
        assert_eq!(status, 401, "{method} {path} without a session: {body}");
        let mut forged = anonymous.clone();
        forged.token = Some("A".repeat(43));
        assert_eq!(
            forged.send(method, &path, Some(json!({}))).await.0,
            401,
            "{method} {path}, forged token"
        );
    }
    // The second user, on the first user's records: nothing found, nothing changed.
    for (method, path) in [
        ("GET", format!("/api/v1/practice-sessions/{}", ids[0].1)),
        ("DELETE", format!("/api/v1/practice-sessions/{}", ids[0].1)),
        ("GET", format!("/api/v1/journal-entries/{}", ids[1].1)),
        ("DELETE", format!("/api/v1/journal-entries/{}", ids[1].1)),
    ] {
        assert_eq!(second.client.send(method, &path, None).await.0, 404, "{method} {path}");
    }
    let (status, _) = second
        .client
        .send(
            "PUT",
            &format!("/api/v1/journal-entries/{}", ids[1].1),
            Some(entry("overwritten")),
        )
        .await;
    assert_eq!(status, 404);
    // Reusing the first user's id for a new record of one's own is refused, not a take-over.
    let mut stolen = entry("mine");
    stolen["id"] = json!(ids[1].1);
    assert_eq!(second.client.post("/api/v1/journal-entries", stolen).await.0, 409);
    for path in [
        "/api/v1/practice-sessions",
        "/api/v1/journal-entries",
        "/api/v1/me/requests",
        "/api/v1/me/consents",
    ] {
        let (status, body) = second.client.get(path).await;
        assert_eq!(status, 200);
        assert!(
            !body.to_string().contains(&first.id),
            "{path} shows the first user's data"
        );
    }
    let (_, me) = second.client.get("/api/v1/me").await;
    assert_eq!(me["id"], second.id.as_str());
    let (_, export) = second.client.get("/api/v1/me/export").await;
    assert!(!export.to_string().contains(&first.id));
    for (method, template) in PROTECTED.iter().filter(|(_, p)| p.contains("/admin/")) {
        let path = ids.iter().fold(template.to_string(), |p, (k, v)| p.replace(k, v));
        let (status, body) = second
            .client
            .send(method, &path, Some(json!({"decision": "complete"})))
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (403, Some("auth.role.forbidden")),
            "{method} {path}"
        );
    }
    // Everything of the first user is intact.
    let (_, entry_back) = first.client.get(&format!("/api/v1/journal-entries/{}", ids[1].1)).await;
    assert_eq!(entry_back, created);
    assert_eq!(
        first
            .client
            .get(&format!("/api/v1/practice-sessions/{}", ids[0].1))
            .await
            .1,
        session
    );
}

#[tokio::test]
async fn an_administrator_decides_requests_within_their_deadlines() {
    let server = Server::start();
    let admin = server.user().await;
    let output = server.command(&["grant-admin", &admin.email]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let user = server.user().await;
    let (status, request) = user
        .client
        .post("/api/v1/me/requests", json!({"kind": "objection"}))
        .await;
    assert_eq!(status, 201);
    assert_eq!(request["state"], "in_progress");
    assert_eq!(request["assessment"]["legal"]["status"], "on_track");
    let id = request["request"]["id"].as_str().unwrap();
    let (status, open) = admin.client.get("/api/v1/admin/requests").await;
    assert_eq!(status, 200);
    assert!(open.as_array().unwrap().iter().any(|r| r["request"]["id"] == id));
    let (status, body) = admin
        .client
        .post(
            &format!("/api/v1/admin/requests/{id}/decision"),
            json!({"decision": "refuse", "reason": "manifestly_unfounded", "remediesNotified": false}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str().unwrap()),
        (422, "gdpr.request.refusal_incomplete")
    );
    let (status, decided) = admin
        .client
        .post(
            &format!("/api/v1/admin/requests/{id}/decision"),
            json!({"decision": "complete"}),
        )
        .await;
    assert_eq!(status, 200, "{decided}");
    assert_eq!(decided["state"], "completed");
    assert_eq!(decided["assessment"]["legal"]["status"], "met");
    let (status, body) = admin
        .client
        .post(
            &format!("/api/v1/admin/requests/{id}/decision"),
            json!({"decision": "complete"}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str().unwrap()),
        (409, "gdpr.request.illegal_transition")
    );
}

#[tokio::test]
async fn export_holds_everything_decrypted_and_erasure_leaves_no_live_row_and_backups_no_key_material() {
    let server = Server::start();
    let user = server.user().await;
    let bystander = server.user().await;
    let note = "Souvenir très personnel du 14 mars";
    user.client.post("/api/v1/journal-entries", entry(note)).await;
    user.client
        .post(
            "/api/v1/practice-sessions",
            json!({"kind": "breathing_exercise", "startedAt": "2025-03-14T07:00:00Z", "endedAt": "2025-03-14T07:05:00Z", "plannedDurationSeconds": 300, "outcome": "completed"}),
        )
        .await;
    bystander
        .client
        .post("/api/v1/journal-entries", entry("the bystander's note"))
        .await;
    let (status, export) = user.client.get("/api/v1/me/export").await;
    assert_eq!(status, 200);
    assert_eq!(export["format"], "cesizen.export");
    assert_eq!(export["profile"]["email"], user.email.as_str());
    assert_eq!(export["journalEntries"][0]["note"], note);
    assert_eq!(export["practiceSessions"].as_array().unwrap().len(), 1);
    assert_eq!(export["summary"]["journalEntries"], 1);
    assert_eq!(export["requests"][0]["kind"], "portability");

    let backup = server.dir().join("before-erasure.czbak");
    let output = server.command(&["backup", backup.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let (status, erased) = user.client.post("/api/v1/me/erasure", json!({})).await;
    assert_eq!(status, 200, "{erased}");
    assert_eq!(erased["journalEntries"], 1);
    assert_eq!(user.client.get("/api/v1/me").await.0, 401);
    let (status, _) = server
        .client()
        .post("/api/v1/sessions", json!({"email": user.email, "password": PASSWORD}))
        .await;
    assert_eq!(status, 401);

    // The live database: no row names the user; the proof that survives is the certificate, which names them
    // only by a digest of their id.
    let pool = server.database().await;
    let stored = all_stored_text(&pool).await;
    let mentions = stored.lines().filter(|l| l.contains(&user.id)).count();
    assert_eq!(mentions, 0, "no row mentions the user");
    let digest = cesizen_gdpr::erasure::subject_digest(cesizen_core::id::UserId::parse(&user.id).unwrap());
    assert_eq!(erased["certificate"]["body"]["subjectDigest"], digest.to_string());
    assert!(
        stored.contains(&digest.to_string()),
        "the stored certificate names the digest"
    );

    // The backup taken before: it holds the user's sealed rows and wrapped data key (so that it can restore),
    // never a KEK nor the root key, and nothing in clear. It stops opening for the user once the KEK that wraps
    // their key is destroyed (tests/erasure_backups.rs).
    let backup_rows = read_backup(&server, &backup);
    let user_rows: Vec<&Value> = backup_rows
        .iter()
        .filter(|r| r.to_string().contains(&user.id))
        .collect();
    assert!(user_rows.iter().any(|r| r["table"] == "journal_entries"));
    assert!(user_rows.iter().any(|r| r["table"] == "data_keys"));
    let text = backup_rows.iter().map(Value::to_string).collect::<String>();
    let root = std::fs::read_to_string(&server.key_file).unwrap();
    let mut key_material = vec![root.trim().to_owned()];
    for record in std::fs::read_dir(server.key_file.parent().unwrap().join("keys")).unwrap() {
        key_material.push(
            std::fs::read_to_string(record.unwrap().path())
                .unwrap()
                .trim()
                .to_owned(),
        );
    }
    for secret in key_material
        .iter()
        .map(String::as_str)
        .chain([note, user.email.as_str(), "Camille Durand"])
    {
        assert!(
            !secret.is_empty() && !text.contains(secret),
            "the backup holds {secret:?}"
        );
    }
    let (live_key,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM data_keys WHERE user_id = $1")
        .bind(&user.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        live_key, 0,
        "crypto-shredded: nothing can open the user's sealed fields any more"
    );
    // The bystander is untouched.
    let (_, entries) = bystander.client.get("/api/v1/journal-entries").await;
    assert_eq!(entries[0]["note"], "the bystander's note");
}

/// Decrypts a backup with the deployment's keys (root key file + key custody beside it).
fn read_backup(server: &Server, path: &std::path::Path) -> Vec<Value> {
    use std::io::Read;
    let keyring = common::custody_keyring(&server.key_file);
    let mut reader = keyring
        .stream_reader(std::fs::File::open(path).expect("the backup reads back"))
        .expect("the backup reads back");
    let mut text = String::new();
    reader.read_to_string(&mut text).expect("the backup reads back");
    text.lines()
        .map(|l| serde_json::from_str(l).expect("the backup reads back"))
        .collect()
}

#[tokio::test]
async fn every_acknowledged_write_survives_a_kill_9() {
    let mut server = Server::start();
    let user = server.user().await;
    let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let mut writers = Vec::new();
    for w in 0..4 {
        let client = user.client.clone();
        let acknowledged = acknowledged.clone();
        writers.push(tokio::spawn(async move {
            for i in 0.. {
                let mut body = entry(&format!("writer {w} entry {i}"));
                body["intensity"] = json!(1 + (i % 10));
                let (status, created) = client.post("/api/v1/journal-entries", body).await.clone();
                if status != 201 {
                    break;
                }
                acknowledged
                    .lock()
                    .unwrap()
                    .push(created["id"].as_str().unwrap().to_owned());
            }
        }));
    }
    // Let the writers run, then kill the server in the middle of their stream.
    while acknowledged.lock().unwrap().len() < 200 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    server.crash_and_restart();
    for writer in writers {
        // A request cut by the kill fails in the client; the writer stops there.
        let _ = writer.await;
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 200);
    let mut client = server.client();
    let (_, session) = client
        .post("/api/v1/sessions", json!({"email": user.email, "password": PASSWORD}))
        .await;
    client.token = Some(session["token"].as_str().unwrap().to_owned());
    let (status, stored) = client.get("/api/v1/journal-entries?limit=1000").await;
    assert_eq!(status, 200);
    let stored: std::collections::HashSet<&str> = stored
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let lost: Vec<&String> = acknowledged.iter().filter(|id| !stored.contains(id.as_str())).collect();
    assert!(lost.is_empty(), "{} acknowledged writes lost: {lost:?}", lost.len());
}

#[tokio::test]
async fn health_openapi_and_metrics_are_served() {
    let server = Server::start();
    let client = server.client();
    let (status, health) = client.get("/health").await;
    assert_eq!(status, 200);
    assert_eq!(health["status"], "ok");
    assert_eq!(
        health["database"],
        if common::on_postgres() { "postgres" } else { "sqlite" }
    );
    let (status, openapi) = client.get("/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(openapi["openapi"], "3.1.0");
    // Every protected route is documented, with its method.
    for (method, path) in PROTECTED {
        let documented = path
            .replace("{session}", "{id}")
            .replace("{entry}", "{id}")
            .replace("{request}", "{id}")
            .replace("emotional_journal", "{purpose}");
        let operation = &openapi["paths"][&documented][method.to_lowercase()];
        assert!(operation.is_object(), "{method} {path} is missing from openapi.json");
    }
    let (status, metrics) = client.get("/metrics").await;
    assert_eq!(status, 200);
    let metrics = metrics.as_str().unwrap();
    assert!(metrics.contains("cesizen_http_request_duration_seconds_bucket{route=\"/health\",le=\"+Inf\"} 1"));
    assert!(metrics.contains("cesizen_http_requests_total{route=\"/openapi.json\",method=\"GET\",status=\"200\"} 1"));
    assert!(metrics.contains("cesizen_monitoring_severity{metric=\"api_response_time\",severity=\"normal\"} 1"));
}
