//! `cesizen backup`: the streaming backup format of `cesizen-crypto` between pipes and files.
//!
//! Memory stays constant whatever the size: a few read-ahead buffers here ([`crate::read_ahead`]: the input is
//! read on a second thread while this one seals or opens), one 64 KiB segment in the crate's stream adapters. The format's guarantees are the crate's (every segment authenticated before it is released,
//! truncation, reordering and splicing detected); this module adds the operator's side of them:
//!
//! - an output **file** is written aside and renamed into place only after the whole stream went through, so
//!   a failed `open` leaves no half-restored file (the crate's advice: restore into a staging place and commit
//!   at end-of-file);
//! - on standard output that is impossible, so a failure says that what was written must be discarded, and the
//!   exit code (1) lets `set -o pipefail` scripts stop;
//! - `verify` reads the whole stream and discards the plaintext: the monthly restore test in one command.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::Path;

use cesizen_crypto::{Keyring, StreamReader};
use serde_json::json;

use crate::cli::{BackupCommand, KeySourceArgs, KeyringArgs, StreamFiles};
use crate::error::{CliError, CliResult};
use crate::files::{self, Sink};
use crate::output::emit;
use crate::progress::{CountingReader, Progress, bytes};
use crate::read_ahead::{CHUNK, ReadAhead};

/// Runs a `backup` command.
pub fn run(command: BackupCommand) -> CliResult<()> {
    match command {
        BackupCommand::Seal { keyring, files } => seal(&keyring, &files),
        BackupCommand::Open { keys, files } => open(&keys, &files),
        BackupCommand::Verify {
            keys,
            input,
            no_progress,
            output,
        } => verify(&keys, input.as_deref(), no_progress, output.json),
    }
}

fn seal(keyring: &KeyringArgs, files: &StreamFiles) -> CliResult<()> {
    if files.output.is_none() && io::stdout().is_terminal() {
        return Err(CliError::usage(
            "cli.output.terminal",
            "refusing to write an encrypted backup to the terminal",
        )
        .hint("redirect standard output (> db.cze) or pass --output FILE"));
    }
    let (ring, _) = files::load_keyring(keyring)?;
    let (input, size) = read_ahead(files.input.as_deref())?;
    let mut input = CountingReader::new(input, Progress::new("sealing", size, !files.no_progress));
    let sink = Sink::open_unbuffered(files.output.as_deref(), files.force)?;
    let name = sink.name();
    let mut writer = ring
        .stream_writer(sink)
        .map_err(|e| CliError::crypto(&e, "starting the backup"))?;
    // The writer takes the read-ahead buffers as they are: whole segments are sealed from them, no copy here.
    loop {
        let chunk = input.fill_buf().map_err(|e| read_failed(files.input.as_deref(), &e))?;
        if chunk.is_empty() {
            break;
        }
        writer.write_all(chunk).map_err(|e| CliError::write_failed(&name, &e))?;
        let n = chunk.len();
        input.consume(n);
    }
    let sink = writer.finish().map_err(|e| CliError::write_failed(&name, &e))?;
    sink.commit()?;
    input.progress().finish();
    Ok(())
}

fn open(keys: &KeySourceArgs, files: &StreamFiles) -> CliResult<()> {
    let keys = files::read_keys(keys)?;
    let ring = keys.keyring();
    let (input, size) = read_ahead(files.input.as_deref())?;
    let mut input = CountingReader::new(input, Progress::new("opening", size, !files.no_progress));
    let mut sink = Sink::open_unbuffered(files.output.as_deref(), files.force)?;
    let name = sink.name();
    let on_stdout = files.output.is_none();
    let copied = {
        let mut reader = stream_reader(ring, &mut input, files.input.as_deref())?;
        pump(&mut reader, &mut sink, &name, |e| {
            let err = stream_failed(files.input.as_deref(), &e);
            if on_stdout {
                err.hint("the restore written to standard output is incomplete or untrustworthy: discard it")
            } else {
                err
            }
        })
    };
    copied?;
    sink.commit()?;
    input.progress().finish();
    Ok(())
}

