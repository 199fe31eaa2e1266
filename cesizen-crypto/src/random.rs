//! Randomness.
//!
//! - **Keys** (data keys, keyring keys, root and pseudonymisation secrets) come straight from the operating
//!   system's CSPRNG (`getrandom`): they are rare and must be unpredictable.
//! - **Nonces and other public random values** (salts, nonce prefixes, data key ids) come from a userspace
//!   ChaCha20 generator per thread, seeded from the OS and reseeded every [`RESEED_AFTER`] draws. Sealing a
//!   journal field therefore costs no system call, and nonces stay unique with overwhelming probability: AES-GCM
//!   needs nonces that never repeat, not secret ones, and a ChaCha20 stream seeded with 256 OS bits repeats a
//!   96-bit value with the same odds as the OS itself.
//!
//! The generator's state is not secret material: it can reveal future nonces, which are public anyway, and
//! nothing about keys. One caveat: a process that `fork`s after it has drawn nonces shares the generator's state
//! with its child; the two would then draw the same nonces. Rust servers do not fork (they use threads); a
//! program that does must not seal in both parent and child without re-creating its threads.

use core::cell::RefCell;

use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use zeroize::Zeroize;

use crate::{Error, Result};

/// Draws taken from one seed before the generator reseeds from the OS.
pub(crate) const RESEED_AFTER: u32 = 1 << 20;

struct NonceGenerator {
    rng: ChaCha20Rng,
    draws_left: u32,
}

impl NonceGenerator {
    fn seeded() -> Result<Self> {
        let mut seed = [0u8; 32];
        os_fill(&mut seed)?;
        let rng = ChaCha20Rng::from_seed(seed);
        seed.zeroize();
        Ok(Self {
            rng,
            draws_left: RESEED_AFTER,
        })
    }
}

std::thread_local! {
    static GENERATOR: RefCell<Option<NonceGenerator>> = const { RefCell::new(None) };
}

/// Fills `buf` from the operating system's CSPRNG.
pub(crate) fn os_fill(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|_| Error::RandomUnavailable)
}

/// Fills `buf` with public random bytes (nonces, salts, ids) from the thread's userspace generator.
pub(crate) fn public_fill(buf: &mut [u8]) -> Result<()> {
    let drawn = GENERATOR.try_with(|cell| {
        // The borrow cannot fail (nothing here re-enters), but a failure must not panic: fall back to the OS.
        let Ok(mut slot) = cell.try_borrow_mut() else {
            return os_fill(buf);
        };
        let generator = match slot.as_mut() {
            Some(generator) if generator.draws_left > 0 => generator,
            _ => slot.insert(NonceGenerator::seeded()?),
        };
        generator.draws_left -= 1;
        generator.rng.fill_bytes(buf);
        Ok(())
    });
    // The thread-local is gone only while the thread is being torn down: the OS still answers.
    drawn.unwrap_or_else(|_| os_fill(buf))
}

/// A fresh array of public random bytes.
pub(crate) fn public_array<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    public_fill(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn nonces_do_not_repeat_across_a_reseed() {
        let draws = RESEED_AFTER as usize + 1000;
        let mut seen = HashSet::with_capacity(draws);
        for _ in 0..draws {
            let nonce: [u8; 12] = public_array().expect("random");
            assert!(seen.insert(nonce), "a nonce repeated");
        }
    }

    #[test]
    fn threads_draw_different_streams() {
        let here: [u8; 16] = public_array().expect("random");
        let there: [u8; 16] = std::thread::spawn(|| public_array().expect("random"))
            .join()
            .expect("thread");
        assert_ne!(here, there);
    }
}
