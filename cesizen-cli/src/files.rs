//! Files: inputs, outputs written aside and renamed into place, the root secret, the sealed keyring and key
//! custody directories.
//!
//! An output file is written under a temporary name in the same folder and renamed only once complete, so a
//! failed or interrupted command never leaves a half-written backup, restore, keyring or key table under the
//! real name. Secret-bearing files are created with mode 0600.
//!
//! Keys are read from one of two places ([`read_keys`]): a keyring file this binary writes, or a deployment's
//! key custody directory, which only the server's key epochs change (this binary never writes there).

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use cesizen_crypto::{Envelope, KekHistory, Keyring, RootSecret};
use zeroize::Zeroizing;

use crate::cli::{KeySourceArgs, KeyringArgs, RootKeyArgs};
use crate::error::{CliError, CliResult, io_reason};

/// Permissions of files only their owner should read: keyrings, key tables, backups, restores.
pub const PRIVATE: u32 = 0o600;
/// Permissions of reports, which others may read.
pub const SHARED: u32 = 0o644;

/// The environment variable holding the root secret's text form.
pub const ROOT_KEY_VAR: &str = "CESIZEN_ROOT_KEY";

/// Opens `path` for reading, or standard input for `None` or `-`, buffered; with the size when it is a regular file.
pub fn open_input(path: Option<&Path>) -> CliResult<(Box<dyn Read>, Option<u64>)> {
    let (input, size) = open_stream_input(path)?;
    Ok((Box::new(BufReader::with_capacity(256 * 1024, input)), size))
}

/// Opens `path` for reading, or standard input for `None` or `-`, unbuffered and sendable to another thread (a
/// [`crate::read_ahead::ReadAhead`] reads it in large chunks); with the size when it is a regular file.
pub fn open_stream_input(path: Option<&Path>) -> CliResult<(Box<dyn Read + Send>, Option<u64>)> {
    match path.filter(|p| p.as_os_str() != "-") {
        None => Ok((Box::new(io::stdin()), None)),
        Some(path) => {
            let file = File::open(path).map_err(|e| CliError::unreadable(path, &e))?;
            let size = file.metadata().ok().filter(fs::Metadata::is_file).map(|m| m.len());
            Ok((Box::new(file), size))
        }
    }
}

/// Reads a whole (small) text file.
pub fn read_text(path: &Path) -> CliResult<String> {
    fs::read_to_string(path).map_err(|e| CliError::unreadable(path, &e))
}

/// A file written under a temporary name beside its destination, renamed into place by [`AtomicFile::commit`];
/// removed if dropped before.
pub struct AtomicFile {
    path: PathBuf,
    temp: PathBuf,
    file: Option<File>,
}

