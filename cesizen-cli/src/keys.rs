//! `cesizen keys`: the keyring file and the data-key table, with every rule left to `cesizen-crypto`.
//!
//! The keyring file is the text form of the sealed keyring (`Keyring::seal`, one line of base64url), for what
//! is encrypted outside the server. A deployment's keys are the server's key custody directory: `list` reads it
//! (`--key-dir`), and nothing here writes it, since only the server's key epochs turn it. The data-key table is
//! CSV `user_id,wrapped`, the server's `data_keys` table as `\copy … CSV HEADER` exports it; it is streamed row
//! by row and rewritten atomically, so tables of millions of users take constant memory.

use std::path::Path;
use std::time::SystemTime;

use cesizen_crypto::{KekHistory, KeyId, KeyInfo, Keyring, WrappedDataKey};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use crate::cli::{KeySourceArgs, KeyringArgs, KeysCommand};
use crate::error::{CliError, CliResult};
use crate::files::{self, AtomicFile, ReadKeys, csv_error};
use crate::output::{emit, table};

const TABLE_HEADER: [&str; 2] = ["user_id", "wrapped"];

/// Runs a `keys` command.
pub fn run(command: KeysCommand) -> CliResult<()> {
    match command {
        KeysCommand::Init {
            keyring,
            create_root_key,
            message_limit,
            output,
        } => init(&keyring, create_root_key, message_limit, output.json),
        KeysCommand::List { keys, output } => list(&keys, output.json),
        KeysCommand::Rotate {
            keyring,
            no_promote,
            promote,
            output,
        } => rotate(&keyring, no_promote, promote, output.json),
        KeysCommand::Rewrap {
            keyring,
            data_keys,
            output,
        } => rewrap(&keyring, &data_keys, output.json),
        KeysCommand::Retire {
            keyring,
            id,
            destroy,
            output,
        } => retire(&keyring, id, destroy, output.json),
        KeysCommand::DestroyUser {
            data_keys,
            user,
            output,
        } => destroy_user(&data_keys, &user, output.json),
    }
}

fn init(args: &KeyringArgs, create_root_key: bool, message_limit: Option<u64>, json: bool) -> CliResult<()> {
    if args.keyring.exists() {
        return Err(
            CliError::failed("cli.file.exists", format!("{} already exists", args.keyring.display()))
                .hint("a keyring is created once; use `cesizen keys rotate` to add keys to it"),
        );
    }
    let mut ring = Keyring::generate().map_err(|e| CliError::crypto(&e, "generating the keyring"))?;
    if let Some(limit) = message_limit {
        ring.set_message_limit(limit).map_err(|e| {
            CliError::usage(e.code(), format!("--message-limit {limit}: {e}")).hint("give a count from 1 to 4294967296")
        })?;
    }
    let root = match (&args.root.root_key_file, create_root_key) {
        (Some(path), true) => files::create_root_key_file(path)?,
        _ => files::root_secret(&args.root)?,
    };
    files::save_keyring(args, &root, &ring)?;
    let value = json!({
        "keyring": args.keyring.display().to_string(),
        "rootKeyCreated": create_root_key,
        "keyringState": state(&ring),
    });
    emit(json, &value, || {
        let mut text = format!(
            "created {} with key {} as its primary\n",
            args.keyring.display(),
            ring.primary_id()
        );
        if let (Some(path), true) = (&args.root.root_key_file, create_root_key) {
            text.push_str(&format!(
                "created the root key file {} (mode 0600): keep a copy in the secret manager, never beside backups\n",
                path.display()
            ));
        }
        text
    })
}

fn list(args: &KeySourceArgs, json: bool) -> CliResult<()> {
    match files::read_keys(args)? {
        ReadKeys::File { path, keyring } => {
            let value = json!({ "keyring": path.display().to_string(), "keyringState": state(&keyring) });
            emit(json, &value, || keys_table(&keyring))
        }
        ReadKeys::Custody { dir, keyring, history } => {
            let versions = custody_versions(&keyring, &history);
            let value = json!({
                "keyDir": dir.display().to_string(),
                "primaryId": keyring.primary_id().get(),
                "versions": versions.iter().map(CustodyVersion::to_json).collect::<Vec<_>>(),
            });
            emit(json, &value, || custody_table(&versions))
        }
    }
}

