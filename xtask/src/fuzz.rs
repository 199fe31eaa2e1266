//! The `server-fuzz` suite: schemathesis attacks a freshly started reference server from its own OpenAPI
//! document, as a user and as an administrator, and fails on any 5xx, any response outside the documented schema
//! and any undocumented status code (`--checks all`).
//!
//! One check is left out on purpose: `positive_data_acceptance` expects every schema-valid request to succeed,
//! but some rules of the SDK cannot be written in JSON Schema (a session ends after it starts, an address passes
//! `cesizen-core`'s stricter parser, health data needs explicit consent), and those answer 422 with their code.
//! Destructive routes (erasure, deactivation, sign-out) are left out of the user's run, which would otherwise end
//! its own session within seconds; the black-box tests cover them.
//!
//! schemathesis is installed by the suite itself, pinned, into a virtual environment under the target directory
//! (`target/schemathesis/`), and only when missing. Each run is bounded in time (70 s as a user, 50 s as an
//! administrator, side by side on the one server).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::cmd::{Failure, StepResult, command, output_to_log, root, run, run_retrying, target_dir};

/// The schemathesis release the suite runs.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// Seconds of fuzzing as a user, then as an administrator.
const USER_SECONDS: &str = "70";
const ADMIN_SECONDS: &str = "50";

/// Runs the suite.
pub fn server_fuzz() -> StepResult {
    let schemathesis = install()?;
    run(&mut command("cargo", &["build", "-p", "cesizen-server"]))?;
    let server = Server::start()?;
    let output = Command::new(venv().join("bin/python3"))
        .arg(root().join("examples/reference-server/fuzz/accounts.py"))
        .arg(&server.base)
        .output()
        .map_err(|e| Failure(format!("the accounts script could not start: {e}")))?;
    if !output.status.success() {
        return Err(Failure(format!(
            "the accounts script failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    let accounts = String::from_utf8_lossy(&output.stdout).into_owned();
    let [user, admin, admin_email] = accounts.split_whitespace().collect::<Vec<_>>()[..] else {
        return Err(Failure(format!("the accounts script printed {accounts:?}")));
    };
    run(&mut server.command(&["grant-admin", admin_email]))?;
    let openapi = format!("{}/openapi.json", server.base);
    let attack = |who: &str, token: &str, seconds: &str, scope: &[&str]| {
        let mut cmd = Command::new(&schemathesis);
        // Its working files (`.schemathesis/`) stay under the target directory, not in the tree.
        cmd.current_dir(venv());
        cmd.args([
            "run",
            &openapi,
            "--checks",
            "all",
            "--exclude-checks",
            "positive_data_acceptance",
        ])
        .args(["--max-time", seconds, "--request-timeout", "10", "--no-color"])
        .args(["-H", &format!("Authorization: Bearer {token}")])
        .args(scope);
        Attack::start(who, cmd)
    };
    // The two runs share the server and run side by side: the user's excludes the administrator's routes.
    let user = attack(
        "user",
        user,
        USER_SECONDS,
        &[
            "--exclude-path-regex",
            "^/api/v1/admin/",
            "--exclude-path",
            "/api/v1/me/erasure",
            "--exclude-path",
            "/api/v1/me/deactivation",
            "--exclude-path",
            "/api/v1/sessions/current",
        ],
    )?;
    let admin = attack(
        "administrator",
        admin,
        ADMIN_SECONDS,
        &["--include-path-regex", "^/api/v1/admin/"],
    )?;
    let outcomes = [user.finish(), admin.finish()];
    let failed: Vec<String> = outcomes.into_iter().filter_map(Result::err).map(|f| f.0).collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure(failed.join("; ")))
    }
}

/// One schemathesis run in progress, its output in `target/schemathesis/<who>.log`.
struct Attack {
    who: String,
    child: Child,
    log: PathBuf,
}

impl Attack {
    fn start(who: &str, mut cmd: Command) -> Result<Attack, Failure> {
        let log = venv().join(format!("{who}.log"));
        output_to_log(&mut cmd, &log)?;
        eprintln!("server-fuzz: schemathesis as {who}, output in {}", log.display());
        let child = cmd
            .spawn()
            .map_err(|e| Failure(format!("schemathesis could not start: {e}")))?;
        Ok(Attack {
            who: who.to_owned(),
            child,
            log,
        })
    }

    /// Waits for the run, prints its output, and fails when schemathesis found anything.
    fn finish(mut self) -> StepResult {
        let status = self
            .child
            .wait()
            .map_err(|e| Failure(format!("waiting for schemathesis as {}: {e}", self.who)))?;
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        eprintln!("--- schemathesis as {} ({status}):\n{text}", self.who);
        if status.success() {
            Ok(())
        } else {
            Err(Failure(format!(
                "schemathesis as {} failed ({status}): see above",
                self.who
            )))
        }
    }
}

fn venv() -> PathBuf {
    target_dir().join("schemathesis")
}

/// The pinned schemathesis, installed into its virtual environment when missing; its path.
fn install() -> Result<PathBuf, Failure> {
    let bin = venv().join("bin/schemathesis");
    let installed = Command::new(&bin)
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(SCHEMATHESIS_VERSION));
    if installed {
        return Ok(bin);
    }
    eprintln!(
        "installing schemathesis {SCHEMATHESIS_VERSION} into {}",
        venv().display()
    );
    run(Command::new("python3").args(["-m", "venv"]).arg(venv()))?;
    let pip = venv().join("bin/pip");
    run_retrying(
        Command::new(pip).args(["install", "--quiet", &format!("schemathesis=={SCHEMATHESIS_VERSION}")]),
        3,
    )?;
    Ok(bin)
}

impl Drop for Attack {
    /// A run left behind (the other failed to start) is stopped, not orphaned.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server under attack: a debug build on a fresh data directory and any free port; killed on drop.
struct Server {
    child: Child,
    base: String,
    dir: PathBuf,
}

impl Server {
    fn start() -> Result<Server, Failure> {
        let dir = std::env::temp_dir().join(format!("cesizen-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut child = Command::new(target_dir().join("debug/cesizen-server"))
            .env("CESIZEN_BIND", "127.0.0.1:0")
            .env("CESIZEN_DATA_DIR", &dir)
            .env("CESIZEN_DEV_OUTBOX", "1")
            .env("CESIZEN_LOG", "error")
            .env_remove("DATABASE_URL")
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| Failure(format!("the server could not start: {e}")))?;
        let mut line = String::new();
        let stdout = child.stdout.take().ok_or_else(|| Failure("no stdout".to_owned()))?;
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| Failure(format!("the server printed nothing: {e}")))?;
        let base = line
            .trim()
            .strip_prefix("cesizen-server listening on ")
            .ok_or_else(|| Failure(format!("unexpected first line: {line:?}")))?
            .to_owned();
        Ok(Server { child, base, dir })
    }

    /// The server binary's command `args` on the same data.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(target_dir().join("debug/cesizen-server"));
        cmd.args(args)
            .env("CESIZEN_DATA_DIR", &self.dir)
            .env("CESIZEN_LOG", "error")
            .env_remove("DATABASE_URL");
        cmd
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
