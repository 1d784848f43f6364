use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Workload is deployed to the default namespace
    ///
    /// ## What it finds
    /// An object that runs pods (a Pod, any built-in workload, or a custom resource with pod
    /// templates) whose `metadata.namespace` is `default`.
    ///
    /// Objects without `metadata.namespace` are not reported: their namespace is chosen when
    /// they are applied (`kubectl -n`, kustomize's `namespace:`, Helm's `--namespace`, an Argo CD
    /// or Flux destination), so a missing namespace says nothing about where they will run.
    /// Checkov's CKV_K8S_21 and kube-linter's `use-namespace` report them too, which fires on
    /// nearly every chart and kustomize base; Trivy's KSV110 looks at the namespace written, as
    /// this rule does.
    ///
    /// ## Why it matters
    /// `default` is where everything lands by accident, so it tends to collect unrelated
    /// workloads, broad RoleBindings and no NetworkPolicy, ResourceQuota or Pod Security
    /// labels. A workload there shares that weakest boundary with whatever else is there.
    ///
    /// ## How to fix
    /// Create a namespace for the application, with its own RBAC, NetworkPolicies, quotas and
    /// `pod-security.kubernetes.io/enforce` label, and deploy into it.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web, namespace: default}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: registry.example/web:1.4
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web, namespace: shop}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: registry.example/web:1.4
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.7.1 (administrative boundaries) and 5.7.4: "The default namespace should not be used"
    /// - NSA/CISA Kubernetes Hardening Guide: "Namespaces" (Network separation and hardening)
    pub RULE = { id: "workload-default-namespace", category: Category::Workload, severity: Severity::Warning,
        check: Check::Object { kinds: &[], run: check },
        help: "deploy the workload to a dedicated namespace",
        equivalents: &[("kube-linter", "use-namespace"), ("checkov", "CKV_K8S_21"), ("trivy", "KSV110")] }
}

fn check(ctx: &mut Ctx<'_>, obj: &ObjectCtx<'_>) {
    if obj.pod_templates.is_empty() || obj.object.namespace.as_deref() != Some("default") {
        return;
    }
    ctx.report("metadata.namespace", "workload is in the default namespace");
}