fn verify(keys: &KeySourceArgs, path: Option<&Path>, no_progress: bool, json: bool) -> CliResult<()> {
    let keys = files::read_keys(keys)?;
    let ring = keys.keyring();
    let (input, size) = read_ahead(path)?;
    let mut input = CountingReader::new(input, Progress::new("verifying", size, !no_progress));
    let (key_id, plaintext) = {
        let mut reader = stream_reader(ring, &mut input, path)?;
        let key_id = reader.key_id();
        let n = pump(&mut reader, &mut io::sink(), "nowhere", |e| stream_failed(path, &e))?;
        (key_id, n)
    };
    input.progress().finish();
    let value = json!({
        "ok": true,
        "keyId": key_id.get(),
        "plaintextBytes": plaintext,
    });
    emit(json, &value, || {
        format!(
            "ok: {} sealed under key {key_id}, every segment authenticated and the end is intact\n",
            bytes(plaintext)
        )
    })
}

/// The input (`path`, or standard input), read ahead on a second thread; with its size when known.
fn read_ahead(path: Option<&Path>) -> CliResult<(ReadAhead, Option<u64>)> {
    let (input, size) = files::open_stream_input(path)?;
    let input = ReadAhead::spawn(input).map_err(|e| read_failed(path, &e))?;
    Ok((input, size))
}

/// Reads the header and finds the key, with the operator's reading of each refusal.
fn stream_reader<'r, R: Read>(
    ring: &Keyring,
    input: &'r mut R,
    path: Option<&Path>,
) -> CliResult<StreamReader<&'r mut R>> {
    let what = format!("opening the backup {}", shown(path));
    ring.stream_reader(input).map_err(|e| {
        let err = CliError::crypto(&e, &what);
        match e {
            cesizen_crypto::Error::StreamMalformed | cesizen_crypto::Error::VersionUnsupported(_) => {
                err.hint("this is not a Cesizen backup (or it is empty): check the file")
            }
            cesizen_crypto::Error::KeyNotFound(_) => err.hint(
                "the backup was sealed under a key this keyring does not hold: use the keyring that sealed it (or the \
                 key directory of the deployment that took it)",
            ),
            cesizen_crypto::Error::KeyDisabled(id) => err.hint(format!(
                "key {id} is disabled; re-enable it to restore, or use a newer backup"
            )),
            cesizen_crypto::Error::KeyDestroyed(_) => {
                err.hint("the key that sealed this backup was destroyed: the backup can never be opened")
            }
            cesizen_crypto::Error::Io(io) => read_failed(path, &io),
            _ => err,
        }
    })
}

/// Copies `input` to `output` in chunks; returns the bytes copied. The chunks are large enough for the stream
/// reader to decrypt straight into them.
fn pump(
    input: &mut impl Read,
    output: &mut impl Write,
    output_name: &str,
    read_error: impl Fn(io::Error) -> CliError,
) -> CliResult<u64> {
    let mut buf = vec![0u8; CHUNK];
    let mut total = 0u64;
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(read_error(e)),
        };
        output
            .write_all(&buf[..n])
            .map_err(|e| CliError::write_failed(output_name, &e))?;
        total += n as u64;
    }
}

/// A failure while reading a backup stream: the crate's refusal, or the input's own I/O error.
fn stream_failed(path: Option<&Path>, err: &io::Error) -> CliError {
    match cesizen_crypto::Error::from_io(err) {
        Some(crate_err) => CliError::crypto(crate_err, &format!("reading the backup {}", shown(path))).hint(
            "the backup was altered or cut short, or it was sealed under another keyring with the same key id; \
             nothing it yielded can be trusted",
        ),
        None => read_failed(path, err),
    }
}

fn read_failed(path: Option<&Path>, err: &io::Error) -> CliError {
    match path {
        Some(path) => CliError::unreadable(path, err),
        None => CliError::failed("cli.input.failed", format!("cannot read standard input: {err}")),
    }
}

fn shown(path: Option<&Path>) -> String {
    path.map_or_else(|| "on standard input".to_owned(), |p| p.display().to_string())
}
