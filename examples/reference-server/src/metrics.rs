//! Request metrics in the Prometheus text format, and the plan's monitoring thresholds applied to them.
//!
//! Per route template (never a concrete path, which could carry an id): a request counter by method and status
//! and a latency histogram. Every label comes from a closed set (route templates or `unmatched`, the standard
//! methods or `other`, the status code), so no request can add label values without bound. Sign-in failures and lockouts are counted too. Alongside, the last minute of
//! requests is kept to judge the server against the deployment plan's monitoring thresholds:
//!
//! - **API response time**: `cesizen_core::alerting::api_response_time` of the last minute's latencies (the
//!   99th percentile, in ms);
//! - **5xx rate**: the share of the last minute's responses with a 5xx status, in %;
//! - **failed logins**: `failed_logins_in_last_minute` over the attempts stored in the database, so that
//!   every instance sharing PostgreSQL sees the whole service's rate.
//!
//! Each is exported with its band (`normal` / `warning` / `critical`); a background task logs each change of
//! band. No label or log line ever holds user data.

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use cesizen_core::alerting::{Metric, Severity, api_response_time};
use cesizen_core::user::failed_logins_in_last_minute;
use serde::Serialize;

use crate::db::{from_micros, micros};
use crate::error::ApiResult;
use crate::state::AppState;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 11] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.5];
/// How long requests are kept for the threshold evaluation.
const WINDOW: Duration = Duration::from_secs(60);

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Registry {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<String, Histogram>,
    recent: VecDeque<(Instant, f64, bool)>,
}

/// The server's metrics.
#[derive(Default)]
pub struct Metrics {
    registry: Mutex<Registry>,
    failed_logins: AtomicU64,
    throttled_logins: AtomicU64,
}

impl Metrics {
    fn registry(&self) -> std::sync::MutexGuard<'_, Registry> {
        self.registry.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn record(&self, route: &str, method: &str, status: u16, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let now = Instant::now();
        let mut registry = self.registry();
        *registry
            .requests
            .entry((route.to_owned(), method.to_owned(), status))
            .or_default() += 1;
        let histogram = registry.latency.entry(route.to_owned()).or_default();
        for (count, bound) in histogram.counts.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *count += 1;
            }
        }
        histogram.count += 1;
        histogram.sum += seconds;
        registry.recent.push_back((now, seconds * 1000.0, status >= 500));
        while registry
            .recent
            .front()
            .is_some_and(|(at, ..)| now.duration_since(*at) > WINDOW)
        {
            registry.recent.pop_front();
        }
    }

    /// Counts a failed sign-in.
    pub fn failed_login(&self) {
        self.failed_logins.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a sign-in refused by the lockout.
    pub fn throttled_login(&self) {
        self.throttled_logins.fetch_add(1, Ordering::Relaxed);
    }

    /// The last minute's API response time (ms, as `cesizen-core` defines it) and 5xx share (%), if there was
    /// traffic.
    fn last_minute(&self) -> Option<(f64, f64)> {
        let now = Instant::now();
        let registry = self.registry();
        let mut latencies: Vec<f64> = Vec::new();
        let mut errors = 0usize;
        for (at, ms, error) in &registry.recent {
            if now.duration_since(*at) <= WINDOW {
                latencies.push(*ms);
                errors += usize::from(*error);
            }
        }
        if latencies.is_empty() {
            return None;
        }
        let error_rate = errors as f64 * 100.0 / latencies.len() as f64;
        Some((api_response_time(latencies)?, error_rate))
    }
}

/// Middleware: times every request under its route template.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    state
        .metrics
        .record(&route, method, response.status().as_u16(), started.elapsed());
    response
}

/// The method as a label, from a closed set: an invented method (HTTP allows any token) is `other`, so that no
/// client can grow the label set, and with it the memory and `/metrics`, without bound.
fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// One monitored value and its band.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reading {
    /// The metric.
    pub metric: Metric,
    /// Its value, in the plan's unit.
    pub value: f64,
    /// Its band under the plan's thresholds.
    pub severity: Severity,
}

