//! A progress bar on standard error, drawn only when standard error is a terminal.
//!
//! Long work (a backup of gigabytes, a retention sweep over millions of rows) shows bytes done, the rate and,
//! when the input's size is known, a bar and the time left. In a pipe or a cron job nothing is drawn, so logs
//! stay clean. Hand-written rather than a dependency: one line, redrawn at most ten times a second.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::time::{Duration, Instant};

const REDRAW_EVERY: Duration = Duration::from_millis(100);
const BAR_WIDTH: u64 = 24;

/// Progress of one piece of work, measured in bytes.
pub struct Progress {
    bar: Option<Bar>,
}

struct Bar {
    label: &'static str,
    total: Option<u64>,
    done: u64,
    started: Instant,
    drawn_at: Option<Instant>,
}

impl Progress {
    /// A progress bar for `label` over `total` bytes (when known); drawn only if `wanted` and standard error is a
    /// terminal.
    pub fn new(label: &'static str, total: Option<u64>, wanted: bool) -> Self {
        let shown = wanted && io::stderr().is_terminal();
        Self {
            bar: shown.then(|| Bar {
                label,
                total: total.filter(|t| *t > 0),
                done: 0,
                started: Instant::now(),
                drawn_at: None,
            }),
        }
    }

    /// Counts `n` more bytes done.
    pub fn advance(&mut self, n: u64) {
        if let Some(bar) = &mut self.bar {
            bar.done = bar.done.saturating_add(n);
            let now = Instant::now();
            if bar.drawn_at.is_none_or(|at| now.duration_since(at) >= REDRAW_EVERY) {
                bar.drawn_at = Some(now);
                bar.draw(false);
            }
        }
    }

    /// Draws the final state and ends the line.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.draw(true);
        }
    }

    /// Ends the line without a final state, so that an error message starts on a line of its own.
    pub fn abandon(&mut self) {
        if self.bar.take().is_some_and(|bar| bar.drawn_at.is_some()) {
            let _ = writeln!(io::stderr());
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.abandon();
    }
}

impl Bar {
    fn draw(&self, last: bool) {
        let elapsed = self.started.elapsed().as_secs_f64();
        let rate = if elapsed > 0.0 { self.done as f64 / elapsed } else { 0.0 };
        let mut line = format!("{:<10}", self.label);
        if let Some(total) = self.total {
            let done = self.done.min(total);
            let filled = done * BAR_WIDTH / total;
            line.push_str(&format!(
                " [{}{}] {:>3}%  {} / {}",
                "#".repeat(usize::try_from(filled).unwrap_or(0)),
                "-".repeat(usize::try_from(BAR_WIDTH - filled).unwrap_or(0)),
                done * 100 / total,
                bytes(done),
                bytes(total)
            ));
        } else {
            line.push_str(&format!(" {}", bytes(self.done)));
        }
        line.push_str(&format!("  {}/s", bytes(rate as u64)));
        if let Some(total) = self.total
            && !last
            && rate > 0.0
        {
            let left = total.saturating_sub(self.done) as f64 / rate;
            line.push_str(&format!("  ETA {}", duration(left as u64)));
        }
        if last {
            line.push_str(&format!("  in {}", duration(elapsed as u64)));
        }
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        if last {
            let _ = writeln!(err);
        }
        let _ = err.flush();
    }
}

/// A reader that reports the bytes it reads to a [`Progress`].
pub struct CountingReader<R> {
    inner: R,
    progress: Progress,
}

impl<R: Read> CountingReader<R> {
    /// Wraps `inner`.
    pub fn new(inner: R, progress: Progress) -> Self {
        Self { inner, progress }
    }

    /// The progress, to finish or abandon it.
    pub fn progress(&mut self) -> &mut Progress {
        &mut self.progress
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.advance(n as u64);
        Ok(n)
    }
}

/// Through a buffered reader, the bytes count when consumed.
impl<R: BufRead> BufRead for CountingReader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.progress.advance(amount as u64);
    }
}

/// `1.50 GiB`, `512 B`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.2} {}", UNITS[unit])
    }
}

/// `1h02m`, `4m05s`, `12s`.
pub fn duration(secs: u64) -> String {
    match (secs / 3600, secs % 3600 / 60, secs % 60) {
        (0, 0, s) => format!("{s}s"),
        (0, m, s) => format!("{m}m{s:02}s"),
        (h, m, _) => format!("{h}h{m:02}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations_read_well() {
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(1536), "1.50 KiB");
        assert_eq!(bytes(3 * 1024 * 1024 * 1024), "3.00 GiB");
        assert_eq!(duration(12), "12s");
        assert_eq!(duration(245), "4m05s");
        assert_eq!(duration(3720), "1h02m");
    }

    #[test]
    fn a_hidden_bar_still_counts_through_the_reader() {
        let mut reader = CountingReader::new(&b"hello"[..], Progress::new("test", Some(5), false));
        let mut out = Vec::new();
        reader.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"hello");
        reader.progress().finish();
    }
}
