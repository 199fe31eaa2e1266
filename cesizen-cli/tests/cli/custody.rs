//! `--key-dir`: a server's key custody directory (one sealed record per key version) opens, verifies and lists
//! what the server's backups need; a destroyed version, an empty or absent directory and a wrong root are refused.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

use cesizen_crypto::{Envelope, KeyId, Keyring, RootSecret};

use crate::{Env, exists};

const DAY: Duration = Duration::from_secs(86_400);
/// 2025-06-15T15:06:40Z: when key 1 was created; key 2 came a day later.
const T0: u64 = 1_750_000_000;

/// A server's data folder in `env`: `root.key`, `keys/` with versions 1 and 2 (plus files that are not records),
/// and one backup sealed under each version, `backup-1.czbak` and `backup-2.czbak`.
struct Deployment {
    env: Env,
    /// The root secret's text.
    root: String,
    /// The plaintext of `backup-N.czbak`, by version.
    plaintexts: [Vec<u8>; 2],
}

fn write_private(path: &Path, bytes: &[u8], mode: u32) {
    std::fs::write(path, bytes).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

/// The server's backup content, v2 JSON lines: a header, rows (over two 64 KiB segments) and an end line.
fn server_backup_lines(kek: u32) -> Vec<u8> {
    let mut text =
        format!("{{\"format\":\"cesizen.server-backup.v2\",\"takenAt\":\"2025-06-20T00:30:00Z\",\"kek\":{kek}}}\n");
    for i in 0..2_000 {
        text.push_str(&format!(
            "{{\"table\":\"journal_entries\",\"row\":{{\"id\":{i},\"userId\":\"user-{}\",\"sealed\":\"AQAAAA{i:08}\"}}}}\n",
            i % 17
        ));
    }
    text.push_str("{\"end\":true,\"rows\":2000}\n");
    text.into_bytes()
}

fn seal_backup(keyring: &Keyring, plaintext: &[u8]) -> Vec<u8> {
    let mut writer = keyring.stream_writer(Vec::new()).unwrap();
    writer.write_all(plaintext).unwrap();
    writer.finish().unwrap()
}

fn deployment() -> Deployment {
    let env = Env::new();
    let root = RootSecret::generate().unwrap();
    write_private(
        &env.path("root.key"),
        format!("{}\n", root.to_text().as_str()).as_bytes(),
        0o600,
    );
    let keys = env.path("keys");
    std::fs::create_dir(&keys).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&keys, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(T0);
    let store = |keyring: &Keyring, id: KeyId, created: SystemTime| {
        let record = keyring.seal_for_custody(id, created, &root).unwrap();
        let text = Envelope::from_bytes(record).unwrap().to_text();
        write_private(
            &keys.join(format!("kek-{:08}.key", id.get())),
            format!("{text}\n").as_bytes(),
            0o600,
        );
    };

    let mut keyring = Keyring::generate().unwrap();
    store(&keyring, keyring.primary_id(), t0);
    let first = server_backup_lines(1);
    std::fs::write(env.path("backup-1.czbak"), seal_backup(&keyring, &first)).unwrap();
    let two = keyring.begin_epoch().unwrap();
    store(&keyring, two, t0 + DAY);
    let second = server_backup_lines(2);
    std::fs::write(env.path("backup-2.czbak"), seal_backup(&keyring, &second)).unwrap();

    // What else lives there: the erasure log and a record being written aside. Neither is a record.
    write_private(
        &keys.join("erasures.log"),
        b"{\"erasedAt\":\"2025-06-16T00:00:00Z\"}\n",
        0o600,
    );
    write_private(&keys.join(".kek-00000003.0123456789abcdef.tmp"), b"half a rec", 0o600);
    write_private(&keys.join("kek-notes.key"), b"not a record either", 0o600);
    Deployment {
        env,
        root: root.to_text().as_str().to_owned(),
        plaintexts: [first, second],
    }
}

/// `args` followed by the flags naming the deployment's key directory and root key file.
fn with_key_dir<'a>(args: &[&'a str]) -> Vec<&'a str> {
    args.iter()
        .copied()
        .chain(["--key-dir", "keys", "--root-key-file", "root.key"])
        .collect()
}

