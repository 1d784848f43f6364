use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Role rule covers every resource (`resources: ["*"]`)
    ///
    /// ## What it finds
    /// A rule of a Role or ClusterRole whose `resources` contain `*`. ClusterRoles with an
    /// `aggregationRule` are skipped: the controller overwrites their rules.
    ///
    /// ## Why it matters
    /// `*` covers every resource of the rule's API groups and every subresource: with the core
    /// group that is Secrets, `pods/exec`, `serviceaccounts/token` and `nodes/proxy`, and it grows
    /// with every CRD or API added later. Even read-only verbs on `*` read every Secret.
    ///
    /// ## How to fix
    /// List the resources the subject needs.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata: {name: reader}
    /// rules:
    /// - apiGroups: [""]
    ///   resources: ["*"]
    ///   verbs: [get, list, watch]
    /// ```
    /// ```yaml pass
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata: {name: reader}
    /// rules:
    /// - apiGroups: [""]
    ///   resources: [pods, services, configmaps]
    ///   verbs: [get, list, watch]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.1.3 (minimize wildcard use in Roles and ClusterRoles)
    /// - Kubernetes RBAC good practices <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
    pub RULE = { id: "rbac-wildcard-resources", category: Category::Rbac, severity: Severity::Warning,
        check: Check::Object { kinds: &["Role", "ClusterRole"], run: check },
        help: "list the resources the subject needs instead of \"*\"",
        equivalents: &[("kube-linter", "wildcard-in-rules"), ("checkov", "CKV_K8S_49"), ("trivy", "KSV044, KSV046")] }
}

fn check(ctx: &mut Ctx<'_>, octx: &ObjectCtx<'_>) {
    super::wildcard_in(ctx, octx, "resources", |r| r.resources.as_ref(), "every resource (\"*\")");
}
