use super::{Got, KINDS, Kubelet};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubelet has no client CA to verify client certificates
    ///
    /// ## What it finds
    /// A KubeletConfiguration without `authentication.x509.clientCAFile`. A KubeletConfiguration
    /// in the same file as kubeadm objects is not reported: kubeadm sets the field to the cluster
    /// CA. kubeadm's `kubeletExtraArgs` are not reported either, as kubeadm's config file sets it.
    ///
    /// ## Why it matters
    /// The API server calls the kubelet (logs, exec, port-forward) with a client certificate.
    /// Without a client CA the kubelet cannot authenticate it, so those calls fail unless
    /// anonymous access is turned on, and the kubelet API is then open to anyone.
    ///
    /// ## How to fix
    /// Set `authentication.x509.clientCAFile` to the cluster CA (e.g. `/etc/kubernetes/pki/ca.crt`).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authentication:
    ///   anonymous:
    ///     enabled: false
    /// ```
    /// ```yaml pass
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authentication:
    ///   x509:
    ///     clientCAFile: /etc/kubernetes/pki/ca.crt
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 4.2.3
    /// - Kubelet authentication/authorization <https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/>
    pub RULE = { id: "kubelet-client-ca-missing", category: Category::Kubelet, severity: Severity::Warning,
        check: Check::Object { kinds: KINDS, run: check },
        help: "set authentication.x509.clientCAFile to the cluster CA",
        equivalents: &[("kube-bench", "4.2.3")] }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(k) = Kubelet::from(o) else { return };
    if !k.is_config() || k.kubeadm_managed() {
        return;
    }
    match k.string("authentication.x509.clientCAFile", "client-ca-file") {
        Got::Set(s, _) if !s.is_empty() => {}
        Got::Bad => {}
        _ => {
            ctx.report(
                "authentication.x509.clientCAFile",
                "kubelet has no client CA, so it cannot verify client certificates",
            );
        }
    }
}
