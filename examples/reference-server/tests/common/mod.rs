//! Black-box harness: the real `cesizen-server` binary on a loopback port, driven over HTTP.
//!
//! The database is a fresh SQLite file per server, or the PostgreSQL named by `CESIZEN_TEST_DATABASE_URL`
//! (set by `cargo xtask test --only server-postgres`, which also gives every server one shared root key file,
//! `CESIZEN_TEST_KEY_FILE`, since the keyring lives in that shared database). Tests never assume an empty
//! database: every account has a fresh random address.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

/// A running server.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    dir: PathBuf,
    _temp: Option<tempfile::TempDir>,
    /// The database URL it uses.
    pub database_url: String,
    /// Its root key file.
    pub key_file: PathBuf,
    /// Settings beyond the harness's own, kept across restarts.
    env: Vec<(String, String)>,
}

/// Whether the tests run against PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("CESIZEN_TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty())
}

impl Server {
    /// Starts a server on a fresh data directory.
    pub fn start() -> Server {
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = temp.path().to_path_buf();
        let mut server = Server::spawn(&dir);
        server._temp = Some(temp);
        server
    }

    /// Starts a server with extra settings `env` on a database of its own, even on PostgreSQL (a fresh
    /// database of the test cluster): for tests that change what every server sharing a database would see,
    /// such as the keyring's settings.
    pub async fn start_isolated(env: &[(&str, &str)]) -> Server {
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = temp.path().to_path_buf();
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let database = match std::env::var("CESIZEN_TEST_DATABASE_URL") {
            Ok(url) if !url.is_empty() => Some((create_database(&url, "cesizen_isolated").await, dir.join("root.key"))),
            _ => None,
        };
        let mut server = Server::spawn_with(&dir, database, env);
        server._temp = Some(temp);
        server
    }

    /// A second instance on the same database and key file (the data directory stays the first one's).
    pub fn another_instance(&self) -> Server {
        Server::spawn_with(
            &self.dir,
            Some((self.database_url.clone(), self.key_file.clone())),
            self.env.clone(),
        )
    }

    fn spawn(dir: &Path) -> Server {
        Server::spawn_with(dir, None, Vec::new())
    }

