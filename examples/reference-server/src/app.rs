//! The HTTP application: routes, limits, the serve loop with graceful shutdown, and the admin command.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use cesizen_core::user::{Email, Role};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::error::{ApiError, ApiResult};
use crate::metrics::Metrics;
use crate::operations::{incidents, outages};
use crate::outbox::Outbox;
use crate::password::Passwords;
use crate::state::AppState;
use crate::{accounts, audit, consent, gdpr, journal, metrics, practice, profile, reports, retention};

/// The largest request body accepted: a journal note is at most 2,000 characters (8 KB of UTF-8); 64 KiB
/// leaves room for every form and refuses anything else with 413.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The OpenAPI document, hand-written beside the sources and served as is.
const OPENAPI: &str = include_str!("../openapi.json");

/// Every route.
pub fn router(state: AppState) -> Router {
    let mut api = Router::new()
        .route("/accounts", post(accounts::sign_up))
        .route("/sessions", post(accounts::sign_in))
        .route("/sessions/current", delete(accounts::sign_out))
        .route("/email-confirmations", post(accounts::confirm_email))
        .route("/email-changes/confirm", post(profile::confirm_change))
        .route("/password-resets", post(accounts::request_reset))
        .route("/password-resets/confirm", post(accounts::confirm_reset))
        .route("/me", get(profile::get).patch(profile::update))
        .route("/me/deactivation", post(profile::deactivate))
        .route("/me/consents", get(consent::get).post(consent::give))
        .route("/me/consents/{purpose}", delete(consent::withdraw))
        .route("/me/requests", get(gdpr::mine).post(gdpr::open))
        .route("/me/export", get(gdpr::export))
        .route("/me/erasure", post(gdpr::erase_me))
        .route("/admin/requests", get(gdpr::open_requests))
        .route("/admin/requests/{id}/decision", post(gdpr::decide))
        .route("/admin/audit/verification", get(audit::verification))
        .route("/practice-sessions", get(practice::list).post(practice::create))
        .route("/practice-sessions/{id}", get(practice::get).delete(practice::delete))
        .route("/journal-entries", get(journal::list).post(journal::create))
        .route(
            "/journal-entries/{id}",
            get(journal::get).put(journal::replace).delete(journal::delete),
        )
        .route("/reports/emotions", post(reports::emotions))
        .route("/stress/life-events", get(reports::life_events))
        .route("/stress/holmes-rahe", post(reports::holmes_rahe))
        .route("/admin/monitoring", get(metrics::readings))
        .route("/admin/incidents", get(incidents::list).post(incidents::create))
        .route("/admin/incidents/{id}", get(incidents::get))
        .route("/admin/incidents/{id}/actions", post(incidents::act))
        .route(
            "/admin/incidents/{id}/breach-notification",
            post(incidents::notify_breach),
        )
        .route("/admin/outages", get(outages::list).post(outages::create))
        .route("/admin/outages/{number}", delete(outages::delete))
        .route("/admin/sla-reports/{year}/{month}", get(outages::monthly));
    if state.config.dev_outbox {
        api = api.route("/dev/outbox", get(accounts::outbox));
    }
    Router::new()
        .nest("/api/v1", api)
        .route("/health", get(health))
        .route("/metrics", get(metrics::prometheus))
        .route("/openapi.json", get(openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                // The method and the route template only: paths carry ids, queries may carry addresses.
                let route = request
                    .extensions()
                    .get::<axum::extract::MatchedPath>()
                    .map_or("unmatched", |p| p.as_str())
                    .to_owned();
                tracing::info_span!("request", method = %request.method(), route)
            }),
        )
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::internal("system.panic").into_response()
        }))
        // Outermost: every answer gets them, a 413 or a caught panic included.
        .layer(axum::middleware::from_fn(security_headers))
        .with_state(state)
}

