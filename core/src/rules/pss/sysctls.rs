use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod sets a sysctl outside the safe, namespaced set
    ///
    /// ## What it finds
    /// An entry of `spec.securityContext.sysctls` that is not in the safe set of the policy
    /// version: `kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`,
    /// `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`,
    /// then `net.ipv4.ip_local_reserved_ports` (v1.27), the `net.ipv4.tcp_keepalive_*`,
    /// `tcp_fin_timeout` (v1.29) and `tcp_rmem`/`tcp_wmem` (v1.32) settings, and the additions of
    /// v1.37.
    ///
    /// ## Why it matters
    /// Only the safe sysctls are isolated per pod. Others either affect the whole node (every pod on
    /// it) or let a pod exhaust kernel resources shared with its neighbours.
    ///
    /// ## How to fix
    /// Remove the sysctl. Node-wide tuning belongs in the node's configuration, not in a pod.
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
    ///         sysctls:
    ///         - {name: net.core.somaxconn, value: "1024"}
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
    ///         sysctls:
    ///         - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "Sysctls"
    pub RULE = { id: "pss-sysctls", category: Category::Pss, severity: Severity::Error,
        pss: Some(PssRef::baseline("sysctls")), check: Check::PodSpec(check),
        help: "remove the sysctl from spec.securityContext.sysctls",
        equivalents: &[("trivy", "KSV026")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "sysctls");
}
