//! `nodes-proxy-kubelet`.

use super::named_workload_edges;
use crate::rbac::graph::{Ctx, NodeKey};
use crate::rbac::perms::{Perms, cluster_only};

super::technique! {
    /// The kubelet API through nodes/proxy: exec in every pod of the nodes, unaudited
    ///
    /// ## Precondition
    /// `get` or `create` on `nodes/proxy`, cluster-wide (nodes are cluster-scoped). GET
    /// WebSockets need only `get`. With `resourceNames`, only pods with `spec.nodeName` set to a
    /// named node count.
    ///
    /// ## Gains
    /// The kubelet's `/exec`, `/run` and `/attach` reach every pod on the node, bypassing API
    /// audit and admission: the tokens of the input's workloads, and the node through privileged
    /// ones.
    TECHNIQUE = { id: "nodes-proxy-kubelet", combines: false, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let hits = cluster_only(&perms.find(ctx.authz(), &["get", "create"], "", "nodes/proxy"));
    if let Some(h) = hits.iter().find(|h| h.any_name()) {
        let summary = "may use the kubelet API of every node (nodes/proxy) to run code in its pods"
            .to_owned();
        ctx.edge(NodeKey::ExecPods(None), &TECHNIQUE, summary, &[*h], Vec::new());
        return;
    }
    for h in &hits {
        let pick = |w: &crate::rbac::WorkloadFacts| {
            w.node_name.as_deref().is_some_and(|n| h.allows_name(n))
        };
        named_workload_edges(ctx, None, h, &TECHNIQUE, "use the kubelet API to run code in", &pick);
    }
}
