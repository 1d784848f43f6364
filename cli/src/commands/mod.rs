//! One module per subcommand.
pub mod lint;
pub mod rbac;
pub mod rules;
