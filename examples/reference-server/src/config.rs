//! Settings, from the environment; every one has a default, so the server starts with no set-up at all.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `CESIZEN_BIND` | `127.0.0.1:8080` | address to listen on (port 0: any free port, printed on stdout) |
//! | `CESIZEN_DATA_DIR` | `cesizen-data` | where the SQLite file and the root key file are created |
//! | `DATABASE_URL` | `sqlite://<data dir>/cesizen.db?mode=rwc` | `postgres://…` to run on PostgreSQL |
//! | `CESIZEN_KEY_FILE` | `<data dir>/root.key` | the root key (created on first start, mode 0600) |
//! | `CESIZEN_KEY_DIR` | `keys/` beside the key file | key custody: the KEK versions and the erasure log (mode 0700) |
//! | `CESIZEN_KEY_EPOCH_SECONDS` | `86400` (a day) | how long a KEK stays primary before the next epoch |
//! | `CESIZEN_BACKUP_RETENTION_SECONDS` | `1209600` (14 days) | how long backups are kept: a retired KEK is destroyed then |
//! | `CESIZEN_DEV_OUTBOX` | off | `1`: serve e-mails that would be sent at `GET /api/v1/dev/outbox` |
//! | `CESIZEN_RETENTION_INTERVAL_SECONDS` | `3600` | how often the retention job runs |
//! | `CESIZEN_SESSION_HOURS` | `24` | lifetime of a session token |
//! | `CESIZEN_KEY_MESSAGE_LIMIT` | `cesizen-crypto`'s (2^30) | messages each key may seal (1 to 2^32) |
//! | `CESIZEN_PLAN_FILE` | the maintenance plan | the deployment's plan (`cesizen-plan`), TOML when the name ends in `.toml`, JSON otherwise |
//!
//! The plan is read once, here, and every handler takes its rules from it (`Config::plan`): request deadlines,
//! retention, lockout thresholds, monitoring thresholds.
//!
//! The key epoch plus the backup retention (plus one check of the epoch job) bound how long an erased person's
//! data stays recoverable from old copies; the server refuses to start when that passes the plan's erasure
//! target (the plan's, 30 days by default).
//! | `CESIZEN_SQLITE_SYNCHRONOUS` | `full` | SQLite only: `normal` to sync at checkpoints only (see [`crate::db`]) |
//! | `CESIZEN_LOG` | `info` | tracing filter (`debug`, `cesizen_server=debug,sqlx=warn`…) |

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use cesizen_crypto::EpochPolicy;
use cesizen_gdpr::request::RequestKind;
use cesizen_plan::{Plan, PlanError};
use chrono::{TimeDelta, Utc};

/// The server's settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// The database URL.
    pub database_url: String,
    /// The root key file.
    pub key_file: PathBuf,
    /// Key custody's directory.
    pub key_dir: PathBuf,
    /// The key epochs: their length and the backup retention.
    pub key_epochs: EpochPolicy,
    /// Whether the development outbox is served.
    pub dev_outbox: bool,
    /// Period of the retention job.
    pub retention_interval: Duration,
    /// Lifetime of a session.
    pub session_lifetime: TimeDelta,
    /// The per-key message limit to set on the keyring, if not its current one.
    pub key_message_limit: Option<u64>,
    /// SQLite's `synchronous` setting.
    pub sqlite_synchronous: crate::db::Synchronous,
    /// The deployment's plan, read once at start.
    pub plan: Arc<Plan>,
}

/// A setting that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// An environment variable.
    #[error("the setting {name} is not valid: {reason}")]
    Setting {
        /// The variable.
        name: &'static str,
        /// Why.
        reason: &'static str,
    },
    /// The plan file named by `CESIZEN_PLAN_FILE` was refused (its field and `config.*` code in the message).
    #[error("the plan file {path} is not valid ({}): {source}", source.code())]
    Plan {
        /// The file.
        path: String,
        /// What the plan refused.
        source: PlanError,
    },
}

/// The plan of `CESIZEN_PLAN_FILE`, or the maintenance plan without it.
fn read_plan(path: Option<String>) -> Result<Plan, ConfigError> {
    let Some(path) = path else {
        return Ok(Plan::default());
    };
    let text = std::fs::read_to_string(&path).map_err(|_| ConfigError::Setting {
        name: "CESIZEN_PLAN_FILE",
        reason: "the file cannot be read",
    })?;
    let plan = if path.ends_with(".toml") {
        Plan::from_toml(&text)
    } else {
        Plan::from_json(&text)
    };
    plan.map_err(|source| ConfigError::Plan { path, source })
}

