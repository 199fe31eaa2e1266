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

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use cesizen_core::user::Email;
use cesizen_crypto::{
    Context, DataKey, Envelope, Keyring, Plaintext, PseudonymSecret, Pseudonymiser, RootSecret, WrappedDataKey,
};
use zeroize::Zeroizing;

use crate::db::Db;
use crate::error::ApiError;

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
    email_lookup: Pseudonymiser,
}

impl Keys {
    /// Reads (or creates) the root key file, then opens (or creates) the keyring and the server's secrets.
    pub async fn load(key_file: &Path, db: &Db) -> Result<Keys, KeySetupError> {
        let root = read_or_create_root(key_file)?;
        let sealed = stored_or_insert(db, "keyring", || {
            Ok(Envelope::from_bytes(Keyring::generate()?.seal(&root)?)?.to_text())
        })
        .await?;
        let keyring = Keyring::open(Envelope::from_text(&sealed)?.as_bytes(), &root)
            .map_err(|e| KeySetupError::Crypto(e.code()))?;
        let system_wrapped = stored_or_insert(db, "system_data_key", || {
            Ok(keyring.generate_data_key(SYSTEM_USER)?.1.to_text())
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
        Ok(Keys { keyring, email_lookup })
    }

    /// A fresh data key for a new user, with its wrapped form to store.
    pub fn new_data_key(&self, user: &str) -> Result<(DataKey, String), ApiError> {
        let (key, wrapped) = self.keyring.generate_data_key(user)?;
        Ok((key, wrapped.to_text()))
    }

    /// The data key of `user` from its stored wrapped form.
    pub fn data_key(&self, user: &str, wrapped: &str) -> Result<DataKey, ApiError> {
        Ok(self
            .keyring
            .unwrap_data_key(user, &WrappedDataKey::from_text(wrapped)?)?)
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

/// Seals `plaintext` as field `field` of record `record` of `key`'s user; the envelope's text form.
pub fn seal(key: &DataKey, record: &str, field: &str, plaintext: &[u8]) -> Result<String, ApiError> {
    let context = Context::field(key.user_id(), record, field)?;
    Ok(key.seal(&context, plaintext)?.to_text())
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
