//! Keys: the root key file, the keyring sealed under it, users' data keys, and the e-mail lookup pseudonym.
//!
//! Layout (every rule of the formats is `cesizen-crypto`'s):
//!
//! - the **root key** is the one secret outside the database: 32 random bytes in a key file created on first
//!   start with mode 0600 (the server refuses a key file that its group or others may read);
//! - the **keyring** is sealed under the root key and stored in the database (`server_secrets`), so that every
//!   instance sharing one PostgreSQL opens the same keyring with the same key file;
//! - each user's **data key** is stored wrapped by the keyring in `data_keys`; every emotional field and the
//!   profile's identifying fields are sealed under it, so deleting that one row crypto-shreds the user;
//! - a **system data key** (the pseudo-user `cesizen-server`) seals the server's own secrets, among them the
//!   secret of the e-mail **lookup pseudonym** (HMAC-SHA-256), which finds an account by address without the
//!   address being stored in clear.
//!
//! First start is race-free: each secret is inserted with `ON CONFLICT DO NOTHING` and read back, so
//! instances starting together agree on the first one written.
//!
//! **Message counters.** `cesizen-crypto` seals under random 96-bit nonces, so each key may seal a bounded
//! number of messages (the keyring's message limit, 2^30 by default, under the 2^32 of NIST SP 800-38D). Its
//! counters live in the key objects, which here last one request (a data key is unwrapped per request) or one
//! process (the keyring). The server therefore keeps the counts in the database, added in the very
//! transaction that stores what was sealed, under a condition that refuses to pass the limit
//! (`crypto.key.limit_reached`): a user's data key in `data_keys.messages_sealed`, a keyring key's wraps and
//! the system key's seals in `key_usage`. Every instance adds to the same rows, so the ceiling holds across
//! restarts and instances. A user's data key is also unwrapped resuming from its stored count
//! ([`Keys::data_key`]), so the crate itself refuses a seal past the limit; the database condition still
//! decides between instances sealing under one key at once, and [`record_sealed`] adds only the request's own
//! seals (`DataKey::messages_sealed_by_this_object`). The keyring is also
//! resealed and stored after every wrap ([`Keys::reseal`]), so that its own counters (which a start takes as
//! a floor for `key_usage`) and any change of its settings survive a restart.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use cesizen_core::user::Email;
use cesizen_crypto::{
    Context, DataKey, Envelope, KeyId, Keyring, Plaintext, PseudonymSecret, Pseudonymiser, RootSecret, WrappedDataKey,
};
use zeroize::Zeroizing;

use crate::db::Db;
use crate::error::ApiError;
use sqlx::{Any, AnyConnection, Executor};

/// The pseudo-user whose data key seals the server's own secrets.
const SYSTEM_USER: &str = "cesizen-server";
/// The pseudonym domain of e-mail look-ups.
const EMAIL_LOOKUP_DOMAIN: &str = "cesizen.server.email-lookup";

