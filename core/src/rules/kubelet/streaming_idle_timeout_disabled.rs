use super::{Got, Kubelet, go_duration_is_zero};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubelet streaming connections (exec, attach, port-forward) never time out
    ///
    /// ## What it finds
    /// `--streaming-connection-idle-timeout=0` in kubeadm's `kubeletExtraArgs`. In a
    /// KubeletConfiguration, `streamingConnectionIdleTimeout: 0s` is not reported: the file format
    /// replaces a zero duration with its default, 4h.
    ///
    /// ## Why it matters
    /// An idle `kubectl exec`, `attach` or `port-forward` session stays open forever, so a
    /// forgotten or hijacked session keeps a shell in the container and resources on the node.
    ///
    /// ## How to fix
    /// Remove the flag or set a timeout such as `5m`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: kubeadm.k8s.io/v1beta3
    /// kind: JoinConfiguration
    /// nodeRegistration:
    ///   kubeletExtraArgs:
    ///     streaming-connection-idle-timeout: "0"
    /// ```
    /// ```yaml pass
    /// apiVersion: kubeadm.k8s.io/v1beta3
    /// kind: JoinConfiguration
    /// nodeRegistration:
    ///   kubeletExtraArgs:
    ///     streaming-connection-idle-timeout: 5m
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 4.2.5
    pub RULE = { id: "kubelet-streaming-idle-timeout-disabled", category: Category::Kubelet,
        severity: Severity::Warning,
        check: Check::Object { kinds: &["InitConfiguration", "JoinConfiguration"], run: check },
        help: "remove the flag or set a timeout such as 5m",
        equivalents: &[("kube-bench", "4.2.5")] }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(k) = Kubelet::from(o) else { return };
    if k.is_config() {
        return;
    }
    if let Got::Set(v, path) =
        k.string("streamingConnectionIdleTimeout", "streaming-connection-idle-timeout")
        && go_duration_is_zero(&v) == Some(true)
    {
        ctx.report(&path, "kubelet streaming connections never time out");
    }
}
