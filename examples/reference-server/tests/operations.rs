//! Black-box tests of the operations scope: incidents, their workflow and timers, outages and the monthly SLA
//! report, for administrators only. On SQLite (default) or on PostgreSQL (`CESIZEN_TEST_DATABASE_URL`, see
//! `cargo xtask test --only server-postgres`), where every test shares one database: nothing here assumes an
//! empty table, and each test that reads a monthly report owns its month.

mod common;

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Timelike, Utc};
use common::{Client, Server, User};
use serde_json::{Value, json};

/// Every operations route: method, documented template, a concrete path, and a body where it takes one.
fn operations_routes() -> Vec<(&'static str, &'static str, &'static str, Option<Value>)> {
    let incident = json!({"title": "Forbidden incident", "impacts": ["app_unreachable"]});
    let outage = json!({"service": "cdn", "start": "2025-01-01T00:00:00Z", "end": "2025-01-01T00:05:00Z"});
    vec![
        (
            "POST",
            "/api/v1/admin/incidents",
            "/api/v1/admin/incidents",
            Some(incident),
        ),
        ("GET", "/api/v1/admin/incidents", "/api/v1/admin/incidents", None),
        (
            "GET",
            "/api/v1/admin/incidents/{id}",
            "/api/v1/admin/incidents/CESIZEN-0001",
            None,
        ),
        (
            "POST",
            "/api/v1/admin/incidents/{id}/actions",
            "/api/v1/admin/incidents/CESIZEN-0001/actions",
            Some(json!({"action": "start"})),
        ),
        (
            "POST",
            "/api/v1/admin/incidents/{id}/breach-notification",
            "/api/v1/admin/incidents/CESIZEN-0001/breach-notification",
            Some(json!({})),
        ),
        ("POST", "/api/v1/admin/outages", "/api/v1/admin/outages", Some(outage)),
        ("GET", "/api/v1/admin/outages", "/api/v1/admin/outages", None),
        (
            "DELETE",
            "/api/v1/admin/outages/{number}",
            "/api/v1/admin/outages/1",
            None,
        ),
        (
            "GET",
            "/api/v1/admin/sla-reports/{year}/{month}",
            "/api/v1/admin/sla-reports/2025/1",
            None,
        ),
    ]
}

