//! Keys: the root key file, the key-encryption keys (KEKs) in key custody, users' data keys, and the e-mail
//! lookup pseudonym.
//!
//! Layout (every rule of the formats is `cesizen-crypto`'s):
//!
//! - the **root key** is a secret outside the database: 32 random bytes in a key file created on first start
//!   with mode 0600 (the server refuses a key file that its group or others may read);
//! - the **KEKs** live in **key custody** ([`crate::custody`]), by default the directory `keys/` beside the root
//!   key file, one record per version sealed under the root key: never in the database nor in a backup, so that
//!   destroying a version there is final for every copy of the data;
//! - each user's **data key** is stored wrapped by a KEK in `data_keys` (`kek_id` names which); every emotional
//!   field and the profile's identifying fields are sealed under it;
//! - a **system data key** (the pseudo-user `cesizen-server`) seals the server's own secrets, among them the
//!   secret of the e-mail **lookup pseudonym** (HMAC-SHA-256), which finds an account by address without the
//!   address being stored in clear.
//!
//! **Key epochs** ([`crate::epochs`]): the KEKs rotate every `CESIZEN_KEY_EPOCH_SECONDS`; each turn rewraps the
//! surviving data keys under the new primary, and destroys a retired KEK once the backups it sealed have expired
//! (`CESIZEN_BACKUP_RETENTION_SECONDS`). An erased user's data key is never rewrapped: once the KEK that wrapped
//! it is destroyed, no copy of that user's data anywhere opens with what the operator holds.
//!
//! First start is race-free: the first KEK is created in custody with `O_EXCL`, and the system secrets are
//! inserted with `ON CONFLICT DO NOTHING` and read back, so instances starting together agree on the first one
//! written. An instance meeting a KEK it does not know (another instance turned the epoch) reloads custody.
//!
//! **Message counters.** `cesizen-crypto` seals under random 96-bit nonces, so each key may seal a bounded
//! number of messages (the message limit, 2^30 by default, under the 2^32 of NIST SP 800-38D). Its counters
//! live in the key objects, which here last one request (a data key is unwrapped per request) or one process
//! (the keyring). The server therefore keeps the counts in the database, added in the very transaction that
//! stores what was sealed, under a condition that refuses to pass the limit (`crypto.key.limit_reached`): a
//! user's data key in `data_keys.messages_sealed`, a KEK's wraps and the system key's seals in `key_usage`.
//! Every instance adds to the same rows, so the ceiling holds across restarts and instances. A user's data key
//! is also unwrapped resuming from its stored count ([`Keys::data_key`]), so the crate itself refuses a seal
//! past the limit; the database condition still decides between instances sealing under one key at once, and
//! [`record_sealed`] adds only the request's own seals (`DataKey::messages_sealed_by_this_object`). A KEK wraps
//! about one data key per user per epoch, far below its limit, and its count is `key_usage`'s alone.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::SystemTime;

use cesizen_core::user::Email;
use cesizen_crypto::{
    Context, DataKey, Envelope, EpochPolicy, KekHistory, KeyId, Keyring, Plaintext, PseudonymSecret, Pseudonymiser,
    RootSecret, StreamWriter, WrappedDataKey,
};
use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use crate::custody::{CustodyError, KeyCustody};
use crate::db::Db;
use crate::error::ApiError;
use crate::tombstones::ErasureLog;
use sqlx::{Any, AnyConnection, Executor};

/// The pseudo-user whose data key seals the server's own secrets.
pub const SYSTEM_USER: &str = "cesizen-server";
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
    /// Key custody failed.
    #[error(transparent)]
    Custody(#[from] CustodyError),
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

/// Where the keys come from and how they turn.
pub struct KeySettings<'a> {
    /// The root key file.
    pub key_file: &'a Path,
    /// Key custody.
    pub custody: Arc<dyn KeyCustody>,
    /// The erasure log, beside custody.
    pub erasures: ErasureLog,
    /// The key epochs.
    pub policy: EpochPolicy,
    /// The per-key message limit, when not `cesizen-crypto`'s default.
    pub message_limit: Option<u64>,
}

/// The KEKs as this process knows them: the keyring and its versions' history.
struct Keks {
    keyring: Keyring,
    history: KekHistory,
}

/// The keys a running server holds.
pub struct Keys {
    keks: RwLock<Keks>,
    root: RootSecret,
    custody: Arc<dyn KeyCustody>,
    erasures: ErasureLog,
    policy: EpochPolicy,
    message_limit: Option<u64>,
    email_lookup: Pseudonymiser,
}

