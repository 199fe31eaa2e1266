//! # cesizen-server
//!
//! The Cesizen reference server: the whole SDK end to end over HTTP. It holds **no business rule of its own**:
//! passwords, lockouts, tokens, accounts, sessions of practice, journal entries, reports, the Holmes–Rahe scale,
//! consent, data-subject requests, retention, incidents and SLA timers are all `cesizen-core`, `cesizen-crypto`,
//! `cesizen-gdpr` and `cesizen-sla`; the server stores, authenticates, encrypts at rest and speaks HTTP.
//!
//! ```text
//! cargo run -p cesizen-server                      serve on 127.0.0.1:8080, SQLite in ./cesizen-data
//! DATABASE_URL=postgres://… cargo run -p cesizen-server   the same on PostgreSQL
//! cesizen-server grant-admin EMAIL                 give an account the admin role (audited)
//! cesizen-server backup FILE                       write an encrypted backup (wrapped data keys, no KEK)
//! cesizen-server restore FILE                      restore it into an empty database, erasures replayed
//! cesizen-server keys turn                         run the key epoch check now (what the server does every minute)
//! ```
//!
//! Settings: [`config`]. Storage and durability: [`db`]. Keys and encryption at rest: [`keys`]. The API is
//! described by the OpenAPI document served at `/openapi.json` (`openapi.json` beside this crate's sources).

mod accounts;
mod app;
mod audit;
mod backup;
mod config;
mod consent;
mod custody;
mod db;
mod epochs;
mod error;
mod gdpr;
mod journal;
mod keys;
mod metrics;
mod operations;
mod outbox;
mod password;
mod practice;
mod profile;
mod reports;
mod restore;
mod retention;
mod state;
mod throttle;
mod tombstones;
mod users;

use std::process::ExitCode;
use std::sync::Arc;

use tracing_subscriber::EnvFilter;

use crate::config::Config;
use crate::custody::KeyDirectory;
use crate::db::Db;
use crate::keys::{KeySettings, Keys};
use crate::tombstones::ErasureLog;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_env("CESIZEN_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .with_writer(std::io::stderr)
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            tracing::error!(error = %e, "cannot start the async runtime");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(async {
        let config = Config::from_env().map_err(|e| e.to_string())?;
        match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            [] | ["serve"] => app::serve(config).await,
            ["grant-admin", email] => app::grant_admin(config, email).await,
            ["backup", file] => backup::write(config, file).await,
            ["restore", file] => restore::run(config, file).await,
            ["keys", "turn"] => epochs::turn_now(config).await,
            _ => Err(
                "usage: cesizen-server [serve] | grant-admin EMAIL | backup FILE | restore FILE | keys turn".to_owned(),
            ),
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Connects to the database and opens the keys: what every command needs.
async fn open(config: &Config) -> Result<(Db, Arc<Keys>), String> {
    let db = Db::connect(&config.database_url, config.sqlite_synchronous)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    let custody = KeyDirectory::open(&config.key_dir).map_err(|e| e.to_string())?;
    let settings = KeySettings {
        key_file: &config.key_file,
        custody: Arc::new(custody),
        erasures: ErasureLog::in_dir(&config.key_dir),
        policy: config.key_epochs,
        message_limit: config.key_message_limit,
    };
    let keys = Keys::load(settings, &db).await.map_err(|e| e.to_string())?;
    Ok((db, Arc::new(keys)))
}