#[test]
fn a_key_directory_verifies_and_opens_the_servers_backups_byte_for_byte() {
    let d = deployment();
    for (id, plaintext) in [1, 2].into_iter().zip(&d.plaintexts) {
        let name = format!("backup-{id}.czbak");
        let verify = d
            .env
            .run(&with_key_dir(&["backup", "verify", "-i", &name, "--json"]))
            .ok();
        assert_eq!(verify.json()["ok"], true);
        assert_eq!(verify.json()["keyId"], id, "sealed under version {id}");
        assert_eq!(verify.json()["plaintextBytes"], plaintext.len());
    }
    let text = d
        .env
        .run(&with_key_dir(&["backup", "verify", "-i", "backup-1.czbak"]))
        .ok();
    assert!(
        text.stdout.starts_with("ok: ") && text.stdout.contains("under key 1"),
        "{}",
        text.stdout
    );

    // To a file, and through a pipe.
    d.env
        .run(&with_key_dir(&[
            "backup",
            "open",
            "-i",
            "backup-1.czbak",
            "-o",
            "restored.jsonl",
        ]))
        .ok();
    assert!(std::fs::read(d.env.path("restored.jsonl")).unwrap() == d.plaintexts[0]);
    let sealed = std::fs::read(d.env.path("backup-2.czbak")).unwrap();
    let piped = d
        .env
        .run_with_input(&with_key_dir(&["backup", "open"]), Some(&sealed))
        .ok();
    assert!(piped.bytes == d.plaintexts[1], "the restore is the server's JSON lines");
    assert!(piped.stdout.starts_with("{\"format\":\"cesizen.server-backup.v2\""));

    // The root secret may come from the environment too.
    let mut env_root = Env::new();
    std::fs::rename(d.env.path("keys"), env_root.path("keys")).unwrap();
    std::fs::copy(d.env.path("backup-2.czbak"), env_root.path("backup-2.czbak")).unwrap();
    env_root.var("CESIZEN_ROOT_KEY", &d.root);
    env_root
        .run(&["backup", "verify", "--key-dir", "keys", "-i", "backup-2.czbak"])
        .ok();
}

#[test]
fn keys_list_shows_each_version_with_its_dates_and_never_a_secret() {
    let d = deployment();
    let list = d.env.run(&with_key_dir(&["keys", "list", "--json"])).ok();
    let value = list.json();
    assert_eq!(value["keyDir"], "keys");
    assert_eq!(value["primaryId"], 2);
    assert_eq!(
        value["versions"],
        serde_json::json!([
            { "id": 1, "status": "enabled", "primary": false,
              "createdAt": "2025-06-15T15:06:40Z", "retiredAt": "2025-06-16T15:06:40Z" },
            { "id": 2, "status": "enabled", "primary": true,
              "createdAt": "2025-06-16T15:06:40Z", "retiredAt": null },
        ])
    );
    let text = d.env.run(&with_key_dir(&["keys", "list"])).ok().stdout;
    assert_eq!(
        text,
        "id  status   primary  created               retired\n\
         1   enabled           2025-06-15T15:06:40Z  2025-06-16T15:06:40Z\n\
         2   enabled  yes      2025-06-16T15:06:40Z  -\n"
    );
    let shown = list.stdout + &text;
    assert!(!shown.contains(&d.root), "the root secret is never printed");
    for id in [1, 2] {
        let record = std::fs::read_to_string(d.env.path(&format!("keys/kek-{id:08}.key"))).unwrap();
        assert!(!shown.contains(&record.trim()[..20]), "no record is printed");
    }
}

