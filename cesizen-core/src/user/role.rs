//! What an account may do.

/// The role of an account.
///
/// Serialized as `"user"` or `"admin"`. The plan treats *any* change of administrator privilege as a critical
/// security alert, so [`crate::user::User::set_role`] reports whether the role actually changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A member using the app.
    #[default]
    User,
    /// An administrator managing content and accounts.
    Admin,
}

impl Role {
    /// The stable lowercase name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Admin => "admin",
        }
    }
}

impl core::fmt::Display for Role {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_lowercase_names() {
        for role in [Role::User, Role::Admin] {
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), role);
        }
        assert!(serde_json::from_str::<Role>("\"Admin\"").is_err());
        assert_eq!(Role::default(), Role::User);
    }
}
