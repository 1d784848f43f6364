use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server writes no audit log
    ///
    /// ## What it finds
    /// Neither `--audit-log-path` nor `--audit-webhook-config-file` (no audit backend), or no
    /// `--audit-policy-file` (without a policy nothing is logged). kubeadm sets neither.
    /// Retention (`--audit-log-maxage` and friends) is not checked.
    ///
    /// ## Why it matters
    /// Without an audit log there is no record of who read a Secret, exec'd into a pod or
    /// bound cluster-admin, so an intrusion can neither be detected nor investigated.
    ///
    /// ## How to fix
    /// Set `--audit-policy-file` to an audit `Policy` and `--audit-log-path` (or a webhook
    /// backend), and mount both paths into the pod.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --audit-log-path=/var/log/kubernetes/audit.log]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command:
    ///     - kube-apiserver
    ///     - --audit-log-path=/var/log/kubernetes/audit.log
    ///     - --audit-policy-file=/etc/kubernetes/audit-policy.yaml
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.16, 3.2.1
    /// - NSA/CISA Kubernetes Hardening Guide, "Audit logging and threat detection"
    pub RULE = { id: "apiserver-missing-audit-log", category: Category::Apiserver, severity: Severity::Warning,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "set --audit-policy-file and --audit-log-path (or --audit-webhook-config-file)",
        equivalents: &[("kube-bench", "1.2.16"), ("checkov", "CKV_K8S_91"), ("trivy", "KCV0019")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    let backend = f.has("audit-log-path") || f.has("audit-webhook-config-file");
    if !backend {
        f.report(
            ctx,
            None,
            format_args!(
                "{} writes no audit log (no --audit-log-path or --audit-webhook-config-file)",
                f.who()
            ),
        );
    } else if !f.has("audit-policy-file") {
        f.report(
            ctx,
            None,
            format_args!("{} logs no audit events (no --audit-policy-file)", f.who()),
        );
    }
}
