//! workload rules.

pub mod default_namespace;
pub mod empty_dir_size_limit_missing;
pub mod host_aliases;
pub mod host_path_sensitive;
pub mod node_name;
pub mod share_process_namespace;
