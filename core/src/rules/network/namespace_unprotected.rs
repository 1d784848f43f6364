use super::names;
use crate::corpus::CorpusCtx;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check};
use crate::source::NodeRef;
use foldhash::{HashMap, HashMapExt};

declare_rule! {
    /// Namespace runs pods that no NetworkPolicy isolates
    ///
    /// ## What it finds
    /// A Namespace in the input whose workloads (also in the input) include pods that no
    /// ingress NetworkPolicy of the namespace selects. Namespaces whose objects are not in the
    /// input are left alone: kubeward only judges what it sees.
    ///
    /// ## Why it matters
    /// Pods that no policy selects accept traffic from every pod in the cluster. One compromised
    /// pod anywhere can then reach the namespace's databases, admin endpoints and metrics.
    ///
    /// ## How to fix
    /// Add a default-deny policy (`podSelector: {}`, `policyTypes: [Ingress]`) and policies that
    /// allow the traffic each workload needs.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Namespace
    /// metadata: {name: app}
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web, namespace: app, labels: {app: web}}
    /// spec:
    ///   containers: [{name: web, image: nginx:1.27}]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Namespace
    /// metadata: {name: app}
    /// ---
    /// apiVersion: networking.k8s.io/v1
    /// kind: NetworkPolicy
    /// metadata: {name: default-deny, namespace: app}
    /// spec:
    ///   podSelector: {}
    ///   policyTypes: [Ingress]
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web, namespace: app, labels: {app: web}}
    /// spec:
    ///   containers: [{name: web, image: nginx:1.27}]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 5.3.2 (all namespaces have NetworkPolicies defined)
    /// - NSA/CISA Kubernetes Hardening Guide, "Network policies" (default deny)
    pub RULE = { id: "network-namespace-unprotected", category: Category::Network,
        severity: Severity::Warning,
        check: Check::Corpus { kinds: &["Namespace", "NetworkPolicy"], workloads: true, run: check },
        help: "add a default-deny NetworkPolicy and policies for the traffic each workload needs" }
}

/// Whether a policy restricts ingress (no policyTypes means Ingress).
fn restricts_ingress(root: NodeRef<'_>) -> bool {
    match root.lookup(&FieldPath::root().key("spec").key("policyTypes")) {
        None => true,
        Some(t) => t.items().any(|i| i.as_str() == Some("Ingress")),
    }
}

fn check(ctx: &mut CorpusCtx<'_>) {
    let selector = FieldPath::root().key("spec").key("podSelector");
    let mut policies: HashMap<&str, Vec<NodeRef<'_>>> = HashMap::new();
    for p in ctx.of_kind("NetworkPolicy") {
        if let (Some(ns), Some(root)) = (p.namespace(), p.root())
            && restricts_ingress(root)
        {
            policies.entry(ns).or_default().push(root);
        }
    }
    let workloads = ctx.workloads_by_namespace();
    for ns in ctx.of_kind("Namespace") {
        let Some(name) = ns.name() else { continue };
        let Some(in_ns) = workloads.of(name) else { continue };
        let mut covered = vec![false; in_ns.all.len()];
        for p in policies.get(name).into_iter().flatten() {
            for i in in_ns.selected(p.lookup(&selector)) {
                if let Some(c) = covered.get_mut(i) {
                    *c = true;
                }
            }
        }
        let open: Vec<_> =
            in_ns.all.iter().zip(&covered).filter(|(_, c)| !**c).map(|(w, _)| *w).collect();
        if open.is_empty() {
            continue;
        }
        let msg =
            format!("namespace {name:?} runs pods no NetworkPolicy isolates: {}", names(&open));
        let mut r = ctx.report(ns, "metadata.name", msg);
        for w in open.iter().take(3) {
            r = r.label(w, "metadata.name", "not selected by any NetworkPolicy");
        }
    }
}