fn rotate(args: &KeyringArgs, no_promote: bool, promote: Option<u32>, json: bool) -> CliResult<()> {
    let (mut ring, root) = files::load_keyring(args)?;
    let previous = ring.primary_id();
    let added = match promote {
        Some(_) => None,
        None => Some(ring.add_key().map_err(|e| CliError::crypto(&e, "adding a key"))?),
    };
    let to_promote = promote.map(KeyId::new).or(added.filter(|_| !no_promote));
    if let Some(id) = to_promote {
        ring.promote(id).map_err(|e| {
            CliError::crypto(&e, &format!("promoting key {id}")).hint("`cesizen keys list` shows the enabled keys")
        })?;
    }
    files::save_keyring(args, &root, &ring)?;
    let primary = ring.primary_id();
    let value = json!({
        "keyring": args.keyring.display().to_string(),
        "addedKeyId": added.map(KeyId::get),
        "previousPrimaryId": previous.get(),
        "keyringState": state(&ring),
    });
    emit(json, &value, || {
        let mut text = String::new();
        if let Some(id) = added {
            text.push_str(&format!("added key {id}\n"));
        }
        if primary == previous {
            text.push_str(&format!("key {primary} stays the primary; promote the new key once every server has this keyring: cesizen keys rotate --promote {}\n",
                added.map_or_else(|| "ID".to_owned(), |id| id.to_string())));
        } else {
            text.push_str(&format!(
                "key {primary} is now the primary; key {previous} stays enabled to open what it wrapped and sealed\n\
                 next: cesizen keys rewrap --data-keys FILE, then cesizen keys retire {previous}\n"
            ));
        }
        text
    })
}

fn rewrap(args: &KeyringArgs, table_path: &Path, json: bool) -> CliResult<()> {
    let (ring, root) = files::load_keyring(args)?;
    let (mut rewrapped, mut unchanged) = (0u64, 0u64);
    rewrite_table(table_path, |line, user, wrapped| {
        let new = ring.rewrap_data_key(user, &wrapped).map_err(|e| {
            let err = CliError::crypto(&e, &format!("{} line {line}", table_path.display()));
            match e {
                cesizen_crypto::Error::KeyDestroyed(_) => {
                    err.hint("this data key's keyring key was destroyed: the user's data is gone for good")
                }
                _ => err
                    .hint("the row does not open with this keyring: check that the table and keyring belong together"),
            }
        })?;
        if new == wrapped {
            unchanged += 1;
        } else {
            rewrapped += 1;
        }
        Ok(Some(new))
    })?;
    // The primary counted what it wrapped: keep the count.
    files::save_keyring(args, &root, &ring)?;
    let value = json!({
        "dataKeys": table_path.display().to_string(),
        "primaryId": ring.primary_id().get(),
        "rewrapped": rewrapped,
        "unchanged": unchanged,
    });
    emit(json, &value, || {
        format!(
            "rewrapped {rewrapped} data keys under key {} ({unchanged} were already under it)\n",
            ring.primary_id()
        )
    })
}

fn retire(args: &KeyringArgs, id: u32, destroy: bool, json: bool) -> CliResult<()> {
    let (mut ring, root) = files::load_keyring(args)?;
    let id = KeyId::new(id);
    let result = if destroy { ring.destroy(id) } else { ring.disable(id) };
    result.map_err(|e| {
        let err = CliError::crypto(&e, &format!("retiring key {id}"));
        match e {
            cesizen_crypto::Error::KeyStillEnabled(_) => err.hint(format!(
                "disable it first (cesizen keys retire {id}), watch for crypto.key.disabled errors, then destroy it"
            )),
            cesizen_crypto::Error::KeyIsPrimary(_) => {
                err.hint("promote another key first (cesizen keys rotate), then rewrap the data keys")
            }
            _ => err.hint("`cesizen keys list` shows the keys and their statuses"),
        }
    })?;
    files::save_keyring(args, &root, &ring)?;
    let status = ring
        .status(id)
        .map_err(|e| CliError::crypto(&e, "reading the key's status"))?;
    let value = json!({ "keyId": id.get(), "status": status.as_str(), "keyringState": state(&ring) });
    emit(json, &value, || {
        if destroy {
            format!("key {id} is destroyed: what it wrapped or sealed can no longer be opened\n")
        } else {
            format!(
                "key {id} is disabled; destroy it once its backups have expired: cesizen keys retire {id} --destroy\n"
            )
        }
    })
}

fn destroy_user(table_path: &Path, user: &str, json: bool) -> CliResult<()> {
    let (mut found, mut kept) = (None, 0u64);
    rewrite_table(table_path, |_, row_user, wrapped| {
        if row_user == user {
            found = Some(wrapped.kek_id());
            Ok(None)
        } else {
            kept += 1;
            Ok(Some(wrapped))
        }
    })?;
    let Some(kek) = found else {
        return Err(CliError::failed(
            "cli.user.not_found",
            format!("{} holds no data key for this user", table_path.display()),
        )
        .hint("check the user id; the table was left unchanged"));
    };
    let value = json!({
        "dataKeys": table_path.display().to_string(),
        "userId": user,
        "destroyed": true,
        "wrappedUnderKeyId": kek.get(),
        "dataKeysLeft": kept,
    });
    emit(json, &value, || {
        format!(
            "destroyed the user's data key: every copy of their sealed data is now unreadable\n\
             if copies of this table were backed up, rotate and destroy key {kek} within 30 days\n"
        )
    })
}

