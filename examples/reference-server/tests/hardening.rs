//! Black-box tests of the findings of an attack on the reference server, each written to fail before its fix,
//! on SQLite or on the PostgreSQL of `CESIZEN_TEST_DATABASE_URL`.

mod common;

use common::{PASSWORD, Server};
use serde_json::json;

/// Sends `count` requests with an invented method of `len` bytes; returns how many the server answered.
async fn custom_methods(server: &Server, count: usize, len: usize) -> usize {
    let http = reqwest::Client::new();
    let mut answered = 0;
    for i in 0..count {
        let name: String = format!("X{i:06}")
            .chars()
            .chain(std::iter::repeat_n('Q', len))
            .collect();
        let method = reqwest::Method::from_bytes(name.as_bytes()).expect("a token");
        if http
            .request(method, format!("{}/api/v1/me", server.base))
            .send()
            .await
            .is_ok()
        {
            answered += 1;
        }
    }
    answered
}

#[tokio::test]
async fn invented_http_methods_never_become_metric_labels() {
    let server = Server::start_isolated(&[]).await;
    let client = server.client();
    // The first invented methods add the route's lines (as any first request does); the next ones add nothing.
    assert!(custom_methods(&server, 5, 2_000).await > 0);
    client.get("/metrics").await; // and the first read of /metrics adds its own route's lines to the next
    let (_, before) = client.get("/metrics").await;
    let before = before.as_str().expect("text").len();
    assert!(custom_methods(&server, 200, 2_000).await > 0);
    let (status, metrics) = client.get("/metrics").await;
    assert_eq!(status, 200);
    let metrics = metrics.as_str().expect("text");
    assert!(!metrics.contains("QQQQ"), "an invented method is a label");
    assert!(
        metrics.contains("method=\"other\""),
        "unknown methods are counted as other"
    );
    // Bounded: counters grow by a digit or two, no line is added per invented method.
    assert!(metrics.len() < before + 200, "{} → {} bytes", before, metrics.len());
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_a_401_names_its_scheme() {
    let server = Server::start();
    let user = server.user().await;
    let http = reqwest::Client::new();
    let token = user.client.token.clone().expect("signed in");
    let requests = [
        (
            "POST",
            "/api/v1/sessions",
            Some(json!({"email": user.email, "password": PASSWORD})),
            None,
        ),
        ("GET", "/api/v1/me", None, Some(token.as_str())),
        ("GET", "/api/v1/journal-entries", None, Some(token.as_str())),
        ("GET", "/api/v1/me", None, None),
        ("GET", "/api/v1/nowhere", None, None),
        ("GET", "/health", None, None),
        ("GET", "/metrics", None, None),
    ];
    for (method, path, body, bearer) in requests {
        let mut request = http.request(method.parse().expect("method"), format!("{}{path}", server.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("answered");
        let headers = response.headers();
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(header("cache-control"), "no-store", "{method} {path}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{method} {path}");
        assert_eq!(header("x-frame-options"), "DENY", "{method} {path}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{method} {path}");
        assert!(
            header("content-security-policy").contains("frame-ancestors 'none'"),
            "{method} {path}"
        );
        if response.status() == 401 {
            assert!(header("www-authenticate").starts_with("Bearer"), "{method} {path}");
        }
    }
}

/// Signs in to `email` with every password of `passwords` at once, each from its own client; the statuses in
/// the order of `passwords`.
async fn parallel_sign_ins(server: &Server, email: &str, passwords: Vec<String>) -> Vec<u16> {
    let mut attempts = Vec::new();
    for password in passwords {
        let client = server.client();
        let email = email.to_owned();
        attempts.push(tokio::spawn(async move {
            client
                .post("/api/v1/sessions", json!({"email": email, "password": password}))
                .await
                .0
        }));
    }
    let mut statuses = Vec::new();
    for attempt in attempts {
        statuses.push(attempt.await.expect("joined"));
    }
    statuses
}

fn wrong_password(i: usize) -> String {
    format!("Faux-mot-de-passe-{i}!")
}

#[tokio::test]
async fn the_lockout_holds_under_parallel_sign_ins() {
    let server = Server::start();
    let user = server.user().await;
    // 19 wrong passwords and the right one, all at once, on a fresh account.
    let passwords = (0..20)
        .map(|i| if i == 7 { PASSWORD.to_owned() } else { wrong_password(i) })
        .collect();
    let statuses = parallel_sign_ins(&server, &user.email, passwords).await;
    let count = |status: u16| statuses.iter().filter(|s| **s == status).count();
    assert_eq!(count(201) + count(401) + count(429), 20, "{statuses:?}");
    let max_failures = cesizen_core::user::LockoutPolicy::default().max_failures() as usize;
    // Which attempt the server takes first is the scheduler's choice, so each outcome is checked for what it allows.
    let owner_got_in = count(201) == 1;
    if owner_got_in {
        // The owner's attempt was evaluated, so fewer than `max_failures` failures came before it; its success
        // cleared them (the policy's rule) and at most `max_failures` more can follow before the lock. While the
        // owner's password is being checked, the attempt counts as a failure, so the lock may come one guess
        // sooner.
        assert!(count(401) < 2 * max_failures, "{statuses:?}");
    } else {
        // The owner came after the lock: exactly `max_failures` guesses were evaluated, the rest refused.
        assert_eq!(count(401), max_failures, "{statuses:?}");
    }
    let (status, _) = server
        .client()
        .post(
            "/api/v1/sessions",
            json!({"email": user.email, "password": "Encore-un-essai-9!"}),
        )
        .await;
    // Locked by the wrong guesses alone; after the owner's success, locked only if `max_failures` failures
    // followed it, so the next guess may be evaluated.
    let expected: &[u16] = if owner_got_in { &[401, 429] } else { &[429] };
    assert!(expected.contains(&status), "{status} after {statuses:?}");
}

#[tokio::test]
async fn parallel_wrong_guesses_lock_the_address() {
    let server = Server::start();
    let user = server.user().await;
    let statuses = parallel_sign_ins(&server, &user.email, (0..20).map(wrong_password).collect()).await;
    let max_failures = cesizen_core::user::LockoutPolicy::default().max_failures() as usize;
    let count = |status: u16| statuses.iter().filter(|s| **s == status).count();
    assert_eq!(
        (count(401), count(429)),
        (max_failures, 20 - max_failures),
        "{statuses:?}"
    );
    // Even the right password is refused now.
    let (status, _) = server
        .client()
        .post("/api/v1/sessions", json!({"email": user.email, "password": PASSWORD}))
        .await;
    assert_eq!(status, 429);
}

#[tokio::test]
async fn a_client_spraying_many_addresses_is_slowed_and_the_failed_login_alert_fires() {
    let server = Server::start_isolated(&[]).await;
    let client = server.client();
    let mut statuses = Vec::new();
    for i in 0..60 {
        let (status, _) = client
            .post(
                "/api/v1/sessions",
                json!({"email": format!("spray-{i}@example.fr"), "password": "Printemps-2025!"}),
            )
            .await;
        statuses.push(status);
    }
    let limit = 20;
    assert!(statuses[..limit].iter().all(|s| *s == 401), "{statuses:?}");
    assert!(statuses[limit..].iter().all(|s| *s == 429), "{statuses:?}");
    let (_, metrics) = client.get("/metrics").await;
    let metrics = metrics.as_str().expect("text");
    assert!(
        metrics.contains("cesizen_monitoring_severity{metric=\"failed_logins\",severity=\"critical\"} 1"),
        "{metrics}"
    );
}

#[tokio::test]
async fn an_address_change_answers_the_same_for_any_address_and_applies_only_once_confirmed() {
    let server = Server::start();
    let user = server.user().await;
    let owner = server.user().await;
    let anonymous = server.client();
    let free = format!("nouvelle-{:016x}@example.fr", getrandom::u64().expect("entropy"));

    // A registered address and a free one: the same answer.
    let (status_taken, body_taken) = user
        .client
        .send("PATCH", "/api/v1/me", Some(json!({"email": owner.email})))
        .await;
    let (status_free, body_free) = user
        .client
        .send("PATCH", "/api/v1/me", Some(json!({"email": free})))
        .await;
    assert_eq!((status_taken, &body_taken), (status_free, &body_free));
    assert_eq!(status_free, 202, "{body_free}");
    // The account's own address is told of each request (no token: nothing to act on but to notice).
    let own = common::outbox_with(&anonymous, &user.email, 3).await;
    let told = own
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "email_change_requested");
    assert_eq!(told.filter(|m| m["token"].is_null()).count(), 2);
    // Nothing changed yet: the account keeps its address, the free one is still free.
    let (_, me) = user.client.get("/api/v1/me").await;
    assert_eq!(me["email"], user.email.as_str());
    // The owner of the registered address is told, with nothing to act on; the free one gets the token.
    let notice = common::outbox_with(&anonymous, &owner.email, 2).await;
    assert!(
        notice
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["kind"] == "email_in_use" && m["token"].is_null())
    );
    let mail = common::outbox_with(&anonymous, &free, 1).await;
    let token = mail[0]["token"].as_str().expect("a token").to_owned();
    assert_eq!(mail[0]["kind"], "email_change");

    // Confirmed: the new address is the account's, confirmed; the old one no longer signs in.
    let (status, body) = anonymous
        .post("/api/v1/email-changes/confirm", json!({"token": token}))
        .await;
    assert_eq!(status, 204, "{body}");
    let (_, me) = user.client.get("/api/v1/me").await;
    assert_eq!(me["email"], free.as_str());
    assert!(me["emailConfirmedAt"].is_string());
    let (status, _) = anonymous
        .post("/api/v1/sessions", json!({"email": free, "password": PASSWORD}))
        .await;
    assert_eq!(status, 201);
    let (status, body) = anonymous
        .post("/api/v1/email-changes/confirm", json!({"token": token}))
        .await;
    assert_eq!((status, body["code"].as_str()), (400, Some("auth.token.invalid")));
}

#[tokio::test]
async fn an_address_asked_for_but_not_confirmed_cannot_be_squatted() {
    let server = Server::start();
    let squatter = server.user().await;
    let anonymous = server.client();
    let victim = format!("victime-{:016x}@example.fr", getrandom::u64().expect("entropy"));
    let (status, _) = squatter
        .client
        .send("PATCH", "/api/v1/me", Some(json!({"email": victim})))
        .await;
    assert_eq!(status, 202);
    let token = common::outbox_with(&anonymous, &victim, 1).await[0]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    // The address's owner signs up meanwhile: the account is created (202) and signs in (201).
    server.user_at(&victim).await;
    // The pending change can no longer take it.
    let (status, body) = anonymous
        .post("/api/v1/email-changes/confirm", json!({"token": token}))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("account.email.unavailable"))
    );
    let (_, me) = squatter.client.get("/api/v1/me").await;
    assert_eq!(me["email"], squatter.email.as_str());
}

