//! The test suites of `cargo xtask test`, in the order they run.
//!
//! Each suite is one function; later capabilities (the wasm package in Node and a browser, Kotlin, Python, the
//! reference server on PostgreSQL, the dependency audit) add theirs to [`ALL`].

use crate::cmd::{StepResult, run_in_root};

/// A named suite.
pub struct Suite {
    /// Name used by `--only` and `--skip`.
    pub name: &'static str,
    /// What it checks, for `cargo xtask list`.
    pub about: &'static str,
    /// Runs it.
    pub run: fn() -> StepResult,
}

impl Suite {
    /// Runs the suite under a banner naming it; returns its line for the final report and whether it passed.
    pub fn run_reported(&self, banner: &str) -> (String, bool) {
        eprintln!("\n=== {banner}: {} ({}) ===", self.name, self.about);
        let started = std::time::Instant::now();
        let outcome = (self.run)();
        let secs = started.elapsed().as_secs_f64();
        match outcome {
            Ok(()) => (format!("ok    {:<12} {secs:>7.1} s", self.name), true),
            Err(failure) => (format!("FAIL  {:<12} {secs:>7.1} s  {failure}", self.name), false),
        }
    }
}

/// The library crates that must build for `wasm32-unknown-unknown`.
pub const LIBRARY_CRATES: &[&str] = &[
    "cesizen-core",
    "cesizen-crypto",
    "cesizen-gdpr",
    "cesizen-sla",
    "cesizen-plan",
    "cesizen",
];

/// Every suite, in order.
pub const ALL: &[Suite] = &[
    Suite {
        name: "fmt",
        about: "cargo fmt --check",
        run: fmt,
    },
    Suite {
        name: "clippy",
        about: "clippy on every target, warnings denied",
        run: clippy,
    },
    Suite {
        name: "test",
        about: "unit, property, integration and doc tests of the workspace",
        run: test,
    },
    Suite {
        name: "doc",
        about: "rustdoc with warnings denied",
        run: doc,
    },
    Suite {
        name: "crypto-interop",
        about: "Python's `cryptography` opens an envelope, keyring file and backup stream written by cesizen-crypto",
        run: crypto_interop,
    },
    Suite {
        name: "crypto-portable",
        about: "cesizen-crypto's portable backend (RustCrypto, as on wasm32): clippy, tests, pinned vectors byte for byte",
        run: crypto_portable,
    },
    Suite {
        name: "wasm32",
        about: "the library crates build for wasm32-unknown-unknown",
        run: wasm32,
    },
    Suite {
        name: "wasm-pkg",
        about: "the npm package @cesizen/sdk built with the pinned wasm-bindgen and wasm-opt",
        run: crate::wasm::package,
    },
    Suite {
        name: "wasm-node",
        about: "node --test over the npm package: shared vectors, errors, secrets, bad input, WebCrypto interop",
        run: crate::wasm::node,
    },
    Suite {
        name: "wasm-browser",
        about: "the npm package in Debian's Chromium (playwright-core) on a loopback page",
        run: crate::wasm::browser,
    },
    Suite {
        name: "wasm-apps",
        about: "the packed npm package in a Next.js app (client, Server Component, Node and edge routes) and a Vite app, in Chromium",
        run: crate::wasm::apps,
    },
    Suite {
        name: "wasm-types",
        about: "tsc --noEmit over a TypeScript consumer of the npm package",
        run: crate::wasm::types,
    },
    Suite {
        name: "wasm-size",
        about: "each gzipped .wasm (core, ops) against bindings/wasm/size.json, and the core module's 150 KB budget",
        run: crate::wasm::size,
    },
    Suite {
        name: "deny",
        about: "cargo-deny: advisories (offline RustSec snapshot), licences, bans, sources; a vulnerable fixture fails",
        run: crate::deny::deny,
    },
    Suite {
        name: "msrv",
        about: "every dependency of the published crates supports the workspace rust-version",
        run: crate::msrv::msrv,
    },
    Suite {
        name: "versions",
        about: "every manifest (crates, npm, Maven, Python) says the workspace version",
        run: crate::version::check,
    },
    Suite {
        name: "public-api",
        about: "the public Rust API against the last release tag: the version follows its breaking changes",
        run: crate::public_api::public_api,
    },
    Suite {
        name: "uniffi-generate",
        about: "Kotlin/Swift/Python bindings regenerated from the library match the committed ones",
        run: crate::uniffi::generate,
    },
    Suite {
        name: "kotlin",
        about: "JUnit 5 tests on the desktop JVM, the jar (natives inside) installed and run by a consumer project",
        run: crate::kotlin::kotlin,
    },
    Suite {
        name: "python",
        about: "the wheel (maturin) checked by twine, installed in a fresh venv, pytest and the README block on it",
        run: crate::python::python,
    },
    Suite {
        name: "server-postgres",
        about: "the reference server's black-box and unit tests on a throwaway PostgreSQL cluster (SQLite: `test`)",
        run: crate::server::postgres,
    },
    Suite {
        name: "server-fuzz",
        about: "schemathesis --checks all against a fresh reference server, as a user and as an admin (about 2 min)",
        run: crate::fuzz::server_fuzz,
    },
    Suite {
        name: "prometheus",
        about: "generated Prometheus rules, Alertmanager routing, Grafana dashboard: promtool and amtool checks, promtool unit tests",
        run: crate::prometheus::suite,
    },
    Suite {
        name: "fuzz",
        about: "every cargo-fuzz target (fuzz/: envelopes, keys, backups, rules, exports, JSON inputs) for 20 s each, one per core",
        run: crate::libfuzzer::fuzz,
    },
    Suite {
        name: "release",
        about: "publishable artifacts, not published: cargo package (verified), npm pack, the Maven jar, Package.swift",
        run: crate::release::artifacts,
    },
];

