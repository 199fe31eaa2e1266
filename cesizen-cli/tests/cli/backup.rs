//! `cesizen backup`: pipes and files, the restore test, and every way a backup can be damaged.

use crate::{Env, exists, with_keyring};

/// 390 KiB of varied bytes: 6 full segments and a partial one (small: debug-build AES is slow on CI).
fn dump() -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..400_000)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 56) as u8
        })
        .collect()
}

#[test]
fn a_dump_piped_through_seal_and_open_comes_back_identical() {
    let env = Env::new();
    env.keyring();
    let data = dump();
    let sealed = env.run_with_input(&with_keyring(&["backup", "seal"]), Some(&data)).ok();
    assert!(
        sealed.stderr.is_empty(),
        "silent when not on a terminal: {}",
        sealed.stderr
    );
    assert!(sealed.bytes.len() > data.len() && sealed.bytes.len() < data.len() + 1024);
    assert_ne!(&sealed.bytes[100..200], &data[100..200]);
    let opened = env
        .run_with_input(&with_keyring(&["backup", "open"]), Some(&sealed.bytes))
        .ok();
    assert!(opened.bytes == data, "the restore is the dump");

    // Between files too; the output appears only when complete.
    env.write("dump.sql", &data);
    let run = env
        .run(&with_keyring(&[
            "backup", "seal", "--input", "dump.sql", "--output", "dump.cze",
        ]))
        .ok();
    assert!(run.stdout.is_empty() && run.stderr.is_empty());
    env.run(&with_keyring(&["backup", "seal", "-i", "dump.sql", "-o", "dump.cze"]))
        .fails(1, "cli.file.exists");
    env.run(&with_keyring(&[
        "backup", "seal", "-i", "dump.sql", "-o", "dump.cze", "--force",
    ]))
    .ok();
    env.run(&with_keyring(&[
        "backup",
        "open",
        "-i",
        "dump.cze",
        "-o",
        "restored.sql",
    ]))
    .ok();
    assert!(std::fs::read(env.path("restored.sql")).unwrap() == data);

    let verify = env
        .run(&with_keyring(&["backup", "verify", "-i", "dump.cze", "--json"]))
        .ok();
    assert_eq!(verify.json()["ok"], true);
    assert_eq!(verify.json()["plaintextBytes"], data.len());
    assert_eq!(verify.json()["keyId"], 1);
    let text = env.run(&with_keyring(&["backup", "verify", "-i", "dump.cze"])).ok();
    assert!(
        text.stdout.starts_with("ok: 390.62 KiB sealed under key 1"),
        "{}",
        text.stdout
    );

    // An empty dump is a valid, verifiable backup.
    let empty = env.run_with_input(&with_keyring(&["backup", "seal"]), Some(b"")).ok();
    let verify = env
        .run_with_input(&with_keyring(&["backup", "verify", "--json"]), Some(&empty.bytes))
        .ok();
    assert_eq!(verify.json()["plaintextBytes"], 0);
}