/// A fresh data key, wrapped by the primary KEK.
pub struct NewDataKey {
    /// The key, to seal the new user's first fields.
    pub key: DataKey,
    /// Its wrapped form, to store.
    pub wrapped: String,
    /// The KEK that wrapped it: store it as `data_keys.kek_id`, and record the wrap with [`Keys::record_wrap`].
    pub kek: KeyId,
}

/// A `KeyId` as stored in a BIGINT column.
pub fn kek_column(id: KeyId) -> i64 {
    i64::from(id.get())
}

impl Keys {
    /// Reads (or creates) the root key file, opens key custody (creating the first KEK, or moving a keyring
    /// that an older version sealed in the database into custody), then the server's secrets.
    pub async fn load(settings: KeySettings<'_>, db: &Db) -> Result<Keys, KeySetupError> {
        let root = read_or_create_root(settings.key_file)?;
        let custody = settings.custody;
        if custody.records()?.is_empty() {
            first_keks(custody.as_ref(), &root, db).await?;
        }
        let keks = open_custody(custody.as_ref(), &root, settings.message_limit)?;
        // The keyring no longer lives in the database (a copy of it would outlive every destruction).
        sqlx::query("DELETE FROM server_secrets WHERE name = 'keyring'")
            .execute(&db.pool)
            .await?;
        let mut wrapped_now = None;
        let system_wrapped = stored_or_insert(db, "system_data_key", || {
            let (_, wrapped) = keks.keyring.generate_data_key(SYSTEM_USER)?;
            wrapped_now = Some(wrapped.kek_id());
            Ok(wrapped.to_text())
        })
        .await?;
        let system = unwrap_reloading(&keks, custody.as_ref(), &root, settings.message_limit, |ring| {
            ring.unwrap_data_key(SYSTEM_USER, &WrappedDataKey::from_text(&system_wrapped)?)
        })?;
        let context = Context::field(SYSTEM_USER, "secrets", "email-lookup")?;
        let lookup_sealed = stored_or_insert(db, "email_lookup_secret", || {
            let secret = PseudonymSecret::generate()?;
            Ok(system.seal(&context, secret.to_text().as_bytes())?.to_text())
        })
        .await?;
        let email_lookup = lookup_pseudonymiser(&system, &lookup_sealed)?;
        let keys = Keys {
            keks: RwLock::new(keks),
            root,
            custody,
            erasures: settings.erasures,
            policy: settings.policy,
            message_limit: settings.message_limit,
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
                keys.message_limit(),
            )
            .await
            .map_err(|e| KeySetupError::Crypto(e.code()))?;
        }
        backfill_kek_ids(&mut conn).await?;
        Ok(keys)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Keks> {
        self.keks.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// The per-key message limit in force.
    pub fn message_limit(&self) -> u64 {
        self.read().keyring.message_limit()
    }

    /// A fresh data key for a new user, wrapped. Store it with [`Keys::record_wrap`] in the same transaction.
    pub fn new_data_key(&self, user: &str) -> Result<NewDataKey, ApiError> {
        let (key, wrapped) = self.read().keyring.generate_data_key(user)?;
        Ok(NewDataKey {
            kek: wrapped.kek_id(),
            wrapped: wrapped.to_text(),
            key,
        })
    }

    /// Counts one wrap under KEK `kek` (refused past the message limit).
    pub async fn record_wrap(&self, conn: &mut AnyConnection, kek: KeyId) -> Result<(), ApiError> {
        self.record_wraps(conn, kek, 1).await
    }

    /// Counts `wraps` wraps under KEK `kek` (refused past the message limit).
    pub async fn record_wraps(&self, conn: &mut AnyConnection, kek: KeyId, wraps: u64) -> Result<(), ApiError> {
        add_usage(&mut *conn, (&kek_usage_name(kek), kek), wraps, self.message_limit()).await
    }

    /// The data key of `user` from its stored row: the wrapped form and `data_keys.messages_sealed`, the count
    /// the key resumes from (so it refuses past the message limit by itself; record its seals with
    /// [`record_sealed`]). A KEK this process does not know yet (another instance turned the epoch) reloads
    /// custody once.
    pub fn data_key(&self, user: &str, wrapped: &str, messages_sealed: i64) -> Result<DataKey, ApiError> {
        let sealed_before =
            u64::try_from(messages_sealed).map_err(|_| ApiError::internal("system.stored_record.invalid"))?;
        let wrapped = WrappedDataKey::from_text(wrapped)?;
        let unwrap = |keks: &Keks| keks.keyring.unwrap_data_key_resuming(user, &wrapped, sealed_before);
        match unwrap(&self.read()) {
            Err(cesizen_crypto::Error::KeyNotFound(_)) => {
                self.reload()
                    .map_err(|_| ApiError::internal("crypto.custody.unavailable"))?;
                Ok(unwrap(&self.read())?)
            }
            other => Ok(other?),
        }
    }

    /// The data key of `user` as stored (`data_keys`), read through `executor`, resuming from its stored count;
    /// `None` when the user has no key (erased).
    pub async fn user_key<'e>(
        &self,
        executor: impl Executor<'e, Database = Any>,
        user: &str,
    ) -> Result<Option<DataKey>, ApiError> {
        let stored: Option<(String, i64)> =
            sqlx::query_as("SELECT wrapped, messages_sealed FROM data_keys WHERE user_id = $1")
                .bind(user)
                .fetch_optional(executor)
                .await?;
        stored
            .map(|(wrapped, count)| self.data_key(user, &wrapped, count))
            .transpose()
    }

