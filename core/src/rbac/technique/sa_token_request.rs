//! `sa-token-request`.

use super::act_as_sas;
use crate::rbac::graph::Ctx;
use crate::rbac::perms::Perms;

super::technique! {
    /// Requesting a token for a ServiceAccount is becoming it, without a pod
    ///
    /// ## Precondition
    /// `create` on `serviceaccounts/token` in a namespace; with `resourceNames`, the named
    /// ServiceAccounts (a subresource create carries the parent's name).
    ///
    /// ## Gains
    /// A bound token for the ServiceAccount, with audience and expiry of the caller's choosing.
    /// The built-in `edit` role has it, so `edit` in a namespace is every ServiceAccount there.
    TECHNIQUE = { id: "sa-token-request", combines: false, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let hits = perms.find(ctx.authz(), &["create"], "", "serviceaccounts/token");
    act_as_sas(ctx, &hits, &TECHNIQUE, "request a token for");
}
