use super::{KINDS, policy};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Audit policy has no rules
    ///
    /// ## What it finds
    /// An audit Policy (`audit.k8s.io`) with no `rules`.
    ///
    /// ## Why it matters
    /// The API server refuses to load a policy without rules ("loaded illegal policy with 0
    /// rules"), so it does not start with this file; a request no rule matches is never logged
    /// anyway. Either way there is no audit trail of who did what in the cluster.
    ///
    /// ## How to fix
    /// Add rules: at least `Metadata` for everything, after the rules that lower or raise the
    /// level for specific requests.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: audit.k8s.io/v1
    /// kind: Policy
    /// rules: []
    /// ```
    /// ```yaml pass
    /// apiVersion: audit.k8s.io/v1
    /// kind: Policy
    /// omitStages: [RequestReceived]
    /// rules:
    /// - level: Metadata
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 3.2.1 (a minimal audit policy is created)
    /// - NSA/CISA Kubernetes Hardening Guide, "Audit logging and threat detection"
    /// - Auditing <https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/>
    pub RULE = { id: "audit-no-rules", category: Category::Audit, severity: Severity::Error,
        check: Check::Object { kinds: KINDS, run: check },
        help: "add rules, ending with a Metadata rule for every request",
        equivalents: &[("kube-bench", "3.2.1")] }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(p) = policy(o) else { return };
    if p.rules.is_empty() {
        ctx.report(
            "rules",
            "audit policy has no rules, so nothing is logged (the API server refuses it)",
        );
    }
}
