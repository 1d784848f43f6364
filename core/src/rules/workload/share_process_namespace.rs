use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod shares one process namespace between its containers
    ///
    /// ## What it finds
    /// A pod template with `shareProcessNamespace: true`.
    ///
    /// ## Why it matters
    /// With a shared PID namespace every container sees every other container's processes. A
    /// compromised sidecar can signal the main process, read its environment (and so its
    /// secrets) from `/proc/<pid>/environ`, and reach its filesystem through
    /// `/proc/<pid>/root`. The pause container also stops being PID 1 of each container.
    ///
    /// ## How to fix
    /// Remove `shareProcessNamespace` (it defaults to false). For debugging, use an ephemeral
    /// container targeting one container (`kubectl debug --target`) instead.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   shareProcessNamespace: true
    ///   containers:
    ///   - name: app
    ///     image: registry.example/web:1.4
    ///   - name: proxy
    ///     image: registry.example/proxy:2.1
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: registry.example/web:1.4
    ///   - name: proxy
    ///     image: registry.example/proxy:2.1
    /// ```
    ///
    /// ## References
    /// - Kubernetes docs: "Share Process Namespace between Containers in a Pod"
    /// - NSA/CISA Kubernetes Hardening Guide: "Pod security" (least privilege between containers)
    pub RULE = { id: "workload-share-process-namespace", category: Category::Workload, severity: Severity::Warning,
        check: Check::PodSpec(check),
        help: "remove shareProcessNamespace or set it to false",
        equivalents: &[] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    if pod.spec().share_process_namespace == Some(true) {
        ctx.report(
            "spec.shareProcessNamespace",
            "containers of the pod share one process namespace",
        );
    }
}
