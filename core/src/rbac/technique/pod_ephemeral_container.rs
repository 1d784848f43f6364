//! `pod-ephemeral-container`.

use super::running_pods;
use crate::rbac::graph::{Ctx, NodeKey, Target};
use crate::rbac::perms::{Perms, Reach};

super::technique! {
    /// Adding ephemeral containers to running pods: their tokens, and the node where privileged pods are admitted
    ///
    /// ## Precondition
    /// `update` or `patch` on `pods/ephemeralcontainers` in a namespace.
    ///
    /// ## Gains
    /// A debug container in any running pod, which can mount the pod's volumes (its projected
    /// ServiceAccount token) and share its namespaces. If the namespace's Pod Security level
    /// admits privileged containers, the debug container can be privileged: root on the node.
    TECHNIQUE = { id: "pod-ephemeral-container", combines: false, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let (authz, facts) = (ctx.authz(), ctx.facts());
    let hits = perms.find(authz, &["update", "patch"], "", "pods/ephemeralcontainers");
    running_pods(
        ctx,
        &hits,
        &TECHNIQUE,
        ("add ephemeral containers to pods", "add an ephemeral container to"),
        &|_| String::new(),
    );
    for (ns, h) in Reach::any_name(&hits).entries() {
        let nsname = ns.as_deref();
        let target_ns = match nsname {
            Some(n) => facts.workloads.contains_key(n).then_some(n),
            None => facts.workloads.keys().map(|k| &**k).find(|k| facts.pss(k).allows_privileged),
        };
        let Some(target_ns) = target_ns else { continue };
        let pss = facts.pss(target_ns);
        if pss.allows_privileged {
            let summary = format!(
                "may add a privileged ephemeral container to a running pod in {target_ns}: {}",
                pss.reason
            );
            ctx.edge(
                NodeKey::Target(Target::Node),
                &TECHNIQUE,
                summary,
                &[h],
                pss.evidence.into_iter().collect(),
            );
        }
    }
}