#[test]
fn a_destroyed_version_no_longer_opens_the_backups_it_sealed() {
    let d = deployment();
    // The epoch job destroyed version 1 once its backups expired: its record is gone.
    std::fs::remove_file(d.env.path("keys/kek-00000001.key")).unwrap();
    let gone = d
        .env
        .run(&with_key_dir(&["backup", "verify", "-i", "backup-1.czbak"]))
        .fails(1, "crypto.key.destroyed");
    assert!(gone.stderr.contains("can never be opened"), "{}", gone.stderr);
    let json = d
        .env
        .run(&with_key_dir(&["backup", "verify", "-i", "backup-1.czbak", "--json"]))
        .fails(1, "crypto.key.destroyed");
    assert_eq!(json.json()["error"]["code"], "crypto.key.destroyed");
    d.env
        .run(&with_key_dir(&[
            "backup",
            "open",
            "-i",
            "backup-1.czbak",
            "-o",
            "restored.jsonl",
        ]))
        .fails(1, "crypto.key.destroyed");
    assert!(!exists(&d.env.path("restored.jsonl")), "nothing is restored");
    // What version 2 sealed still opens, and the list shows version 1 destroyed, without dates.
    d.env
        .run(&with_key_dir(&["backup", "verify", "-i", "backup-2.czbak"]))
        .ok();
    let list = d.env.run(&with_key_dir(&["keys", "list", "--json"])).ok().json();
    assert_eq!(
        list["versions"][0],
        serde_json::json!({ "id": 1, "status": "destroyed", "primary": false, "createdAt": null, "retiredAt": null })
    );
    assert_eq!(list["versions"][1]["primary"], true);
}

#[test]
fn empty_absent_foreign_and_ambiguous_key_directories_are_refused() {
    let d = deployment();
    let env = &d.env;
    // A directory without any kek-*.key record (the erasure log alone is not one).
    std::fs::create_dir(env.path("empty")).unwrap();
    std::fs::copy(env.path("keys/erasures.log"), env.path("empty/erasures.log")).unwrap();
    let empty = env
        .run(&[
            "backup",
            "verify",
            "--key-dir",
            "empty",
            "--root-key-file",
            "root.key",
            "-i",
            "backup-2.czbak",
        ])
        .fails(1, "cli.key_dir.empty");
    assert!(empty.stderr.contains("hint: "), "{}", empty.stderr);
    env.run(&[
        "keys",
        "list",
        "--key-dir",
        "empty",
        "--root-key-file",
        "root.key",
        "--json",
    ])
    .fails(1, "cli.key_dir.empty");
    env.run(&["keys", "list", "--key-dir", "absent", "--root-key-file", "root.key"])
        .fails(1, "cli.key_dir.unreadable");

    // Records under another root secret, and a record file that is not one.
    let other = RootSecret::generate().unwrap();
    write_private(&env.path("other.key"), other.to_text().as_bytes(), 0o600);
    let foreign = env
        .run(&[
            "backup",
            "verify",
            "--key-dir",
            "keys",
            "--root-key-file",
            "other.key",
            "-i",
            "backup-2.czbak",
        ])
        .fails(1, "crypto.decrypt.failed");
    assert!(
        foreign.stderr.contains("this root secret does not open"),
        "{}",
        foreign.stderr
    );
    write_private(&env.path("keys/kek-00000003.key"), b"garbage\n", 0o600);
    env.run(&with_key_dir(&["keys", "list"]))
        .fails(1, "crypto.envelope.malformed");
    std::fs::remove_file(env.path("keys/kek-00000003.key")).unwrap();

    // Exactly one source: both, or neither, is bad usage.
    env.run(&[
        "keys",
        "init",
        "--keyring",
        "keyring.czk",
        "--root-key-file",
        "ring.key",
        "--create-root-key",
    ])
    .ok();
    for command in [
        &["backup", "verify", "-i", "backup-2.czbak"][..],
        &["backup", "open"],
        &["keys", "list"],
    ] {
        let both: Vec<&str> = command
            .iter()
            .copied()
            .chain([
                "--keyring",
                "keyring.czk",
                "--key-dir",
                "keys",
                "--root-key-file",
                "root.key",
            ])
            .collect();
        let run = env.run(&both);
        assert_eq!(run.code, 2, "{command:?}: {}", run.stderr);
        assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
        let neither: Vec<&str> = command.iter().copied().chain(["--root-key-file", "root.key"]).collect();
        let run = env.run(&neither);
        assert_eq!(run.code, 2, "{command:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("<--keyring <FILE>|--key-dir <DIR>>"),
            "{}",
            run.stderr
        );
    }
    // Commands that write keys take a keyring file only: the server's epochs turn a key directory.
    let run = env.run(&["keys", "rotate", "--key-dir", "keys", "--root-key-file", "root.key"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("unexpected argument '--key-dir'"), "{}", run.stderr);
    let help = env.run(&["keys", "rotate", "--help"]).ok().stdout;
    assert!(help.contains("turned by the server's key epochs"), "{help}");
}
