//! `pod-create`.

use crate::rbac::graph::{Ctx, NodeKey};
use crate::rbac::perms::{Perms, Reach};

super::technique! {
    /// Creating pods runs code as any ServiceAccount of the namespace, and on a node
    ///
    /// ## Precondition
    /// `create` on `pods` (core group) in a namespace, without `resourceNames` (which never
    /// authorize `create`).
    ///
    /// ## Gains
    /// A pod with `serviceAccountName` set to any ServiceAccount that exists in the namespace and
    /// `automountServiceAccountToken: true` (which overrides `false` on the ServiceAccount). If
    /// the namespace's Pod Security `enforce` level admits privileged pods (no label, or
    /// `privileged`), a privileged or hostPath pod is root on its node; `spec.nodeName` picks the
    /// node. Mounting every Secret of the namespace comes with it.
    ///
    /// ## Caveats
    /// The ServiceAccount must exist. Admission webhooks and the cluster's default Pod Security
    /// level are not knowable offline.
    TECHNIQUE = { id: "pod-create", combines: false, apply: Some(apply) }
}

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let hits = perms.find(ctx.authz(), &["create"], "", "pods");
    for (ns, h) in Reach::any_name(&hits).entries() {
        let summary = format!("may create pods {}", h.scope().phrase());
        ctx.edge(NodeKey::RunPods(ns), &TECHNIQUE, summary, &[h], Vec::new());
    }
}