impl AtomicFile {
    /// Starts writing `path` with permissions `mode` (unix); refuses an existing file unless `replace`.
    pub fn create(path: &Path, replace: bool, mode: u32) -> CliResult<Self> {
        if !replace && path.exists() {
            return Err(
                CliError::failed("cli.file.exists", format!("{} already exists", path.display()))
                    .hint("choose another name, or pass --force to replace it"),
            );
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        let file = options.open(&temp).map_err(|e| CliError::unwritable(path, &e))?;
        Ok(Self {
            path: path.to_owned(),
            temp,
            file: Some(file),
        })
    }

    /// Flushes to disk and renames into place.
    pub fn commit(mut self) -> CliResult<()> {
        let file = self.file.take().expect("the file is open until commit");
        file.sync_all().map_err(|e| CliError::unwritable(&self.path, &e))?;
        drop(file);
        fs::rename(&self.temp, &self.path).map_err(|e| CliError::unwritable(&self.path, &e))
    }

    /// The destination's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.as_mut().ok_or_else(|| io::Error::other("closed"))?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Buffer of a [`Sink`].
const SINK_BUFFER: usize = 256 * 1024;

/// Where the stream goes: a file renamed into place at the end, or standard output.
pub enum Sink {
    /// A file, renamed into place by [`Sink::commit`].
    File(BufWriter<AtomicFile>),
    /// Standard output.
    Stdout(BufWriter<Box<dyn Write>>),
}

impl Sink {
    /// The file `path` (replaced only if `replace`), or standard output for `None`, buffered: for output written
    /// in small pieces.
    pub fn open(path: Option<&Path>, replace: bool) -> CliResult<Self> {
        Self::with_buffer(path, replace, SINK_BUFFER, Box::new(io::stdout().lock()))
    }

    /// As [`Sink::open`], unbuffered: for output written in large pieces (backup segments), which a buffer would
    /// only copy once more. Standard output is then written through a duplicate of its descriptor on unix,
    /// bypassing the standard library's line buffering, which splits binary data at its newline bytes.
    pub fn open_unbuffered(path: Option<&Path>, replace: bool) -> CliResult<Self> {
        Self::with_buffer(path, replace, 0, raw_stdout())
    }

    fn with_buffer(path: Option<&Path>, replace: bool, buffer: usize, stdout: Box<dyn Write>) -> CliResult<Self> {
        Ok(match path {
            Some(path) => Sink::File(BufWriter::with_capacity(
                buffer,
                AtomicFile::create(path, replace, PRIVATE)?,
            )),
            None => Sink::Stdout(BufWriter::with_capacity(buffer, stdout)),
        })
    }

    /// What to call it in messages.
    pub fn name(&self) -> String {
        match self {
            Sink::File(file) => file.get_ref().path().display().to_string(),
            Sink::Stdout(_) => "standard output".to_owned(),
        }
    }

    /// Flushes, and renames a file into place.
    pub fn commit(self) -> CliResult<()> {
        match self {
            Sink::File(file) => {
                let path = file.get_ref().path().to_owned();
                file.into_inner()
                    .map_err(|e| CliError::unwritable(&path, e.error()))?
                    .commit()
            }
            Sink::Stdout(mut out) => out.flush().map_err(|e| CliError::write_failed("standard output", &e)),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::File(f) => f.write(buf),
            Sink::Stdout(o) => o.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::File(f) => f.flush(),
            Sink::Stdout(o) => o.flush(),
        }
    }
}

/// Standard output as a file of its own descriptor's duplicate (unix), written without any buffering; standard
/// output itself elsewhere, or if the descriptor cannot be duplicated.
fn raw_stdout() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(File::from(fd));
        }
    }
    Box::new(io::stdout().lock())
}

/// Writes `bytes` to `path` atomically (replacing it), with permissions `mode` (unix, less the umask).
pub fn replace_file(path: &Path, bytes: &[u8], mode: u32) -> CliResult<()> {
    let mut file = AtomicFile::create(path, true, mode)?;
    file.write_all(bytes).map_err(|e| CliError::unwritable(path, &e))?;
    file.commit()
}

/// The root secret: from `--root-key-file` (or `CESIZEN_ROOT_KEY_FILE`), else from `CESIZEN_ROOT_KEY`.
pub fn root_secret(args: &RootKeyArgs) -> CliResult<RootSecret> {
    let (text, source) = match &args.root_key_file {
        Some(path) => {
            check_owner_only(path)?;
            (Zeroizing::new(read_text(path)?), path.display().to_string())
        }
        None => match std::env::var(ROOT_KEY_VAR) {
            Ok(text) => (Zeroizing::new(text), ROOT_KEY_VAR.to_owned()),
            Err(_) => {
                return Err(CliError::usage("cli.root_key.missing", "no root secret given").hint(format!(
                    "pass --root-key-file FILE (or set CESIZEN_ROOT_KEY_FILE), or set {ROOT_KEY_VAR} to the secret's text"
                )));
            }
        },
    };
    RootSecret::from_text(&text).map_err(|e| {
        CliError::failed(
            e.code(),
            format!("the root secret in {source} is not 32 bytes of unpadded base64url"),
        )
        .hint("it is the 43-character text `cesizen keys init --create-root-key` wrote; check for a truncated copy")
    })
}

/// Refuses a root key file that others than its owner may read (as the reference server does).
fn check_owner_only(path: &Path) -> CliResult<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)
            .map_err(|e| CliError::unreadable(path, &e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(CliError::failed(
                "cli.root_key.too_open",
                format!(
                    "the root key file {} may be read by others than its owner",
                    path.display()
                ),
            )
            .hint(format!("chmod 600 {}", path.display())));
        }
    }
    Ok(())
}

