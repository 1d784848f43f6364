use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server accepts anonymous requests
    ///
    /// ## What it finds
    /// A kube-apiserver (a container whose command starts with `kube-apiserver`, or a kubeadm
    /// `ClusterConfiguration`) with `--anonymous-auth=true` or without the flag: it defaults to
    /// true in every version. A server given `--authentication-config` is skipped: anonymous
    /// access is then set in that file's `anonymous` section, which one manifest does not show.
    ///
    /// ## Why it matters
    /// Every request that no authenticator rejects runs as `system:anonymous` in the group
    /// `system:unauthenticated`. RBAC decides what that user may do, and one careless binding
    /// to that group opens the cluster to anyone who can reach the port.
    ///
    /// ## How to fix
    /// Set `--anonymous-auth=false`. Health probes that rely on anonymous access then fail, so on
    /// Kubernetes 1.32 and later prefer `--authentication-config` with an `AuthenticationConfiguration`
    /// whose `anonymous` section is enabled only for `/livez`, `/readyz` and `/healthz`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --anonymous-auth=true]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --anonymous-auth=false]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.1
    /// - NSA/CISA Kubernetes Hardening Guide, "Authentication and authorization"
    /// - Kubernetes docs, "Anonymous requests" (authentication configuration, 1.32+)
    pub RULE = { id: "apiserver-anonymous-auth", category: Category::Apiserver, severity: Severity::Warning,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "set --anonymous-auth=false, or on 1.32+ limit anonymous access to health endpoints with --authentication-config",
        equivalents: &[("kube-bench", "1.2.1"), ("checkov", "CKV_K8S_68"), ("trivy", "KCV0001")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    if f.has("authentication-config") {
        return;
    }
    let help = if f.minor.is_some_and(|m| m >= 32) {
        "use --authentication-config with an anonymous section limited to /livez, /readyz and /healthz, or set --anonymous-auth=false"
    } else {
        "set --anonymous-auth=false (health probes then need credentials)"
    };
    match f.bool("anonymous-auth", true) {
        Some((true, None)) => {
            f.report(
                ctx,
                None,
                format_args!(
                    "{} accepts anonymous requests (--anonymous-auth defaults to true)",
                    f.who()
                ),
            )
            .help(help);
        }
        Some((true, Some(flag))) => {
            f.report(
                ctx,
                Some(flag),
                format_args!(
                    "{} accepts anonymous requests (--anonymous-auth={})",
                    f.who(),
                    flag.text()
                ),
            )
            .help(help);
        }
        _ => {}
    }
}
