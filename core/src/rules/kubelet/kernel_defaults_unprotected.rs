use super::{Got, KINDS, Kubelet};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubelet does not protect the kernel settings it depends on
    ///
    /// ## What it finds
    /// A KubeletConfiguration whose `protectKernelDefaults` is false or unset (the file's default
    /// is false), or `--protect-kernel-defaults=false` in kubeadm's `kubeletExtraArgs`.
    ///
    /// ## Why it matters
    /// With the setting on, the kubelet refuses to start when the node's kernel parameters
    /// (`vm.overcommit_memory`, `kernel.panic`, `kernel.panic_on_oops`, `vm.panic_on_oom`) differ
    /// from what it needs, instead of silently changing them. Turning it on means the node image
    /// must set those sysctls first, which is why this finding is informational.
    ///
    /// ## How to fix
    /// Set the sysctls on the node and `protectKernelDefaults: true`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// protectKernelDefaults: false
    /// ```
    /// ```yaml pass
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// protectKernelDefaults: true
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.7, 4.2.6 (no longer in v1.10)
    pub RULE = { id: "kubelet-kernel-defaults-unprotected", category: Category::Kubelet,
        severity: Severity::Info, check: Check::Object { kinds: KINDS, run: check },
        help: "set the kernel parameters on the node and protectKernelDefaults to true" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(k) = Kubelet::from(o) else { return };
    match k.bool("protectKernelDefaults", "protect-kernel-defaults") {
        Got::Set(false, path) => {
            ctx.report(&path, "kubelet does not protect the kernel settings it depends on");
        }
        Got::Unset if k.is_config() => {
            ctx.report(
                "protectKernelDefaults",
                "kubelet does not protect the kernel settings it depends on (protectKernelDefaults defaults to false)",
            );
        }
        _ => {}
    }
}
