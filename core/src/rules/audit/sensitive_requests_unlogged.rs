use super::{ANY_NAMESPACE, KINDS, Request, policy};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Audit policy does not log exec into pods, RBAC changes or Secret reads
    ///
    /// ## What it finds
    /// An audit policy under which one of these requests by an ordinary user is not logged
    /// (the first matching rule has level `None`, or no rule matches):
    /// `create pods/exec`, `pods/attach` and `pods/portforward`; `create` of roles, role
    /// bindings, cluster roles and cluster role bindings; `get secrets`.
    ///
    /// ## Why it matters
    /// These are the requests an investigation needs first: running commands in containers,
    /// granting permissions, and reading credentials. Without them in the log, an attacker's
    /// escalation leaves no trace.
    ///
    /// ## How to fix
    /// Log them at `Metadata` or above: narrow the `None` rule that takes them, or add a rule
    /// for them before it (and a `Metadata` catch-all at the end).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: audit.k8s.io/v1
    /// kind: Policy
    /// omitStages: [RequestReceived]
    /// rules:
    /// - level: Metadata
    ///   resources: [{group: apps, resources: [deployments]}]
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
    /// - CIS Kubernetes Benchmark v1.10, 3.2.2 (the audit policy covers key security concerns)
    /// - NSA/CISA Kubernetes Hardening Guide, "Audit logging and threat detection"
    pub RULE = { id: "audit-sensitive-requests-unlogged", category: Category::Audit,
        severity: Severity::Warning, check: Check::Object { kinds: KINDS, run: check },
        help: "log these requests at Metadata or above, before any None rule that takes them" }
}

const RBAC: &str = "rbac.authorization.k8s.io";

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(p) = policy(o) else { return };
    if p.rules.is_empty() {
        return; // audit-no-rules
    }
    let exec = |sub: &'static str| Request {
        subresource: sub,
        ..Request::by_user("create", "", "pods", ANY_NAMESPACE)
    };
    let probes: [(&str, Request<'_>); 8] = [
        ("create pods/exec", exec("exec")),
        ("create pods/attach", exec("attach")),
        ("create pods/portforward", exec("portforward")),
        ("create roles", Request::by_user("create", RBAC, "roles", ANY_NAMESPACE)),
        ("create rolebindings", Request::by_user("create", RBAC, "rolebindings", ANY_NAMESPACE)),
        ("create clusterroles", Request::by_user("create", RBAC, "clusterroles", "")),
        ("create clusterrolebindings", Request::by_user("create", RBAC, "clusterrolebindings", "")),
        ("get secrets", Request::by_user("get", "", "secrets", ANY_NAMESPACE)),
    ];
    // Group the unlogged requests by the rule that drops them (None: no rule matches).
    let mut dropped: Vec<(Option<usize>, Vec<&str>)> = Vec::new();
    for (what, req) in &probes {
        let (level, rule) = p.level(req);
        if level != "None" {
            continue;
        }
        match dropped.iter_mut().find(|(r, _)| *r == rule) {
            Some((_, list)) => list.push(what),
            None => dropped.push((rule, vec![what])),
        }
    }
    for (rule, what) in dropped {
        let what = what.join(", ");
        match rule {
            Some(i) => {
                ctx.report(
                    FieldPath::root().key("rules").index(i).key("level"),
                    format_args!("not logged because this rule drops them: {what}"),
                );
            }
            None => {
                ctx.report(
                    "rules",
                    format_args!("not logged because no audit rule matches them: {what}"),
                );
            }
        }
    }
}
