use super::{Got, KINDS, Kubelet};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{INSECURE_CIPHER_SUITES, below_tls12};
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubelet accepts TLS below 1.2 or insecure cipher suites
    ///
    /// ## What it finds
    /// A KubeletConfiguration (or kubeadm `kubeletExtraArgs`) whose `tlsMinVersion` is
    /// `VersionTLS10` or `VersionTLS11`, or whose `tlsCipherSuites` lists a suite that Go and the
    /// Kubernetes `--tls-cipher-suites` flag call insecure (RC4, 3DES, or CBC with SHA-256).
    /// Unset settings are Go's defaults, which are neither.
    ///
    /// ## Why it matters
    /// TLS 1.0 and 1.1 and those suites have practical attacks (BEAST, Lucky13, Sweet32, RC4
    /// biases); an attacker on the path to the node can read or tamper with kubelet traffic, which
    /// carries exec sessions and logs.
    ///
    /// ## How to fix
    /// Set `tlsMinVersion: VersionTLS12` (or 13) and list only AEAD suites (`*_GCM_*`,
    /// `*_CHACHA20_POLY1305*`), or leave both unset.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// tlsMinVersion: VersionTLS10
    /// tlsCipherSuites: [TLS_RSA_WITH_3DES_EDE_CBC_SHA]
    /// ```
    /// ```yaml pass
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// tlsMinVersion: VersionTLS12
    /// tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 4.2.12
    /// - Go `crypto/tls.InsecureCipherSuites` <https://pkg.go.dev/crypto/tls#InsecureCipherSuites>
    pub RULE = { id: "kubelet-weak-tls", category: Category::Kubelet, severity: Severity::Warning,
        check: Check::Object { kinds: KINDS, run: check },
        help: "set tlsMinVersion to VersionTLS12 or higher and list only AEAD cipher suites",
        equivalents: &[("kube-bench", "4.2.12")] }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(k) = Kubelet::from(o) else { return };
    if let Got::Set(v, path) = k.string("tlsMinVersion", "tls-min-version")
        && below_tls12(&v)
    {
        ctx.report(&path, format_args!("kubelet accepts {v}"));
    }
    for (suite, path) in k.list("tlsCipherSuites", "tls-cipher-suites") {
        if INSECURE_CIPHER_SUITES.contains(&suite.as_str()) {
            ctx.report(&path, format_args!("kubelet accepts the insecure cipher suite {suite}"));
        }
    }
}
