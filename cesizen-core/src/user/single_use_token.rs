//! Single-use tokens: the links of e-mail confirmation and password reset.
//!
//! A token is **256 random bits** from the OS CSPRNG, sent to the user once as 43 base64url characters (no
//! padding), for example in a link. The server keeps only a [`TokenRecord`]: the SHA-256 **hash** of the
//! token, whose account and purpose it serves, when it expires and whether it was used. A leaked database
//! therefore holds no usable token, and since the secret has 256 bits of entropy a plain hash is enough (no
//! salt or slow hash is needed, unlike passwords).
//!
//! The server finds the record by the hash of the presented token ([`TokenSecret::hash`]), then
//! [`TokenRecord::consume`] checks it — hash compared in constant time, then purpose, single use, expiry — and
//! marks it used. The stored update must be conditional (`… WHERE consumed_at IS NULL`) so that two concurrent
//! requests cannot both consume one token.
//!
//! ```
//! use cesizen_core::id::UserId;
//! use cesizen_core::user::{TokenPurpose, TokenRecord, TokenSecret};
//! use chrono::{Duration, TimeZone, Utc};
//!
//! let now = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
//! let user = UserId::new(now)?;
//! let (secret, mut record) = TokenRecord::issue(user, TokenPurpose::PasswordReset, now)?;
//! let link_text = secret.to_text(); // e-mailed once, never stored
//!
//! let presented = TokenSecret::parse(&link_text)?;
//! assert_eq!(presented.hash(), *record.hash()); // how the server finds the record
//! record.consume(&presented, TokenPurpose::PasswordReset, now + Duration::minutes(10))?;
//! let again = record.consume(&presented, TokenPurpose::PasswordReset, now + Duration::minutes(11));
//! assert_eq!(again.unwrap_err().code(), "auth.token.consumed");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use base64ct::{Base64UrlUnpadded, Encoding};
use chrono::{DateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::UserError;
use crate::id::UserId;

/// Bytes of randomness in a token: 256 bits.
pub const TOKEN_BYTES: usize = 32;
/// Characters of a token's text form: 256 bits in base64url without padding.
pub const TOKEN_TEXT_LENGTH: usize = 43;
/// The shortest lifetime a token may be given.
pub const MIN_TOKEN_LIFETIME: TimeDelta = TimeDelta::minutes(5);
/// The longest lifetime a token may be given.
pub const MAX_TOKEN_LIFETIME: TimeDelta = TimeDelta::days(7);

/// What a token proves. Serialized as `"email_confirmation"` or `"password_reset"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenPurpose {
    /// The owner of an address received the message sent to it.
    EmailConfirmation,
    /// The owner of an account may choose a new password.
    PasswordReset,
}

impl TokenPurpose {
    /// The default lifetime: 48 hours to confirm an address (the message may be read the next day), 1 hour
    /// to reset a password (a reset link grants the account, so it must not linger in a mailbox).
    pub fn default_lifetime(self) -> TimeDelta {
        match self {
            TokenPurpose::EmailConfirmation => TimeDelta::hours(48),
            TokenPurpose::PasswordReset => TimeDelta::hours(1),
        }
    }
}

/// The secret of a token, as the user holds it. No `Display`; `Debug` is redacted; wiped on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct TokenSecret([u8; TOKEN_BYTES]);

impl TokenSecret {
    /// A new secret from the OS CSPRNG.
    ///
    /// # Errors
    /// `system.entropy.unavailable` when the OS random number generator fails.
    pub fn generate() -> Result<Self, UserError> {
        let mut secret = TokenSecret([0; TOKEN_BYTES]);
        getrandom::fill(&mut secret.0).map_err(|_| UserError::EntropyUnavailable)?;
        Ok(secret)
    }

    /// A secret made of the given bytes: deterministic, for tests and for callers with their own entropy.
    pub fn from_bytes(bytes: [u8; TOKEN_BYTES]) -> Self {
        TokenSecret(bytes)
    }

