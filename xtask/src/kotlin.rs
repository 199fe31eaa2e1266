//! The `kotlin` suite: the JVM artifact `org.cesizen:cesizen-sdk` as a Maven user consumes it.
//!
//! The jar carries the host build of `libcesizen_uniffi` under JNA's resource path (`linux-x86-64/` here; see
//! [`jna_resource_prefix`]), so JNA finds it on the class path and a consumer sets nothing. The suite stages the
//! library there, runs the module's JUnit 5 tests (which load it the same way) and installs the artifact into a
//! Maven repository under the target directory; then a throwaway consumer project
//! (`bindings/uniffi/kotlin/consumer/pom.xml`, whose only source is the README's Kotlin block) is compiled against
//! the installed artifact and run on a plain JVM, without `jna.library.path`.
//!
//! Every Maven command uses that repository (`-Dmaven.repo.local`), never `~/.m2`: the artifact built here
//! carries the `test-vectors` feature and must not reach a developer's own repository.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{Failure, StepResult, command, root, run, target_dir};

/// The Kotlin module's POM.
pub const POM: &str = "bindings/uniffi/kotlin/pom.xml";

/// The consumer project's POM, copied next to its generated source under the target directory.
const CONSUMER_POM: &str = "bindings/uniffi/kotlin/consumer/pom.xml";

/// The local Maven repository of every Maven command of `cargo xtask`.
pub fn maven_repository() -> PathBuf {
    target_dir().join("maven").join("repository")
}

/// `mvn` with the workspace's local repository, batch mode and no download progress.
pub fn maven(args: &[&str]) -> Command {
    let mut cmd = command("mvn", &["--batch-mode", "--no-transfer-progress"]);
    cmd.arg(format!("-Dmaven.repo.local={}", maven_repository().display()));
    cmd.args(args);
    cmd
}

/// JNA's resource prefixes (`com.sun.jna.Platform.RESOURCE_PREFIX`) of the desktop platforms, by Rust's
/// `std::env::consts::{OS, ARCH}`: the directory of the jar where JNA looks for the native library. A jar for
/// every desktop holds one directory per platform, each library built on (or cross-compiled for) it; Android
/// loads from the AAR's `jniLibs/<abi>/` instead (README, section Android).
const JNA_PREFIXES: &[(&str, &str, &str)] = &[
    ("linux", "x86_64", "linux-x86-64"),
    ("linux", "aarch64", "linux-aarch64"),
    ("macos", "x86_64", "darwin-x86-64"),
    ("macos", "aarch64", "darwin-aarch64"),
    ("windows", "x86_64", "win32-x86-64"),
];

/// JNA's resource prefix for this host.
pub fn jna_resource_prefix() -> Result<&'static str, Failure> {
    let (os, arch) = (std::env::consts::OS, std::env::consts::ARCH);
    JNA_PREFIXES
        .iter()
        .find(|(o, a, _)| *o == os && *a == arch)
        .map(|(_, _, prefix)| *prefix)
        .ok_or_else(|| Failure(format!("no JNA resource prefix known for {os} on {arch}")))
}

/// Copies `library` into `<dir>/<JNA prefix>/`, emptied first: the resource directory the POM packs
/// (`-Dcesizen.natives.dir`).
pub fn stage_natives(library: &Path, dir: &Path) -> StepResult {
    let _ = std::fs::remove_dir_all(dir);
    let platform = dir.join(jna_resource_prefix()?);
    std::fs::create_dir_all(&platform).map_err(|e| Failure(format!("creating {}: {e}", platform.display())))?;
    let name = library
        .file_name()
        .ok_or_else(|| Failure(format!("{} names no file", library.display())))?;
    std::fs::copy(library, platform.join(name)).map_err(|e| {
        Failure(format!(
            "copying {} into {}: {e}",
            library.display(),
            platform.display()
        ))
    })?;
    Ok(())
}

/// The `-D` argument pointing the POM at staged natives.
pub fn natives_arg(dir: &Path) -> String {
    format!("-Dcesizen.natives.dir={}", dir.display())
}

/// `kotlin`: the module's tests, the artifact installed, then the consumer project built and run.
pub fn kotlin() -> StepResult {
    crate::uniffi::build_library()?;
    let natives = target_dir().join("maven").join("natives-test");
    stage_natives(&crate::uniffi::library_file(), &natives)?;
    // `clean` first: the Kotlin compiler leaves the classes of a type the generated code no longer declares (a
    // record moved to a domain crate's package) in `target/classes`, where they would shadow the new ones.
    run(&mut maven(&[
        "--quiet",
        "-f",
        POM,
        "clean",
        "install",
        &natives_arg(&natives),
    ]))?;
    consumer()
}

/// Builds the consumer project against the installed artifact and runs it on a plain JVM.
fn consumer() -> StepResult {
    let dir = target_dir().join("maven").join("consumer");
    let _ = std::fs::remove_dir_all(&dir);
    let sources = dir.join("src").join("main").join("kotlin");
    std::fs::create_dir_all(&sources).map_err(|e| Failure(format!("creating {}: {e}", sources.display())))?;
    let write = |path: PathBuf, text: String| {
        std::fs::write(&path, text).map_err(|e| Failure(format!("writing {}: {e}", path.display())))
    };
    let pom = std::fs::read_to_string(root().join(CONSUMER_POM))
        .map_err(|e| Failure(format!("cannot read {CONSUMER_POM}: {e}")))?;
    write(dir.join("pom.xml"), pom)?;
    write(sources.join("Readme.kt"), crate::readme::block("kotlin")?)?;
    let consumer_pom = dir.join("pom.xml");
    let consumer_pom = consumer_pom.to_string_lossy();
    let classpath = dir.join("classpath.txt");
    run(&mut maven(&[
        "--quiet",
        "-f",
        &consumer_pom,
        "package",
        "dependency:build-classpath",
        &format!("-Dmdep.outputFile={}", classpath.display()),
    ]))?;
    let dependencies = std::fs::read_to_string(&classpath)
        .map_err(|e| Failure(format!("cannot read {}: {e}", classpath.display())))?;
    let separator = if cfg!(windows) { ";" } else { ":" };
    let classes = dir.join("target").join("classes");
    run(Command::new("java")
        .arg("-cp")
        .arg(format!("{}{separator}{}", classes.display(), dependencies.trim()))
        .arg("ReadmeKt")
        .current_dir(&dir))
}
