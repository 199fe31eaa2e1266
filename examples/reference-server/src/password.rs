//! Password hashing: Argon2id, run off the async workers.
//!
//! Parameters: **m = 19 MiB, t = 2, p = 1**, the OWASP Password Storage Cheat Sheet's first Argon2id setting
//! (and the `argon2` crate's default), about 25 ms per hash on one core of the reference machine in a release
//! build. Memory-hard enough that a GPU farm gains little, cheap enough that sign-ins stay far below the plan's
//! 200 ms objective. Stored as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), so raising the
//! parameters later keeps old hashes verifiable.
//!
//! Hashing runs on the blocking pool, at most as many at once as there are cores (each takes 19 MiB). An unknown
//! address is verified against a dummy hash, so a sign-in takes as long whether the account exists or not.

use std::sync::Arc;

use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// The password hasher.
#[derive(Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    dummy: Arc<str>,
}

fn argon2() -> Result<Argon2<'static>, ApiError> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|_| ApiError::internal("system.password_hash.params"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_blocking(password: &[u8]) -> Result<String, ApiError> {
    argon2()?
        .hash_password(password)
        .map(|h| h.to_string())
        .map_err(|_| ApiError::internal("system.password_hash.failed"))
}

impl Passwords {
    /// A hasher; computes the dummy hash once.
    pub async fn new() -> Result<Passwords, ApiError> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let dummy = tokio::task::spawn_blocking(|| hash_blocking(b"cesizen dummy password, never valid"))
            .await
            .map_err(|_| ApiError::internal("system.password_hash.failed"))??;
        Ok(Passwords {
            permits: Arc::new(Semaphore::new(cores)),
            dummy: dummy.into(),
        })
    }

    /// The PHC string of `password`.
    pub async fn hash(&self, password: &str) -> Result<String, ApiError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("system.shutdown"))?;
        let password = zeroize::Zeroizing::new(password.as_bytes().to_vec());
        tokio::task::spawn_blocking(move || hash_blocking(&password))
            .await
            .map_err(|_| ApiError::internal("system.password_hash.failed"))?
    }

    /// Whether `password` matches `stored` (a PHC string); `None` checks against the dummy hash and is false.
    pub async fn verify(&self, password: &str, stored: Option<String>) -> Result<bool, ApiError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("system.shutdown"))?;
        let password = zeroize::Zeroizing::new(password.as_bytes().to_vec());
        let known = stored.is_some();
        let phc = stored.unwrap_or_else(|| self.dummy.to_string());
        tokio::task::spawn_blocking(move || {
            let Ok(hash) = PasswordHash::new(&phc) else {
                return false;
            };
            // The parameters are read from the stored string, so older settings still verify.
            let ok = Argon2::default().verify_password(&password, &hash).is_ok();
            ok && known
        })
        .await
        .map_err(|_| ApiError::internal("system.password_hash.failed"))
    }
}