/// Why the keys could not be set up: start-up errors, reported once and fatal.
#[derive(Debug, thiserror::Error)]
pub enum KeySetupError {
    /// The key file could not be read or created.
    #[error("the root key file {path} cannot be used: {reason}")]
    KeyFile {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// The key file exists but others than its owner may read it.
    #[error("the root key file {0} must be readable by its owner only (chmod 600)")]
    KeyFileTooOpen(String),
    /// A crypto operation failed; the code says which.
    #[error("key set-up failed: {0}")]
    Crypto(&'static str),
    /// The database failed.
    #[error("key set-up failed in the database: {0}")]
    Database(#[from] sqlx::Error),
}

impl From<cesizen_crypto::Error> for KeySetupError {
    fn from(e: cesizen_crypto::Error) -> Self {
        KeySetupError::Crypto(e.code())
    }
}

/// The keys a running server holds.
pub struct Keys {
    keyring: Keyring,
    /// Kept to reseal the keyring after it changed.
    root: RootSecret,
    email_lookup: Pseudonymiser,
}

/// A fresh data key, wrapped by the keyring's primary key.
pub struct NewDataKey {
    /// The key, to seal the new user's first fields.
    pub key: DataKey,
    /// Its wrapped form, to store.
    pub wrapped: String,
    /// The keyring key that wrapped it: one more message for that key, to record with [`Keys::record_wrap`].
    pub kek: KeyId,
}

impl Keys {
    /// Reads (or creates) the root key file, then opens (or creates) the keyring and the server's secrets.
    /// `message_limit`, when set, becomes the keyring's per-key message limit (stored with the keyring).
    pub async fn load(key_file: &Path, db: &Db, message_limit: Option<u64>) -> Result<Keys, KeySetupError> {
        let root = read_or_create_root(key_file)?;
        let sealed = stored_or_insert(db, "keyring", || {
            Ok(Envelope::from_bytes(Keyring::generate()?.seal(&root)?)?.to_text())
        })
        .await?;
        let mut keyring = Keyring::open(Envelope::from_text(&sealed)?.as_bytes(), &root)
            .map_err(|e| KeySetupError::Crypto(e.code()))?;
        if let Some(limit) = message_limit.filter(|l| *l != keyring.message_limit()) {
            keyring.set_message_limit(limit)?;
            store_keyring(&db.pool, &keyring, &root).await?;
        }
        // The counts the sealed keyring carries are a floor for the shared ones (a deployment that predates
        // `key_usage` starts from them).
        for info in keyring.keys() {
            sqlx::query(
                "INSERT INTO key_usage (name, messages_sealed) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE \
                 SET messages_sealed = excluded.messages_sealed WHERE key_usage.messages_sealed < excluded.messages_sealed",
            )
            .bind(kek_usage_name(info.id))
            .bind(i64::try_from(info.messages_sealed).unwrap_or(i64::MAX))
            .execute(&db.pool)
            .await?;
        }
        let mut wrapped_now = None;
        let system_wrapped = stored_or_insert(db, "system_data_key", || {
            let (_, wrapped) = keyring.generate_data_key(SYSTEM_USER)?;
            wrapped_now = Some(wrapped.kek_id());
            Ok(wrapped.to_text())
        })
        .await?;
        let system = keyring.unwrap_data_key(SYSTEM_USER, &WrappedDataKey::from_text(&system_wrapped)?)?;
        let context = Context::field(SYSTEM_USER, "secrets", "email-lookup")?;
        let lookup_sealed = stored_or_insert(db, "email_lookup_secret", || {
            let secret = PseudonymSecret::generate()?;
            Ok(system.seal(&context, secret.to_text().as_bytes())?.to_text())
        })
        .await?;
        let opened = system.open(&context, &Envelope::from_text(&lookup_sealed)?)?;
        let text = Zeroizing::new(String::from_utf8_lossy(&opened).into_owned());
        let email_lookup = Pseudonymiser::new(&PseudonymSecret::from_text(&text)?);
        let keys = Keys {
            keyring,
            root,
            email_lookup,
        };
        // A wrap or a seal made here counts even when another instance's value won the insert: its nonce was
        // drawn all the same.
        let mut conn = db.pool.acquire().await?;
        if let Some(kek) = wrapped_now {
            keys.record_wrap(&mut conn, kek)
                .await
                .map_err(|e| KeySetupError::Crypto(e.code()))?;
        }
        let system_sealed = system.messages_sealed_by_this_object();
        if system_sealed > 0 {
            add_usage(
                &mut *conn,
                (SYSTEM_USAGE, system.id()),
                system_sealed,
                system.message_limit(),
            )
            .await
            .map_err(|e| KeySetupError::Crypto(e.code()))?;
        }
        Ok(keys)
    }

    /// A fresh data key for a new user, wrapped. Store it with [`Keys::record_wrap`] in the same transaction.
    pub fn new_data_key(&self, user: &str) -> Result<NewDataKey, ApiError> {
        let (key, wrapped) = self.keyring.generate_data_key(user)?;
        Ok(NewDataKey {
            kek: wrapped.kek_id(),
            wrapped: wrapped.to_text(),
            key,
        })
    }

    /// Counts one wrap under keyring key `kek` (refused past the message limit), then reseals the keyring and
    /// stores it.
    pub async fn record_wrap(&self, conn: &mut AnyConnection, kek: KeyId) -> Result<(), ApiError> {
        add_usage(&mut *conn, (&kek_usage_name(kek), kek), 1, self.keyring.message_limit()).await?;
        self.reseal(conn).await
    }

    /// Reseals the keyring under the root key and stores it, with its counters as this process sees them.
    pub async fn reseal(&self, conn: &mut AnyConnection) -> Result<(), ApiError> {
        store_keyring(&mut *conn, &self.keyring, &self.root)
            .await
            .map_err(|e| match e {
                KeySetupError::Database(e) => ApiError::from(e),
                _ => ApiError::internal("crypto.keyring.reseal_failed"),
            })
    }

    /// The data key of `user` from its stored row: the wrapped form and `data_keys.messages_sealed`, the count
    /// the key resumes from (so it refuses past the message limit by itself; record its seals with
    /// [`record_sealed`]).
    pub fn data_key(&self, user: &str, wrapped: &str, messages_sealed: i64) -> Result<DataKey, ApiError> {
        let sealed_before =
            u64::try_from(messages_sealed).map_err(|_| ApiError::internal("system.stored_record.invalid"))?;
        Ok(self
            .keyring
            .unwrap_data_key_resuming(user, &WrappedDataKey::from_text(wrapped)?, sealed_before)?)
    }

    /// The look-up pseudonym of an address (of its case-insensitive look-up key).
    pub fn email_lookup(&self, email: &Email) -> Result<String, ApiError> {
        Ok(self
            .email_lookup
            .pseudonym(EMAIL_LOOKUP_DOMAIN, email.lookup_key().as_bytes())?
            .to_text())
    }

    /// The keyring, to write and read backups.
    pub fn keyring(&self) -> &Keyring {
        &self.keyring
    }
}

/// The `key_usage` row of the system data key.
const SYSTEM_USAGE: &str = "system_data_key";

/// The `key_usage` row of a keyring key.
fn kek_usage_name(kek: KeyId) -> String {
    format!("kek.{}", kek.get())
}

/// Adds `messages` to the count of `name`, unless that would pass `limit`: then `crypto.key.limit_reached`.
async fn add_usage<'e>(
    executor: impl Executor<'e, Database = Any>,
    (name, id): (&str, KeyId),
    messages: u64,
    limit: u64,
) -> Result<(), ApiError> {
    let messages = i64::try_from(messages).unwrap_or(i64::MAX);
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let counted = sqlx::query(
        "INSERT INTO key_usage (name, messages_sealed) SELECT $1, $2 WHERE $2 <= $3 ON CONFLICT (name) DO UPDATE \
         SET messages_sealed = key_usage.messages_sealed + excluded.messages_sealed \
         WHERE key_usage.messages_sealed + excluded.messages_sealed <= $3",
    )
    .bind(name)
    .bind(messages)
    .bind(limit)
    .execute(executor)
    .await?
    .rows_affected();
    if counted == 0 {
        tracing::error!(key = name, "security: a key reached its message limit");
        return Err(cesizen_crypto::Error::KeyLimitReached(id).into());
    }
    Ok(())
}

/// Adds the messages this `key` object sealed (this request's seals, not the count it resumed from) to the
/// user's stored count, in the transaction that stores them; refused with `crypto.key.limit_reached` when the
/// total would pass the keyring's message limit (another instance sealed under the same key meanwhile), so
/// that nothing sealed past it is ever stored.
pub async fn record_sealed(conn: &mut AnyConnection, key: &DataKey) -> Result<(), ApiError> {
    let sealed = key.messages_sealed_by_this_object();
    if sealed == 0 {
        return Ok(());
    }
    let counted = sqlx::query(
        "UPDATE data_keys SET messages_sealed = messages_sealed + $1 WHERE user_id = $2 AND messages_sealed + $1 <= $3",
    )
    .bind(i64::try_from(sealed).unwrap_or(i64::MAX))
    .bind(key.user_id())
    .bind(i64::try_from(key.message_limit()).unwrap_or(i64::MAX))
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if counted == 0 {
        let exists: Option<(i64,)> = sqlx::query_as("SELECT messages_sealed FROM data_keys WHERE user_id = $1")
            .bind(key.user_id())
            .fetch_optional(&mut *conn)
            .await?;
        if exists.is_none() {
            // Erased meanwhile: the session is gone with it.
            return Err(ApiError::unauthenticated());
        }
        log_limit_reached();
        return Err(cesizen_crypto::Error::KeyLimitReached(key.id()).into());
    }
    Ok(())
}

async fn store_keyring<'e>(
    executor: impl Executor<'e, Database = Any>,
    keyring: &Keyring,
    root: &RootSecret,
) -> Result<(), KeySetupError> {
    let sealed = Envelope::from_bytes(keyring.seal(root)?)?.to_text();
    sqlx::query("UPDATE server_secrets SET value = $1 WHERE name = 'keyring'")
        .bind(sealed)
        .execute(executor)
        .await?;
    Ok(())
}

/// Seals `plaintext` as field `field` of record `record` of `key`'s user; the envelope's text form.
pub fn seal(key: &DataKey, record: &str, field: &str, plaintext: &[u8]) -> Result<String, ApiError> {
    let context = Context::field(key.user_id(), record, field)?;
    let envelope = key.seal(&context, plaintext).inspect_err(|e| {
        if matches!(e, cesizen_crypto::Error::KeyLimitReached(_)) {
            log_limit_reached();
        }
    })?;
    Ok(envelope.to_text())
}

/// The security log of a data key at its message limit.
pub(crate) fn log_limit_reached() {
    tracing::error!("security: a user's data key reached its message limit");
}

/// Opens what [`seal`] wrote.
pub fn open(key: &DataKey, record: &str, field: &str, sealed: &str) -> Result<Plaintext, ApiError> {
    let context = Context::field(key.user_id(), record, field)?;
    Ok(key.open(&context, &Envelope::from_text(sealed)?)?)
}

/// Opens a sealed UTF-8 text.
pub fn open_text(key: &DataKey, record: &str, field: &str, sealed: &str) -> Result<Zeroizing<String>, ApiError> {
    let bytes = open(key, record, field, sealed)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| ApiError::internal("crypto.plaintext.not_utf8"))?;
    Ok(Zeroizing::new(text.to_owned()))
}

