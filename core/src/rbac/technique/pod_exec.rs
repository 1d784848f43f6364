//! `pod-exec`.

use super::running_pods;
use crate::rbac::graph::Ctx;
use crate::rbac::perms::{Hit, Perms};

super::technique! {
    /// Exec into running pods: their ServiceAccount tokens, and the node of a privileged pod
    ///
    /// ## Precondition
    /// `create` on `pods/exec` in a namespace; with `resourceNames`, only the named Pods of the
    /// input. Before v1.35 the WebSocket upgrade was authorised as `get pods/exec`, so `get`
    /// alone suffices there (kubernetes#78741); from v1.35 `create` is also required
    /// (`AuthorizePodWebsocketUpgradeCreatePermission`, on by default). `--k8s-version` selects.
    ///
    /// ## Gains
    /// A shell in the pods of the input's workloads in that namespace: the token of their
    /// ServiceAccount when it is mounted, and the node when the pod is privileged or mounts a
    /// hostPath.
    TECHNIQUE = { id: "pod-exec", combines: false, apply: Some(apply) }
}

/// Verbs that authorise exec, attach and port-forward at this version.
pub(crate) fn websocket_verbs(ctx: &Ctx<'_, '_>) -> &'static [&'static str] {
    if ctx.version().before(35) { &["create", "get"] } else { &["create"] }
}

/// " (get suffices before v1.35)" when the rule grants `get` but not `create`.
pub(crate) fn get_note(h: &Hit<'_>) -> String {
    if h.rule.verb_matches("create") {
        String::new()
    } else {
        " (get suffices before v1.35)".to_owned()
    }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let hits = perms.find(ctx.authz(), websocket_verbs(ctx), "", "pods/exec");
    running_pods(ctx, &hits, &TECHNIQUE, ("exec into pods", "exec into"), &get_note);
}
