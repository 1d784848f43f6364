//! `rbac-escalate`.

use crate::rbac::graph::{Ctx, NodeKey, Target};
use crate::rbac::perms::{Hit, Perms, RoleSrc, Scope};

super::technique! {
    /// The escalate verb on a role bound to you: write any rule into it
    ///
    /// ## Precondition
    /// `escalate` and `update` (or `patch`) on `rbac.authorization.k8s.io` `clusterroles`
    /// (cluster-wide) or `roles` (in a namespace), allowing the name of a role that is already
    /// bound to the principal; the rights may come from different bindings.
    ///
    /// ## Gains
    /// A caller authorised for `escalate` skips the escalation check, so it may add `*` on `*`
    /// to the role: cluster-admin through a ClusterRoleBinding, namespace admin through a
    /// RoleBinding. The built-in `clusterrole-aggregation-controller` holds it.
    TECHNIQUE = { id: "rbac-escalate", combines: true, apply: Some(apply) }
}

const RBAC: &str = "rbac.authorization.k8s.io";

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let authz = ctx.authz();
    for (resource, kind) in [("clusterroles", "ClusterRole"), ("roles", "Role")] {
        let esc = perms.find(authz, &["escalate"], RBAC, resource);
        if esc.is_empty() {
            continue;
        }
        let upd = perms.find(authz, &["update", "patch"], RBAC, resource);
        for g in &perms.grants {
            let RoleSrc::Real(role) = g.role else { continue };
            let Some((name, role_ns)) = authz.role_name(role) else { continue };
            if role_ns.is_some() != (kind == "Role") {
                continue;
            }
            // A ClusterRole is cluster-scoped; a Role lives in its namespace.
            let applies = |h: &&Hit<'_>| {
                h.allows_name(name)
                    && match role_ns {
                        None => *h.scope() == Scope::Cluster,
                        Some(ns) => h.scope().namespace().is_none_or(|n| **n == *ns),
                    }
            };
            let (Some(e), Some(u)) = (esc.iter().find(applies), upd.iter().find(applies)) else {
                continue;
            };
            let target = match &g.scope {
                Scope::Cluster => NodeKey::Target(Target::ClusterAdmin),
                Scope::AllNamespaces => NodeKey::NamespaceAdmin(None),
                Scope::Namespace(ns) => NodeKey::NamespaceAdmin(Some(ns.clone())),
            };
            let summary = format!(
                "may escalate and update {kind} {name}, which is bound to it {}",
                g.scope.phrase()
            );
            ctx.edge(target, &TECHNIQUE, summary, &[*e, *u, Hit::of_grant(g)], Vec::new());
        }
    }
}
