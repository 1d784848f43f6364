use super::{Got, KINDS, Kubelet};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubelet serves its unauthenticated read-only port
    ///
    /// ## What it finds
    /// A KubeletConfiguration with a non-zero `readOnlyPort`, or a non-zero `--read-only-port` in
    /// kubeadm's `kubeletExtraArgs`. In the config file an unset port is 0 (off); only the
    /// command-line flag defaults to 10255.
    ///
    /// ## Why it matters
    /// The read-only port is plain HTTP with neither authentication nor authorization. Anyone who
    /// reaches it reads the node's pod specs (including environment variables that often hold
    /// credentials), metrics and stats.
    ///
    /// ## How to fix
    /// Set `readOnlyPort: 0` (or remove it).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// readOnlyPort: 10255
    /// ```
    /// ```yaml pass
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// readOnlyPort: 0
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 4.2.4
    /// - NSA/CISA Kubernetes Hardening Guide, "Network separation and hardening"
    pub RULE = { id: "kubelet-read-only-port", category: Category::Kubelet, severity: Severity::Error,
        check: Check::Object { kinds: KINDS, run: check },
        help: "set readOnlyPort to 0",
        equivalents: &[("kube-bench", "4.2.4")] }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(k) = Kubelet::from(o) else { return };
    if let Got::Set(port, path) = k.int("readOnlyPort", "read-only-port")
        && port != 0
    {
        ctx.report(
            &path,
            format_args!("kubelet serves an unauthenticated read-only API on port {port}"),
        );
    }
}