    /// Reads the text form: exactly 43 base64url characters, no padding, canonical.
    ///
    /// # Errors
    /// `validation.token.malformed` for anything else.
    pub fn parse(text: &str) -> Result<Self, UserError> {
        let mut secret = TokenSecret([0; TOKEN_BYTES]);
        if text.len() != TOKEN_TEXT_LENGTH {
            return Err(UserError::TokenMalformed);
        }
        let decoded = Base64UrlUnpadded::decode(text, &mut secret.0).map_err(|_| UserError::TokenMalformed)?;
        if decoded.len() != TOKEN_BYTES {
            return Err(UserError::TokenMalformed);
        }
        Ok(secret)
    }

    /// The text form to send to the user: 43 base64url characters, wiped when dropped.
    pub fn to_text(&self) -> Zeroizing<String> {
        Zeroizing::new(Base64UrlUnpadded::encode_string(&self.0))
    }

    /// The SHA-256 hash, under which the record is stored and found.
    pub fn hash(&self) -> TokenHash {
        TokenHash(Sha256::digest(self.0).into())
    }
}

impl core::fmt::Debug for TokenSecret {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("TokenSecret(<redacted>)")
    }
}

/// The SHA-256 hash of a token secret. Not secret itself; serialized as 43 base64url characters.
///
/// Equality is constant-time.
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TokenHash([u8; 32]);

impl TokenHash {
    /// The hash bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The text form: 43 base64url characters.
    pub fn to_text(&self) -> String {
        Base64UrlUnpadded::encode_string(&self.0)
    }

    /// Reads the text form.
    ///
    /// # Errors
    /// `validation.token.record_invalid` unless `text` is 43 canonical base64url characters.
    pub fn parse(text: &str) -> Result<Self, UserError> {
        let mut bytes = [0u8; 32];
        match Base64UrlUnpadded::decode(text, &mut bytes) {
            Ok(decoded) if decoded.len() == 32 && text.len() == TOKEN_TEXT_LENGTH => Ok(TokenHash(bytes)),
            _ => Err(UserError::TokenRecordInvalid),
        }
    }
}

impl PartialEq for TokenHash {
    fn eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

impl Eq for TokenHash {}

impl core::hash::Hash for TokenHash {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl core::fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "TokenHash({})", self.to_text())
    }
}

impl TryFrom<String> for TokenHash {
    type Error = UserError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        TokenHash::parse(&text)
    }
}

impl From<TokenHash> for String {
    fn from(hash: TokenHash) -> Self {
        hash.to_text()
    }
}

/// What the server stores for one token. Serialized in camelCase; deserialization checks the times.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", try_from = "TokenRecordFields")]
pub struct TokenRecord {
    user_id: UserId,
    purpose: TokenPurpose,
    hash: TokenHash,
    issued_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    consumed_at: Option<DateTime<Utc>>,
}

/// The stored fields of a [`TokenRecord`], unchecked; [`TokenRecord::from_fields`] checks them.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenRecordFields {
    /// The account the token serves.
    pub user_id: UserId,
    /// What the token proves.
    pub purpose: TokenPurpose,
    /// The hash of the secret.
    pub hash: TokenHash,
    /// When the token was issued.
    pub issued_at: DateTime<Utc>,
    /// When it stops being accepted.
    pub expires_at: DateTime<Utc>,
    /// When it was used, if it was.
    #[serde(default)]
    pub consumed_at: Option<DateTime<Utc>>,
}

impl TokenRecord {
    /// Issues a token with a new random secret and the purpose's default lifetime.
    ///
    /// # Errors
    /// `system.entropy.unavailable` when the OS random number generator fails.
    pub fn issue(user_id: UserId, purpose: TokenPurpose, now: DateTime<Utc>) -> Result<(TokenSecret, Self), UserError> {
        let secret = TokenSecret::generate()?;
        let record = Self::issue_for(&secret, user_id, purpose, now, purpose.default_lifetime())?;
        Ok((secret, record))
    }

