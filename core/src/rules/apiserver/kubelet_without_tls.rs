use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server does not verify kubelets or has no client certificate for them
    ///
    /// ## What it finds
    /// No `--kubelet-certificate-authority`, no `--kubelet-client-certificate` /
    /// `--kubelet-client-key`, or `--kubelet-https=false` (removed in 1.20). kubeadm sets the
    /// client certificate but not the certificate authority.
    ///
    /// ## Why it matters
    /// The API server connects to kubelets for `exec`, `attach`, `logs` and port-forwarding.
    /// Without the CA it accepts any certificate, so whoever can intercept node traffic reads
    /// and injects into those sessions. Without a client certificate the kubelet must accept
    /// the API server anonymously.
    ///
    /// ## How to fix
    /// Issue kubelet serving certificates from a cluster CA (`serverTLSBootstrap: true`) and set
    /// `--kubelet-certificate-authority` to it; set the client certificate and key.
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
    ///     command: [kube-apiserver, --kubelet-client-certificate=/pki/kc.crt, --kubelet-client-key=/pki/kc.key]
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
    ///     - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt
    ///     - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
    ///     - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.4, 1.2.5
    /// - NSA/CISA Kubernetes Hardening Guide, "Control plane hardening"
    pub RULE = { id: "apiserver-kubelet-without-tls", category: Category::Apiserver, severity: Severity::Warning,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "set --kubelet-certificate-authority, --kubelet-client-certificate and --kubelet-client-key",
        equivalents: &[("kube-bench", "1.2.4, 1.2.5"), ("checkov", "CKV_K8S_71, CKV_K8S_72, CKV_K8S_73"),
            ("trivy", "KCV0004, KCV0005, KCV0006")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    if let Some((false, flag)) = f.bool("kubelet-https", true) {
        f.report(
            ctx,
            flag,
            format_args!(
                "{} connects to kubelets over plain HTTP (--kubelet-https=false)",
                f.who()
            ),
        );
    }
    if !f.has("kubelet-certificate-authority") {
        f.report(ctx, None, format_args!("{} does not verify kubelet serving certificates (no --kubelet-certificate-authority)", f.who()));
    }
    if !f.has("kubelet-client-certificate") || !f.has("kubelet-client-key") {
        f.report(ctx, None, format_args!("{} has no client certificate for kubelets (--kubelet-client-certificate/--kubelet-client-key)", f.who()));
    }
}
