//! `impersonate-serviceaccount`.

use super::act_as_sas;
use crate::rbac::graph::Ctx;
use crate::rbac::perms::Perms;

super::technique! {
    /// Impersonating ServiceAccounts of a namespace
    ///
    /// ## Precondition
    /// `impersonate` on core `serviceaccounts` in a namespace; with `resourceNames`, the named
    /// ones. A user name `system:serviceaccount:NS:NAME` is authorised against this resource,
    /// not against `users`. The built-in `edit` role has it.
    ///
    /// ## Gains
    /// Every right of the ServiceAccount (impersonation does not require it to exist).
    ///
    /// ## Caveats
    /// Constrained impersonation (`impersonate:serviceaccount` with `impersonate-on:…` verbs,
    /// beta in v1.36) grants only listed verbs and is not modelled; `verbs: ['*']` matches the
    /// legacy verb anyway.
    TECHNIQUE = { id: "impersonate-serviceaccount", combines: false, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let hits = perms.find(ctx.authz(), &["impersonate"], "", "serviceaccounts");
    act_as_sas(ctx, &hits, &TECHNIQUE, "impersonate");
}
