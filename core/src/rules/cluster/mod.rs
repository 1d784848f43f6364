//! Cluster-wide layout (third-party workloads in kube-system).

pub mod third_party_in_kube_system;
