//! container rules.
