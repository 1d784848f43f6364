//! kubeward core: a static security linter for Kubernetes manifests and RBAC.
#![forbid(unsafe_code)]

pub mod diagnostic;
pub mod model;
pub mod pss;
pub mod rbac;
pub mod source;
