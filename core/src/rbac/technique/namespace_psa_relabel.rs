//! `namespace-psa-relabel`.

use super::{pod_creation, pod_creation_in};
use crate::rbac::graph::{Ctx, NodeKey, Target};
use crate::rbac::perms::{Perms, Scope};
use std::sync::Arc;

super::technique! {
    /// Relabelling a namespace to Pod Security privileged, then creating a pod there: node
    ///
    /// ## Precondition
    /// `update` or `patch` on core `namespaces` for namespace N (a RoleBinding in N authorises
    /// it on the Namespace object N itself, whose requests carry namespace N), and a right that
    /// creates pods in N (`pod-create`, `create-workload`, `update-workload`). The rights may
    /// come from different bindings. Only namespaces whose level does not already admit
    /// privileged pods are considered (for the others `pod-create` reaches the node directly).
    ///
    /// ## Gains
    /// `pod-security.kubernetes.io/enforce: privileged`, then a privileged pod: root on a node.
    TECHNIQUE = { id: "namespace-psa-relabel", combines: true, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let (authz, facts) = (ctx.authz(), ctx.facts());
    let relabel = perms.find(authz, &["update", "patch"], "", "namespaces");
    if relabel.is_empty() {
        return;
    }
    let creation = pod_creation(ctx, perms);
    if creation.is_empty() {
        return;
    }
    for h in &relabel {
        let candidates: Vec<Arc<str>> = match h.scope() {
            Scope::Namespace(n) => vec![n.clone()],
            Scope::Cluster | Scope::AllNamespaces => facts.namespaces.iter().cloned().collect(),
        };
        for ns in candidates {
            let pss = facts.pss(&ns);
            if pss.allows_privileged || !h.allows_name(&ns) {
                continue;
            }
            let Some((what, c)) = pod_creation_in(&creation, Some(&ns)) else { continue };
            let summary = format!(
                "may relabel namespace {ns} to Pod Security level privileged and {what} there ({})",
                pss.reason
            );
            ctx.edge(
                NodeKey::Target(Target::Node),
                &TECHNIQUE,
                summary,
                &[*h, c],
                pss.evidence.into_iter().collect(),
            );
            return;
        }
    }
}
