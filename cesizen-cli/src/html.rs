//! The HTML form of the monthly SLA report: one self-contained page (inline CSS and SVG, no script, no font
//! or image fetched), so it can be mailed, archived or opened offline.
//!
//! Three parts: the summary table (the crate's figures), an uptime bar per service with one cell per local day
//! (Statuspage style, a tooltip per day), and the error-budget burn-down chart: the share of each service's
//! month budget left at each day's end, beside the even pace that would spend it exactly by the month's end.
//! Every text taken from the input (service names and ids, the file name) is escaped.

use std::fmt::Write as _;

use cesizen_sla::DayStatus;

use crate::output::human_ms;
use crate::report::{ReportData, availability_text, met_text, month_title};

const PALETTE: [&str; 8] = [
    "#2563eb", "#16a34a", "#d97706", "#9333ea", "#db2777", "#0891b2", "#65a30d", "#dc2626",
];

const STYLE: &str = "
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --up: #2fcc66; --partial: #f1c40f;
  --major: #e74c3c; --maint: #a0a7b0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--fg);
  background: #f6f8fa; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 14px; }
.sub, .note, footer { color: var(--muted); }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 20px 22px; margin-top: 20px; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: right; padding: 7px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
td.neg { color: var(--major); font-weight: 600; }
.badge { display: inline-block; min-width: 64px; text-align: center; padding: 2px 10px; border-radius: 999px;
  font-size: 13px; font-weight: 600; color: #fff; }
.badge.met { background: #1a7f37; } .badge.missed { background: #cf222e; } .badge.na { background: var(--maint); }
.service { margin: 0 0 18px; }
.service .head { display: flex; justify-content: space-between; align-items: baseline; margin-bottom: 6px; }
.service .name { font-weight: 600; }
.service .avail { color: var(--muted); font-variant-numeric: tabular-nums; }
.bar { display: block; width: 100%; height: 34px; }
.bar rect.up { fill: var(--up); } .bar rect.partial_outage { fill: var(--partial); }
.bar rect.major_outage { fill: var(--major); } .bar rect.maintenance { fill: var(--maint); }
.axis { display: flex; justify-content: space-between; font-size: 12px; color: var(--muted); margin-top: 4px; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; font-size: 13px; color: var(--muted); margin-top: 8px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px;
  vertical-align: -1px; }
.chart { display: block; width: 100%; height: auto; }
.chart text { font: 12px system-ui, sans-serif; fill: var(--muted); }
footer { font-size: 13px; margin-top: 20px; }
";

/// The page.
pub fn render(data: &ReportData) -> String {
    let r = &data.report;
    let title = format!("SLA report · {}", month_title(r));
    let missed = r.services.iter().filter(|s| s.met == Some(false)).count();
    let verdict = if missed == 0 {
        format!("every service met its target ({})", r.services.len())
    } else {
        format!("{missed} of {} services missed their target", r.services.len())
    };
    let local = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&data.time_zone).format("%-d %b %Y %H:%M");
    let mut page = String::with_capacity(64 * 1024);
    let _ = write!(
        page,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Cesizen {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <header><h1>{}</h1><p class=\"sub\">{} → {} ({}, {}) · {}</p></header>\n",
        esc(&title),
        esc(&title),
        local(r.period.start()),
        local(r.period.end()),
        esc(&r.time_zone),
        human_ms(r.period.len_ms()),
        esc(&verdict),
    );
    summary(&mut page, data);
    uptime(&mut page, data);
    burn_down(&mut page, data);
    let _ = write!(
        page,
        "<footer>Outages from {} · computed by cesizen {} with cesizen-sla: allowed downtime rounded down, used \
         downtime rounded up, whether a target is met decided on exact values. Maintenance windows leave the \
         denominator.</footer>\n</main>\n</body>\n</html>\n",
        esc(&data.source),
        env!("CARGO_PKG_VERSION"),
    );
    page
}

fn summary(page: &mut String, data: &ReportData) {
    page.push_str(
        "<section class=\"summary\"><h2>Targets</h2><table>\n<tr><th>Service</th><th>Target</th>\
         <th>Availability</th><th>Allowed</th><th>Used</th><th>Left</th><th></th></tr>\n",
    );
    for (s, days) in data.report.services.iter().zip(&data.services) {
        let (class, label) = match s.met {
            Some(true) => ("met", met_text(s.met)),
            Some(false) => ("missed", "missed"),
            None => ("na", met_text(s.met)),
        };
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{} %</td><td>{}</td><td title=\"{} ms\">{} min</td><td title=\"{} ms\">{} min</td>\
             <td class=\"{}\" title=\"{} ms\">{} min</td><td><span class=\"badge {class}\">{label}</span></td></tr>",
            esc(&s.name),
            days.target.to_percent_string(),
            availability_text(s.availability.availability_ppm()),
            s.allowed_ms,
            s.minutes_allowed,
            s.used_ms,
            s.minutes_used,
            if s.minutes_left < 0 { "neg" } else { "" },
            s.left_ms,
            s.minutes_left,
        );
    }
    page.push_str("</table></section>\n");
}

fn uptime(page: &mut String, data: &ReportData) {
    page.push_str("<section class=\"uptime\"><h2>Uptime, day by day</h2>\n");
    for (s, line) in data.services.iter().zip(&data.report.services) {
        let n = s.days.len();
        let width = (n * 10).saturating_sub(2);
        let _ = write!(
            page,
            "<div class=\"service\" id=\"svc-{}\"><div class=\"head\"><span class=\"name\">{}</span>\
             <span class=\"avail\">{} uptime · target {} %</span></div>\n\
             <svg class=\"bar\" viewBox=\"0 0 {width} 34\" preserveAspectRatio=\"none\" role=\"img\" \
             aria-label=\"daily uptime of {}\">",
            esc(s.service.as_str()),
            esc(&s.name),
            availability_text(line.availability.availability_ppm()),
            s.target.to_percent_string(),
            esc(&s.name),
        );
        for (i, d) in s.days.iter().enumerate() {
            let mut tip = format!(
                "{} · {}",
                d.date.format("%a %-d %b %Y"),
                d.status.as_str().replace('_', " ")
            );
            if d.downtime_ms > 0 {
                let _ = write!(tip, " · {} down", human_ms(d.downtime_ms));
            }
            if d.maintenance_ms > 0 {
                let _ = write!(tip, " · {} maintenance", human_ms(d.maintenance_ms));
            }
            let _ = write!(tip, " · {}", availability_text(d.availability_ppm));
            let _ = write!(
                page,
                "<rect class=\"{}\" x=\"{}\" y=\"0\" width=\"8\" height=\"34\" rx=\"1.5\"><title>{}</title></rect>",
                d.status.as_str(),
                i * 10,
                esc(&tip)
            );
        }
        let (first, last) = (s.days.first(), s.days.last());
        let _ = writeln!(
            page,
            "</svg><div class=\"axis\"><span>{}</span><span>{}</span></div></div>",
            first.map(|d| d.date.format("%-d %b").to_string()).unwrap_or_default(),
            last.map(|d| d.date.format("%-d %b").to_string()).unwrap_or_default(),
        );
    }
    let legend = [
        (DayStatus::Up, "no downtime"),
        (DayStatus::PartialOutage, "partial outage only"),
        (DayStatus::MajorOutage, "full outage"),
        (DayStatus::Maintenance, "maintenance all day"),
    ];
    page.push_str("<div class=\"legend\">");
    for (status, label) in legend {
        let _ = write!(
            page,
            "<span><i style=\"background: var(--{})\"></i>{label}</span>",
            css_var(status)
        );
    }
    page.push_str("</div></section>\n");
}

fn css_var(status: DayStatus) -> &'static str {
    match status {
        DayStatus::Up => "up",
        DayStatus::PartialOutage => "partial",
        DayStatus::MajorOutage => "major",
        DayStatus::Maintenance => "maint",
    }
}

