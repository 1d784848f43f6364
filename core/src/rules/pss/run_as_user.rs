use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod or container runs as user 0 (runAsUser: 0)
    ///
    /// ## What it finds
    /// `runAsUser: 0` in the pod's or a container's `securityContext` (policy version v1.23 and
    /// later; from v1.35 pods with `hostUsers: false` are exempt).
    ///
    /// ## Why it matters
    /// User 0 is root. Setting it explicitly defeats `runAsNonRoot` and every image-level user choice.
    ///
    /// ## How to fix
    /// Set `runAsUser` to a non-zero user id, or remove it.
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
    ///       securityContext:
    ///         runAsUser: 0
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
    ///         runAsUser: 10001
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, restricted, "Running as Non-root user"
    /// - CIS Kubernetes Benchmark 5.2.7
    pub RULE = { id: "pss-run-as-user", category: Category::Pss, severity: Severity::Warning,
        pss: Some(PssRef::restricted("runAsUser")), check: Check::PodSpec(check),
        help: "set runAsUser to a non-zero user id, or remove it",
        equivalents: &[("trivy", "KSV105")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "runAsUser");
}