/// A signed-in account made administrator by the server's own command (`cesizen-server grant-admin EMAIL`).
async fn admin(server: &Server) -> User {
    let user = server.user().await;
    let out = server.command(&["grant-admin", &user.email]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    user
}

/// The server's clock to the second, a little in the past so that no instant sent is after it.
fn now() -> DateTime<Utc> {
    let now = Utc::now() - TimeDelta::seconds(1);
    now.with_nanosecond(0).expect("whole second")
}

fn time(value: &Value) -> DateTime<Utc> {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a time: {value}"))
        .parse()
        .expect("an RFC 3339 time")
}

async fn open(client: &Client, body: Value) -> Value {
    let (status, incident) = client.post("/api/v1/admin/incidents", body).await;
    assert_eq!(status, 201, "{incident}");
    incident
}

async fn act(client: &Client, id: &Value, action: &str, at: Option<DateTime<Utc>>) -> (u16, Value) {
    let mut body = json!({"action": action});
    if let Some(at) = at {
        body["at"] = json!(at);
    }
    let path = format!("/api/v1/admin/incidents/{}/actions", id.as_str().expect("id"));
    client.post(&path, body).await
}

#[tokio::test]
async fn every_operations_route_is_401_without_a_session_and_403_without_the_admin_role() {
    let server = Server::start();
    let anonymous = server.client();
    let user = server.user().await;
    for (method, _, path, body) in operations_routes() {
        let (status, error) = anonymous.send(method, path, body.clone()).await;
        assert_eq!(
            (status, error["code"].as_str()),
            (401, Some("auth.session.invalid")),
            "{method} {path}"
        );
        let (status, error) = user.client.send(method, path, body).await;
        assert_eq!(
            (status, error["code"].as_str()),
            (403, Some("auth.role.forbidden")),
            "{method} {path}"
        );
    }
    // The same session, once its account holds the role: the role is read at every request.
    let out = server.command(&["grant-admin", &user.email]);
    assert!(out.status.success());
    let (status, incidents) = user.client.get("/api/v1/admin/incidents?limit=1000").await;
    assert_eq!(status, 200, "{incidents}");
    assert!(
        incidents
            .as_array()
            .expect("a list")
            .iter()
            .all(|i| i["title"] != "Forbidden incident"),
        "a refused creation stored nothing"
    );
    for (method, _, path, body) in operations_routes() {
        let (status, _) = user.client.send(method, path, body).await;
        assert!(![401, 403].contains(&status), "{method} {path}: {status}");
    }
}

#[tokio::test]
async fn every_operations_route_is_in_the_openapi_document() {
    let server = Server::start();
    let (status, openapi) = server.client().get("/openapi.json").await;
    assert_eq!(status, 200);
    for (method, template, _, _) in operations_routes() {
        let operation = &openapi["paths"][template][method.to_lowercase()];
        assert!(
            operation.is_object(),
            "{method} {template} is missing from openapi.json"
        );
        assert!(
            operation["responses"]["403"].is_object(),
            "{method} {template}: the 403 is documented"
        );
        assert_eq!(operation["security"], json!([{"bearer": []}]), "{method} {template}");
    }
}

#[tokio::test]
async fn incidents_are_classified_by_the_core_and_follow_the_ticket_workflow() {
    let server = Server::start();
    let ops = admin(&server).await;
    let incident = open(
        &ops.client,
        json!({"title": "Journal sync unavailable", "impacts": ["slowness", "feature_unavailable"]}),
    )
    .await;
    let id = incident["id"].clone();
    assert!(id.as_str().unwrap().starts_with("CESIZEN-"), "{id}");
    assert_eq!(incident["priority"], "p2", "the most urgent impact wins");
    assert_eq!(incident["handling"], "page_on_call");
    assert_eq!(incident["status"], "to_do");
    assert_eq!(incident["allowedActions"], json!(["start"]));
    assert!(incident.get("security").is_none() && incident.get("breachNotification").is_none());
    assert_eq!(
        incident["history"][0]["actor"],
        ops.id.as_str(),
        "the actor is the account id"
    );
    assert_eq!(incident["timers"]["resolution"]["goalMs"], 8 * 3_600_000);

    // An illegal move: 409 with the core's code, and the ticket is unchanged.
    let (status, error) = act(&ops.client, &id, "deploy", None).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (409, Some("workflow.ticket.illegal_transition"))
    );
    let path = format!("/api/v1/admin/incidents/{}", id.as_str().unwrap());
    let (status, unchanged) = ops.client.get(&path).await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            unchanged["status"].clone(),
            unchanged["history"].as_array().unwrap().len()
        ),
        (json!("to_do"), 1)
    );

    // The whole workflow, with a failed review and a failed test.
    let walk = [
        ("start", "in_progress"),
        ("submit_for_review", "code_review"),
        ("reject_review", "in_progress"),
        ("submit_for_review", "code_review"),
        ("approve_review", "test"),
        ("fail_test", "in_progress"),
        ("submit_for_review", "code_review"),
        ("approve_review", "test"),
        ("pass_test", "ready_to_deploy"),
        ("deploy", "deployed"),
        ("close", "closed"),
    ];
    for (action, reached) in walk {
        let (status, moved) = act(&ops.client, &id, action, None).await;
        assert_eq!(
            (status, moved["status"].as_str()),
            (200, Some(reached)),
            "{action}: {moved}"
        );
    }
    let (_, closed) = ops.client.get(&path).await;
    assert_eq!(closed["allowedActions"], json!([]));
    assert_eq!(closed["history"].as_array().unwrap().len(), walk.len() + 1);
    assert_eq!(closed["timers"]["resolution"]["state"], "stopped");
    for action in ["start", "rollback", "close"] {
        let (status, error) = act(&ops.client, &id, action, None).await;
        assert_eq!(
            (status, error["code"].as_str()),
            (409, Some("workflow.ticket.illegal_transition"))
        );
    }

    // Filters: by status and priority; the closed P2 is there, not under another status or priority.
    let listed = |query: &'static str| {
        let client = ops.client.clone();
        let id = id.clone();
        async move {
            let (status, list) = client.get(&format!("/api/v1/admin/incidents?{query}&limit=1000")).await;
            assert_eq!(status, 200, "{list}");
            list.as_array().unwrap().iter().any(|i| i["id"] == id)
        }
    };
    assert!(listed("status=closed&priority=p2").await);
    assert!(!listed("status=to_do").await);
    assert!(!listed("priority=p1").await);
    assert!(!listed("securityLevel=s1").await);
}

