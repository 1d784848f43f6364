//! secret rules.
