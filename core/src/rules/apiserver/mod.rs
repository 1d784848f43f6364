//! kube-apiserver flags (static pods, kubeadm ClusterConfiguration).

pub mod admission_plugins;
pub mod alpha_apis;
pub mod alpha_feature_gates;
pub mod anonymous_auth;
pub mod authorization_mode;
pub mod etcd_without_tls;
pub mod insecure_port;
pub mod kubelet_without_tls;
pub mod long_request_timeout;
pub mod missing_audit_log;
pub mod missing_encryption_config;
pub mod missing_service_account_key;
pub mod missing_tls_files;
pub mod profiling;
pub mod service_account_lookup_disabled;
pub mod static_credentials;
pub mod weak_tls;
