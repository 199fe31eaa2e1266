//! The `User` aggregate: one account and the rules that tie its fields together.
//!
//! Each field is a validated type of its own ([`Email`], [`DisplayName`], [`Locale`], …); what this file adds
//! are the rules across fields: the last activity and the e-mail confirmation are never before the account's
//! creation, the status only moves along its life cycle, and changing the address forgets its confirmation.
//!
//! A user is built either by [`User::sign_up`] (a new account, active, role `user`, created now) or from
//! stored fields by [`User::from_fields`], which JSON deserialization also goes through, so a stored user that
//! breaks a rule cannot be loaded.
//!
//! Passwords are not part of the aggregate: the password hash is stored and checked outside the domain.
//!
//! ```
//! use cesizen_core::id::UserId;
//! use cesizen_core::user::{AccountStatus, DisplayName, Email, IanaTimeZone, Locale, User};
//! use chrono::{Duration, TimeZone, Utc};
//!
//! let now = Utc.with_ymd_and_hms(2025, 6, 1, 8, 0, 0).unwrap();
//! let mut user = User::sign_up(
//!     UserId::new(now)?,
//!     Email::parse("camille@example.fr")?,
//!     DisplayName::parse("Camille")?,
//!     Locale::parse("fr-FR")?,
//!     IanaTimeZone::EUROPE_PARIS,
//!     now,
//! );
//! user.record_activity(now + Duration::minutes(20))?;
//! user.change_status(AccountStatus::Deactivated)?;
//! let json = serde_json::to_value(&user)?;
//! assert_eq!(json["displayName"], "Camille");
//! assert_eq!(json["status"], "deactivated");
//! assert_eq!(serde_json::from_value::<User>(json)?, user);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{DateTime, Utc};

use super::{AccountStatus, DisplayName, Email, IanaTimeZone, Locale, Role, UserError};
use crate::id::UserId;

/// A user account. Serialized in camelCase; deserialization checks every rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", try_from = "UserFields")]
pub struct User {
    id: UserId,
    email: Email,
    display_name: DisplayName,
    role: Role,
    status: AccountStatus,
    locale: Locale,
    time_zone: IanaTimeZone,
    created_at: DateTime<Utc>,
    last_active_at: DateTime<Utc>,
    email_confirmed_at: Option<DateTime<Utc>>,
}

/// The fields of a [`User`], each valid on its own but not yet checked together; the input of
/// [`User::from_fields`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserFields {
    /// The account's identifier.
    pub id: UserId,
    /// The sign-in and contact address.
    pub email: Email,
    /// The name shown in the app.
    pub display_name: DisplayName,
    /// What the account may do.
    pub role: Role,
    /// Where the account is in its life cycle.
    pub status: AccountStatus,
    /// The language of the interface and of e-mails.
    pub locale: Locale,
    /// The zone in which days and weeks are counted.
    pub time_zone: IanaTimeZone,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// The latest activity seen; not before `created_at`.
    pub last_active_at: DateTime<Utc>,
    /// When the current address was confirmed, if it was; not before `created_at`.
    #[serde(default)]
    pub email_confirmed_at: Option<DateTime<Utc>>,
}

impl User {
    /// A new account created at `now`: active, role `user`, address not yet confirmed, last active now.
    pub fn sign_up(
        id: UserId,
        email: Email,
        display_name: DisplayName,
        locale: Locale,
        time_zone: IanaTimeZone,
        now: DateTime<Utc>,
    ) -> Self {
        User {
            id,
            email,
            display_name,
            role: Role::User,
            status: AccountStatus::Active,
            locale,
            time_zone,
            created_at: now,
            last_active_at: now,
            email_confirmed_at: None,
        }
    }

    /// Rebuilds an account from its fields.
    ///
    /// # Errors
    /// `validation.user.last_activity_before_creation` or `validation.user.email_confirmed_before_creation`.
    pub fn from_fields(fields: UserFields) -> Result<Self, UserError> {
        if fields.last_active_at < fields.created_at {
            return Err(UserError::LastActivityBeforeCreation);
        }
        if fields.email_confirmed_at.is_some_and(|at| at < fields.created_at) {
            return Err(UserError::EmailConfirmedBeforeCreation);
        }
        Ok(User {
            id: fields.id,
            email: fields.email,
            display_name: fields.display_name,
            role: fields.role,
            status: fields.status,
            locale: fields.locale,
            time_zone: fields.time_zone,
            created_at: fields.created_at,
            last_active_at: fields.last_active_at,
            email_confirmed_at: fields.email_confirmed_at,
        })
    }

