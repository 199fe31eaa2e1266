//! The erasure log: every erased account, recorded outside the database so that a restore never resurrects
//! anyone.
//!
//! A backup holds the people who existed when it was taken. If the database is lost and a backup restored,
//! everyone erased after that backup would come back — with their data keys, since backups carry them. So each
//! erasure appends a line here *before* its transaction commits (an erasure that then fails leaves a line for a
//! live account, which a restore erases: the person had asked for it), and `cesizen-server restore` replays
//! every line before the restored database serves anything.
//!
//! The log lives in the key directory, beside the KEK versions, because it must survive what they survive: the
//! loss of the database. One JSON object per line, `{"user": id, "erasedAt": RFC 3339}`; no personal data (a
//! user id is a random UUIDv7 naming nobody once the account is gone). Lines are appended with `O_APPEND` and
//! synced; a torn last line (a crash mid-write) is ignored on reading.

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use cesizen_core::id::UserId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::custody::CustodyError;

/// One erased account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tombstone {
    /// The erased account.
    pub user: UserId,
    /// When it was erased.
    pub erased_at: DateTime<Utc>,
}

/// The erasure log file.
#[derive(Debug, Clone)]
pub struct ErasureLog {
    path: PathBuf,
}

impl ErasureLog {
    /// The log in the key directory `dir`.
    pub fn in_dir(dir: &Path) -> ErasureLog {
        ErasureLog {
            path: dir.join("erasures.log"),
        }
    }

    fn io(&self) -> impl Fn(std::io::Error) -> CustodyError + '_ {
        crate::custody::io_error(&self.path)
    }

    /// Appends `tombstone` and syncs it to disk.
    pub fn append(&self, tombstone: &Tombstone) -> Result<(), CustodyError> {
        let mut line =
            serde_json::to_vec(tombstone).map_err(|_| CustodyError::Malformed(self.path.display().to_string()))?;
        line.push(b'\n');
        let mut file = OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(&self.path)
            .map_err(self.io())?;
        file.write_all(&line).and_then(|()| file.sync_data()).map_err(self.io())
    }

    /// Every tombstone, oldest first (an absent log has none; a torn last line is skipped).
    pub fn read(&self) -> Result<Vec<Tombstone>, CustodyError> {
        let file = match std::fs::File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.io()(e)),
        };
        let mut tombstones = Vec::new();
        let mut reader = BufReader::new(file);
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line).map_err(self.io())? == 0 {
                break;
            }
            if !line.ends_with('\n') {
                break; // torn by a crash mid-append: that erasure did not commit either
            }
            let tombstone = serde_json::from_str(line.trim())
                .map_err(|_| CustodyError::Malformed(self.path.display().to_string()))?;
            tombstones.push(tombstone);
        }
        Ok(tombstones)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tombstones_append_and_read_back_and_a_torn_line_is_skipped() {
        let temp = tempfile::tempdir().unwrap();
        let log = ErasureLog::in_dir(temp.path());
        assert!(log.read().unwrap().is_empty());
        let now = crate::db::to_stored_precision(Utc::now());
        let one = Tombstone {
            user: UserId::new(now).unwrap(),
            erased_at: now,
        };
        log.append(&one).unwrap();
        log.append(&one).unwrap();
        let mut file = OpenOptions::new()
            .append(true)
            .open(temp.path().join("erasures.log"))
            .unwrap();
        file.write_all(b"{\"user\":\"0190").unwrap();
        assert_eq!(log.read().unwrap(), vec![one.clone(), one]);
    }
}