#[tokio::test]
async fn documented_limits_are_enforced_and_a_large_declared_body_gets_a_json_error() {
    let server = Server::start();
    let user = server.user().await;
    for path in ["/api/v1/journal-entries", "/api/v1/practice-sessions"] {
        for limit in ["0", "1001", "4294967296"] {
            let (status, body) = user.client.get(&format!("{path}?limit={limit}")).await;
            assert_eq!(
                (status, body["code"].as_str()),
                (422, Some("http.query.invalid")),
                "{path}?limit={limit}"
            );
        }
        for limit in ["1", "1000"] {
            assert_eq!(
                user.client.get(&format!("{path}?limit={limit}")).await.0,
                200,
                "{path}?limit={limit}"
            );
        }
    }
    // A body declared larger than the limit is refused before it is read, as {code, message} like any error.
    let response = user
        .client
        .raw(
            "POST",
            "/api/v1/journal-entries",
            "application/json",
            vec![b' '; 70 * 1024],
        )
        .await;
    assert_eq!(response.status(), 413);
    let body: serde_json::Value = response.json().await.expect("a JSON error");
    assert_eq!(body["code"], "http.body.too_large");
}

#[tokio::test]
async fn every_route_reads_instants_in_one_range() {
    let server = Server::start();
    let user = server.user().await;
    let admin = server.user().await;
    assert!(server.command(&["grant-admin", &admin.email]).status.success());
    let session = |start: &str, end: &str| json!({"kind": "meditation", "startedAt": start, "endedAt": end, "outcome": "completed"});
    let mut journal = common::entry("x");
    journal["recordedAt"] = json!("+10000-01-01T00:00:00Z");
    let cases = [
        (
            &user.client,
            "/api/v1/practice-sessions",
            session("+10000-01-01T00:00:00Z", "+10000-01-01T00:10:00Z"),
        ),
        (
            &user.client,
            "/api/v1/practice-sessions",
            session("-0001-01-01T00:00:00Z", "-0001-01-01T00:10:00Z"),
        ),
        (&user.client, "/api/v1/journal-entries", journal),
        (
            &admin.client,
            "/api/v1/admin/outages",
            json!({"service": "core-api", "start": "+10000-01-01T00:00:00Z", "end": "+10000-01-01T00:30:00Z"}),
        ),
        (
            &admin.client,
            "/api/v1/admin/incidents",
            json!({"title": "t", "impacts": ["app_unreachable"], "awareAt": "0000-01-01T00:00:00Z"}),
        ),
    ];
    for (client, path, body) in cases {
        let (status, answer) = client.post(path, body.clone()).await;
        assert_eq!(status, 422, "{path} {body}: {answer}");
    }
}

