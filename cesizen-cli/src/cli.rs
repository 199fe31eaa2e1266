//! The command line: every command, flag and example, as clap reads them.
//!
//! Values are parsed here by the SDK's own parsers (`SloTarget::from_percent_text`, the crates' enum names), so
//! a bad value is a usage error (exit 2) that names the flag before any file is touched.

use std::path::PathBuf;

use cesizen_core::CalendarMonth;
use cesizen_core::tz::Tz;
use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};

use cesizen_core::alerting::ConfigError;
use cesizen_core::incident::{Priority, SecurityLevel};
use cesizen_core::user::IanaTimeZone;
use cesizen_gdpr::request::RequestKind;
use cesizen_sla::{DurationShorthand, SloTarget};

const ROOT_HELP: &str = "\
Examples:
  pg_dump cesizen | cesizen backup seal > cesizen-$(date +%F).cze
  cesizen backup verify --input cesizen-2025-10-01.cze
  cesizen sla report --outages outages.csv --month 2025-10 --format html --output sla-2025-10.html
  cesizen gdpr deadline --request access --received 2025-01-31T10:00:00Z

Keys: backup open, backup verify and keys list read the keys from a keyring file (--keyring FILE)
or from a server's key custody directory (--key-dir DIR, the keys/ folder beside its root key file),
both sealed under the root secret read from --root-key-file (or CESIZEN_ROOT_KEY_FILE) or else from
the CESIZEN_ROOT_KEY variable. The commands that change keys write a keyring file only, as a
deployment's key directory is turned by the server's key epochs (`cesizen-server keys turn`), not by
hand; no command ever prints a secret.
Exit codes: 0 success, 1 failed operation or check, 2 bad usage.";

/// `cesizen`: the Cesizen SDK for the operations team.
#[derive(Debug, Parser)]
#[command(name = "cesizen", version, about = "The Cesizen SDK for the operations team: keys, backups, SLA, incidents, GDPR",
    after_help = ROOT_HELP, propagate_version = true)]
pub struct Cli {
    /// The deployment's plan (cesizen-plan: JSON, or TOML by its .toml name) that every command takes its rules
    /// from; the maintenance plan without it. A command's own --config file replaces the plan's section.
    #[arg(long, global = true, env = "CESIZEN_PLAN", value_name = "FILE")]
    pub plan: Option<PathBuf>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The command groups.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The keyring: create it, rotate its keys, list them, and crypto-shred a user.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Encrypted backups: seal a stream, open it, verify it end to end.
    #[command(subcommand)]
    Backup(BackupCommand),
    /// Availability: allowed downtime, burn-rate alert tables, the monthly SLA report.
    #[command(subcommand)]
    Sla(SlaCommand),
    /// Incidents: resolution due time, 50 % escalation and breach status.
    #[command(subcommand)]
    Incident(IncidentCommand),
    /// GDPR: request deadlines and the retention plan.
    #[command(subcommand)]
    Gdpr(GdprCommand),
}

/// The keyring file a command writes (or seals with), and what opens it.
#[derive(Debug, Args)]
pub struct KeyringArgs {
    /// The sealed keyring file (text form, one line). A deployment's key directory is turned by the server's key
    /// epochs (`cesizen-server keys turn`), not by hand.
    #[arg(long, env = "CESIZEN_KEYRING", value_name = "FILE")]
    pub keyring: PathBuf,
    /// What opens it.
    #[command(flatten)]
    pub root: RootKeyArgs,
}

/// The keys a command reads to open or verify data (a keyring file or a key custody directory), and what opens
/// them.
#[derive(Debug, Args)]
pub struct KeySourceArgs {
    /// Where the keys are: exactly one of the two.
    #[command(flatten)]
    pub source: KeySourceFlags,
    /// What opens them.
    #[command(flatten)]
    pub root: RootKeyArgs,
}

/// `--keyring FILE` or `--key-dir DIR`, exactly one (clap refuses none and both, exit 2).
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct KeySourceFlags {
    /// The sealed keyring file (text form, one line).
    #[arg(long, env = "CESIZEN_KEYRING", value_name = "FILE")]
    pub keyring: Option<PathBuf>,
    /// A key custody directory: one sealed record per key version, `kek-00000001.key` … (the reference server's
    /// `keys/` beside its root key file); other files there are ignored.
    #[arg(long, value_name = "DIR")]
    pub key_dir: Option<PathBuf>,
}

