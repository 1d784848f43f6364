use crate::corpus::{CorpusCtx, rbac::KINDS};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::Typed;
use crate::rbac::SubjectRef;
use crate::rbac::input::DEFAULT_NAMESPACE;
use crate::rules::{Category, Check};
use std::collections::BTreeMap;

declare_rule! {
    /// Pods mount the token of a ServiceAccount that can escalate
    ///
    /// ## What it finds
    /// A workload whose pods get a ServiceAccount token mounted (`automountServiceAccountToken`
    /// is not `false` on the pod, nor, when the pod leaves it unset, on the ServiceAccount) while
    /// that ServiceAccount has an escalation path to `cluster-admin`, a `node` or every `secrets`
    /// (as `rbac-escalation-path` finds it, with Kubernetes' default roles and bindings, trusted
    /// subjects excluded).
    ///
    /// ## Why it matters
    /// A mounted token is the ServiceAccount: anyone who gets code execution in any container of
    /// the pod (a vulnerable dependency, an exposed debug endpoint) reads it from
    /// `/var/run/secrets/kubernetes.io/serviceaccount/token` and holds every right of the
    /// ServiceAccount. Pods that do not call the API server need no token at all.
    ///
    /// ## How to fix
    /// Set `automountServiceAccountToken: false` on the pod (or the ServiceAccount) when the
    /// application does not call the API server; otherwise narrow the ServiceAccount's rights, or
    /// mount a projected token with a short expiry and audience only in the container that needs it.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: ServiceAccount
    /// metadata: {name: web, namespace: app}
    /// ---
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata: {name: web-edit, namespace: app}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
    /// subjects:
    /// - {kind: ServiceAccount, name: web, namespace: app}
    /// ---
    /// apiVersion: v1
    /// kind: ServiceAccount
    /// metadata: {name: backup, namespace: app}
    /// ---
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata: {name: backup-admin}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
    /// subjects:
    /// - {kind: ServiceAccount, name: backup, namespace: app}
    /// ---
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: {name: web, namespace: app}
    /// spec:
    ///   selector: {matchLabels: {app: web}}
    ///   template:
    ///     metadata: {labels: {app: web}}
    ///     spec:
    ///       serviceAccountName: web
    ///       containers:
    ///       - {name: app, image: "nginx:1.27"}
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: ServiceAccount
    /// metadata: {name: web, namespace: app}
    /// ---
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata: {name: web-edit, namespace: app}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
    /// subjects:
    /// - {kind: ServiceAccount, name: web, namespace: app}
    /// ---
    /// apiVersion: v1
    /// kind: ServiceAccount
    /// metadata: {name: backup, namespace: app}
    /// ---
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata: {name: backup-admin}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
    /// subjects:
    /// - {kind: ServiceAccount, name: backup, namespace: app}
    /// ---
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: {name: web, namespace: app}
    /// spec:
    ///   selector: {matchLabels: {app: web}}
    ///   template:
    ///     metadata: {labels: {app: web}}
    ///     spec:
    ///       serviceAccountName: web
    ///       automountServiceAccountToken: false
    ///       containers:
    ///       - {name: app, image: "nginx:1.27"}
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.1.6 (ensure that Service Account Tokens are only mounted where necessary)
    /// - NSA/CISA Kubernetes Hardening Guide, "Pod security: service account tokens"
    pub RULE = { id: "serviceaccount-token-automount", category: Category::Serviceaccount, severity: Severity::Warning,
        check: Check::Corpus { kinds: KINDS, workloads: true, run: check },
        help: "set automountServiceAccountToken: false if the pods do not call the API server, or narrow the ServiceAccount's rights",
        equivalents: &[("checkov", "CKV_K8S_38")] }
}

fn check(ctx: &mut CorpusCtx<'_>) {
    let view = ctx.rbac();
    // The first (shortest-listed) target each ServiceAccount reaches.
    let mut reach: BTreeMap<&SubjectRef, &str> = BTreeMap::new();
    for p in &view.analysis.paths {
        reach.entry(&p.subject).or_insert(p.target.as_str());
    }
    if reach.is_empty() {
        return;
    }
    let sa_automount: BTreeMap<(String, String), Option<bool>> = ctx
        .of_kind("ServiceAccount")
        .filter_map(|o| match o.typed() {
            Some(Typed::ServiceAccount(sa)) => Some((
                (o.namespace().unwrap_or(DEFAULT_NAMESPACE).to_owned(), o.name()?.to_owned()),
                sa.automount_service_account_token,
            )),
            _ => None,
        })
        .collect();
    for w in ctx.workloads() {
        if w.kind() == "PodTemplate" {
            continue;
        }
        let Some(pod) = w.pod() else { continue };
        let ns = w.namespace().unwrap_or(DEFAULT_NAMESPACE);
        let sa = pod.rbac.service_account.as_str();
        let mounted = match pod.rbac.automount_token {
            Some(v) => v,
            None => {
                sa_automount.get(&(ns.to_owned(), sa.to_owned())).copied().flatten() != Some(false)
            }
        };
        if !mounted {
            continue;
        }
        let Some(target) = reach.get(&SubjectRef::sa(ns, sa)) else { continue };
        let path = pod
            .prefix
            .join(&crate::model::FieldPath::root().key("spec").key("automountServiceAccountToken"));
        let name = w.name().unwrap_or("<unnamed>");
        ctx.report(
            w,
            path,
            format!(
                "pods of {} {name:?} mount the token of serviceaccount {ns}/{sa}, which can escalate to {target}",
                w.kind()
            ),
        );
    }
}
