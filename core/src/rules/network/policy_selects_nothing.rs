use crate::corpus::CorpusCtx;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check};

declare_rule! {
    /// NetworkPolicy selects no pod of its namespace
    ///
    /// ## What it finds
    /// A NetworkPolicy whose `podSelector` matches none of the pod templates of its namespace,
    /// when the input holds workloads of that namespace (a policy alone in the input is not
    /// judged), and when it has a namespace set. Pods that controllers add labels to
    /// (`pod-template-hash`, `statefulset.kubernetes.io/pod-name`, …) match on those labels.
    /// Informational: pods created by operators from custom resources (Prometheus, Ceph, …) are
    /// not in the input, so a policy written for them looks dangling.
    ///
    /// ## Why it matters
    /// A dangling policy protects nothing while looking like protection: usually a label was
    /// renamed on the workload and not on the policy, so the pods it was written for are open.
    ///
    /// ## How to fix
    /// Fix the selector to match the pods' labels, or delete the policy.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: networking.k8s.io/v1
    /// kind: NetworkPolicy
    /// metadata: {name: db, namespace: app}
    /// spec:
    ///   podSelector: {matchLabels: {app: postgres}}
    ///   policyTypes: [Ingress]
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: db, namespace: app, labels: {app: postgresql}}
    /// spec:
    ///   containers: [{name: db, image: postgres:16}]
    /// ```
    /// ```yaml pass
    /// apiVersion: networking.k8s.io/v1
    /// kind: NetworkPolicy
    /// metadata: {name: db, namespace: app}
    /// spec:
    ///   podSelector: {matchLabels: {app: postgresql}}
    ///   policyTypes: [Ingress]
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: db, namespace: app, labels: {app: postgresql}}
    /// spec:
    ///   containers: [{name: db, image: postgres:16}]
    /// ```
    ///
    /// ## References
    /// - Network Policies <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
    pub RULE = { id: "network-policy-selects-nothing", category: Category::Network,
        severity: Severity::Info,
        check: Check::Corpus { kinds: &["NetworkPolicy"], workloads: true, run: check },
        help: "make the podSelector match the pods' labels, or delete the policy" }
}

fn check(ctx: &mut CorpusCtx<'_>) {
    let workloads = ctx.workloads_by_namespace();
    let path = FieldPath::root().key("spec").key("podSelector");
    for p in ctx.of_kind("NetworkPolicy") {
        // Without a namespace the object's namespace is decided at apply time: not judged.
        let Some(ns) = p.namespace() else { continue };
        let Some(same_ns) = workloads.of(ns) else { continue };
        let Some(root) = p.root() else { continue };
        if same_ns.selected(root.lookup(&path)).is_empty() {
            ctx.report(
                p,
                &path,
                format_args!(
                    "network policy selects none of the {} workload(s) of namespace {ns:?}",
                    same_ns.all.len()
                ),
            );
        }
    }
}