/// The root secret's file.
#[derive(Debug, Args)]
pub struct RootKeyArgs {
    /// A file holding the root secret (43 characters of base64url; readable by its owner only). Without it the
    /// secret is read from the CESIZEN_ROOT_KEY variable.
    #[arg(long, env = "CESIZEN_ROOT_KEY_FILE", value_name = "FILE")]
    pub root_key_file: Option<PathBuf>,
}

/// `--json`.
#[derive(Debug, Args, Clone, Copy)]
pub struct JsonFlag {
    /// Print one JSON object with camelCase keys instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `cesizen keys …`.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create a keyring with one primary key, sealed under the root secret.
    #[command(after_help = "\
Examples:
  cesizen keys init --keyring keyring.czk --root-key-file root.key --create-root-key
  CESIZEN_ROOT_KEY=\"$(cat /run/secrets/cesizen-root)\" cesizen keys init --keyring keyring.czk")]
    Init {
        /// Where the keyring is, and what opens it.
        #[command(flatten)]
        keyring: KeyringArgs,
        /// Also create the root key file named by --root-key-file (mode 0600); it must not exist yet.
        #[arg(long, requires = "root_key_file")]
        create_root_key: bool,
        /// Messages each key may seal before it must be rotated (1 to 2^32; the SDK's default otherwise).
        #[arg(long, value_name = "COUNT")]
        message_limit: Option<u64>,
        /// Output.
        #[command(flatten)]
        output: JsonFlag,
    },
    /// List the keys: id, status, primary, and data keys wrapped (keyring file) or created and retired (key
    /// directory). Never the material.
    #[command(after_help = "\
Examples:
  cesizen keys list --keyring keyring.czk --root-key-file root.key --json
  cesizen keys list --key-dir cesizen-data/keys --root-key-file cesizen-data/root.key")]
    List {
        /// Where the keys are, and what opens them.
        #[command(flatten)]
        keys: KeySourceArgs,
        /// Output.
        #[command(flatten)]
        output: JsonFlag,
    },
    /// Rotate: add a new key and make it the primary (new data keys and backups use it).
    #[command(after_help = "\
The rotation, step by step (the keyring's rules): 1. add a key (and deploy the keyring everywhere);
2. promote it; 3. rewrap the stored data keys (`keys rewrap`); 4. disable the old key; 5. destroy it
once the backups it sealed have expired (`keys retire`).

Examples:
  cesizen keys rotate --keyring keyring.czk                 # steps 1 and 2 at once (one server)
  cesizen keys rotate --keyring keyring.czk --no-promote    # step 1 only (several servers)
  cesizen keys rotate --keyring keyring.czk --promote 2     # step 2, once every server has key 2")]
    Rotate {
        /// Where the keyring is, and what opens it.
        #[command(flatten)]
        keyring: KeyringArgs,
        /// Add the new key without promoting it.
        #[arg(long, conflicts_with = "promote")]
        no_promote: bool,
        /// Promote this existing key instead of adding one.
        #[arg(long, value_name = "ID")]
        promote: Option<u32>,
        /// Output.
        #[command(flatten)]
        output: JsonFlag,
    },
    /// Rewrap every data key of a data-key table under the primary key (the data itself is not touched).
    #[command(after_help = "\
The data-key table is CSV with the header `user_id,wrapped`, as the reference server's `data_keys` table
exports (`\\copy data_keys TO 'data_keys.csv' CSV HEADER`). It is rewritten in place.

Example:
  cesizen keys rewrap --keyring keyring.czk --data-keys data_keys.csv")]
    Rewrap {
        /// Where the keyring is, and what opens it.
        #[command(flatten)]
        keyring: KeyringArgs,
        /// The data-key table (CSV `user_id,wrapped`), rewritten in place.
        #[arg(long, value_name = "FILE")]
        data_keys: PathBuf,
        /// Output.
        #[command(flatten)]
        output: JsonFlag,
    },
    /// Retire an old key: disable it, and with --destroy erase its material for good.
    #[command(after_help = "\
Destroying a key makes everything it protected unreadable, the backups it sealed included: destroy only once
those backups have expired. Disable first and watch for `crypto.key.disabled` errors (a data key that was
not rewrapped).

Examples:
  cesizen keys retire 1 --keyring keyring.czk
  cesizen keys retire 1 --keyring keyring.czk --destroy")]
    Retire {
        /// Where the keyring is, and what opens it.
        #[command(flatten)]
        keyring: KeyringArgs,
        /// The key id.
        #[arg(value_name = "ID")]
        id: u32,
        /// Also destroy the key (it must be disabled already, or be disabled by this command).
        #[arg(long)]
        destroy: bool,
        /// Output.
        #[command(flatten)]
        output: JsonFlag,
    },
    /// Crypto-shred a user: delete the user's wrapped data key from the data-key table.
    #[command(after_help = "\
Every copy of the user's sealed data, in the database and in every backup, becomes unreadable: the
data key that sealed it no longer exists. If copies of the data-key table itself were backed up,
also rotate the keyring and destroy the old key within the erasure deadline (30 days), which makes
those copies useless; a deployment's key directory is turned by the server's key epochs
(`cesizen-server keys turn`), not by hand.

Example:
  cesizen keys destroy-user --data-keys data_keys.csv --user 0190c0de-7e57-7000-8000-00000000a11c")]
    DestroyUser {
        /// The data-key table (CSV `user_id,wrapped`), rewritten in place.
        #[arg(long, value_name = "FILE")]
        data_keys: PathBuf,
        /// The user id.
        #[arg(long, value_name = "ID")]
        user: String,
        /// Output.
        #[command(flatten)]
        output: JsonFlag,
    },
}

