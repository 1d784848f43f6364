use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::context::ContainerKind;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Serving container has no readiness probe
    ///
    /// ## What it finds
    /// A regular container that declares a `containerPort` but has no `readinessProbe`, in a pod
    /// that keeps running. Skipped: Job and CronJob pods and any pod with `restartPolicy: Never`
    /// or `OnFailure` (they run to completion and serve nothing), init, sidecar and ephemeral
    /// containers, and containers that declare no port (workers that receive no traffic).
    ///
    /// ## Why it matters
    /// Without a readiness probe a container counts as ready as soon as its process starts.
    /// Services send it traffic before it can answer, and a rolling update replaces working pods
    /// with ones that are not serving yet, since the rollout waits only for readiness. During
    /// overload or a broken dependency, a probe that fails takes the pod out of the Service
    /// instead of letting it answer with errors.
    ///
    /// ## How to fix
    /// Add a `readinessProbe` that checks the port the container serves (an `httpGet` on a health
    /// endpoint, or a `tcpSocket`).
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
    ///         ports: [{containerPort: 8080}]
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
    ///         ports: [{containerPort: 8080}]
    ///         readinessProbe:
    ///           httpGet: {path: /healthz, port: 8080}
    /// ```
    ///
    /// ## References
    /// - Kubernetes documentation, "Configure Liveness, Readiness and Startup Probes"
    pub RULE = { id: "container-readiness-probe-missing", category: Category::Container,
        severity: Severity::Warning, check: Check::Container(check),
        help: "add a readinessProbe that checks the port the container serves",
        equivalents: &[("kube-linter", "no-readiness-probe"), ("checkov", "CKV_K8S_9"),
            ("polaris", "readinessProbeMissing"), ("kube-score", "pod-probes")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    if c.kind != ContainerKind::Regular
        || super::runs_to_completion(c.pod)
        || c.container.readiness_probe.is_some()
    {
        return;
    }
    let Some(port) = c.container.ports.as_deref().and_then(<[_]>::first) else { return };
    ctx.report(
        "readinessProbe",
        format_args!(
            "{} serves port {} but has no readiness probe",
            super::who(c),
            port.container_port
        ),
    );
}
