//! Users in the database: the `cesizen-core` `User` aggregate, its identifying fields sealed under the user's
//! data key, and the stored forms of enums.

use cesizen_core::id::UserId;
use cesizen_core::user::{AccountStatus, DisplayName, Email, IanaTimeZone, Locale, Role, User, UserFields};
use cesizen_crypto::DataKey;
use serde::de::DeserializeOwned;
use sqlx::{Any, Executor};

use crate::db::{from_micros, micros};
use crate::error::{ApiError, ApiResult, is_unique_violation};
use crate::keys::{open_text, seal};

/// A stored enum (or any value stored as its JSON string form) read back through its serde form, so the
/// stored names are exactly the SDK's serialized names.
pub fn parse_stored<T: DeserializeOwned>(text: &str) -> ApiResult<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|_| ApiError::internal("system.stored_record.invalid"))
}

type UserRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    i64,
    Option<i64>,
);

const USER_COLUMNS: &str = "id, email_sealed, display_name_sealed, locale, time_zone, role, status, created_at, \
                            last_active_at, email_confirmed_at";

/// Loads the account `id`, opening its sealed fields with `key`.
pub async fn load<'e>(executor: impl Executor<'e, Database = Any>, key: &DataKey, id: UserId) -> ApiResult<User> {
    let row: Option<UserRow> = sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(executor)
        .await?;
    let row = row.ok_or_else(ApiError::unauthenticated)?;
    from_row(row, key)
}

fn from_row(row: UserRow, key: &DataKey) -> ApiResult<User> {
    let (id, email, name, locale, time_zone, role, status, created_at, last_active_at, confirmed_at) = row;
    let email = open_text(key, &id, "email", &email)?;
    let name = open_text(key, &id, "display_name", &name)?;
    let invalid = |_| ApiError::internal("system.stored_record.invalid");
    let fields = UserFields {
        id: UserId::parse(&id).map_err(|_| ApiError::internal("system.stored_record.invalid"))?,
        email: Email::parse(&email).map_err(invalid)?,
        display_name: DisplayName::parse(&name).map_err(invalid)?,
        role: parse_stored::<Role>(&role)?,
        status: parse_stored::<AccountStatus>(&status)?,
        locale: Locale::parse(&locale).map_err(invalid)?,
        time_zone: IanaTimeZone::parse(&time_zone).map_err(invalid)?,
        created_at: from_micros(created_at),
        last_active_at: from_micros(last_active_at),
        email_confirmed_at: confirmed_at.map(from_micros),
    };
    Ok(User::from_fields(fields)?)
}

/// The sealed forms of the identifying fields.
pub struct SealedProfile {
    /// The address, sealed.
    pub email: String,
    /// The display name, sealed.
    pub display_name: String,
}

/// Seals the identifying fields of `user` under `key`.
pub fn seal_profile(user: &User, key: &DataKey) -> ApiResult<SealedProfile> {
    let id = user.id().to_string();
    Ok(SealedProfile {
        email: seal(key, &id, "email", user.email().as_str().as_bytes())?,
        display_name: seal(key, &id, "display_name", user.display_name().as_str().as_bytes())?,
    })
}

/// Writes every field of `user` but the password and the creation time; `email_lookup` is the address's
/// pseudonym. Another account's address is 409 `account.email.unavailable`.
pub async fn update<'e>(
    executor: impl Executor<'e, Database = Any>,
    user: &User,
    key: &DataKey,
    email_lookup: &str,
) -> ApiResult<()> {
    let sealed = seal_profile(user, key)?;
    sqlx::query(
        "UPDATE users SET email_lookup = $1, email_sealed = $2, display_name_sealed = $3, locale = $4, \
         time_zone = $5, role = $6, status = $7, last_active_at = $8, email_confirmed_at = $9 WHERE id = $10",
    )
    .bind(email_lookup)
    .bind(sealed.email)
    .bind(sealed.display_name)
    .bind(user.locale().as_str())
    .bind(user.time_zone().name())
    .bind(user.role().as_str())
    .bind(user.status().as_str())
    .bind(micros(user.last_active_at()))
    .bind(user.email_confirmed_at().map(micros))
    .bind(user.id().to_string())
    .execute(executor)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            ApiError::conflict("account.email.unavailable", "this address cannot be used")
        } else {
            e.into()
        }
    })?;
    Ok(())
}
