//! The decrypting half: a `std::io::Read` adapter in constant memory.

use core::ops::Range;
use std::io::{self, Read};

use super::{Header, SEGMENT_CIPHERTEXT_LEN, STREAM_HEADER_LEN};
use crate::cipher::{Cipher, TAG_LEN};
use crate::secret::SecretBytes;
use crate::{Error, KeyId, Plaintext, Result};

/// Where a decrypted segment went.
enum Landing {
    /// Straight into the caller's buffer, this many bytes.
    Caller(usize),
    /// Into the reader's buffer, handed out by later reads.
    Buffer,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Reading,
    Done,
    Failed,
}

/// Decrypts a backup stream (format in [`crate::stream`]) read from the inner reader. Memory stays at one
/// segment (64 KiB) whatever the stream size.
///
/// Every segment is authenticated before any of its bytes is returned. A modified, truncated, reordered,
/// duplicated or spliced stream makes `read` fail with an `std::io::Error` of kind `InvalidData` carrying
/// [`Error::DecryptFailed`] (see [`Error::from_io`]); the reader then refuses to go on.
pub struct StreamReader<R: Read> {
    inner: R,
    header: Header,
    cipher: Cipher,
    /// Index of the segment being read.
    segment: u32,
    /// One sealed segment plus one byte of look-ahead (to know whether the segment is the last).
    buf: Plaintext,
    /// Ciphertext bytes gathered for the current segment.
    filled: usize,
    /// The look-ahead byte, first byte of the next segment.
    carry: Option<u8>,
    /// Decrypted bytes not yet handed out.
    plain: Range<usize>,
    state: State,
}

impl<R: Read> StreamReader<R> {
    /// Reads the header and asks `key_for` for the secret of the keyring key it names.
    pub(crate) fn new<'k>(mut inner: R, key_for: impl FnOnce(KeyId) -> Result<&'k SecretBytes>) -> Result<Self> {
        let mut header = [0u8; STREAM_HEADER_LEN];
        inner.read_exact(&mut header).map_err(|err| match err.kind() {
            io::ErrorKind::UnexpectedEof => Error::StreamMalformed,
            _ => Error::Io(err),
        })?;
        let header = Header::parse(&header)?;
        let cipher = header.cipher(key_for(header.key_id)?);
        Ok(Self {
            inner,
            header,
            cipher,
            segment: 0,
            buf: Plaintext::new(vec![0; SEGMENT_CIPHERTEXT_LEN + 1]),
            filled: 0,
            carry: None,
            plain: 0..0,
            state: State::Reading,
        })
    }

    /// The id of the keyring key the stream is sealed under.
    pub fn key_id(&self) -> KeyId {
        self.header.key_id
    }

    /// Gathers the next segment and one look-ahead byte. An I/O error keeps what was gathered, so a retry
    /// (after `WouldBlock` or `Interrupted`) resumes where it stopped.
    fn gather(&mut self) -> io::Result<()> {
        while self.filled < self.buf.len() {
            match self.inner.read(&mut self.buf[self.filled..]) {
                Ok(0) => break,
                Ok(n) => self.filled += n,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        Ok(())
    }

    /// Reads, authenticates and decrypts the next segment: into `out` when it has room for the whole plaintext
    /// (no copy), into the reader's buffer otherwise.
    fn next_segment(&mut self, out: &mut [u8]) -> io::Result<Landing> {
        if let Some(byte) = self.carry.take() {
            self.buf[0] = byte;
            self.filled = 1;
        }
        self.gather()?;
        let last = self.filled <= SEGMENT_CIPHERTEXT_LEN;
        let sealed_len = self.filled.min(SEGMENT_CIPHERTEXT_LEN);
        self.filled = 0;
        if !last {
            self.carry = Some(self.buf[SEGMENT_CIPHERTEXT_LEN]);
        }
        match self.open_segment(sealed_len, last, out) {
            Ok(landing) => {
                self.state = if last { State::Done } else { State::Reading };
                Ok(landing)
            }
            Err(err) => {
                self.state = State::Failed;
                Err(err.into())
            }
        }
    }

    fn open_segment(&mut self, sealed_len: usize, last: bool, out: &mut [u8]) -> Result<Landing> {
        let plain_len = sealed_len.checked_sub(TAG_LEN).ok_or(Error::DecryptFailed)?;
        let nonce = self.header.nonce(self.segment, last);
        let (body, rest) = self.buf.split_at_mut(plain_len);
        let tag: &[u8; TAG_LEN] = rest[..TAG_LEN].try_into().map_err(|_| Error::DecryptFailed)?;
        let landing = if out.len() >= plain_len {
            self.cipher.open_into(&nonce, &[], body, &mut out[..plain_len], tag)?;
            Landing::Caller(plain_len)
        } else {
            self.cipher.open_in_place(&nonce, &[], body, tag)?;
            self.plain = 0..plain_len;
            Landing::Buffer
        };
        if !last {
            self.segment = self.segment.checked_add(1).ok_or(Error::StreamTooLong)?;
        }
        Ok(landing)
    }
}

impl<R: Read> Read for StreamReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            if !self.plain.is_empty() {
                let n = out.len().min(self.plain.len());
                let start = self.plain.start;
                out[..n].copy_from_slice(&self.buf[start..start + n]);
                self.plain.start += n;
                return Ok(n);
            }
            match self.state {
                State::Done => return Ok(0),
                State::Failed => return Err(Error::DecryptFailed.into()),
                State::Reading => {
                    if let Landing::Caller(n) = self.next_segment(out)? {
                        return Ok(n);
                    }
                }
            }
        }
    }
}
