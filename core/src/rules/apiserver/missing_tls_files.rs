use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server has no serving certificate or no client CA
    ///
    /// ## What it finds
    /// No `--tls-cert-file` / `--tls-private-key-file`, or no `--client-ca-file`.
    ///
    /// ## Why it matters
    /// Without a serving certificate the API server makes itself a self-signed one that no
    /// client can verify, which trains users to skip verification. Without a client CA it
    /// cannot authenticate client certificates, the credentials of kubelets and of kubeadm's
    /// admin kubeconfig.
    ///
    /// ## How to fix
    /// Set `--tls-cert-file`, `--tls-private-key-file` and `--client-ca-file`.
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
    ///     command: [kube-apiserver, --client-ca-file=/etc/kubernetes/pki/ca.crt]
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
    ///     - --client-ca-file=/etc/kubernetes/pki/ca.crt
    ///     - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
    ///     - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.24, 1.2.25
    /// - NSA/CISA Kubernetes Hardening Guide, "Control plane hardening"
    pub RULE = { id: "apiserver-missing-tls-files", category: Category::Apiserver, severity: Severity::Error,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "set --tls-cert-file, --tls-private-key-file and --client-ca-file",
        equivalents: &[("kube-bench", "1.2.24, 1.2.25"), ("checkov", "CKV_K8S_100"), ("trivy", "KCV0027, KCV0028")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    if !f.has("tls-cert-file") || !f.has("tls-private-key-file") {
        f.report(
            ctx,
            None,
            format_args!(
                "{} serves a self-signed certificate (no --tls-cert-file/--tls-private-key-file)",
                f.who()
            ),
        );
    }
    if !f.has("client-ca-file") {
        f.report(
            ctx,
            None,
            format_args!(
                "{} cannot authenticate client certificates (no --client-ca-file)",
                f.who()
            ),
        );
    }
}
