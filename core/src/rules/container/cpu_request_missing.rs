use super::Bound;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Container has no CPU request
    ///
    /// ## What it finds
    /// A regular container or native sidecar without `resources.requests.cpu`. A CPU limit counts
    /// as a request (the API server copies a limit into a missing request), and so does the
    /// pod-level `spec.resources`. Plain init containers are skipped: the pod's request is the
    /// larger of theirs and the sum of the regular containers'.
    ///
    /// ## Why it matters
    /// The CPU request is what the container is guaranteed under contention: the kernel shares a
    /// busy node's CPU in proportion to requests. A container that requests none gets the
    /// smallest share, so a noisy neighbour (or an attacker burning CPU in another pod) starves
    /// it, and the scheduler packs nodes as if it needed no CPU at all.
    ///
    /// ## How to fix
    /// Set `resources.requests.cpu` to what the container uses under normal load.
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
    ///           requests: {memory: 128Mi}
    ///           limits: {memory: 128Mi}
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
    ///           limits: {memory: 128Mi}
    /// ```
    ///
    /// ## References
    /// - NSA/CISA Kubernetes Hardening Guide, "Resource policies"
    /// - Kubernetes documentation, "Resource Management for Pods and Containers"
    pub RULE = { id: "container-cpu-request-missing", category: Category::Container,
        severity: Severity::Warning, check: Check::Container(check),
        help: "set resources.requests.cpu to what the container uses under normal load",
        equivalents: &[("kube-linter", "unset-cpu-requirements"), ("checkov", "CKV_K8S_10"), ("trivy", "KSV015"),
            ("polaris", "cpuRequestsMissing"), ("kube-score", "container-resources")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    super::report_missing_resource(ctx, c, "cpu", Bound::Request);
}
