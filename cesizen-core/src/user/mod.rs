//! Users: identifiers, e-mail addresses, accounts and their status, password policy, login throttling, single-use tokens.

mod error;

pub use error::UserError;