/// The headers every answer of a JSON API carries (OWASP secure headers for REST services, ASVS V14):
/// answers hold personal data or tokens, so no cache keeps them (`no-store`); no browser sniffs, frames or
/// renders them as a page; no referrer leaves; HSTS (honoured once the server is reached through its TLS
/// proxy). A 401 names the scheme it expects (RFC 6750).
async fn security_headers(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    use axum::http::HeaderValue;
    use axum::http::header;
    let mut response = next.run(request).await;
    // A body declared over the limit is refused by the limit layer before any handler, in plain text: every
    // error is {code, message}.
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE && !json {
        response = crate::state::too_large().into_response();
    }
    let unauthorised = response.status() == StatusCode::UNAUTHORIZED;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'",
        ),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        header::HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if unauthorised {
        headers.insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"cesizen\""),
        );
    }
    response
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "http.route.not_found", "no such route")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "http.method.not_allowed",
        "method not allowed on this route",
    )
}

async fn openapi() -> Response {
    ([("content-type", "application/json")], OPENAPI).into_response()
}

/// `GET /health`: the database answers.
async fn health(State(state): State<AppState>) -> ApiResult<axum::Json<serde_json::Value>> {
    sqlx::query("SELECT 1").execute(&state.db.pool).await?;
    let backend = match state.db.backend {
        crate::db::Backend::Sqlite => "sqlite",
        crate::db::Backend::Postgres => "postgres",
    };
    Ok(axum::Json(serde_json::json!({"status": "ok", "database": backend})))
}

/// Serves until SIGINT or SIGTERM, then stops accepting, finishes the requests in flight and the background
/// jobs, and closes the pool.
pub async fn serve(config: Config) -> Result<(), String> {
    let (db, keys) = crate::open(&config).await?;
    let passwords = Passwords::new()
        .await
        .map_err(|e| format!("password hashing unavailable: {}", e.code()))?;
    let state = AppState {
        db: db.clone(),
        keys,
        outbox: Outbox::new(config.dev_outbox),
        config: Arc::new(config),
        passwords,
        metrics: Arc::new(Metrics::default()),
        throttle: Arc::new(crate::throttle::ClientThrottle::default()),
    };
    let listener = tokio::net::TcpListener::bind(state.config.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", state.config.bind))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let jobs = vec![
        tokio::spawn(metrics::watch(state.clone(), stopped.clone())),
        tokio::spawn(retention::run(state.clone(), stopped.clone())),
        tokio::spawn(crate::epochs::run(state.clone(), stopped.clone())),
    ];
    tracing::info!(%address, backend = ?db.backend, "listening");
    // The one line on stdout: scripts and tests read the address from it.
    println!("cesizen-server listening on http://{address}");
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| e.to_string())?;
    let _ = stop.send(true);
    for job in jobs {
        let _ = tokio::time::timeout(Duration::from_secs(10), job).await;
    }
    db.writer.close().await;
    db.pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(_) => {
                let _ = interrupt.await;
                return;
            }
        };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
    tracing::info!("shutting down: finishing the requests in flight");
}

/// `cesizen-server grant-admin EMAIL`: an operator's command, not an API route, so that no HTTP caller can ever
/// raise a privilege. The plan treats any admin privilege change as a critical security event: it is logged at
/// error level and appended to the audit trail.
pub async fn grant_admin(config: Config, email: &str) -> Result<(), String> {
    let (db, keys) = crate::open(&config).await?;
    let email = Email::parse(email).map_err(|e| e.code().to_owned())?;
    let lookup = keys.email_lookup(&email).map_err(|e| e.code().to_owned())?;
    let row: Option<(String, String)> = sqlx::query_as("SELECT id, role FROM users WHERE email_lookup = $1")
        .bind(&lookup)
        .fetch_optional(&db.pool)
        .await
        .map_err(|e| e.to_string())?;
    let (id, role) = row.ok_or("no account has this address")?;
    if role == Role::Admin.as_str() {
        return Ok(());
    }
    sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
        .bind(Role::Admin.as_str())
        .bind(&id)
        .execute(&db.pool)
        .await
        .map_err(|e| e.to_string())?;
    tracing::error!(user = %id, "security: admin privilege granted");
    Ok(())
}