/// Streams the data-key table through `each` (line, user, wrapped key → the row's new key, or `None` to drop
/// it) into a new table that replaces the old one only if every row went through.
fn rewrite_table(
    path: &Path,
    mut each: impl FnMut(u64, &str, WrappedDataKey) -> CliResult<Option<WrappedDataKey>>,
) -> CliResult<()> {
    let (input, _) = files::open_input(Some(path))?;
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(input);
    let headers = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
    if headers.iter().collect::<Vec<_>>() != TABLE_HEADER {
        return Err(CliError::malformed(
            format!("{} line 1", path.display()),
            "the header must be `user_id,wrapped`",
        )
        .hint("export the table with `\\copy data_keys TO 'data_keys.csv' CSV HEADER`"));
    }
    let mut out = AtomicFile::create(path, true, files::PRIVATE)?;
    let mut writer = csv::Writer::from_writer(&mut out);
    writer.write_record(TABLE_HEADER).map_err(|e| csv_error(path, &e))?;
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let (Some(user), Some(wrapped), 2) = (record.get(0), record.get(1), record.len()) else {
            return Err(CliError::malformed(
                format!("{} line {line}", path.display()),
                "expected 2 fields",
            ));
        };
        let wrapped = WrappedDataKey::from_text(wrapped).map_err(|e| {
            CliError::malformed(
                format!("{} line {line}", path.display()),
                format!("not a wrapped data key ({})", e.code()),
            )
        })?;
        if let Some(new) = each(line, user, wrapped)? {
            writer
                .write_record([user, new.to_text().as_str()])
                .map_err(|e| csv_error(path, &e))?;
        }
    }
    writer.flush().map_err(|e| CliError::unwritable(path, &e))?;
    drop(writer);
    out.commit()
}

/// The keyring's public state: keys, primary, limit.
fn state(ring: &Keyring) -> Value {
    json!({
        "primaryId": ring.primary_id().get(),
        "messageLimit": ring.message_limit(),
        "keys": ring.keys().iter().map(key_json).collect::<Vec<_>>(),
    })
}

fn key_json(k: &KeyInfo) -> Value {
    json!({ "id": k.id.get(), "status": k.status.as_str(), "primary": k.primary, "messagesSealed": k.messages_sealed })
}

fn keys_table(ring: &Keyring) -> String {
    let rows: Vec<Vec<String>> = ring
        .keys()
        .iter()
        .map(|k| {
            vec![
                k.id.to_string(),
                k.status.as_str().to_owned(),
                if k.primary { "yes".into() } else { String::new() },
                k.messages_sealed.to_string(),
            ]
        })
        .collect();
    format!(
        "{}message limit per key: {}\n",
        table(&["id", "status", "primary", "data keys wrapped"], &rows),
        ring.message_limit()
    )
}

/// One key version of a custody directory, as `keys list --key-dir` shows it.
struct CustodyVersion {
    id: KeyId,
    status: &'static str,
    primary: bool,
    /// `None` for a destroyed version: custody no longer holds its record.
    created_at: Option<SystemTime>,
    /// `None` for the primary and for a destroyed version.
    retired_at: Option<SystemTime>,
}

impl CustodyVersion {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id.get(),
            "status": self.status,
            "primary": self.primary,
            "createdAt": self.created_at.map(rfc3339),
            "retiredAt": self.retired_at.map(rfc3339),
        })
    }
}

/// Every key of a custody keyring (destroyed ones included) with its dates from the custody history.
fn custody_versions(keyring: &Keyring, history: &KekHistory) -> Vec<CustodyVersion> {
    keyring
        .keys()
        .iter()
        .map(|k| CustodyVersion {
            id: k.id,
            status: k.status.as_str(),
            primary: k.primary,
            created_at: history.versions().iter().find(|v| v.id == k.id).map(|v| v.created_at),
            // `KeyNotFound` is the only error: a destroyed version, whose dates went with its record.
            retired_at: history.retired_at(k.id).ok().flatten(),
        })
        .collect()
}

fn custody_table(versions: &[CustodyVersion]) -> String {
    let date = |t: Option<SystemTime>| t.map_or_else(|| "-".to_owned(), rfc3339);
    let rows: Vec<Vec<String>> = versions
        .iter()
        .map(|v| {
            vec![
                v.id.to_string(),
                v.status.to_owned(),
                if v.primary { "yes".into() } else { String::new() },
                date(v.created_at),
                date(v.retired_at),
            ]
        })
        .collect();
    table(&["id", "status", "primary", "created", "retired"], &rows)
}

fn rfc3339(t: SystemTime) -> String {
    DateTime::<Utc>::from(t).to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_holds_no_material() {
        let ring = Keyring::generate().unwrap();
        let text = crate::output::pretty(&state(&ring));
        assert!(text.contains("\"primaryId\": 1"), "{text}");
        assert!(!text.to_lowercase().contains("secret"));
    }
}