#[tokio::test]
async fn bad_incident_input_gets_the_sdk_codes() {
    let server = Server::start();
    let ops = admin(&server).await;
    let cases = [
        (
            json!({"title": "No impact", "impacts": []}),
            422,
            "incident.impact.empty",
        ),
        (
            json!({"title": " padded", "impacts": ["cosmetic"]}),
            422,
            "validation.incident_text.invalid",
        ),
        (
            json!({"title": "Unknown", "impacts": ["explosion"]}),
            422,
            "http.body.invalid",
        ),
        (
            json!({"title": "Later", "impacts": ["cosmetic"], "openedAt": now() + TimeDelta::hours(1)}),
            422,
            "validation.time.in_future",
        ),
        (
            json!({"title": "Aware", "impacts": ["cosmetic"], "awareAt": now()}),
            422,
            "http.body.invalid",
        ),
    ];
    for (body, status, code) in cases {
        let (got, error) = ops.client.post("/api/v1/admin/incidents", body.clone()).await;
        assert_eq!((got, error["code"].as_str()), (status, Some(code)), "{body}");
    }
    for path in ["/api/v1/admin/incidents/CESIZEN-99999999", "/api/v1/admin/incidents/42"] {
        let (status, error) = ops.client.get(path).await;
        assert_eq!(
            (status, error["code"].as_str()),
            (404, Some("http.resource.not_found")),
            "{path}"
        );
    }

    let opened = now() - TimeDelta::hours(1);
    let incident = open(
        &ops.client,
        json!({"title": "Dated moves", "impacts": ["display_bug"], "openedAt": opened}),
    )
    .await;
    let id = incident["id"].clone();
    let (status, error) = act(&ops.client, &id, "start", Some(opened - TimeDelta::minutes(1))).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (422, Some("workflow.event.out_of_order"))
    );
    let (status, error) = act(&ops.client, &id, "start", Some(now() + TimeDelta::hours(1))).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (422, Some("validation.time.in_future"))
    );
    let (status, error) = act(&ops.client, &id, "explode", None).await;
    assert_eq!((status, error["code"].as_str()), (422, Some("http.body.invalid")));
    let (status, started) = act(&ops.client, &id, "start", Some(opened + TimeDelta::minutes(5))).await;
    assert_eq!(status, 200, "{started}");
    assert_eq!(time(&started["history"][1]["at"]), opened + TimeDelta::minutes(5));
}

