use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Container unmasks /proc (procMount other than Default)
    ///
    /// ## What it finds
    /// A container with `securityContext.procMount` set to anything but `Default` (such as
    /// `Unmasked`). From policy version v1.35 the baseline level allows it for pods with
    /// `hostUsers: false`, which run in a user namespace.
    ///
    /// ## Why it matters
    /// The runtime masks and makes read-only the parts of `/proc` that leak host information or let
    /// a process change kernel settings. `Unmasked` removes those masks.
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
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    ///         securityContext:
    ///           procMount: Default
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "/proc Mount Type"
    pub RULE = { id: "pss-proc-mount", category: Category::Pss, severity: Severity::Error,
        pss: Some(PssRef::baseline("procMount")), check: Check::PodSpec(check),
        help: "remove securityContext.procMount, or set it to Default",
        equivalents: &[("trivy", "KSV027")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "procMount");
}
