//! What the RBAC engine is given: typed roles, bindings, ServiceAccounts, Namespaces and facts
//! about workloads, each with the [`Origin`] it was written at.
//!
//! Objects are converted on the way in to compact definitions; nothing here does I/O. An object
//! without a name is skipped and noted. A namespaced object without `metadata.namespace` is put in
//! `default`, where `kubectl apply` without `-n` would put it.

use super::rule::Rule;
use super::subject::SubjectRef;
use crate::model::Origin;
use compact_str::CompactString;
use k8s_openapi::api::core::v1::{Namespace, ServiceAccount};
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding, Subject};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The namespace of a namespaced object written without one.
pub const DEFAULT_NAMESPACE: &str = "default";
/// The Pod Security `enforce` label.
pub const PSS_ENFORCE_LABEL: &str = "pod-security.kubernetes.io/enforce";

/// A Kubernetes minor version (`v1.NN`); selects version-dependent facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct K8sVersion {
    pub minor: u32,
}

impl K8sVersion {
    /// The newest version whose facts kubeward knows (the default, `latest`).
    pub const LATEST: Self = Self { minor: 36 };

    /// Parses `latest`, `v1.NN` or `1.NN`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        if s == "latest" {
            return Some(Self::LATEST);
        }
        let rest = s.strip_prefix('v').unwrap_or(s).strip_prefix("1.")?;
        rest.parse().ok().map(|minor| Self { minor })
    }

    /// True before `1.minor`.
    #[must_use]
    pub fn before(self, minor: u32) -> bool {
        self.minor < minor
    }
}

impl Default for K8sVersion {
    fn default() -> Self {
        Self::LATEST
    }
}

impl std::fmt::Display for K8sVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "v1.{}", self.minor)
    }
}

/// What the engine needs to know about one workload (a Pod or any pod-templating kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadFacts {
    /// Shared with the lint's corpus object and with the evidence of the graph's edges.
    pub origin: Arc<Origin>,
    /// `metadata.namespace`, or `default`.
    pub namespace: CompactString,
    /// `spec.serviceAccountName` (`default` when absent).
    pub service_account: CompactString,
    /// The pod's `automountServiceAccountToken`.
    pub automount_token: Option<bool>,
    /// `spec.nodeName`.
    pub node_name: Option<CompactString>,
    /// Any container runs privileged.
    pub privileged: bool,
    pub host_pid: bool,
    pub host_network: bool,
    /// Any `hostPath` volume.
    pub host_path: bool,
    /// `Pod`, `Deployment`, …
    pub kind: CompactString,
}

impl WorkloadFacts {
    /// Facts for a workload with defaults (ServiceAccount `default`, nothing privileged).
    #[must_use]
    pub fn new(origin: impl Into<Arc<Origin>>, namespace: &str, kind: &str) -> Self {
        Self {
            origin: origin.into(),
            namespace: namespace.into(),
            service_account: "default".into(),
            automount_token: None,
            node_name: None,
            privileged: false,
            host_pid: false,
            host_network: false,
            host_path: false,
            kind: kind.into(),
        }
    }

    /// True when a shell in this workload's pods is root on the node.
    #[must_use]
    pub fn escapes_to_node(&self) -> bool {
        self.privileged || self.host_path
    }
}

/// A role or cluster role, converted.
#[derive(Debug, Clone)]
pub(crate) struct RoleDef {
    pub name: Box<str>,
    /// `None` for a ClusterRole.
    pub namespace: Option<Box<str>>,
    pub labels: BTreeMap<String, String>,
    pub aggregation: Option<Vec<LabelSelector>>,
    pub rules: Vec<Rule>,
    pub origin: Arc<Origin>,
    pub builtin: bool,
}

/// `roleRef.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoleKind {
    Role,
    ClusterRole,
}

/// A binding, converted.
#[derive(Debug, Clone)]
pub(crate) struct BindingDef {
    pub name: Box<str>,
    /// `None` for a ClusterRoleBinding.
    pub namespace: Option<Box<str>>,
    /// `None` for a kind the API server rejects (a CRB to a Role, an unknown kind).
    pub role_kind: Option<RoleKind>,
    pub role_name: Box<str>,
    /// Index-aligned with `subjects`; `None` for a subject that never matches (unknown kind, a
    /// ServiceAccount without namespace in a ClusterRoleBinding).
    pub subjects: Vec<Option<SubjectRef>>,
    pub origin: Arc<Origin>,
    pub builtin: bool,
}

/// A ServiceAccount (declared, or known to exist).
#[derive(Debug, Clone)]
pub(crate) struct SaDef {
    pub namespace: Box<str>,
    pub name: Box<str>,
    pub automount: Option<bool>,
    pub origin: Option<Arc<Origin>>,
}

