use crate::corpus::{CorpusCtx, CorpusObject, rbac::KINDS};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::{FieldPath, Typed};
use crate::rules::{Category, Check};
use k8s_openapi::api::rbac::v1::PolicyRule;

declare_rule! {
    /// ClusterRole adds powerful rights to the built-in admin, edit or view role
    ///
    /// ## What it finds
    /// A ClusterRole whose labels match the aggregation selector of a built-in aggregated
    /// ClusterRole (`rbac.authorization.k8s.io/aggregate-to-admin`, `-edit`, `-view`) and whose
    /// rules add something powerful: a `*` verb, resource or API group; the verbs `escalate`,
    /// `bind`, `impersonate`, `approve` or `sign`; cluster-scoped control (nodes, persistent
    /// volumes, cluster roles and their bindings, admission webhooks, CSR approval, signers,
    /// namespaces); and, for `view`, any verb beyond `get`/`list`/`watch` or access to Secrets,
    /// tokens, exec and attach. Aggregating read and write access to an operator's own custom
    /// resources, which is what aggregation is for, is not reported.
    ///
    /// ## Why it matters
    /// `admin`, `edit` and `view` are bound to many people and ServiceAccounts, in many
    /// namespaces, by bindings nobody will re-read when a chart is installed. A label on one
    /// ClusterRole extends every one of those grants at once, and `view` in particular is meant to
    /// be safe to hand out.
    ///
    /// ## How to fix
    /// Remove the aggregation label and bind the ClusterRole only to the subjects that need it,
    /// or limit the aggregated rules to the operator's own resources.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata:
    ///   name: nodes-for-everyone
    ///   labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
    /// rules:
    /// - apiGroups: [""]
    ///   resources: [nodes/proxy]
    ///   verbs: [get, create]
    /// ```
    /// ```yaml pass
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata:
    ///   name: certificates-view
    ///   labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
    /// rules:
    /// - apiGroups: [cert-manager.io]
    ///   resources: [certificates]
    ///   verbs: [get, list, watch]
    /// ```
    ///
    /// ## References
    /// - Kubernetes RBAC, "Aggregated ClusterRoles" and "User-facing roles" <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>
    /// - CIS Kubernetes Benchmark 5.1.8 (limit use of the Bind, Impersonate and Escalate permissions)
    pub RULE = { id: "rbac-aggregation-widened", category: Category::Rbac, severity: Severity::Warning,
        check: Check::Corpus { kinds: KINDS, workloads: false, run: check },
        help: "remove the aggregation label and bind the role only where needed, or aggregate only the operator's own resources" }
}

const CLUSTER_CONTROL: &[&str] = &[
    "nodes",
    "nodes/proxy",
    "persistentvolumes",
    "clusterroles",
    "clusterrolebindings",
    "mutatingwebhookconfigurations",
    "validatingwebhookconfigurations",
    "certificatesigningrequests/approval",
    "signers",
    "namespaces",
];
const ESCALATING_VERBS: &[&str] = &["escalate", "bind", "impersonate", "approve", "sign"];
const NOT_FOR_VIEW: &[&str] =
    &["secrets", "serviceaccounts/token", "pods/exec", "pods/attach", "pods/ephemeralcontainers"];

/// What a rule adds that matters, if anything.
fn powerful(rule: &PolicyRule, into_view: bool) -> Option<String> {
    let resources = rule.resources.as_deref().unwrap_or(&[]);
    let groups = rule.api_groups.as_deref().unwrap_or(&[]);
    let star = |v: &[String]| v.iter().any(|x| x == "*");
    if star(&rule.verbs) || star(resources) || star(groups) {
        return Some("a wildcard rule".to_owned());
    }
    if let Some(v) = rule.verbs.iter().find(|v| ESCALATING_VERBS.contains(&v.as_str())) {
        return Some(format!("the {v:?} verb"));
    }
    if let Some(r) = resources.iter().find(|r| CLUSTER_CONTROL.contains(&r.as_str())) {
        return Some(format!("access to {r}"));
    }
    if into_view {
        if let Some(r) = resources.iter().find(|r| NOT_FOR_VIEW.contains(&r.as_str())) {
            return Some(format!("access to {r}"));
        }
        if let Some(v) = rule.verbs.iter().find(|v| !matches!(v.as_str(), "get" | "list" | "watch"))
        {
            return Some(format!("the {v:?} verb"));
        }
    }
    None
}

fn check(ctx: &mut CorpusCtx<'_>) {
    let view = ctx.rbac();
    // Each custom ClusterRole once, with every built-in role it widens (directly or through
    // another aggregated role, as `edit` flows into `admin`), in role order.
    let mut widened: Vec<(&CorpusObject, Vec<String>)> = Vec::new();
    for w in view.analysis.authorizer.widened_builtin_aggregations() {
        let Some(source) = ctx.object_at(&w.source) else { continue };
        match widened.iter_mut().find(|(o, _)| std::ptr::eq(*o, source)) {
            Some((_, names)) => names.push(w.aggregated),
            None => widened.push((source, vec![w.aggregated])),
        }
    }
    for (source, mut aggregated) in widened {
        let Some(Typed::ClusterRole(role)) = source.typed() else { continue };
        aggregated.sort_by_key(|a| match a.as_str() {
            "view" => 0,
            "edit" => 1,
            "admin" => 2,
            _ => 3,
        });
        let into_view = aggregated.iter().any(|a| a == "view");
        let hit = role
            .rules
            .iter()
            .flatten()
            .enumerate()
            .find_map(|(i, r)| powerful(r, into_view).map(|what| (i, what)));
        let Some((i, what)) = hit else { continue };
        let labels = role.metadata.labels.as_ref();
        let direct = aggregated.iter().find_map(|a| {
            let key = format!("rbac.authorization.k8s.io/aggregate-to-{a}");
            labels.is_some_and(|l| l.contains_key(&key)).then_some(key)
        });
        let at = match &direct {
            Some(key) => FieldPath::root().key("metadata").key("labels").key(key.clone()),
            None => FieldPath::root().key("metadata").key("labels"),
        };
        let name = source.name().unwrap_or("<unnamed>");
        let roles = aggregated.join(", ");
        let plural = if aggregated.len() == 1 { "" } else { "s" };
        ctx.report(
            source,
            at,
            format!(
                "clusterrole {name:?} adds {what} to the built-in clusterrole{plural} {roles}, so every subject bound to them gets it"
            ),
        )
        .label(source, FieldPath::root().key("rules").index(i), what);
    }
}
