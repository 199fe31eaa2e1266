//! cesizen-crypto against the raw primitives it is built on, measured in the same run.
//!
//! - envelope seal/open at 64 B, 256 B, 1 KiB, 16 KiB: `DataKey::seal`/`open` against one raw AES-256-GCM call
//!   (fixed nonce, the same associated data, an allocated output) of `aes-gcm`, `ring` and, with the `aws-lc`
//!   feature, `aws-lc-rs`;
//! - backup stream on 64 MiB: `StreamWriter`/`StreamReader` against raw AES-256-GCM over the same 64 KiB segments;
//! - pseudonyms per second against a raw pre-keyed HMAC-SHA-256 of the same message.
//!
//! Run: `cargo bench -p cesizen-benches --bench crypto --features aws-lc -- --warm-up-time 1 --measurement-time 3`
//! (the native default backend, `ring`), and again with `--features cesizen-crypto/portable` to measure the
//! portable backend (RustCrypto, what wasm32 runs).
//! Targets: envelope seal/open of 256 B and 16 KiB within 1.1× of the fastest raw AEAD; stream ≥ 0.8× raw
//! throughput.

use std::hint::black_box;
use std::io::{self, Read, Write};

use aes_gcm::aead::{Aead, AeadInOut, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use cesizen_crypto::{AES_GCM_BACKEND, Context, Envelope, Keyring, PseudonymSecret, Pseudonymiser};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hmac::{Hmac, Mac};
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce as RingNonce, UnboundKey};
use sha2::Sha256;

const USER: &str = "0190c0de-7e57-7000-8000-000000000001";
const RECORD: &str = "0190c0de-7e57-7000-8000-0000000000aa";
const SIZES: [usize; 4] = [64, 256, 1024, 16 * 1024];
const STREAM_LEN: usize = 64 << 20;
const SEGMENT: usize = cesizen_crypto::stream::SEGMENT_LEN;
const KEY: [u8; 32] = [0x42; 32];
const NONCE: [u8; 12] = [7; 12];

fn plaintext(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

fn ring_key() -> LessSafeKey {
    LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &KEY).expect("32-byte key"))
}

/// A raw seal (`seal`) or open (`open`) of one message with `ring` or `aws-lc-rs`, whose `aead` modules have the
/// same API, benchmarked in `group` as `"<name> raw"`.
macro_rules! raw_ring_api {
    (seal, $aead:path, $name:literal, $group:expr, $aad:expr, $size:expr, $msg:expr) => {{
        use $aead as aead;
        let key = aead::LessSafeKey::new(aead::UnboundKey::new(&aead::AES_256_GCM, &KEY).expect("32-byte key"));
        let aad: &[u8] = $aad;
        $group.bench_with_input(BenchmarkId::new(concat!($name, " raw"), $size), $msg, |b, msg| {
            b.iter(|| {
                let mut out = Vec::with_capacity(msg.len() + 16);
                out.extend_from_slice(black_box(msg));
                let nonce = aead::Nonce::assume_unique_for_key(NONCE);
                key.seal_in_place_append_tag(nonce, aead::Aad::from(aad), &mut out)
                    .expect("seal");
                out
            });
        });
    }};
    (open, $aead:path, $name:literal, $group:expr, $aad:expr, $size:expr, $sealed:expr) => {{
        use $aead as aead;
        let key = aead::LessSafeKey::new(aead::UnboundKey::new(&aead::AES_256_GCM, &KEY).expect("32-byte key"));
        let aad: &[u8] = $aad;
        $group.bench_with_input(BenchmarkId::new(concat!($name, " raw"), $size), $sealed, |b, sealed| {
            b.iter(|| {
                let mut buf = black_box(sealed).clone();
                let nonce = aead::Nonce::assume_unique_for_key(NONCE);
                let len = key
                    .open_in_place(nonce, aead::Aad::from(aad), &mut buf)
                    .expect("open")
                    .len();
                buf.truncate(len);
                buf
            });
        });
    }};
}

