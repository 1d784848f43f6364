use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// ClusterRoleBinding grants cluster-admin to a non-system subject
    ///
    /// ## What it finds
    /// A ClusterRoleBinding whose `roleRef` is the ClusterRole `cluster-admin`, for each subject
    /// that is not a `system:` user or group (ServiceAccounts included) and not listed in the
    /// config's `trustedSubjects`. A RoleBinding to `cluster-admin` grants it only in its
    /// namespace and is left to `rbac-escalation-path`.
    ///
    /// ## Why it matters
    /// `cluster-admin` is every verb on every resource in every namespace, plus every
    /// non-resource URL. Whoever holds the subject's credentials (a user's kubeconfig, the token of
    /// any pod running as the ServiceAccount) owns the cluster. Operators rarely need it; they are
    /// often installed with it because it is simpler.
    ///
    /// ## How to fix
    /// Bind a ClusterRole that lists what the subject needs, or a RoleBinding to `admin` in the
    /// namespaces it manages.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata: {name: ci-admin}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
    /// subjects:
    /// - {kind: ServiceAccount, name: ci, namespace: ci}
    /// ```
    /// ```yaml pass
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata: {name: ci-admin, namespace: app}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
    /// subjects:
    /// - {kind: ServiceAccount, name: ci, namespace: ci}
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.1.1 (ensure that the cluster-admin role is only used where required)
    /// - Kubernetes RBAC good practices <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
    pub RULE = { id: "rbac-cluster-admin-binding", category: Category::Rbac, severity: Severity::Error,
        check: Check::Object { kinds: &["ClusterRoleBinding"], run: check },
        help: "bind a ClusterRole that lists only what the subject needs",
        equivalents: &[("kube-linter", "cluster-admin-role-binding")] }
}

fn check(ctx: &mut Ctx<'_>, octx: &ObjectCtx<'_>) {
    let Some((subjects, role_ref, ns)) = octx.typed.and_then(super::binding_parts) else { return };
    if role_ref.kind != "ClusterRole" || role_ref.name != "cluster-admin" {
        return;
    }
    let trusted = ctx.options.config.trusted_subjects.clone();
    for (i, s) in subjects.iter().enumerate() {
        let Some(subject) = crate::rbac::input::subject(s, ns) else { continue };
        let system = s.kind != "ServiceAccount" && s.name.starts_with("system:");
        if system || super::trusted(&trusted, &subject) {
            continue;
        }
        ctx.report(
            FieldPath::root().key("subjects").index(i),
            format!(
                "binding grants cluster-admin to {} in every namespace",
                super::describe(&subject)
            ),
        )
        .label("roleRef.name", "cluster-admin");
    }
}
