//! # cesizen-crypto
//!
//! Encryption of Cesizen's emotional data: AES-256-GCM envelopes bound to a typed context, keyrings with
//! rotation, per-user data keys for crypto-shredding, keyed pseudonyms for analytics exports, and streaming
//! encryption for backups. The formats below are the contract of `ARCHITECTURE.md` §3: they are public, pinned by
//! the vectors of `tests/vectors/` (`envelope_v1.json`, `stream_v1.json`, `pseudonym.json`, `keyring_v1.json`;
//! the key custody record's in this crate's `tests/vectors/kek_custody_v1.json`),
//! and a Python program using only the `cryptography` package decrypts what this crate writes.
//!
//! The crate is *sans I/O*: it never reads the clock, the file system, the network or the environment. The
//! caller reads the root secret and the keyring file and passes their bytes; randomness comes from the OS
//! (`getrandom`). It builds for `wasm32-unknown-unknown`.
//!
//! ```
//! use cesizen_crypto::{Context, Envelope, Keyring, RootSecret};
//!
//! // Once, at deployment: a root secret (kept in the secret manager) and a sealed keyring file.
//! let root = RootSecret::generate()?;
//! let keyring_file = Keyring::generate()?.seal(&root)?;
//!
//! // At start-up: open the keyring with the root secret read from the environment.
//! let keyring = Keyring::open(&keyring_file, &root)?;
//!
//! // Sign-up: a data key for the user; store `wrapped` beside the user, never the key itself.
//! let (key, wrapped) = keyring.generate_data_key("0190c0de-7e57-7000-8000-000000000001")?;
//!
//! // Writing a journal entry: each field sealed for its place.
//! let note = Context::field("0190c0de-7e57-7000-8000-000000000001", "entry-42", "note")?;
//! let stored: String = key.seal(&note, "anxious before the exam".as_bytes())?.to_text();
//!
//! // Reading it back in another request.
//! let key = keyring.unwrap_data_key("0190c0de-7e57-7000-8000-000000000001", &wrapped)?;
//! let plaintext = key.open(&note, &Envelope::from_text(&stored)?)?;
//! assert_eq!(plaintext.as_slice(), "anxious before the exam".as_bytes());
//! # Ok::<(), cesizen_crypto::Error>(())
//! ```
//!
//! ## Formats
//!
//! **Envelope v1** ([`Envelope`]), one per encrypted field; text form unpadded base64url:
//!
//! | bytes | content |
//! |---|---|
//! | 0 | format version `0x01` |
//! | 1..5 | key id, `u32` big-endian (the user's data key, or the keyring key for a wrapped data key) |
//! | 5..17 | nonce, 96 random bits |
//! | 17.. | AES-256-GCM ciphertext, then the 16-byte tag |
//!
//! Associated data = bytes `0..5`, then the [`Context`]: length-prefixed parts (`u32` big-endian length, UTF-8
//! bytes) starting with the kind — `"user"`, user id; `"record"`, user id, record id; `"field"`, user id,
//! record id, field name; `"data-key"`, user id. The key of a data envelope is the user's data key itself.
//!
//! **Wrapped data key** ([`WrappedDataKey`]): an envelope v1 under a keyring key, context `"data-key"` + user
//! id, plaintext = data key id (`u32` big-endian) ‖ 32-byte data key. Its AES key is
//! `HKDF-SHA-256(ikm = keyring key, salt = none, info = "cesizen.kek-wrap.v1")`.
//!
//! **Keyring file** ([`Keyring::seal`]): an envelope v1 with key id 0 under
//! `HKDF-SHA-256(ikm = root secret, salt = none, info = "cesizen.keyring-file.v1")`, context bytes
//! `u32_be(7) ‖ "keyring"`. Plaintext: magic `"CZKR"`, layout version `0x01`, message limit (`u64`), primary id
//! (`u32`), key count (`u32`), then per key by increasing id: id (`u32`), status (`u8`: 1 enabled, 2 disabled,
//! 3 destroyed), messages sealed (`u64`), and the 32-byte key unless destroyed; integers big-endian.
//!
//! **Key custody record** ([`Keyring::seal_for_custody`]): one KEK version, kept outside the data. An envelope
//! v1 whose key id is the KEK's, under `HKDF-SHA-256(ikm = root secret, salt = none, info =
//! "cesizen.kek-custody.v1")`, context bytes `u32_be(11) ‖ "kek-custody"`. Plaintext: magic `"CZKV"`, layout
//! version `0x01`, creation time (`u64` seconds since the Unix epoch), the 32-byte key.
//!
//! **Backup stream** ([`StreamWriter`], [`StreamReader`]): header (version `0x01`, keyring key id, 32-byte salt,
//! 7-byte nonce prefix), per-stream key `HKDF-SHA-256(ikm = keyring key, salt, info = "cesizen.stream.v1" ‖
//! header)`, 64 KiB segments each sealed with AES-256-GCM under nonce `prefix ‖ u32_be(index) ‖ last flag`.
//! Details in [`stream`].
//!
//! **Pseudonym** ([`Pseudonymiser`]): `HMAC-SHA-256(secret, lp("cesizen.pseudonym.v1") ‖ lp(domain) ‖
//! lp(value))`, `lp` = `u32` big-endian length prefix; text form unpadded base64url.
//!
//! ## Threat model
//!
//! What we protect: emotional data (journal notes, emotions, intensities) and the link between a person and
//! their data. Against:
//!
//! - **a leaked database or backup** (SQL injection, a stolen dump, a lost disk): every emotional field is an
//!   envelope under a per-user key that is stored only wrapped by a keyring key, and the keyring file is sealed
//!   under a root secret that lives outside the database and outside the backups. The leak yields ciphertext.
//! - **an attacker who can write to the database** (moving ciphertexts around): the context binds each envelope
//!   to its user, record and field, and each wrapped data key to its user; a moved value fails to decrypt. The
//!   header's version and key id are authenticated too. Replaying an *older* value of the same field is not
//!   detected by this layer (the context carries no version); the record's own version column does that.
//! - **tampered backups**: truncation, reordering, duplication, splicing and bit flips all fail (see
//!   [`stream`]).
//! - **oracles**: every authentication failure is the same [`Error::DecryptFailed`]; the only other errors are
//!   decided from public header bytes or from the caller's own inputs. Tags are compared in constant time, and
//!   no plaintext is released before its tag verified.
//! - **erasure that does not erase**: erasing a user destroys the user's data key (crypto-shredding, below).
//!
//! Out of scope: an attacker who reads the memory of a running server or holds the root secret (they can
//! decrypt what that server can), traffic analysis (an envelope reveals the plaintext length), and users
//! attacking their own data.
//!
//! ### Nonces and limits
//!
//! No API takes a nonce: each message gets 96 random bits from a ChaCha20 generator seeded from the OS (see the
//! `random` module; no system call per message). With random nonces NIST SP 800-38D allows 2^32 messages per
//! key; each key counts what it seals and refuses past a configurable limit that defaults to 2^30
//! ([`DEFAULT_MESSAGE_LIMIT`]) with [`Error::KeyLimitReached`]. Keyring keys count the data keys they wrap, and
//! the count is saved in the keyring file. A user's data key seals a few fields per entry, far below the limit;
//! its count lives in the key object, so [`Keyring::unwrap_data_key`] starts it at 0 — an app that unwraps per
//! request or per launch persists the count beside the wrapped key and resumes from it with
//! [`Keyring::unwrap_data_key_resuming`], adding [`DataKey::messages_sealed_by_this_object`] back afterwards, so
//! that the crate itself refuses past the limit.
//!
//! **Fork.** The generator is per thread and in memory: a process that forks without `exec` and then seals under
//! the same key in both parent and child would draw the same nonces in both. Seal only in the process that made
//! the generator (servers, apps and workers spawned as new processes are fine); the crate does not detect a fork,
//! which would cost a system call per message or unsafe code.
//!
//! ### Key commitment
//!
//! AES-GCM is not key-committing: someone who *chooses two keys* can craft one ciphertext that opens under both
//! ("invisible salamanders"), and a system that tries many low-entropy keys against one ciphertext can be probed
//! through a partitioning oracle. Neither applies here, so the format carries no commitment:
//! - every key is 256 uniformly random bits from the OS; none is derived from a password or chosen by anyone;
//! - a ciphertext names its key by id and is opened with that key only: there is no trial decryption across
//!   keys, so there is no partitioning oracle;
//! - the only party who knows a user's data key is the SDK acting for that user; nothing in Cesizen is shared
//!   between users, moderated or reported, so there is no second party to deceive with a two-key ciphertext.
//!
//! If a later feature shares encrypted content between users (or trusts a key supplied by a client), it must add
//! a commitment (for instance an HMAC of the key id under the key, or the CTX construction) in a new format
//! version.
//!
//! ### Crypto-shredding
//!
//! Each user's data is sealed only under that user's data key ([`DataKey::seal`] refuses a context naming
//! another user). Erasing the user deletes the wrapped data key from the live store. But deleting a row does not
//! delete its bytes: freed pages, write-ahead logs, dumps, replicas, backups and disk snapshots keep the wrapped
//! key, so the erasure is final only once no key the operator holds can unwrap it. That is what [`epoch`]s do:
//! - the KEKs rotate every epoch ([`Keyring::begin_epoch`]) and the surviving data keys are rewrapped
//!   ([`Keyring::rewrap_data_key`]); an erased user's key is never rewrapped;
//! - a retired KEK is destroyed once the backups it sealed have expired ([`EpochPolicy::plan`]); the erased key
//!   is then undecryptable in every copy, by [`EpochPolicy::destruction_due`] (at most one epoch plus the backup
//!   retention after the erasure);
//! - for that to hold, no KEK may be stored with the data, even sealed: KEK versions live in key custody, each
//!   sealed apart under the root secret ([`Keyring::seal_for_custody`], [`Keyring::from_custody`]), and
//!   destroying a version deletes its record there. Backups then carry the wrapped data keys and restore.
//!
//! Both the simulation of a schedule and the two-copies case are exercised by the tests
//! (`tests/key_epochs.rs`, `tests/crypto_shredding.rs`).
//!
//! ### Hygiene
//!
//! `#![forbid(unsafe_code)]`. Keys and secrets are zeroized on drop (the `zeroize` features of `aes-gcm`, `aes`,
//! `ghash`, `polyval`, `hmac` and `sha2` are enabled), implement neither `Clone` nor a revealing
//! `Debug`/`Display`, and are compared in constant time. Decrypted data comes back as a [`Plaintext`], wiped when
//! dropped. Dangerous operations live in [`hazmat`].
//!
//! ### Backends and hardware acceleration
//!
//! Native builds (not `wasm32`) use `ring`'s BoringSSL assembly by default: three to four times the throughput of
//! the portable backend on large messages on x86-64. `wasm32` builds, and native builds with the `portable`
//! feature, use RustCrypto's `aes-gcm` (pure Rust, constant-time, key schedules zeroized on drop). Its `aes` 0.9
//! and `polyval` 0.7 detect AES-NI/PCLMULQDQ (x86-64) and the ARMv8 AES/PMULL extensions (aarch64 Linux,
//! Android, macOS, iOS) at run time and fall back to constant-time software otherwise: no `RUSTFLAGS` or `--cfg`
//! is needed on phones (`--cfg aes_backend="soft"` / `polyval_backend="soft"` would force software). On `wasm32`
//! the software backends run. The output is byte-identical (the pinned vectors, Wycheproof and NIST CAVP pass on
//! both); [`AES_GCM_BACKEND`] says which one a build uses. Measurements are in the crate's README.
#![forbid(unsafe_code)]

