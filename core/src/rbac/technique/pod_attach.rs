//! `pod-attach`.

use super::pod_exec::{get_note, websocket_verbs};
use super::running_pods;
use crate::rbac::graph::Ctx;
use crate::rbac::perms::Perms;

super::technique! {
    /// Attach to running containers: code execution where stdin is open
    ///
    /// ## Precondition
    /// `create` on `pods/attach` (`get` before v1.35, as `pod-exec`).
    ///
    /// ## Gains
    /// The stdin and tty of a running container, which is code execution only if the container
    /// keeps stdin open (a shell image). Modelled as `pod-exec`, with that caveat in the summary.
    TECHNIQUE = { id: "pod-attach", combines: false, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let hits = perms.find(ctx.authz(), websocket_verbs(ctx), "", "pods/attach");
    let note = |h: &crate::rbac::perms::Hit<'_>| {
        format!("{} (code execution if stdin is open)", get_note(h))
    };
    running_pods(ctx, &hits, &TECHNIQUE, ("attach to pods", "attach to"), &note);
}
