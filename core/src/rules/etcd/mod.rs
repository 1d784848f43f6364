//! etcd flags (static pods, kubeadm ClusterConfiguration).

pub mod auto_tls;
pub mod client_cert_auth_disabled;
pub mod http_urls;
pub mod missing_tls_files;
pub mod wildcard_listen;