fn fmt() -> StepResult {
    run_in_root("cargo", &["fmt", "--all", "--", "--check"])
}

fn clippy() -> StepResult {
    run_in_root(
        "cargo",
        &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"],
    )
}

fn test() -> StepResult {
    run_in_root("cargo", &["test", "--workspace"])
}

fn doc() -> StepResult {
    let mut cmd = crate::cmd::command("cargo", &["doc", "--workspace", "--no-deps"]);
    cmd.env("RUSTDOCFLAGS", "-D warnings");
    crate::cmd::run(&mut cmd)
}

/// The ignored `interop_python` test: it needs `python3` with `cryptography` (installed by `cargo xtask test` when missing).
fn crypto_interop() -> StepResult {
    let args = [
        "test",
        "-p",
        "cesizen-crypto",
        "--test",
        "interop_python",
        "--",
        "--ignored",
    ];
    run_in_root("cargo", &args)
}

/// The portable backend (RustCrypto's `aes-gcm`, what `wasm32` runs; `portable` on native targets) must give the
/// same bytes as the native default (`ring`, run by the `test` suite): the crate's tests (Wycheproof, NIST CAVP,
/// properties) and the shared vectors run against it.
fn crypto_portable() -> StepResult {
    let clippy = "clippy -p cesizen-crypto --all-targets --features portable -- -D warnings";
    let tests = "test -p cesizen-crypto --features portable";
    let vectors = "test -p cesizen-tests --test crypto_vectors --features cesizen-crypto/portable";
    for args in [clippy, tests, vectors] {
        run_in_root("cargo", &args.split(' ').collect::<Vec<_>>())?;
    }
    Ok(())
}

fn wasm32() -> StepResult {
    let mut args = vec!["build", "--target", "wasm32-unknown-unknown"];
    for krate in LIBRARY_CRATES {
        args.extend(["-p", krate]);
    }
    run_in_root("cargo", &args)
}
