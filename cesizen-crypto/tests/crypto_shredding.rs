//! Crypto-shredding: erasing a user destroys the user's data key, and every copy of their data — including a
//! backup taken *before* the erasure — becomes unreadable, while everyone else's data stays readable.
//!
//! The database is simulated: a key table (user → wrapped data key, text form) and journal rows (user, record,
//! field, envelope text form). Backups are encrypted streams of the rows.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use cesizen_crypto::{Context, Envelope, Keyring, Result, WrappedDataKey};

const ALICE: &str = "0190c0de-7e57-7000-8000-00000000a11c";
const BOB: &str = "0190c0de-7e57-7000-8000-0000000000b0";

#[derive(Clone, PartialEq, Debug)]
struct Row {
    user: String,
    record: String,
    field: String,
    envelope: String,
}

#[derive(Default)]
struct Database {
    keys: BTreeMap<String, String>,
    rows: Vec<Row>,
}

impl Database {
    fn sign_up(&mut self, keyring: &Keyring, user: &str) -> Result<()> {
        let (_, wrapped) = keyring.generate_data_key(user)?;
        self.keys.insert(user.to_owned(), wrapped.to_text());
        Ok(())
    }

    fn write(&mut self, keyring: &Keyring, user: &str, record: &str, field: &str, text: &str) -> Result<()> {
        let key = keyring.unwrap_data_key(user, &WrappedDataKey::from_text(&self.keys[user])?)?;
        let envelope = key.seal(&Context::field(user, record, field)?, text.as_bytes())?;
        self.rows.push(Row {
            user: user.into(),
            record: record.into(),
            field: field.into(),
            envelope: envelope.to_text(),
        });
        Ok(())
    }

    fn erase(&mut self, user: &str) {
        self.keys.remove(user);
        self.rows.retain(|row| row.user != user);
    }
}

fn serialise(rows: &[Row]) -> Vec<u8> {
    rows.iter()
        .map(|r| format!("{}\t{}\t{}\t{}\n", r.user, r.record, r.field, r.envelope))
        .collect::<String>()
        .into_bytes()
}

fn deserialise(bytes: &[u8]) -> Vec<Row> {
    String::from_utf8(bytes.to_vec())
        .expect("utf-8")
        .lines()
        .map(|line| {
            let parts: Vec<&str> = line.split('\t').collect();
            Row {
                user: parts[0].into(),
                record: parts[1].into(),
                field: parts[2].into(),
                envelope: parts[3].into(),
            }
        })
        .collect()
}

fn backup(keyring: &Keyring, bytes: &[u8]) -> Vec<u8> {
    let mut writer = keyring.stream_writer(Vec::new()).expect("writer");
    writer.write_all(bytes).expect("write");
    writer.finish().expect("finish")
}

fn restore(keyring: &Keyring, backup: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    keyring.stream_reader(backup)?.read_to_end(&mut out)?;
    Ok(out)
}

/// Opens `row` with the key table `keys`, as a restore would.
fn read_row(keyring: &Keyring, keys: &BTreeMap<String, String>, row: &Row) -> Result<String> {
    let wrapped = keys
        .get(&row.user)
        .ok_or(cesizen_crypto::Error::KeyNotFound(0.into()))?;
    let key = keyring.unwrap_data_key(&row.user, &WrappedDataKey::from_text(wrapped)?)?;
    let plain = key.open(
        &Context::field(&row.user, &row.record, &row.field)?,
        &Envelope::from_text(&row.envelope)?,
    )?;
    Ok(String::from_utf8(plain.to_vec()).expect("utf-8"))
}

fn populated() -> (Keyring, Database) {
    let keyring = Keyring::generate().expect("keyring");
    let mut db = Database::default();
    db.sign_up(&keyring, ALICE).expect("alice");
    db.sign_up(&keyring, BOB).expect("bob");
    db.write(&keyring, ALICE, "entry-1", "note", "panic attack on the metro")
        .expect("write");
    db.write(&keyring, ALICE, "entry-2", "emotion", "fear").expect("write");
    db.write(&keyring, BOB, "entry-3", "note", "slept well").expect("write");
    (keyring, db)
}

#[test]
fn a_backup_taken_before_the_erasure_is_unreadable_for_the_erased_user_only() {
    let (keyring, mut db) = populated();
    // The nightly backup holds the journal rows; the key table lives apart from it (the recommended setup).
    let offsite_copy = backup(&keyring, &serialise(&db.rows));
    let alice_rows: Vec<Row> = db.rows.iter().filter(|r| r.user == ALICE).cloned().collect();

    db.erase(ALICE);

    // Months later the backup is restored against the live key table.
    let restored = deserialise(&restore(&keyring, &offsite_copy).expect("the backup itself is intact"));
    assert_eq!(restored.len(), 3, "alice's rows are still in the backup, as ciphertext");
    for row in &restored {
        let result = read_row(&keyring, &db.keys, row);
        if row.user == BOB {
            assert_eq!(result.expect("bob is untouched"), "slept well");
        } else {
            assert_eq!(
                result.map_err(|e| e.code()),
                Err("crypto.key.not_found"),
                "alice has no key any more"
            );
        }
    }
    // Not merely a missing row: no key that still exists opens alice's envelopes.
    let bob_key = keyring
        .unwrap_data_key(BOB, &WrappedDataKey::from_text(&db.keys[BOB]).expect("text"))
        .expect("bob");
    for row in &alice_rows {
        let envelope = Envelope::from_text(&row.envelope).expect("envelope");
        let as_bob = Context::field(BOB, &row.record, &row.field).expect("ctx");
        assert!(bob_key.open(&as_bob, &envelope).is_err());
    }
}

#[test]
fn a_backed_up_key_table_is_shredded_by_rotating_and_destroying_its_keyring_key() {
    let (mut keyring, mut db) = populated();
    // A deployment that also backs up its key table: the copy taken before the erasure holds alice's wrapped key.
    let rows_copy = serialise(&db.rows);
    let key_table_copy: BTreeMap<String, String> = db.keys.clone();
    let key_table_backup = backup(&keyring, format!("{key_table_copy:?}").as_bytes());

    db.erase(ALICE);
    assert_eq!(
        read_row(&keyring, &key_table_copy, &deserialise(&rows_copy)[0])
            .expect("the window crypto-shredding must close"),
        "panic attack on the metro",
    );

    // Close it within the erasure deadline: rotate the keyring key, rewrap the live keys, destroy the old key.
    let old = keyring.primary_id();
    let new = keyring.add_key().expect("add");
    keyring.promote(new).expect("promote");
    for wrapped in db.keys.values_mut() {
        let user = BOB; // the only user left
        *wrapped = keyring
            .rewrap_data_key(user, &WrappedDataKey::from_text(wrapped).expect("text"))
            .expect("rewrap")
            .to_text();
    }
    keyring.disable(old).expect("disable");
    keyring.destroy(old).expect("destroy");

    for row in deserialise(&rows_copy) {
        let from_old_table = read_row(&keyring, &key_table_copy, &row);
        assert_eq!(
            from_old_table.map_err(|e| e.code()),
            Err("crypto.key.destroyed"),
            "{}",
            row.user
        );
        if row.user == BOB {
            assert_eq!(read_row(&keyring, &db.keys, &row).expect("live key"), "slept well");
        }
    }
    assert_eq!(
        restore(&keyring, &key_table_backup).map_err(|e| e.code()),
        Err("crypto.key.destroyed")
    );
}
