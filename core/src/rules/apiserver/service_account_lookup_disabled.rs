use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server accepts tokens of deleted ServiceAccounts
    ///
    /// ## What it finds
    /// `--service-account-lookup=false` (the default is true).
    ///
    /// ## Why it matters
    /// Without the lookup a ServiceAccount token stays valid after its ServiceAccount or
    /// Secret is deleted, until it expires (legacy Secret tokens never expire). Deleting the
    /// account no longer revokes a stolen token.
    ///
    /// ## How to fix
    /// Remove the flag or set `--service-account-lookup=true`.
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
    ///     command: [kube-apiserver, --service-account-lookup=false]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --service-account-lookup=true]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.21
    pub RULE = { id: "apiserver-service-account-lookup-disabled", category: Category::Apiserver, severity: Severity::Warning,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "remove --service-account-lookup=false",
        equivalents: &[("kube-bench", "1.2.21"), ("checkov", "CKV_K8S_96"), ("trivy", "KCV0024")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    if let Some((false, flag)) = f.bool("service-account-lookup", true) {
        f.report(
            ctx,
            flag,
            format_args!(
                "{} accepts tokens of deleted ServiceAccounts (--service-account-lookup=false)",
                f.who()
            ),
        );
    }
}
