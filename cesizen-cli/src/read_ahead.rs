//! Reading an input on a second thread while the first one encrypts or decrypts what was already read.
//!
//! A backup moves a gigabyte through two steps of about the same cost on one core: the kernel's copy out of the
//! page cache (or a pipe) and AES-GCM. Done one after the other, each waits for the other; with the read on a
//! helper thread they overlap, and a two-core machine seals or opens about twice as fast. Memory stays bounded:
//! [`CHUNKS`] buffers of [`CHUNK`] bytes go round between the two threads and are reused, never reallocated.
//!
//! The helper thread is not joined: if the main thread stops early (a refused backup) while the helper waits on
//! a terminal or a pipe, the process still exits. It ends by itself at end-of-input, at its first read error
//! (handed over in order, after the data read before it), or when the [`ReadAhead`] is dropped.

use std::io::{self, BufRead, Read};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread;

/// Bytes per buffer: a multiple of the backup segment (64 KiB), so that whole segments are sealed straight from it.
pub const CHUNK: usize = 256 * 1024;
/// Buffers in circulation: one being read into, the others ready or being consumed.
pub const CHUNKS: usize = 4;

/// What the helper thread hands over: a filled buffer (empty at end-of-input) or the read error.
type Filled = io::Result<Vec<u8>>;

/// The consuming half: a [`BufRead`] whose buffers were filled by the helper thread.
pub struct ReadAhead {
    filled: Receiver<Filled>,
    spent: Sender<Vec<u8>>,
    current: Vec<u8>,
    position: usize,
    ended: bool,
}

impl ReadAhead {
    /// Starts reading `input` on a helper thread.
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub fn spawn(input: Box<dyn Read + Send>) -> io::Result<Self> {
        let (filled_tx, filled) = mpsc::sync_channel(CHUNKS - 1);
        let (spent, spent_rx) = mpsc::channel();
        thread::Builder::new()
            .name("read-ahead".to_owned())
            .spawn(move || read_loop(input, &filled_tx, &spent_rx))?;
        Ok(Self {
            filled,
            spent,
            current: Vec::new(),
            position: 0,
            ended: false,
        })
    }
}

/// The helper thread: fills buffers (recycled from the consumer, at most [`CHUNKS`] of them) and sends them in
/// order until end-of-input, an error, or the consumer's departure.
fn read_loop(mut input: Box<dyn Read + Send>, filled: &SyncSender<Filled>, spent: &Receiver<Vec<u8>>) {
    let mut allocated = 0;
    loop {
        let mut buf = match spent.try_recv() {
            Ok(buf) => buf,
            Err(_) if allocated < CHUNKS => {
                allocated += 1;
                vec![0; CHUNK]
            }
            Err(_) => match spent.recv() {
                Ok(buf) => buf,
                Err(_) => return, // the consumer is gone
            },
        };
        buf.resize(CHUNK, 0);
        let mut len = 0;
        let result = loop {
            match input.read(&mut buf[len..]) {
                Ok(0) => break Ok(()),
                Ok(n) => {
                    len += n;
                    if len == CHUNK {
                        break Ok(());
                    }
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => break Err(err),
            }
        };
        buf.truncate(len);
        let at_end = len < CHUNK;
        // Data read before an error goes first, so the consumer sees every byte the input gave.
        if (len > 0 || result.is_ok()) && filled.send(Ok(buf)).is_err() {
            return;
        }
        if let Err(err) = result {
            let _ = filled.send(Err(err));
            return;
        }
        if at_end {
            return;
        }
    }
}

impl BufRead for ReadAhead {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.position == self.current.len() && !self.ended {
            let next = match self.filled.recv() {
                Ok(next) => next?,
                // The helper stopped after sending its last buffer or error: nothing more will come.
                Err(_) => Vec::new(),
            };
            self.ended = next.is_empty();
            let spent = std::mem::replace(&mut self.current, next);
            if spent.capacity() > 0 {
                let _ = self.spent.send(spent);
            }
            self.position = 0;
        }
        Ok(&self.current[self.position..])
    }

    fn consume(&mut self, amount: usize) {
        self.position = (self.position + amount).min(self.current.len());
    }
}

impl Read for ReadAhead {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives `data` in reads of at most `step` bytes, then `error` if any.
    struct Trickle {
        data: Vec<u8>,
        at: usize,
        step: usize,
        error: Option<io::ErrorKind>,
    }

    impl Read for Trickle {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if self.at == self.data.len() {
                return match self.error.take() {
                    Some(kind) => Err(io::Error::new(kind, "broken input")),
                    None => Ok(0),
                };
            }
            let n = out.len().min(self.step).min(self.data.len() - self.at);
            out[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn data(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i % 251) as u8).collect()
    }

    #[test]
    fn hands_over_every_byte_in_order_across_many_recycled_buffers() {
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, CHUNK * CHUNKS * 3 + 12_345] {
            let input = Trickle {
                data: data(len),
                at: 0,
                step: 100_000,
                error: None,
            };
            let mut out = Vec::new();
            ReadAhead::spawn(Box::new(input))
                .expect("thread")
                .read_to_end(&mut out)
                .expect("read");
            assert_eq!(out, data(len), "length {len}");
        }
    }

    #[test]
    fn an_error_comes_after_the_data_read_before_it_and_ends_the_input() {
        let input = Trickle {
            data: data(CHUNK + 10),
            at: 0,
            step: 4096,
            error: Some(io::ErrorKind::PermissionDenied),
        };
        let mut reader = ReadAhead::spawn(Box::new(input)).expect("thread");
        let mut out = Vec::new();
        let err = reader.read_to_end(&mut out).expect_err("the input failed");
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(out, data(CHUNK + 10));
        assert_eq!(reader.fill_buf().expect("ended").len(), 0);
    }
}
