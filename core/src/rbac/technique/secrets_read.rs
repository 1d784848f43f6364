//! `secrets-read`.

use crate::rbac::Evidence;
use crate::rbac::graph::{Ctx, NodeKey, Target};
use crate::rbac::perms::{Hit, Perms, Reach};
use crate::rbac::subject::SubjectRef;

super::technique! {
    /// Reading Secrets: every Secret cluster-wide, and ServiceAccount token Secrets
    ///
    /// ## Precondition
    /// `list` or `watch` on core `secrets` (they return full contents) cluster-wide, or in every
    /// namespace, reaches the `secrets` target. In one namespace, it reads the token Secrets
    /// there; `get` reads those whose names it allows and knows (from the input).
    ///
    /// ## Gains
    /// A `kubernetes.io/service-account-token` Secret is a non-expiring token: becoming its
    /// ServiceAccount. Before v1.24 every ServiceAccount had one (auto-generated); since v1.24
    /// only manually created ones exist, so only those in the input count. `--k8s-version`
    /// selects.
    TECHNIQUE = { id: "secrets-read", combines: false, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let (authz, facts) = (ctx.authz(), ctx.facts());
    let list = perms.find(authz, &["list", "watch"], "", "secrets");
    let reach = Reach::any_name(&list);
    if let Some(h) = reach.all {
        let summary = format!("may list secrets {}", h.scope().phrase());
        ctx.edge(NodeKey::Target(Target::Secrets), &TECHNIQUE, summary, &[h], Vec::new());
        return;
    }
    let legacy = ctx.version().before(24);
    for (ns, h) in &reach.ns {
        if legacy {
            for sa in facts.sas.get(ns).into_iter().flat_map(|m| m.keys()) {
                let summary = format!(
                    "may list secrets in {ns}, including the auto-generated token of {ns}/{sa} (before v1.24)"
                );
                ctx.edge(
                    NodeKey::Subject(SubjectRef::sa(ns, sa)),
                    &TECHNIQUE,
                    summary,
                    &[*h],
                    Vec::new(),
                );
            }
        }
    }
    let get = perms.find(authz, &["get", "list", "watch"], "", "secrets");
    for h in &get {
        token_secrets(ctx, h);
    }
}

/// Edges to the ServiceAccounts of the input's token Secrets that `h` may read.
fn token_secrets(ctx: &mut Ctx<'_, '_>, h: &Hit<'_>) {
    let (authz, facts) = (ctx.authz(), ctx.facts());
    let ids: Vec<usize> = match h.scope().namespace() {
        Some(ns) => facts.token_secrets.get(ns).cloned().unwrap_or_default(),
        None => facts.token_secrets.values().flatten().copied().collect(),
    };
    for t in ids.into_iter().filter_map(|i| authz.input().token_secrets.get(i)) {
        let listable =
            h.any_name() && (h.rule.verb_matches("list") || h.rule.verb_matches("watch"));
        if !listable && !h.allows_name(&t.name) {
            continue;
        }
        let summary = format!(
            "may read the token Secret {}/{} of ServiceAccount {}/{}",
            t.namespace, t.name, t.namespace, t.service_account
        );
        let sa = SubjectRef::sa(&t.namespace, &t.service_account);
        ctx.edge(
            NodeKey::Subject(sa),
            &TECHNIQUE,
            summary,
            &[*h],
            vec![Evidence::object(&t.origin)],
        );
    }
}