    /// The account's identifier.
    pub fn id(&self) -> UserId {
        self.id
    }

    /// The sign-in and contact address.
    pub fn email(&self) -> &Email {
        &self.email
    }

    /// The name shown in the app.
    pub fn display_name(&self) -> &DisplayName {
        &self.display_name
    }

    /// What the account may do.
    pub fn role(&self) -> Role {
        self.role
    }

    /// Where the account is in its life cycle.
    pub fn status(&self) -> AccountStatus {
        self.status
    }

    /// The language of the interface and of e-mails.
    pub fn locale(&self) -> &Locale {
        &self.locale
    }

    /// The zone in which the user's days and weeks are counted.
    pub fn time_zone(&self) -> IanaTimeZone {
        self.time_zone
    }

    /// When the account was created.
    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }

    /// The latest activity seen.
    pub fn last_active_at(&self) -> DateTime<Utc> {
        self.last_active_at
    }

    /// When the current address was confirmed, if it was.
    pub fn email_confirmed_at(&self) -> Option<DateTime<Utc>> {
        self.email_confirmed_at
    }

    /// Records activity at `at`. Activity reported out of order never moves the last activity backwards.
    ///
    /// # Errors
    /// `validation.user.last_activity_before_creation` when `at` is before the account's creation.
    pub fn record_activity(&mut self, at: DateTime<Utc>) -> Result<(), UserError> {
        if at < self.created_at {
            return Err(UserError::LastActivityBeforeCreation);
        }
        self.last_active_at = self.last_active_at.max(at);
        Ok(())
    }

    /// Records that the current address was confirmed at `at`; a second confirmation keeps the first time.
    ///
    /// # Errors
    /// `validation.user.email_confirmed_before_creation` when `at` is before the account's creation.
    pub fn confirm_email(&mut self, at: DateTime<Utc>) -> Result<(), UserError> {
        if at < self.created_at {
            return Err(UserError::EmailConfirmedBeforeCreation);
        }
        self.email_confirmed_at.get_or_insert(at);
        Ok(())
    }

    /// Replaces the address. A different address must be confirmed again, so its confirmation is forgotten.
    pub fn change_email(&mut self, email: Email) {
        if email != self.email {
            self.email = email;
            self.email_confirmed_at = None;
        }
    }

    /// Replaces the display name.
    pub fn rename(&mut self, display_name: DisplayName) {
        self.display_name = display_name;
    }

    /// Replaces the locale.
    pub fn set_locale(&mut self, locale: Locale) {
        self.locale = locale;
    }

    /// Replaces the time zone.
    pub fn set_time_zone(&mut self, time_zone: IanaTimeZone) {
        self.time_zone = time_zone;
    }

    /// Gives the account `role`; returns whether the role changed. A change of administrator privilege is a
    /// critical security event for the plan: the caller raises it when this returns `true`.
    pub fn set_role(&mut self, role: Role) -> bool {
        let changed = self.role != role;
        self.role = role;
        changed
    }

    /// Moves the account to `next` along its life cycle.
    ///
    /// # Errors
    /// `workflow.account_status.illegal_transition`; the account is unchanged.
    pub fn change_status(&mut self, next: AccountStatus) -> Result<(), UserError> {
        self.status = self.status.transition_to(next)?;
        Ok(())
    }
}

impl TryFrom<UserFields> for User {
    type Error = UserError;

