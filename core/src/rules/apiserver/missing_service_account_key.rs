use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server verifies ServiceAccount tokens with its TLS key
    ///
    /// ## What it finds
    /// No `--service-account-key-file`. kubeadm sets it.
    ///
    /// ## Why it matters
    /// The API server then verifies tokens with its serving key, which ties tokens to the TLS
    /// certificate: rotating one breaks the other, and the serving key must be shared with the
    /// controller-manager that signs the tokens.
    ///
    /// ## How to fix
    /// Generate a dedicated key pair; set `--service-account-key-file` to the public key here
    /// and the private key as the controller-manager's `--service-account-private-key-file`.
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
    ///     command: [kube-apiserver, --service-account-issuer=https://kubernetes.default.svc]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --service-account-key-file=/etc/kubernetes/pki/sa.pub]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.22
    pub RULE = { id: "apiserver-missing-service-account-key", category: Category::Apiserver, severity: Severity::Warning,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "set --service-account-key-file to a dedicated public key",
        equivalents: &[("kube-bench", "1.2.22"), ("checkov", "CKV_K8S_97"), ("trivy", "KCV0025")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    if !f.has("service-account-key-file") {
        f.report(
            ctx,
            None,
            format_args!(
                "{} has no dedicated ServiceAccount token key (no --service-account-key-file)",
                f.who()
            ),
        );
    }
}