    /// The record of a token with the given secret and lifetime.
    ///
    /// # Errors
    /// `validation.token.lifetime_out_of_range` outside [`MIN_TOKEN_LIFETIME`]..=[`MAX_TOKEN_LIFETIME`], or when
    /// the expiry cannot be represented.
    pub fn issue_for(
        secret: &TokenSecret,
        user_id: UserId,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
        lifetime: TimeDelta,
    ) -> Result<Self, UserError> {
        if !(MIN_TOKEN_LIFETIME..=MAX_TOKEN_LIFETIME).contains(&lifetime) {
            return Err(UserError::TokenLifetimeOutOfRange);
        }
        let expires_at = now
            .checked_add_signed(lifetime)
            .ok_or(UserError::TokenLifetimeOutOfRange)?;
        Ok(TokenRecord {
            user_id,
            purpose,
            hash: secret.hash(),
            issued_at: now,
            expires_at,
            consumed_at: None,
        })
    }

    /// Rebuilds a stored record.
    ///
    /// # Errors
    /// `validation.token.record_invalid` when the expiry is not after the issue or the use is before it.
    pub fn from_fields(fields: TokenRecordFields) -> Result<Self, UserError> {
        let TokenRecordFields {
            user_id,
            purpose,
            hash,
            issued_at,
            expires_at,
            consumed_at,
        } = fields;
        if expires_at <= issued_at || consumed_at.is_some_and(|used| used < issued_at) {
            return Err(UserError::TokenRecordInvalid);
        }
        Ok(TokenRecord {
            user_id,
            purpose,
            hash,
            issued_at,
            expires_at,
            consumed_at,
        })
    }

    /// Checks that `secret` is this token, for `purpose`, unused and unexpired at `now`; does not consume it.
    ///
    /// The hash is compared first, in constant time, so someone without the secret learns only
    /// `auth.token.invalid`.
    ///
    /// # Errors
    /// `auth.token.invalid`, `auth.token.wrong_purpose`, `auth.token.consumed` or `auth.token.expired`, checked
    /// in that order. The token expires at `expires_at` exactly.
    pub fn verify(&self, secret: &TokenSecret, purpose: TokenPurpose, now: DateTime<Utc>) -> Result<(), UserError> {
        if self.hash != secret.hash() {
            return Err(UserError::TokenInvalid);
        }
        if self.purpose != purpose {
            return Err(UserError::TokenWrongPurpose);
        }
        if self.consumed_at.is_some() {
            return Err(UserError::TokenConsumed);
        }
        if now >= self.expires_at {
            return Err(UserError::TokenExpired);
        }
        Ok(())
    }

    /// Verifies the token as [`TokenRecord::verify`] does, then marks it used at `now`.
    ///
    /// # Errors
    /// Those of [`TokenRecord::verify`]; the record is unchanged on error.
    pub fn consume(
        &mut self,
        secret: &TokenSecret,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> Result<(), UserError> {
        self.verify(secret, purpose, now)?;
        self.consumed_at = Some(now.max(self.issued_at));
        Ok(())
    }

    /// The account the token serves.
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    /// What the token proves.
    pub fn purpose(&self) -> TokenPurpose {
        self.purpose
    }

    /// The hash of the secret.
    pub fn hash(&self) -> &TokenHash {
        &self.hash
    }

    /// When the token was issued.
    pub fn issued_at(&self) -> DateTime<Utc> {
        self.issued_at
    }

    /// When it stops being accepted.
    pub fn expires_at(&self) -> DateTime<Utc> {
        self.expires_at
    }

    /// When it was used, if it was.
    pub fn consumed_at(&self) -> Option<DateTime<Utc>> {
        self.consumed_at
    }
}

impl TryFrom<TokenRecordFields> for TokenRecord {
    type Error = UserError;

