use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Container mounts a host path writable
    ///
    /// ## What it finds
    /// A `volumeMount` of a `hostPath` volume without `readOnly: true`, in any container (init,
    /// sidecar, regular or ephemeral).
    ///
    /// ## Why it matters
    /// A writable host path lets the container change the node itself: drop a binary or a cron
    /// job, rewrite the kubelet's or another pod's files, plant a static pod manifest, or fill the
    /// node's disk. A read-only mount still leaks what is there, but cannot persist anything on
    /// the node.
    ///
    /// `pss-host-path-volumes` reports every `hostPath` volume, because the baseline standard
    /// forbids them; this rule reports the mounts that can write, which matter most where a host
    /// path is deliberately allowed (log collectors, node agents).
    ///
    /// ## How to fix
    /// Add `readOnly: true` to the mount. If the program must write to the node, mount the
    /// narrowest directory it needs, never `/` or a parent of system paths.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: apps/v1
    /// kind: DaemonSet
    /// metadata: {name: logs}
    /// spec:
    ///   selector: {matchLabels: {app: logs}}
    ///   template:
    ///     metadata: {labels: {app: logs}}
    ///     spec:
    ///       containers:
    ///       - name: shipper
    ///         image: fluent/fluent-bit:3.1
    ///         volumeMounts: [{name: varlog, mountPath: /var/log}]
    ///       volumes:
    ///       - name: varlog
    ///         hostPath: {path: /var/log}
    /// ```
    /// ```yaml pass
    /// apiVersion: apps/v1
    /// kind: DaemonSet
    /// metadata: {name: logs}
    /// spec:
    ///   selector: {matchLabels: {app: logs}}
    ///   template:
    ///     metadata: {labels: {app: logs}}
    ///     spec:
    ///       containers:
    ///       - name: shipper
    ///         image: fluent/fluent-bit:3.1
    ///         volumeMounts: [{name: varlog, mountPath: /var/log, readOnly: true}]
    ///       volumes:
    ///       - name: varlog
    ///         hostPath: {path: /var/log}
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "HostPath Volumes"
    /// - CIS Kubernetes Benchmark 5.2.12 (hostPath volumes)
    /// - NSA/CISA Kubernetes Hardening Guide, "Pod security"
    pub RULE = { id: "container-host-path-writable", category: Category::Container,
        severity: Severity::Warning, check: Check::Container(check),
        help: "add readOnly: true to the volumeMount",
        equivalents: &[("kube-linter", "writable-host-mount")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    let volumes = c.pod.spec().volumes.as_deref().unwrap_or_default();
    for (i, m) in c.container.volume_mounts.iter().flatten().enumerate() {
        if m.read_only == Some(true) {
            continue;
        }
        let host = volumes.iter().find(|v| v.name == m.name).and_then(|v| v.host_path.as_ref());
        if let Some(hp) = host {
            ctx.report(
                FieldPath::root().key("volumeMounts").index(i).key("readOnly"),
                format_args!(
                    "{} mounts host path {} (volume {:?}) writable at {}",
                    super::who(c),
                    hp.path,
                    m.name,
                    m.mount_path
                ),
            );
        }
    }
}
