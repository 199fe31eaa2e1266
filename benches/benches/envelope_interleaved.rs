//! Envelope seal/open of 256 B and 16 KiB against one raw `ring` call, interleaved: the two run in alternating
//! batches of about 40 µs, 400 times, and the ratio is taken of the medians (and of the minimums). On a shared
//! machine whose load moves during a criterion run, both sides of a ratio then see the same load; criterion's
//! `envelope` groups in `crypto.rs` remain the reference measurement.
//!
//! Run: `cargo bench -p cesizen-benches --bench envelope_interleaved`.

use std::hint::black_box;
use std::time::Instant;

use cesizen_crypto::{Context, Keyring};
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};

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
    for (size, calls) in [(256usize, 200), (16 * 1024, 16)] {
        let msg: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
        let sealed = key.seal(&ctx, &msg).expect("seal");
        let mut raw_sealed = msg.clone();
        raw.seal_in_place_append_tag(Nonce::assume_unique_for_key(NONCE), Aad::from(&aad), &mut raw_sealed)
            .expect("seal");
        let mut times: [Vec<f64>; 4] = Default::default();
        for _ in 0..ROUNDS {
            times[0].push(per_call(calls, || {
                black_box(key.seal(&ctx, black_box(&msg)).expect("seal"));
            }));
            times[1].push(per_call(calls, || {
                let mut out = Vec::with_capacity(msg.len() + 16);
                out.extend_from_slice(black_box(&msg));
                raw.seal_in_place_append_tag(Nonce::assume_unique_for_key(NONCE), Aad::from(&aad), &mut out)
                    .expect("seal");
                black_box(out);
            }));
            times[2].push(per_call(calls, || {
                black_box(key.open(&ctx, black_box(&sealed)).expect("open"));
            }));
            times[3].push(per_call(calls, || {
                let mut buf = black_box(&raw_sealed).clone();
                let len = raw
                    .open_in_place(Nonce::assume_unique_for_key(NONCE), Aad::from(&aad), &mut buf)
                    .expect("open")
                    .len();
                buf.truncate(len);
                black_box(buf);
            }));
        }
        let [cesizen_seal, raw_seal, cesizen_open, raw_open] = times.map(min_median);
        for (op, cesizen, raw) in [("seal", cesizen_seal, raw_seal), ("open", cesizen_open, raw_open)] {
            println!(
                "{op} {size:>5} B: cesizen {:.0} ns, raw ring {:.0} ns (medians): {:.2}x (minimums: {:.2}x)",
                cesizen.1,
                raw.1,
                cesizen.1 / raw.1,
                cesizen.0 / raw.0
            );
        }
    }
}
