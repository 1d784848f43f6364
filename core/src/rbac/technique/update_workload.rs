//! `update-workload` (ESCALATION.md `controller-update`).

use super::{res_label, workload_resources};
use crate::rbac::Evidence;
use crate::rbac::graph::{Ctx, NodeKey};
use crate::rbac::perms::{Perms, Reach};

super::technique! {
    /// Updating a workload rewrites its pod template: a pod as any ServiceAccount of the namespace
    ///
    /// ## Precondition
    /// `update` or `patch` on a workload kind (see `create-workload`) in a namespace. With
    /// `resourceNames`, only the named workloads of the input count.
    ///
    /// ## Gains
    /// The controller rolls out pods with the attacker's image, `serviceAccountName` and
    /// `securityContext`: as `pod-create`. `*/scale` does not count.
    TECHNIQUE = { id: "update-workload", combines: false, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let (authz, facts) = (ctx.authz(), ctx.facts());
    for (g, r, kind) in workload_resources(ctx.version()) {
        let hits = perms.find(authz, &["update", "patch"], g, r);
        for (ns, h) in Reach::any_name(&hits).entries() {
            let summary =
                format!("may update {} {} (the pod template)", res_label(g, r), h.scope().phrase());
            ctx.edge(NodeKey::RunPods(ns), &TECHNIQUE, summary, &[h], Vec::new());
        }
        for h in hits.iter().filter(|h| !h.any_name()) {
            let ns = h.scope().namespace().map(|n| &**n);
            for w in facts.workloads_in(authz, ns) {
                let name = w.origin.object.name.as_deref().unwrap_or_default();
                if w.kind != kind || !h.allows_name(name) {
                    continue;
                }
                let Some(wns) = facts.ns(&w.namespace).cloned() else { continue };
                let summary =
                    format!("may update {kind} {}/{name} (its pod template)", w.namespace);
                let ev = vec![Evidence::object(&w.origin)];
                ctx.edge(NodeKey::RunPods(Some(wns)), &TECHNIQUE, summary, &[*h], ev);
            }
        }
    }
}
