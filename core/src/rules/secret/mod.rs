//! secret rules.

pub mod env_plaintext;
pub mod env_reference;
