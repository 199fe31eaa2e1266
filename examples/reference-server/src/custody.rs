//! Key custody: where the key-encryption keys (KEKs) live, outside the data.
//!
//! A KEK stored in the database, even sealed, would be in every copy of the database; an old copy plus the root
//! key would then yield an old KEK and the data keys of every user erased since. So the KEKs are never in the
//! database nor in a backup: each version is a `cesizen-crypto` custody record (sealed under the root key) held
//! by a [`KeyCustody`]. Destroying a version deletes its record there, and from then on nothing the operator
//! holds opens what it wrapped (see `cesizen_crypto::epoch`).
//!
//! What a custody must guarantee (the README repeats it for operators):
//! - **durable**: a version it acknowledged survives the loss of the database and of the server (backups are
//!   useless without it): keep the key directory on another volume than the database, or in a KMS;
//! - **final destruction**: a destroyed version is gone from every copy of the custody itself (never back the
//!   key directory up with the data, nor snapshot it for longer than the backup retention);
//! - **shared**: every instance on one database sees the same versions (one mounted directory, or the KMS);
//! - **ids never reused**: a version is created once under the next id and never overwritten.
//!
//! [`KeyDirectory`], the default, is a directory beside the root key file: one file per version,
//! `kek-00000001.key` (the record's text form, mode 0600), created with `O_EXCL` so that two instances turning
//! the same epoch cannot both win. A KMS takes its place by implementing [`KeyCustody`].

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use cesizen_crypto::{Envelope, KeyId};

/// Why custody failed: start-up and epoch-turn errors, reported with the path and the kind only.
#[derive(Debug, thiserror::Error)]
pub enum CustodyError {
    /// The directory or a record could not be read or written.
    #[error("the key directory {path} cannot be used: {reason}")]
    Io {
        /// The file or directory.
        path: String,
        /// The I/O error's kind.
        reason: String,
    },
    /// A file of the directory is not a custody record.
    #[error("the key directory holds a malformed record: {0}")]
    Malformed(String),
    /// The directory is readable by others than its owner.
    #[error("the key directory {0} must be accessible by its owner only (chmod 700)")]
    TooOpen(String),
}

/// Where KEK versions are kept. Implementations must uphold the module's guarantees.
pub trait KeyCustody: Send + Sync {
    /// Every version held, as `(id, sealed record)`, in any order.
    fn records(&self) -> Result<Vec<(KeyId, Vec<u8>)>, CustodyError>;
    /// Stores a new version; `Ok(false)` when `id` already exists (another instance created it first): the
    /// existing record is kept.
    fn create(&self, id: KeyId, record: &[u8]) -> Result<bool, CustodyError>;
    /// Destroys version `id` for good (idempotent).
    fn destroy(&self, id: KeyId) -> Result<(), CustodyError>;
    /// Whether version `id` is held (destroyed or never created: `false`).
    fn holds(&self, id: KeyId) -> Result<bool, CustodyError> {
        Ok(self.records()?.iter().any(|(held, _)| *held == id))
    }
}

/// The default custody: a directory of record files (see the module documentation).
pub struct KeyDirectory {
    dir: PathBuf,
}

impl KeyDirectory {
    /// Opens `dir`, creating it with mode 0700 when missing; refuses a directory others may read.
    pub fn open(dir: &Path) -> Result<KeyDirectory, CustodyError> {
        let io = io_error(dir);
        if !dir.exists() {
            fs::create_dir_all(dir).map_err(&io)?;
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(&io)?;
        }
        let mode = fs::metadata(dir).map_err(&io)?.permissions().mode();
        if mode & 0o077 != 0 {
            return Err(CustodyError::TooOpen(dir.display().to_string()));
        }
        Ok(KeyDirectory { dir: dir.to_path_buf() })
    }

    fn path(&self, id: KeyId) -> PathBuf {
        self.dir.join(format!("kek-{:08}.key", id.get()))
    }

    /// Syncs the directory itself, so that a created or deleted entry is durable.
    fn sync_dir(&self) -> Result<(), CustodyError> {
        fs::File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(io_error(&self.dir))
    }
}