#[tokio::test]
async fn timers_run_reach_risk_at_half_the_goal_breach_and_meet_from_stored_instants() {
    let server = Server::start();
    let ops = admin(&server).await;
    let p1 = |title: &str, opened: DateTime<Utc>| json!({"title": title, "impacts": ["app_unreachable"], "openedAt": opened});
    let hour = TimeDelta::hours(1);

    // 10 minutes into a P1 (goal < 2 h): running; escalation due at 1 h, breach at 2 h.
    let opened = now() - TimeDelta::minutes(10);
    let running = open(&ops.client, p1("Running", opened)).await;
    let resolution = &running["timers"]["resolution"];
    assert_eq!(
        (resolution["standing"].as_str(), resolution["state"].as_str()),
        (Some("running"), Some("running"))
    );
    assert_eq!(resolution["goalMs"], 7_200_000);
    let cycle = &resolution["cycles"][0];
    assert_eq!(time(&cycle["startedAt"]), opened);
    assert_eq!(time(&cycle["escalationAt"]), opened + hour);
    assert_eq!(time(&cycle["breachDueAt"]), opened + hour * 2);
    assert_eq!(cycle["outcome"], "ongoing");
    assert_eq!(resolution["escalationsDue"], json!([]));
    assert_eq!(running["timers"]["response"]["standing"], "running");
    assert_eq!(running["timers"]["response"]["goalMs"], 4 * 3_600_000);
    // The plan's escalation: the on-call team at once, development (L3) at half the goal.
    let escalations = &running["escalations"];
    assert_eq!(escalations["due"].as_array().unwrap().len(), 1);
    assert_eq!(escalations["due"][0]["targets"], json!(["on_call_team"]));
    assert_eq!(time(&escalations["due"][0]["at"]), opened);
    assert_eq!(escalations["next"]["targets"], json!(["l3_development"]));
    assert_eq!(time(&escalations["next"]["at"]), opened + hour);

    // 70 minutes in: at risk, the 50 % escalation is due.
    let opened = now() - TimeDelta::minutes(70);
    let at_risk = open(&ops.client, p1("At risk", opened)).await;
    let resolution = &at_risk["timers"]["resolution"];
    assert_eq!(resolution["standing"], "at_risk");
    assert_eq!(
        resolution["escalationsDue"],
        json!([{"cycle": 0, "at": resolution["cycles"][0]["escalationAt"]}])
    );
    assert_eq!(time(&resolution["escalationsDue"][0]["at"]), opened + hour);
    assert_eq!(at_risk["escalations"]["due"].as_array().unwrap().len(), 2);
    assert!(at_risk["escalations"]["next"].is_null());

    // Three hours in: breached at exactly 2 h, remaining negative.
    let opened = now() - hour * 3;
    let breached = open(&ops.client, p1("Breached", opened)).await;
    let cycle = &breached["timers"]["resolution"]["cycles"][0];
    assert_eq!(breached["timers"]["resolution"]["standing"], "breached");
    assert_eq!(time(&cycle["breachedAt"]), opened + hour * 2);
    assert!(cycle["remainingMs"].as_i64().unwrap() <= -3_600_000, "{cycle}");

    // Deployed 50 minutes after opening: met; the response (work started after 10 minutes) met too.
    let met = open(&ops.client, p1("Met", opened)).await;
    let id = met["id"].clone();
    for (action, minutes) in [
        ("start", 10),
        ("submit_for_review", 20),
        ("approve_review", 30),
        ("pass_test", 40),
        ("deploy", 50),
    ] {
        let (status, moved) = act(&ops.client, &id, action, Some(opened + TimeDelta::minutes(minutes))).await;
        assert_eq!(status, 200, "{action}: {moved}");
    }
    let (_, met) = ops
        .client
        .get(&format!("/api/v1/admin/incidents/{}", id.as_str().unwrap()))
        .await;
    let resolution = &met["timers"]["resolution"];
    assert_eq!(
        (resolution["standing"].as_str(), resolution["state"].as_str()),
        (Some("met"), Some("stopped"))
    );
    assert_eq!(resolution["cycles"][0]["elapsedMs"], 50 * 60_000);
    assert_eq!(
        time(&resolution["cycles"][0]["stoppedAt"]),
        opened + TimeDelta::minutes(50)
    );
    assert_eq!(met["timers"]["response"]["standing"], "met");
    assert_eq!(met["timers"]["response"]["cycles"][0]["elapsedMs"], 10 * 60_000);

    // A rollback opens a new cycle with the full goal.
    let (status, rolled_back) = act(&ops.client, &id, "rollback", Some(opened + TimeDelta::minutes(60))).await;
    assert_eq!(status, 200);
    let resolution = &rolled_back["timers"]["resolution"];
    assert_eq!(resolution["cycles"].as_array().unwrap().len(), 2);
    assert_eq!(resolution["cycles"][0]["outcome"], "met");
    assert_eq!(
        time(&resolution["cycles"][1]["breachedAt"]),
        opened + TimeDelta::minutes(60) + hour * 2
    );
    assert_eq!(resolution["standing"], "breached");
}

