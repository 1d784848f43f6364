//! Escalation techniques: one declared unit each (id, docs, and the function that adds its
//! edges), like a rule. The first line of the docs is the summary; ids follow ESCALATION.md's
//! catalogue where it names the technique.
//!
//! Edges between the same two nodes are added once: the first technique in [`ALL`] wins, so the
//! list goes from the most direct to the most involved.

use super::graph::Ctx;
use super::perms::{Hit, Perms, Reach};

/// Declares a technique: doc comments (summary line, then sections), then id, combines, apply.
macro_rules! technique {
    ($(#[doc = $doc:literal])+ $name:ident = { id: $id:literal, combines: $c:literal, apply: $apply:expr $(,)? }) => {
        $(#[doc = $doc])+
        pub static $name: $crate::rbac::technique::Technique = $crate::rbac::technique::Technique {
            id: $id,
            docs: concat!($($doc, "\n"),+),
            combines: $c,
            apply: $apply,
        };
    };
}
pub(crate) use technique;

pub mod admission_webhook;
pub mod create_workload;
pub mod csr_approve;
pub mod hubs;
pub mod impersonate_serviceaccount;
pub mod impersonate_user_group;
pub mod member_of;
pub mod namespace_psa_relabel;
pub mod nodes_proxy_kubelet;
pub mod pod_attach;
pub mod pod_create;
pub mod pod_ephemeral_container;
pub mod pod_exec;
pub mod pod_patch_image;
pub mod pv_hostpath;
pub mod rbac_bind;
pub mod rbac_escalate;
pub mod sa_legacy_token_secret;
pub mod sa_token_request;
pub mod secrets_read;
pub mod system_masters;
pub mod targets;
pub mod update_workload;
pub mod wildcard_admin;

/// How a technique adds edges for one node and its grants.
pub(crate) type Apply = fn(&mut Ctx<'_, '_>, &Perms);

/// An escalation technique.
#[derive(Debug)]
pub struct Technique {
    /// Stable kebab-case id (`create-workload`).
    pub id: &'static str,
    /// Markdown docs; the first line is the summary.
    pub docs: &'static str,
    /// Needs rights that may come from different bindings of a principal and its groups.
    pub combines: bool,
    /// `None` for edges the graph adds itself (hubs, targets, group membership).
    pub(crate) apply: Option<Apply>,
}

impl Technique {
    /// The first line of the docs.
    #[must_use]
    pub fn summary(&self) -> &'static str {
        self.docs.lines().next().unwrap_or_default().trim()
    }
}

/// Every technique, in the order edges are added.
pub static ALL: &[&Technique] = &[
    &system_masters::TECHNIQUE,
    &wildcard_admin::TECHNIQUE,
    &member_of::TECHNIQUE,
    &pod_create::TECHNIQUE,
    &create_workload::TECHNIQUE,
    &update_workload::TECHNIQUE,
    &pod_exec::TECHNIQUE,
    &pod_attach::TECHNIQUE,
    &pod_ephemeral_container::TECHNIQUE,
    &pod_patch_image::TECHNIQUE,
    &nodes_proxy_kubelet::TECHNIQUE,
    &sa_token_request::TECHNIQUE,
    &impersonate_serviceaccount::TECHNIQUE,
    &impersonate_user_group::TECHNIQUE,
    &secrets_read::TECHNIQUE,
    &sa_legacy_token_secret::TECHNIQUE,
    &rbac_escalate::TECHNIQUE,
    &rbac_bind::TECHNIQUE,
    &csr_approve::TECHNIQUE,
    &admission_webhook::TECHNIQUE,
    &namespace_psa_relabel::TECHNIQUE,
    &pv_hostpath::TECHNIQUE,
    &hubs::RUN_AS_SERVICEACCOUNT,
    &hubs::PRIVILEGED_POD_ESCAPE,
    &hubs::ACT_AS_SERVICEACCOUNT,
    &hubs::ACT_AS_USER,
    &hubs::EXEC_RUNNING_POD,
    &hubs::EVERY_NAMESPACE,
    &targets::NODE_TO_SA_TOKENS,
    &targets::KUBELET_CREDENTIALS,
    &targets::TOKEN_SECRETS,
    &targets::CLUSTER_ADMIN_ANYTHING,
];

/// The technique with this id.
#[must_use]
pub fn by_id(id: &str) -> Option<&'static Technique> {
    ALL.iter().copied().find(|t| t.id == id)
}

