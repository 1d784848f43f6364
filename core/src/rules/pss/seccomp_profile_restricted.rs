use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod or container has no RuntimeDefault or Localhost seccomp profile
    ///
    /// ## What it finds
    /// A container with no seccomp profile of type `RuntimeDefault` or `Localhost`, neither its own
    /// nor inherited from the pod's `securityContext`, or with an explicit `Unconfined` (policy
    /// version v1.19 and later; from v1.25 Windows pods are exempt).
    ///
    /// ## Why it matters
    /// Without a profile the container runs unconfined: every system call of the node's kernel is
    /// reachable, including the ones behind most kernel privilege-escalation exploits.
    ///
    /// ## How to fix
    /// Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or `Localhost` with a
    /// profile).
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
    ///       securityContext:
    ///         seccompProfile: {type: RuntimeDefault}
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, restricted, "Seccomp"
    /// - CIS Kubernetes Benchmark 5.7.2
    pub RULE = { id: "pss-seccomp-profile-restricted", category: Category::Pss, severity: Severity::Warning,
        pss: Some(PssRef::restricted("seccompProfile_restricted")), check: Check::PodSpec(check),
        help: "set securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a profile)",
        equivalents: &[("checkov", "CKV_K8S_31"), ("trivy", "KSV030")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "seccompProfile_restricted");
}
