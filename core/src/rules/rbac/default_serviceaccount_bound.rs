use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Binding grants a role to a namespace's default ServiceAccount
    ///
    /// ## What it finds
    /// A RoleBinding or ClusterRoleBinding with the subject ServiceAccount `default` (of any
    /// namespace), unless the config's `trustedSubjects` lists it.
    ///
    /// ## Why it matters
    /// Every namespace has a `default` ServiceAccount, and every pod that does not name another
    /// one runs as it, with its token mounted unless automounting is turned off. Rights given to
    /// `default` are given to every such pod, present and future, including pods whose authors
    /// never asked for them.
    ///
    /// ## How to fix
    /// Create a dedicated ServiceAccount for the workload that needs the role, bind the role to
    /// it and set `serviceAccountName` on that workload.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata: {name: app-edit, namespace: app}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
    /// subjects:
    /// - {kind: ServiceAccount, name: default, namespace: app}
    /// ```
    /// ```yaml pass
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata: {name: app-edit, namespace: app}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
    /// subjects:
    /// - {kind: ServiceAccount, name: deployer, namespace: app}
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.1.5 (ensure that default service accounts are not actively used)
    pub RULE = { id: "rbac-default-serviceaccount-bound", category: Category::Rbac, severity: Severity::Warning,
        check: Check::Object { kinds: &["RoleBinding", "ClusterRoleBinding"], run: check },
        help: "bind the role to a dedicated ServiceAccount and set serviceAccountName on the workload that needs it" }
}

fn check(ctx: &mut Ctx<'_>, octx: &ObjectCtx<'_>) {
    let Some((subjects, role_ref, ns)) = octx.typed.and_then(super::binding_parts) else { return };
    let role = super::role_text(role_ref, ns);
    let trusted = ctx.options.config.trusted_subjects.clone();
    for (i, s) in subjects.iter().enumerate() {
        if s.kind != "ServiceAccount" || s.name != "default" {
            continue;
        }
        let Some(subject) = crate::rbac::input::subject(s, ns) else { continue };
        if super::trusted(&trusted, &subject) {
            continue;
        }
        let sa_ns = subject.namespace().unwrap_or("default").to_owned();
        ctx.report(
            FieldPath::root().key("subjects").index(i),
            format!(
                "binding grants {role} to the default ServiceAccount of {sa_ns}, which every pod there runs as unless it names another"
            ),
        );
    }
}
