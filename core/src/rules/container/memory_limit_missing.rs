use super::Bound;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Container has no memory limit
    ///
    /// ## What it finds
    /// A regular container or native sidecar (an init container with `restartPolicy: Always`)
    /// without `resources.limits.memory`, when the pod-level `spec.resources.limits.memory` is not
    /// set either. Plain init containers are skipped: they run one at a time, before the others,
    /// and finish.
    ///
    /// ## Why it matters
    /// Memory cannot be throttled: a container without a limit can grow until the node runs out,
    /// and then the kernel's OOM killer or the kubelet's eviction picks victims among *other*
    /// pods. A leak, a large request or a deliberate denial of service in one workload takes down
    /// its neighbours. With a limit, only the offending container is killed and restarted.
    ///
    /// A `LimitRange` in the namespace may give containers a default limit at admission; kubeward
    /// only sees the manifest, so set the limit where the workload is defined.
    ///
    /// ## How to fix
    /// Set `resources.limits.memory`, usually equal to `resources.requests.memory` so the container
    /// cannot use memory the scheduler did not reserve for it.
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
    ///       limits: {memory: 128Mi}
    /// ```
    ///
    /// ## References
    /// - NSA/CISA Kubernetes Hardening Guide, "Resource policies"
    /// - Kubernetes documentation, "Resource Management for Pods and Containers"
    pub RULE = { id: "container-memory-limit-missing", category: Category::Container,
        severity: Severity::Warning, check: Check::Container(check),
        help: "set resources.limits.memory (usually equal to the memory request)",
        equivalents: &[("kube-linter", "unset-memory-requirements"), ("checkov", "CKV_K8S_13"), ("trivy", "KSV018"),
            ("polaris", "memoryLimitsMissing"), ("kube-score", "container-resources")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    super::report_missing_resource(ctx, c, "memory", Bound::Limit);
}
