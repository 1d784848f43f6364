use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Container adds a capability beyond the runtime's default set
    ///
    /// ## What it finds
    /// A container (init, regular or ephemeral) whose `securityContext.capabilities.add` lists a
    /// capability outside the default set of the container runtime: `AUDIT_WRITE`, `CHOWN`,
    /// `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`, `MKNOD`, `NET_BIND_SERVICE`, `SETFCAP`, `SETGID`,
    /// `SETPCAP`, `SETUID` and `SYS_CHROOT`.
    ///
    /// ## Why it matters
    /// Capabilities such as `SYS_ADMIN`, `SYS_PTRACE`, `NET_ADMIN` or `SYS_MODULE` each give a
    /// slice of root: mounting filesystems, reading other processes' memory, reconfiguring the node's
    /// network, loading kernel modules. Most container escapes start from one of them.
    ///
    /// ## How to fix
    /// Remove the capability from `capabilities.add`. If the workload really needs it, run it in a
    /// namespace whose Pod Security level is `privileged`, and document why.
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
    ///           capabilities:
    ///             add: [SYS_ADMIN]
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
    ///           capabilities:
    ///             add: [NET_BIND_SERVICE]
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "Capabilities"
    /// - CIS Kubernetes Benchmark 5.2.9
    pub RULE = { id: "pss-capabilities-baseline", category: Category::Pss, severity: Severity::Error,
        pss: Some(PssRef::baseline("capabilities_baseline")), check: Check::PodSpec(check),
        help: "add only capabilities of the runtime's default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT)",
        equivalents: &[("checkov", "CKV_K8S_39"), ("trivy", "KSV022"), ("polaris", "dangerousCapabilities")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "capabilities_baseline");
}
