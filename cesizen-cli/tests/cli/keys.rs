//! `cesizen keys`: the keyring's life, the root secret's sources, the data-key table.

use cesizen_crypto::{Context, Envelope, Keyring, RootSecret, WrappedDataKey};

use crate::{Env, with_keyring};

fn open_keyring(env: &Env, root: &str) -> Keyring {
    let text = std::fs::read_to_string(env.path("keyring.czk")).unwrap();
    Keyring::open(
        Envelope::from_text(text.trim()).unwrap().as_bytes(),
        &RootSecret::from_text(root).unwrap(),
    )
    .unwrap()
}

#[test]
fn a_keyring_is_created_listed_rotated_and_retired_without_showing_a_secret() {
    let env = Env::new();
    let root = env.keyring();
    assert_eq!(root.len(), 43);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for name in ["root.key", "keyring.czk"] {
            let mode = std::fs::metadata(env.path(name)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{name}");
        }
    }
    let mut shown = String::new();
    let list = env.run(&with_keyring(&["keys", "list", "--json"])).ok();
    assert_eq!(list.json()["keyringState"]["primaryId"], 1);
    assert_eq!(list.json()["keyringState"]["keys"][0]["status"], "enabled");
    shown += &list.stdout;

    let rotate = env.run(&with_keyring(&["keys", "rotate", "--json"])).ok();
    assert_eq!(
        (
            rotate.json()["addedKeyId"].clone(),
            rotate.json()["keyringState"]["primaryId"].clone()
        ),
        (2.into(), 2.into())
    );
    shown += &rotate.stdout;
    let staged = env.run(&with_keyring(&["keys", "rotate", "--no-promote"])).ok();
    assert!(
        staged.stdout.contains("added key 3") && staged.stdout.contains("key 2 stays the primary"),
        "{}",
        staged.stdout
    );
    env.run(&with_keyring(&["keys", "rotate", "--promote", "3"])).ok();
    assert_eq!(open_keyring(&env, &root).primary_id().get(), 3);

    // The crate's rules, reported with what to do.
    env.run(&with_keyring(&["keys", "retire", "3"]))
        .fails(1, "crypto.key.is_primary");
    let early = env
        .run(&with_keyring(&["keys", "retire", "1", "--destroy"]))
        .fails(1, "crypto.key.still_enabled");
    assert!(early.stderr.contains("hint: disable it first"), "{}", early.stderr);
    env.run(&with_keyring(&["keys", "retire", "1"])).ok();
    let destroyed = env
        .run(&with_keyring(&["keys", "retire", "1", "--destroy", "--json"]))
        .ok();
    assert_eq!(destroyed.json()["status"], "destroyed");
    env.run(&with_keyring(&["keys", "rotate", "--promote", "1"]))
        .fails(1, "crypto.key.destroyed");
    env.run(&with_keyring(&["keys", "retire", "9"]))
        .fails(1, "crypto.key.not_found");
    let text = env.run(&with_keyring(&["keys", "list"])).ok().stdout;
    assert!(
        text.contains("1   destroyed") && text.contains("3   enabled    yes"),
        "{text}"
    );
    shown += &(text.clone() + &destroyed.stdout + &destroyed.stderr);
    assert!(!shown.contains(&root), "the root secret is never printed");
}

#[test]
fn the_root_secret_comes_from_a_file_or_the_environment_and_is_checked() {
    let mut env = Env::new();
    env.run(&["keys", "list", "--keyring", "keyring.czk"])
        .fails(2, "cli.root_key.missing");
    let root = RootSecret::generate().unwrap().to_text().to_string();
    env.var("CESIZEN_ROOT_KEY", &root);
    env.run(&["keys", "init", "--keyring", "keyring.czk"]).ok();
    env.run(&["keys", "init", "--keyring", "keyring.czk"])
        .fails(1, "cli.file.exists");
    assert_eq!(
        env.run(&["keys", "list", "--keyring", "keyring.czk", "--json"])
            .ok()
            .json()["keyringState"]["primaryId"],
        1
    );

    // Another root secret: the keyring does not open, and the hint says why.
    let mut other = Env::new();
    other.var("CESIZEN_ROOT_KEY", &RootSecret::generate().unwrap().to_text());
    std::fs::copy(env.path("keyring.czk"), other.path("keyring.czk")).unwrap();
    let wrong = other
        .run(&["keys", "list", "--keyring", "keyring.czk"])
        .fails(1, "crypto.decrypt.failed");
    assert!(
        wrong.stderr.contains("this root secret does not open this keyring"),
        "{}",
        wrong.stderr
    );
    // JSON callers get the failure as one JSON object too.
    let wrong = other.run(&["keys", "list", "--keyring", "keyring.czk", "--json"]);
    assert_eq!(wrong.json()["error"]["code"], "crypto.decrypt.failed");

    let mut bad = Env::new();
    bad.var("CESIZEN_ROOT_KEY", "hunter2");
    std::fs::copy(env.path("keyring.czk"), bad.path("keyring.czk")).unwrap();
    let refused = bad
        .run(&["keys", "list", "--keyring", "keyring.czk"])
        .fails(1, "crypto.root_secret.invalid");
    assert!(!refused.stderr.contains("hunter2"), "the refused secret is not echoed");

    // A key file others can read is refused, as the reference server refuses it.
    let file = env.write("open.key", format!("{root}\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        env.run(&[
            "keys",
            "list",
            "--keyring",
            "keyring.czk",
            "--root-key-file",
            "open.key",
        ])
        .fails(1, "cli.root_key.too_open");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    env.run(&[
        "keys",
        "list",
        "--keyring",
        "keyring.czk",
        "--root-key-file",
        "open.key",
    ])
    .ok();
    env.run(&["keys", "list", "--keyring", "missing.czk"])
        .fails(1, "cli.file.unreadable");
    env.write("garbage.czk", "not a keyring\n");
    env.run(&["keys", "list", "--keyring", "garbage.czk"])
        .fails(1, "crypto.keyring.malformed");
}

