use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Role rule covers every API group (`apiGroups: ["*"]`)
    ///
    /// ## What it finds
    /// A rule of a Role or ClusterRole whose `apiGroups` contain `*`. ClusterRoles with an
    /// `aggregationRule` are skipped: the controller overwrites their rules.
    ///
    /// ## Why it matters
    /// A resource name means something different in each API group, and `*` matches every group
    /// installed now or later: `resources: [deployments]` in `*` also covers a CRD named
    /// `deployments` that another operator installs. Combined with `*` resources it is every
    /// object of the cluster. Alone it is less dangerous than a wildcard verb or resource, so
    /// this rule is informational.
    ///
    /// ## How to fix
    /// List the API groups (`""` for the core group, `apps`, `batch`, …).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata: {name: deployer}
    /// rules:
    /// - apiGroups: ["*"]
    ///   resources: [deployments]
    ///   verbs: [get, list, update]
    /// ```
    /// ```yaml pass
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata: {name: deployer}
    /// rules:
    /// - apiGroups: [apps]
    ///   resources: [deployments]
    ///   verbs: [get, list, update]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.1.3 (minimize wildcard use in Roles and ClusterRoles)
    pub RULE = { id: "rbac-wildcard-api-groups", category: Category::Rbac, severity: Severity::Info,
        check: Check::Object { kinds: &["Role", "ClusterRole"], run: check },
        help: "list the API groups the subject needs instead of \"*\"",
        equivalents: &[("kube-linter", "wildcard-in-rules"), ("checkov", "CKV_K8S_49")] }
}

fn check(ctx: &mut Ctx<'_>, octx: &ObjectCtx<'_>) {
    super::wildcard_in(
        ctx,
        octx,
        "apiGroups",
        |r| r.api_groups.as_ref(),
        "every API group (\"*\")",
    );
}