/// `pods`, `deployments.apps`.
pub(crate) fn res_label(group: &str, resource: &str) -> String {
    if group.is_empty() { resource.to_owned() } else { format!("{resource}.{group}") }
}

/// Workload kinds that template pods: (group, resource, kind). `extensions` only before 1.16.
pub(crate) fn workload_resources(
    version: super::K8sVersion,
) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut v = vec![
        ("apps", "deployments", "Deployment"),
        ("apps", "replicasets", "ReplicaSet"),
        ("apps", "statefulsets", "StatefulSet"),
        ("apps", "daemonsets", "DaemonSet"),
        ("batch", "jobs", "Job"),
        ("batch", "cronjobs", "CronJob"),
        ("", "replicationcontrollers", "ReplicationController"),
    ];
    if version.before(16) {
        v.extend([
            ("extensions", "deployments", "Deployment"),
            ("extensions", "replicasets", "ReplicaSet"),
            ("extensions", "daemonsets", "DaemonSet"),
        ]);
    }
    v
}

/// Where the node may get a pod of its choosing created: `create pods`, `create` on a workload
/// kind, or `update|patch` on a workload kind (rewriting the template), without resourceNames.
/// Each entry names the resource that gives it.
pub(crate) fn pod_creation<'a: 'p, 'p>(
    ctx: &Ctx<'_, 'a>,
    perms: &'p Perms,
) -> Vec<(String, Reach<'p>)> {
    creation_of(ctx.authz(), ctx.version(), perms)
}

fn creation_of<'p>(
    authz: &'p super::Authorizer,
    version: super::K8sVersion,
    perms: &'p Perms,
) -> Vec<(String, Reach<'p>)> {
    let mut out = vec![(
        "create pods".to_owned(),
        Reach::any_name(&perms.find(authz, &["create"], "", "pods")),
    )];
    for (g, r, _) in workload_resources(version) {
        let label = res_label(g, r);
        out.push((
            format!("create {label}"),
            Reach::any_name(&perms.find(authz, &["create"], g, r)),
        ));
        out.push((
            format!("update {label}"),
            Reach::any_name(&perms.find(authz, &["update", "patch"], g, r)),
        ));
    }
    out.retain(|(_, r)| !r.is_empty());
    out
}

