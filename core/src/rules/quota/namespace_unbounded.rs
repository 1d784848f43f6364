use crate::corpus::CorpusCtx;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check};
use foldhash::{HashMap, HashMapExt, HashSet};

declare_rule! {
    /// Namespace runs workloads with neither a ResourceQuota nor a LimitRange
    ///
    /// ## What it finds
    /// A Namespace in the input that has workloads in the input but neither a ResourceQuota nor
    /// a LimitRange.
    ///
    /// ## Why it matters
    /// Nothing then bounds what the namespace consumes: a runaway or compromised workload (a
    /// crypto miner, a fork bomb of replicas) starves every other tenant of the nodes' CPU and
    /// memory, and pods without requests are scheduled anywhere.
    ///
    /// ## How to fix
    /// Add a ResourceQuota (total CPU, memory, pods) and a LimitRange (default requests and
    /// limits per container) to the namespace.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Namespace
    /// metadata: {name: app}
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web, namespace: app}
    /// spec:
    ///   containers: [{name: web, image: nginx:1.27}]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Namespace
    /// metadata: {name: app}
    /// ---
    /// apiVersion: v1
    /// kind: ResourceQuota
    /// metadata: {name: quota, namespace: app}
    /// spec:
    ///   hard: {requests.cpu: "4", requests.memory: 8Gi, pods: "20"}
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web, namespace: app}
    /// spec:
    ///   containers: [{name: web, image: nginx:1.27}]
    /// ```
    ///
    /// ## References
    /// - NSA/CISA Kubernetes Hardening Guide, "Resource policies"
    /// - Resource Quotas <https://kubernetes.io/docs/concepts/policy/resource-quotas/>
    pub RULE = { id: "quota-namespace-unbounded", category: Category::Quota,
        severity: Severity::Warning,
        check: Check::Corpus { kinds: &["Namespace", "ResourceQuota", "LimitRange"], workloads: true, run: check },
        help: "add a ResourceQuota and a LimitRange to the namespace" }
}

fn check(ctx: &mut CorpusCtx<'_>) {
    let mut workloads: HashMap<&str, usize> = HashMap::new();
    for w in ctx.workloads() {
        if let Some(ns) = w.namespace() {
            *workloads.entry(ns).or_default() += 1;
        }
    }
    let bounded: HashSet<&str> = ctx
        .of_kind("ResourceQuota")
        .chain(ctx.of_kind("LimitRange"))
        .filter_map(|o| o.namespace())
        .collect();
    for ns in ctx.of_kind("Namespace") {
        let Some(name) = ns.name() else { continue };
        let Some(&count) = workloads.get(name) else { continue };
        if !bounded.contains(name) {
            ctx.report(
                ns,
                "metadata.name",
                format_args!("namespace {name:?} runs {count} workload(s) with neither a ResourceQuota nor a LimitRange"),
            );
        }
    }
}
