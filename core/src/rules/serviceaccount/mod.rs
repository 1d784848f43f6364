//! serviceaccount rules.

pub mod default_used;
pub mod token_automount;