/// An I/O failure on `path`, named by the path and the error's kind.
pub(crate) fn io_error(path: &Path) -> impl Fn(std::io::Error) -> CustodyError + '_ {
    move |e| CustodyError::Io {
        path: path.display().to_string(),
        reason: e.kind().to_string(),
    }
}

impl KeyCustody for KeyDirectory {
    fn records(&self) -> Result<Vec<(KeyId, Vec<u8>)>, CustodyError> {
        let mut records = Vec::new();
        for entry in fs::read_dir(&self.dir).map_err(io_error(&self.dir))? {
            let entry = entry.map_err(io_error(&self.dir))?;
            let name = entry.file_name();
            let Some(id) = name
                .to_str()
                .and_then(|n| n.strip_prefix("kek-"))
                .and_then(|n| n.strip_suffix(".key"))
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            let path = entry.path();
            let text = fs::read_to_string(&path).map_err(io_error(&path))?;
            let record = Envelope::from_text(text.trim())
                .map_err(|_| CustodyError::Malformed(path.display().to_string()))?
                .into_bytes();
            records.push((KeyId::new(id), record));
        }
        Ok(records)
    }

    fn create(&self, id: KeyId, record: &[u8]) -> Result<bool, CustodyError> {
        let path = self.path(id);
        let io = io_error(&path);
        let text = Envelope::from_bytes(record.to_vec())
            .map_err(|_| CustodyError::Malformed(path.display().to_string()))?
            .to_text();
        // Written aside, then linked into place without replacing anything: a crash never leaves a half record
        // under the real name, and of two instances creating `id` at once exactly one wins.
        let aside = self.dir.join(format!(
            ".kek-{:08}.{:016x}.tmp",
            id.get(),
            getrandom::u64().unwrap_or(0)
        ));
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&aside)
            .map_err(io_error(&aside))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.write_all(b"\n"))
            .and_then(|()| file.sync_all())
            .map_err(io_error(&aside))?;
        let linked = fs::hard_link(&aside, &path);
        let _ = fs::remove_file(&aside);
        match linked {
            Ok(()) => {
                self.sync_dir()?;
                Ok(true)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(io(e)),
        }
    }

    fn destroy(&self, id: KeyId) -> Result<(), CustodyError> {
        let path = self.path(id);
        match fs::remove_file(&path) {
            Ok(()) => self.sync_dir(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error(&path)(e)),
        }
    }

    fn holds(&self, id: KeyId) -> Result<bool, CustodyError> {
        Ok(self.path(id).exists())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_is_created_once_listed_and_destroyed_for_good() {
        let temp = tempfile::tempdir().unwrap();
        let custody = KeyDirectory::open(&temp.path().join("keys")).unwrap();
        let record = cesizen_crypto::Keyring::generate()
            .unwrap()
            .seal_for_custody(
                KeyId::new(1),
                std::time::SystemTime::now(),
                &cesizen_crypto::RootSecret::generate().unwrap(),
            )
            .unwrap();
        assert!(custody.create(KeyId::new(1), &record).unwrap());
        assert!(!custody.create(KeyId::new(1), &[1; 60]).unwrap(), "never overwritten");
        assert_eq!(custody.records().unwrap(), vec![(KeyId::new(1), record)]);
        assert!(custody.holds(KeyId::new(1)).unwrap());
        custody.destroy(KeyId::new(1)).unwrap();
        custody.destroy(KeyId::new(1)).unwrap();
        assert!(custody.records().unwrap().is_empty());
        assert!(!custody.holds(KeyId::new(1)).unwrap());
        let names: Vec<_> = fs::read_dir(temp.path().join("keys")).unwrap().collect();
        assert!(names.is_empty(), "nothing left aside");
    }

    #[test]
    fn a_directory_others_may_read_is_refused() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("keys");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        assert!(matches!(KeyDirectory::open(&dir), Err(CustodyError::TooOpen(_))));
    }
}
