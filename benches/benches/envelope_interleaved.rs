//! Envelope seal/open of 256 B and 16 KiB against one raw `ring` call, interleaved: the two run in alternating
//! batches of about 40 µs, 400 times, and the ratio is taken of the medians (and of the minimums). On a shared
//! machine whose load moves during a criterion run, both sides of a ratio then see the same load; criterion's
//! `envelope` groups in `crypto.rs` remain the reference measurement.
//!
//! Two more references separate what the envelope pays for from its overhead: a raw seal that draws a fresh nonce
//! from ChaCha20 (as the SDK's nonce generator does; the raw call's fixed nonce is only valid once per key), and a
//! raw open that wipes its plaintext when dropped (as the SDK's `Plaintext` does).
//!
//! Run: `cargo bench -p cesizen-benches --bench envelope_interleaved`.

use std::hint::black_box;
use std::time::Instant;

use cesizen_crypto::{Context, Keyring};
use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use zeroize::Zeroize;

const USER: &str = "0190c0de-7e57-7000-8000-000000000001";
const RECORD: &str = "0190c0de-7e57-7000-8000-0000000000aa";
const ROUNDS: usize = 400;
const NONCE: [u8; 12] = [7; 12];

/// Nanoseconds per call of `f`, over `calls` calls.
fn per_call(calls: u32, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..calls {
        f();
    }
    start.elapsed().as_nanos() as f64 / f64::from(calls)
}

/// Minimum and median.
fn min_median(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2])
}

fn main() {
    let keyring = Keyring::generate().expect("keyring");
    let (key, _) = keyring.generate_data_key(USER).expect("data key");
    let ctx = Context::field(USER, RECORD, "note").expect("context");
    // The envelope's associated data: version, key id, then the context.
    let aad = [&[1u8, 0x12, 0x34, 0xab, 0xcd][..], ctx.as_bytes()].concat();
    let raw = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &[0x42; 32]).expect("32-byte key"));
    let mut nonces = ChaCha20Rng::from_seed([0x17; 32]);
    for (size, calls) in [(256usize, 200), (16 * 1024, 16)] {
        let msg: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
        let sealed = key.seal(&ctx, &msg).expect("seal");
        let mut raw_sealed = msg.clone();
        raw.seal_in_place_append_tag(Nonce::assume_unique_for_key(NONCE), Aad::from(&aad), &mut raw_sealed)
            .expect("seal");
        // The raw calls: a seal under `nonce`, and an open that returns its plaintext.
        let raw_seal_with = |nonce: [u8; 12]| {
            let mut out = Vec::with_capacity(msg.len() + 16);
            out.extend_from_slice(black_box(&msg));
            raw.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(&aad), &mut out)
                .expect("seal");
            out
        };
        let raw_open = || {
            let mut buf = black_box(&raw_sealed).clone();
            let len = raw
                .open_in_place(Nonce::assume_unique_for_key(NONCE), Aad::from(&aad), &mut buf)
                .expect("open")
                .len();
            buf.truncate(len);
            buf
        };
        let mut times: [Vec<f64>; 6] = Default::default();
        for _ in 0..ROUNDS {
            times[0].push(per_call(calls, || {
                black_box(key.seal(&ctx, black_box(&msg)).expect("seal"));
            }));
            times[1].push(per_call(calls, || {
                black_box(raw_seal_with(NONCE));
            }));
            times[2].push(per_call(calls, || {
                black_box(key.open(&ctx, black_box(&sealed)).expect("open"));
            }));
            times[3].push(per_call(calls, || {
                black_box(raw_open());
            }));
            times[4].push(per_call(calls, || {
                let mut nonce = [0u8; 12];
                nonces.fill_bytes(&mut nonce);
                black_box(raw_seal_with(nonce));
            }));
            times[5].push(per_call(calls, || {
                let mut plaintext = raw_open();
                black_box(&plaintext);
                plaintext.as_mut_slice().zeroize();
            }));
        }
        let [
            cesizen_seal,
            raw_seal,
            cesizen_open,
            raw_open,
            raw_seal_nonce,
            raw_open_wipe,
        ] = times.map(min_median);
        for (op, cesizen, raw, fair, what) in [
            ("seal", cesizen_seal, raw_seal, raw_seal_nonce, "with a fresh nonce"),
            ("open", cesizen_open, raw_open, raw_open_wipe, "wiping its plaintext"),
        ] {
            println!(
                "{op} {size:>5} B: cesizen {:.0} ns, raw ring {:.0} ns (medians): {:.2}x (minimums: {:.2}x); \
                 raw ring {what} {:.0} ns: {:.2}x",
                cesizen.1,
                raw.1,
                cesizen.1 / raw.1,
                cesizen.0 / raw.0,
                fair.1,
                cesizen.1 / fair.1,
            );
        }
    }
}
