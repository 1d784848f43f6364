use super::{KINDS, named, text};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubeconfig holds a password, token or private key
    ///
    /// ## What it finds
    /// A kubeconfig user with a credential written in the file: `password`, `token`,
    /// `client-key-data`, or the `id-token`, `refresh-token`, `access-token` or `client-secret`
    /// of an `auth-provider`. The value is never shown.
    ///
    /// ## Why it matters
    /// kubeconfig files get committed, attached to tickets and copied between machines. A
    /// credential in one works for anyone who has the file, and Kubernetes cannot revoke a client
    /// certificate or a static token short of replacing the CA or the token file.
    ///
    /// ## How to fix
    /// Use an `exec` credential plugin (cloud CLI, OIDC login) that fetches short-lived tokens,
    /// or keep the key in a file outside the repository (`client-key`, `tokenFile`).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Config
    /// users:
    /// - name: ci
    ///   user:
    ///     token: eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Config
    /// users:
    /// - name: ci
    ///   user:
    ///     tokenFile: /var/run/secrets/ci/token
    /// ```
    ///
    /// ## References
    /// - NSA/CISA Kubernetes Hardening Guide, "Authentication and authorization"
    /// - client-go credential plugins <https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins>
    pub RULE = { id: "kubeconfig-static-credentials", category: Category::Kubeconfig,
        severity: Severity::Error, check: Check::Object { kinds: KINDS, run: check },
        help: "use an exec credential plugin, or keep the credential in a file outside the repository" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    for u in named(o, "users", "user") {
        for (key, what) in [
            ("password", "a password"),
            ("token", "a bearer token"),
            ("client-key-data", "a client private key"),
        ] {
            if text(u.node, key).is_some() {
                ctx.report(
                    u.path.key(key),
                    format_args!("user {:?} has {what} written in the file", u.name),
                );
            }
        }
        let Some(cfg) = u.node.get("auth-provider").and_then(|a| a.get("config")) else { continue };
        for key in ["id-token", "refresh-token", "access-token", "client-secret"] {
            if text(cfg, key).is_some() {
                ctx.report(
                    u.path.key("auth-provider").key("config").key(key),
                    format_args!(
                        "user {:?} has an auth-provider {key} written in the file",
                        u.name
                    ),
                );
            }
        }
    }
}