/// A Namespace object.
#[derive(Debug, Clone)]
pub(crate) struct NamespaceDef {
    pub name: Box<str>,
    pub enforce: Option<String>,
    pub origin: Arc<Origin>,
}

/// A Secret of type `kubernetes.io/service-account-token`.
#[derive(Debug, Clone)]
pub(crate) struct TokenSecretDef {
    pub namespace: Box<str>,
    pub name: Box<str>,
    pub service_account: Box<str>,
    pub origin: Arc<Origin>,
}

/// Everything the RBAC engine analyses. Build it, then hand it to
/// [`Authorizer::new`](super::Authorizer::new) or [`analyze`](super::analyze).
#[derive(Debug, Clone, Default)]
pub struct RbacInput {
    pub(crate) roles: Vec<RoleDef>,
    pub(crate) bindings: Vec<BindingDef>,
    pub(crate) service_accounts: Vec<SaDef>,
    pub(crate) namespaces: Vec<NamespaceDef>,
    /// Shared with the corpus stage, which keeps the same facts of each workload.
    pub(crate) workloads: Vec<Arc<WorkloadFacts>>,
    pub(crate) token_secrets: Vec<TokenSecretDef>,
    pub(crate) version: K8sVersion,
    /// Objects that were skipped, with why.
    pub(crate) notes: Vec<(Arc<Origin>, String)>,
}

fn meta_name(meta: &ObjectMeta) -> Option<Box<str>> {
    meta.name.as_deref().filter(|n| !n.is_empty()).map(Box::from)
}

fn meta_ns(meta: &ObjectMeta) -> Box<str> {
    Box::from(meta.namespace.as_deref().filter(|n| !n.is_empty()).unwrap_or(DEFAULT_NAMESPACE))
}

/// Converts one subject; `binding_ns` is the RoleBinding's namespace (`None` for a CRB).
pub(crate) fn subject(s: &Subject, binding_ns: Option<&str>) -> Option<SubjectRef> {
    match s.kind.as_str() {
        "User" => Some(SubjectRef::user(&s.name)),
        "Group" => Some(SubjectRef::group(&s.name)),
        "ServiceAccount" => {
            let ns = s.namespace.as_deref().filter(|n| !n.is_empty()).or(binding_ns)?;
            Some(SubjectRef::sa(ns, &s.name))
        }
        _ => None,
    }
}

impl RbacInput {
    /// An empty input for the latest Kubernetes version (no built-in policy).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An input that already holds Kubernetes' bootstrap policy (default roles, bindings, the
    /// controller ServiceAccounts of `kube-system`).
    #[must_use]
    pub fn with_builtin(version: K8sVersion) -> Self {
        let mut input = Self { version, ..Self::default() };
        super::bootstrap::add_to(&mut input);
        input
    }

    /// Selects version-dependent facts.
    pub fn set_version(&mut self, version: K8sVersion) {
        self.version = version;
    }

    /// The Kubernetes version in use.
    #[must_use]
    pub fn version(&self) -> K8sVersion {
        self.version
    }

    /// Objects that were skipped, with why (a role without a name, …).
    #[must_use]
    pub fn notes(&self) -> &[(Arc<Origin>, String)] {
        &self.notes
    }

    fn skip(&mut self, origin: Origin, why: &str) {
        self.notes.push((Arc::new(origin), why.to_owned()));
    }

    pub(crate) fn push_cluster_role(&mut self, r: &ClusterRole, origin: Origin, builtin: bool) {
        let Some(name) = meta_name(&r.metadata) else {
            return self.skip(origin, "ClusterRole without a name");
        };
        self.roles.push(RoleDef {
            name,
            namespace: None,
            labels: r.metadata.labels.clone().unwrap_or_default(),
            aggregation: r
                .aggregation_rule
                .as_ref()
                .map(|a| a.cluster_role_selectors.clone().unwrap_or_default()),
            rules: r.rules.iter().flatten().map(Rule::from_policy).collect(),
            origin: Arc::new(origin),
            builtin,
        });
    }

    pub(crate) fn push_role(&mut self, r: &Role, origin: Origin, builtin: bool) {
        let Some(name) = meta_name(&r.metadata) else {
            return self.skip(origin, "Role without a name");
        };
        self.roles.push(RoleDef {
            name,
            namespace: Some(meta_ns(&r.metadata)),
            labels: r.metadata.labels.clone().unwrap_or_default(),
            aggregation: None,
            rules: r.rules.iter().flatten().map(Rule::from_policy).collect(),
            origin: Arc::new(origin),
            builtin,
        });
    }

    pub(crate) fn push_cluster_role_binding(
        &mut self,
        b: &ClusterRoleBinding,
        origin: Origin,
        builtin: bool,
    ) {
        let Some(name) = meta_name(&b.metadata) else {
            return self.skip(origin, "ClusterRoleBinding without a name");
        };
        let role_kind = (b.role_ref.kind == "ClusterRole").then_some(RoleKind::ClusterRole);
        self.bindings.push(BindingDef {
            name,
            namespace: None,
            role_kind,
            role_name: Box::from(b.role_ref.name.as_str()),
            subjects: b.subjects.iter().flatten().map(|s| subject(s, None)).collect(),
            origin: Arc::new(origin),
            builtin,
        });
    }