    fn spawn_with(dir: &Path, database: Option<(String, PathBuf)>, env: Vec<(String, String)>) -> Server {
        let (database_url, key_file) = match (database, std::env::var("CESIZEN_TEST_DATABASE_URL")) {
            (Some(database), _) => database,
            (None, Ok(url)) if !url.is_empty() => (
                url,
                PathBuf::from(std::env::var("CESIZEN_TEST_KEY_FILE").expect("CESIZEN_TEST_KEY_FILE with a database")),
            ),
            _ => (
                format!("sqlite://{}?mode=rwc", dir.join("cesizen.db").display()),
                dir.join("root.key"),
            ),
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_cesizen-server"))
            .envs(env.iter().map(|(k, v)| (k, v)))
            .env("CESIZEN_BIND", "127.0.0.1:0")
            .env("CESIZEN_DATA_DIR", dir)
            .env("DATABASE_URL", &database_url)
            .env("CESIZEN_KEY_FILE", &key_file)
            .env("CESIZEN_DEV_OUTBOX", "1")
            .env("CESIZEN_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server binary starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server prints its address");
        let base = line
            .trim()
            .strip_prefix("cesizen-server listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_owned();
        Server {
            child,
            base,
            dir: dir.to_path_buf(),
            _temp: None,
            database_url,
            key_file,
            env,
        }
    }

    /// Kills the process with SIGKILL (no shutdown at all) and starts a new one on the same data.
    pub fn crash_and_restart(&mut self) {
        self.child.kill().expect("kill -9");
        self.child.wait().expect("reaped");
        let temp = self._temp.take();
        let mut restarted = Server::spawn_with(
            &self.dir,
            Some((self.database_url.clone(), self.key_file.clone())),
            std::mem::take(&mut self.env),
        );
        restarted._temp = temp;
        // The old value holds the reaped child and no directory: dropping it kills nothing and removes nothing.
        drop(std::mem::replace(self, restarted));
    }

    /// Runs the binary's command `args` against this server's database and key file.
    pub fn command(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_cesizen-server"))
            .args(args)
            .env("CESIZEN_DATA_DIR", &self.dir)
            .env("DATABASE_URL", &self.database_url)
            .env("CESIZEN_KEY_FILE", &self.key_file)
            .env("CESIZEN_LOG", "warn")
            .output()
            .expect("the command runs")
    }

    /// Runs the binary's command `args` against the database `database_url`, with this server's key file
    /// and key directory (a restore into another database, a command on a copy).
    pub fn command_on(&self, database_url: &str, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_cesizen-server"))
            .args(args)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .env("CESIZEN_DATA_DIR", &self.dir)
            .env("DATABASE_URL", database_url)
            .env("CESIZEN_KEY_FILE", &self.key_file)
            .env("CESIZEN_LOG", "warn")
            .output()
            .expect("the command runs")
    }

    /// Stops the process (SIGKILL); the data directory and the key files stay.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// A new server on `database_url` with this one's key file, key directory and settings.
    pub fn start_on(&self, database_url: &str) -> Server {
        Server::spawn_with(
            &self.dir,
            Some((database_url.to_owned(), self.key_file.clone())),
            self.env.clone(),
        )
    }

    /// The URL of a database that does not exist yet (SQLite: a new file in the data directory) or is empty
    /// (PostgreSQL: a new database of the test cluster).
    pub async fn fresh_database_url(&self) -> String {
        if !self.database_url.starts_with("postgres") {
            let name = format!("cesizen_fresh_{:016x}", getrandom::u64().expect("entropy"));
            return format!("sqlite://{}?mode=rwc", self.dir.join(format!("{name}.db")).display());
        }
        create_database(&self.database_url, "cesizen_fresh").await
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A client for this server.
    pub fn client(&self) -> Client {
        Client {
            http: reqwest::Client::new(),
            base: self.base.clone(),
            token: None,
        }
    }

    /// Signs up a fresh account and signs it in; gives it the journal consent.
    pub async fn user(&self) -> User {
        self.user_at(&format!("user-{:016x}@example.fr", getrandom::u64().expect("entropy")))
            .await
    }

    /// [`Server::user`] at the address `email`.
    pub async fn user_at(&self, email: &str) -> User {
        let email = email.to_owned();
        let mut client = self.client();
        let (status, _) = client
            .post(
                "/api/v1/accounts",
                json!({"email": email, "password": PASSWORD, "displayName": "Camille Durand"}),
            )
            .await;
        assert_eq!(status, 202);
        let (status, body) = client
            .post("/api/v1/sessions", json!({"email": email, "password": PASSWORD}))
            .await;
        assert_eq!(status, 201, "{body}");
        client.token = Some(body["token"].as_str().expect("token").to_owned());
        let (status, _) = client
            .post(
                "/api/v1/me/consents",
                json!({"purpose": "emotional_journal", "textVersion": "2025-01", "method": "explicit_statement"}),
            )
            .await;
        assert_eq!(status, 200);
        User {
            id: body["userId"].as_str().expect("user id").to_owned(),
            email,
            client,
        }
    }

    /// A direct connection to the server's database, to look at what it stores.
    pub async fn database(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::any::AnyPoolOptions::new()
            .max_connections(2)
            .connect(&self.database_url)
            .await
            .expect("the test connects to the database")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Creates an empty database named `prefix` and a random suffix on the PostgreSQL server of `url`; its URL.
async fn create_database(url: &str, prefix: &str) -> String {
    let name = format!("{prefix}_{:016x}", getrandom::u64().expect("entropy"));
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .expect("the test connects to the database");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&pool)
        .await
        .expect("a database of its own");
    pool.close().await;
    let (server_part, _) = url.rsplit_once('/').expect("a database URL ends with its name");
    format!("{server_part}/{name}")
}

/// A password the policy accepts.
pub const PASSWORD: &str = "Calme-et-Zen-2025!";

/// A signed-up, signed-in account.
pub struct User {
    /// Its id.
    pub id: String,
    /// Its address.
    pub email: String,
    /// A client carrying its session.
    pub client: Client,
}

/// An HTTP client, with or without a session.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    /// The session token, if signed in.
    pub token: Option<String>,
}

impl Client {
    /// Sends a request; returns the status and the body as JSON (`Null` when empty, a string when not JSON).
    pub async fn send(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    /// GET.
    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.send("GET", path, None).await
    }

    /// POST with a JSON body.
    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send("POST", path, Some(body)).await
    }

    /// A raw request, for bodies that are not JSON.
    pub async fn raw(&self, method: &str, path: &str, content_type: &str, body: Vec<u8>) -> reqwest::Response {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("the server answers")
    }
}

/// A journal entry with a recognisable note.
pub fn entry(note: &str) -> Value {
    json!({
        "kind": "momentary_emotion",
        "emotion": {"base": "fear", "nuance": "worry"},
        "intensity": 7,
        "valence": -0.5,
        "contextTags": ["work"],
        "note": note,
        "recordedAt": "2025-03-14T21:30:00Z",
        "timeZone": "Europe/Paris"
    })
}

/// Every text value stored in the database, table by table (for "nothing in clear" checks).
pub async fn all_stored_text(pool: &sqlx::AnyPool) -> String {
    use sqlx::Row;
    let mut out = String::new();
    for table in [
        "server_secrets",
        "data_keys",
        "users",
        "sessions",
        "single_use_tokens",
        "login_attempts",
        "practice_sessions",
        "journal_entries",
        "anonymised_journal_entries",
        "consents",
        "gdpr_requests",
        "incidents",
        "key_usage",
        "audit_trail",
        "erasure_certificates",
    ] {
        let rows = sqlx::query(&format!("SELECT * FROM {table}"))
            .fetch_all(pool)
            .await
            .expect("select");
        for row in rows {
            for i in 0..sqlx::Row::len(&row) {
                if let Ok(Some(text)) = row.try_get::<Option<String>, _>(i) {
                    out.push_str(&text);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The keyring that the root key file `key_file` opens from the key directory beside it, as a server would.
pub fn custody_keyring(key_file: &Path) -> cesizen_crypto::Keyring {
    let root =
        cesizen_crypto::RootSecret::from_text(&std::fs::read_to_string(key_file).expect("root key")).expect("root key");
    let dir = key_file.parent().expect("a key file has a directory").join("keys");
    let records: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .expect("the key directory")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("kek-"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("a custody record");
            cesizen_crypto::Envelope::from_text(text.trim())
                .expect("a custody record")
                .into_bytes()
        })
        .collect();
    cesizen_crypto::Keyring::from_custody(&records, &root)
        .expect("custody opens")
        .0
}

/// The development outbox of `email` once it holds `count` messages (mails sent after the answer arrive a
/// moment later); fails after five seconds.
pub async fn outbox_with(client: &Client, email: &str, count: usize) -> Value {
    for _ in 0..100 {
        let (_, outbox) = client.get(&format!("/api/v1/dev/outbox?email={email}")).await;
        if outbox.as_array().is_some_and(|m| m.len() >= count) {
            return outbox;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the outbox of {email} never held {count} messages");
}
