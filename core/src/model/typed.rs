//! Typed decoding of the kinds rules read, through k8s-openapi.
//!
//! Decoding uses the same strictness as the API server's JSON decode after `YAMLToJSON`: a wrong
//! type is an error at its location, an unknown field is collected (the server drops it). Kinds
//! and versions k8s-openapi does not know (CRDs, removed API versions) stay generic.

use crate::source::{DeError, IgnoredField, NodeRef, from_node};
use k8s_openapi::Resource;
use k8s_openapi::api::{
    admissionregistration::v1 as admission, apps::v1 as apps, batch::v1 as batch,
    certificates::v1 as certificates, core::v1 as core, networking::v1 as networking,
    policy::v1 as policy, rbac::v1 as rbac, storage::v1 as storage,
};

macro_rules! typed_kinds {
    ($($var:ident => $ty:ty),* $(,)?) => {
        /// An object decoded into its k8s-openapi type.
        #[derive(Debug, Clone)]
        pub enum Typed {
            $(#[doc = concat!("`", stringify!($ty), "`")] $var(Box<$ty>),)*
        }

        /// Decodes `node` when `api_version`/`kind` is a kind kubeward knows; `None` otherwise.
        #[must_use]
        pub fn decode(api_version: &str, kind: &str, node: NodeRef<'_>) -> Option<Result<(Typed, Vec<IgnoredField>), DeError>> {
            $(
                if kind == <$ty as Resource>::KIND && api_version == <$ty as Resource>::API_VERSION {
                    return Some(from_node::<$ty>(node).map(|(t, ignored)| (Typed::$var(Box::new(t)), ignored)));
                }
            )*
            None
        }

        /// Every (apiVersion, kind) that is decoded.
        pub const KNOWN: &[(&str, &str)] = &[$((<$ty as Resource>::API_VERSION, <$ty as Resource>::KIND)),*];
    };
}

typed_kinds! {
    Pod => core::Pod,
    PodTemplate => core::PodTemplate,
    ReplicationController => core::ReplicationController,
    Service => core::Service,
    ServiceAccount => core::ServiceAccount,
    Namespace => core::Namespace,
    Secret => core::Secret,
    ConfigMap => core::ConfigMap,
    ResourceQuota => core::ResourceQuota,
    LimitRange => core::LimitRange,
    PersistentVolume => core::PersistentVolume,
    PersistentVolumeClaim => core::PersistentVolumeClaim,
    Endpoints => core::Endpoints,
    Deployment => apps::Deployment,
    StatefulSet => apps::StatefulSet,
    DaemonSet => apps::DaemonSet,
    ReplicaSet => apps::ReplicaSet,
    Job => batch::Job,
    CronJob => batch::CronJob,
    Role => rbac::Role,
    ClusterRole => rbac::ClusterRole,
    RoleBinding => rbac::RoleBinding,
    ClusterRoleBinding => rbac::ClusterRoleBinding,
    NetworkPolicy => networking::NetworkPolicy,
    Ingress => networking::Ingress,
    IngressClass => networking::IngressClass,
    PodDisruptionBudget => policy::PodDisruptionBudget,
    MutatingWebhookConfiguration => admission::MutatingWebhookConfiguration,
    ValidatingWebhookConfiguration => admission::ValidatingWebhookConfiguration,
    CertificateSigningRequest => certificates::CertificateSigningRequest,
    StorageClass => storage::StorageClass,
}
