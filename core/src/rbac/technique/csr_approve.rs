//! `csr-approve`.

use crate::rbac::graph::{Ctx, NodeKey};
use crate::rbac::perms::{Perms, cluster_only};
use crate::rbac::subject::{MASTERS, NODES, SubjectRef};

super::technique! {
    /// Creating, approving and reading a CSR for a client signer: any user, such as system:masters
    ///
    /// ## Precondition
    /// Cluster-wide, on `certificates.k8s.io`: `create` and `get`, `list` or `watch` on
    /// `certificatesigningrequests`, `update` on `certificatesigningrequests/approval`, and
    /// `approve` on `signers` with resourceName `kubernetes.io/kube-apiserver-client` (or
    /// `kubernetes.io/*`). The rights may come from different bindings.
    ///
    /// ## Gains
    /// A client certificate with any CN and O, such as `O=system:masters`: cluster-admin until
    /// the CA is rotated. With `kubernetes.io/kube-apiserver-client-kubelet` instead, a node
    /// identity (group `system:nodes`).
    TECHNIQUE = { id: "csr-approve", combines: true, apply: Some(apply) }
}

const CERT: &str = "certificates.k8s.io";

fn apply(ctx: &mut Ctx<'_, '_>, perms: &Perms) {
    let authz = ctx.authz();
    let signers = cluster_only(&perms.find(authz, &["approve"], CERT, "signers"));
    if signers.is_empty() {
        return;
    }
    let create = cluster_only(&perms.find(authz, &["create"], CERT, "certificatesigningrequests"));
    let read = cluster_only(&perms.find(
        authz,
        &["get", "list", "watch"],
        CERT,
        "certificatesigningrequests",
    ));
    let approval =
        cluster_only(&perms.find(authz, &["update"], CERT, "certificatesigningrequests/approval"));
    let (Some(c), Some(r), Some(a)) =
        (create.iter().find(|h| h.any_name()), read.first(), approval.first())
    else {
        return;
    };
    for (signer, group, what) in [
        (
            "kubernetes.io/kube-apiserver-client",
            MASTERS,
            "a client certificate in group system:masters",
        ),
        (
            "kubernetes.io/kube-apiserver-client-kubelet",
            NODES,
            "a kubelet client certificate (a node identity)",
        ),
    ] {
        if let Some(s) =
            signers.iter().find(|h| h.allows_name(signer) || h.allows_name("kubernetes.io/*"))
        {
            let summary = format!("may create and approve a CSR for signer {signer}: {what}");
            ctx.edge(
                NodeKey::Subject(SubjectRef::group(group)),
                &TECHNIQUE,
                summary,
                &[*c, *r, *a, *s],
                Vec::new(),
            );
        }
    }
}