/// Input and output of a backup stream.
#[derive(Debug, Args)]
pub struct StreamFiles {
    /// Read from this file instead of standard input.
    #[arg(short, long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Write to this file instead of standard output (written aside, renamed into place when complete).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Never show the progress bar (it is shown only when standard error is a terminal).
    #[arg(long)]
    pub no_progress: bool,
}

/// `cesizen backup …`.
#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Encrypt a stream under the keyring's primary key, in constant memory.
    #[command(after_help = "\
Examples:
  pg_dump --format=custom --exclude-table=data_keys cesizen | cesizen backup seal > db-2025-10-01.cze
  cesizen backup seal --input dump.sql --output dump.sql.cze")]
    Seal {
        /// Where the keyring is, and what opens it.
        #[command(flatten)]
        keyring: KeyringArgs,
        /// Input and output.
        #[command(flatten)]
        files: StreamFiles,
    },
    /// Decrypt a backup. Every 64 KiB segment is authenticated before it is written; a truncated or altered
    /// backup fails (exit 1) and an output file is then not created.
    #[command(after_help = "\
Examples:
  cesizen backup open --input db-2025-10-01.cze | pg_restore --dbname cesizen_restore
  cesizen backup open --input db-2025-10-01.cze --output db.dump
  cesizen backup open --key-dir keys --input db-2025-10-01.czbak --output db-2025-10-01.jsonl")]
    Open {
        /// Where the keys are, and what opens them.
        #[command(flatten)]
        keys: KeySourceArgs,
        /// Input and output.
        #[command(flatten)]
        files: StreamFiles,
    },
    /// Read a whole backup and check every segment and its end: the restore test without restoring.
    #[command(after_help = "\
Examples:
  cesizen backup verify --input db-2025-10-01.cze --json
  cesizen backup verify --key-dir keys --root-key-file root.key --input db-2025-10-01.czbak")]
    Verify {
        /// Where the keys are, and what opens them.
        #[command(flatten)]
        keys: KeySourceArgs,
        /// Read from this file instead of standard input.
        #[arg(short, long, value_name = "FILE")]
        input: Option<PathBuf>,
        /// Never show the progress bar.
        #[arg(long)]
        no_progress: bool,
        /// Output.
        #[command(flatten)]
        output: JsonFlag,
    },
}

/// `cesizen sla …`.
#[derive(Debug, Subcommand)]
pub enum SlaCommand {
    /// The downtime a target allows over a rolling window or a calendar month.
    #[command(after_help = "\
Examples:
  cesizen sla downtime --target 99.9 --period 30d
  cesizen sla downtime --target 99.95 --month 2025-03 --tz Europe/Paris --json")]
    Downtime {
        /// The availability target, in percent (`99.9`).
        #[arg(long, value_name = "PERCENT", value_parser = parse_target)]
        target: SloTarget,
        /// A rolling window of fixed length: `30d`, `4w`, `720h`.
        #[arg(long, value_name = "DURATION", value_parser = parse_rolling, required_unless_present = "month",
            conflicts_with = "month")]
        period: Option<u64>,
        /// A calendar month, `YYYY-MM`, measured from local midnight to local midnight.
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
        month: Option<CalendarMonth>,
        /// The time zone of --month (IANA name).
        #[arg(long, value_name = "ZONE", value_parser = parse_zone, default_value = "Europe/Paris", requires = "month")]
        tz: Tz,
        /// Output.
        #[command(flatten)]
        output: JsonFlag,
    },
    /// The multi-window burn-rate alert table derived from a target (SRE workbook rules, or the rules file's).
    #[command(after_help = "\
