//! `ARCHITECTURE.md` §4 states the plan's figures in English; [`Plan::default`] holds them in code. This test
//! reads the sentences with plain patterns and checks every figure against the default plan, so that a figure
//! changed in either place fails here until the other follows.

use cesizen_core::alerting::{ChatDelivery, DashboardColor, DigestCadence, EmailDelivery, Metric};
use cesizen_core::incident::{Priority, SecurityLevel};
use cesizen_gdpr::Period;
use cesizen_gdpr::retention::EndOfLife;
use cesizen_plan::Plan;
use cesizen_sla::allowed_downtime_rolling;

const HOUR_MS: u64 = 3_600_000;
const MINUTE_MS: u64 = 60_000;

/// §4 of the architecture document, its whitespace collapsed (sentences wrap across lines).
fn section_4() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../ARCHITECTURE.md");
    let text = std::fs::read_to_string(path).expect("ARCHITECTURE.md at the repository root");
    let start = text.find("\n## 4.").expect("ARCHITECTURE.md has a §4");
    let rest = &text[start + 1..];
    let end = rest[1..].find("\n## ").map_or(rest.len(), |i| i + 1);
    rest[..end].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text right after the first `marker` in `text`.
fn after<'a>(text: &'a str, marker: &str) -> &'a str {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("§4 no longer reads `{marker}`"));
    &text[at + marker.len()..]
}

/// The paragraph that starts with the bold `title`, up to the next bold title.
fn paragraph<'a>(text: &'a str, title: &str) -> &'a str {
    let body = after(text, &format!("**{title}**"));
    body.find("**").map_or(body, |end| &body[..end])
}

/// The number at the start of `text` (digits and one decimal point) and what follows it.
fn number(text: &str) -> (f64, &str) {
    let text = text.trim_start();
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let value = text[..end]
        .trim_end_matches('.')
        .parse()
        .unwrap_or_else(|_| panic!("expected a number at `{}`", &text[..text.len().min(30)]));
    (value, &text[end..])
}

/// A duration at the start of `text`: `<n> h`, `<n> min` or `<n> days`, in milliseconds.
fn duration_ms(text: &str) -> u64 {
    let (value, rest) = number(text);
    let unit = rest.trim_start();
    let scale = if unit.starts_with("min") {
        MINUTE_MS
    } else if unit.starts_with("h") {
        HOUR_MS
    } else if unit.starts_with("day") {
        24 * HOUR_MS
    } else {
        panic!("unknown unit at `{unit}`")
    };
    (value * scale as f64).round() as u64
}

/// The two boundaries of a `< a / a–b / > b` row, checked to be written consistently.
fn bands(row: &str) -> (f64, f64) {
    let (a, rest) = number(after(row, "< "));
    let (a_again, rest) = number(after(rest, "/ "));
    let (b, rest) = number(after(rest, "–"));
    let (b_again, _) = number(after(rest, "/ > "));
    assert_eq!((a, b), (a_again, b_again), "§4 writes a row inconsistently: {row}");
    (a, b)
}

#[test]
fn priority_and_security_goals() {
    let text = section_4();
    let goals = Plan::default().sla().timer_goals().clone();
    for (priority, label) in [
        (Priority::P1, "P1 critical < "),
        (Priority::P2, "P2 major < "),
        (Priority::P3, "P3 minor < "),
        (Priority::P4, "P4 cosmetic < "),
    ] {
        assert_eq!(
            duration_ms(after(&text, label)),
            goals.goal(priority, None).as_ms(),
            "{label}"
        );
    }
    for (level, label) in [
        (SecurityLevel::S1, "S1 critical < "),
        (SecurityLevel::S2, "S2 major < "),
        (SecurityLevel::S3, "S3 moderate < "),
        (SecurityLevel::S4, "S4 minor < "),
    ] {
        assert_eq!(
            duration_ms(after(&text, label)),
            goals.goal(Priority::P4, Some(level)).as_ms(),
            "{label}"
        );
    }
}

#[test]
fn escalation_at_a_share_of_the_goal() {
    let text = section_4();
    let (percent, rest) = number(after(&text, "escalates one level when "));
    assert!(rest.starts_with(" % of its SLA"), "{rest}");
    let plan = Plan::default();
    for priority in Priority::ALL {
        let goal = plan.sla().timer_goals().goal(priority, None).as_ms();
        let policy = serde_json::to_value(plan.alerting().escalation(priority)).expect("a policy serialises");
        let steps = policy["steps"].as_array().expect("steps");
        // The first step (on-call or L2) hands over to L3 once the share of the goal has elapsed.
        assert_eq!(steps[1]["targets"][0], "l3_development");
        assert_eq!(
            steps[0]["escalateAfterMs"].as_u64(),
            Some((goal as f64 * percent / 100.0).round() as u64),
            "{priority:?}"
        );
    }
}

