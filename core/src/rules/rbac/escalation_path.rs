use crate::corpus::{CorpusCtx, CorpusObject, rbac::KINDS};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::Typed;
use crate::rbac::{Evidence, Path, Target};
use crate::rules::{Category, Check, registry};
use std::fmt::Write as _;

declare_rule! {
    /// Subject can escalate to cluster-admin, a node or every Secret
    ///
    /// ## What it finds
    /// A user, group or ServiceAccount (named by a binding, declared, or run by a workload) that
    /// can reach `cluster-admin`, root on a `node`, or every `secrets` of the cluster through a
    /// chain of escalation techniques: create a Deployment and run it as a more powerful
    /// ServiceAccount, read a legacy token Secret, exec into a pod, impersonate, bind or escalate
    /// roles, approve a CSR, and more (`kubeward rbac paths` shows them all, with the graph). The
    /// finding is on the binding that grants the first step, at the subject; the help lists every
    /// step with where it comes from. The input is analysed with Kubernetes' default roles and
    /// bindings. Trusted subjects are not reported: `system:masters`, node identities, the
    /// built-in control-plane identities, and the config's `trustedSubjects`. A subject bound
    /// directly to `cluster-admin` is left to `rbac-cluster-admin-binding`, one that reads every
    /// Secret directly to `rbac-secrets-read-cluster-wide`.
    ///
    /// ## Why it matters
    /// A role that looks harmless often is not: `create deployments` in a namespace means running
    /// a pod as any ServiceAccount of that namespace, and with it every right of that
    /// ServiceAccount. Reviewing roles one at a time misses these chains; attackers do not.
    ///
    /// ## How to fix
    /// Remove or narrow the grant of the first step (or of any step: the path is broken at its
    /// weakest link), for example by moving the powerful ServiceAccount to its own namespace.
    /// If the subject is meant to have this power, list it in `trustedSubjects` in
    /// `.kubeward.yaml`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: ServiceAccount
    /// metadata: {name: backup, namespace: app}
    /// ---
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata: {name: backup-admin}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
    /// subjects:
    /// - {kind: ServiceAccount, name: backup, namespace: app}
    /// ---
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata: {name: ci-edit, namespace: app}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
    /// subjects:
    /// - {kind: ServiceAccount, name: ci, namespace: ci}
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: ServiceAccount
    /// metadata: {name: backup, namespace: backup}
    /// ---
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata: {name: ci-view, namespace: app}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
    /// subjects:
    /// - {kind: ServiceAccount, name: ci, namespace: ci}
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.1.4 (minimize access to create pods), 5.1.8 (limit use of the Bind, Impersonate and Escalate permissions)
    /// - Kubernetes RBAC good practices, "Privilege escalation risks" <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
    pub RULE = { id: "rbac-escalation-path", category: Category::Rbac, severity: Severity::Error,
        check: Check::Corpus { kinds: KINDS, workloads: true, run: check },
        help: "remove or narrow the grant of the first step, or list the subject in trustedSubjects",
        equivalents: &[("rbac-police", "assign_sa, obtain_token_weak_ns"), ("kube-linter", "access-to-create-pods")] }
}

/// Where the finding goes: the path's anchor when it is in the input, else the first evidence
/// of any step that is.
fn anchor<'a>(ctx: &CorpusCtx<'a>, path: &'a Path) -> Option<(&'a CorpusObject, &'a Evidence)> {
    let first = path.anchor().and_then(|e| ctx.object_at(&e.origin).map(|o| (o, e)));
    first.or_else(|| {
        path.steps
            .iter()
            .flat_map(|s| &s.evidence)
            .find_map(|e| ctx.object_at(&e.origin).map(|o| (o, e)))
    })
}

/// One-step paths another enabled rule reports on the same binding: a ClusterRoleBinding
/// straight to `cluster-admin` (`rbac-cluster-admin-binding`), and reading every Secret
/// (`rbac-secrets-read-cluster-wide`).
fn reported_elsewhere(ctx: &CorpusCtx<'_>, path: &Path, object: &CorpusObject) -> bool {
    let on = |id: &str| registry::get(id).is_some_and(|r| ctx.options.config.enabled(r));
    let [step] = path.steps.as_slice() else { return false };
    match step.technique {
        "wildcard-admin" => {
            on("rbac-cluster-admin-binding")
                && matches!(object.typed(), Some(Typed::ClusterRoleBinding(b)) if b.role_ref.name == "cluster-admin")
        }
        "secrets-read" => on("rbac-secrets-read-cluster-wide") && path.target == Target::Secrets,
        _ => false,
    }
}

fn check(ctx: &mut CorpusCtx<'_>) {
    let view = ctx.rbac();
    for path in &view.analysis.paths {
        let Some((object, evidence)) = anchor(ctx, path) else { continue };
        if reported_elsewhere(ctx, path, object) {
            continue;
        }
        let n = path.steps.len();
        let through: Vec<&str> =
            path.steps.iter().take(n.saturating_sub(1)).map(|s| s.gains.as_str()).collect();
        let how = match (n, path.steps.first()) {
            (1, Some(step)) => format!("directly ({})", step.technique),
            _ => format!("in {n} steps, through {}", through.join(" → ")),
        };
        let message = format!(
            "{} can escalate to {} {how}",
            super::describe(&path.subject),
            path.target.as_str()
        );
        let mut help = String::from(
            "remove or narrow the grant of a step, or list the subject in trustedSubjects; the path:",
        );
        for (k, step) in path.steps.iter().enumerate() {
            let _ =
                write!(help, "\n{}. [{}] {}: {}", k + 1, step.technique, step.from, step.summary);
            for e in &step.evidence {
                let what = e.origin.object.display_name();
                let _ = write!(help, "\n   {what} ({}:{})", e.origin.file, e.origin.line);
            }
        }
        let mut labels = Vec::new();
        for (k, step) in path.steps.iter().enumerate() {
            for e in step.evidence.iter().filter(|e| !std::ptr::eq(*e, evidence)) {
                if let Some(o) = ctx.object_at(&e.origin) {
                    let note = format!("step {}: {}", k + 1, step.technique);
                    labels.push((o, e.field.clone().unwrap_or_default(), note));
                }
            }
        }
        let field = evidence.field.clone().unwrap_or_default();
        let mut reported = ctx.report(object, field, message).help(help);
        for (o, field, note) in labels {
            reported = reported.label(o, field, note);
        }
    }
}
