//! `cesizen sla`: downtime, burn-rate tables and the monthly report on real files.

use crate::Env;

/// October 2025 (745 h in Paris): core-api and cdn overspend, the rest meet their targets.
pub const OUTAGES_CSV: &str = "\
service,start,end,weight,kind
core-api,2025-10-03T02:00:00Z,2025-10-03T02:30:00Z,,outage
core-api,2025-10-21T14:05:00Z,2025-10-21T14:25:00Z,,outage
web-app,2025-10-08T12:00:00Z,2025-10-08T14:00:00Z,50,outage
web-app,2025-10-15T09:00:00Z,2025-10-15T09:40:00Z,,outage
database,2025-10-12T00:30:00Z,2025-10-12T02:00:00Z,,maintenance
database,2025-10-12T01:00:00Z,2025-10-12T01:20:00Z,,outage
database,2025-10-27T23:50:00Z,2025-10-28T00:02:00Z,,outage
cdn,2025-10-18T06:00:00Z,2025-10-18T06:07:00Z,,outage
authentication,2025-10-25T20:00:00Z,2025-10-25T20:12:00Z,,outage
";

#[test]
fn downtime_over_a_rolling_window_and_a_calendar_month() {
    let env = Env::new();
    let rolling = env
        .run(&["sla", "downtime", "--target", "99.9", "--period", "30d", "--json"])
        .ok()
        .json();
    assert_eq!(
        (rolling["allowedMs"].clone(), rolling["periodMs"].clone()),
        (2_592_000.into(), 2_592_000_000u64.into())
    );
    let text = env
        .run(&["sla", "downtime", "--target", "99.5", "--period", "30d"])
        .ok()
        .stdout;
    assert_eq!(text, "99.5 % over 720 h allows 3 h 36 min of downtime (12960000 ms)\n");
    // March in Paris has 743 h: 99.9 % allows 44 min 34.8 s.
    let march = env
        .run(&[
            "sla",
            "downtime",
            "--target",
            "99.9",
            "--month",
            "2025-03",
            "--tz",
            "Europe/Paris",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        (march["allowedMs"].clone(), march["periodMs"].clone()),
        (2_674_800.into(), (743u64 * 3_600_000).into())
    );
    assert_eq!(march["periodStart"], "2025-02-28T23:00:00Z");
    let utc = env
        .run(&[
            "sla", "downtime", "--target", "99.9", "--month", "2025-03", "--tz", "UTC", "--json",
        ])
        .ok()
        .json();
    assert_eq!(utc["periodMs"], 744u64 * 3_600_000);
}

#[test]
fn burn_rate_tables_come_from_the_policy_and_warn_about_rules_that_cannot_fire() {
    let env = Env::new();
    let table = env
        .run(&["sla", "burn-rates", "--target", "99.9", "--period", "30d", "--json"])
        .ok()
        .json();
    let rules = table["rules"].as_array().unwrap();
    let burns: Vec<&str> = rules.iter().map(|r| r["burnRate"].as_str().unwrap()).collect();
    assert_eq!(burns, ["14.4×", "6×", "3×", "1×"]);
    assert_eq!(rules[0]["severity"], "page");
    assert_eq!(
        (rules[0]["longWindowMs"].clone(), rules[0]["shortWindowMs"].clone()),
        (3_600_000.into(), 300_000.into())
    );
    assert!(table["warnings"].as_array().unwrap().is_empty());

    let loose = env
        .run(&["sla", "burn-rates", "--target", "90", "--period", "30d", "--json"])
        .ok()
        .json();
    assert_eq!(loose["rules"][0]["warnings"][0], "can_never_fire");
    assert_eq!(
        loose["warnings"][0],
        "warning: page_fast can never fire: it needs 144 % errors"
    );
    let short = env
        .run(&["sla", "burn-rates", "--target", "99.9", "--period", "2d"])
        .ok()
        .stdout;
    assert!(
        short.contains("warning: ticket_slow's long window (72 h) is longer than the period (48 h)"),
        "{short}"
    );

    // A rules file's own policy; a refused one names its field.
    env.write(
        "rules.json",
        r#"{ "burnRate": { "rules": [ { "name": "page_now", "action": "page", "budgetConsumed": 10000,
            "longWindowMs": 3600000, "shortWindowMs": 300000 } ], "noData": "ok" } }"#,
    );
    let own = env
        .run(&[
            "sla",
            "burn-rates",
            "--target",
            "99.9",
            "--config",
            "rules.json",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(own["rules"][0]["burnRate"], "7.2×");
    env.write("bad.json", r#"{ "burnRate": { "rules": [], "noData": "ok" } }"#);
    let bad = env
        .run(&["sla", "burn-rates", "--target", "99.9", "--config", "bad.json"])
        .fails(1, "config.value.empty");
    assert!(bad.stderr.contains("burnRate.rules"), "{}", bad.stderr);
}

#[test]
fn the_monthly_report_from_csv_and_from_json_agree() {
    let env = Env::new();
    env.write("outages.csv", OUTAGES_CSV);
    let report = env
        .run(&[
            "sla",
            "report",
            "--outages",
            "outages.csv",
            "--month",
            "2025-10",
            "--json",
        ])
        .ok()
        .json();
    let line = |id: &str| {
        report["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["service"] == id)
            .unwrap()
            .clone()
    };
    let api = line("core-api");
    assert_eq!(
        (
            api["minutesAllowed"].clone(),
            api["minutesUsed"].clone(),
            api["minutesLeft"].clone(),
            api["met"].clone()
        ),
        (44.into(), 50.into(), (-6).into(), false.into())
    );
    assert_eq!(line("web-app")["usedMs"], 100 * 60_000, "the 50 % outage counts half");
    assert_eq!(line("database")["availability"]["maintenanceMs"], 90 * 60_000);
    assert_eq!(
        line("database")["usedMs"],
        12 * 60_000,
        "the outage inside maintenance does not count"
    );
    assert_eq!(report["allMet"], false);
    let days = api["days"].as_array().unwrap();
    assert_eq!(days.len(), 31);
    assert_eq!(
        (days[2]["date"].clone(), days[2]["status"].clone()),
        ("2025-10-03".into(), "major_outage".into())
    );
    assert_eq!(line("web-app")["days"][7]["status"], "partial_outage");
    assert_eq!(api["budgetLeftPpm"].as_array().unwrap().len(), 32);
    assert_eq!(api["budgetLeftPpm"][0], 1_000_000);

    env.write(
        "outages.json",
        r#"{
          "core-api": { "outages": [ { "start": "2025-10-03T02:00:00Z", "end": "2025-10-03T02:30:00Z" },
                                      { "start": "2025-10-21T14:05:00Z", "end": "2025-10-21T14:25:00Z" } ] },
          "web-app": { "outages": [ { "start": "2025-10-08T12:00:00Z", "end": "2025-10-08T14:00:00Z", "weight": 500000 },
                                     { "start": "2025-10-15T09:00:00Z", "end": "2025-10-15T09:40:00Z" } ] },
          "database": { "outages": [ { "start": "2025-10-12T01:00:00Z", "end": "2025-10-12T01:20:00Z" },
                                      { "start": "2025-10-27T23:50:00Z", "end": "2025-10-28T00:02:00Z" } ],
                        "maintenance": [ { "start": "2025-10-12T00:30:00Z", "end": "2025-10-12T02:00:00Z" } ] },
          "cdn": { "outages": [ { "start": "2025-10-18T06:00:00Z", "end": "2025-10-18T06:07:00Z" } ] },
          "authentication": { "outages": [ { "start": "2025-10-25T20:00:00Z", "end": "2025-10-25T20:12:00Z" } ] }
        }"#,
    );
    let from_json = env
        .run(&[
            "sla",
            "report",
            "--outages",
            "outages.json",
            "--month",
            "2025-10",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(from_json, report);

    let text = env
        .run(&["sla", "report", "--outages", "outages.csv", "--month", "2025-10"])
        .ok()
        .stdout;
    assert!(
        text.starts_with("SLA report, October 2025 (Europe/Paris, 745 h)"),
        "{text}"
    );
    assert!(
        text.contains("Core API         99.9 %   99.8881 %     44 min   50 min   -6 min   MISSED"),
        "{text}"
    );
    assert!(text.ends_with("2 of 5 services missed their target\n"), "{text}");

    // --check fails the run after printing the report (one JSON object, no second one for the failure).
    let checked = env.run(&[
        "sla",
        "report",
        "--outages",
        "outages.csv",
        "--month",
        "2025-10",
        "--json",
        "--check",
    ]);
    let checked = checked.fails(1, "cli.sla.target_missed");
    assert!(checked.stderr.contains("core-api, cdn"), "{}", checked.stderr);
    assert_eq!(checked.json()["allMet"], false);
    env.run(&[
        "sla",
        "report",
        "--outages",
        "outages.csv",
        "--month",
        "2025-04",
        "--check",
    ])
    .ok();
}

#[test]
fn bad_outage_files_are_named_by_file_and_line() {
    let env = Env::new();
    for (content, says) in [
        (
            "service,start,end\ncore-api,2025-10-03T02:00:00Z,soon\n",
            "bad.csv line 2: end is not an RFC 3339 time",
        ),
        (
            "service,start,end\ncore-api,2025-10-03T02:00:00Z\n",
            "bad.csv line 2: 2 fields where the header has 3",
        ),
        (
            "service,when\ncore-api,2025-10-03T02:00:00Z\n",
            "the header must name the columns service, start and end",
        ),
        ("service,start,end,colour\n", "unknown column `colour`"),
        (
            "service,start,end,weight\ncdn,2025-10-03T02:00:00Z,2025-10-03T03:00:00Z,150\n",
            "weight",
        ),
        (
            "service,start,end,kind\ncdn,2025-10-03T02:00:00Z,2025-10-03T03:00:00Z,outgae\n",
            "kind `outgae`",
        ),
        (
            "service,start,end\ncdn,2025-10-03T04:00:00Z,2025-10-03T03:00:00Z\n",
            "ends before it starts",
        ),
        ("service,start,end\n\"cdn,2025\n", "bad.csv"),
        ("\u{feff}\u{0}\u{ff}", "bad.csv"),
    ] {
        env.write("bad.csv", content);
        let run = env
            .run(&["sla", "report", "--outages", "bad.csv", "--month", "2025-10"])
            .fails(1, "cli.input.malformed");
        assert!(
            run.stderr.contains(says),
            "{content:?} should say {says}: {}",
            run.stderr
        );
    }
    env.write(
        "bad.json",
        r#"{ "core-api": { "outages": [ { "start": "2025-10-03T02:00:00Z" } ] } }"#,
    );
    let run = env
        .run(&["sla", "report", "--outages", "bad.json", "--month", "2025-10"])
        .fails(1, "cli.input.malformed");
    assert!(run.stderr.contains("missing field `end`"), "{}", run.stderr);
    env.write(
        "search.csv",
        "service,start,end\nsearch,2025-10-03T02:00:00Z,2025-10-03T03:00:00Z\n",
    );
    let run = env
        .run(&["sla", "report", "--outages", "search.csv", "--month", "2025-10"])
        .fails(1, "sla.service.unknown");
    assert!(
        run.stderr.contains("the service `search`, which the rules do not list"),
        "{}",
        run.stderr
    );
    env.run(&["sla", "report", "--outages", "nowhere.csv", "--month", "2025-10"])
        .fails(1, "cli.file.unreadable");
    let json = env.run(&[
        "sla",
        "report",
        "--outages",
        "nowhere.csv",
        "--month",
        "2025-10",
        "--json",
    ]);
    assert_eq!(json.json()["error"]["code"], "cli.file.unreadable");
}
