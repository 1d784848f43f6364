use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server admits everything, or runs without NodeRestriction
    ///
    /// ## What it finds
    /// `--enable-admission-plugins` (or the removed `--admission-control`) containing
    /// `AlwaysAdmit`, and `NodeRestriction` missing from it or listed in
    /// `--disable-admission-plugins`. `NodeRestriction` is not on by default. kubeadm enables it.
    ///
    /// ## Why it matters
    /// `AlwaysAdmit` turns off admission checks. Without `NodeRestriction` a kubelet's
    /// credentials may modify any Node and any Pod, label its own Node to attract workloads, and
    /// so spread from one compromised node to the whole cluster.
    ///
    /// ## How to fix
    /// Remove `AlwaysAdmit` and add `NodeRestriction` to `--enable-admission-plugins`.
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
    ///     command: [kube-apiserver, --enable-admission-plugins=AlwaysAdmit]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --enable-admission-plugins=NodeRestriction]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.10, 1.2.14
    /// - NSA/CISA Kubernetes Hardening Guide, "Authentication and authorization"
    pub RULE = { id: "apiserver-admission-plugins", category: Category::Apiserver, severity: Severity::Warning,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "remove AlwaysAdmit and add NodeRestriction to --enable-admission-plugins",
        equivalents: &[("kube-bench", "1.2.10, 1.2.14"), ("checkov", "CKV_K8S_79, CKV_K8S_85"), ("trivy", "KCV0011, KCV0016")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    let mut enabled = f.flags.list("enable-admission-plugins");
    enabled.extend(f.flags.list("admission-control"));
    if enabled.iter().any(|(_, flag)| flag.is_dynamic()) {
        return;
    }
    if let Some((_, flag)) = enabled.iter().find(|(p, _)| *p == "AlwaysAdmit") {
        f.report(
            ctx,
            Some(flag),
            format_args!("{} enables the AlwaysAdmit admission plugin", f.who()),
        );
    }
    let disabled = f.flags.list("disable-admission-plugins");
    if let Some((_, flag)) = disabled.iter().find(|(p, _)| *p == "NodeRestriction") {
        f.report(
            ctx,
            Some(flag),
            format_args!("{} disables the NodeRestriction admission plugin", f.who()),
        );
    } else if !enabled.iter().any(|(p, _)| *p == "NodeRestriction") {
        let at = enabled.last().map(|(_, flag)| *flag);
        f.report(
            ctx,
            at,
            format_args!("{} runs without the NodeRestriction admission plugin", f.who()),
        );
    }
}
