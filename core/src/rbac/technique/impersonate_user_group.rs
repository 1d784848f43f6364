//! `impersonate-user-group`.

use crate::rbac::graph::{Ctx, NodeKey};
use crate::rbac::perms::{Perms, cluster_only};
use crate::rbac::subject::{MASTERS, SubjectRef, parse_sa_user};

super::technique! {
    /// Impersonating users, and groups such as system:masters (cluster-admin)
    ///
    /// ## Precondition
    /// `impersonate` on core `users` (cluster-wide: users are cluster-scoped), with
    /// `resourceNames` limiting the names. Impersonating a group needs `impersonate` on `groups`
    /// *and* some user to impersonate (`Impersonate-Group` requires `Impersonate-User`); the two
    /// may come from different bindings.
    ///
    /// ## Gains
    /// Any user named in a binding (or the named users); the named groups, and with any group
    /// `system:masters`, which bypasses RBAC: cluster-admin.
    TECHNIQUE = { id: "impersonate-user-group", combines: true, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let authz = ctx.authz();
    let users = cluster_only(&perms.find(authz, &["impersonate"], "", "users"));
    let Some(user_hit) = users.iter().find(|h| h.any_name()).or(users.first()).copied() else {
        return;
    };
    let groups = cluster_only(&perms.find(authz, &["impersonate"], "", "groups"));
    if let Some(g) = groups.iter().find(|h| h.any_name()) {
        let summary = "may impersonate a user in any group, such as system:masters".to_owned();
        ctx.edge(
            NodeKey::Subject(SubjectRef::group(MASTERS)),
            &TECHNIQUE,
            summary,
            &[user_hit, *g],
            Vec::new(),
        );
    }
    for g in groups.iter().filter(|h| !h.any_name()) {
        for name in &g.rule.resource_names {
            let summary = format!("may impersonate a user in group {name}");
            ctx.edge(
                NodeKey::Subject(SubjectRef::group(name)),
                &TECHNIQUE,
                summary,
                &[user_hit, *g],
                Vec::new(),
            );
        }
    }
    for h in &users {
        if h.any_name() {
            let summary = "may impersonate any user".to_owned();
            ctx.edge(NodeKey::AnyUser, &TECHNIQUE, summary, &[*h], Vec::new());
            continue;
        }
        for u in h.rule.resource_names.iter().filter(|u| parse_sa_user(u).is_none()) {
            let summary = format!("may impersonate user {u}");
            ctx.edge(
                NodeKey::Subject(SubjectRef::User(u.to_string())),
                &TECHNIQUE,
                summary,
                &[*h],
                Vec::new(),
            );
        }
    }
}
