//! The permission graph: subjects, targets and intermediate gains as nodes; escalation
//! techniques as edges, each with evidence.
//!
//! Node kinds:
//! - subjects: users, groups, ServiceAccounts (node identities are users `system:node:NAME` in
//!   the group `system:nodes`);
//! - targets: `cluster-admin`, `node` (root on a node), `secrets` (read every Secret);
//! - gains a technique reaches: `namespace-admin` of a namespace (everything in it), a role held
//!   at a scope (a binding the attacker may create);
//! - hubs, which keep fan-out linear and are folded into the previous step in paths: "may run a
//!   pod in N" (→ every ServiceAccount of N, → `node` if N admits privileged pods), "may act as
//!   any ServiceAccount of N", "may run code in the running pods of N", "may act as any user".
//!
//! Construction is a worklist: the reportable subjects are seeded, and every node a technique
//! reaches is evaluated once. A subject is evaluated on its own grants with every technique, gets
//! `member-of` edges to its groups that hold grants, and, when its grants come from several of its
//! identities (itself and its groups), the combining techniques run once more on the union.
//! Everything is built in a deterministic order, so paths are stable across runs.

use super::Evidence;
use super::authorizer::{Authorizer, RoleId};
use super::facts::Facts;
use super::perms::{GrantRef, Hit, Perms, RoleSrc, Scope};
use super::subject::{ALL_SERVICEACCOUNTS, AUTHENTICATED, MASTERS, NODE_PREFIX, NODES, SubjectRef};
use super::technique::{self, Technique};
use foldhash::{HashMap, HashSet, HashSetExt};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use std::collections::VecDeque;
use std::sync::Arc;

/// What an escalation path leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// May do anything anywhere, or obtain it.
    ClusterAdmin,
    /// Root on a node.
    Node,
    /// Reads every Secret of the cluster.
    Secrets,
}

impl Target {
    /// Every target, in report order.
    pub const ALL: [Self; 3] = [Self::ClusterAdmin, Self::Node, Self::Secrets];

    /// `cluster-admin`, `node`, `secrets`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ClusterAdmin => "cluster-admin",
            Self::Node => "node",
            Self::Secrets => "secrets",
        }
    }

    /// Parses a target name.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A node of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKey {
    Subject(SubjectRef),
    Target(Target),
    /// Every right in a namespace (`None`: in every namespace, without cluster-scoped rights).
    NamespaceAdmin(Option<Arc<str>>),
    /// A role held at a scope (`None`: cluster-wide).
    HoldsRole {
        role: RoleId,
        namespace: Option<Arc<str>>,
    },
    /// Hub: may run a new pod, as any ServiceAccount, in a namespace (`None`: in any).
    RunPods(Option<Arc<str>>),
    /// Hub: may act as any ServiceAccount of a namespace (`None`: of any).
    AnySa(Option<Arc<str>>),
    /// Hub: may run code in the running pods of a namespace (`None`: of any).
    ExecPods(Option<Arc<str>>),
    /// Hub: may act as any user named by a binding.
    AnyUser,
}

impl NodeKey {
    /// Hubs are folded into the previous step of a path.
    #[must_use]
    pub fn is_hub(&self) -> bool {
        matches!(self, Self::RunPods(_) | Self::AnySa(_) | Self::ExecPods(_) | Self::AnyUser)
    }

    fn label(&self, authz: &Authorizer) -> String {
        let ns = |n: &Option<Arc<str>>| {
            n.as_deref().map_or_else(|| "any namespace".to_owned(), str::to_owned)
        };
        match self {
            Self::Subject(s) => s.gains_label(),
            Self::Target(t) => t.as_str().to_owned(),
            Self::NamespaceAdmin(Some(n)) => format!("namespace-admin {n}"),
            Self::NamespaceAdmin(None) => "namespace-admin of every namespace".to_owned(),
            Self::HoldsRole { role, namespace } => match (authz.role_name(*role), namespace) {
                (Some((name, Some(rns))), _) => format!("role {rns}/{name}"),
                (Some((name, None)), Some(n)) => format!("clusterrole {name} in {n}"),
                (Some((name, None)), None) => format!("clusterrole {name}"),
                (None, _) => format!("role #{role}"),
            },
            Self::RunPods(n) => format!("pods in {}", ns(n)),
            Self::AnySa(n) => format!("serviceaccounts of {}", ns(n)),
            Self::ExecPods(n) => format!("running pods of {}", ns(n)),
            Self::AnyUser => "any user".to_owned(),
        }
    }
}

