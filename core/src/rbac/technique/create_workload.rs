//! `create-workload` (ESCALATION.md `controller-create`).

use super::{res_label, workload_resources};
use crate::rbac::graph::{Ctx, NodeKey};
use crate::rbac::perms::{Perms, Reach};

super::technique! {
    /// Creating a workload (Deployment, Job, …) runs a pod as any ServiceAccount of the namespace
    ///
    /// ## Precondition
    /// `create` on `apps` `deployments`, `replicasets`, `statefulsets`, `daemonsets`, `batch`
    /// `jobs`, `cronjobs`, or core `replicationcontrollers` (and `extensions` before v1.16) in a
    /// namespace.
    ///
    /// ## Gains
    /// As `pod-create`: the controller creates the pods, so no right on pods is needed. A
    /// DaemonSet places a pod on every node its tolerations allow.
    ///
    /// ## Caveats
    /// Pod Security enforces on the generated pods; on the template it only warns. Operators of
    /// custom resources that template pods (Argo Rollouts, Tekton, …) extend this list and are not
    /// modelled.
    TECHNIQUE = { id: "create-workload", combines: false, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    for (g, r, _) in workload_resources(ctx.version()) {
        let hits = perms.find(ctx.authz(), &["create"], g, r);
        for (ns, h) in Reach::any_name(&hits).entries() {
            let summary = format!("may create {} {}", res_label(g, r), h.scope().phrase());
            ctx.edge(NodeKey::RunPods(ns), &TECHNIQUE, summary, &[h], Vec::new());
        }
    }
}