/// The first pod-creating hit that applies in `ns` (`None`: everywhere).
pub(crate) fn pod_creation_in<'p>(
    creation: &[(String, Reach<'p>)],
    ns: Option<&str>,
) -> Option<(String, Hit<'p>)> {
    creation.iter().find_map(|(what, r)| {
        let hit = match ns {
            Some(ns) => r.get(ns),
            None => r.all,
        };
        hit.map(|h| (what.clone(), h))
    })
}

/// Edges for a right on running pods (exec, attach, image swap, ephemeral containers): to the
/// "running pods" hub where no resourceNames restrict it, else to the named Pods of the input.
/// `what` is the phrase for pods in general (`exec into pods`), `one` for one pod (`exec into`).
pub(crate) fn running_pods(
    ctx: &mut Ctx<'_, '_>,
    hits: &[Hit<'_>],
    t: &'static Technique,
    (what, one): (&str, &str),
    note: &dyn Fn(&Hit<'_>) -> String,
) {
    for (ns, h) in Reach::any_name(hits).entries() {
        let summary = format!("may {what} {}{}", h.scope().phrase(), note(&h));
        ctx.edge(NodeKey::ExecPods(ns), t, summary, &[h], Vec::new());
    }
    for h in hits.iter().filter(|h| !h.any_name()) {
        let ns = h.scope().namespace().map(|n| &**n);
        let pick = |w: &super::WorkloadFacts| {
            w.kind == "Pod" && w.origin.object.name.as_deref().is_some_and(|n| h.allows_name(n))
        };
        named_workload_edges(ctx, ns, h, t, one, &pick);
    }
}

/// Edges to the ServiceAccount (token mounted) and the node (privileged) of the workloads of
/// `ns` (every namespace for `None`) that `pick` selects.
pub(crate) fn named_workload_edges(
    ctx: &mut Ctx<'_, '_>,
    ns: Option<&str>,
    h: &Hit<'_>,
    t: &'static Technique,
    what: &str,
    pick: &dyn Fn(&super::WorkloadFacts) -> bool,
) {
    let (authz, facts) = (ctx.authz(), ctx.facts());
    for w in facts.workloads_in(authz, ns).filter(|w| pick(w)) {
        let name = w.origin.object.name.as_deref().unwrap_or("<unnamed>");
        let ev = vec![super::Evidence::object(&w.origin)];
        if facts.token_mounted(w) {
            let s = format!(
                "may {what} {} {}/{name}, which runs as {}/{} with its token mounted",
                w.kind, w.namespace, w.namespace, w.service_account
            );
            ctx.edge(
                NodeKey::Subject(SubjectRef::sa(&w.namespace, &w.service_account)),
                t,
                s,
                &[*h],
                ev.clone(),
            );
        }
        if w.escapes_to_node() {
            let s = format!(
                "may {what} {} {}/{name}, which runs privileged or mounts a hostPath",
                w.kind, w.namespace
            );
            ctx.edge(NodeKey::Target(Target::Node), t, s, &[*h], ev);
        }
    }
}

/// Edges for a right that makes the node act as ServiceAccounts (token request,
/// impersonation): the hub of a namespace without resourceNames, else the named accounts.
/// `what` is the phrase before the ServiceAccount (`impersonate`, `request a token for`).
pub(crate) fn act_as_sas(
    ctx: &mut Ctx<'_, '_>,
    hits: &[Hit<'_>],
    t: &'static Technique,
    what: &str,
) {
    for (ns, h) in Reach::any_name(hits).entries() {
        let summary = format!("may {what} any ServiceAccount {}", h.scope().phrase());
        ctx.edge(NodeKey::AnySa(ns), t, summary, &[h], Vec::new());
    }
    let facts = ctx.facts();
    for h in hits.iter().filter(|h| !h.any_name()) {
        for name in &h.rule.resource_names {
            let namespaces: Vec<&str> = match h.scope().namespace() {
                Some(ns) => vec![&**ns],
                None => {
                    facts.sa_namespaces.get(&**name).into_iter().flatten().map(|n| &**n).collect()
                }
            };
            for ns in namespaces {
                let summary = format!("may {what} ServiceAccount {ns}/{name}");
                ctx.edge(NodeKey::Subject(SubjectRef::sa(ns, name)), t, summary, &[*h], Vec::new());
            }
        }
    }
}

/// Namespaces where both rights apply, with a hit for each (`None`: every namespace).
pub(crate) fn intersect<'p>(
    a: &Reach<'p>,
    b: &Reach<'p>,
) -> Vec<(Option<std::sync::Arc<str>>, Hit<'p>, Hit<'p>)> {
    if let (Some(x), Some(y)) = (a.all, b.all) {
        return vec![(None, x, y)];
    }
    let mut keys: Vec<&std::sync::Arc<str>> = a.ns.keys().chain(b.ns.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter().filter_map(|ns| Some((Some(ns.clone()), a.get(ns)?, b.get(ns)?))).collect()
}

use super::graph::{NodeKey, Target};
use super::subject::SubjectRef;

/// "in N" for a namespace, else the hit's scope ("cluster-wide", "in every namespace").
pub(crate) fn where_(ns: Option<&std::sync::Arc<str>>, h: &Hit<'_>) -> String {
    ns.map_or_else(|| h.scope().phrase(), |n| format!("in {n}"))
}