mod cipher;
mod context;
mod custody;
mod data_key;
mod encoding;
mod envelope;
pub mod epoch;
mod error;
pub mod hazmat;
mod kdf;
mod key_id;
mod keyring;
mod keyring_file;
mod plaintext;
mod pseudonym;
mod random;
mod root_secret;
mod sealing_key;
mod secret;
pub mod stream;

pub use cipher::{AES_GCM_BACKEND, NONCE_LEN, TAG_LEN};
pub use context::{Context, ContextKind, MAX_CONTEXT_PART_LEN};
pub use data_key::{DataKey, WRAPPED_DATA_KEY_LEN, WrappedDataKey};
pub use envelope::{ENVELOPE_HEADER_LEN, ENVELOPE_OVERHEAD, ENVELOPE_VERSION, Envelope};
pub use epoch::{EpochPolicy, EpochTurn, KekHistory, KekVersion};
pub use error::{Error, Result};
pub use key_id::KeyId;
pub use keyring::{KeyInfo, KeyStatus, Keyring};
pub use plaintext::Plaintext;
pub use pseudonym::{MAX_PSEUDONYM_DOMAIN_LEN, Pseudonym, PseudonymSecret, Pseudonymiser};
pub use root_secret::RootSecret;
pub use sealing_key::{DEFAULT_MESSAGE_LIMIT, MAX_MESSAGE_LIMIT};
pub use secret::KEY_LEN;
pub use stream::{StreamReader, StreamWriter};

/// Entry points for the cargo-fuzz targets (`fuzz/`): the parsers that sit behind an AEAD, reached without its
/// key. Built only under `--cfg fuzzing` (set by `cargo fuzz`), never part of the API.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing {
    /// Parses the plaintext of a keyring file (what [`crate::Keyring::open`] reads once the file authenticates).
    ///
    /// # Errors
    /// [`crate::Error::KeyringMalformed`] and the keyring's rules, as [`crate::Keyring::open`].
    pub fn parse_keyring(plaintext: &[u8]) -> crate::Result<crate::Keyring> {
        crate::Keyring::parse(plaintext)
    }
}
