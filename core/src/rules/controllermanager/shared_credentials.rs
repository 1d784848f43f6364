use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// Controller manager runs every controller with its own credentials
    ///
    /// ## What it finds
    /// `--use-service-account-credentials` unset (it defaults to false) or false. kubeadm sets
    /// it to true.
    ///
    /// ## Why it matters
    /// Every controller then acts with the controller-manager's own identity, which needs the
    /// union of all their permissions. With the flag each controller uses its own
    /// ServiceAccount in kube-system, bound to a least-privilege `system:controller:*` role,
    /// and audit logs show which controller did what.
    ///
    /// ## How to fix
    /// Set `--use-service-account-credentials=true`.
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
    ///     command: [kube-controller-manager, --use-service-account-credentials=false]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-controller-manager, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-controller-manager
    ///     image: registry.k8s.io/kube-controller-manager:v1.31.0
    ///     command: [kube-controller-manager, --use-service-account-credentials=true]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.3.3
    pub RULE = { id: "controllermanager-shared-credentials", category: Category::Controllermanager, severity: Severity::Warning,
        check: Check::Component { component: Component::ControllerManager, run: check },
        help: "set --use-service-account-credentials=true",
        equivalents: &[("kube-bench", "1.3.3"), ("checkov", "CKV_K8S_108"), ("trivy", "KCV0035")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    match f.bool("use-service-account-credentials", false) {
        Some((false, None)) => {
            f.report(ctx, None, format_args!("{} runs all controllers with one identity (--use-service-account-credentials defaults to false)", f.who()));
        }
        Some((false, Some(flag))) => {
            f.report(ctx, Some(flag), format_args!("{} runs all controllers with one identity (--use-service-account-credentials={})", f.who(), flag.text()));
        }
        _ => {}
    }
}
