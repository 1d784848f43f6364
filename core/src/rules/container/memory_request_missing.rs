use super::Bound;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Container has no memory request
    ///
    /// ## What it finds
    /// A regular container or native sidecar without `resources.requests.memory`. A memory limit
    /// counts as a request (the API server copies a limit into a missing request), and so does the
    /// pod-level `spec.resources`. Plain init containers are skipped: the pod's request is the
    /// larger of theirs and the sum of the regular containers'.
    ///
    /// ## Why it matters
    /// The scheduler places pods by their requests. A container that requests no memory is placed
    /// as if it needed none, so nodes are overcommitted, and under memory pressure the kubelet
    /// evicts pods that use more than they requested first: this one. Without requests the pod's
    /// QoS class is `BestEffort`, the first to go.
    ///
    /// ## How to fix
    /// Set `resources.requests.memory` to what the container uses under normal load (and a limit;
    /// see `container-memory-limit-missing`).
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
    ///         resources:
    ///           requests: {cpu: 100m}
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
    ///         resources:
    ///           requests: {cpu: 100m, memory: 128Mi}
    /// ```
    ///
    /// ## References
    /// - NSA/CISA Kubernetes Hardening Guide, "Resource policies"
    /// - Kubernetes documentation, "Resource Management for Pods and Containers"
    pub RULE = { id: "container-memory-request-missing", category: Category::Container,
        severity: Severity::Warning, check: Check::Container(check),
        help: "set resources.requests.memory to what the container uses under normal load",
        equivalents: &[("kube-linter", "unset-memory-requirements"), ("checkov", "CKV_K8S_12"), ("trivy", "KSV016"),
            ("polaris", "memoryRequestsMissing"), ("kube-score", "container-resources")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    super::report_missing_resource(ctx, c, "memory", Bound::Request);
}