Examples:
  cesizen sla burn-rates --target 99.9 --period 30d
  cesizen sla burn-rates --target 90 --period 30d --json     # warns: some rules can never fire")]
    BurnRates {
        /// The availability target, in percent.
        #[arg(long, value_name = "PERCENT", value_parser = parse_target)]
        target: SloTarget,
        /// The SLO period, a fixed length: `30d`, `4w`.
        #[arg(long, value_name = "DURATION", value_parser = parse_rolling, default_value = "30d")]
        period: u64,
        /// A rules file (cesizen-sla's JSON, e.g. cesizen-sla/rules/plan.json); its `burnRate` section is used.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Output.
        #[command(flatten)]
        output: JsonFlag,
    },
    /// The monthly SLA report per service: target, allowed, used, left, availability, met.
    #[command(after_help = "\
The outages file is CSV with the header `service,start,end` and optional columns `weight` (percent of a
full outage, default 100) and `kind` (`outage` or `maintenance`), or JSON:
  { \"core-api\": { \"outages\": [{\"start\": \"…\", \"end\": \"…\"}], \"maintenance\": [{\"start\": \"…\", \"end\": \"…\"}] } }
Times are RFC 3339. Services and targets come from the rules file (the plan's five by default).

Examples:
  cesizen sla report --outages outages.csv --month 2025-10
  cesizen sla report --outages outages.csv --month 2025-10 --format html --output sla-2025-10.html
  cesizen sla report --outages outages.json --month 2025-10 --config rules.json --json --check")]
    Report {
        /// The outages and maintenance windows (CSV or JSON, by extension).
        #[arg(long, value_name = "FILE")]
        outages: PathBuf,
        /// The month, `YYYY-MM`, in the rules file's report time zone (Europe/Paris by default).
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
        month: CalendarMonth,
        /// A rules file (cesizen-sla's JSON): services, targets and the report time zone.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Text for a terminal, JSON for scripts, HTML for people (one self-contained file).
        #[arg(long, value_enum, default_value_t = ReportFormat::Text, conflicts_with = "json")]
        format: ReportFormat,
        /// Same as --format json.
        #[arg(long)]
        json: bool,
        /// Write the report to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Exit with 1 when a service missed its target.
        #[arg(long)]
        check: bool,
    },
    /// Prometheus recording and alerting rules: SLOs (burn rates, month budgets), thresholds, security alerts.
    #[command(after_help = "\
Per service: the SLI from cesizen_http_requests_total{job=\"<service id>\"} with minutes meeting a
maintenance window (cesizen_maintenance{service=\"<id>\"} > 0) left out, error ratios over every alert
window, the multi-window burn-rate alerts (P1/P2 page, P3/P4 ticket) and the budget of the current calendar
month in the rules file's report time zone, DST included. The month table covers --months months from
--from; an alert says when it runs out. Warnings (rules that can never fire, burn rates below 1) go to
standard error. The file is JSON, which Prometheus reads as YAML.

Examples:
  cesizen sla prometheus-rules --output /etc/prometheus/rules/cesizen.rules.yml
  cesizen sla prometheus-rules --config rules.json --from 2026-01 --months 36
Then the monitoring thresholds and security alerts over the reference server's metrics (node_exporter's for
CPU, RAM and disk; blackbox_exporter's for certificates); the rules without a metric are noted on standard
error.")]
    PrometheusRules {
        /// A rules file (cesizen-sla's JSON): services, targets, report time zone, burn-rate rules.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// The first month of the month table, `YYYY-MM` (default: the current month in the report time zone).
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
        from: Option<CalendarMonth>,
        /// How many months the month table covers (1 to 120).
        #[arg(long, value_name = "COUNT", default_value_t = 24)]
        months: u32,
        /// Write the rules to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// An Alertmanager configuration routing each priority to the plan's channels on the plan's timing.
    #[command(after_help = "\
One route per priority (the label priority=\"p1\"…\"p4\" the generated rules set), one receiver per channel
of the routing matrix (p1-sms, p1-chat, p1-email, p2-chat…), e-mail digests sent in a window at the digest's
local time. Receivers are left without integrations: add your webhook, e-mail or pager settings to them.

Examples:
  cesizen sla alertmanager-config --output /etc/alertmanager/alertmanager.yml")]
    AlertmanagerConfig {
        /// A rules file (cesizen-sla's JSON): routing matrix, digests, grouping window.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Write the configuration to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// A Grafana dashboard: month budgets per service, the monitored metrics with their bands, the product KPIs
    /// against their targets.
    #[command(after_help = "\
The SLO panels read the rules of `prometheus-rules`, the technical ones cesizen:monitoring_value, the business
ones cesizen_kpi_value{kpi=\"<name>\"} (daily_active_users, mean_session_time, meditation_sessions_per_day,
retention_30_day, net_promoter_score). Import it in Grafana and pick the Prometheus data source.

Examples:
  cesizen sla grafana-dashboard --output cesizen-dashboard.json")]
    GrafanaDashboard {
        /// A rules file (cesizen-sla's JSON): thresholds, report time zone.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Write the dashboard to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// The formats of `sla report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// An aligned table.
    Text,
    /// One JSON object.
    Json,
    /// One self-contained HTML page with uptime bars and a budget burn-down chart.
    Html,
}

/// `cesizen incident …`.
#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    /// The resolution timer of an incident: due time, escalation time (50 %), breach status.
    #[command(after_help = "\
The events file is a JSON array of the ticket's moves after its creation, oldest first:
  [{\"at\": \"2025-10-06T09:10:00Z\", \"action\": \"start\", \"actor\": \"alice\"},
   {\"at\": \"2025-10-06T11:00:00Z\", \"action\": \"submit_for_review\"}]
Actions: start, submit_for_review, approve_review, reject_review, pass_test, fail_test, deploy, rollback,
close. Goals, pauses and the working calendar come from the rules file (the plan: 24/7, P1 2 h … P4 72 h);
a business-hours calendar may give a weekday hours of its own:
  \"dayHours\": { \"friday\": { \"from\": \"09:00\", \"to\": \"16:00\" } }

Examples:
  cesizen incident deadlines --priority P2 --opened 2025-10-06T09:00:00Z
  cesizen incident deadlines --priority P3 --opened 2025-10-06T09:00:00Z --events moves.json --config rules.json --json")]
    Deadlines {
        /// The priority: P1, P2, P3 or P4.
        #[arg(long, value_name = "P1..P4", value_parser = parse_priority)]
        priority: Priority,
        /// The security level of a security incident: S1 to S4 (the stricter goal applies).
        #[arg(long, value_name = "S1..S4", value_parser = parse_security_level)]
        security_level: Option<SecurityLevel>,
        /// When the incident ticket was opened (RFC 3339).
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        opened: DateTime<Utc>,
        /// The ticket's moves (JSON).
        #[arg(long, value_name = "FILE")]
        events: Option<PathBuf>,
        /// The instant to judge at (RFC 3339); now by default.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        now: Option<DateTime<Utc>>,
        /// A rules file (cesizen-sla's JSON): timer goals, calendar, pauses.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Output.
        #[command(flatten)]
        output: JsonFlag,
    },
}

/// `cesizen gdpr …`.
#[derive(Debug, Subcommand)]
pub enum GdprCommand {
    /// The internal target and the legal deadline (Art. 12(3)) of a data-subject request.
    #[command(after_help = "\
Kinds: access, rectification, erasure, portability, restriction, objection, consent_withdrawal.

Examples:
  cesizen gdpr deadline --request access --received 2025-01-31T10:00:00Z
  cesizen gdpr deadline --request erasure --received 2025-01-31T10:00:00Z --extended --json")]
    Deadline {
        /// The kind of request.
        #[arg(long, value_name = "KIND", value_parser = parse_request_kind)]
        request: RequestKind,
        /// When the request was received (RFC 3339).
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        received: DateTime<Utc>,
        /// The deadline was extended by two months (Art. 12(3)), the person having been told.
        #[arg(long)]
        extended: bool,
        /// A GDPR configuration file (cesizen-gdpr's TOML or JSON, by extension).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Output.
        #[command(flatten)]
        output: JsonFlag,
    },
    /// The retention actions due over a file of record metadata, streamed in constant memory.
    #[command(after_help = "\
The records file is JSON Lines (one record per line) or CSV (by extension) with the fields
id, category, createdAt, and optionally lastActiveAt, notifiedAt, anonymised, onHold. Categories:
journal_entry, practice_session, account, log, backup.

Examples:
  cesizen gdpr plan --records records.jsonl --now 2025-10-01T00:00:00Z
  cesizen gdpr plan --records records.csv --actions due.jsonl --json")]
    Plan {
        /// The records' metadata (JSON Lines or CSV).
        #[arg(long, value_name = "FILE")]
        records: PathBuf,
        /// The instant to plan at (RFC 3339); now by default.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        now: Option<DateTime<Utc>>,
        /// Also write every due action as JSON Lines to this file; `-` writes them to standard output instead of the
        /// summary.
        #[arg(long, value_name = "FILE")]
        actions: Option<PathBuf>,
        /// A GDPR configuration file (cesizen-gdpr's TOML or JSON).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Never show the progress bar.
        #[arg(long)]
        no_progress: bool,
        /// Output.
        #[command(flatten)]
        output: JsonFlag,
    },
}

fn parse_target(text: &str) -> Result<SloTarget, String> {
    SloTarget::from_percent_text(text.trim_end_matches('%'))
        .map_err(|p| ConfigError::new("target", p).to_string() + "; write a percentage such as 99.9")
}

/// A fixed-length window in ms, from the OpenSLO shorthand.
fn parse_rolling(text: &str) -> Result<u64, String> {
    DurationShorthand::parse(text)
        .and_then(|d| d.fixed_ms())
        .ok_or_else(|| {
            "write a fixed length such as 30d, 4w or 720h (for a calendar month use --month YYYY-MM)".to_owned()
        })
}

/// The first day of the month `YYYY-MM`.
fn parse_month(text: &str) -> Result<CalendarMonth, String> {
    text.parse()
        .map_err(|_| "write the month as YYYY-MM, e.g. 2025-10".to_owned())
}

fn parse_zone(text: &str) -> Result<Tz, String> {
    IanaTimeZone::parse(text)
        .map(|zone| zone.tz())
        .map_err(|_| "not an IANA time zone name; write e.g. Europe/Paris or UTC".to_owned())
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            "write an RFC 3339 time with its offset, e.g. 2025-10-06T09:00:00Z or 2025-10-06T11:00:00+02:00".to_owned()
        })
}

/// One of `all` by its SDK name, ignoring case (`P2` and `p2`).
fn by_name<T: Copy>(text: &str, all: &[T], name: impl Fn(&T) -> &'static str) -> Result<T, String> {
    all.iter()
        .find(|v| name(v).eq_ignore_ascii_case(text))
        .copied()
        .ok_or_else(|| {
            format!(
                "expected one of: {}",
                all.iter().map(name).collect::<Vec<_>>().join(", ")
            )
        })
}

fn parse_priority(text: &str) -> Result<Priority, String> {
    by_name(text, &Priority::ALL, |p| p.as_str())
}

fn parse_security_level(text: &str) -> Result<SecurityLevel, String> {
    by_name(text, &SecurityLevel::ALL, |s| s.as_str())
}

fn parse_request_kind(text: &str) -> Result<RequestKind, String> {
    by_name(text, &RequestKind::ALL, RequestKind::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn values_parse_with_the_sdk_parsers() {
        assert_eq!(parse_target("99.95").unwrap().ppm(), 999_500);
        assert_eq!(parse_target("99.9%").unwrap().ppm(), 999_000);
        assert!(parse_target("100").unwrap_err().contains("99.9"));
        assert_eq!(parse_rolling("30d").unwrap(), 30 * 86_400_000);
        assert!(parse_rolling("1M").is_err());
        assert_eq!(parse_month("2025-03").unwrap(), CalendarMonth::new(2025, 3).unwrap());
        assert!(parse_month("2025-13").is_err());
        assert_eq!(parse_priority("P2").unwrap(), Priority::P2);
        assert_eq!(parse_priority("p4").unwrap(), Priority::P4);
        assert_eq!(parse_priority("P5").unwrap_err(), "expected one of: p1, p2, p3, p4");
        assert_eq!(
            parse_request_kind("consent_withdrawal").unwrap(),
            RequestKind::ConsentWithdrawal
        );
        assert!(parse_time("2025-10-06 09:00").is_err());
        assert_eq!(
            parse_time("2025-10-06T11:00:00+02:00").unwrap(),
            parse_time("2025-10-06T09:00:00Z").unwrap()
        );
    }
}
