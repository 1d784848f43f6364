use super::{KINDS, named};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubeconfig does not verify the API server's certificate
    ///
    /// ## What it finds
    /// A kubeconfig cluster with `insecure-skip-tls-verify: true`.
    ///
    /// ## Why it matters
    /// The connection is encrypted but to whoever answers: anyone who can intercept the traffic
    /// presents their own certificate and receives the credentials this kubeconfig sends.
    ///
    /// ## How to fix
    /// Remove the field and set `certificate-authority-data` to the cluster CA (or
    /// `tls-server-name` when the server's name differs from the URL).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Config
    /// clusters:
    /// - name: prod
    ///   cluster:
    ///     server: https://10.0.0.1:6443
    ///     insecure-skip-tls-verify: true
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Config
    /// clusters:
    /// - name: prod
    ///   cluster:
    ///     server: https://10.0.0.1:6443
    ///     certificate-authority: /etc/kubernetes/pki/ca.crt
    /// ```
    ///
    /// ## References
    /// - NSA/CISA Kubernetes Hardening Guide, "Network separation and hardening" (TLS for all traffic)
    pub RULE = { id: "kubeconfig-insecure-skip-tls-verify", category: Category::Kubeconfig,
        severity: Severity::Error, check: Check::Object { kinds: KINDS, run: check },
        help: "remove insecure-skip-tls-verify and set certificate-authority-data to the cluster CA" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    for c in named(o, "clusters", "cluster") {
        if c.node.get("insecure-skip-tls-verify").and_then(|n| n.as_bool()) == Some(true) {
            ctx.report(
                c.path.key("insecure-skip-tls-verify"),
                format_args!("cluster {:?}: the server's certificate is not verified", c.name),
            );
        }
    }
}