/// A node's data.
#[derive(Debug, Clone)]
pub struct NodeData {
    pub key: NodeKey,
    pub label: String,
    /// A subject `rbac paths` reports on (named by a binding, a ServiceAccount object, or the
    /// ServiceAccount of a workload).
    pub reportable: bool,
    /// A subject of the built-in policy (a control-plane identity), trusted by default.
    pub builtin: bool,
}

/// An edge: one technique, with a one-line summary and its evidence.
#[derive(Debug, Clone)]
pub struct EdgeData {
    pub technique: &'static Technique,
    pub summary: Summary,
    pub evidence: Vec<Evidence>,
}

/// An edge's one-line summary ([`PermissionGraph::summary`] writes it out).
#[derive(Debug, Clone)]
pub enum Summary {
    /// Written when the edge was added.
    Text(Box<str>),
    /// Written from the edge's ends and evidence when it is shown. The edges out of hubs and
    /// targets are nearly all of a large graph (several per ServiceAccount and per workload:
    /// 195k of 197k on 100k synthetic documents), so they keep a function, not a string.
    Derived(fn(&Ends<'_>) -> String),
}

impl From<String> for Summary {
    fn from(s: String) -> Self {
        Self::Text(s.into_boxed_str())
    }
}

/// What a derived [`Summary`] is written from.
#[derive(Debug, Clone, Copy)]
pub struct Ends<'g> {
    pub from: &'g NodeKey,
    pub to: &'g NodeKey,
    pub evidence: &'g [Evidence],
}

impl Ends<'_> {
    /// The namespace of a hub at the start (`RunPods`, `AnySa`, `ExecPods`), or `""`.
    #[must_use]
    pub fn hub_namespace(&self) -> &str {
        match self.from {
            NodeKey::RunPods(ns) | NodeKey::AnySa(ns) | NodeKey::ExecPods(ns) => {
                ns.as_deref().unwrap_or_default()
            }
            _ => "",
        }
    }

    /// The namespace and name of the ServiceAccount at the end (`("", "")` for another node).
    #[must_use]
    pub fn to_sa(&self) -> (&str, &str) {
        match self.to {
            NodeKey::Subject(SubjectRef::ServiceAccount { namespace, name }) => (namespace, name),
            _ => ("", ""),
        }
    }

    /// The kind and name of the object of the first evidence (a workload's).
    #[must_use]
    pub fn object(&self) -> (&str, &str) {
        self.evidence.first().map_or(("", "<unnamed>"), |e| {
            (&*e.origin.object.kind, e.origin.object.name.as_deref().unwrap_or("<unnamed>"))
        })
    }
}

/// The permission graph.
#[derive(Debug, Default)]
pub struct PermissionGraph {
    pub graph: StableDiGraph<NodeData, EdgeData>,
    index: HashMap<NodeKey, NodeIndex>,
}

impl PermissionGraph {
    /// Builds the graph of everything the authorizer's input allows.
    #[must_use]
    pub fn build(authz: &Authorizer) -> Self {
        let facts = Facts::new(authz);
        let mut b = Builder {
            authz,
            facts: &facts,
            g: Self::default(),
            edges: HashSet::new(),
            queue: VecDeque::new(),
        };
        for t in Target::ALL {
            b.node(NodeKey::Target(t));
        }
        for s in &facts.reportable {
            let i = b.node(NodeKey::Subject(s.clone()));
            if let Some(n) = b.g.graph.node_weight_mut(i) {
                n.reportable = true;
            }
        }
        while let Some(i) = b.queue.pop_front() {
            b.eval(i);
        }
        b.g
    }

    /// The node of a key, if the graph has it.
    #[must_use]
    pub fn node(&self, key: &NodeKey) -> Option<NodeIndex> {
        self.index.get(key).copied()
    }

