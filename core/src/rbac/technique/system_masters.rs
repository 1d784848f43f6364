//! `system-masters`: the privileged group.

use crate::rbac::graph::{Ctx, NodeKey, Target};

super::technique! {
    /// Members of system:masters bypass RBAC: they are cluster-admin
    ///
    /// ## What it models
    /// kube-apiserver puts a privileged-group authorizer before RBAC: a request from a member of
    /// `system:masters` is allowed whatever the roles say, and the RBAC registry skips escalation
    /// checks for it (ESCALATION.md §4.3). The `cluster-admin` ClusterRoleBinding to the group is
    /// therefore redundant. Anyone who can become a member (impersonation of the group, a client
    /// certificate with `O=system:masters`) is cluster-admin.
    TECHNIQUE = { id: "system-masters", combines: false, apply: None }
}

/// The edge from the `system:masters` group node.
pub(crate) fn edge(ctx: &mut Ctx<'_, '_>) {
    let summary = "members of system:masters bypass RBAC (privileged-group authorizer)".to_owned();
    ctx.edge(NodeKey::Target(Target::ClusterAdmin), &TECHNIQUE, summary, &[], Vec::new());
}