#[tokio::test]
async fn security_incidents_take_the_stricter_goal_and_a_breach_runs_the_art_33_clock() {
    let server = Server::start();
    let ops = admin(&server).await;
    let aware = now() - TimeDelta::hours(71);
    let leak = open(
        &ops.client,
        json!({
            "title": "Export bucket readable",
            "impacts": ["display_bug"],
            "securityEvents": ["suspicious_logs", "data_leak"],
            "personalDataBreach": true,
            "awareAt": aware,
            "openedAt": now() - TimeDelta::minutes(5)
        }),
    )
    .await;
    assert_eq!(leak["priority"], "p3");
    assert_eq!(
        leak["security"],
        json!({
            "level": "s1",
            "events": ["suspicious_logs", "data_leak"],
            "responseGoalMs": 1_800_000,
            "requiredActions": ["isolate", "notify_cnil"],
            "audience": "ciso_and_management"
        })
    );
    assert_eq!(
        leak["timers"]["resolution"]["goalMs"], 1_800_000,
        "S1's 30 minutes beat P3's 24 hours"
    );
    let clock = &leak["breachNotification"];
    assert_eq!(time(&clock["awareAt"]), aware);
    assert_eq!(time(&clock["deadline"]), aware + TimeDelta::hours(72));
    assert_eq!(clock["overdue"], false);
    let remaining = clock["remainingMs"].as_i64().unwrap();
    assert!((3_000_000..=3_600_000).contains(&remaining), "{remaining}");
    let (_, listed) = ops
        .client
        .get("/api/v1/admin/incidents?securityLevel=s1&limit=1000")
        .await;
    assert!(listed.as_array().unwrap().iter().any(|i| i["id"] == leak["id"]));

    // Awareness defaults to the opening; 73 hours later the notification is overdue.
    let opened = now() - TimeDelta::hours(73);
    let late = open(
        &ops.client,
        json!({"title": "Old intrusion", "impacts": ["data_loss"], "securityEvents": ["successful_intrusion"],
               "personalDataBreach": true, "openedAt": opened}),
    )
    .await;
    assert_eq!(
        (late["priority"].as_str(), late["security"]["level"].as_str()),
        (Some("p1"), Some("s2"))
    );
    let clock = &late["breachNotification"];
    assert_eq!(time(&clock["awareAt"]), opened);
    assert_eq!(clock["overdue"], true);
    assert!(clock["remainingMs"].as_i64().unwrap() <= -3_600_000);
    assert!(clock["notifiedAt"].is_null() && clock["notifiedLate"].is_null());

    // Recording the notification to the authority stops the clock and tells whether it was late, once.
    let notify = |incident: &Value| {
        format!(
            "/api/v1/admin/incidents/{}/breach-notification",
            incident["id"].as_str().unwrap()
        )
    };
    let (status, error) = ops
        .client
        .post(&notify(&leak), json!({"notifiedAt": aware - TimeDelta::minutes(1)}))
        .await;
    assert_eq!(
        (status, error["code"].as_str()),
        (422, Some("workflow.event.out_of_order"))
    );
    let (status, error) = ops
        .client
        .post(&notify(&leak), json!({"notifiedAt": now() + TimeDelta::hours(1)}))
        .await;
    assert_eq!(
        (status, error["code"].as_str()),
        (422, Some("validation.time.in_future"))
    );
    let on_time = aware + TimeDelta::hours(70);
    let (status, notified) = ops.client.post(&notify(&leak), json!({"notifiedAt": on_time})).await;
    assert_eq!(status, 200, "{notified}");
    let clock = &notified["breachNotification"];
    assert_eq!(
        (time(&clock["notifiedAt"]), clock["notifiedLate"].as_bool()),
        (on_time, Some(false))
    );
    let (status, error) = ops.client.post(&notify(&leak), json!({})).await;
    assert_eq!((status, error["code"].as_str()), (409, Some("conflict.record.exists")));
    let (status, notified) = ops.client.post(&notify(&late), json!({})).await;
    assert_eq!(status, 200, "{notified}");
    let clock = &notified["breachNotification"];
    assert_eq!(
        (clock["notifiedLate"].as_bool(), clock["overdue"].as_bool()),
        (Some(true), Some(false))
    );
    let (_, reread) = ops
        .client
        .get(&format!("/api/v1/admin/incidents/{}", late["id"].as_str().unwrap()))
        .await;
    let stored = &reread["breachNotification"];
    assert_eq!(
        (&stored["notifiedAt"], &stored["notifiedLate"]),
        (&clock["notifiedAt"], &clock["notifiedLate"])
    );

    // An incident without personal data exists but has no breach to notify: 409, not 404 (which would say
    // the incident is not there).
    let plain = open(&ops.client, json!({"title": "Slow pages", "impacts": ["slowness"]})).await;
    let (status, error) = ops.client.post(&notify(&plain), json!({})).await;
    assert_eq!((status, error["code"].as_str()), (409, Some("incident.breach.none")));
}