#[test]
fn rewrap_moves_every_data_key_to_the_new_primary_and_destroy_user_shreds_one() {
    let env = Env::new();
    let root = env.keyring();
    let keyring = open_keyring(&env, &root);
    let users = [
        "0190c0de-7e57-7000-8000-00000000a11c",
        "0190c0de-7e57-7000-8000-0000000000b0",
        "carol",
    ];
    let note = |user: &str| Context::field(user, "entry-1", "note").unwrap();
    let mut table = String::from("user_id,wrapped\n");
    let mut sealed = Vec::new();
    for user in users {
        let (key, wrapped) = keyring.generate_data_key(user).unwrap();
        sealed.push(key.seal(&note(user), user.as_bytes()).unwrap());
        table += &format!("{user},{}\n", wrapped.to_text());
    }
    env.write("data_keys.csv", &table);
    env.run(&with_keyring(&["keys", "rotate"])).ok();
    let rewrap = env
        .run(&with_keyring(&[
            "keys",
            "rewrap",
            "--data-keys",
            "data_keys.csv",
            "--json",
        ]))
        .ok();
    assert_eq!(
        (rewrap.json()["rewrapped"].clone(), rewrap.json()["unchanged"].clone()),
        (3.into(), 0.into())
    );
    let again = env
        .run(&with_keyring(&[
            "keys",
            "rewrap",
            "--data-keys",
            "data_keys.csv",
            "--json",
        ]))
        .ok();
    assert_eq!(again.json()["unchanged"], 3, "rewrapping is idempotent");

    // Every row is under key 2 and still opens the data sealed before the rotation.
    let keyring = open_keyring(&env, &root);
    assert_eq!(keyring.keys()[1].messages_sealed, 3, "the primary's count is saved");
    let rows = std::fs::read_to_string(env.path("data_keys.csv")).unwrap();
    for (line, (user, envelope)) in rows.lines().skip(1).zip(users.iter().zip(&sealed)) {
        let (row_user, wrapped) = line.split_once(',').unwrap();
        assert_eq!(row_user, *user);
        let wrapped = WrappedDataKey::from_text(wrapped).unwrap();
        assert_eq!(wrapped.kek_id().get(), 2);
        let key = keyring.unwrap_data_key(user, &wrapped).unwrap();
        assert_eq!(key.open(&note(user), envelope).unwrap().as_slice(), user.as_bytes());
    }

    let shred = env
        .run(&[
            "keys",
            "destroy-user",
            "--data-keys",
            "data_keys.csv",
            "--user",
            users[1],
            "--json",
        ])
        .ok();
    assert_eq!(
        (shred.json()["destroyed"].clone(), shred.json()["dataKeysLeft"].clone()),
        (true.into(), 2.into())
    );
    let rows = std::fs::read_to_string(env.path("data_keys.csv")).unwrap();
    assert!(
        !rows.contains(users[1]) && rows.contains(users[0]) && rows.contains(users[2]),
        "{rows}"
    );
    let unknown = env.run(&[
        "keys",
        "destroy-user",
        "--data-keys",
        "data_keys.csv",
        "--user",
        users[1],
    ]);
    unknown.fails(1, "cli.user.not_found");
    assert_eq!(
        std::fs::read_to_string(env.path("data_keys.csv")).unwrap(),
        rows,
        "left unchanged"
    );

    // After the next rotation, a row wrapped for another user does not rewrap: the table is left as it was.
    env.run(&with_keyring(&["keys", "rotate"])).ok();
    let swapped = rows.replacen(users[0], "mallory", 1);
    env.write("data_keys.csv", &swapped);
    let moved = env.run(&with_keyring(&["keys", "rewrap", "--data-keys", "data_keys.csv"]));
    assert!(
        moved
            .fails(1, "crypto.decrypt.failed")
            .stderr
            .contains("data_keys.csv line 2")
    );
    assert_eq!(std::fs::read_to_string(env.path("data_keys.csv")).unwrap(), swapped);

    env.write("bad_header.csv", "user,key\nx,y\n");
    env.run(&["keys", "destroy-user", "--data-keys", "bad_header.csv", "--user", "x"])
        .fails(1, "cli.input.malformed");
    env.write("bad_row.csv", "user_id,wrapped\nx,not-a-key\n");
    let bad = env
        .run(&["keys", "destroy-user", "--data-keys", "bad_row.csv", "--user", "x"])
        .fails(1, "cli.input.malformed");
    assert!(
        bad.stderr.contains("bad_row.csv line 2: not a wrapped data key"),
        "{}",
        bad.stderr
    );
    env.write("short_row.csv", "user_id,wrapped\nx\n");
    let short = env
        .run(&["keys", "destroy-user", "--data-keys", "short_row.csv", "--user", "x"])
        .fails(1, "cli.input.malformed");
    assert!(
        short.stderr.contains("1 fields where the header has 2"),
        "{}",
        short.stderr
    );
}
