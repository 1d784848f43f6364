use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod mounts a hostPath volume
    ///
    /// ## What it finds
    /// A pod template with a `hostPath` volume, whatever its path or type.
    ///
    /// ## Why it matters
    /// A hostPath volume exposes the node's filesystem to the pod. Mounting `/`, `/etc`,
    /// `/var/lib/kubelet` or the container runtime's socket is a direct path to root on the node, and
    /// even a harmless-looking directory can be a symlink target or fill the node's disk.
    ///
    /// ## How to fix
    /// Replace the hostPath volume with a `persistentVolumeClaim`, `configMap`, `secret` or
    /// `emptyDir` volume. Node agents that must read the host belong in a privileged namespace.
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
    ///         volumeMounts: [{name: logs, mountPath: /var/log/host}]
    ///       volumes:
    ///       - name: logs
    ///         hostPath: {path: /var/log}
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
    ///         volumeMounts: [{name: cache, mountPath: /cache}]
    ///       volumes:
    ///       - name: cache
    ///         emptyDir: {}
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "HostPath Volumes"
    /// - CIS Kubernetes Benchmark 5.2.12
    pub RULE = { id: "pss-host-path-volumes", category: Category::Pss, severity: Severity::Error,
        pss: Some(PssRef::baseline("hostPathVolumes")), check: Check::PodSpec(check),
        help: "replace the hostPath volume with a persistentVolumeClaim, configMap, secret or emptyDir volume",
        equivalents: &[("trivy", "KSV023")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "hostPathVolumes");
}