    /// Reads custody again: the versions another instance created or destroyed.
    pub fn reload(&self) -> Result<(), KeySetupError> {
        let keks = open_custody(self.custody.as_ref(), &self.root, self.message_limit)?;
        *self.keks.write().unwrap_or_else(PoisonError::into_inner) = keks;
        Ok(())
    }

    /// The look-up pseudonym of an address (of its case-insensitive look-up key).
    pub fn email_lookup(&self, email: &Email) -> Result<String, ApiError> {
        email_lookup(&self.email_lookup, email)
    }

    /// An encrypted backup stream under the primary KEK, and that KEK's id.
    pub fn backup_writer<W: std::io::Write>(
        &self,
        inner: W,
    ) -> Result<(StreamWriter<W>, KeyId), cesizen_crypto::Error> {
        let keks = self.read();
        Ok((keks.keyring.stream_writer(inner)?, keks.keyring.primary_id()))
    }

    /// The key epochs in force.
    pub fn policy(&self) -> &EpochPolicy {
        &self.policy
    }

    /// The KEK versions custody holds, as this process last read them.
    pub fn history(&self) -> KekHistory {
        self.read().history.clone()
    }

    /// The erasure log.
    pub fn erasures(&self) -> &ErasureLog {
        &self.erasures
    }

    /// Key custody.
    pub fn custody(&self) -> &dyn KeyCustody {
        self.custody.as_ref()
    }

    /// When a data key wrapped by `kek` and deleted at `now` is unrecoverable in every copy: when `kek` is due
    /// for destruction, plus one check of the epoch job (which carries it out).
    pub fn unrecoverable_by(
        &self,
        kek: KeyId,
        now: DateTime<Utc>,
        check: std::time::Duration,
    ) -> Result<DateTime<Utc>, ApiError> {
        let due = self
            .policy
            .destruction_due(&self.read().history, kek, SystemTime::from(now))?;
        Ok(DateTime::<Utc>::from(due + check))
    }

    /// Begins a new epoch at `now`: a new primary KEK, created in custody first. `Ok(None)` when another
    /// instance created that version first (custody is then reloaded and its version is the primary).
    pub fn begin_epoch(&self, now: DateTime<Utc>) -> Result<Option<KeyId>, KeySetupError> {
        let mut keks = self.keks.write().unwrap_or_else(PoisonError::into_inner);
        let id = keks.keyring.begin_epoch()?;
        let record = keks.keyring.seal_for_custody(id, SystemTime::from(now), &self.root)?;
        if !self.custody.create(id, &record)? {
            drop(keks);
            self.reload()?;
            return Ok(None);
        }
        drop(keks);
        self.reload()?;
        Ok(Some(id))
    }

    /// `user`'s data key rewrapped under the primary: the new wrapped text and the primary's id.
    pub fn rewrap(&self, user: &str, wrapped: &str) -> Result<(String, KeyId), ApiError> {
        let keks = self.read();
        let rewrapped = keks
            .keyring
            .rewrap_data_key(user, &WrappedDataKey::from_text(wrapped)?)?;
        Ok((rewrapped.to_text(), rewrapped.kek_id()))
    }

    /// The primary KEK's id.
    pub fn primary(&self) -> KeyId {
        self.read().keyring.primary_id()
    }

    /// Destroys KEK `id` in custody, then here.
    pub fn destroy(&self, id: KeyId) -> Result<(), KeySetupError> {
        self.custody.destroy(id)?;
        self.reload()
    }
}

