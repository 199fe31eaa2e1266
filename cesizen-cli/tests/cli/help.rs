//! Help, examples and usage errors.

use crate::Env;

const COMMANDS: &[&[&str]] = &[
    &["keys", "init"],
    &["keys", "list"],
    &["keys", "rotate"],
    &["keys", "rewrap"],
    &["keys", "retire"],
    &["keys", "destroy-user"],
    &["backup", "seal"],
    &["backup", "open"],
    &["backup", "verify"],
    &["sla", "downtime"],
    &["sla", "burn-rates"],
    &["sla", "report"],
    &["incident", "deadlines"],
    &["gdpr", "deadline"],
    &["gdpr", "plan"],
];

#[test]
fn every_command_has_help_with_an_example() {
    let env = Env::new();
    let root = env.run(&["--help"]).ok();
    assert!(
        root.stdout
            .contains("Exit codes: 0 success, 1 failed operation or check, 2 bad usage")
    );
    for command in COMMANDS {
        let args: Vec<&str> = command.iter().copied().chain(["--help"]).collect();
        let run = env.run(&args).ok();
        assert!(run.stdout.contains("Usage: cesizen"), "{command:?}: {}", run.stdout);
        assert!(
            run.stdout.contains("Example"),
            "{command:?} has no example: {}",
            run.stdout
        );
        assert!(
            run.stdout.contains(&format!("cesizen {}", command.join(" "))),
            "{command:?}'s example runs it"
        );
    }
    assert!(env.run(&["--version"]).ok().stdout.starts_with("cesizen "));
}

#[test]
fn unknown_flags_and_missing_arguments_are_usage_errors() {
    let env = Env::new();
    let run = env.run(&["sla", "downtime", "--target", "99.9", "--period", "30d", "--frobnicate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unexpected argument '--frobnicate'"),
        "{}",
        run.stderr
    );
    let run = env.run(&["sla", "downtime", "--period", "30d"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--target"), "{}", run.stderr);
    let run = env.run(&["backup", "frobnicate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unrecognized subcommand 'frobnicate'"),
        "{}",
        run.stderr
    );
    assert_eq!(env.run(&[]).code, 2);
}

#[test]
fn bad_values_name_the_flag_and_the_expected_form() {
    let env = Env::new();
    for (args, says) in [
        (
            &["sla", "downtime", "--target", "100", "--period", "30d"][..],
            "above 0 % and below 100 %",
        ),
        (
            &["sla", "downtime", "--target", "99.99999", "--period", "30d"],
            "at most six decimals",
        ),
        (
            &["sla", "downtime", "--target", "99.9", "--period", "1M"],
            "--month YYYY-MM",
        ),
        (
            &["sla", "downtime", "--target", "99.9", "--month", "2025-13"],
            "YYYY-MM",
        ),
        (
            &[
                "sla",
                "downtime",
                "--target",
                "99.9",
                "--month",
                "2025-03",
                "--tz",
                "Mars/Olympus",
            ],
            "IANA",
        ),
        (
            &[
                "incident",
                "deadlines",
                "--priority",
                "P5",
                "--opened",
                "2025-10-06T09:00:00Z",
            ],
            "p1, p2, p3, p4",
        ),
        (
            &[
                "incident",
                "deadlines",
                "--priority",
                "P2",
                "--opened",
                "2025-10-06 09:00",
            ],
            "RFC 3339",
        ),
        (
            &[
                "gdpr",
                "deadline",
                "--request",
                "deletion",
                "--received",
                "2025-01-31T10:00:00Z",
            ],
            "consent_withdrawal",
        ),
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?} should say {says}: {}", run.stderr);
    }
    // Two ways to give the period at once.
    let run = env.run(&[
        "sla", "downtime", "--target", "99.9", "--period", "30d", "--month", "2025-03",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}