fn burn_down(page: &mut String, data: &ReportData) {
    const W: f64 = 960.0;
    const H: f64 = 360.0;
    const LEFT: f64 = 56.0;
    const RIGHT: f64 = 20.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 34.0;
    const QUARTER: i64 = 250_000;
    let days = data.services.first().map_or(0, |s| s.days.len()).max(1);
    let lowest = data
        .services
        .iter()
        .flat_map(|s| s.budget_left_ppm.iter().flatten())
        .copied()
        .min()
        .unwrap_or(0)
        .min(0);
    // Down to the quarter below the lowest point, no further than -300 % (an outage can overspend a CDN's
    // four minutes a hundredfold; the line then leaves the chart at its bottom edge).
    let floor = (lowest.div_euclid(QUARTER) * QUARTER).max(-3_000_000);
    let span = (1_000_000 - floor) as f64;
    let (plot_w, plot_h) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let x = |i: usize| LEFT + plot_w * i as f64 / days as f64;
    let y = |ppm: i64| TOP + plot_h * (1_000_000 - ppm.max(floor)) as f64 / span;
    let _ = write!(
        page,
        "<section class=\"burn\"><h2>Error budget left</h2>\n<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" \
         role=\"img\" aria-label=\"error budget left per service over the month\">\n"
    );
    let mut level = 1_000_000;
    while level >= floor {
        let stroke = if level == 0 { "#cf222e" } else { "#d1d9e0" };
        let _ = writeln!(
            page,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{stroke}\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{} %</text>",
            W - RIGHT,
            LEFT - 8.0,
            y(level) + 4.0,
            level / 10_000,
            y = y(level),
        );
        level -= QUARTER;
    }
    if let Some(service) = data.services.first() {
        for (i, d) in service.days.iter().enumerate().step_by(7) {
            let _ = write!(
                page,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x(i),
                H - 12.0,
                d.date.format("%-d %b")
            );
        }
        let _ = writeln!(
            page,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"end\">end</text>",
            x(days),
            H - 12.0
        );
    }
    let _ = writeln!(
        page,
        "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#8c959f\" stroke-width=\"1.5\" \
         stroke-dasharray=\"6 5\"><title>even pace: the whole budget spent by the month's end</title></line>",
        x(0),
        y(1_000_000),
        x(days),
        y(0)
    );
    let mut legend = String::from("<div class=\"legend\"><span><i style=\"background: #8c959f\"></i>even pace</span>");
    for (k, s) in data.services.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let points: Vec<String> = s
            .budget_left_ppm
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|p| format!("{:.1},{:.1}", x(i), y(p))))
            .collect();
        if points.is_empty() {
            let _ = write!(
                legend,
                "<span><i style=\"background: {colour}\"></i>{} (no budget: maintenance all month)</span>",
                esc(&s.name)
            );
            continue;
        }
        let end = s.budget_left_ppm.last().copied().flatten().unwrap_or(0);
        let _ = writeln!(
            page,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.2\" stroke-linejoin=\"round\" points=\"{}\">\
             <title>{}: {} % left at the month's end</title></polyline>",
            points.join(" "),
            esc(&s.name),
            cesizen_sla::ppm_percent_text(end.into()),
        );
        let _ = write!(
            legend,
            "<span><i style=\"background: {colour}\"></i>{} ({} % left)</span>",
            esc(&s.name),
            cesizen_sla::ppm_percent_text(end.into())
        );
    }
    legend.push_str("</div>");
    let _ = write!(page, "</svg>\n{legend}\n</section>\n");
}

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_the_input_is_escaped() {
        assert_eq!(esc("<b a=\"1\">&'"), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
    }
}