/// The associated data an envelope carries for `ctx`: the 5 header bytes, then the context.
fn envelope_aad(ctx: &Context) -> Vec<u8> {
    [&[1u8, 0x12, 0x34, 0xab, 0xcd][..], ctx.as_bytes()].concat()
}

fn envelope(c: &mut Criterion) {
    let keyring = Keyring::generate().expect("keyring");
    let (key, _) = keyring.generate_data_key(USER).expect("data key");
    let ctx = Context::field(USER, RECORD, "note").expect("context");
    let aad = envelope_aad(&ctx);
    let raw = Aes256Gcm::new(&KEY.into());

    let mut seal = c.benchmark_group("envelope_seal");
    for size in SIZES {
        let msg = plaintext(size);
        seal.throughput(Throughput::Bytes(size as u64));
        seal.bench_with_input(
            BenchmarkId::new(format!("cesizen on {AES_GCM_BACKEND}"), size),
            &msg,
            |b, msg| {
                b.iter(|| key.seal(&ctx, black_box(msg)).expect("seal"));
            },
        );
        seal.bench_with_input(BenchmarkId::new("aes-gcm raw", size), &msg, |b, msg| {
            let payload = || Payload {
                msg: black_box(msg),
                aad: &aad,
            };
            b.iter(|| raw.encrypt(&Nonce::from(NONCE), payload()).expect("seal"));
        });
        raw_ring_api!(seal, ring::aead, "ring", seal, &aad, size, &msg);
        #[cfg(feature = "aws-lc")]
        raw_ring_api!(seal, aws_lc_rs::aead, "aws-lc-rs", seal, &aad, size, &msg);
    }
    seal.finish();

    let mut open = c.benchmark_group("envelope_open");
    for size in SIZES {
        let sealed: Envelope = key.seal(&ctx, &plaintext(size)).expect("seal");
        let raw_sealed = raw
            .encrypt(
                &Nonce::from(NONCE),
                Payload {
                    msg: &plaintext(size),
                    aad: &aad,
                },
            )
            .expect("seal");
        open.throughput(Throughput::Bytes(size as u64));
        open.bench_with_input(
            BenchmarkId::new(format!("cesizen on {AES_GCM_BACKEND}"), size),
            &sealed,
            |b, sealed| {
                b.iter(|| key.open(&ctx, black_box(sealed)).expect("open"));
            },
        );
        open.bench_with_input(BenchmarkId::new("aes-gcm raw", size), &raw_sealed, |b, sealed| {
            let payload = || Payload {
                msg: black_box(&sealed[..]),
                aad: &aad,
            };
            b.iter(|| raw.decrypt(&Nonce::from(NONCE), payload()).expect("open"));
        });
        raw_ring_api!(open, ring::aead, "ring", open, &aad, size, &raw_sealed);
        #[cfg(feature = "aws-lc")]
        raw_ring_api!(open, aws_lc_rs::aead, "aws-lc-rs", open, &aad, size, &raw_sealed);
    }
    open.finish();
}

