//! The life cycle of an account, and the only moves it allows.
//!
//! | from \ to        | active           | deactivated | erasure pending | erased          |
//! |-------------------|------------------|-------------|-----------------|-----------------|
//! | active            | –                | deactivate  | request erasure | –               |
//! | deactivated       | reactivate       | –           | request erasure | –               |
//! | erasure pending   | cancel erasure   | –           | –               | erasure done    |
//! | erased            | –                | –           | –               | –               |
//!
//! Erasure is pending while the GDPR erasure runs (the plan promises completion within 30 days); during that
//! time the user may change their mind and the account returns to *active*. Once *erased* nothing follows: the
//! data is gone. Staying in the same status is not a move and is refused too, so a caller can never record a
//! transition that did not happen.
//!
//! ```
//! use cesizen_core::user::AccountStatus;
//!
//! let status = AccountStatus::Active.transition_to(AccountStatus::ErasurePending)?;
//! assert_eq!(status.transition_to(AccountStatus::Erased)?, AccountStatus::Erased);
//! let refused = AccountStatus::Erased.transition_to(AccountStatus::Active).unwrap_err();
//! assert_eq!(refused.code(), "workflow.account_status.illegal_transition");
//! # Ok::<(), cesizen_core::user::UserError>(())
//! ```

use super::UserError;

/// Where an account is in its life cycle. Serialized in snake case: `"active"`, `"deactivated"`,
/// `"erasure_pending"`, `"erased"`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// The account can sign in and use the app.
    Active,
    /// The account is switched off (by its owner or an administrator) but its data is kept.
    Deactivated,
    /// The owner asked for erasure; the data is being erased and sign-in is refused.
    ErasurePending,
    /// The data has been erased. Final.
    Erased,
}

impl AccountStatus {
    /// Every status, in life-cycle order.
    pub const ALL: [AccountStatus; 4] = [
        AccountStatus::Active,
        AccountStatus::Deactivated,
        AccountStatus::ErasurePending,
        AccountStatus::Erased,
    ];

    /// Whether the move from `self` to `next` is allowed.
    pub fn can_transition_to(self, next: AccountStatus) -> bool {
        use AccountStatus::*;
        matches!(
            (self, next),
            (Active, Deactivated)
                | (Deactivated, Active)
                | (Active | Deactivated, ErasurePending)
                | (ErasurePending, Active)
                | (ErasurePending, Erased)
        )
    }

    /// Moves to `next` when the life cycle allows it.
    ///
    /// # Errors
    /// `workflow.account_status.illegal_transition` for any other move, including staying in place.
    pub fn transition_to(self, next: AccountStatus) -> Result<AccountStatus, UserError> {
        if self.can_transition_to(next) {
            Ok(next)
        } else {
            Err(UserError::IllegalStatusTransition { from: self, to: next })
        }
    }

    /// Whether an account in this status may sign in.
    pub fn can_sign_in(self) -> bool {
        self == AccountStatus::Active
    }

    /// The stable name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Deactivated => "deactivated",
            AccountStatus::ErasurePending => "erasure_pending",
            AccountStatus::Erased => "erased",
        }
    }
}

impl core::fmt::Display for AccountStatus {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::AccountStatus::*;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_allowed_moves_are_exactly_these() {
        let allowed = [
            (Active, Deactivated),
            (Deactivated, Active),
            (Active, ErasurePending),
            (Deactivated, ErasurePending),
            (ErasurePending, Active),
            (ErasurePending, Erased),
        ];
        for from in AccountStatus::ALL {
            for to in AccountStatus::ALL {
                let expected = allowed.contains(&(from, to));
                assert_eq!(from.can_transition_to(to), expected, "{from} -> {to}");
                match from.transition_to(to) {
                    Ok(next) => assert_eq!(next, to),
                    Err(e) => {
                        assert_eq!(e, UserError::IllegalStatusTransition { from, to });
                        assert_eq!(e.code(), "workflow.account_status.illegal_transition");
                    }
                }
            }
        }
    }

    #[test]
    fn only_active_accounts_sign_in() {
        let signing_in: Vec<_> = AccountStatus::ALL.into_iter().filter(|s| s.can_sign_in()).collect();
        assert_eq!(signing_in, [Active]);
    }

    #[test]
    fn serializes_as_snake_case_names() {
        for status in AccountStatus::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(serde_json::from_str::<AccountStatus>(&json).unwrap(), status);
        }
    }

    proptest! {
        #[test]
        fn erased_is_final_and_every_path_stays_legal(moves in proptest::collection::vec(0usize..4, 0..20)) {
            let mut status = Active;
            for index in moves {
                let next = AccountStatus::ALL[index];
                match status.transition_to(next) {
                    Ok(moved) => { prop_assert_ne!(status, Erased); status = moved; }
                    Err(_) => prop_assert!(!status.can_transition_to(next)),
                }
            }
        }
    }
}
