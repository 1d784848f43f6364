use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::{FieldPath, pod_template};
use crate::rules::{Category, Check, Ctx, ObjectCtx};
use crate::source::NodeRef;

declare_rule! {
    /// Third-party workload runs in kube-system or kube-public
    ///
    /// ## What it finds
    /// A workload in `kube-system` or `kube-public` with a container image that is not a
    /// Kubernetes project image (`registry.k8s.io`, `k8s.gcr.io`, `gcr.io/google_containers`,
    /// `gcr.io/google-containers`, the `k8s-artifacts-prod` mirrors, `gcr.io/k8s-staging-*`).
    /// The finding names the image.
    ///
    /// ## Why it matters
    /// `kube-system` holds the control plane's ServiceAccounts and Secrets (bootstrap tokens,
    /// controller credentials), and RBAC rules written for system components often grant it
    /// broad rights. Third-party software there shares that trust: a flaw in it, or anyone who
    /// may deploy into the namespace, reaches the cluster's most privileged credentials.
    ///
    /// ## How to fix
    /// Install the software in its own namespace, with its own ServiceAccount and RBAC.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: {name: dashboard, namespace: kube-system}
    /// spec:
    ///   selector: {matchLabels: {app: dashboard}}
    ///   template:
    ///     metadata: {labels: {app: dashboard}}
    ///     spec:
    ///       containers: [{name: dashboard, image: docker.io/example/dashboard:1.0}]
    /// ```
    /// ```yaml pass
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: {name: coredns, namespace: kube-system}
    /// spec:
    ///   selector: {matchLabels: {k8s-app: kube-dns}}
    ///   template:
    ///     metadata: {labels: {k8s-app: kube-dns}}
    ///     spec:
    ///       containers: [{name: coredns, image: registry.k8s.io/coredns/coredns:v1.11.3}]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 5.7.1 (administrative boundaries between resources using namespaces)
    /// - NSA/CISA Kubernetes Hardening Guide, "Namespaces"
    pub RULE = { id: "cluster-third-party-in-kube-system", category: Category::Cluster,
        severity: Severity::Warning, check: Check::Object { kinds: &[], run: check },
        help: "install the software in its own namespace, with its own ServiceAccount" }
}

const K8S_REGISTRIES: &[&str] = &[
    "registry.k8s.io/",
    "k8s.gcr.io/",
    "gcr.io/google_containers/",
    "gcr.io/google-containers/",
    "us.gcr.io/k8s-artifacts-prod/",
    "eu.gcr.io/k8s-artifacts-prod/",
    "asia.gcr.io/k8s-artifacts-prod/",
    "gcr.io/k8s-staging-",
];

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(ns @ ("kube-system" | "kube-public")) = o.object.namespace.as_deref() else { return };
    let Some(prefix) = pod_template::template_path(&o.object.kind).and_then(FieldPath::parse)
    else {
        return;
    };
    let spec_path = prefix.key("spec");
    let Some(spec) = o.root.lookup(&spec_path) else { return };
    for list in ["initContainers", "containers"] {
        let Some(containers) = spec.get(list) else { continue };
        for (i, c) in containers.items().enumerate() {
            let Some(image) = c.get("image").and_then(NodeRef::as_str) else { continue };
            if !K8S_REGISTRIES.iter().any(|r| image.starts_with(r)) {
                ctx.report(
                    spec_path.key(list).index(i).key("image"),
                    format_args!("third-party image {image} runs in {ns}"),
                );
                return;
            }
        }
    }
}
