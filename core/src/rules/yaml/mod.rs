//! YAML structure as the API server reads it (go-yaml v2 through sigs.k8s.io/yaml).
pub mod duplicate_key;
pub mod limit_exceeded;
pub mod syntax_error;
pub mod unsupported_key;