/// Creates a new root key file (mode 0600) with a fresh secret; refuses an existing file.
pub fn create_root_key_file(path: &Path) -> CliResult<RootSecret> {
    let root = RootSecret::generate().map_err(|e| CliError::crypto(&e, "generating the root secret"))?;
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            CliError::failed("cli.file.exists", format!("{} already exists", path.display()))
                .hint("drop --create-root-key to use the existing root key, or choose another path")
        } else {
            CliError::unwritable(path, &e)
        }
    })?;
    let text = root.to_text();
    file.write_all(text.as_bytes())
        .and_then(|()| file.write_all(b"\n"))
        .and_then(|()| file.sync_all())
        .map_err(|e| CliError::unwritable(path, &e))?;
    Ok(root)
}

/// Opens the sealed keyring file a command rewrites; returns it with the root secret that opened it (to reseal
/// it after a change).
pub fn load_keyring(args: &KeyringArgs) -> CliResult<(Keyring, RootSecret)> {
    let root = root_secret(&args.root)?;
    let keyring = open_keyring_file(&args.keyring, &root)?;
    Ok((keyring, root))
}

/// Keys read to open or verify data, as their source gave them.
pub enum ReadKeys<'a> {
    /// From a keyring file.
    File {
        /// The file.
        path: &'a Path,
        /// Its keyring.
        keyring: Keyring,
    },
    /// From a key custody directory: every version it holds, the ids missing below the newest destroyed.
    Custody {
        /// The directory.
        dir: &'a Path,
        /// The keyring the records make (the newest version primary; message counts are not kept there).
        keyring: Keyring,
        /// When each version held was created and retired.
        history: KekHistory,
    },
}

impl ReadKeys<'_> {
    /// The keyring, whatever the source.
    pub fn keyring(&self) -> &Keyring {
        match self {
            ReadKeys::File { keyring, .. } | ReadKeys::Custody { keyring, .. } => keyring,
        }
    }
}

/// The keys of `--keyring FILE` or `--key-dir DIR`, opened with the root secret: the one way every reading
/// command gets its keyring.
pub fn read_keys(args: &KeySourceArgs) -> CliResult<ReadKeys<'_>> {
    let flags = &args.source;
    match (flags.keyring.as_deref(), flags.key_dir.as_deref()) {
        (Some(path), None) => Ok(ReadKeys::File {
            path,
            keyring: open_keyring_file(path, &root_secret(&args.root)?)?,
        }),
        (None, Some(dir)) => {
            let (keyring, history) = open_key_dir(dir, &root_secret(&args.root)?)?;
            Ok(ReadKeys::Custody { dir, keyring, history })
        }
        // clap refuses both and neither before any command runs; kept as a usage error all the same.
        _ => Err(CliError::usage(
            "cli.args.invalid",
            "give exactly one of --keyring FILE and --key-dir DIR",
        )
        .hint("--key-dir for a deployment's keys (the server's keys/ folder), --keyring for a keyring file")),
    }
}

fn open_keyring_file(path: &Path, root: &RootSecret) -> CliResult<Keyring> {
    let text = read_text(path)?;
    let envelope = Envelope::from_text(text.trim()).map_err(|_| {
        CliError::failed(
            "crypto.keyring.malformed",
            format!("{} is not a sealed keyring file", path.display()),
        )
        .hint("give the file `cesizen keys init` wrote (one line of base64url)")
    })?;
    Keyring::open(envelope.as_bytes(), root).map_err(|e| {
        let err = CliError::crypto(&e, &format!("opening the keyring {}", path.display()));
        match e {
            cesizen_crypto::Error::DecryptFailed => {
                err.hint("this root secret does not open this keyring (another root key, or an altered file)")
            }
            _ => err.hint("the keyring file is damaged: restore it from its last copy"),
        }
    })
}

