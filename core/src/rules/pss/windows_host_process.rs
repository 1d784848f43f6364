use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod or container runs as a Windows HostProcess container
    ///
    /// ## What it finds
    /// `windowsOptions.hostProcess: true` in the pod's or a container's `securityContext`.
    ///
    /// ## Why it matters
    /// A Windows HostProcess container runs directly on the node, in the host's network and process
    /// namespace, with the node's filesystem: it is the Windows equivalent of a privileged container.
    ///
    /// ## How to fix
    /// Remove `windowsOptions.hostProcess`, or set it to false.
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
    ///       hostNetwork: true
    ///       securityContext:
    ///         windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\SYSTEM"}
    ///       containers:
    ///       - name: agent
    ///         image: agent:1.0
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
    ///         windowsOptions: {runAsUserName: ContainerUser}
    ///       containers:
    ///       - name: agent
    ///         image: agent:1.0
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "HostProcess"
    /// - CIS Kubernetes Benchmark 5.2.11
    pub RULE = { id: "pss-windows-host-process", category: Category::Pss, severity: Severity::Error,
        pss: Some(PssRef::baseline("windowsHostProcess")), check: Check::PodSpec(check),
        help: "remove windowsOptions.hostProcess, or set it to false",
        equivalents: &[("trivy", "KSV103")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "windowsHostProcess");
}
