use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx, check_profiling};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server serves the profiling endpoints
    ///
    /// ## What it finds
    /// `--profiling` unset (it defaults to true) or true. kubeadm does not set it.
    ///
    /// ## Why it matters
    /// `/debug/pprof` reveals the program's internals and lets a caller with access to it
    /// run CPU profiles that load the control plane. It is rarely needed in production.
    ///
    /// ## How to fix
    /// Set `--profiling=false`.
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
    ///     command: [kube-apiserver, --profiling]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --profiling=false]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.15
    pub RULE = { id: "apiserver-profiling", category: Category::Apiserver, severity: Severity::Warning,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "set --profiling=false",
        equivalents: &[("kube-bench", "1.2.15"), ("checkov", "CKV_K8S_90"), ("trivy", "KCV0018")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    check_profiling(ctx, f);
}
