use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod runs as the namespace's default ServiceAccount
    ///
    /// ## What it finds
    /// A pod template (of a Pod, a Deployment, a Job, a CronJob, any workload) whose
    /// `serviceAccountName` is unset or `default` (the deprecated `serviceAccount` field is read
    /// when `serviceAccountName` is unset). Static control-plane pods (a Pod whose container runs
    /// `kube-apiserver`, `etcd`, `kube-controller-manager` or `kube-scheduler`) are exempt: the
    /// kubelet refuses static pods that reference a ServiceAccount.
    ///
    /// ## Why it matters
    /// Every pod in a namespace that names no ServiceAccount shares `default`, so any permission
    /// granted to `default` (often bound "just to make something work") goes to all of them, and
    /// their API requests cannot be told apart in audit logs. A dedicated ServiceAccount per
    /// workload keeps permissions least-privilege and attributable. Reported as info: on its own
    /// the default ServiceAccount has no permissions; the RBAC rules report what it can do.
    ///
    /// ## How to fix
    /// Create a ServiceAccount for the workload, set `serviceAccountName` to it, and set
    /// `automountServiceAccountToken: false` when the pod does not call the API.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: {name: web, namespace: shop}
    /// spec:
    ///   selector: {matchLabels: {app: web}}
    ///   template:
    ///     metadata: {labels: {app: web}}
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: registry.example/web:1.4
    /// ```
    /// ```yaml pass
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: {name: web, namespace: shop}
    /// spec:
    ///   selector: {matchLabels: {app: web}}
    ///   template:
    ///     metadata: {labels: {app: web}}
    ///     spec:
    ///       serviceAccountName: web
    ///       automountServiceAccountToken: false
    ///       containers:
    ///       - name: app
    ///         image: registry.example/web:1.4
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.1.5: "Ensure that default service accounts are not actively used"
    /// - NSA/CISA Kubernetes Hardening Guide: "Use separate service accounts" (Authentication and authorization)
    pub RULE = { id: "serviceaccount-default-used", category: Category::Serviceaccount, severity: Severity::Info,
        check: Check::PodSpec(check),
        help: "create a dedicated ServiceAccount for the workload and set serviceAccountName to it",
        equivalents: &[("kube-linter", "default-service-account")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    let spec = pod.spec();
    // A static control-plane pod cannot name a ServiceAccount at all.
    if pod.object.kind == "Pod" && crate::rules::component::is_control_plane_pod(spec) {
        return;
    }
    let name = spec.service_account_name.as_deref().filter(|s| !s.is_empty());
    match (name, spec.service_account.as_deref().filter(|s| !s.is_empty())) {
        (Some("default"), _) => {
            ctx.report("spec.serviceAccountName", "pod runs as the default ServiceAccount");
        }
        (None, Some("default")) => {
            ctx.report("spec.serviceAccount", "pod runs as the default ServiceAccount");
        }
        (None, None) => {
            ctx.report(
                "spec.serviceAccountName",
                "pod runs as the default ServiceAccount (serviceAccountName is not set)",
            );
        }
        _ => {}
    }
}
