use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Container may run as root (runAsNonRoot not true)
    ///
    /// ## What it finds
    /// A container for which `runAsNonRoot` is not `true`, neither on the container nor inherited from
    /// the pod's `securityContext`, or is explicitly `false`. From policy version v1.35 pods with
    /// `hostUsers: false` are exempt.
    ///
    /// ## Why it matters
    /// Root in a container is root on the node's kernel, limited only by capabilities, seccomp and
    /// the runtime. `runAsNonRoot: true` makes the kubelet refuse to start an image that would run as
    /// user 0.
    ///
    /// ## How to fix
    /// Set `securityContext.runAsNonRoot: true` on the pod (or on every container), and make sure the
    /// image runs as a non-zero user.
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
    ///       securityContext:
    ///         runAsNonRoot: true
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, restricted, "Running as Non-root"
    /// - CIS Kubernetes Benchmark 5.2.7
    pub RULE = { id: "pss-run-as-non-root", category: Category::Pss, severity: Severity::Warning,
        pss: Some(PssRef::restricted("runAsNonRoot")), check: Check::PodSpec(check),
        help: "set securityContext.runAsNonRoot: true on the pod (or on every container)",
        equivalents: &[("kube-linter", "run-as-non-root"), ("checkov", "CKV_K8S_23"), ("trivy", "KSV012"), ("polaris", "runAsRootAllowed")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "runAsNonRoot");
}
