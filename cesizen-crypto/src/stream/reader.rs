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
///
/// A read into a buffer that can hold a whole sealed segment and one more byte
/// ([`SEGMENT_CIPHERTEXT_LEN`](crate::stream::SEGMENT_CIPHERTEXT_LEN) + 1 bytes or more) takes the segment straight
/// from the inner reader and decrypts it in place there, with no copy (read 256 KiB at a time for the best
/// throughput); the bytes of the buffer past the count returned are then left holding ciphertext.
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

    /// Reads, authenticates and decrypts the next segment. When `out` can hold a whole sealed segment and the
    /// look-ahead byte, the segment is read straight into it and decrypted in place there, with no copy at all;
    /// otherwise it is gathered in the reader's buffer and decrypted into `out` if the plaintext fits, in place
    /// to be handed out by later reads if not. An I/O error keeps what was gathered (in the reader's buffer),
    /// so a retry (after `WouldBlock` or `Interrupted`) resumes where it stopped.
    fn next_segment(&mut self, out: &mut [u8]) -> io::Result<Landing> {
        const WINDOW: usize = SEGMENT_CIPHERTEXT_LEN + 1;
        let direct = self.filled == 0 && out.len() >= WINDOW;
        let into: &mut [u8] = if direct { &mut out[..WINDOW] } else { &mut self.buf };
        let mut filled = self.filled;
        if let Some(byte) = self.carry.take() {
            into[0] = byte;
            filled = 1;
        }
        let (filled, gathered) = gather(&mut self.inner, into, filled);
        if let Err(err) = gathered {
            if direct {
                self.buf[..filled].copy_from_slice(&out[..filled]);
            }
            self.filled = filled;
            return Err(err);
        }
        self.filled = 0;
        let last = filled <= SEGMENT_CIPHERTEXT_LEN;
        let sealed_len = filled.min(SEGMENT_CIPHERTEXT_LEN);
        if !last {
            let sealed: &[u8] = if direct { out } else { &self.buf };
            self.carry = Some(sealed[SEGMENT_CIPHERTEXT_LEN]);
        }
        let opened = if direct {
            self.open_in_caller(sealed_len, last, out)
        } else {
            self.open_buffered(sealed_len, last, out)
        };
        match opened {
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

    /// Opens the segment of `sealed_len` bytes gathered at the start of `out`, in place.
    fn open_in_caller(&mut self, sealed_len: usize, last: bool, out: &mut [u8]) -> Result<Landing> {
        let plain_len = sealed_len.checked_sub(TAG_LEN).ok_or(Error::DecryptFailed)?;
        let (body, rest) = out.split_at_mut(plain_len);
        let tag: [u8; TAG_LEN] = rest[..TAG_LEN].try_into().map_err(|_| Error::DecryptFailed)?;
        self.cipher
            .open_in_place(&self.header.nonce(self.segment, last), &[], body, &tag)?;
        self.advance(last)?;
        Ok(Landing::Caller(plain_len))
    }

    /// Opens the segment of `sealed_len` bytes gathered in the reader's buffer: into `out` when the plaintext
    /// fits, in place otherwise.
    fn open_buffered(&mut self, sealed_len: usize, last: bool, out: &mut [u8]) -> Result<Landing> {
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
        self.advance(last)?;
        Ok(landing)
    }

    /// Moves to the next segment after a non-last one.
    fn advance(&mut self, last: bool) -> Result<()> {
        if !last {
            self.segment = self.segment.checked_add(1).ok_or(Error::StreamTooLong)?;
        }
        Ok(())
    }
}

/// Reads from `inner` into `into[filled..]` until it is full or the input ends. Returns the bytes now in `into`,
/// with the I/O error that stopped it, if any.
fn gather(inner: &mut impl Read, into: &mut [u8], mut filled: usize) -> (usize, io::Result<()>) {
    while filled < into.len() {
        match inner.read(&mut into[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return (filled, Err(err)),
        }
    }
    (filled, Ok(()))
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
