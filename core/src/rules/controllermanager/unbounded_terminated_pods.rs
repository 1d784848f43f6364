use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// Controller manager keeps up to 12500 terminated pods
    ///
    /// ## What it finds
    /// No `--terminated-pod-gc-threshold` (it defaults to 12500), or a value of 0 or less
    /// (garbage collection of terminated pods off). kubeadm does not set it.
    ///
    /// ## Why it matters
    /// Terminated pods stay in etcd until the threshold is reached, using storage and slowing
    /// list requests; a tenant that can create pods can fill the cluster with them.
    ///
    /// ## How to fix
    /// Set `--terminated-pod-gc-threshold` to a value suited to the cluster, such as 1000.
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
    ///     command: [kube-controller-manager, --profiling=false]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-controller-manager, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-controller-manager
    ///     image: registry.k8s.io/kube-controller-manager:v1.31.0
    ///     command: [kube-controller-manager, --terminated-pod-gc-threshold=1000]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.3.1
    pub RULE = { id: "controllermanager-unbounded-terminated-pods", category: Category::Controllermanager, severity: Severity::Info,
        check: Check::Component { component: Component::ControllerManager, run: check },
        help: "set --terminated-pod-gc-threshold, for example to 1000",
        equivalents: &[("kube-bench", "1.3.1"), ("checkov", "CKV_K8S_106"), ("trivy", "KCV0033")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    match f.get("terminated-pod-gc-threshold") {
        None => {
            f.report(
                ctx,
                None,
                format_args!(
                    "{} keeps up to 12500 terminated pods (--terminated-pod-gc-threshold unset)",
                    f.who()
                ),
            );
        }
        Some(flag) if flag.text().trim().parse::<i64>().is_ok_and(|n| n <= 0) => {
            f.report(
                ctx,
                Some(flag),
                format_args!(
                    "{} never deletes terminated pods (--terminated-pod-gc-threshold={})",
                    f.who(),
                    flag.text()
                ),
            );
        }
        Some(_) => {}
    }
}
