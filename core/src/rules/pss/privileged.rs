use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Container runs in privileged mode
    ///
    /// ## What it finds
    /// A container (init, regular or ephemeral) of any workload kind with
    /// `securityContext.privileged: true`, however it is written (`yes`, `on`, `True` are YAML 1.1
    /// booleans to the API server).
    ///
    /// ## Why it matters
    /// A privileged container has every capability, sees every host device and runs without
    /// seccomp or AppArmor confinement: it is root on the node. From there it can read every
    /// Secret mounted into any pod on that node and the kubelet's own credentials.
    ///
    /// ## How to fix
    /// Remove `privileged: true`. Grant the specific capability the workload needs instead.
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
    ///     securityContext:
    ///       privileged: yes
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    ///     securityContext:
    ///       privileged: false
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "Privileged Containers"
    /// - CIS Kubernetes Benchmark 5.2.2
    /// - NSA/CISA Kubernetes Hardening Guide, "Non-root containers and rootless container engines"
    pub RULE = { id: "pss-privileged", category: Category::Pss, severity: Severity::Error,
        pss: Some(PssRef::baseline("privileged")), check: Check::PodSpec(check),
        help: "remove privileged: true, or set it to false",
        equivalents: &[("kube-linter", "privileged-container"), ("checkov", "CKV_K8S_16"), ("trivy", "KSV017"),
            ("polaris", "runAsPrivileged"), ("kube-score", "container-security-context-privileged")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "privileged");
}
