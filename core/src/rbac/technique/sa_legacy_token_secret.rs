//! `sa-legacy-token-secret`.

use super::intersect;
use crate::rbac::graph::{Ctx, NodeKey};
use crate::rbac::perms::{Perms, Reach};

super::technique! {
    /// Creating a service-account-token Secret and reading it back is becoming any ServiceAccount
    ///
    /// ## Precondition
    /// `create` on core `secrets` and `get`, `list` or `watch` on them (any names: the attacker
    /// names the Secret) in the same namespace; the two may come from different bindings.
    ///
    /// ## Gains
    /// A Secret of type `kubernetes.io/service-account-token` annotated
    /// `kubernetes.io/service-account.name: <sa>` is filled by the tokens controller with a
    /// non-expiring token, on every version (manual creation is still supported).
    TECHNIQUE = { id: "sa-legacy-token-secret", combines: true, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let authz = ctx.authz();
    let create = Reach::any_name(&perms.find(authz, &["create"], "", "secrets"));
    if create.is_empty() {
        return;
    }
    let read = Reach::of(&perms.find(authz, &["get", "list", "watch"], "", "secrets"), |_| true);
    for (ns, c, r) in intersect(&create, &read) {
        let summary = format!(
            "may create a service-account-token Secret {} and read it back",
            super::where_(ns.as_ref(), &c)
        );
        ctx.edge(NodeKey::AnySa(ns), &TECHNIQUE, summary, &[c, r], Vec::new());
    }
}