/// Whether `name` is a custody record's file name, `kek-<digits>.key` (the server's `kek-00000001.key`).
fn is_record_name(name: &str) -> bool {
    name.strip_prefix("kek-")
        .and_then(|rest| rest.strip_suffix(".key"))
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// Opens the key custody directory `dir`: reads every `kek-<digits>.key` record (other files, such as the
/// server's `erasures.log` and its temporary files, are not records) and lets `cesizen-crypto` rebuild the
/// keyring and its history from them.
fn open_key_dir(dir: &Path, root: &RootSecret) -> CliResult<(Keyring, KekHistory)> {
    let unreadable = |what: &str, path: &Path, err: &io::Error| {
        CliError::failed(
            "cli.key_dir.unreadable",
            format!("cannot read the key {what} {}: {}", path.display(), io_reason(err)),
        )
        .hint("give the server's key directory (keys/ beside its root key file) and check its permissions")
    };
    let mut records = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| unreadable("directory", dir, &e))? {
        let entry = entry.map_err(|e| unreadable("directory", dir, &e))?;
        if !entry.file_name().to_str().is_some_and(is_record_name) {
            continue;
        }
        let path = entry.path();
        let text = fs::read_to_string(&path).map_err(|e| unreadable("record", &path, &e))?;
        let envelope = Envelope::from_text(text.trim()).map_err(|e| {
            CliError::crypto(&e, &format!("reading the key record {}", path.display()))
                .hint("this file is not a key custody record: restore the key directory from its custody copy")
        })?;
        records.push(envelope.into_bytes());
    }
    if records.is_empty() {
        return Err(CliError::failed(
            "cli.key_dir.empty",
            format!("the key directory {} holds no key record (kek-*.key)", dir.display()),
        )
        .hint("give the server's key directory: keys/ beside its root key file (or its CESIZEN_KEY_DIR)"));
    }
    Keyring::from_custody(&records, root).map_err(|e| {
        let err = CliError::crypto(&e, &format!("opening the key directory {}", dir.display()));
        match e {
            cesizen_crypto::Error::DecryptFailed => err.hint(
                "this root secret does not open these key records (another root key, or an altered or renamed record)",
            ),
            cesizen_crypto::Error::CustodyInvalid => err.hint(
                "the records contradict each other (a version twice, or creation times going back): restore the \
                 key directory from its custody copy",
            ),
            _ => err.hint("a key record is damaged: restore the key directory from its custody copy"),
        }
    })
}

/// Seals `keyring` under the root secret of `args` and writes it atomically.
pub fn save_keyring(args: &KeyringArgs, root: &RootSecret, keyring: &Keyring) -> CliResult<()> {
    let sealed = keyring
        .seal(root)
        .map_err(|e| CliError::crypto(&e, "sealing the keyring"))?;
    let envelope = Envelope::from_bytes(sealed).map_err(|e| CliError::crypto(&e, "sealing the keyring"))?;
    replace_file(&args.keyring, format!("{}\n", envelope.to_text()).as_bytes(), PRIVATE)
}

/// A CSV reader's error, with the file and line.
pub fn csv_error(path: &Path, err: &csv::Error) -> CliError {
    let at = err.position().map_or_else(
        || path.display().to_string(),
        |p| format!("{} line {}", path.display(), p.line()),
    );
    match err.kind() {
        csv::ErrorKind::Io(io) => CliError::unreadable(path, io),
        csv::ErrorKind::Utf8 { .. } => CliError::malformed(at, "not UTF-8 text"),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            CliError::malformed(at, format!("{len} fields where the header has {expected_len}"))
        }
        _ => CliError::malformed(at, "not valid CSV"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.bin");
        let mut file = AtomicFile::create(&path, false, PRIVATE).unwrap();
        file.write_all(b"half").unwrap();
        drop(file);
        assert!(!path.exists());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "the temporary file is removed"
        );
        let mut file = AtomicFile::create(&path, false, PRIVATE).unwrap();
        file.write_all(b"whole").unwrap();
        file.commit().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"whole");
        assert_eq!(
            AtomicFile::create(&path, false, PRIVATE).err().unwrap().code(),
            "cli.file.exists"
        );
    }
}