    fn try_from(fields: TokenRecordFields) -> Result<Self, Self::Error> {
        TokenRecord::from_fields(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap()
    }

    fn user() -> UserId {
        UserId::from_parts(now(), [3; 10]).unwrap()
    }

    fn reset_record(secret: &TokenSecret) -> TokenRecord {
        TokenRecord::issue_for(secret, user(), TokenPurpose::PasswordReset, now(), TimeDelta::hours(1)).unwrap()
    }

    #[test]
    fn text_form_is_43_base64url_characters() {
        let secret = TokenSecret::from_bytes([0xFB; 32]);
        let text = secret.to_text();
        assert_eq!(text.len(), TOKEN_TEXT_LENGTH);
        assert_eq!(&text[..8], "-_v7-_v7", "base64url alphabet, not + and /");
        assert_eq!(TokenSecret::parse(&text).unwrap().hash(), secret.hash());
    }

    #[test]
    fn malformed_text_is_refused() {
        let good = TokenSecret::from_bytes([1; 32]).to_text();
        for bad in [
            String::new(),
            good[..42].to_string(),
            format!("{}=", &*good),
            format!("{}A", &*good),
            format!("{}+{}", &good[..10], &good[11..]),
            format!("{}B", &good[..42]), // non-canonical: the last character carries bits beyond 256
        ] {
            assert_eq!(
                TokenSecret::parse(&bad).map(|_| ()),
                Err(UserError::TokenMalformed),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn hash_is_sha256_of_the_secret() {
        // SHA-256 of 32 zero bytes.
        let hash = TokenSecret::from_bytes([0; 32]).hash();
        assert_eq!(hash.as_bytes()[..4], [0x66, 0x68, 0x7a, 0xad]);
    }

    #[test]
    fn generated_secrets_differ() {
        let a = TokenSecret::generate().unwrap();
        let b = TokenSecret::generate().unwrap();
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let secret = TokenSecret::from_bytes([7; 32]);
        assert_eq!(format!("{secret:?}"), "TokenSecret(<redacted>)");
    }

    #[test]
    fn consume_checks_then_marks_used() {
        let secret = TokenSecret::from_bytes([9; 32]);
        let mut record = reset_record(&secret);
        let later = now() + TimeDelta::minutes(30);
        assert_eq!(record.consume(&secret, TokenPurpose::PasswordReset, later), Ok(()));
        assert_eq!(record.consumed_at(), Some(later));
        assert_eq!(
            record.consume(&secret, TokenPurpose::PasswordReset, later),
            Err(UserError::TokenConsumed)
        );
    }

    #[test]
    fn each_refusal_has_its_code() {
        let secret = TokenSecret::from_bytes([9; 32]);
        let mut record = reset_record(&secret);
        let other = TokenSecret::from_bytes([8; 32]);
        let cases = [
            (
                record.verify(&other, TokenPurpose::PasswordReset, now()),
                "auth.token.invalid",
            ),
            (
                record.verify(&secret, TokenPurpose::EmailConfirmation, now()),
                "auth.token.wrong_purpose",
            ),
            (
                record.verify(&secret, TokenPurpose::PasswordReset, now() + TimeDelta::hours(1)),
                "auth.token.expired",
            ),
        ];
        for (result, code) in cases {
            assert_eq!(result.unwrap_err().code(), code);
        }
        assert!(
            record
                .verify(&secret, TokenPurpose::PasswordReset, now() + TimeDelta::minutes(59))
                .is_ok()
        );
        let expired = record.consume(&secret, TokenPurpose::PasswordReset, now() + TimeDelta::hours(2));
        assert_eq!(expired, Err(UserError::TokenExpired));
        assert_eq!(record.consumed_at(), None, "a refused consumption changes nothing");
    }

    #[test]
    fn lifetimes_are_bounded() {
        let secret = TokenSecret::from_bytes([9; 32]);
        for lifetime in [TimeDelta::minutes(4), TimeDelta::days(8), TimeDelta::zero()] {
            let result = TokenRecord::issue_for(&secret, user(), TokenPurpose::EmailConfirmation, now(), lifetime);
            assert_eq!(result.unwrap_err().code(), "validation.token.lifetime_out_of_range");
        }
        let (_, record) = TokenRecord::issue(user(), TokenPurpose::EmailConfirmation, now()).unwrap();
        assert_eq!(record.expires_at() - record.issued_at(), TimeDelta::hours(48));
        assert_eq!(TokenPurpose::PasswordReset.default_lifetime(), TimeDelta::hours(1));
    }

    #[test]
    fn records_serialize_in_camel_case_and_validate_on_read() {
        let secret = TokenSecret::from_bytes([0; 32]);
        let record = reset_record(&secret);
        let json = serde_json::to_value(&record).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            ["consumedAt", "expiresAt", "hash", "issuedAt", "purpose", "userId"]
        );
        assert_eq!(json["purpose"], "password_reset");
        assert_eq!(json["hash"], secret.hash().to_text());
        assert_eq!(serde_json::from_value::<TokenRecord>(json.clone()).unwrap(), record);

        let mut backwards = json.clone();
        backwards["expiresAt"] = backwards["issuedAt"].clone();
        assert!(serde_json::from_value::<TokenRecord>(backwards).is_err());
        let mut bad_hash = json;
        bad_hash["hash"] = "tooshort".into();
        assert!(serde_json::from_value::<TokenRecord>(bad_hash).is_err());
    }

    proptest! {
        #[test]
        fn any_secret_round_trips_through_text(bytes in any::<[u8; 32]>()) {
            let secret = TokenSecret::from_bytes(bytes);
            let parsed = TokenSecret::parse(&secret.to_text()).unwrap();
            prop_assert_eq!(parsed.hash(), secret.hash());
            let hash = secret.hash();
            prop_assert_eq!(TokenHash::parse(&hash.to_text()).unwrap(), hash);
        }

        #[test]
        fn only_the_right_secret_verifies(a in any::<[u8; 32]>(), b in any::<[u8; 32]>(), minutes in 0i64..120) {
            let record = reset_record(&TokenSecret::from_bytes(a));
            let at = now() + TimeDelta::minutes(minutes);
            let result = record.verify(&TokenSecret::from_bytes(b), TokenPurpose::PasswordReset, at);
            match (a == b, minutes < 60) {
                (false, _) => prop_assert_eq!(result, Err(UserError::TokenInvalid)),
                (true, true) => prop_assert_eq!(result, Ok(())),
                (true, false) => prop_assert_eq!(result, Err(UserError::TokenExpired)),
            }
        }

        #[test]
        fn stored_records_are_accepted_exactly_when_their_times_are_ordered(
            expires_s in -100i64..100, consumed_s in proptest::option::of(-100i64..100),
        ) {
            let at = |s: i64| now() + TimeDelta::seconds(s);
            let fields = TokenRecordFields {
                user_id: user(),
                purpose: TokenPurpose::EmailConfirmation,
                hash: TokenSecret::from_bytes([4; 32]).hash(),
                issued_at: now(),
                expires_at: at(expires_s),
                consumed_at: consumed_s.map(at),
            };
            let valid = expires_s > 0 && consumed_s.is_none_or(|c| c >= 0);
            match TokenRecord::from_fields(fields) {
                Ok(record) => {
                    prop_assert!(valid);
                    let json = serde_json::to_string(&record).unwrap();
                    prop_assert_eq!(serde_json::from_str::<TokenRecord>(&json).unwrap(), record);
                }
                Err(e) => { prop_assert!(!valid); prop_assert_eq!(e, UserError::TokenRecordInvalid); }
            }
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,60}") {
            let _ = TokenSecret::parse(&text);
            let _ = TokenHash::parse(&text);
        }
    }
}