#[tokio::test]
async fn request_schemas_name_exactly_the_sdks_codes() {
    use cesizen_core::emotion::{BaseEmotion, ContextTag, Nuance};
    let server = Server::start();
    let (_, openapi) = server.client().get("/openapi.json").await;
    let entry = &openapi["components"]["schemas"]["JournalEntry"]["properties"];
    let listed = |value: &serde_json::Value| -> Vec<String> {
        value["enum"]
            .as_array()
            .expect("an enum")
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect()
    };
    let codes = |all: Vec<&str>| all.into_iter().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(
        listed(&entry["emotion"]["properties"]["base"]),
        codes(BaseEmotion::ALL.iter().map(|e| e.code()).collect())
    );
    assert_eq!(
        listed(&entry["emotion"]["properties"]["nuance"]),
        codes(Nuance::ALL.iter().map(|e| e.code()).collect())
    );
    assert_eq!(
        listed(&entry["contextTags"]["items"]),
        codes(ContextTag::ALL.iter().map(|e| e.code()).collect())
    );
    // A token's schema takes exactly the SDK's text form.
    let pattern = openapi["components"]["schemas"]["Token"]["properties"]["token"]["pattern"]
        .as_str()
        .unwrap();
    assert_eq!(pattern, "^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$");
    let token = cesizen_core::user::TokenSecret::generate()
        .unwrap()
        .to_text()
        .to_string();
    assert_eq!(token.len(), 43);
    assert!("AEIMQUYcgkosw048".contains(token.chars().last().unwrap()));
}

#[tokio::test]
async fn a_body_that_is_not_a_json_object_is_refused_even_when_serde_could_read_it_as_a_sequence() {
    let server = Server::start();
    let user = server.user().await;
    for body in [json!([null, null]), json!(["Camille"]), json!(null)] {
        let (status, answer) = user.client.send("PATCH", "/api/v1/me", Some(body.clone())).await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (422, Some("http.body.invalid")),
            "{body}"
        );
    }
}
