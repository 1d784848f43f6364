use super::{Got, KINDS, Kubelet};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubelet certificates are not rotated
    ///
    /// ## What it finds
    /// In a KubeletConfiguration or kubeadm's `kubeletExtraArgs`:
    /// - the client certificate is not rotated: `rotateCertificates` false, or unset (the file's
    ///   default) outside a kubeadm config file (kubeadm forces it to true);
    /// - the serving certificate is self-signed and never rotated: neither `serverTLSBootstrap:
    ///   true` nor a `tlsCertFile`;
    /// - `serverTLSBootstrap: true` with the `RotateKubeletServerCertificate` feature gate off.
    ///
    /// ## Why it matters
    /// A client certificate that is not rotated expires (the node drops out) or, to avoid that,
    /// is issued for years, so a stolen one stays valid. A self-signed serving certificate
    /// cannot be verified by the API server, so `--kubelet-certificate-authority` cannot be used
    /// and the API server's connections to the kubelet can be intercepted.
    ///
    /// ## How to fix
    /// Set `rotateCertificates: true` and `serverTLSBootstrap: true`, and approve the kubelets'
    /// serving CSRs (or provision `tlsCertFile` and `tlsPrivateKeyFile` signed by the cluster CA).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// rotateCertificates: false
    /// serverTLSBootstrap: true
    /// ```
    /// ```yaml pass
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// rotateCertificates: true
    /// serverTLSBootstrap: true
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 4.2.9, 4.2.10, 4.2.11
    /// - Kubelet TLS bootstrapping <https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/>
    pub RULE = { id: "kubelet-cert-rotation-disabled", category: Category::Kubelet,
        severity: Severity::Warning, check: Check::Object { kinds: KINDS, run: check },
        help: "set rotateCertificates and serverTLSBootstrap to true",
        equivalents: &[("kube-bench", "4.2.9, 4.2.10, 4.2.11")] }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(k) = Kubelet::from(o) else { return };
    match k.bool("rotateCertificates", "rotate-certificates") {
        Got::Set(false, path) => {
            ctx.report(&path, "kubelet client certificate is not rotated");
        }
        Got::Unset if k.is_config() && !k.kubeadm_managed() => {
            ctx.report(
                "rotateCertificates",
                "kubelet client certificate is not rotated (rotateCertificates defaults to false)",
            );
        }
        _ => {}
    }
    let bootstrap = k.bool("serverTLSBootstrap", "rotate-server-certificates");
    let cert_file =
        matches!(k.string("tlsCertFile", "tls-cert-file"), Got::Set(s, _) if !s.is_empty());
    match bootstrap {
        Got::Set(false, path) if !cert_file => {
            ctx.report(&path, "kubelet serves a self-signed certificate that is never rotated");
        }
        Got::Unset if k.is_config() && !cert_file => {
            ctx.report(
                "serverTLSBootstrap",
                "kubelet serves a self-signed certificate that is never rotated (no serverTLSBootstrap, no tlsCertFile)",
            );
        }
        Got::Set(true, _) => {
            if let Got::Set(false, path) = k.feature_gate("RotateKubeletServerCertificate") {
                ctx.report(
                    &path,
                    "kubelet serving certificate rotation is turned off by its feature gate",
                );
            }
        }
        _ => {}
    }
}
