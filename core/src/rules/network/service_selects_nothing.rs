use crate::corpus::CorpusCtx;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check};
use crate::source::NodeRef;

declare_rule! {
    /// Service selector matches no pod of its namespace
    ///
    /// ## What it finds
    /// A Service with a `selector` that matches none of the pod templates of its namespace, when
    /// the input holds workloads of that namespace, and when it has a namespace set. Pods that
    /// controllers add labels to (`statefulset.kubernetes.io/pod-name`, …) match on those labels.
    /// Informational: pods created by operators from custom resources (Prometheus, Ceph, …) are
    /// not in the input, so a Service for them looks unmatched.
    ///
    /// ## Why it matters
    /// The Service has no endpoints, so traffic for it fails; and when a pod with matching
    /// labels appears later, anyone allowed to create pods in the namespace receives the
    /// Service's traffic (and the credentials clients send with it).
    ///
    /// ## How to fix
    /// Make the selector match the pods' labels, or remove the Service.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Service
    /// metadata: {name: web, namespace: app}
    /// spec:
    ///   selector: {app: web-frontend}
    ///   ports: [{port: 80}]
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web, namespace: app, labels: {app: web}}
    /// spec:
    ///   containers: [{name: web, image: nginx:1.27}]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Service
    /// metadata: {name: web, namespace: app}
    /// spec:
    ///   selector: {app: web}
    ///   ports: [{port: 80}]
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web, namespace: app, labels: {app: web}}
    /// spec:
    ///   containers: [{name: web, image: nginx:1.27}]
    /// ```
    ///
    /// ## References
    /// - Service <https://kubernetes.io/docs/concepts/services-networking/service/>
    pub RULE = { id: "network-service-selects-nothing", category: Category::Network,
        severity: Severity::Info,
        check: Check::Corpus { kinds: &["Service"], workloads: true, run: check },
        help: "make the selector match the pods' labels, or remove the Service" }
}

fn check(ctx: &mut CorpusCtx<'_>) {
    let workloads = ctx.workloads_by_namespace();
    let path = FieldPath::root().key("spec").key("selector");
    for s in ctx.of_kind("Service") {
        let Some(root) = s.root() else { continue };
        let Some(sel) = root.lookup(&path).filter(|n| !n.entries().is_empty()) else {
            continue;
        };
        let ty = root.lookup(&FieldPath::root().key("spec").key("type")).and_then(NodeRef::as_str);
        if ty == Some("ExternalName") {
            continue;
        }
        // Without a namespace the object's namespace is decided at apply time: not judged.
        let Some(ns) = s.namespace() else { continue };
        let Some(same_ns) = workloads.of(ns) else { continue };
        if !same_ns.any_map_selects(sel) {
            ctx.report(
                s,
                &path,
                format_args!(
                    "service selects none of the {} workload(s) of namespace {ns:?}",
                    same_ns.all.len()
                ),
            );
        }
    }
}
