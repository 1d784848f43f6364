use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod or container sets a custom SELinux user, role or type
    ///
    /// ## What it finds
    /// `seLinuxOptions` (pod or container `securityContext`) with a `user` or `role`, or a `type`
    /// other than `container_t`, `container_init_t`, `container_kvm_t` or (from v1.31)
    /// `container_engine_t`.
    ///
    /// ## Why it matters
    /// The SELinux label decides what the container's processes may touch on the node. A type such
    /// as `spc_t` (super-privileged container) or `unconfined_t` switches the confinement off.
    ///
    /// ## How to fix
    /// Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and use a container SELinux type or
    /// none. The `level` field is allowed.
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
    ///         seLinuxOptions: {type: spc_t}
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
    ///         seLinuxOptions: {level: "s0:c123,c456"}
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "SELinux"
    pub RULE = { id: "pss-selinux-options", category: Category::Pss, severity: Severity::Error,
        pss: Some(PssRef::baseline("seLinuxOptions")), check: Check::PodSpec(check),
        help: "remove seLinuxOptions.user and role, and use a container SELinux type (container_t, container_init_t, container_kvm_t, container_engine_t) or none",
        equivalents: &[("trivy", "KSV025")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "seLinuxOptions");
}
