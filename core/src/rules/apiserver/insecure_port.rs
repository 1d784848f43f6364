use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server serves an unauthenticated plain-HTTP port
    ///
    /// ## What it finds
    /// `--insecure-port` set to anything but 0, or `--insecure-bind-address` set. Only
    /// Kubernetes before 1.20 accepts a non-zero port (the flags are gone in 1.24), so a
    /// manifest whose image is 1.24 or later is not reported (the server would not start).
    ///
    /// ## Why it matters
    /// The insecure port skips authentication and authorization: every request on it is
    /// cluster-admin. Anyone who reaches it owns the cluster.
    ///
    /// ## How to fix
    /// Remove both flags (or set `--insecure-port=0`) and upgrade.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: k8s.gcr.io/kube-apiserver:v1.18.0
    ///     command: [kube-apiserver, --insecure-port=8080]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: k8s.gcr.io/kube-apiserver:v1.18.0
    ///     command: [kube-apiserver, --insecure-port=0]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.5.1 1.2.18, 1.2.19 (dropped from later versions with the flags)
    /// - NSA/CISA Kubernetes Hardening Guide, "Control plane hardening"
    pub RULE = { id: "apiserver-insecure-port", category: Category::Apiserver, severity: Severity::Error,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "remove --insecure-port and --insecure-bind-address (or set --insecure-port=0)",
        equivalents: &[("checkov", "CKV_K8S_86, CKV_K8S_88")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    if f.minor.is_some_and(|m| m >= 24) {
        return;
    }
    if let Some(flag) = f.get("insecure-port")
        && !flag.is_dynamic()
        && flag.text().trim() != "0"
    {
        f.report(
            ctx,
            Some(flag),
            format_args!(
                "{} serves unauthenticated HTTP on --insecure-port={}",
                f.who(),
                flag.text()
            ),
        );
    }
    if let Some(flag) = f.get("insecure-bind-address") {
        f.report(
            ctx,
            Some(flag),
            format_args!("{} binds its unauthenticated HTTP port to {}", f.who(), flag.text()),
        );
    }
}
