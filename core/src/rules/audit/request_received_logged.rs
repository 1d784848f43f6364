use super::{KINDS, policy};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Audit policy logs every request twice (RequestReceived stage kept)
    ///
    /// ## What it finds
    /// An audit policy whose `omitStages` does not hold `RequestReceived`, while some rule
    /// that logs does not omit it either.
    ///
    /// ## Why it matters
    /// Every request then produces an extra event when it is received, before it is handled,
    /// which roughly doubles the log volume without adding who-did-what information. Floods of
    /// audit events cost storage and make the backend drop events, which hides the ones that
    /// matter.
    ///
    /// ## How to fix
    /// Add `omitStages: [RequestReceived]` at the top of the policy.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: audit.k8s.io/v1
    /// kind: Policy
    /// rules:
    /// - level: Metadata
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
    /// - Auditing, "Audit policy" <https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy>
    pub RULE = { id: "audit-request-received-logged", category: Category::Audit,
        severity: Severity::Info, check: Check::Object { kinds: KINDS, run: check },
        help: "add omitStages: [RequestReceived] at the top of the policy" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(p) = policy(o) else { return };
    if p.omit_stages.iter().any(|s| s == "RequestReceived") {
        return;
    }
    let logs_it = p
        .rules
        .iter()
        .any(|r| r.level != "None" && !r.omit_stages.iter().any(|s| s == "RequestReceived"));
    if logs_it {
        ctx.report("omitStages", "audit policy logs every request at RequestReceived as well");
    }
}
