use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx, INSECURE_CIPHER_SUITES, below_tls12};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server accepts TLS below 1.2 or weak cipher suites
    ///
    /// ## What it finds
    /// `--tls-min-version` set to `VersionTLS10` or `VersionTLS11`, and `--tls-cipher-suites`
    /// naming a suite that Go lists as insecure (RC4, 3DES, CBC with SHA-256).
    ///
    /// ## Why it matters
    /// TLS 1.0 and 1.1 and these suites have practical attacks (BEAST, Lucky13, Sweet32, RC4
    /// biases). A client or a man in the middle can negotiate down to them.
    ///
    /// ## How to fix
    /// Set `--tls-min-version=VersionTLS12` (or 13) and list only AEAD suites with forward
    /// secrecy, for example `TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`.
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
    ///     command: [kube-apiserver, --tls-min-version=VersionTLS10]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --tls-min-version=VersionTLS12]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.29
    /// - NSA/CISA Kubernetes Hardening Guide, "Control plane hardening"
    pub RULE = { id: "apiserver-weak-tls", category: Category::Apiserver, severity: Severity::Warning,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "set --tls-min-version=VersionTLS12 and list only AEAD cipher suites",
        equivalents: &[("kube-bench", "1.2.29"), ("checkov", "CKV_K8S_105")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    if let Some(flag) = f.get("tls-min-version")
        && below_tls12(flag.text())
    {
        f.report(
            ctx,
            Some(flag),
            format_args!("{} accepts TLS below 1.2 (--tls-min-version={})", f.who(), flag.text()),
        );
    }
    for (suite, flag) in f.flags.list("tls-cipher-suites") {
        if INSECURE_CIPHER_SUITES.contains(&suite) {
            f.report(
                ctx,
                Some(flag),
                format_args!("{} offers the insecure cipher suite {suite}", f.who()),
            );
        }
    }
}
