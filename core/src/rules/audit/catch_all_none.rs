use super::{KINDS, policy};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Audit rule with level None matches every request before rules that log
    ///
    /// ## What it finds
    /// An audit policy rule with `level: None` and no selector (no users, groups, verbs,
    /// resources, namespaces or URLs) that is the first rule, or that comes before rules that
    /// log something.
    ///
    /// ## Why it matters
    /// The first matching rule decides; a selector-less `None` rule matches every request, so
    /// the rules after it never apply and requests are not logged. A `None` catch-all belongs at
    /// the end of a policy, if anywhere.
    ///
    /// ## How to fix
    /// Give the rule selectors (the noisy requests you mean to drop), or move it to the end.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: audit.k8s.io/v1
    /// kind: Policy
    /// omitStages: [RequestReceived]
    /// rules:
    /// - level: None
    /// - level: Metadata
    /// ```
    /// ```yaml pass
    /// apiVersion: audit.k8s.io/v1
    /// kind: Policy
    /// omitStages: [RequestReceived]
    /// rules:
    /// - level: None
    ///   users: [system:kube-proxy]
    ///   verbs: [watch]
    /// - level: Metadata
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 3.2.2 (the audit policy covers key security concerns)
    /// - Auditing, "Audit policy" <https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy>
    pub RULE = { id: "audit-catch-all-none", category: Category::Audit, severity: Severity::Error,
        check: Check::Object { kinds: KINDS, run: check },
        help: "give the None rule selectors, or move it to the end of the policy" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(p) = policy(o) else { return };
    for (i, rule) in p.rules.iter().enumerate() {
        if !rule.is_catch_all() {
            continue;
        }
        if rule.level == "None" {
            let shadowed = p.rules.iter().skip(i + 1).filter(|r| r.level != "None").count();
            let path = FieldPath::root().key("rules").index(i).key("level");
            if i == 0 && shadowed == 0 {
                ctx.report(&path, "the first audit rule matches every request with level None, so nothing is logged");
            } else if shadowed > 0 {
                ctx.report(
                    &path,
                    format_args!(
                        "audit rule matches every request with level None, so the {shadowed} logging rule(s) after it never apply"
                    ),
                );
            }
        }
        // Any catch-all ends the policy: later rules are unreachable either way.
        return;
    }
}
