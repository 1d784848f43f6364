use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// Controller manager has no ServiceAccount signing key or root CA
    ///
    /// ## What it finds
    /// No `--service-account-private-key-file` or no `--root-ca-file`. kubeadm sets both.
    ///
    /// ## Why it matters
    /// Without the private key the controller-manager cannot sign ServiceAccount tokens (the
    /// token controller stays off and pods get no verifiable identity). Without the root CA the
    /// `ca.crt` given to pods is missing, so workloads cannot verify the API server and are
    /// pushed to skip TLS verification.
    ///
    /// ## How to fix
    /// Set `--service-account-private-key-file` (the pair of the API server's
    /// `--service-account-key-file`) and `--root-ca-file`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-controller-manager, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-controller-manager
    ///     image: registry.k8s.io/kube-controller-manager:v1.31.0
    ///     command: [kube-controller-manager, --root-ca-file=/etc/kubernetes/pki/ca.crt]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-controller-manager, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-controller-manager
    ///     image: registry.k8s.io/kube-controller-manager:v1.31.0
    ///     command: [kube-controller-manager, --root-ca-file=/etc/kubernetes/pki/ca.crt, --service-account-private-key-file=/etc/kubernetes/pki/sa.key]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.3.4, 1.3.5
    pub RULE = { id: "controllermanager-missing-service-account-keys", category: Category::Controllermanager, severity: Severity::Warning,
        check: Check::Component { component: Component::ControllerManager, run: check },
        help: "set --service-account-private-key-file and --root-ca-file",
        equivalents: &[("kube-bench", "1.3.4, 1.3.5"), ("checkov", "CKV_K8S_110, CKV_K8S_111"), ("trivy", "KCV0036, KCV0037")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    if !f.has("service-account-private-key-file") {
        f.report(
            ctx,
            None,
            format_args!(
                "{} cannot sign ServiceAccount tokens (no --service-account-private-key-file)",
                f.who()
            ),
        );
    }
    if !f.has("root-ca-file") {
        f.report(
            ctx,
            None,
            format_args!(
                "{} gives pods no CA to verify the API server (no --root-ca-file)",
                f.who()
            ),
        );
    }
}
