use super::{Got, KINDS, Kubelet};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubelet authorizes every request (AlwaysAllow)
    ///
    /// ## What it finds
    /// A KubeletConfiguration with `authorization.mode: AlwaysAllow`, or
    /// `--authorization-mode=AlwaysAllow` in kubeadm's `kubeletExtraArgs`. In the config file an
    /// unset mode is `Webhook`; only the command-line flag defaults to `AlwaysAllow`.
    ///
    /// ## Why it matters
    /// Every authenticated caller (and every anonymous one, if anonymous access is on) may use the
    /// whole kubelet API: read every pod's logs and environment, and run commands in any container
    /// on the node through `/exec` and `/run`.
    ///
    /// ## How to fix
    /// Set `authorization.mode: Webhook`, so the kubelet asks the API server (RBAC on
    /// `nodes/proxy`, `nodes/log`, …) for each request.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authorization:
    ///   mode: AlwaysAllow
    /// ```
    /// ```yaml pass
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authorization:
    ///   mode: Webhook
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 4.2.2
    /// - NSA/CISA Kubernetes Hardening Guide, "Authentication and authorization"
    /// - Kubelet authentication/authorization <https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/>
    pub RULE = { id: "kubelet-authorization-always-allow", category: Category::Kubelet,
        severity: Severity::Error, check: Check::Object { kinds: KINDS, run: check },
        help: "set authorization.mode to Webhook",
        equivalents: &[("kube-bench", "4.2.2")] }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(k) = Kubelet::from(o) else { return };
    if let Got::Set(mode, path) = k.string("authorization.mode", "authorization-mode")
        && mode == "AlwaysAllow"
    {
        ctx.report(&path, "kubelet authorizes every request (AlwaysAllow)");
    }
}
