//! `pv-hostpath`.

use super::{pod_creation, pod_creation_in};
use crate::rbac::graph::{Ctx, NodeKey, Target};
use crate::rbac::perms::{Perms, Reach, cluster_only};

super::technique! {
    /// A hostPath PersistentVolume claimed by a pod: the node's filesystem, past Pod Security
    ///
    /// ## Precondition
    /// `create` on core `persistentvolumes` (cluster-wide), `create` on
    /// `persistentvolumeclaims` in a namespace, and a right that creates pods there. The rights
    /// may come from different bindings.
    ///
    /// ## Gains
    /// A PV with `hostPath: /` bound through a PVC: Pod Security checks the pod's volume types,
    /// and `persistentVolumeClaim` is allowed even by `restricted`, so this reaches the node
    /// whatever the namespace's level.
    TECHNIQUE = { id: "pv-hostpath", combines: true, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let authz = ctx.authz();
    let pv = cluster_only(&perms.find(authz, &["create"], "", "persistentvolumes"));
    let Some(pv) = pv.iter().find(|h| h.any_name()).copied() else { return };
    let pvc = Reach::any_name(&perms.find(authz, &["create"], "", "persistentvolumeclaims"));
    let creation = pod_creation(ctx, perms);
    let mut candidates: Vec<Option<&str>> = Vec::new();
    if pvc.all.is_some() {
        candidates.push(None);
        candidates.extend(creation.iter().flat_map(|(_, r)| r.ns.keys()).map(|k| Some(&**k)));
    }
    candidates.extend(pvc.ns.keys().map(|k| Some(&**k)));
    for ns in candidates {
        let (Some(p), Some((what, c))) =
            (ns.map_or(pvc.all, |n| pvc.get(n)), pod_creation_in(&creation, ns))
        else {
            continue;
        };
        let place = ns.map_or_else(|| p.scope().phrase(), |n| format!("in {n}"));
        let summary =
            format!("may create a hostPath PersistentVolume, claim it {place} and {what} there");
        ctx.edge(NodeKey::Target(Target::Node), &TECHNIQUE, summary, &[pv, p, c], Vec::new());
        return;
    }
}
