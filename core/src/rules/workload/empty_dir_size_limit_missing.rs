use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod has an emptyDir volume without a sizeLimit
    ///
    /// ## What it finds
    /// An `emptyDir` volume without `sizeLimit`.
    ///
    /// ## Why it matters
    /// Without a limit an `emptyDir` can fill the node's disk (or, with `medium: Memory`, its
    /// RAM as tmpfs counted against the container's memory), evicting other pods or starving
    /// the kubelet: a denial of service one pod can cause by writing. The container's
    /// `ephemeral-storage` limit also bounds it, but is rarely set. Reported as info.
    ///
    /// ## How to fix
    /// Set `sizeLimit` to what the volume needs; the kubelet evicts the pod beyond it.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: registry.example/web:1.4
    ///     volumeMounts: [{name: cache, mountPath: /cache}]
    ///   volumes:
    ///   - name: cache
    ///     emptyDir: {}
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: registry.example/web:1.4
    ///     volumeMounts: [{name: cache, mountPath: /cache}]
    ///   volumes:
    ///   - name: cache
    ///     emptyDir: {sizeLimit: 512Mi}
    /// ```
    ///
    /// ## References
    /// - Kubernetes docs: "Volumes" (emptyDir sizeLimit) and "Local ephemeral storage"
    /// - NSA/CISA Kubernetes Hardening Guide: "Resource policies" (limit resource use to prevent denial of service)
    pub RULE = { id: "workload-empty-dir-size-limit-missing", category: Category::Workload, severity: Severity::Info,
        check: Check::PodSpec(check),
        help: "set emptyDir.sizeLimit",
        equivalents: &[] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    for (i, v) in pod.spec().volumes.iter().flatten().enumerate() {
        let Some(ed) = &v.empty_dir else { continue };
        if ed.size_limit.is_some() {
            continue;
        }
        let memory = if ed.medium.as_deref() == Some("Memory") { " (memory-backed)" } else { "" };
        ctx.report(
            format!("spec.volumes[{i}].emptyDir"),
            format_args!("emptyDir volume {:?}{memory} has no sizeLimit", v.name),
        );
    }
}
