//! The encrypting half: a `std::io::Write` adapter in constant memory.

use std::io::{self, Write};

use super::{Header, NONCE_PREFIX_LEN, SALT_LEN, SEGMENT_CIPHERTEXT_LEN, SEGMENT_LEN, STREAM_HEADER_LEN};
use crate::cipher::{Cipher, TAG_LEN};
use crate::secret::SecretBytes;
use crate::{Error, KeyId, Plaintext};

/// Encrypts everything written to it into a backup stream (format in [`crate::stream`]) and writes that to the
/// inner writer. Memory stays at one segment (64 KiB) whatever the input size.
///
/// Call [`StreamWriter::finish`] at the end: it seals the last segment. A writer dropped without `finish`
/// leaves a stream that fails to decrypt as truncated, which is what a backup interrupted by a crash should do.
///
/// ```
/// use std::io::{Read, Write};
/// use cesizen_crypto::Keyring;
/// let keyring = Keyring::generate()?;
/// let mut writer = keyring.stream_writer(Vec::new())?;
/// writer.write_all(b"pg_dump output, gigabytes of it")?;
/// let backup = writer.finish()?;
///
/// let mut restored = Vec::new();
/// keyring.stream_reader(&backup[..])?.read_to_end(&mut restored)?;
/// assert_eq!(restored, b"pg_dump output, gigabytes of it");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct StreamWriter<W: Write> {
    inner: W,
    header: Header,
    cipher: Cipher,
    /// Header bytes not yet written (written with the first segment).
    pending_header: Option<[u8; STREAM_HEADER_LEN]>,
    /// Index of the next segment.
    segment: u32,
    /// Plaintext waiting to be sealed in `buf[..filled]`; the rest of `buf` is room for the sealed form.
    buf: Plaintext,
    filled: usize,
    failed: bool,
}

impl<W: Write> StreamWriter<W> {
    pub(crate) fn new(
        key_id: KeyId,
        kek: &SecretBytes,
        salt: [u8; SALT_LEN],
        prefix: [u8; NONCE_PREFIX_LEN],
        inner: W,
    ) -> Self {
        let header = Header::new(key_id, salt, prefix);
        Self {
            inner,
            cipher: header.cipher(kek),
            pending_header: Some(header.to_bytes()),
            header,
            segment: 0,
            buf: Plaintext::new(vec![0; SEGMENT_CIPHERTEXT_LEN]),
            filled: 0,
            failed: false,
        }
    }

    /// The id of the keyring key the stream is sealed under.
    pub fn key_id(&self) -> KeyId {
        self.header.key_id
    }

    /// Seals the last segment, flushes, and returns the inner writer.
    ///
    /// # Errors
    /// The inner writer's errors; an error wrapping [`Error::StreamTooLong`] past 2^32 segments.
    pub fn finish(mut self) -> io::Result<W> {
        self.guard()?;
        self.seal_buffered(true)?;
        self.inner.flush()?;
        Ok(self.inner)
    }

    fn guard(&self) -> io::Result<()> {
        if self.failed {
            Err(io::Error::other(
                "the stream writer failed earlier; the stream is incomplete",
            ))
        } else {
            Ok(())
        }
    }

    /// Runs `step`; any failure leaves the stream unusable (it may be half written).
    fn attempt<T>(&mut self, step: impl FnOnce(&mut Self) -> io::Result<T>) -> io::Result<T> {
        let result = step(self);
        self.failed |= result.is_err();
        result
    }

    fn next_nonce(&mut self, last: bool) -> io::Result<[u8; 12]> {
        let nonce = self.header.nonce(self.segment, last);
        if !last {
            // A non-last segment needs a successor; index 2^32 does not exist.
            self.segment = self.segment.checked_add(1).ok_or(Error::StreamTooLong)?;
        }
        Ok(nonce)
    }

    /// Seals `buf[..filled]` in place and writes it.
    fn seal_buffered(&mut self, last: bool) -> io::Result<()> {
        self.attempt(|this| {
            let nonce = this.next_nonce(last)?;
            let len = this.filled;
            let tag = this.cipher.seal_in_place(&nonce, &[], &mut this.buf[..len])?;
            this.buf[len..len + TAG_LEN].copy_from_slice(&tag);
            this.filled = 0;
            this.emit(len + TAG_LEN)
        })
    }

    /// Seals a full, non-last segment straight from the caller's slice into `buf` (no copy of the plaintext).
    fn seal_from(&mut self, segment: &[u8]) -> io::Result<()> {
        self.attempt(|this| {
            let nonce = this.next_nonce(false)?;
            let tag = this
                .cipher
                .seal_into(&nonce, &[], segment, &mut this.buf[..SEGMENT_LEN])?;
            this.buf[SEGMENT_LEN..].copy_from_slice(&tag);
            this.emit(SEGMENT_CIPHERTEXT_LEN)
        })
    }

    fn emit(&mut self, len: usize) -> io::Result<()> {
        if let Some(header) = self.pending_header.take() {
            self.inner.write_all(&header)?;
        }
        self.inner.write_all(&self.buf[..len])
    }
}

impl<W: Write> Write for StreamWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.guard()?;
        let mut rest = data;
        // A segment is sealed only once more data follows it: the last one must carry the "last" flag.
        if self.filled > 0 || rest.len() <= SEGMENT_LEN {
            let take = rest.len().min(SEGMENT_LEN - self.filled);
            self.buf[self.filled..self.filled + take].copy_from_slice(&rest[..take]);
            self.filled += take;
            rest = &rest[take..];
            if rest.is_empty() {
                return Ok(data.len());
            }
            self.seal_buffered(false)?;
        }
        while rest.len() > SEGMENT_LEN {
            let (segment, tail) = rest.split_at(SEGMENT_LEN);
            self.seal_from(segment)?;
            rest = tail;
        }
        self.buf[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
        Ok(data.len())
    }

    /// Flushes the inner writer. The segment being filled stays buffered: it is sealed once it is full and more
    /// data follows, or by [`StreamWriter::finish`].
    fn flush(&mut self) -> io::Result<()> {
        self.guard()?;
        self.inner.flush()
    }
}
