//! The reference server's PostgreSQL suite: its black-box tests (`server`, `operations`, `gdpr_keys`,
//! `erasure_backups`, `hardening` and `timing`, which run on SQLite in the `test` suite) on a real PostgreSQL,
//! and its unit tests (`--bin cesizen-server`), whose database tests run on SQLite always and on PostgreSQL too when `CESIZEN_TEST_DATABASE_URL` is set (the export's
//! snapshot, `db::tests`, among them: what PostgreSQL's `REPEATABLE READ` promises is checked only there).
//!
//! `server-postgres` starts a throwaway PostgreSQL cluster of its own: `initdb` into a fresh directory under the
//! system temp dir, `pg_ctl start` on a free loopback port with its socket in that directory, a database made
//! with `createdb`, the tests run with `CESIZEN_TEST_DATABASE_URL` pointing at it, and the cluster is stopped and
//! deleted whatever the outcome. Nothing depends on a system service. PostgreSQL refuses to run as root: when
//! the suite runs as root (CI), the cluster belongs to the `postgres` account that Debian's package creates,
//! and its commands run through `runuser -u postgres`. The binaries are found on `PATH` or in
//! `/usr/lib/postgresql/<version>/bin` (Debian's layout; `cargo xtask test` installs the `postgresql` package when missing).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{Failure, StepResult, command, run};

/// The server's tests on a throwaway PostgreSQL cluster.
pub fn postgres() -> StepResult {
    let bin = postgres_bin_dir()?;
    let cluster = Cluster::start(&bin)?;
    let mut test = command("cargo", &["test", "-p", "cesizen-server", "--bin", "cesizen-server"]);
    test.args([
        "--test",
        "server",
        "--test",
        "operations",
        "--test",
        "gdpr_keys",
        "--test",
        "erasure_backups",
        "--test",
        "hardening",
        "--test",
        "timing",
    ])
    .env("CESIZEN_TEST_DATABASE_URL", cluster.url())
    .env("CESIZEN_TEST_KEY_FILE", cluster.dir.join("root.key"));
    let outcome = run(&mut test);
    drop(cluster);
    outcome
}

/// Where `initdb` and `pg_ctl` are.
fn postgres_bin_dir() -> Result<PathBuf, Failure> {
    if let Ok(found) = Command::new("pg_config").arg("--bindir").output()
        && found.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&found.stdout).trim());
        if dir.join("initdb").exists() {
            return Ok(dir);
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path().join("bin"))).collect())
        .unwrap_or_default();
    versions.retain(|dir| dir.join("initdb").exists());
    versions.sort();
    versions.pop().ok_or_else(|| {
        Failure(
            "PostgreSQL is not installed (Debian: apt-get install postgresql; cargo xtask test does it as root)"
                .to_owned(),
        )
    })
}

/// A running throwaway cluster; stopped and deleted on drop.
struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
}

impl Cluster {
    fn start(bin: &Path) -> Result<Cluster, Failure> {
        let as_postgres = is_root();
        let dir = std::env::temp_dir().join(format!("cesizen-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| Failure(format!("cannot create {}: {e}", dir.display())))?;
        let port = free_port()?;
        let cluster = Cluster {
            bin: bin.to_path_buf(),
            dir,
            port,
            as_postgres,
        };
        if as_postgres {
            run(Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&cluster.dir))?;
        }
        let data = cluster.dir.join("data");
        let data = data.to_string_lossy().into_owned();
        let socket = cluster.dir.to_string_lossy().into_owned();
        cluster.pg(
            "initdb",
            &["-D", &data, "-U", "cesizen", "--auth=trust", "-E", "UTF8", "--no-sync"],
        )?;
        let options = format!("-c listen_addresses=127.0.0.1 -p {port} -k {socket} -c fsync=on");
        let log = format!("{socket}/server.log");
        cluster.pg(
            "pg_ctl",
            &["-D", &data, "-o", &options, "-l", &log, "-w", "-t", "60", "start"],
        )?;
        cluster.pg(
            "createdb",
            &["-h", "127.0.0.1", "-p", &port.to_string(), "-U", "cesizen", "cesizen"],
        )?;
        Ok(cluster)
    }

    fn url(&self) -> String {
        format!("postgres://cesizen@127.0.0.1:{}/cesizen", self.port)
    }

    /// Runs a PostgreSQL program, as `postgres` when we are root.
    fn pg(&self, program: &str, args: &[&str]) -> StepResult {
        let program = self.bin.join(program);
        let mut cmd = if self.as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        };
        cmd.args(args).current_dir(&self.dir);
        run(&mut cmd)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.join("data").to_string_lossy().into_owned();
        let _ = self.pg("pg_ctl", &["-D", &data, "-m", "fast", "-w", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn free_port() -> Result<u16, Failure> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| Failure(format!("no free port: {e}")))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| Failure(format!("no free port: {e}")))
}