#[test]
fn alert_routing() {
    let text = section_4();
    let routing = paragraph(&text, "Alert routing");
    let plan = Plan::default();
    let route = |p| *plan.alerting().routing().route(p);
    let clause = |label: &str| {
        let body = after(routing, label);
        body.find(". ").map_or(body, |end| &body[..end]).to_owned()
    };

    let p1 = clause("P1: ");
    assert!(
        p1.contains("chat at once") && p1.contains("e-mail at once") && p1.contains("SMS"),
        "{p1}"
    );
    assert!(p1.contains("blinking red"), "{p1}");
    let r1 = route(Priority::P1);
    assert_eq!(
        (r1.chat, r1.email, r1.sms_on_call),
        (ChatDelivery::Immediate, EmailDelivery::Immediate, true)
    );
    assert_eq!((r1.dashboard.color, r1.dashboard.blinking), (DashboardColor::Red, true));

    let p2 = clause("P2: ");
    let r2 = route(Priority::P2);
    assert_eq!(
        r2.chat,
        ChatDelivery::Within {
            within_ms: duration_ms(after(&p2, "chat < "))
        }
    );
    assert_eq!(
        r2.email,
        EmailDelivery::Within {
            within_ms: duration_ms(after(&p2, "e-mail < "))
        }
    );
    assert!(p2.contains("no SMS") && p2.contains("orange"), "{p2}");
    assert_eq!((r2.sms_on_call, r2.dashboard.color), (false, DashboardColor::Orange));

    for (priority, label, cadence, word, color) in [
        (
            Priority::P3,
            "P3: ",
            DigestCadence::Daily,
            "daily e-mail digest",
            DashboardColor::Blue,
        ),
        (
            Priority::P4,
            "P4: ",
            DigestCadence::Weekly,
            "weekly e-mail digest",
            DashboardColor::Grey,
        ),
    ] {
        let sentence = clause(label);
        assert!(
            sentence.contains("chat grouped") && sentence.contains(word),
            "{sentence}"
        );
        let colour = match color {
            DashboardColor::Blue => "blue",
            _ => "grey",
        };
        assert!(sentence.contains(colour), "{sentence}");
        let r = route(priority);
        assert_eq!(
            (r.chat, r.email),
            (ChatDelivery::Grouped, EmailDelivery::Digest { cadence })
        );
        assert_eq!((r.sms_on_call, r.dashboard.color), (false, color));
    }
}

#[test]
fn monitoring_thresholds_and_security_alerts() {
    let text = section_4();
    let thresholds = paragraph(&text, "Monitoring thresholds");
    let plan = Plan::default();
    for (metric, label) in [
        (Metric::Cpu, "CPU "),
        (Metric::Ram, "RAM "),
        (Metric::Disk, "disk "),
        (Metric::ApiResponseTime, "API response time "),
        (Metric::ServerErrorRate, "5xx rate "),
        (Metric::FailedLogins, "failed logins < "),
        (Metric::SuspiciousRequests, "suspicious requests "),
        (Metric::SystemErrors, "system errors "),
    ] {
        let row = after(thresholds, label.trim_end_matches("< "));
        let row = &row[..row.find(';').unwrap_or(row.len())];
        let (a, b) = bands(row);
        let bounds: Vec<f64> = plan
            .alerting()
            .thresholds()
            .scale(metric)
            .boundaries()
            .iter()
            .map(|boundary| boundary.value)
            .collect();
        assert_eq!(bounds, [a, b], "{label}");
    }
    // "Critical alerts: failed logins > 50/min": the security rule and the critical band are the same figure.
    let (critical, _) = number(after(thresholds, "Critical alerts: failed logins > "));
    let security = plan.alerting().security();
    assert_eq!(f64::from(security.failed_logins_above), critical);
    let (traffic, _) = number(after(thresholds, "traffic > "));
    assert_eq!(f64::from(security.traffic_above_percent), traffic);
    let (days, _) = number(after(thresholds, "certificate expiring in < "));
    assert_eq!(f64::from(security.certificate_within_days), days);
}

#[test]
fn availability_targets_and_downtime() {
    let text = section_4();
    let availability = paragraph(&text, "Availability targets");
    let (days, _) = number(after(availability, "downtime figures assume "));
    let plan = Plan::default();
    let services = plan.sla().services();
    assert_eq!(services.services().len(), 5);
    for (id, label) in [
        ("web-app", "web app "),
        ("core-api", "core API "),
        ("database", "database "),
        ("cdn", "CDN "),
        ("authentication", "authentication "),
    ] {
        let (percent, rest) = number(after(availability, label));
        let target = services
            .get(id)
            .unwrap_or_else(|| panic!("the plan has no {id}"))
            .target;
        assert_eq!(target.ppm(), (percent * 10_000.0).round() as u32, "{id}");
        // "(3 h 36 min)": hours then minutes, or minutes alone; rounded to the minute as the plan does.
        let figure = after(rest, "(");
        let figure = &figure[..figure.find(')').unwrap_or(figure.len())];
        let written_ms = match figure.split_once(" h ") {
            Some((hours, minutes)) => duration_ms(&format!("{hours} h")) + duration_ms(minutes),
            None => duration_ms(figure),
        };
        let allowed_ms = allowed_downtime_rolling(target, days as u32);
        assert_eq!(written_ms, allowed_ms / MINUTE_MS * MINUTE_MS, "{id}: {figure}");
    }
}

#[test]
fn gdpr_deadlines_and_retention() {
    let text = section_4();
    let plan = Plan::default();
    let gdpr = plan.gdpr();
    let rights = paragraph(&text, "GDPR rights");
    let hours = |label: &str| Some(Period::Hours((duration_ms(after(rights, label)) / HOUR_MS) as u32));
    let targets = gdpr.requests.internal_targets;
    assert_eq!(targets.access, hours("access (export < "));
    assert_eq!(targets.portability, hours("portability (standard JSON < "));
    assert!(rights.contains("rectification (immediate"), "{rights}");
    assert_eq!(targets.rectification, Some(Period::Hours(0)));
    let erasure_days = duration_ms(after(rights, "erasure (complete < ")) / (24 * HOUR_MS);
    assert_eq!(targets.erasure, Some(Period::Days(erasure_days as u32)));

    let protection = paragraph(&text, "Data protection");
    let (years, rest) = number(after(protection, "retention "));
    assert!(rest.starts_with(" years, then anonymisation"), "{rest}");
    for rule in [gdpr.retention.journal_entries, gdpr.retention.practice_sessions] {
        assert_eq!(rule.after, Period::Months(years as u32 * 12));
        assert_eq!(rule.then, EndOfLife::Anonymise);
    }
}
