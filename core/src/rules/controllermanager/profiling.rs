use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx, check_profiling};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// Controller manager serves the profiling endpoints
    ///
    /// ## What it finds
    /// `--profiling` unset (it defaults to true) or true. kubeadm does not set it.
    ///
    /// ## Why it matters
    /// `/debug/pprof` reveals the program's internals and lets a caller with access to it run
    /// CPU profiles that load the control plane. It is rarely needed in production.
    ///
    /// ## How to fix
    /// Set `--profiling=false`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-controller-manager, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-controller-manager
    ///     image: registry.k8s.io/kube-controller-manager:v1.31.0
    ///     command: [kube-controller-manager, --profiling=true]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-controller-manager, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-controller-manager
    ///     image: registry.k8s.io/kube-controller-manager:v1.31.0
    ///     command: [kube-controller-manager, --profiling=false]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.3.2
    pub RULE = { id: "controllermanager-profiling", category: Category::Controllermanager, severity: Severity::Warning,
        check: Check::Component { component: Component::ControllerManager, run: check },
        help: "set --profiling=false",
        equivalents: &[("kube-bench", "1.3.2"), ("checkov", "CKV_K8S_107"), ("trivy", "KCV0034")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    check_profiling(ctx, f);
}
