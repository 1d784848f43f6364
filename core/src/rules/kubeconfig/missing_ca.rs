use super::{KINDS, is_http, named, text};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubeconfig cluster has no certificate authority
    ///
    /// ## What it finds
    /// A kubeconfig cluster with an `https://` server but neither `certificate-authority` nor
    /// `certificate-authority-data` (and not `insecure-skip-tls-verify`, which another rule
    /// reports).
    ///
    /// ## Why it matters
    /// The server's certificate is then checked against the system's trust store: any public CA
    /// (or one an administrator or malware added to the machine) can vouch for a certificate
    /// with the server's name. Cluster CAs are private, so pinning the cluster's own CA is both
    /// stricter and what makes the connection work at all.
    ///
    /// ## How to fix
    /// Set `certificate-authority-data` (base64 PEM) or `certificate-authority` (a path).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Config
    /// clusters:
    /// - name: prod
    ///   cluster:
    ///     server: https://10.0.0.1:6443
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
    /// - Organizing cluster access using kubeconfig files <https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/>
    pub RULE = { id: "kubeconfig-missing-ca", category: Category::Kubeconfig,
        severity: Severity::Info, check: Check::Object { kinds: KINDS, run: check },
        help: "set certificate-authority-data or certificate-authority to the cluster CA" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    for c in named(o, "clusters", "cluster") {
        let Some(server) = text(c.node, "server") else { continue };
        if is_http(server)
            || text(c.node, "certificate-authority").is_some()
            || text(c.node, "certificate-authority-data").is_some()
            || c.node.get("insecure-skip-tls-verify").and_then(|n| n.as_bool()) == Some(true)
        {
            continue;
        }
        ctx.report(
            c.path.key("server"),
            format_args!("cluster {:?} has no certificate authority, so any CA the system trusts is accepted", c.name),
        );
    }
}
