use super::{KINDS, named, text};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubeconfig uses an in-tree auth-provider
    ///
    /// ## What it finds
    /// A kubeconfig user with an `auth-provider` section.
    ///
    /// ## Why it matters
    /// The `gcp` and `azure` auth-providers were removed from kubectl and client-go in
    /// Kubernetes 1.26, so such a kubeconfig stops working; `oidc` is the last in-tree one, and
    /// it caches its tokens (often a long-lived refresh token) in this file. Exec credential
    /// plugins replace all of them.
    ///
    /// ## How to fix
    /// Switch to the provider's exec plugin (`gke-gcloud-auth-plugin`, `kubelogin`,
    /// `kubectl oidc-login`).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Config
    /// users:
    /// - name: gke
    ///   user:
    ///     auth-provider:
    ///       name: gcp
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Config
    /// users:
    /// - name: gke
    ///   user:
    ///     exec:
    ///       apiVersion: client.authentication.k8s.io/v1beta1
    ///       command: gke-gcloud-auth-plugin
    /// ```
    ///
    /// ## References
    /// - Kubernetes 1.26 release notes (removal of the gcp and azure auth plugins)
    /// - client-go credential plugins <https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins>
    pub RULE = { id: "kubeconfig-auth-provider", category: Category::Kubeconfig,
        severity: Severity::Warning, check: Check::Object { kinds: KINDS, run: check },
        help: "switch to the provider's exec credential plugin" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    for u in named(o, "users", "user") {
        let Some(ap) = u.node.get("auth-provider").filter(|a| a.is_map()) else { continue };
        let name = text(ap, "name").unwrap_or("");
        let path = u.path.key("auth-provider").key("name");
        if matches!(name, "gcp" | "azure") {
            ctx.report(
                path,
                format_args!(
                    "user {:?} uses the auth-provider {name:?}, removed in Kubernetes 1.26",
                    u.name
                ),
            );
        } else {
            ctx.report(
                path,
                format_args!(
                    "user {:?} uses the in-tree auth-provider {name:?} instead of an exec plugin",
                    u.name
                ),
            );
        }
    }
}
