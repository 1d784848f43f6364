use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Role rule grants every verb (`verbs: ["*"]`)
    ///
    /// ## What it finds
    /// A rule of a Role or ClusterRole whose `verbs` contain `*`. ClusterRoles with an
    /// `aggregationRule` are skipped: the controller overwrites their rules.
    ///
    /// ## Why it matters
    /// `*` grants every verb the resources have today and every verb added later, including the
    /// ones that escalate: `escalate` and `bind` on roles, `impersonate` on users and groups,
    /// `approve` on certificate signing requests, `create` on `pods/exec`. A role meant to let a
    /// controller read and update its objects usually needs four or five verbs.
    ///
    /// ## How to fix
    /// List the verbs the subject needs (`get`, `list`, `watch`, `update`, …).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata: {name: config-editor, namespace: app}
    /// rules:
    /// - apiGroups: [""]
    ///   resources: [configmaps]
    ///   verbs: ["*"]
    /// ```
    /// ```yaml pass
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata: {name: config-editor, namespace: app}
    /// rules:
    /// - apiGroups: [""]
    ///   resources: [configmaps]
    ///   verbs: [get, list, watch, update, patch]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.1.3 (minimize wildcard use in Roles and ClusterRoles)
    /// - Kubernetes RBAC good practices <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
    pub RULE = { id: "rbac-wildcard-verbs", category: Category::Rbac, severity: Severity::Warning,
        check: Check::Object { kinds: &["Role", "ClusterRole"], run: check },
        help: "list the verbs the subject needs instead of \"*\"",
        equivalents: &[("kube-linter", "wildcard-in-rules"), ("checkov", "CKV_K8S_49"), ("trivy", "KSV044, KSV045")] }
}

fn check(ctx: &mut Ctx<'_>, octx: &ObjectCtx<'_>) {
    super::wildcard_in(ctx, octx, "verbs", |r| Some(&r.verbs), "every verb (\"*\")");
}
