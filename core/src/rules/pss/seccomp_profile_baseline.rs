use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod or container explicitly disables seccomp (Unconfined)
    ///
    /// ## What it finds
    /// A `seccompProfile` (pod or container `securityContext`) whose type is `Unconfined`, or,
    /// before policy version v1.19, a seccomp annotation whose value is not `runtime/default`,
    /// `docker/default` or `localhost/<profile>`. Leaving the profile unset is allowed at this level
    /// (see `pss-seccomp-profile-restricted`).
    ///
    /// ## Why it matters
    /// Seccomp filters the system calls a container may make; the runtime's default profile blocks
    /// dozens that are only useful for attacks on the kernel (`keyctl`, `unshare`, `bpf` on older
    /// kernels). `Unconfined` exposes the node's whole kernel surface.
    ///
    /// ## How to fix
    /// Set `seccompProfile.type` to `RuntimeDefault` (or `Localhost` with a profile), or remove it.
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
    ///       securityContext:
    ///         seccompProfile: {type: Unconfined}
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
    /// - Pod Security Standards, baseline, "Seccomp"
    /// - CIS Kubernetes Benchmark 5.7.2
    pub RULE = { id: "pss-seccomp-profile-baseline", category: Category::Pss, severity: Severity::Error,
        pss: Some(PssRef::baseline("seccompProfile_baseline")), check: Check::PodSpec(check),
        help: "set seccompProfile.type to RuntimeDefault or Localhost, or remove it",
        equivalents: &[("trivy", "KSV104")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "seccompProfile_baseline");
}
