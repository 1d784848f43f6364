use super::Bound;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Container has no CPU limit
    ///
    /// ## What it finds
    /// A regular container or native sidecar without `resources.limits.cpu`, when the pod-level
    /// `spec.resources.limits.cpu` is not set either. This rule is `info`: it is shown only with
    /// `--min-severity info`, because whether to set CPU limits at all is a trade-off.
    ///
    /// ## Why it matters
    /// Without a CPU limit a container may use every idle core of its node. That is usually what
    /// you want: CPU is compressible, the kernel shares it by request under contention, and a
    /// limit throttles the container (CFS quota) even when the node is idle, which shows up as
    /// latency spikes. Many operators therefore set CPU *requests* on everything and CPU limits on
    /// nothing. A limit still matters where one workload must never take more than its share
    /// (multi-tenant nodes, untrusted code, billing by the core, the `Guaranteed` QoS class that
    /// exclusive CPUs need); enable this rule at `warning` there.
    ///
    /// ## How to fix
    /// Set `resources.limits.cpu` where a hard cap is needed; elsewhere, make sure the CPU request
    /// is set (`container-cpu-request-missing`) and turn this rule off.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    ///     resources:
    ///       requests: {cpu: 100m, memory: 128Mi}
    ///       limits: {memory: 128Mi}
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    ///     resources:
    ///       requests: {cpu: 100m, memory: 128Mi}
    ///       limits: {cpu: 500m, memory: 128Mi}
    /// ```
    ///
    /// ## References
    /// - NSA/CISA Kubernetes Hardening Guide, "Resource policies"
    /// - Kubernetes documentation, "Resource Management for Pods and Containers"
    pub RULE = { id: "container-cpu-limit-missing", category: Category::Container,
        severity: Severity::Info, check: Check::Container(check),
        help: "set resources.limits.cpu where a hard CPU cap is needed",
        equivalents: &[("kube-linter", "unset-cpu-requirements"), ("checkov", "CKV_K8S_11"), ("trivy", "KSV011"),
            ("polaris", "cpuLimitsMissing"), ("kube-score", "container-resources")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    super::report_missing_resource(ctx, c, "cpu", Bound::Limit);
}
