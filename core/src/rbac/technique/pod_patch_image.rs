//! `pod-patch-image`.

use super::running_pods;
use crate::rbac::graph::Ctx;
use crate::rbac::perms::Perms;

super::technique! {
    /// Updating pods swaps a container image: code execution as the running pods' ServiceAccounts
    ///
    /// ## Precondition
    /// `update` or `patch` on `pods` in a namespace; with `resourceNames`, only those Pods.
    ///
    /// ## Gains
    /// Container images are mutable on a running pod, `serviceAccountName` is not: this gives the
    /// ServiceAccounts of the pods that run (the input's workloads), not any ServiceAccount.
    ///
    /// ## Caveats
    /// Image allowlist admission is not knowable offline.
    TECHNIQUE = { id: "pod-patch-image", combines: false, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let hits = perms.find(ctx.authz(), &["update", "patch"], "", "pods");
    running_pods(ctx, &hits, &TECHNIQUE, ("swap the image of pods", "swap the image of"), &|_| {
        String::new()
    });
}
