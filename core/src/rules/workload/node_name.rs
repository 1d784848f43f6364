use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod is pinned to a node with nodeName, bypassing the scheduler
    ///
    /// ## What it finds
    /// A pod template with `spec.nodeName` set.
    ///
    /// ## Why it matters
    /// A pod with `nodeName` is never seen by the scheduler: it goes straight to that node's
    /// kubelet. Taints with `NoSchedule`, node affinity, topology spread and scheduler-based
    /// policies are skipped, so a pod can land on a control-plane node or a node reserved for
    /// other tenants, next to their workloads and credentials. Pinning to a named node also
    /// breaks when the node is replaced.
    ///
    /// ## How to fix
    /// Remove `nodeName` and express the placement with `nodeSelector` or node affinity (and
    /// tolerations where a taint must be accepted), which the scheduler enforces.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   nodeName: control-plane-1
    ///   containers:
    ///   - name: app
    ///     image: registry.example/web:1.4
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   nodeSelector: {node.example/pool: web}
    ///   containers:
    ///   - name: app
    ///     image: registry.example/web:1.4
    /// ```
    ///
    /// ## References
    /// - Kubernetes docs: "Assigning Pods to Nodes" (nodeName)
    /// - NSA/CISA Kubernetes Hardening Guide: "Pod security" (workload isolation)
    pub RULE = { id: "workload-node-name", category: Category::Workload, severity: Severity::Warning,
        check: Check::PodSpec(check),
        help: "remove nodeName and use nodeSelector or node affinity",
        equivalents: &[] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    if let Some(node) = pod.spec().node_name.as_deref().filter(|n| !n.is_empty()) {
        ctx.report(
            "spec.nodeName",
            format_args!("pod is pinned to node {node:?} with nodeName, bypassing the scheduler"),
        );
    }
}
