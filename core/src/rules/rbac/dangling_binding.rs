use crate::corpus::{CorpusCtx, rbac::KINDS};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::{FieldPath, Typed};
use crate::rbac::input::DEFAULT_NAMESPACE;
use crate::rules::{Category, Check};
use std::collections::BTreeSet;

declare_rule! {
    /// Binding refers to a role or ServiceAccount that does not exist
    ///
    /// ## What it finds
    /// A RoleBinding or ClusterRoleBinding whose `roleRef` names a role that is neither in the
    /// input nor one of Kubernetes' default roles (or whose `roleRef.kind` is invalid for it),
    /// and a ServiceAccount subject that the input does not declare, reported only when the input
    /// declares other ServiceAccounts of that namespace (so it is plausibly the whole namespace)
    /// and never for `default`, which every namespace has.
    ///
    /// ## Why it matters
    /// A dangling binding grants nothing today, but it is a loaded gun: whoever later creates a
    /// role or a ServiceAccount with that name (a chart, another team, an attacker who may create
    /// ServiceAccounts in the namespace) silently receives the grant. It is usually a leftover or
    /// a typo, and a typo means the intended subject is missing its rights.
    ///
    /// ## How to fix
    /// Fix the name, add the missing role or ServiceAccount, or delete the binding.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata: {name: deployer, namespace: app}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
    /// subjects:
    /// - {kind: ServiceAccount, name: ci, namespace: app}
    /// ```
    /// ```yaml pass
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata: {name: deployer, namespace: app}
    /// rules:
    /// - apiGroups: [apps]
    ///   resources: [deployments]
    ///   verbs: [get, update]
    /// ---
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata: {name: deployer, namespace: app}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
    /// subjects:
    /// - {kind: ServiceAccount, name: ci, namespace: app}
    /// ```
    ///
    /// ## References
    /// - Kubernetes RBAC good practices <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
    pub RULE = { id: "rbac-dangling-binding", category: Category::Rbac, severity: Severity::Info,
        check: Check::Corpus { kinds: KINDS, workloads: false, run: check },
        help: "fix the name, add the missing object, or delete the binding" }
}

fn check(ctx: &mut CorpusCtx<'_>) {
    let view = ctx.rbac();
    for d in view.analysis.authorizer.dangling() {
        let Some(binding) = ctx.object_at(&d.binding) else { continue };
        let message = match d.role_kind {
            Some(kind) => format!(
                "binding refers to {} {:?}, which is neither in the input nor a default role, so it grants nothing",
                match kind {
                    crate::rbac::RoleKind::Role => "role",
                    crate::rbac::RoleKind::ClusterRole => "clusterrole",
                },
                d.role_name
            ),
            None => format!(
                "binding's roleRef kind is not valid for a {}, so it grants nothing",
                binding.kind()
            ),
        };
        let path = if d.role_kind.is_some() { "roleRef.name" } else { "roleRef.kind" };
        ctx.report(binding, path, message);
    }

    let ns_of =
        |o: &crate::corpus::CorpusObject| o.namespace().unwrap_or(DEFAULT_NAMESPACE).to_owned();
    let declared: BTreeSet<(String, String)> = ctx
        .of_kind("ServiceAccount")
        .filter_map(|o| o.name().map(|n| (ns_of(o), n.to_owned())))
        .collect();
    let bindings: Vec<_> = ctx
        .objects()
        .iter()
        .filter(|o| matches!(o.typed(), Some(Typed::RoleBinding(_) | Typed::ClusterRoleBinding(_))))
        .collect();
    for b in bindings {
        let Some((subjects, _, ns)) = b.typed().and_then(super::binding_parts) else { continue };
        for (i, s) in subjects.iter().enumerate() {
            if s.kind != "ServiceAccount" || s.name == "default" || s.name.is_empty() {
                continue;
            }
            let Some(sa_ns) = s.namespace.as_deref().filter(|n| !n.is_empty()).or(ns) else {
                continue;
            };
            if !view.sa_namespaces.contains(sa_ns)
                || declared.contains(&(sa_ns.to_owned(), s.name.clone()))
            {
                continue;
            }
            ctx.report(
                b,
                FieldPath::root().key("subjects").index(i),
                format!(
                    "binding names serviceaccount {sa_ns}/{}, which the input does not declare (it declares other ServiceAccounts of {sa_ns})",
                    s.name
                ),
            );
        }
    }
}
