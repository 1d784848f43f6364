use super::{KINDS, is_http, named, text};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubeconfig talks to the API server over plain HTTP
    ///
    /// ## What it finds
    /// A kubeconfig cluster whose `server` is an `http://` URL.
    ///
    /// ## Why it matters
    /// Every request, with its credentials (tokens, passwords) and every Secret read, crosses
    /// the network unencrypted and unauthenticated: anyone on the path reads and changes them.
    ///
    /// ## How to fix
    /// Use the API server's `https://` URL and its CA in `certificate-authority-data`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Config
    /// clusters:
    /// - name: prod
    ///   cluster:
    ///     server: http://10.0.0.1:8080
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
    /// - Organizing cluster access using kubeconfig files <https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/>
    pub RULE = { id: "kubeconfig-insecure-server", category: Category::Kubeconfig,
        severity: Severity::Error, check: Check::Object { kinds: KINDS, run: check },
        help: "use the API server's https:// URL" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    for c in named(o, "clusters", "cluster") {
        if let Some(server) = text(c.node, "server")
            && is_http(server)
        {
            ctx.report(
                c.path.key("server"),
                format_args!("cluster {:?} is reached over plain HTTP", c.name),
            );
        }
    }
}