    /// The one-line summary of an edge (empty for an edge not in the graph).
    #[must_use]
    pub fn summary(&self, e: EdgeIndex) -> String {
        let (Some(data), Some((from, to))) =
            (self.graph.edge_weight(e), self.graph.edge_endpoints(e))
        else {
            return String::new();
        };
        match &data.summary {
            Summary::Text(s) => s.to_string(),
            Summary::Derived(write) => {
                let (Some(from), Some(to)) =
                    (self.graph.node_weight(from), self.graph.node_weight(to))
                else {
                    return String::new();
                };
                write(&Ends { from: &from.key, to: &to.key, evidence: &data.evidence })
            }
        }
    }
}

pub(crate) struct Builder<'a> {
    authz: &'a Authorizer,
    facts: &'a Facts,
    g: PermissionGraph,
    edges: HashSet<(NodeIndex, NodeIndex)>,
    queue: VecDeque<NodeIndex>,
}

/// The groups a principal of this subject is always in.
pub(crate) fn groups_of(s: &SubjectRef) -> Vec<String> {
    let auth = AUTHENTICATED.to_owned();
    match s {
        SubjectRef::ServiceAccount { namespace, .. } => {
            vec![ALL_SERVICEACCOUNTS.to_owned(), format!("{ALL_SERVICEACCOUNTS}:{namespace}"), auth]
        }
        SubjectRef::User(u) if u.starts_with(NODE_PREFIX) => vec![NODES.to_owned(), auth],
        SubjectRef::User(u) if u == "system:anonymous" => vec!["system:unauthenticated".to_owned()],
        SubjectRef::User(_) => vec![auth],
        SubjectRef::Group(g) if g == AUTHENTICATED || g == "system:unauthenticated" => Vec::new(),
        SubjectRef::Group(g) if g.starts_with("system:serviceaccounts:") => {
            vec![ALL_SERVICEACCOUNTS.to_owned(), auth]
        }
        SubjectRef::Group(_) => vec![auth],
    }
}

impl<'a> Builder<'a> {
    fn node(&mut self, key: NodeKey) -> NodeIndex {
        if let Some(&i) = self.g.index.get(&key) {
            return i;
        }
        let builtin =
            matches!(&key, NodeKey::Subject(s) if self.facts.builtin_subjects.contains(s));
        let label = key.label(self.authz);
        let i =
            self.g.graph.add_node(NodeData { key: key.clone(), label, reportable: false, builtin });
        self.g.index.insert(key, i);
        self.queue.push_back(i);
        i
    }

    fn scope_of(&self, ns: Option<&str>) -> Scope {
        match ns {
            None => Scope::Cluster,
            Some(n) => Scope::Namespace(self.facts.ns(n).cloned().unwrap_or_else(|| Arc::from(n))),
        }
    }

    /// The grants a binding subject has through bindings that name it.
    fn grants_of(&self, s: &SubjectRef, identity: u8) -> Vec<GrantRef> {
        let list = match s {
            SubjectRef::Group(g) => self.authz.by_group.get(g.as_str()),
            _ => s.user_name().and_then(|u| self.authz.by_user.get(u.as_str())),
        };
        let mut out = Vec::new();
        for &(b, si) in list.into_iter().flatten() {
            let (Some(role), Some(bd)) =
                (self.authz.binding_role.get(b).copied().flatten(), self.authz.binding(b))
            else {
                continue;
            };
            out.push(GrantRef {
                binding: Some((b, si)),
                role: RoleSrc::Real(role),
                scope: self.scope_of(bd.namespace.as_deref()),
                identity,
            });
        }
        out
    }

    fn eval(&mut self, i: NodeIndex) {
        let Some(key) = self.g.graph.node_weight(i).map(|n| n.key.clone()) else { return };
        match &key {
            NodeKey::Subject(s) => self.eval_subject(i, s),
            NodeKey::Target(t) => technique::targets::expand(&mut self.ctx(i, false), *t),
            NodeKey::NamespaceAdmin(ns) => {
                let scope =
                    ns.as_ref().map_or(Scope::AllNamespaces, |n| Scope::Namespace(n.clone()));
                let perms = Perms::new(
                    vec![GrantRef { binding: None, role: RoleSrc::Full, scope, identity: 0 }],
                    self.authz,
                );
                self.run(i, &perms, false);
            }
            NodeKey::HoldsRole { role, namespace } => {
                // A Role is held in its own namespace whatever the key says.
                let role_ns = self.authz.role_name(*role).and_then(|(_, ns)| ns);
                let scope = self.scope_of(role_ns.or(namespace.as_deref()));
                let perms = Perms::new(
                    vec![GrantRef {
                        binding: None,
                        role: RoleSrc::Real(*role),
                        scope,
                        identity: 0,
                    }],
                    self.authz,
                );
                self.run(i, &perms, false);
            }
            NodeKey::RunPods(_) | NodeKey::AnySa(_) | NodeKey::ExecPods(_) | NodeKey::AnyUser => {
                technique::hubs::expand(&mut self.ctx(i, false), &key);
            }
        }
    }