#[tokio::test]
async fn outages_feed_the_monthly_sla_report_of_cesizen_sla() {
    use cesizen_sla::{
        Interval, Outage, Period, Ppm, Rules, ServiceCatalog, ServiceId, ServiceObservations, monthly_report,
        reliability,
    };

    let server = Server::start();
    let ops = admin(&server).await;
    // March 2025 in Paris (743 hours: the spring-forward night) belongs to this test alone.
    let records = [
        (
            "core-api",
            "outage",
            "2025-03-10T10:00:00Z",
            "2025-03-10T10:30:00Z",
            None,
        ),
        ("cdn", "outage", "2025-03-10T10:00:00Z", "2025-03-10T10:05:00Z", None),
        (
            "database",
            "outage",
            "2025-03-02T01:00:00Z",
            "2025-03-02T02:00:00Z",
            None,
        ),
        (
            "database",
            "maintenance",
            "2025-03-02T00:30:00Z",
            "2025-03-02T02:10:00Z",
            None,
        ),
        (
            "web-app",
            "outage",
            "2025-03-20T08:00:00Z",
            "2025-03-20T09:00:00Z",
            Some(500_000),
        ),
        // Across the start of the month (Paris midnight is 23:00 UTC): half of it counts.
        (
            "web-app",
            "outage",
            "2025-02-28T22:30:00Z",
            "2025-02-28T23:30:00Z",
            None,
        ),
    ];
    let mut numbers = Vec::new();
    let mut observed: BTreeMap<ServiceId, ServiceObservations> = BTreeMap::new();
    for (service, kind, start, end, weight) in records {
        let mut body = json!({"service": service, "kind": kind, "start": start, "end": end});
        if let Some(weight) = weight {
            body["weightPpm"] = json!(weight);
        }
        let (status, record) = ops.client.post("/api/v1/admin/outages", body).await;
        assert_eq!(status, 201, "{record}");
        assert_eq!(
            (record["service"].as_str(), record["kind"].as_str()),
            (Some(service), Some(kind))
        );
        numbers.push(record["number"].as_i64().unwrap());
        let interval = Interval::new(start.parse().unwrap(), end.parse().unwrap()).unwrap();
        let seen = observed.entry(ServiceId::new(service).unwrap()).or_default();
        if kind == "maintenance" {
            seen.maintenance.push(interval);
        } else {
            seen.outages.push(Outage::partial(
                interval,
                Ppm::new(weight.unwrap_or(1_000_000)).unwrap(),
            ));
        }
    }
    let expected = |observed: &BTreeMap<ServiceId, ServiceObservations>| {
        let report = monthly_report(
            &ServiceCatalog::plan(),
            cesizen_core::CalendarMonth::new(2025, 3).unwrap(),
            Rules::plan().report_time_zone(),
            observed,
        )
        .expect("the crate's report");
        serde_json::to_value(report).unwrap()
    };
    // Beside the report, each service's failures, MTTR and MTBF by cesizen-sla's `reliability`, in catalog order.
    let expected_reliability = |observed: &BTreeMap<ServiceId, ServiceObservations>| {
        let march = Period::calendar_month(
            cesizen_core::CalendarMonth::new(2025, 3).unwrap(),
            Rules::plan().report_time_zone(),
        )
        .unwrap();
        let lines: Vec<Value> = ServiceCatalog::plan()
            .services()
            .iter()
            .map(|service| {
                let outages: Vec<Interval> = observed
                    .get(&service.id)
                    .map(|seen| seen.outages.iter().map(Outage::interval).collect())
                    .unwrap_or_default();
                let mut line = serde_json::to_value(reliability(&march, &outages)).unwrap();
                line["service"] = json!(service.id);
                line
            })
            .collect();
        Value::from(lines)
    };
    let split = |mut served: Value| {
        let reliability = served.as_object_mut().unwrap().remove("reliability").unwrap();
        (served, reliability)
    };
    let (status, served) = ops.client.get("/api/v1/admin/sla-reports/2025/3").await;
    assert_eq!(status, 200, "{served}");
    let (report, lines) = split(served);
    assert_eq!(report, expected(&observed));
    assert_eq!(lines, expected_reliability(&observed));
    let reliability_of = |service: &str| {
        lines
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["service"] == service)
            .cloned()
    };
    // web-app: two failures (one at 50 %, one half inside March: both count whole as failures), 90 minutes down
    // of March's 743 hours.
    let web = reliability_of("web-app").unwrap();
    let march_ms: u64 = 743 * 3_600_000;
    assert_eq!(
        (
            web["failures"].as_u64(),
            web["downtimeMs"].as_u64(),
            web["mttrMs"].as_u64(),
            web["mtbfMs"].as_u64()
        ),
        (
            Some(2),
            Some(5_400_000),
            Some(2_700_000),
            Some((march_ms - 5_400_000) / 2)
        )
    );
    // Maintenance is not a failure; a service without outage has no means.
    assert_eq!(reliability_of("database").unwrap()["failures"], 1);
    let auth = reliability_of("authentication").unwrap();
    assert_eq!((auth["failures"].as_u64(), auth["mttrMs"].is_null()), (Some(0), true));
    let line = |report: &Value, service: &str| {
        report["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["service"] == service)
            .cloned()
            .unwrap()
    };
    let cdn = line(&report, "cdn");
    assert_eq!(
        (
            cdn["allowedMs"].as_i64(),
            cdn["usedMs"].as_i64(),
            cdn["leftMs"].as_i64(),
            cdn["met"].as_bool()
        ),
        (Some(267_480), Some(300_000), Some(-32_520), Some(false))
    );
    let database = line(&report, "database");
    assert_eq!(
        (database["usedMs"].as_i64(), database["met"].as_bool()),
        (Some(0), Some(true))
    );
    assert_eq!(
        line(&report, "web-app")["usedMs"],
        60 * 60_000,
        "30 min at 50 % and 30 min inside March"
    );

    // The list, by service and period.
    let (status, listed) = ops
        .client
        .get("/api/v1/admin/outages?service=cdn&from=2025-03-01T00:00:00Z&to=2025-04-01T00:00:00Z&limit=1000")
        .await;
    assert_eq!(status, 200, "{listed}");
    let listed = listed.as_array().unwrap();
    assert!(listed.iter().all(|r| r["service"] == "cdn"));
    assert!(
        listed
            .iter()
            .any(|r| r["number"] == numbers[1] && r["durationMs"] == 300_000)
    );

    // Withdrawing the CDN outage: the report follows.
    let cdn_record = format!("/api/v1/admin/outages/{}", numbers[1]);
    assert_eq!(ops.client.send("DELETE", &cdn_record, None).await.0, 204);
    assert_eq!(ops.client.send("DELETE", &cdn_record, None).await.0, 404);
    observed.remove(&ServiceId::new("cdn").unwrap());
    let (_, served) = ops.client.get("/api/v1/admin/sla-reports/2025/3").await;
    let (report, lines) = split(served);
    assert_eq!(report, expected(&observed));
    assert_eq!(lines, expected_reliability(&observed));
    assert_eq!(line(&report, "cdn")["met"], true);
}