    fn try_from(fields: UserFields) -> Result<Self, Self::Error> {
        User::from_fields(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone};
    use proptest::prelude::*;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).unwrap()
    }

    fn camille() -> User {
        User::sign_up(
            UserId::from_parts(t0(), [5; 10]).unwrap(),
            Email::parse("Camille@Example.fr").unwrap(),
            DisplayName::parse("Camille").unwrap(),
            Locale::parse("fr-FR").unwrap(),
            IanaTimeZone::EUROPE_PARIS,
            t0(),
        )
    }

    #[test]
    fn sign_up_makes_an_active_unconfirmed_user() {
        let user = camille();
        assert_eq!(user.role(), Role::User);
        assert_eq!(user.status(), AccountStatus::Active);
        assert_eq!((user.created_at(), user.last_active_at()), (t0(), t0()));
        assert_eq!(user.email_confirmed_at(), None);
        assert_eq!(user.email().as_str(), "Camille@example.fr");
    }

    #[test]
    fn activity_never_goes_back_nor_before_creation() {
        let mut user = camille();
        user.record_activity(t0() + TimeDelta::hours(2)).unwrap();
        user.record_activity(t0() + TimeDelta::hours(1)).unwrap();
        assert_eq!(user.last_active_at(), t0() + TimeDelta::hours(2));
        let error = user.record_activity(t0() - TimeDelta::seconds(1)).unwrap_err();
        assert_eq!(error.code(), "validation.user.last_activity_before_creation");
    }

    #[test]
    fn confirmation_is_kept_until_the_address_changes() {
        let mut user = camille();
        assert_eq!(
            user.confirm_email(t0() - TimeDelta::seconds(1)).unwrap_err().code(),
            "validation.user.email_confirmed_before_creation"
        );
        user.confirm_email(t0() + TimeDelta::minutes(5)).unwrap();
        user.confirm_email(t0() + TimeDelta::minutes(9)).unwrap();
        assert_eq!(user.email_confirmed_at(), Some(t0() + TimeDelta::minutes(5)));
        user.change_email(Email::parse("Camille@EXAMPLE.FR").unwrap());
        assert!(user.email_confirmed_at().is_some(), "same address after normalisation");
        user.change_email(Email::parse("camille.b@example.fr").unwrap());
        assert_eq!(user.email_confirmed_at(), None);
    }

    #[test]
    fn role_changes_are_reported() {
        let mut user = camille();
        assert!(!user.set_role(Role::User));
        assert!(user.set_role(Role::Admin));
        assert_eq!(user.role(), Role::Admin);
    }

    #[test]
    fn status_follows_the_life_cycle() {
        let mut user = camille();
        user.change_status(AccountStatus::ErasurePending).unwrap();
        let error = user.change_status(AccountStatus::Deactivated).unwrap_err();
        assert_eq!(error.code(), "workflow.account_status.illegal_transition");
        assert_eq!(user.status(), AccountStatus::ErasurePending);
        user.change_status(AccountStatus::Erased).unwrap();
    }

    #[test]
    fn profile_setters_replace_fields() {
        let mut user = camille();
        user.rename(DisplayName::parse("Cam").unwrap());
        user.set_locale(Locale::parse("en-GB").unwrap());
        user.set_time_zone(IanaTimeZone::parse("America/Martinique").unwrap());
        assert_eq!(user.display_name().as_str(), "Cam");
        assert_eq!(user.locale().as_str(), "en-GB");
        assert_eq!(user.time_zone().name(), "America/Martinique");
    }

    #[test]
    fn json_is_camel_case_and_checked_on_read() {
        let mut user = camille();
        user.confirm_email(t0()).unwrap();
        let json = serde_json::to_value(&user).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "createdAt",
                "displayName",
                "email",
                "emailConfirmedAt",
                "id",
                "lastActiveAt",
                "locale",
                "role",
                "status",
                "timeZone"
            ]
        );
        assert_eq!(json["createdAt"], "2025-01-06T09:00:00Z");
        assert_eq!(json["timeZone"], "Europe/Paris");
        assert_eq!(serde_json::from_value::<User>(json.clone()).unwrap(), user);

        let mut early = json.clone();
        early["lastActiveAt"] = "2025-01-06T08:59:59Z".into();
        let error = serde_json::from_value::<User>(early).unwrap_err().to_string();
        assert!(error.contains("last activity"), "{error}");
        let mut bad_email = json;
        bad_email["email"] = "camille@".into();
        assert!(serde_json::from_value::<User>(bad_email).is_err());
    }

    proptest! {
        #[test]
        fn from_fields_accepts_exactly_the_ordered_times(created in 0i64..1_000_000, active in 0i64..1_000_000,
                                                         confirmed in proptest::option::of(0i64..1_000_000)) {
            let at = |s: i64| t0() + TimeDelta::seconds(s);
            let base = camille();
            let fields = UserFields {
                id: base.id(),
                email: base.email().clone(),
                display_name: base.display_name().clone(),
                role: Role::Admin,
                status: AccountStatus::Deactivated,
                locale: base.locale().clone(),
                time_zone: base.time_zone(),
                created_at: at(created),
                last_active_at: at(active),
                email_confirmed_at: confirmed.map(at),
            };
            let valid = active >= created && confirmed.is_none_or(|c| c >= created);
            match User::from_fields(fields) {
                Ok(user) => {
                    prop_assert!(valid);
                    let json = serde_json::to_string(&user).unwrap();
                    prop_assert_eq!(serde_json::from_str::<User>(&json).unwrap(), user);
                }
                Err(_) => prop_assert!(!valid),
            }
        }
    }
}
