//! The HTML report: one self-contained page, escaped, and rendered by a real browser (headless Chromium).

use std::path::Path;
use std::process::Command;

use crate::Env;
use crate::sla::OUTAGES_CSV;

const CHROMIUM: &str = "/usr/bin/chromium";

/// A folder holding `sla.html`, the report of the sample month.
fn html_report() -> Env {
    let env = Env::new();
    env.write("outages.csv", OUTAGES_CSV);
    let args = [
        "sla",
        "report",
        "--outages",
        "outages.csv",
        "--month",
        "2025-10",
        "--format",
        "html",
        "-o",
        "sla.html",
    ];
    env.run(&args).ok();
    env
}

#[test]
fn the_html_report_is_one_self_contained_page() {
    let env = html_report();
    let page = std::fs::read_to_string(env.path("sla.html")).unwrap();
    assert!(page.starts_with("<!doctype html>") && page.trim_end().ends_with("</html>"));
    for fetch in ["http:", "https:", "src=", "<script", "<link", "@import", "url("] {
        assert!(!page.contains(fetch), "the page fetches nothing ({fetch})");
    }
    assert_eq!(
        page.matches("<svg class=\"bar\"").count(),
        5,
        "one uptime bar per service"
    );
    assert_eq!(
        page.matches("<rect class=").count(),
        5 * 31,
        "one cell per service and day"
    );
    assert_eq!(page.matches("<rect class=\"major_outage\"").count(), 6);
    assert_eq!(page.matches("<rect class=\"partial_outage\"").count(), 1);
    assert!(
        page.contains("Sat 18 Oct 2025 · major outage · 7 min down"),
        "the day's tooltip"
    );
    assert_eq!(page.matches("<polyline").count(), 5, "one burn-down line per service");
    assert!(page.contains("even pace"));
    assert!(page.contains("<span class=\"badge missed\">missed</span>"));

    // Names from the rules file are text, never markup.
    env.write(
        "rules.json",
        r#"{ "services": [ { "id": "core-api", "name": "<script>alert(1)</script> & API", "targetPercent": 99.9 } ] }"#,
    );
    env.write(
        "api.csv",
        "service,start,end\ncore-api,2025-10-03T02:00:00Z,2025-10-03T02:30:00Z\n",
    );
    let page = env
        .run(&[
            "sla",
            "report",
            "--outages",
            "api.csv",
            "--month",
            "2025-10",
            "--config",
            "rules.json",
            "--format",
            "html",
        ])
        .ok()
        .stdout;
    assert!(!page.contains("<script>"), "escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; API"));
}

#[test]
fn headless_chromium_renders_the_report_to_a_png() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!(
            "\n*** SKIPPED: {CHROMIUM} is absent, the HTML report is not rendered. \
             Install it (apt-get install chromium); CI does. ***\n"
        );
        return;
    }
    let env = html_report();
    let png = env.path("sla.png");
    let out = Command::new("timeout")
        .arg("120")
        .arg(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", env.path("profile").display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1200,1600")
        .arg(format!("file://{}", env.path("sla.html").display()))
        .output()
        .expect("chromium starts");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).expect("the screenshot exists");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1200, 1600));
    // A blank or error page of that size compresses to a few kilobytes; the report's bars, table and chart do
    // not (about 150 KB).
    assert!(bytes.len() > 60_000, "a non-trivial picture: {} bytes", bytes.len());
    if let Some(dir) = std::env::var_os("CESIZEN_KEEP_REPORT_PNG") {
        std::fs::copy(&png, Path::new(&dir).join("sla-report.png")).unwrap();
    }
}
