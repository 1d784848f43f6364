use super::{Got, KINDS, Kubelet};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubelet does not manage its iptables chains
    ///
    /// ## What it finds
    /// A KubeletConfiguration with `makeIPTablesUtilChains: false`, or
    /// `--make-iptables-util-chains=false` in kubeadm's `kubeletExtraArgs` (the default is true).
    ///
    /// ## Why it matters
    /// The kubelet keeps the iptables chains that drop martian and invalid packets in step with
    /// the pods it runs. Left to hand-written rules, they drift from what the node runs and
    /// traffic that should be dropped gets through.
    ///
    /// ## How to fix
    /// Remove the setting or set it to true.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// makeIPTablesUtilChains: false
    /// ```
    /// ```yaml pass
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// makeIPTablesUtilChains: true
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 4.2.6
    pub RULE = { id: "kubelet-iptables-util-chains-disabled", category: Category::Kubelet,
        severity: Severity::Warning, check: Check::Object { kinds: KINDS, run: check },
        help: "remove makeIPTablesUtilChains or set it to true",
        equivalents: &[("kube-bench", "4.2.6")] }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(k) = Kubelet::from(o) else { return };
    if let Got::Set(false, path) = k.bool("makeIPTablesUtilChains", "make-iptables-util-chains") {
        ctx.report(&path, "kubelet does not manage its iptables chains");
    }
}