#[test]
fn truncated_altered_foreign_and_non_backups_fail_with_exit_1() {
    let env = Env::new();
    env.keyring();
    env.write("dump.sql", dump());
    env.run(&with_keyring(&["backup", "seal", "-i", "dump.sql", "-o", "dump.cze"]))
        .ok();
    let sealed = std::fs::read(env.path("dump.cze")).unwrap();

    let cut = env.write("cut.cze", &sealed[..sealed.len() - 70_000]);
    let run = env
        .run(&with_keyring(&["backup", "verify", "-i", "cut.cze"]))
        .fails(1, "crypto.decrypt.failed");
    assert!(run.stderr.contains("altered or cut short"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    // Restoring it to a file leaves no file behind; to standard output, the error says to discard it.
    env.run(&with_keyring(&[
        "backup",
        "open",
        "-i",
        "cut.cze",
        "-o",
        "restored.sql",
    ]))
    .fails(1, "crypto.decrypt.failed");
    assert!(!exists(&env.path("restored.sql")));
    assert_eq!(
        std::fs::read_dir(env.dir.path()).unwrap().count(),
        5,
        "no temporary file left either"
    );
    let piped = env.run(&with_keyring(&["backup", "open", "-i", cut.to_str().unwrap()]));
    assert!(piped.fails(1, "crypto.decrypt.failed").stderr.contains("discard it"));

    let mut flipped = sealed.clone();
    flipped[200_000] ^= 0x01;
    env.write("flipped.cze", &flipped);
    env.run(&with_keyring(&["backup", "verify", "-i", "flipped.cze"]))
        .fails(1, "crypto.decrypt.failed");
    let mut longer = sealed.clone();
    longer.extend_from_slice(&sealed[44..1000]);
    env.write("longer.cze", &longer);
    env.run(&with_keyring(&["backup", "verify", "-i", "longer.cze"]))
        .fails(1, "crypto.decrypt.failed");

    // Another keyring holds a key 1 too, with other material.
    let other = Env::new();
    other.keyring();
    std::fs::copy(env.path("dump.cze"), other.path("dump.cze")).unwrap();
    other
        .run(&with_keyring(&["backup", "verify", "-i", "dump.cze"]))
        .fails(1, "crypto.decrypt.failed");
    // A keyring without the key the backup names.
    env.run(&with_keyring(&["keys", "rotate"])).ok();
    env.run(&with_keyring(&["backup", "seal", "-i", "dump.sql", "-o", "key2.cze"]))
        .ok();
    let missing = other.run_with_input(
        &with_keyring(&["backup", "verify"]),
        Some(&std::fs::read(env.path("key2.cze")).unwrap()),
    );
    assert!(
        missing
            .fails(1, "crypto.key.not_found")
            .stderr
            .contains("use the keyring that sealed it")
    );
    // A key retired and destroyed: its backups are gone for good.
    env.run(&with_keyring(&["keys", "retire", "1"])).ok();
    env.run(&with_keyring(&["backup", "verify", "-i", "dump.cze"]))
        .fails(1, "crypto.key.disabled");
    env.run(&with_keyring(&["keys", "retire", "1", "--destroy"])).ok();
    let gone = env
        .run(&with_keyring(&["backup", "verify", "-i", "dump.cze"]))
        .fails(1, "crypto.key.destroyed");
    assert!(gone.stderr.contains("can never be opened"), "{}", gone.stderr);

    env.write(
        "notes.txt",
        "not a backup at all, just a text file that is longer than a header\n",
    );
    env.run(&with_keyring(&["backup", "verify", "-i", "notes.txt"]))
        .fails(1, "crypto.version.unsupported");
    env.run_with_input(&with_keyring(&["backup", "verify"]), Some(b"\x01short"))
        .fails(1, "crypto.stream.malformed");
    env.run(&with_keyring(&["backup", "verify", "-i", "absent.cze"]))
        .fails(1, "cli.file.unreadable");
}

/// On a terminal the bar shows bytes, rate and percentage; `script` gives the command a pseudo-terminal.
#[test]
fn the_progress_bar_is_drawn_on_a_terminal_only() {
    if !std::path::Path::new("/usr/bin/script").exists() {
        eprintln!("SKIPPED: /usr/bin/script (util-linux) is absent, the terminal progress bar is not exercised");
        return;
    }
    let env = Env::new();
    env.keyring();
    env.write("dump.sql", dump());
    let command = format!(
        "{} backup seal --keyring keyring.czk --root-key-file root.key -i dump.sql -o dump.cze",
        env!("CARGO_BIN_EXE_cesizen")
    );
    let out = std::process::Command::new("/usr/bin/script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env.dir.path())
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    assert!(
        screen.contains("sealing") && screen.contains("100%") && screen.contains("/s"),
        "{screen}"
    );
    assert!(screen.contains("390.62 KiB / 390.62 KiB"), "{screen}");
    let quiet = command + " --force --no-progress";
    let out = std::process::Command::new("/usr/bin/script")
        .args(["-qec", &quiet, "/dev/null"])
        .current_dir(env.dir.path())
        .output()
        .unwrap();
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    // Encrypted bytes are never written to a terminal.
    let tty = format!(
        "{} backup seal --keyring keyring.czk --root-key-file root.key -i dump.sql",
        env!("CARGO_BIN_EXE_cesizen")
    );
    let out = std::process::Command::new("/usr/bin/script")
        .args(["-qec", &tty, "/dev/null"])
        .current_dir(env.dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("[cli.output.terminal]"));
}
