//! Shortest escalation paths from subjects to targets.
//!
//! One backward 0-1 BFS per target gives every node its distance and next edge towards the
//! target, so all subjects cost `O(V + E)` per target, not a search each. An edge into a hub
//! costs 1 and an edge out of it 0: hubs are folded into the step before them, and a path is
//! as short as the steps it shows. Ties go to the edge added first (the graph is built in a
//! deterministic order), so output is stable.
//!
//! Without a target filter, a subject that reaches `cluster-admin` is reported for it alone: the
//! other targets are implied (`cluster-admin-anything`).

use super::Evidence;
use super::graph::{NodeKey, PermissionGraph, Target};
use super::subject::SubjectRef;
use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::VecDeque;

/// Which paths to report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathOptions {
    /// Only this subject (reported even if trusted).
    pub from: Option<SubjectRef>,
    /// Only this target.
    pub to: Option<Target>,
    /// Also report trusted subjects.
    pub all: bool,
    /// More trusted subjects, in SUBJECT syntax; a trailing `*` matches any suffix
    /// (`system:serviceaccount:kube-system:*`, `group:platform-*`).
    pub trusted: Vec<String>,
}

/// Trusted by default: the privileged group, node identities, and the subjects of the built-in
/// bindings (control-plane components and controllers).
pub const DEFAULT_TRUSTED: &[&str] =
    &["group:system:masters", "group:system:nodes", "user:system:node:*"];

/// One step of a path: a technique and what it gains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub technique: &'static str,
    /// The node the step starts from (`serviceaccount app/ci`).
    pub from: String,
    /// What the step gains (`serviceaccount app/backup`, `cluster-admin`).
    pub gains: String,
    pub summary: String,
    pub evidence: Vec<Evidence>,
}

/// A shortest path from a subject to a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub subject: SubjectRef,
    pub target: Target,
    pub steps: Vec<Step>,
}

impl Path {
    /// Where a finding about this path belongs: the binding that grants the first step (with
    /// the field of the subject, `subjects[0]`), else the first step's first evidence.
    #[must_use]
    pub fn anchor(&self) -> Option<&Evidence> {
        let first = self.steps.first()?;
        first
            .evidence
            .iter()
            .find(|e| e.origin.object.kind.ends_with("Binding"))
            .or(first.evidence.first())
    }
}

fn glob(pattern: &str, s: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => s.starts_with(prefix),
        None => pattern == s,
    }
}

/// True when `s` is trusted under `options` (never with `all`).
#[must_use]
pub fn is_trusted(s: &SubjectRef, builtin: bool, options: &PathOptions) -> bool {
    if options.all {
        return false;
    }
    let text = s.to_string();
    builtin
        || DEFAULT_TRUSTED.iter().any(|p| glob(p, &text))
        || options.trusted.iter().any(|p| glob(p, &text))
}

/// The position of an edge's technique in [`technique::ALL`](super::technique::ALL).
fn rank(g: &PermissionGraph, e: EdgeIndex) -> usize {
    g.graph.edge_weight(e).map_or(usize::MAX, |d| {
        super::technique::ALL
            .iter()
            .position(|t| std::ptr::eq(*t, d.technique))
            .unwrap_or(usize::MAX)
    })
}

/// Distance to `target` and the next edge, for every node.
fn backward(g: &PermissionGraph, target: NodeIndex) -> (Vec<u32>, Vec<Option<EdgeIndex>>) {
    let n = g.graph.node_indices().map(NodeIndex::index).max().map_or(0, |m| m + 1);
    let mut dist = vec![u32::MAX; n];
    let mut next: Vec<Option<EdgeIndex>> = vec![None; n];
    let mut queue = VecDeque::new();
    if let Some(d) = dist.get_mut(target.index()) {
        *d = 0;
    }
    queue.push_back(target);
    while let Some(v) = queue.pop_front() {
        let dv = dist.get(v.index()).copied().unwrap_or(u32::MAX);
        // The most direct technique first, then the order edges were added.
        let mut incoming: Vec<(usize, EdgeIndex, NodeIndex)> = g
            .graph
            .edges_directed(v, Direction::Incoming)
            .map(|e| (rank(g, e.id()), e.id(), e.source()))
            .collect();
        incoming.sort_unstable_by_key(|&(r, e, _)| (r, e.index()));
        for (_, e, u) in incoming {
            let hub = g.graph.node_weight(u).is_some_and(|d| d.key.is_hub());
            let w = u32::from(!hub);
            let nd = dv.saturating_add(w);
            let Some(du) = dist.get_mut(u.index()) else { continue };
            if nd < *du {
                *du = nd;
                if let Some(x) = next.get_mut(u.index()) {
                    *x = Some(e);
                }
                if hub {
                    queue.push_front(u);
                } else {
                    queue.push_back(u);
                }
            } else if nd == *du
                && let Some(x) = next.get_mut(u.index())
                && x.is_some_and(|cur| rank(g, e) < rank(g, cur))
            {
                // Equally short: prefer the more direct technique (earlier in the list).
                *x = Some(e);
            }
        }
    }
    (dist, next)
}

