use super::{Got, KINDS, Kubelet};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubelet does not check bearer tokens with the API server
    ///
    /// ## What it finds
    /// A KubeletConfiguration with `authentication.webhook.enabled: false`, or
    /// `--authentication-token-webhook=false` in kubeadm's `kubeletExtraArgs` (the file's default
    /// is true).
    ///
    /// ## Why it matters
    /// Without token review the kubelet cannot tell who holds a ServiceAccount or user token: only
    /// client certificates authenticate. Monitoring agents that call the kubelet with tokens then
    /// fail, and the usual workaround is to turn anonymous access on, which exposes the kubelet
    /// API to anyone on the network. With anonymous access already on, every token-bearing request
    /// is handled as `system:anonymous`.
    ///
    /// ## How to fix
    /// Set `authentication.webhook.enabled: true`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authentication:
    ///   webhook:
    ///     enabled: false
    /// ```
    /// ```yaml pass
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authentication:
    ///   webhook:
    ///     enabled: true
    /// ```
    ///
    /// ## References
    /// - Kubelet authentication/authorization <https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/>
    /// - NSA/CISA Kubernetes Hardening Guide, "Authentication and authorization"
    pub RULE = { id: "kubelet-webhook-authentication-disabled", category: Category::Kubelet,
        severity: Severity::Info, check: Check::Object { kinds: KINDS, run: check },
        help: "set authentication.webhook.enabled to true" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(k) = Kubelet::from(o) else { return };
    if let Got::Set(false, path) =
        k.bool("authentication.webhook.enabled", "authentication-token-webhook")
    {
        ctx.report(&path, "kubelet token authentication through the API server is disabled");
    }
}