fn stream(c: &mut Criterion) {
    let keyring = Keyring::generate().expect("keyring");
    let data = plaintext(STREAM_LEN);
    let sealed = {
        let mut writer = keyring
            .stream_writer(Vec::with_capacity(STREAM_LEN + STREAM_LEN / 1000))
            .expect("writer");
        writer.write_all(&data).expect("write");
        writer.finish().expect("finish")
    };
    let raw = Aes256Gcm::new(&KEY.into());
    let ring = ring_key();

    let mut group = c.benchmark_group("stream_64MiB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(STREAM_LEN as u64));
    group.bench_function(format!("cesizen write on {AES_GCM_BACKEND}"), |b| {
        b.iter(|| {
            let mut writer = keyring.stream_writer(io::sink()).expect("writer");
            writer.write_all(black_box(&data)).expect("write");
            writer.finish().expect("finish")
        });
    });
    group.bench_function(format!("cesizen write, 8 KiB writes, on {AES_GCM_BACKEND}"), |b| {
        b.iter(|| {
            let mut writer = keyring.stream_writer(io::sink()).expect("writer");
            for chunk in black_box(&data).chunks(8 * 1024) {
                writer.write_all(chunk).expect("write");
            }
            writer.finish().expect("finish")
        });
    });
    group.bench_function(format!("cesizen read on {AES_GCM_BACKEND}"), |b| {
        let mut buf = vec![0u8; SEGMENT];
        b.iter(|| {
            let mut reader = keyring.stream_reader(black_box(&sealed[..])).expect("reader");
            while reader.read(&mut buf).expect("read") > 0 {}
        });
    });
    // A buffer that holds a whole sealed segment: the reader reads the segment straight into it and decrypts
    // it in place there (what `cesizen backup open` does).
    group.bench_function(format!("cesizen read, 256 KiB reads, on {AES_GCM_BACKEND}"), |b| {
        let mut buf = vec![0u8; 256 * 1024];
        b.iter(|| {
            let mut reader = keyring.stream_reader(black_box(&sealed[..])).expect("reader");
            while reader.read(&mut buf).expect("read") > 0 {}
        });
    });
    group.bench_function("aes-gcm raw, 64 KiB segments", |b| {
        let mut buf = data.clone();
        b.iter(|| {
            for segment in buf.chunks_mut(SEGMENT) {
                let tag = raw
                    .encrypt_inout_detached(&Nonce::from(NONCE), &[], segment.into())
                    .expect("seal");
                black_box(&tag);
            }
        });
    });
    group.bench_function("ring raw, 64 KiB segments", |b| {
        let mut buf = data.clone();
        b.iter(|| {
            for segment in buf.chunks_mut(SEGMENT) {
                let nonce = RingNonce::assume_unique_for_key(NONCE);
                let tag = ring
                    .seal_in_place_separate_tag(nonce, Aad::empty(), segment)
                    .expect("seal");
                black_box(&tag);
            }
        });
    });
    // A `Write` adapter receives `&[u8]`; `ring` seals in place only, so with that backend the adapter must copy
    // first. This is the bound it can reach.
    group.bench_function("ring raw, copy then seal 64 KiB segments", |b| {
        let mut buf = vec![0u8; SEGMENT];
        b.iter(|| {
            for segment in black_box(&data).chunks(SEGMENT) {
                buf.copy_from_slice(segment);
                let nonce = RingNonce::assume_unique_for_key(NONCE);
                let tag = ring
                    .seal_in_place_separate_tag(nonce, Aad::empty(), &mut buf)
                    .expect("seal");
                black_box(&tag);
            }
        });
    });
    group.finish();
}

fn pseudonym(c: &mut Criterion) {
    let secret = [9u8; 32];
    let pseudonymiser = Pseudonymiser::new(&PseudonymSecret::from_bytes(secret));
    let email = b"camille.martin@example.org";
    let mut message = Vec::new();
    for part in [&b"cesizen.pseudonym.v1"[..], b"user.email", email] {
        message.extend_from_slice(&(part.len() as u32).to_be_bytes());
        message.extend_from_slice(part);
    }
    let keyed = <Hmac<Sha256> as KeyInit>::new_from_slice(&secret).expect("any length");
    let ring_key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &secret);

    let mut group = c.benchmark_group("pseudonym");
    group.throughput(Throughput::Elements(1));
    group.bench_function("cesizen", |b| {
        b.iter(|| {
            pseudonymiser
                .pseudonym("user.email", black_box(email))
                .expect("pseudonym")
        });
    });
    group.bench_function("hmac-sha256 raw", |b| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(black_box(&message));
            mac.finalize().into_bytes()
        });
    });
    group.bench_function("ring hmac raw", |b| {
        b.iter(|| ring::hmac::sign(&ring_key, black_box(&message)));
    });
    group.finish();
}

criterion_group!(benches, envelope, stream, pseudonym);
criterion_main!(benches);
