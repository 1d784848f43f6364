use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Container binds a port on the node (hostPort)
    ///
    /// ## What it finds
    /// A container port with a non-zero `hostPort`.
    ///
    /// ## Why it matters
    /// A host port binds the node's own interfaces: it bypasses NetworkPolicies that select the
    /// pod, exposes the container on every network the node is on, and limits scheduling to one such
    /// pod per node.
    ///
    /// ## How to fix
    /// Remove `hostPort` (or set it to 0) and expose the port through a Service.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: {name: web}
    /// spec:
    ///   selector: {matchLabels: {app: web}}
    ///   template:
    ///     metadata: {labels: {app: web}}
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    ///         ports:
    ///         - containerPort: 8080
    ///           hostPort: 80
    /// ```
    /// ```yaml pass
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: {name: web}
    /// spec:
    ///   selector: {matchLabels: {app: web}}
    ///   template:
    ///     metadata: {labels: {app: web}}
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    ///         ports:
    ///         - containerPort: 8080
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "Host Ports"
    /// - CIS Kubernetes Benchmark 5.2.13
    pub RULE = { id: "pss-host-ports", category: Category::Pss, severity: Severity::Error,
        pss: Some(PssRef::baseline("hostPorts")), check: Check::PodSpec(check),
        help: "remove hostPort (or set it to 0) and expose the port through a Service",
        equivalents: &[("checkov", "CKV_K8S_26"), ("trivy", "KSV024"), ("polaris", "hostPortSet")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "hostPorts");
}
