use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Binding grants a role to everyone, every ServiceAccount, or anonymous users
    ///
    /// ## What it finds
    /// A RoleBinding or ClusterRoleBinding with a subject that stands for a whole population: the
    /// user `system:anonymous`, or the groups `system:unauthenticated`, `system:authenticated` or
    /// `system:serviceaccounts`.
    ///
    /// ## Why it matters
    /// `system:unauthenticated` and `system:anonymous` are anyone who can reach the API server
    /// (when anonymous authentication is on, the default). `system:authenticated` is every user,
    /// every node and every ServiceAccount of every namespace, so a pod compromised anywhere
    /// holds the role. `system:serviceaccounts` is the token of every pod in the cluster. Group
    /// membership is decided by the authenticator, not the manifests, so these bindings are
    /// easy to add and hard to see.
    ///
    /// ## How to fix
    /// Bind the role to the users, groups or ServiceAccounts that need it.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata: {name: everyone-view}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
    /// subjects:
    /// - {kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}
    /// ```
    /// ```yaml pass
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata: {name: sre-view}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
    /// subjects:
    /// - {kind: Group, name: sre, apiGroup: rbac.authorization.k8s.io}
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.1 (RBAC and Service Accounts); NSA/CISA Kubernetes Hardening Guide, "Authentication and authorization"
    /// - Kubernetes RBAC good practices <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
    pub RULE = { id: "rbac-broad-group-binding", category: Category::Rbac, severity: Severity::Error,
        check: Check::Object { kinds: &["RoleBinding", "ClusterRoleBinding"], run: check },
        help: "bind the role to the users, groups or ServiceAccounts that need it" }
}

/// Who each broad subject is.
fn population(kind: &str, name: &str) -> Option<&'static str> {
    match (kind, name) {
        ("User", "system:anonymous") => Some("every unauthenticated request"),
        ("Group", "system:unauthenticated") => Some("every unauthenticated request"),
        ("Group", "system:authenticated") => {
            Some("every authenticated user, node and ServiceAccount")
        }
        ("Group", "system:serviceaccounts") => Some("every ServiceAccount of every namespace"),
        _ => None,
    }
}

fn check(ctx: &mut Ctx<'_>, octx: &ObjectCtx<'_>) {
    let Some((subjects, role_ref, ns)) = octx.typed.and_then(super::binding_parts) else { return };
    let role = super::role_text(role_ref, ns);
    let scope = ns.map_or_else(|| "every namespace".to_owned(), |n| format!("namespace {n}"));
    for (i, s) in subjects.iter().enumerate() {
        let Some(who) = population(&s.kind, &s.name) else { continue };
        ctx.report(
            FieldPath::root().key("subjects").index(i),
            format!(
                "binding grants {role} in {scope} to {} {} ({who})",
                s.kind.to_lowercase(),
                s.name
            ),
        );
    }
}
