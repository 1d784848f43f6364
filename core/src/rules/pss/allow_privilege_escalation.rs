use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Container allows privilege escalation
    ///
    /// ## What it finds
    /// A container whose `securityContext.allowPrivilegeEscalation` is not `false` (unset counts:
    /// the default is to allow it). From policy version v1.25 Windows pods (`spec.os.name: windows`)
    /// are exempt.
    ///
    /// ## Why it matters
    /// With privilege escalation allowed, `no_new_privs` is not set on the container's processes, so a
    /// setuid binary or file capabilities in the image can raise a process above the container user.
    ///
    /// ## How to fix
    /// Set `securityContext.allowPrivilegeEscalation: false` on every container.
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
    ///         securityContext:
    ///           allowPrivilegeEscalation: false
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, restricted, "Privilege Escalation"
    /// - CIS Kubernetes Benchmark 5.2.6
    pub RULE = { id: "pss-allow-privilege-escalation", category: Category::Pss, severity: Severity::Warning,
        pss: Some(PssRef::restricted("allowPrivilegeEscalation")), check: Check::PodSpec(check),
        help: "set securityContext.allowPrivilegeEscalation: false on every container",
        equivalents: &[("kube-linter", "privilege-escalation-container"), ("checkov", "CKV_K8S_20"), ("trivy", "KSV001"), ("polaris", "privilegeEscalationAllowed")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "allowPrivilegeEscalation");
}
