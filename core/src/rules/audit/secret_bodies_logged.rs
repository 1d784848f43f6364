use super::{KINDS, policy};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Audit policy writes Secret, ConfigMap or TokenReview bodies to the log
    ///
    /// ## What it finds
    /// An audit rule at level `Request` or `RequestResponse` that requests on `secrets`,
    /// `configmaps` or `tokenreviews` reach (no earlier rule takes them first), as a catch-all
    /// or by naming them.
    ///
    /// ## Why it matters
    /// At those levels the request and response bodies are logged: every Secret value read or
    /// written, and every bearer token sent for review, ends up in the audit log, which is
    /// usually shipped to a log system with far weaker access control than the Secrets had.
    ///
    /// ## How to fix
    /// Add a rule before it that logs these resources at `Metadata`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: audit.k8s.io/v1
    /// kind: Policy
    /// omitStages: [RequestReceived]
    /// rules:
    /// - level: RequestResponse
    /// ```
    /// ```yaml pass
    /// apiVersion: audit.k8s.io/v1
    /// kind: Policy
    /// omitStages: [RequestReceived]
    /// rules:
    /// - level: Metadata
    ///   resources:
    ///   - {group: "", resources: [secrets, configmaps]}
    ///   - {group: authentication.k8s.io, resources: [tokenreviews]}
    /// - level: RequestResponse
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 3.2.2 (the audit policy covers key security concerns)
    /// - Auditing, the example policy <https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy>
    pub RULE = { id: "audit-secret-bodies-logged", category: Category::Audit, severity: Severity::Error,
        check: Check::Object { kinds: KINDS, run: check },
        help: "log secrets, configmaps and tokenreviews at Metadata in a rule before this one" }
}

const SENSITIVE: &[(&str, &str)] =
    &[("", "secrets"), ("", "configmaps"), ("authentication.k8s.io", "tokenreviews")];

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(p) = policy(o) else { return };
    for (i, rule) in p.rules.iter().enumerate() {
        if !rule.logs_bodies() {
            continue;
        }
        let leaked: Vec<&str> = SENSITIVE
            .iter()
            .filter(|(g, r)| rule.reachable_witness(i, &p, g, r).is_some())
            .map(|(_, r)| *r)
            .collect();
        if !leaked.is_empty() {
            ctx.report(
                FieldPath::root().key("rules").index(i).key("level"),
                format_args!(
                    "{} are logged at level {}, which writes their contents to the audit log",
                    leaked.join(", "),
                    rule.level
                ),
            );
        }
    }
}
