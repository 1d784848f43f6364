//! `wildcard-admin`: `*` on `*` cluster-wide.

use crate::rbac::graph::{Ctx, NodeKey, Target};
use crate::rbac::perms::{Perms, Scope};

super::technique! {
    /// Holding `*` verbs on `*` resources of `*` groups cluster-wide is cluster-admin
    ///
    /// ## Precondition
    /// A rule with `verbs: ['*']`, `apiGroups: ['*']`, `resources: ['*']` and no
    /// `resourceNames`, granted by a ClusterRoleBinding (ESCALATION.md #35). The same rule
    /// through a RoleBinding is confined to its namespace, which the other techniques evaluate.
    TECHNIQUE = { id: "wildcard-admin", combines: false, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let authz = ctx.authz();
    let hit =
        perms.rules(authz).find(|h| *h.scope() == Scope::Cluster && h.rule.is_resource_wildcard());
    if let Some(h) = hit {
        let summary = "holds * on * cluster-wide".to_owned();
        ctx.edge(NodeKey::Target(Target::ClusterAdmin), &TECHNIQUE, summary, &[h], Vec::new());
    }
}
