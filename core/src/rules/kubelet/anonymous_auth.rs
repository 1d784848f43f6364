use super::{Got, KINDS, Kubelet};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubelet accepts anonymous requests
    ///
    /// ## What it finds
    /// A KubeletConfiguration with `authentication.anonymous.enabled: true`, or
    /// `--anonymous-auth=true` in kubeadm's `kubeletExtraArgs`. In the config file an unset field
    /// is false (the file format's default); only the command-line flag defaults to true.
    ///
    /// ## Why it matters
    /// Requests without credentials reach the kubelet API on port 10250 as
    /// `system:anonymous`. With `authorization.mode: AlwaysAllow` (or an RBAC grant to anonymous)
    /// anyone who can reach the node can list pods, read logs and run commands in containers
    /// (`/exec`, `/run`) without credentials.
    ///
    /// ## How to fix
    /// Set `authentication.anonymous.enabled: false` (or drop the `anonymous-auth` flag).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authentication:
    ///   anonymous:
    ///     enabled: true
    /// ```
    /// ```yaml pass
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authentication:
    ///   anonymous:
    ///     enabled: false
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 4.2.1
    /// - NSA/CISA Kubernetes Hardening Guide, "Authentication and authorization"
    /// - Kubelet authentication/authorization <https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/>
    pub RULE = { id: "kubelet-anonymous-auth", category: Category::Kubelet, severity: Severity::Error,
        check: Check::Object { kinds: KINDS, run: check },
        help: "set authentication.anonymous.enabled to false",
        equivalents: &[("kube-bench", "4.2.1")] }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(k) = Kubelet::from(o) else { return };
    if let Got::Set(true, path) = k.bool("authentication.anonymous.enabled", "anonymous-auth") {
        ctx.report(&path, "kubelet accepts anonymous requests");
    }
}