impl Config {
    /// Reads the settings from the environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let bind = match var("CESIZEN_BIND") {
            Some(text) => text.parse().map_err(|_| ConfigError::Setting {
                name: "CESIZEN_BIND",
                reason: "expected an address such as 127.0.0.1:8080",
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
        };
        let data_dir = PathBuf::from(var("CESIZEN_DATA_DIR").unwrap_or_else(|| "cesizen-data".to_owned()));
        let database_url = match var("DATABASE_URL") {
            Some(url)
                if url.starts_with("sqlite:") || url.starts_with("postgres:") || url.starts_with("postgresql:") =>
            {
                url
            }
            Some(_) => {
                return Err(ConfigError::Setting {
                    name: "DATABASE_URL",
                    reason: "expected a sqlite:// or postgres:// URL",
                });
            }
            None => {
                std::fs::create_dir_all(&data_dir).map_err(|_| ConfigError::Setting {
                    name: "CESIZEN_DATA_DIR",
                    reason: "the directory cannot be created",
                })?;
                format!("sqlite://{}?mode=rwc", data_dir.join("cesizen.db").display())
            }
        };
        let key_file = var("CESIZEN_KEY_FILE")
            .map(PathBuf::from)
            .unwrap_or_else(|| data_dir.join("root.key"));
        let positive = |name: &'static str, default: u64| -> Result<u64, ConfigError> {
            match var(name) {
                None => Ok(default),
                Some(text) => text.parse::<u64>().ok().filter(|n| *n > 0).ok_or(ConfigError::Setting {
                    name,
                    reason: "expected a positive whole number",
                }),
            }
        };
        let session_hours = positive("CESIZEN_SESSION_HOURS", 24)?.min(24 * 30);
        let key_dir = var("CESIZEN_KEY_DIR").map(PathBuf::from).unwrap_or_else(|| {
            key_file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or_else(|| std::path::Path::new("."))
                .join("keys")
        });
        let retention = match var("CESIZEN_BACKUP_RETENTION_SECONDS") {
            None => 14 * 86_400,
            Some(text) => text.parse::<u64>().map_err(|_| ConfigError::Setting {
                name: "CESIZEN_BACKUP_RETENTION_SECONDS",
                reason: "expected a whole number of seconds",
            })?,
        };
        let key_epochs = EpochPolicy::new(
            Duration::from_secs(positive("CESIZEN_KEY_EPOCH_SECONDS", 86_400)?),
            Duration::from_secs(retention),
        )
        .map_err(|_| ConfigError::Setting {
            name: "CESIZEN_BACKUP_RETENTION_SECONDS",
            reason: "the key epoch plus the backup retention is too long",
        })?;
        let plan = read_plan(var("CESIZEN_PLAN_FILE"))?;
        let now = Utc::now();
        let erasure_target = plan
            .gdpr()
            .requests
            .internal_due(RequestKind::Erasure, now)
            .ok()
            .flatten()
            .and_then(|due| (due - now).to_std().ok());
        let bound = key_epochs.shredding_bound() + epoch_check_interval(&key_epochs);
        if erasure_target.is_some_and(|target| bound > target) {
            return Err(ConfigError::Setting {
                name: "CESIZEN_BACKUP_RETENTION_SECONDS",
                reason: "the key epoch plus the backup retention must stay within the plan's erasure target",
            });
        }
        Ok(Config {
            bind,
            database_url,
            key_file,
            key_dir,
            key_epochs,
            dev_outbox: var("CESIZEN_DEV_OUTBOX").is_some_and(|v| v == "1" || v == "true"),
            retention_interval: Duration::from_secs(positive("CESIZEN_RETENTION_INTERVAL_SECONDS", 3600)?),
            session_lifetime: TimeDelta::hours(i64::try_from(session_hours).unwrap_or(24)),
            sqlite_synchronous: match var("CESIZEN_SQLITE_SYNCHRONOUS").as_deref() {
                None | Some("full") => crate::db::Synchronous::Full,
                Some("normal") => crate::db::Synchronous::Normal,
                Some(_) => {
                    return Err(ConfigError::Setting {
                        name: "CESIZEN_SQLITE_SYNCHRONOUS",
                        reason: "expected normal or full",
                    });
                }
            },
            key_message_limit: match var("CESIZEN_KEY_MESSAGE_LIMIT") {
                None => None,
                Some(_) => Some(positive("CESIZEN_KEY_MESSAGE_LIMIT", 0)?),
            },
            plan: Arc::new(plan),
        })
    }
}

impl Config {
    /// How often the epoch job looks for what is due: every minute, or twice per epoch when epochs are shorter.
    pub fn epoch_check_interval(&self) -> Duration {
        epoch_check_interval(&self.key_epochs)
    }
}

fn epoch_check_interval(epochs: &EpochPolicy) -> Duration {
    (epochs.length() / 2).clamp(Duration::from_millis(500), Duration::from_secs(60))
}
