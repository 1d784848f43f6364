//! Pod Security Standards: one rule per upstream pod-security-admission check.
pub mod host_namespaces;
pub mod privileged;
