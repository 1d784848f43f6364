//! Kubernetes object validity: what the API server would reject or silently drop.
pub mod invalid_type;
pub mod not_kubernetes;
pub mod unknown_field;