/// The steps from `start` along `next`, hubs folded.
fn steps(g: &PermissionGraph, start: NodeIndex, next: &[Option<EdgeIndex>]) -> Vec<Step> {
    let label = |i: NodeIndex| g.graph.node_weight(i).map(|d| d.label.clone()).unwrap_or_default();
    let is_hub = |i: NodeIndex| g.graph.node_weight(i).is_some_and(|d| d.key.is_hub());
    let mut out: Vec<Step> = Vec::new();
    let mut open: Option<(Step, Option<String>)> = None;
    let mut cur = start;
    let mut guard = g.graph.edge_count() + 1;
    while let Some(e) = next.get(cur.index()).copied().flatten() {
        guard = guard.saturating_sub(1);
        let (Some(data), Some((_, dst))) = (g.graph.edge_weight(e), g.graph.edge_endpoints(e))
        else {
            break;
        };
        if guard == 0 {
            break;
        }
        match open.take() {
            Some((mut step, _)) => {
                for ev in &data.evidence {
                    if !step.evidence.contains(ev) {
                        step.evidence.push(ev.clone());
                    }
                }
                open = Some((step, Some(g.summary(e))));
            }
            None => {
                let step = Step {
                    technique: data.technique.id,
                    from: label(cur),
                    gains: String::new(),
                    summary: g.summary(e),
                    evidence: data.evidence.clone(),
                };
                open = Some((step, None));
            }
        }
        if !is_hub(dst)
            && let Some((mut step, last)) = open.take()
        {
            if let Some(last) = last {
                step.summary = format!("{}, so {last}", step.summary);
            }
            step.gains = label(dst);
            out.push(step);
        }
        cur = dst;
    }
    out
}

/// The paths `options` asks for, sorted by subject then target.
#[must_use]
pub fn find(g: &PermissionGraph, options: &PathOptions) -> Vec<Path> {
    let mut subjects: Vec<(SubjectRef, NodeIndex)> = g
        .graph
        .node_indices()
        .filter_map(|i| {
            let d = g.graph.node_weight(i)?;
            let NodeKey::Subject(s) = &d.key else { return None };
            let wanted = match &options.from {
                Some(f) => f == s,
                None => d.reportable && !is_trusted(s, d.builtin, options),
            };
            wanted.then(|| (s.clone(), i))
        })
        .collect();
    subjects.sort();
    let mut out = Vec::new();
    // Without `--to`, reaching cluster-admin implies the other targets: report it alone.
    let mut admins: foldhash::HashSet<NodeIndex> = foldhash::HashSet::default();
    for t in Target::ALL {
        if options.to.is_some_and(|x| x != t) {
            continue;
        }
        let Some(ti) = g.node(&NodeKey::Target(t)) else { continue };
        let (dist, next) = backward(g, ti);
        for (s, i) in &subjects {
            if !dist.get(i.index()).is_some_and(|d| *d != u32::MAX && *d > 0) {
                continue;
            }
            if t == Target::ClusterAdmin {
                admins.insert(*i);
            } else if options.to.is_none() && admins.contains(i) {
                continue;
            }
            out.push(Path { subject: s.clone(), target: t, steps: steps(g, *i, &next) });
        }
    }
    out.sort_by(|a, b| (&a.subject, a.target).cmp(&(&b.subject, b.target)));
    out
}
