//! serviceaccount rules.
