//! Suppression hygiene: every `ignore.kubeward.dev/<rule-id>` annotation must name a rule, give
//! a reason, and suppress something.
pub mod missing_reason;
pub mod unknown_rule;
pub mod unused;
