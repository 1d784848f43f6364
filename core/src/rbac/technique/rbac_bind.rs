//! `rbac-bind`.

use crate::rbac::graph::{Ctx, NodeKey, Target};
use crate::rbac::perms::{Hit, Perms, Reach, Scope, cluster_only};
use std::sync::Arc;

super::technique! {
    /// The bind verb plus creating bindings: bind any role to yourself, such as cluster-admin
    ///
    /// ## Precondition
    /// `bind` on `rbac.authorization.k8s.io` `clusterroles` or `roles` (checked in the
    /// binding's namespace, or cluster-wide for a ClusterRoleBinding; `resourceNames` limit the
    /// roles), and `create` on `clusterrolebindings` (cluster-wide) or `rolebindings` (in a
    /// namespace). The rights may come from different bindings.
    ///
    /// ## Gains
    /// A ClusterRoleBinding to `cluster-admin` is cluster-admin; a RoleBinding to it is every
    /// right in that namespace. A named role is held at that scope.
    ///
    /// ## Not an escalation
    /// `create rolebindings` without `bind` only succeeds for roles whose rules the caller
    /// already holds (`ConfirmNoEscalation`), so it is no edge; `roleRef` is immutable, so
    /// updating bindings is none either.
    TECHNIQUE = { id: "rbac-bind", combines: true, apply: Some(apply) }
}

const RBAC: &str = "rbac.authorization.k8s.io";

/// What holding ClusterRole `name` at a scope gains (`ns` `None` with `cluster`: cluster-wide).
fn gain(ctx: &Ctx<'_, '_>, name: &str, ns: Option<&Arc<str>>, cluster: bool) -> Option<NodeKey> {
    let authz = ctx.authz();
    let role = authz.cluster_role_id(name);
    let wildcard = name == "cluster-admin"
        || role.is_some_and(|r| authz.rules_of(r).any(|(_, rule)| rule.is_resource_wildcard()));
    match (wildcard, ns, cluster) {
        (true, _, true) => Some(NodeKey::Target(Target::ClusterAdmin)),
        (true, ns, false) => Some(NodeKey::NamespaceAdmin(ns.cloned())),
        (false, ns, _) => role.map(|role| NodeKey::HoldsRole { role, namespace: ns.cloned() }),
    }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let authz = ctx.authz();
    let bind_cr = perms.find(authz, &["bind"], RBAC, "clusterroles");
    let bind_r = perms.find(authz, &["bind"], RBAC, "roles");
    if bind_cr.is_empty() && bind_r.is_empty() {
        return;
    }
    let crb = cluster_only(&perms.find(authz, &["create"], RBAC, "clusterrolebindings"));
    if let Some(c) = crb.iter().find(|h| h.any_name()) {
        for b in cluster_only(&bind_cr) {
            bind(ctx, *c, b, None, true);
        }
    }
    let rb = Reach::any_name(&perms.find(authz, &["create"], RBAC, "rolebindings"));
    for (ns, c) in rb.entries() {
        let covers = |h: &&Hit<'_>| match (&ns, h.scope()) {
            (_, Scope::Cluster | Scope::AllNamespaces) => true,
            (Some(n), Scope::Namespace(m)) => n == m,
            (None, Scope::Namespace(_)) => false,
        };
        for b in bind_cr.iter().filter(covers) {
            bind(ctx, c, *b, ns.as_ref(), false);
        }
        let Some(ns) = &ns else { continue };
        for b in bind_r.iter().filter(covers) {
            let roles: Vec<usize> = if b.any_name() {
                authz.roles_in(ns).to_vec()
            } else {
                b.rule.resource_names.iter().filter_map(|n| authz.role_id(ns, n)).collect()
            };
            for role in roles {
                let name = authz.role_name(role).map_or("", |x| x.0);
                let summary = format!("may create RoleBindings in {ns} and bind Role {name}");
                ctx.edge(
                    NodeKey::HoldsRole { role, namespace: Some(ns.clone()) },
                    &TECHNIQUE,
                    summary,
                    &[c, *b],
                    Vec::new(),
                );
            }
        }
    }
}

fn bind(ctx: &mut Ctx<'_, '_>, create: Hit<'_>, b: Hit<'_>, ns: Option<&Arc<str>>, cluster: bool) {
    let what = if cluster {
        "ClusterRoleBindings".to_owned()
    } else {
        format!("RoleBindings {}", super::where_(ns, &create))
    };
    if b.any_name() {
        if let Some(target) = gain(ctx, "cluster-admin", ns, cluster) {
            let summary =
                format!("may create {what} and bind any ClusterRole, such as cluster-admin");
            ctx.edge(target, &TECHNIQUE, summary, &[create, b], Vec::new());
        }
        return;
    }
    let names: Vec<String> = b.rule.resource_names.iter().map(|n| n.to_string()).collect();
    for name in names {
        let namespaces: Vec<Option<Arc<str>>> = match (ns, cluster) {
            (None, false) => ctx.facts().namespaces.iter().cloned().map(Some).collect(),
            _ => vec![ns.cloned()],
        };
        for n in namespaces {
            if let Some(target) = gain(ctx, &name, n.as_ref(), cluster) {
                let summary = format!("may create {what} and bind ClusterRole {name}");
                ctx.edge(target, &TECHNIQUE, summary, &[create, b], Vec::new());
            }
        }
    }
}