    fn eval_subject(&mut self, i: NodeIndex, s: &SubjectRef) {
        if matches!(s, SubjectRef::Group(g) if g == MASTERS) {
            technique::system_masters::edge(&mut self.ctx(i, false));
        }
        let own = self.grants_of(s, 0);
        self.run(i, &Perms::new(own.clone(), self.authz), false);
        let mut union = own;
        for (k, g) in groups_of(s).into_iter().enumerate() {
            let group = SubjectRef::Group(g);
            let grants = self.grants_of(&group, u8::try_from(k + 1).unwrap_or(u8::MAX));
            if Perms::new(grants.clone(), self.authz).is_inert() {
                continue; // the group's rights lead nowhere
            }
            let summary = format!("is a member of {group}", group = group.gains_label());
            self.ctx(i, false).edge(
                NodeKey::Subject(group),
                &technique::member_of::TECHNIQUE,
                summary,
                &[],
                Vec::new(),
            );
            union.extend(grants);
        }
        let union = Perms::new(union, self.authz);
        if union.identities(self.authz) > 1 {
            self.run(i, &union, true);
        }
    }

    fn run(&mut self, i: NodeIndex, perms: &Perms, combined: bool) {
        if perms.is_inert() {
            return;
        }
        for t in technique::ALL {
            if let Some(apply) = t.apply
                && (!combined || t.combines)
            {
                apply(&mut self.ctx(i, combined), perms);
            }
        }
    }

    fn ctx(&mut self, from: NodeIndex, combined: bool) -> Ctx<'_, 'a> {
        Ctx { b: self, from, combined }
    }
}

/// What a technique sees: the node it runs for, the facts, and a way to add edges.
pub(crate) struct Ctx<'b, 'a> {
    b: &'b mut Builder<'a>,
    from: NodeIndex,
    combined: bool,
}

impl<'a> Ctx<'_, 'a> {
    pub fn authz(&self) -> &'a Authorizer {
        self.b.authz
    }

    pub fn facts(&self) -> &'a Facts {
        self.b.facts
    }

    pub fn version(&self) -> super::K8sVersion {
        self.b.authz.input().version()
    }

    /// True when the group has grants (so its node leads somewhere).
    pub fn group_has_grants(&self, g: &str) -> bool {
        self.b.authz.by_group.contains_key(g)
    }

    /// Adds an edge from the actor to `to` (once per pair of nodes: the first technique wins).
    /// In combined mode, an edge whose hits all come from one identity is left out: that
    /// identity's own node has it already.
    pub fn edge(
        &mut self,
        to: NodeKey,
        t: &'static Technique,
        summary: impl Into<Summary>,
        hits: &[Hit<'_>],
        extra: Vec<Evidence>,
    ) {
        if self.combined {
            let first = hits.first().map(|h| h.grant.identity);
            if hits.iter().all(|h| Some(h.grant.identity) == first) {
                return;
            }
        }
        let to = match self.b.g.index.get(&to) {
            Some(&i) if i == self.from => return,
            Some(&i) => i,
            None => self.b.node(to),
        };
        if !self.b.edges.insert((self.from, to)) {
            return;
        }
        let mut evidence: Vec<Evidence> = Vec::new();
        for e in hits.iter().flat_map(|h| h.evidence(self.b.authz)).chain(extra) {
            if !evidence.contains(&e) {
                evidence.push(e);
            }
        }
        // Most edges have one or two pieces of evidence: no room for more is kept (a large
        // input has hundreds of thousands of edges).
        evidence.shrink_to_fit();
        let summary = summary.into();
        self.b.g.graph.add_edge(self.from, to, EdgeData { technique: t, summary, evidence });
    }
}
