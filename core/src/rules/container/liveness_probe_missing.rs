use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::context::ContainerKind;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Container has no liveness probe
    ///
    /// ## What it finds
    /// A regular container without a `livenessProbe`, in a pod that keeps running. Skipped: Job
    /// and CronJob pods and any pod with `restartPolicy: Never` or `OnFailure`, and init, sidecar
    /// and ephemeral containers. This rule is `info`: it is shown only with `--min-severity info`.
    ///
    /// ## Why it matters
    /// The kubelet restarts a container whose process exits, but not one that hangs: a deadlock
    /// or an exhausted thread pool leaves a running container that answers nothing until someone
    /// notices. A liveness probe turns that into a restart. It is `info` because a wrong liveness
    /// probe is worse than none: one that checks a dependency, or is shorter than a slow start,
    /// restarts healthy containers in a loop and can take a whole service down under load. Probe
    /// only the process itself, and use a `startupProbe` for slow starts.
    ///
    /// ## How to fix
    /// Add a `livenessProbe` that checks only that the process responds (not its dependencies),
    /// with a generous `failureThreshold`.
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
    ///         livenessProbe:
    ///           httpGet: {path: /livez, port: 8080}
    ///           failureThreshold: 6
    /// ```
    ///
    /// ## References
    /// - Kubernetes documentation, "Configure Liveness, Readiness and Startup Probes"
    pub RULE = { id: "container-liveness-probe-missing", category: Category::Container,
        severity: Severity::Info, check: Check::Container(check),
        help: "add a livenessProbe that checks only that the process itself responds",
        equivalents: &[("kube-linter", "no-liveness-probe"), ("checkov", "CKV_K8S_8"),
            ("polaris", "livenessProbeMissing"), ("kube-score", "pod-probes")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    if c.kind != ContainerKind::Regular
        || super::runs_to_completion(c.pod)
        || c.container.liveness_probe.is_some()
    {
        return;
    }
    ctx.report("livenessProbe", format_args!("{} has no liveness probe", super::who(c)));
}
