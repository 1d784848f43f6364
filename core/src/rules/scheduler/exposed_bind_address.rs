use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx, check_bind_address};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// Scheduler serves on a non-loopback address
    ///
    /// ## What it finds
    /// `--bind-address` unset (it defaults to `0.0.0.0`) or set to an address that is not
    /// loopback. kubeadm sets `127.0.0.1`.
    ///
    /// ## Why it matters
    /// The component's HTTPS port (health, metrics, and profiling when it is on) then answers
    /// on every interface of the node. It needs no more than the node itself, for probes.
    ///
    /// ## How to fix
    /// Set `--bind-address=127.0.0.1` and point the probes at `127.0.0.1`.
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
    ///     command: [kube-scheduler, --bind-address=0.0.0.0]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-scheduler, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-scheduler
    ///     image: registry.k8s.io/kube-scheduler:v1.31.0
    ///     command: [kube-scheduler, --bind-address=127.0.0.1]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.4.2
    pub RULE = { id: "scheduler-exposed-bind-address", category: Category::Scheduler, severity: Severity::Warning,
        check: Check::Component { component: Component::Scheduler, run: check },
        help: "set --bind-address=127.0.0.1",
        equivalents: &[("kube-bench", "1.4.2"), ("trivy", "KCV0041")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    check_bind_address(ctx, f);
}
