use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Container unmasks /proc, even in a user namespace
    ///
    /// ## What it finds
    /// A container with `securityContext.procMount` other than `Default`, including in pods with
    /// `hostUsers: false` that the baseline level allows from policy version v1.35 (this check exists
    /// from v1.35).
    ///
    /// ## Why it matters
    /// A user namespace limits what an unmasked `/proc` exposes, but the restricted level keeps the
    /// masks anyway: kernel interfaces under `/proc/sys` and `/proc/sysrq-trigger` remain reachable
    /// attack surface.
    ///
    /// ## How to fix
    /// Remove `securityContext.procMount`, or set it to `Default`.
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
    ///       hostUsers: false
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    ///         securityContext:
    ///           procMount: Unmasked
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
    ///       hostUsers: false
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, restricted, "/proc Mount Type"
    pub RULE = { id: "pss-proc-mount-restricted", category: Category::Pss, severity: Severity::Warning,
        pss: Some(PssRef::restricted("procMount_restricted")), check: Check::PodSpec(check),
        help: "remove securityContext.procMount, or set it to Default",
        equivalents: &[("trivy", "KSV027")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "procMount_restricted");
}