    pub(crate) fn push_role_binding(&mut self, b: &RoleBinding, origin: Origin, builtin: bool) {
        let Some(name) = meta_name(&b.metadata) else {
            return self.skip(origin, "RoleBinding without a name");
        };
        let ns = meta_ns(&b.metadata);
        let role_kind = match b.role_ref.kind.as_str() {
            "Role" => Some(RoleKind::Role),
            "ClusterRole" => Some(RoleKind::ClusterRole),
            _ => None,
        };
        let subjects = b.subjects.iter().flatten().map(|s| subject(s, Some(&ns))).collect();
        self.bindings.push(BindingDef {
            name,
            namespace: Some(ns),
            role_kind,
            role_name: Box::from(b.role_ref.name.as_str()),
            subjects,
            origin: Arc::new(origin),
            builtin,
        });
    }

    /// Adds a ClusterRole.
    pub fn add_cluster_role(&mut self, role: &ClusterRole, origin: Origin) {
        self.push_cluster_role(role, origin, false);
    }

    /// Adds a Role.
    pub fn add_role(&mut self, role: &Role, origin: Origin) {
        self.push_role(role, origin, false);
    }

    /// Adds a ClusterRoleBinding.
    pub fn add_cluster_role_binding(&mut self, binding: &ClusterRoleBinding, origin: Origin) {
        self.push_cluster_role_binding(binding, origin, false);
    }

    /// Adds a RoleBinding.
    pub fn add_role_binding(&mut self, binding: &RoleBinding, origin: Origin) {
        self.push_role_binding(binding, origin, false);
    }

    /// Adds a ServiceAccount (it exists, so a pod may run as it).
    pub fn add_service_account(&mut self, sa: &ServiceAccount, origin: Origin) {
        let Some(name) = meta_name(&sa.metadata) else {
            return self.skip(origin, "ServiceAccount without a name");
        };
        self.service_accounts.push(SaDef {
            namespace: meta_ns(&sa.metadata),
            name,
            automount: sa.automount_service_account_token,
            origin: Some(Arc::new(origin)),
        });
    }

    /// Records that a ServiceAccount exists without a manifest for it (for example one that a
    /// chart or the controller manager creates).
    pub fn add_existing_service_account(&mut self, namespace: &str, name: &str) {
        self.service_accounts.push(SaDef {
            namespace: Box::from(namespace),
            name: Box::from(name),
            automount: None,
            origin: None,
        });
    }

    /// Adds a Namespace (its `pod-security.kubernetes.io/enforce` label sets its Pod Security level).
    pub fn add_namespace(&mut self, ns: &Namespace, origin: Origin) {
        let Some(name) = meta_name(&ns.metadata) else {
            return self.skip(origin, "Namespace without a name");
        };
        let enforce = ns.metadata.labels.as_ref().and_then(|l| l.get(PSS_ENFORCE_LABEL)).cloned();
        self.namespaces.push(NamespaceDef { name, enforce, origin: Arc::new(origin) });
    }

    /// Adds a workload.
    pub fn add_workload(&mut self, workload: WorkloadFacts) {
        self.workloads.push(Arc::new(workload));
    }

    /// Adds a workload whose facts the caller keeps too (the lint's corpus stage).
    pub fn add_shared_workload(&mut self, workload: Arc<WorkloadFacts>) {
        self.workloads.push(workload);
    }

    /// Makes room for `additional` more workloads at once (a large run adds tens of thousands).
    pub fn reserve_workloads(&mut self, additional: usize) {
        self.workloads.reserve_exact(additional);
    }

    /// Adds a Secret of type `kubernetes.io/service-account-token` (`name` is the Secret's, and
    /// `service_account` its `kubernetes.io/service-account.name` annotation).
    pub fn add_token_secret(
        &mut self,
        origin: Origin,
        namespace: &str,
        name: &str,
        service_account: &str,
    ) {
        self.token_secrets.push(TokenSecretDef {
            namespace: Box::from(namespace),
            name: Box::from(name),
            service_account: Box::from(service_account),
            origin: Arc::new(origin),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(K8sVersion::parse("v1.34"), Some(K8sVersion { minor: 34 }));
        assert_eq!(K8sVersion::parse("1.23"), Some(K8sVersion { minor: 23 }));
        assert_eq!(K8sVersion::parse("latest"), Some(K8sVersion::LATEST));
        assert_eq!(K8sVersion::parse("2.0"), None);
        assert!(K8sVersion { minor: 34 }.before(35));
    }
}
