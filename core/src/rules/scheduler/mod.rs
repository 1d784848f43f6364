//! kube-scheduler flags.

pub mod exposed_bind_address;
pub mod profiling;
