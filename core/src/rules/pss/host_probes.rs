use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Probe or lifecycle handler targets another host
    ///
    /// ## What it finds
    /// A liveness, readiness or startup probe, or a `postStart`/`preStop` handler, whose `httpGet`
    /// or `tcpSocket` sets `host` (policy version v1.34 and later).
    ///
    /// ## Why it matters
    /// The kubelet runs probes and lifecycle handlers from the node. With `host` set, a pod can make
    /// the kubelet connect to any address the node reaches (the cloud metadata service, a control-plane
    /// endpoint): a server-side request forgery with the node's network position.
    ///
    /// ## How to fix
    /// Remove `host` from the probe or handler; it then targets the pod's own IP.
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
    ///         livenessProbe:
    ///           httpGet: {host: 169.254.169.254, path: /latest/meta-data/, port: 80}
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
    ///           httpGet: {path: /healthz, port: 8080}
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "Probes / Lifecycle Hooks"
    pub RULE = { id: "pss-host-probes", category: Category::Pss, severity: Severity::Error,
        pss: Some(PssRef::baseline("hostProbesAndHostLifecycle")), check: Check::PodSpec(check),
        help: "remove the host field from httpGet and tcpSocket probes and lifecycle handlers",
        equivalents: &[] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "hostProbesAndHostLifecycle");
}
