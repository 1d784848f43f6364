use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server accepts static tokens or passwords from a file
    ///
    /// ## What it finds
    /// `--token-auth-file` or `--basic-auth-file` (the latter removed in 1.19).
    ///
    /// ## Why it matters
    /// The file holds long-lived credentials in clear text. They cannot expire or be revoked
    /// without editing the file and restarting the API server, and whoever reads the file (or a
    /// backup of the node) holds them.
    ///
    /// ## How to fix
    /// Remove the flag; use client certificates, OIDC or webhook token authentication, and
    /// ServiceAccount tokens for workloads.
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
    ///     command: [kube-apiserver, --token-auth-file=/etc/kubernetes/tokens.csv]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --client-ca-file=/etc/kubernetes/pki/ca.crt]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.2
    /// - NSA/CISA Kubernetes Hardening Guide, "Authentication and authorization"
    pub RULE = { id: "apiserver-static-credentials", category: Category::Apiserver, severity: Severity::Error,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "remove the flag and authenticate with certificates, OIDC or webhook tokens",
        equivalents: &[("kube-bench", "1.2.2"), ("checkov", "CKV_K8S_69, CKV_K8S_70"), ("trivy", "KCV0002")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    for (name, what) in
        [("token-auth-file", "static bearer tokens"), ("basic-auth-file", "static passwords")]
    {
        if let Some(flag) = f.get(name) {
            f.report(ctx, Some(flag), format_args!("{} accepts {what} from --{name}", f.who()));
        }
    }
}
