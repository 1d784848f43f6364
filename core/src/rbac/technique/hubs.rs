//! The edges out of hub nodes (folded into the previous step of a path): from "may run a pod
//! in N" to N's ServiceAccounts and the node, from "may act as any ServiceAccount of N" to each
//! of them, from "may run code in the running pods of N" to their ServiceAccounts and nodes, and
//! from "any namespace" to each namespace.

use crate::rbac::Evidence;
use crate::rbac::graph::{Ctx, NodeKey, Summary, Target};
use crate::rbac::subject::{SubjectRef, parse_sa_user};
use std::sync::Arc;

super::technique! {
    /// A pod may run as any ServiceAccount that exists in its namespace
    ///
    /// `spec.serviceAccountName` names it and `automountServiceAccountToken: true` on the pod
    /// mounts its token whatever the ServiceAccount says. The ServiceAccounts that exist are the
    /// declared ones, `default`, those workloads run as, and the built-in controllers'.
    RUN_AS_SERVICEACCOUNT = { id: "run-as-serviceaccount", combines: false, apply: None }
}

super::technique! {
    /// A privileged or hostPath pod is root on its node, where Pod Security admits it
    ///
    /// A namespace admits privileged pods when its `pod-security.kubernetes.io/enforce` label
    /// is `privileged`, or absent (the cluster default is `privileged` unless an
    /// AdmissionConfiguration says otherwise; a namespace not in the input is assumed so).
    /// `baseline` and `restricted` (and an invalid level, evaluated as `restricted`) block it.
    PRIVILEGED_POD_ESCAPE = { id: "privileged-pod-escape", combines: false, apply: None }
}

super::technique! {
    /// Acting as any ServiceAccount of a namespace reaches each of them
    ///
    /// Token requests and impersonation work for every ServiceAccount of the namespace: the
    /// ones that exist and those named by bindings.
    ACT_AS_SERVICEACCOUNT = { id: "act-as-serviceaccount", combines: false, apply: None }
}

super::technique! {
    /// Code execution in a running pod is its ServiceAccount (token mounted) and, if privileged, its node
    ///
    /// The running pods are those of the input's workloads. A pod whose token is not mounted
    /// (`automountServiceAccountToken: false` on the pod, or on its ServiceAccount with the pod
    /// silent) gives no token.
    EXEC_RUNNING_POD = { id: "exec-running-pod", combines: false, apply: None }
}

super::technique! {
    /// Acting as any user reaches each user named by a binding
    ///
    /// Which users exist is not knowable offline; the users that bindings name are the ones with
    /// rights of their own.
    ACT_AS_USER = { id: "act-as-user", combines: false, apply: None }
}

super::technique! {
    /// A right in every namespace applies in each known namespace
    ///
    /// The known namespaces are those of the input plus `default`, `kube-system`,
    /// `kube-public` and `kube-node-lease`.
    EVERY_NAMESPACE = { id: "every-namespace", combines: false, apply: None }
}

/// Adds the edges out of a hub.
pub(crate) fn expand(ctx: &mut Ctx<'_, '_>, key: &NodeKey) {
    let facts = ctx.facts();
    match key {
        NodeKey::RunPods(None) | NodeKey::AnySa(None) | NodeKey::ExecPods(None) => {
            let namespaces: Vec<Arc<str>> = match key {
                NodeKey::ExecPods(_) => facts.workloads.keys().cloned().collect(),
                _ => facts.namespaces.iter().cloned().collect(),
            };
            for ns in namespaces {
                let to = match key {
                    NodeKey::RunPods(_) => NodeKey::RunPods(Some(ns.clone())),
                    NodeKey::AnySa(_) => NodeKey::AnySa(Some(ns.clone())),
                    _ => NodeKey::ExecPods(Some(ns.clone())),
                };
                ctx.edge(to, &EVERY_NAMESPACE, format!("in namespace {ns}"), &[], Vec::new());
            }
        }
        NodeKey::RunPods(Some(ns)) => {
            for (name, sa) in facts.sas.get(ns).into_iter().flatten() {
                let ev = sa.origin.iter().map(Evidence::object).collect();
                ctx.edge(
                    NodeKey::Subject(SubjectRef::sa(ns, name)),
                    &RUN_AS_SERVICEACCOUNT,
                    Summary::Derived(|e| {
                        let (ns, name) = e.to_sa();
                        format!("may run a pod as {ns}/{name}")
                    }),
                    &[],
                    ev,
                );
            }
            let pss = facts.pss(ns);
            if pss.allows_privileged {
                let summary =
                    format!("may run a privileged pod in {ns}, root on its node: {}", pss.reason);
                ctx.edge(
                    NodeKey::Target(Target::Node),
                    &PRIVILEGED_POD_ESCAPE,
                    summary,
                    &[],
                    pss.evidence.into_iter().collect(),
                );
            }
        }
        NodeKey::AnySa(Some(ns)) => {
            let existing = facts.sas.get(ns).into_iter().flat_map(|m| m.keys());
            let mut names: Vec<&Box<str>> =
                existing.chain(facts.bound_sas.get(ns).into_iter().flatten()).collect();
            names.sort();
            names.dedup();
            for name in names {
                let ev = facts
                    .sas
                    .get(ns)
                    .and_then(|m| m.get(name))
                    .and_then(|s| s.origin.as_ref())
                    .map(Evidence::object);
                ctx.edge(
                    NodeKey::Subject(SubjectRef::sa(ns, name)),
                    &ACT_AS_SERVICEACCOUNT,
                    Summary::Derived(|e| {
                        let (ns, name) = e.to_sa();
                        format!("may act as {ns}/{name}")
                    }),
                    &[],
                    ev.into_iter().collect(),
                );
            }
        }
        NodeKey::ExecPods(Some(ns)) => {
            let authz = ctx.authz();
            // Written from the edge (the workload is its evidence): one edge per workload.
            let token = Summary::Derived(|e| {
                let ((kind, name), ns, (_, sa)) = (e.object(), e.hub_namespace(), e.to_sa());
                format!("{kind} {ns}/{name} runs as {ns}/{sa} with its token mounted")
            });
            let escape = Summary::Derived(|e| {
                let ((kind, name), ns) = (e.object(), e.hub_namespace());
                format!(
                    "{kind} {ns}/{name} runs privileged or mounts a hostPath: a shell in it is root on its node"
                )
            });
            for w in facts.workloads_in(authz, Some(ns)) {
                let ev = vec![Evidence::object(&w.origin)];
                if facts.token_mounted(w) {
                    let sa = SubjectRef::sa(ns, &w.service_account);
                    ctx.edge(
                        NodeKey::Subject(sa),
                        &EXEC_RUNNING_POD,
                        token.clone(),
                        &[],
                        ev.clone(),
                    );
                }
                if w.escapes_to_node() {
                    ctx.edge(
                        NodeKey::Target(Target::Node),
                        &EXEC_RUNNING_POD,
                        escape.clone(),
                        &[],
                        ev,
                    );
                }
            }
        }
        NodeKey::AnyUser => {
            for u in facts.users.iter().filter(|u| parse_sa_user(u).is_none()) {
                let summary = format!("may act as user {u}");
                ctx.edge(
                    NodeKey::Subject(SubjectRef::User(u.to_string())),
                    &ACT_AS_USER,
                    summary,
                    &[],
                    Vec::new(),
                );
            }
        }
        _ => {}
    }
}
