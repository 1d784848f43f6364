//! The edges out of targets: root on a node reaches the tokens of the pods it runs and the
//! kubelet's credentials; reading every Secret reaches the ServiceAccount token Secrets.

use crate::rbac::Evidence;
use crate::rbac::graph::{Ctx, NodeKey, Summary, Target};
use crate::rbac::subject::{NODES, SubjectRef};
use std::collections::BTreeSet;

super::technique! {
    /// Root on a node reads the tokens of its pods: the ServiceAccount of any workload
    ///
    /// Projected tokens live under `/var/lib/kubelet/pods/*/volumes`; the kubelet may also
    /// request tokens for the ServiceAccounts of pods bound to its node. A pod may be scheduled
    /// on any node its constraints allow (and `spec.nodeName` picks one), so every workload's
    /// ServiceAccount is reachable from a node.
    NODE_TO_SA_TOKENS = { id: "node-to-sa-tokens", combines: false, apply: None }
}

super::technique! {
    /// Root on a node holds the kubelet's credentials: group system:nodes
    ///
    /// The node identity `system:node:NAME` in `system:nodes`, limited by the Node authorizer
    /// and NodeRestriction; only RBAC grants to `system:nodes` are followed.
    KUBELET_CREDENTIALS = { id: "kubelet-credentials", combines: false, apply: None }
}

super::technique! {
    /// cluster-admin may do anything: run a privileged pod on any node, read every Secret
    ///
    /// These edges make `--to node` and `--to secrets` list the subjects that reach
    /// cluster-admin too. Without `--to`, a subject that reaches cluster-admin is reported for
    /// cluster-admin only: the other targets are implied.
    CLUSTER_ADMIN_ANYTHING = { id: "cluster-admin-anything", combines: false, apply: None }
}

super::technique! {
    /// Reading every Secret includes ServiceAccount token Secrets
    ///
    /// The input's `kubernetes.io/service-account-token` Secrets, and before v1.24 the
    /// auto-generated token of every ServiceAccount.
    TOKEN_SECRETS = { id: "token-secrets", combines: false, apply: None }
}

/// Adds the edges out of a target.
pub(crate) fn expand(ctx: &mut Ctx<'_, '_>, target: Target) {
    let (authz, facts) = (ctx.authz(), ctx.facts());
    match target {
        Target::ClusterAdmin => {
            for (t, summary) in [
                (Target::Node, "may run a privileged pod on any node"),
                (Target::Secrets, "may read every Secret"),
            ] {
                ctx.edge(
                    NodeKey::Target(t),
                    &CLUSTER_ADMIN_ANYTHING,
                    summary.to_owned(),
                    &[],
                    Vec::new(),
                );
            }
        }
        Target::Node => {
            let mut seen = BTreeSet::new();
            for w in facts.workloads_in(authz, None) {
                if !seen.insert((w.namespace.as_str(), w.service_account.as_str())) {
                    continue;
                }
                let sa = SubjectRef::sa(&w.namespace, &w.service_account);
                ctx.edge(
                    NodeKey::Subject(sa),
                    &NODE_TO_SA_TOKENS,
                    // Written from the edge: the workload is its evidence (one edge per account).
                    Summary::Derived(|e| {
                        let ((kind, name), (ns, sa)) = (e.object(), e.to_sa());
                        format!("reads the token of {kind} {ns}/{name}, which runs as {ns}/{sa}")
                    }),
                    &[],
                    vec![Evidence::object(&w.origin)],
                );
            }
            if ctx.group_has_grants(NODES) {
                let summary = "holds the kubelet's credentials (group system:nodes)".to_owned();
                ctx.edge(
                    NodeKey::Subject(SubjectRef::group(NODES)),
                    &KUBELET_CREDENTIALS,
                    summary,
                    &[],
                    Vec::new(),
                );
            }
        }
        Target::Secrets => {
            for t in &authz.input().token_secrets {
                let summary = format!(
                    "reads the token Secret {}/{} of {}/{}",
                    t.namespace, t.name, t.namespace, t.service_account
                );
                let sa = SubjectRef::sa(&t.namespace, &t.service_account);
                ctx.edge(
                    NodeKey::Subject(sa),
                    &TOKEN_SECRETS,
                    summary,
                    &[],
                    vec![Evidence::object(&t.origin)],
                );
            }
            if ctx.version().before(24) {
                for (ns, sas) in &facts.sas {
                    for name in sas.keys() {
                        let summary =
                            format!("reads the auto-generated token of {ns}/{name} (before v1.24)");
                        ctx.edge(
                            NodeKey::Subject(SubjectRef::sa(ns, name)),
                            &TOKEN_SECRETS,
                            summary,
                            &[],
                            Vec::new(),
                        );
                    }
                }
            }
        }
    }
}