#[tokio::test]
async fn bad_outage_input_and_report_months_get_the_sdk_codes() {
    let server = Server::start();
    let ops = admin(&server).await;
    let record = |service: &str, start: &str, end: &str| json!({"service": service, "start": start, "end": end});
    let cases = [
        (
            record("search", "2025-01-01T00:00:00Z", "2025-01-01T00:05:00Z"),
            "sla.service.unknown",
        ),
        (
            record("Core API", "2025-01-01T00:00:00Z", "2025-01-01T00:05:00Z"),
            "validation.service_id.invalid",
        ),
        (
            record("cdn", "2025-01-01T00:05:00Z", "2025-01-01T00:00:00Z"),
            "sla.interval.reversed",
        ),
        (
            json!({"service": "cdn", "start": "2025-01-01T00:00:00Z", "end": "2025-01-01T00:05:00Z", "weightPpm": 1_000_001}),
            "sla.fraction.out_of_range",
        ),
        (
            json!({"service": "cdn", "kind": "maintenance", "start": "2025-01-01T00:00:00Z",
                   "end": "2025-01-01T00:05:00Z", "weightPpm": 500_000}),
            "http.body.invalid",
        ),
        (
            json!({"service": "cdn", "start": "yesterday", "end": "today"}),
            "http.body.invalid",
        ),
    ];
    for (body, code) in cases {
        let (status, error) = ops.client.post("/api/v1/admin/outages", body.clone()).await;
        assert_eq!((status, error["code"].as_str()), (422, Some(code)), "{body}");
    }
    let (status, error) = ops.client.get("/api/v1/admin/sla-reports/2025/13").await;
    assert_eq!((status, error["code"].as_str()), (422, Some("sla.period.invalid")));
    for path in ["/api/v1/admin/sla-reports/2025/march", "/api/v1/admin/outages/none"] {
        let (status, _) = ops
            .client
            .send(if path.contains("outages") { "DELETE" } else { "GET" }, path, None)
            .await;
        assert_eq!(status, 404, "{path}");
    }
    let (status, _) = ops.client.get("/api/v1/admin/outages?service=search").await;
    assert_eq!(status, 422);
}