fn read_or_create_root(path: &Path) -> Result<RootSecret, KeySetupError> {
    let shown = path.display().to_string();
    let file_error = |e: std::io::Error| KeySetupError::KeyFile {
        path: shown.clone(),
        reason: e.kind().to_string(),
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(file_error)?;
    }
    match OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
        Ok(mut file) => {
            let root = RootSecret::generate()?;
            file.write_all(root.to_text().as_bytes()).map_err(file_error)?;
            file.write_all(b"\n").map_err(file_error)?;
            file.sync_all().map_err(file_error)?;
            tracing::info!(key_file = %shown, "created a new root key");
            Ok(root)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let mode = std::fs::metadata(path).map_err(file_error)?.permissions().mode();
            if mode & 0o077 != 0 {
                return Err(KeySetupError::KeyFileTooOpen(shown));
            }
            let text = Zeroizing::new(std::fs::read_to_string(path).map_err(file_error)?);
            Ok(RootSecret::from_text(&text)?)
        }
        Err(e) => Err(file_error(e)),
    }
}

/// The secret stored under `name`, inserting `make()`'s value first when there is none.
async fn stored_or_insert(
    db: &Db,
    name: &str,
    make: impl FnOnce() -> Result<String, KeySetupError>,
) -> Result<String, KeySetupError> {
    if let Some(value) = stored(db, name).await? {
        return Ok(value);
    }
    sqlx::query("INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .bind(make()?)
        .execute(&db.pool)
        .await?;
    stored(db, name)
        .await?
        .ok_or(KeySetupError::Crypto("system.secret.missing"))
}

async fn stored(db: &Db, name: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar::<_, String>("SELECT value FROM server_secrets WHERE name = $1")
        .bind(name)
        .fetch_optional(&db.pool)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Synchronous;

    async fn stored_count(db: &Db, user: &str) -> i64 {
        sqlx::query_scalar("SELECT messages_sealed FROM data_keys WHERE user_id = $1")
            .bind(user)
            .fetch_one(&db.pool)
            .await
            .unwrap()
    }

    /// A user's data key resumes from its stored count, so the crate refuses past the limit by itself, and
    /// [`record_sealed`] adds only the seals of the key object at hand. SQLite only: a key file of its own
    /// needs a database of its own.
    #[tokio::test]
    async fn a_data_key_resumes_from_its_stored_count_and_records_only_its_own_seals() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("keys.db").display());
        let db = Db::connect(&url, Synchronous::Normal).await.unwrap();
        let keys = Keys::load(&dir.path().join("root.key"), &db, Some(8)).await.unwrap();
        let user = "0190c0de-7e57-7000-8000-000000000001";
        let new = keys.new_data_key(user).unwrap();
        sqlx::query("INSERT INTO data_keys (user_id, wrapped, messages_sealed) VALUES ($1, $2, 5)")
            .bind(user)
            .bind(&new.wrapped)
            .execute(&db.pool)
            .await
            .unwrap();

        let key = keys
            .data_key(user, &new.wrapped, stored_count(&db, user).await)
            .unwrap();
        seal(&key, "r", "a", b"6").unwrap();
        let mut conn = db.pool.acquire().await.unwrap();
        record_sealed(&mut conn, &key).await.unwrap();
        assert_eq!(
            stored_count(&db, user).await,
            6,
            "one seal added, not the resumed five again"
        );

        let key = keys
            .data_key(user, &new.wrapped, stored_count(&db, user).await)
            .unwrap();
        seal(&key, "r", "b", b"7").unwrap();
        seal(&key, "r", "c", b"8").unwrap();
        let refused = seal(&key, "r", "d", b"9").unwrap_err();
        assert_eq!(
            refused.code(),
            "crypto.key.limit_reached",
            "the crate refuses the ninth"
        );
        record_sealed(&mut conn, &key).await.unwrap();
        assert_eq!(stored_count(&db, user).await, 8);

        let key = keys.data_key(user, &new.wrapped, 8).unwrap();
        assert_eq!(
            seal(&key, "r", "e", b"9").unwrap_err().code(),
            "crypto.key.limit_reached"
        );
        assert_eq!(
            keys.data_key(user, &new.wrapped, -1).unwrap_err().code(),
            "system.stored_record.invalid"
        );
    }
}
