//! `cesizen incident deadlines` and `cesizen gdpr`: deadlines, pauses, calendars, the retention plan.

use serde_json::Value;

use crate::Env;

#[test]
fn an_open_p2_is_due_in_8_hours_and_escalates_at_half_time() {
    let env = Env::new();
    let args = [
        "incident",
        "deadlines",
        "--priority",
        "P2",
        "--opened",
        "2025-10-06T09:00:00Z",
    ];
    let at = |now: &str| -> Value {
        let all: Vec<&str> = args.iter().copied().chain(["--now", now, "--json"]).collect();
        env.run(&all).ok().json()
    };
    let early = at("2025-10-06T12:00:00Z");
    assert_eq!(early["dueAt"], "2025-10-06T17:00:00Z");
    assert_eq!(early["escalationAt"], "2025-10-06T13:00:00Z");
    assert_eq!(
        (early["escalationReached"].clone(), early["breached"].clone()),
        (false.into(), false.into())
    );
    assert_eq!(early["remainingMs"], 5 * 3_600_000);
    let half = at("2025-10-06T13:00:00Z");
    assert_eq!(half["escalationReached"], true, "escalate one level at 50 %");
    // The plan's goals are strict: exactly 8 h is a breach.
    let late = at("2025-10-06T17:00:00Z");
    assert_eq!(
        (late["breached"].clone(), late["outcome"].clone()),
        (true.into(), "breached".into())
    );
    let text = env
        .run(
            &args
                .iter()
                .copied()
                .chain(["--now", "2025-10-06T18:00:00Z"])
                .collect::<Vec<_>>(),
        )
        .ok()
        .stdout;
    assert!(
        text.contains("1 h over the goal") && text.contains("breached at 2025-10-06 19:00 Europe/Paris"),
        "{text}"
    );
    // A security level's stricter goal applies.
    let s1 = env
        .run(&[
            "incident",
            "deadlines",
            "--priority",
            "P3",
            "--security-level",
            "S1",
            "--opened",
            "2025-10-06T09:00:00Z",
            "--now",
            "2025-10-06T09:05:00Z",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        (s1["goalMs"].clone(), s1["dueAt"].clone()),
        ((30 * 60_000).into(), "2025-10-06T09:30:00Z".into())
    );
}

#[test]
fn ticket_moves_pauses_and_business_hours_come_from_files() {
    let env = Env::new();
    env.write(
        "moves.json",
        r#"[{"at": "2025-10-06T09:10:00Z", "action": "start", "actor": "alice"},
            {"at": "2025-10-06T11:00:00Z", "action": "submit_for_review"},
            {"at": "2025-10-06T13:00:00Z", "action": "approve_review"},
            {"at": "2025-10-06T13:30:00Z", "action": "pass_test"},
            {"at": "2025-10-06T14:00:00Z", "action": "deploy"}]"#,
    );
    let base = [
        "incident",
        "deadlines",
        "--priority",
        "P2",
        "--opened",
        "2025-10-06T09:00:00Z",
        "--events",
        "moves.json",
    ];
    let run = |extra: &[&str]| -> Value {
        let all: Vec<&str> = base
            .iter()
            .copied()
            .chain(extra.iter().copied())
            .chain(["--json"])
            .collect();
        env.run(&all).ok().json()
    };
    let deployed = run(&["--now", "2025-10-06T15:00:00Z"]);
    assert_eq!(
        (deployed["outcome"].clone(), deployed["elapsedMs"].clone()),
        ("met".into(), (5 * 3_600_000).into())
    );
    assert_eq!(deployed["ticketStatus"], "deployed");
    // Pauses from the rules file: time in code review does not count.
    env.write("pause.json", r#"{ "resolutionTimer": { "startOn": ["to_do", "in_progress"], "pauseIn": ["code_review"], "stopOn": ["deployed", "closed"] } }"#);
    let paused = run(&["--now", "2025-10-06T15:00:00Z", "--config", "pause.json"]);
    assert_eq!(paused["elapsedMs"], 3 * 3_600_000);
    // A business-hours calendar: opened Friday 17:00 in Paris, 8 working hours end Monday 16:00.
    env.write(
        "hours.json",
        r#"{ "timerCalendar": { "kind": "business_hours", "timeZone": "Europe/Paris",
             "days": ["monday", "tuesday", "wednesday", "thursday", "friday"], "from": "09:00:00", "to": "18:00:00" } }"#,
    );
    // A P2 ticket without moves, opened at `opened`, read at `now` under the rules file `config`.
    let p2_due = |opened: &str, now: &str, config: &str| -> Value {
        env.run(&[
            "incident",
            "deadlines",
            "--priority",
            "P2",
            "--opened",
            opened,
            "--now",
            now,
            "--config",
            config,
            "--json",
        ])
        .ok()
        .json()
    };
    let friday = p2_due("2025-01-10T16:00:00Z", "2025-01-11T12:00:00Z", "hours.json");
    assert_eq!(
        (friday["calendar"].clone(), friday["dueAt"].clone()),
        ("business_hours".into(), "2025-01-13T15:00:00Z".into())
    );
    // Hours per weekday: Fridays end at 16:00. Opened Friday 14:00 in Paris, 8 working hours are 2 on Friday and
    // 6 on Monday: due Monday 15:00 (with 18:00 Fridays it would be Monday 13:00).
    env.write(
        "short-fridays.json",
        r#"{ "timerCalendar": { "kind": "business_hours", "timeZone": "Europe/Paris",
             "days": ["monday", "tuesday", "wednesday", "thursday", "friday"], "from": "09:00:00", "to": "18:00:00",
             "dayHours": { "friday": { "from": "09:00:00", "to": "16:00:00" } } } }"#,
    );
    let short = p2_due("2025-01-10T13:00:00Z", "2025-01-10T14:00:00Z", "short-fridays.json");
    assert_eq!(short["dueAt"], "2025-01-13T14:00:00Z");

    env.write(
        "illegal.json",
        r#"[{"at": "2025-10-06T09:10:00Z", "action": "deploy"}]"#,
    );
    let illegal = env
        .run(&[
            "incident",
            "deadlines",
            "--priority",
            "P2",
            "--opened",
            "2025-10-06T09:00:00Z",
            "--events",
            "illegal.json",
        ])
        .fails(1, "workflow.ticket.illegal_transition");
    assert!(illegal.stderr.contains("illegal.json move 1"), "{}", illegal.stderr);
    env.write("typo.json", r#"[{"at": "2025-10-06T09:10:00Z", "action": "strat"}]"#);
    env.run(&[
        "incident",
        "deadlines",
        "--priority",
        "P2",
        "--opened",
        "2025-10-06T09:00:00Z",
        "--events",
        "typo.json",
    ])
    .fails(1, "cli.input.malformed");
    let all: Vec<&str> = base.iter().copied().chain(["--now", "2025-10-06T12:00:00Z"]).collect();
    let before = env.run(&all).fails(1, "sla.timer.read_before_last_event");
    assert!(
        before.stderr.contains("--now must not be before the last move"),
        "{}",
        before.stderr
    );
    env.write("refused.json", r#"{ "timerGoals": { "priorities": { "p1": 0 } } }"#);
    env.run(&[
        "incident",
        "deadlines",
        "--priority",
        "P2",
        "--opened",
        "2025-10-06T09:00:00Z",
        "--config",
        "refused.json",
    ])
    .fails(1, "config.syntax.invalid");
}

#[test]
fn gdpr_deadlines_follow_article_12_and_the_configuration() {
    let env = Env::new();
    let deadline = |args: &[&str]| -> Value {
        let all: Vec<&str> = ["gdpr", "deadline"]
            .into_iter()
            .chain(args.iter().copied())
            .chain(["--json"])
            .collect();
        env.run(&all).ok().json()
    };
    let access = deadline(&["--request", "access", "--received", "2025-01-31T10:00:00Z"]);
    assert_eq!(access["internalTarget"]["dueAt"], "2025-02-02T10:00:00Z");
    assert_eq!(access["internalTarget"]["period"], "48 hours");
    assert_eq!(
        access["legalDeadline"]["dueDate"], "2025-02-28",
        "31 January + one month = end of February"
    );
    assert_eq!(access["legalDeadline"]["dueAt"], "2025-02-28T23:00:00Z");
    let extended = deadline(&[
        "--request",
        "erasure",
        "--received",
        "2025-01-31T10:00:00Z",
        "--extended",
    ]);
    assert_eq!(extended["legalDeadline"]["dueDate"], "2025-04-30");
    assert_eq!(extended["article"], "Art. 17");
    let objection = deadline(&["--request", "objection", "--received", "2025-01-31T10:00:00Z"]);
    assert_eq!(objection["internalTarget"], Value::Null);

    env.write("gdpr.toml", "[requests.internalTargets]\naccess = \"24 hours\"\n");
    let faster = deadline(&[
        "--request",
        "access",
        "--received",
        "2025-01-31T10:00:00Z",
        "--config",
        "gdpr.toml",
    ]);
    assert_eq!(faster["internalTarget"]["dueAt"], "2025-02-01T10:00:00Z");
    env.write("bad.toml", "[requests.internalTargets]\nacess = \"24 hours\"\n");
    let bad = env
        .run(&[
            "gdpr",
            "deadline",
            "--request",
            "access",
            "--received",
            "2025-01-31T10:00:00Z",
            "--config",
            "bad.toml",
        ])
        .fails(1, "config.syntax.invalid");
    assert!(bad.stderr.contains("acess"), "{}", bad.stderr);
    let text = env
        .run(&[
            "gdpr",
            "deadline",
            "--request",
            "access",
            "--received",
            "2025-01-31T10:00:00Z",
        ])
        .ok()
        .stdout;
    assert!(
        text.contains("legal deadline (Art. 12(3), one month): end of Fri 28 Feb 2025"),
        "{text}"
    );
}

const RECORDS: &str = r#"{"id":"0190c0de-7e57-7000-8000-000000000001","category":"journal_entry","createdAt":"2023-05-01T08:00:00Z"}
{"id":"0190c0de-7e57-7000-8000-000000000002","category":"journal_entry","createdAt":"2025-05-01T08:00:00Z"}
{"id":"0190c0de-7e57-7000-8000-000000000003","category":"log","createdAt":"2025-01-01T08:00:00Z"}

{"id":"0190c0de-7e57-7000-8000-000000000004","category":"account","createdAt":"2023-01-01T08:00:00Z","lastActiveAt":"2023-06-01T08:00:00Z"}
{"id":"0190c0de-7e57-7000-8000-000000000005","category":"backup","createdAt":"2025-09-01T08:00:00Z","onHold":true}
"#;

#[test]
fn the_retention_plan_streams_records_and_writes_the_due_actions() {
    let env = Env::new();
    env.write("records.jsonl", RECORDS);
    let plan = env
        .run(&[
            "gdpr",
            "plan",
            "--records",
            "records.jsonl",
            "--now",
            "2025-10-01T00:00:00Z",
            "--actions",
            "due.jsonl",
            "--json",
        ])
        .ok();
    assert!(
        plan.stderr.is_empty(),
        "no progress bar off a terminal: {}",
        plan.stderr
    );
    let plan = plan.json();
    assert_eq!((plan["records"].clone(), plan["due"].clone()), (5.into(), 3.into()));
    assert_eq!(plan["counts"]["journal_entry"]["anonymise"], 1);
    assert_eq!(plan["counts"]["account"]["notify"], 1);
    assert_eq!(plan["counts"]["backup"]["keep"], 1, "a hold suspends retention");
    assert_eq!(plan["nextDueAt"], "2027-05-01T08:00:00Z");
    let due = std::fs::read_to_string(env.path("due.jsonl")).unwrap();
    let actions: Vec<Value> = due.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let kinds: Vec<&str> = actions.iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["anonymise", "delete", "notify"]);
    let piped = env
        .run(&[
            "gdpr",
            "plan",
            "--records",
            "records.jsonl",
            "--now",
            "2025-10-01T00:00:00Z",
            "--actions",
            "-",
        ])
        .ok();
    assert_eq!(piped.stdout, due);

    // CSV holds the same fields; a big file goes through in constant memory, one record at a time.
    let mut csv = String::from("id,category,createdAt,lastActiveAt,notifiedAt,anonymised,onHold\n");
    for i in 0..20_000u32 {
        let category = ["journal_entry", "practice_session", "log", "backup"][i as usize % 4];
        csv += &format!(
            "0190c0de-7e57-7000-8000-{i:012},{category},2024-{:02}-01T00:00:00Z,,,false,false\n",
            i % 12 + 1
        );
    }
    env.write("records.csv", &csv);
    let big = env
        .run(&[
            "gdpr",
            "plan",
            "--records",
            "records.csv",
            "--now",
            "2025-10-01T00:00:00Z",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(big["records"], 20_000);
    assert_eq!(
        big["counts"]["log"]["delete"], 5_000,
        "every log is older than 6 months"
    );
    assert_eq!(big["counts"]["backup"]["delete"], 5_000);
    assert_eq!(big["counts"]["journal_entry"]["keep"], 5_000);

    let mut broken = RECORDS.to_owned();
    broken.push_str("{\"id\":\"0190c0de-7e57-7000-8000-000000000006\",\"category\":\"photo\",\"createdAt\":\"2025-01-01T00:00:00Z\"}\n");
    env.write("broken.jsonl", broken);
    let run = env
        .run(&["gdpr", "plan", "--records", "broken.jsonl"])
        .fails(1, "cli.input.malformed");
    assert!(
        run.stderr.contains("broken.jsonl line 7") && run.stderr.contains("photo"),
        "{}",
        run.stderr
    );
    env.write(
        "broken.csv",
        "id,category,createdAt\nnot-a-uuid,log,2025-01-01T00:00:00Z\n",
    );
    let run = env
        .run(&["gdpr", "plan", "--records", "broken.csv"])
        .fails(1, "cli.input.malformed");
    assert!(run.stderr.contains("broken.csv line 2"), "{}", run.stderr);
    env.run(&["gdpr", "plan", "--records", "records.jsonl", "--actions", "-", "--json"])
        .fails(2, "cli.args.conflict");
}