/// Judges the server's own metrics against the plan's thresholds.
pub async fn evaluate(state: &AppState) -> ApiResult<Vec<Reading>> {
    let thresholds = state.plan().alerting().thresholds();
    let mut values = Vec::new();
    if let Some((response_time, error_rate)) = state.metrics.last_minute() {
        values.push((Metric::ApiResponseTime, response_time));
        values.push((Metric::ServerErrorRate, error_rate));
    }
    let now = state.now();
    let failures: Vec<(i64,)> = sqlx::query_as("SELECT at FROM login_attempts WHERE succeeded = 0 AND at > $1")
        .bind(micros(now - chrono::TimeDelta::minutes(1)))
        .fetch_all(&state.db.pool)
        .await?;
    let failures: Vec<_> = failures.into_iter().map(|(at,)| from_micros(at)).collect();
    values.push((
        Metric::FailedLogins,
        f64::from(failed_logins_in_last_minute(&failures, now)),
    ));
    values
        .into_iter()
        .map(|(metric, value)| {
            Ok(Reading {
                metric,
                value,
                severity: thresholds.classify(metric, value)?,
            })
        })
        .collect()
}

/// `GET /metrics`
pub async fn prometheus(State(state): State<AppState>) -> ApiResult<([(&'static str, &'static str); 1], String)> {
    let readings = evaluate(&state).await?;
    let mut out = String::new();
    {
        let registry = state.metrics.registry();
        out.push_str("# HELP cesizen_http_requests_total HTTP requests by route template, method and status.\n");
        out.push_str("# TYPE cesizen_http_requests_total counter\n");
        for ((route, method, status), count) in &registry.requests {
            let _ = writeln!(
                out,
                "cesizen_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {count}"
            );
        }
        out.push_str("# HELP cesizen_http_request_duration_seconds Request latency by route template.\n");
        out.push_str("# TYPE cesizen_http_request_duration_seconds histogram\n");
        for (route, h) in &registry.latency {
            for (count, bound) in h.counts.iter().zip(BUCKETS) {
                let _ = writeln!(
                    out,
                    "cesizen_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {count}"
                );
            }
            let _ = writeln!(
                out,
                "cesizen_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "cesizen_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "cesizen_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count
            );
        }
    }
    out.push_str("# HELP cesizen_failed_logins_total Sign-ins refused for a wrong e-mail or password.\n");
    out.push_str("# TYPE cesizen_failed_logins_total counter\n");
    let _ = writeln!(
        out,
        "cesizen_failed_logins_total {}",
        state.metrics.failed_logins.load(Ordering::Relaxed)
    );
    out.push_str("# HELP cesizen_throttled_logins_total Sign-ins refused by the lockout (429).\n");
    out.push_str("# TYPE cesizen_throttled_logins_total counter\n");
    let _ = writeln!(
        out,
        "cesizen_throttled_logins_total {}",
        state.metrics.throttled_logins.load(Ordering::Relaxed)
    );
    out.push_str("# HELP cesizen_monitoring_value The plan's monitored metrics over the last minute.\n");
    out.push_str("# TYPE cesizen_monitoring_value gauge\n");
    for r in &readings {
        let _ = writeln!(
            out,
            "cesizen_monitoring_value{{metric=\"{}\"}} {}",
            r.metric.as_str(),
            r.value
        );
    }
    out.push_str("# HELP cesizen_monitoring_severity 1 for the band each metric is in under the plan's thresholds.\n");
    out.push_str("# TYPE cesizen_monitoring_severity gauge\n");
    for r in &readings {
        for severity in Severity::ALL {
            let _ = writeln!(
                out,
                "cesizen_monitoring_severity{{metric=\"{}\",severity=\"{}\"}} {}",
                r.metric.as_str(),
                severity.as_str(),
                u8::from(severity == r.severity)
            );
        }
    }
    Ok(([("content-type", "text/plain; version=0.0.4; charset=utf-8")], out))
}

/// `GET /api/v1/admin/monitoring`
pub async fn readings(
    State(state): State<AppState>,
    _admin: crate::state::Admin,
) -> ApiResult<axum::Json<Vec<Reading>>> {
    Ok(axum::Json(evaluate(&state).await?))
}

/// Every 15 seconds, logs each metric whose band changed.
pub async fn watch(state: AppState, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let mut last: BTreeMap<Metric, Severity> = BTreeMap::new();
    let mut ticker = tokio::time::interval(Duration::from_secs(15));
    loop {
        tokio::select! {
            _ = ticker.tick() => {}
            _ = shutdown.changed() => return,
        }
        let Ok(readings) = evaluate(&state).await else { continue };
        for r in readings {
            if last
                .insert(r.metric, r.severity)
                .is_some_and(|before| before == r.severity)
            {
                continue;
            }
            match r.severity {
                Severity::Critical => {
                    tracing::error!(metric = r.metric.as_str(), value = r.value, "monitoring: critical")
                }
                Severity::Warning => tracing::warn!(metric = r.metric.as_str(), value = r.value, "monitoring: warning"),
                _ => tracing::info!(metric = r.metric.as_str(), value = r.value, "monitoring: normal"),
            }
        }
    }
}