/// The e-mail look-up pseudonymiser from its secret as stored (`email_lookup_secret`, sealed under the system
/// data key).
pub fn lookup_pseudonymiser(system: &DataKey, sealed: &str) -> Result<Pseudonymiser, KeySetupError> {
    let context = Context::field(SYSTEM_USER, "secrets", "email-lookup")?;
    let opened = system.open(&context, &Envelope::from_text(sealed)?)?;
    let text = Zeroizing::new(String::from_utf8_lossy(&opened).into_owned());
    Ok(Pseudonymiser::new(&PseudonymSecret::from_text(&text)?))
}

/// The look-up pseudonym of `email` under `pseudonymiser`.
pub fn email_lookup(pseudonymiser: &Pseudonymiser, email: &Email) -> Result<String, ApiError> {
    Ok(pseudonymiser
        .pseudonym(EMAIL_LOOKUP_DOMAIN, email.lookup_key().as_bytes())?
        .to_text())
}

/// Custody's first KEK: the keyring an older version sealed in the database, moved out (every key with
/// material, created now), or a fresh one. Of instances starting together, the first to create a version wins;
/// the others read it.
async fn first_keks(custody: &dyn KeyCustody, root: &RootSecret, db: &Db) -> Result<(), KeySetupError> {
    let now = SystemTime::now();
    let legacy = stored(db, "keyring").await?;
    let keyring = match &legacy {
        Some(sealed) => Keyring::open(Envelope::from_text(sealed)?.as_bytes(), root)?,
        None => Keyring::generate()?,
    };
    for info in keyring.keys() {
        if info.status == cesizen_crypto::KeyStatus::Destroyed {
            continue;
        }
        custody.create(info.id, &keyring.seal_for_custody(info.id, now, root)?)?;
    }
    if legacy.is_some() {
        tracing::warn!(
            "the keyring sealed in the database moved to key custody; copies of the database taken before hold it              until its keys are destroyed by the key epochs and the root key is rotated (README, erasure)"
        );
    }
    Ok(())
}

fn open_custody(
    custody: &dyn KeyCustody,
    root: &RootSecret,
    message_limit: Option<u64>,
) -> Result<Keks, KeySetupError> {
    let records: Vec<Vec<u8>> = custody.records()?.into_iter().map(|(_, r)| r).collect();
    let (mut keyring, history) = Keyring::from_custody(&records, root)?;
    if let Some(limit) = message_limit {
        keyring.set_message_limit(limit)?;
    }
    Ok(Keks { keyring, history })
}

/// Unwraps with `keks`, or with custody read again when the KEK is unknown here.
fn unwrap_reloading(
    keks: &Keks,
    custody: &dyn KeyCustody,
    root: &RootSecret,
    message_limit: Option<u64>,
    unwrap: impl Fn(&Keyring) -> cesizen_crypto::Result<DataKey>,
) -> Result<DataKey, KeySetupError> {
    match unwrap(&keks.keyring) {
        Err(cesizen_crypto::Error::KeyNotFound(_)) => Ok(unwrap(&open_custody(custody, root, message_limit)?.keyring)?),
        other => Ok(other?),
    }
}

/// Fills `data_keys.kek_id` for rows written before the column existed.
async fn backfill_kek_ids(conn: &mut AnyConnection) -> Result<(), KeySetupError> {
    loop {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT user_id, wrapped FROM data_keys WHERE kek_id IS NULL LIMIT 1000")
                .fetch_all(&mut *conn)
                .await?;
        if rows.is_empty() {
            return Ok(());
        }
        for (user, wrapped) in rows {
            let kek = WrappedDataKey::from_text(&wrapped)?.kek_id();
            sqlx::query("UPDATE data_keys SET kek_id = $1 WHERE user_id = $2")
                .bind(kek_column(kek))
                .bind(&user)
                .execute(&mut *conn)
                .await?;
        }
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

/// Reads the root key file, which must exist (a restore never creates a root key).
pub fn read_root(path: &Path) -> Result<RootSecret, KeySetupError> {
    if !path.exists() {
        return Err(KeySetupError::KeyFile {
            path: path.display().to_string(),
            reason: "not found".to_owned(),
        });
    }
    read_or_create_root(path)
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
        let key_dir = dir.path().join("keys");
        let settings = KeySettings {
            key_file: &dir.path().join("root.key"),
            custody: Arc::new(crate::custody::KeyDirectory::open(&key_dir).unwrap()),
            erasures: ErasureLog::in_dir(&key_dir),
            policy: EpochPolicy::new(std::time::Duration::from_secs(86_400), std::time::Duration::ZERO).unwrap(),
            message_limit: Some(8),
        };
        let keys = Keys::load(settings, &db).await.unwrap();
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
