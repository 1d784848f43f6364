use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx, check_profiling};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// Scheduler serves the profiling endpoints
    ///
    /// ## What it finds
    /// `--profiling` unset (it defaults to true) or true. kubeadm does not set it.
    /// With `--config`, kube-scheduler ignores `--profiling` (the file's `enableProfiling`
    /// decides) and this rule stays quiet.
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
    /// metadata: {name: kube-scheduler, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-scheduler
    ///     image: registry.k8s.io/kube-scheduler:v1.31.0
    ///     command: [kube-scheduler, --profiling=true]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-scheduler, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-scheduler
    ///     image: registry.k8s.io/kube-scheduler:v1.31.0
    ///     command: [kube-scheduler, --profiling=false]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.4.1
    pub RULE = { id: "scheduler-profiling", category: Category::Scheduler, severity: Severity::Warning,
        check: Check::Component { component: Component::Scheduler, run: check },
        help: "set --profiling=false",
        equivalents: &[("kube-bench", "1.4.1"), ("checkov", "CKV_K8S_114"), ("trivy", "KCV0040")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    check_profiling(ctx, f);
}
