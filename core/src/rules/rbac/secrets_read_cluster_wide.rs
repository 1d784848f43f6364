use crate::corpus::{CorpusCtx, rbac::KINDS};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rbac::{Grant, Request};
use crate::rules::{Category, Check};
use std::collections::BTreeMap;

declare_rule! {
    /// Subject can read Secrets in every namespace
    ///
    /// ## What it finds
    /// A ClusterRoleBinding of the input that grants `get`, `list` or `watch` on `secrets`
    /// (through `*` verbs, resources or groups, and aggregated roles included) without
    /// `resourceNames`, for each subject that is not trusted (`system:masters`, node identities,
    /// the config's `trustedSubjects`). Reported on the binding's subject, with the granting rule
    /// as a label.
    ///
    /// ## Why it matters
    /// Secrets hold ServiceAccount tokens, registry credentials, TLS keys and database passwords
    /// of every application. `list` and `watch` return their values, not just their names. A
    /// subject that reads every Secret can usually become any ServiceAccount that has a legacy
    /// token Secret, and reach every system whose credentials are stored in the cluster.
    ///
    /// ## How to fix
    /// Grant Secret access with RoleBindings in the namespaces that need it, and with
    /// `resourceNames` where the names are known.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata: {name: secret-reader}
    /// rules:
    /// - apiGroups: [""]
    ///   resources: [secrets]
    ///   verbs: [get, list, watch]
    /// ---
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata: {name: exporter-secrets}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
    /// subjects:
    /// - {kind: ServiceAccount, name: exporter, namespace: monitoring}
    /// ```
    /// ```yaml pass
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata: {name: secret-reader}
    /// rules:
    /// - apiGroups: [""]
    ///   resources: [secrets]
    ///   verbs: [get, list, watch]
    /// ---
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata: {name: exporter-secrets, namespace: monitoring}
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
    /// subjects:
    /// - {kind: ServiceAccount, name: exporter, namespace: monitoring}
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.1.2 (minimize access to secrets)
    /// - Kubernetes RBAC good practices, "Listing secrets" <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
    pub RULE = { id: "rbac-secrets-read-cluster-wide", category: Category::Rbac, severity: Severity::Warning,
        check: Check::Corpus { kinds: KINDS, workloads: false, run: check },
        help: "grant Secret access with RoleBindings in the namespaces that need it, with resourceNames where possible",
        equivalents: &[("kube-linter", "access-to-secrets"), ("trivy", "KSV041")] }
}

/// The verbs one subject of one binding has on secrets, and the grant of the first of them.
type Reads = (Vec<&'static str>, Box<crate::rbac::RuleGrant>);

fn check(ctx: &mut CorpusCtx<'_>) {
    let view = ctx.rbac();
    let trusted = ctx.options.config.trusted_subjects.clone();
    // Keyed by (file, binding span, subject index).
    let mut found: BTreeMap<(usize, u32, usize), Reads> = BTreeMap::new();
    for verb in ["get", "list", "watch"] {
        let request = Request::resource(verb, "", "secrets", "");
        for (subject, grant) in view.analysis.authorizer.who_can(&request) {
            let Grant::Rule(g) = grant else { continue };
            if g.namespace.is_some() || super::trusted(&trusted, &subject) {
                continue;
            }
            let key = (g.binding.file_index, g.binding.span.start, g.subject_index);
            found.entry(key).or_insert_with(|| (Vec::new(), g.clone())).0.push(verb);
        }
    }
    for (verbs, g) in found.into_values() {
        let Some(binding) = ctx.object_at(&g.binding) else { continue };
        let rule_obj = ctx.object_at(&g.rule_role);
        let role = g.role.object.name.as_deref().unwrap_or("<unnamed>");
        let verbs = match verbs.as_slice() {
            [a] => (*a).to_owned(),
            [a, b] => format!("{a} and {b}"),
            _ => "get, list and watch".to_owned(),
        };
        let message = format!(
            "{} can {verbs} secrets in every namespace through clusterrole {role}",
            super::describe(&g.subject)
        );
        let mut r =
            ctx.report(binding, FieldPath::root().key("subjects").index(g.subject_index), message);
        if let Some(o) = rule_obj {
            r = r.label(o, FieldPath::root().key("rules").index(g.rule_index), "grants it");
        }
        let _ = r;
    }
}
