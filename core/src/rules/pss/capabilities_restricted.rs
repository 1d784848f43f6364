use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Container keeps capabilities (no drop ALL, or adds beyond NET_BIND_SERVICE)
    ///
    /// ## What it finds
    /// A container whose `securityContext.capabilities.drop` does not include `ALL`, or whose
    /// `capabilities.add` lists anything but `NET_BIND_SERVICE` (policy version v1.22 and later; from
    /// v1.25 Windows pods are exempt).
    ///
    /// ## Why it matters
    /// The runtime's default set still includes capabilities such as `NET_RAW` (packet spoofing on the
    /// pod network), `DAC_OVERRIDE` and `SETUID`. Dropping them all leaves an attacker inside the
    /// container far less to work with.
    ///
    /// ## How to fix
    /// Set `securityContext.capabilities.drop: ["ALL"]` and add back at most `NET_BIND_SERVICE`.
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
    ///         securityContext:
    ///           capabilities:
    ///             drop: [NET_RAW]
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
    ///         securityContext:
    ///           capabilities:
    ///             drop: [ALL]
    ///             add: [NET_BIND_SERVICE]
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, restricted, "Capabilities"
    /// - CIS Kubernetes Benchmark 5.2.8, 5.2.10
    pub RULE = { id: "pss-capabilities-restricted", category: Category::Pss, severity: Severity::Warning,
        pss: Some(PssRef::restricted("capabilities_restricted")), check: Check::PodSpec(check),
        help: "set securityContext.capabilities.drop: [\"ALL\"] and add at most NET_BIND_SERVICE",
        equivalents: &[("checkov", "CKV_K8S_37"), ("trivy", "KSV003")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "capabilities_restricted");
}
