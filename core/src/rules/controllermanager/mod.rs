//! kube-controller-manager flags.

pub mod exposed_bind_address;
pub mod missing_service_account_keys;
pub mod profiling;
pub mod shared_credentials;
pub mod unbounded_terminated_pods;
