//! `admission-webhook`.

use crate::rbac::graph::{Ctx, NodeKey, Target};
use crate::rbac::perms::{Perms, cluster_only};

super::technique! {
    /// Writing mutating admission webhooks controls every admitted pod: cluster-admin
    ///
    /// ## Precondition
    /// `create` (any name), `update` or `patch` on `admissionregistration.k8s.io`
    /// `mutatingwebhookconfigurations`, cluster-wide.
    ///
    /// ## Gains
    /// The webhook may mutate every admitted object: inject a container, or swap the image of a
    /// pod that runs as a `kube-system` controller ServiceAccount (which hold `escalate`, create
    /// pods everywhere, …). Treated as cluster-admin-equivalent.
    ///
    /// ## Not modelled as an edge
    /// `validatingwebhookconfigurations` only see and deny admission requests (they receive the
    /// Secrets being written, not existing ones), and deleting them can disable policy engines,
    /// which offline analysis cannot see; `validatingadmissionpolicies` only deny. Mutating
    /// admission policies (CEL) are not modelled.
    TECHNIQUE = { id: "admission-webhook", combines: false, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let hits = cluster_only(&perms.find(
        ctx.authz(),
        &["create", "update", "patch"],
        "admissionregistration.k8s.io",
        "mutatingwebhookconfigurations",
    ));
    let usable = hits
        .iter()
        .find(|h| h.any_name() || h.rule.verb_matches("update") || h.rule.verb_matches("patch"));
    if let Some(h) = usable {
        let summary =
            "may write MutatingWebhookConfigurations, so may mutate every admitted pod".to_owned();
        ctx.edge(NodeKey::Target(Target::ClusterAdmin), &TECHNIQUE, summary, &[*h], Vec::new());
    }
}
