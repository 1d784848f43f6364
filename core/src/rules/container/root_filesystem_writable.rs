use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Container's root filesystem is writable
    ///
    /// ## What it finds
    /// A container (init, sidecar, regular or ephemeral) whose `securityContext.readOnlyRootFilesystem`
    /// is not `true`: unset or `false`. Windows pods (`spec.os.name: windows`) are skipped, because
    /// Windows does not support the field.
    ///
    /// ## Why it matters
    /// A writable root filesystem lets an intruder drop tools and binaries into the container,
    /// change its configuration or scripts, and persist until the container restarts. A read-only
    /// root makes the image the only code that runs and turns every intended write into an
    /// explicit, reviewable volume.
    ///
    /// ## How to fix
    /// Set `securityContext.readOnlyRootFilesystem: true` on the container, and mount an `emptyDir`
    /// volume at each path the program must write to (`/tmp`, caches, sockets).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    ///     securityContext: {readOnlyRootFilesystem: true}
    ///     volumeMounts: [{name: tmp, mountPath: /tmp}]
    ///   volumes:
    ///   - name: tmp
    ///     emptyDir: {sizeLimit: 64Mi}
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.7.3 (apply security contexts to pods and containers)
    /// - NSA/CISA Kubernetes Hardening Guide, "Immutable container file systems"
    pub RULE = { id: "container-root-filesystem-writable", category: Category::Container,
        severity: Severity::Warning, check: Check::Container(check),
        help: "set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the program writes",
        equivalents: &[("kube-linter", "no-read-only-root-fs"), ("checkov", "CKV_K8S_22"), ("trivy", "KSV014"),
            ("polaris", "notReadOnlyRootFilesystem"), ("kube-score", "container-security-context-readonlyrootfilesystem")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    if super::is_windows(c.pod.spec()) {
        return;
    }
    let value = c.container.security_context.as_ref().and_then(|sc| sc.read_only_root_filesystem);
    match value {
        Some(true) => {}
        Some(false) => {
            ctx.report(
                "securityContext.readOnlyRootFilesystem",
                format_args!("{} sets readOnlyRootFilesystem: false", super::who(c)),
            );
        }
        None => {
            ctx.report(
                "securityContext.readOnlyRootFilesystem",
                format_args!(
                    "{} has a writable root filesystem (readOnlyRootFilesystem is not set)",
                    super::who(c)
                ),
            );
        }
    }
}
