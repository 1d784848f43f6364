//! The RBAC analysis of a whole run, shared by the `rbac-*` and `serviceaccount-*` corpus rules.

use super::{Corpus, CorpusObject};
use crate::model::Typed;
use crate::rbac::input::DEFAULT_NAMESPACE;
use crate::rbac::{self, Analysis, K8sVersion, PathOptions, RbacInput};
use std::sync::Arc;

/// The RBAC objects of the input (with Kubernetes' bootstrap policy), the authorizer, the
/// permission graph and the escalation paths of every non-trusted subject.
#[derive(Debug)]
pub struct RbacView {
    pub analysis: Analysis,
    /// Whether the input holds any ServiceAccount object, by namespace (as written or `default`).
    pub sa_namespaces: std::collections::BTreeSet<String>,
}

impl RbacView {
    pub(crate) fn build(corpus: &Corpus, trusted: &[String]) -> Self {
        // Without RBAC objects of its own, and without objects in the namespaces the bootstrap
        // policy binds, no path can involve the input: the built-in policy (the bulk of the
        // start-up cost of a one-file run) is then left out, which changes no finding.
        let mut input = if corpus.objects().iter().any(|o| needs_builtin(o.kind(), o.namespace())) {
            RbacInput::with_builtin(K8sVersion::LATEST)
        } else {
            let mut input = RbacInput::default();
            input.set_version(K8sVersion::LATEST);
            input
        };
        let mut sa_namespaces = std::collections::BTreeSet::new();
        // A workload runs the pods of its template (a PodTemplate runs nothing itself).
        let runs = |o: &CorpusObject| o.pod().is_some() && o.kind() != "PodTemplate";
        input.reserve_workloads(corpus.objects().iter().filter(|o| runs(o)).count());
        for o in corpus.objects() {
            if let Some(pod) = o.pod() {
                if runs(o) {
                    input.add_shared_workload(Arc::clone(&pod.rbac));
                }
                continue;
            }
            let Some(t) = o.typed() else { continue };
            if let Typed::ServiceAccount(_) = t {
                sa_namespaces.insert(o.namespace().unwrap_or(DEFAULT_NAMESPACE).to_owned());
            }
            input.add_typed(t, (*o.origin).clone());
        }
        let options = PathOptions { trusted: trusted.to_vec(), ..PathOptions::default() };
        Self { analysis: rbac::analyze_owned(input, &options), sa_namespaces }
    }
}

/// Whether an object can take part in a path through Kubernetes' bootstrap policy: an RBAC
/// object (it may bind, widen or reference a built-in role), or any object in a namespace the
/// bootstrap policy binds ServiceAccounts of (`kube-system`, `kube-public`).
fn needs_builtin(kind: &str, namespace: Option<&str>) -> bool {
    matches!(kind, "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding")
        || matches!(namespace, Some("kube-system" | "kube-public"))
}

/// The kinds the RBAC corpus rules keep (workloads too: the graph walks from them).
pub const KINDS: &[&str] = &[
    "Role",
    "ClusterRole",
    "RoleBinding",
    "ClusterRoleBinding",
    "ServiceAccount",
    "Namespace",
    "Secret",
];
