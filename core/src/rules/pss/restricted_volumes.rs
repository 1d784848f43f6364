use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod uses a volume type the restricted level does not allow
    ///
    /// ## What it finds
    /// A volume that is not `configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`, `image`,
    /// `persistentVolumeClaim`, `projected` or `secret`: `hostPath`, `nfs`, `iscsi`, `rbd`, `cephfs`,
    /// `gitRepo` and the other in-tree types.
    ///
    /// ## Why it matters
    /// In-tree network and host volumes are mounted by the kubelet with the node's credentials and
    /// kernel clients; letting a pod name the server and path directly bypasses the
    /// PersistentVolume/StorageClass layer that administrators control.
    ///
    /// ## How to fix
    /// Use a `persistentVolumeClaim` bound to a PersistentVolume of that type, or one of the allowed
    /// volume types.
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
    ///         volumeMounts: [{name: data, mountPath: /data}]
    ///       volumes:
    ///       - name: data
    ///         nfs: {server: nfs.example.com, path: /exports/data}
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
    ///         volumeMounts: [{name: data, mountPath: /data}]
    ///       volumes:
    ///       - name: data
    ///         persistentVolumeClaim: {claimName: data}
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, restricted, "Volume Types"
    /// - CIS Kubernetes Benchmark 5.2.12
    pub RULE = { id: "pss-restricted-volumes", category: Category::Pss, severity: Severity::Warning,
        pss: Some(PssRef::restricted("restrictedVolumes")), check: Check::PodSpec(check),
        help: "replace the volume with a persistentVolumeClaim, or one of the allowed volume types",
        equivalents: &[("trivy", "KSV028")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "restrictedVolumes");
}
