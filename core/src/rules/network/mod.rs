//! Network exposure: NetworkPolicy coverage and egress, Services, Ingress TLS.

use crate::corpus::{CorpusCtx, CorpusObject};
use crate::source::NodeRef;
use foldhash::{HashMap, HashMapExt};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub mod admin_port_exposed;
pub mod egress_allows_metadata;
pub mod ingress_without_tls;
pub mod namespace_unprotected;
pub mod policy_selects_nothing;
pub mod service_selects_nothing;

/// A pod label as a selector sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label<'a> {
    Absent,
    Value(&'a str),
    /// Set by a controller on the pods it creates (`pod-template-hash`,
    /// `statefulset.kubernetes.io/pod-name`, …): present, with a value not known from the file.
    Generated,
}

impl Label<'_> {
    fn is(self, want: Option<&str>) -> bool {
        match self {
            Self::Generated => true,
            Self::Value(v) => Some(v) == want,
            Self::Absent => want.is_none(),
        }
    }
}

/// Whether a label selector (`matchLabels`, `matchExpressions`) selects `labels`. An empty or
/// missing selector selects everything; an operator kubeward does not know selects nothing.
pub(crate) fn selector_matches<'a>(
    selector: Option<NodeRef<'_>>,
    labels: &dyn Fn(&str) -> Label<'a>,
) -> bool {
    let Some(sel) = selector else { return true };
    if let Some(ml) = sel.get("matchLabels") {
        for e in ml.entries() {
            let want = sel.doc.node(e.value).as_str();
            if want.is_none() || !labels(&e.key).is(want) {
                return false;
            }
        }
    }
    let Some(exprs) = sel.get("matchExpressions") else { return true };
    exprs.items().all(|x| {
        let Some(key) = x.get("key").and_then(NodeRef::as_str) else { return false };
        let values: Vec<&str> = x
            .get("values")
            .map(|v| v.items().filter_map(NodeRef::as_str).collect())
            .unwrap_or_default();
        let have = labels(key);
        match (x.get("operator").and_then(NodeRef::as_str), have) {
            (Some("In" | "Exists" | "NotIn"), Label::Generated) => true,
            (Some("In"), Label::Value(h)) => values.contains(&h),
            (Some("NotIn"), Label::Value(h)) => !values.contains(&h),
            (Some("NotIn" | "DoesNotExist"), Label::Absent) => true,
            (Some("Exists"), Label::Value(_)) => true,
            _ => false,
        }
    })
}

/// Whether a `matchLabels`-style map (a Service selector) selects `labels`. An empty map
/// selects nothing (a Service without a selector manages no endpoints).
pub(crate) fn map_selects<'a>(selector: NodeRef<'_>, labels: &dyn Fn(&str) -> Label<'a>) -> bool {
    let entries = selector.entries();
    !entries.is_empty()
        && entries.iter().all(|e| {
            let want = selector.doc.node(e.value).as_str();
            want.is_some() && labels(&e.key).is(want)
        })
}

/// A parsed CIDR.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// Parses `a.b.c.d/n` or `x::y/n`.
    pub(crate) fn parse(s: &str) -> Option<Self> {
        let (a, p) = s.trim().split_once('/')?;
        let addr: IpAddr = a.parse().ok()?;
        let prefix: u8 = p.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        (prefix <= max).then_some(Self { addr, prefix })
    }

    /// Whether the block holds `ip`.
    pub(crate) fn contains(self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// The cloud instance metadata addresses (AWS, GCP, Azure, … and AWS's IPv6 one).
pub(crate) const METADATA: [IpAddr; 2] = [
    IpAddr::V4(Ipv4Addr::new(169, 254, 169, 254)),
    IpAddr::V6(Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254)),
];

/// The labels a workload's controller adds to the pods it creates, by workload kind.
const GENERATED: &[(&[&str], &[&str])] = &[
    (&["Deployment", "ReplicaSet"], &["pod-template-hash"]),
    (
        &["StatefulSet"],
        &[
            "statefulset.kubernetes.io/pod-name",
            "apps.kubernetes.io/pod-index",
            "controller-revision-hash",
        ],
    ),
    (&["DaemonSet"], &["controller-revision-hash", "pod-template-generation"]),
    (
        &["Job", "CronJob"],
        &[
            "job-name",
            "controller-uid",
            "batch.kubernetes.io/job-name",
            "batch.kubernetes.io/controller-uid",
            "batch.kubernetes.io/job-completion-index",
        ],
    ),
];

/// The labels the controller of a workload of `kind` adds to its pods.
fn generated(kind: &str) -> &'static [&'static str] {
    GENERATED.iter().find(|(kinds, _)| kinds.contains(&kind)).map_or(&[], |(_, labels)| labels)
}

/// The pod labels of a corpus workload, as a lookup.
pub(crate) fn pod_labels<'a>(w: &'a CorpusObject) -> impl Fn(&str) -> Label<'a> + 'a {
    move |k: &str| match w.pod_label(k) {
        Some(v) => Label::Value(v),
        None if generated(w.kind()).contains(&k) => Label::Generated,
        None => Label::Absent,
    }
}

/// Whether some workload kind's controller sets label `key` on its pods.
fn generated_anywhere(key: &str) -> bool {
    GENERATED.iter().any(|(_, labels)| labels.contains(&key))
}

/// The workloads of each namespace (as written), indexed by pod label, so that a selector is
/// tried only on the workloads that carry its first required label: a run over many Services,
/// NetworkPolicies and workloads stays linear instead of trying every pair.
pub(crate) struct Workloads<'a> {
    by_ns: HashMap<&'a str, NsWorkloads<'a>>,
}

/// The workloads of one namespace, in run order.
pub(crate) struct NsWorkloads<'a> {
    pub(crate) all: Vec<&'a CorpusObject>,
    /// `(key, value)` → positions in `all`, ascending.
    by_label: HashMap<(&'a str, &'a str), Vec<usize>>,
}

impl<'a> Workloads<'a> {
    pub(crate) fn new(ctx: &CorpusCtx<'a>) -> Self {
        let mut by_ns: HashMap<&'a str, NsWorkloads<'a>> = HashMap::new();
        for w in ctx.workloads() {
            let Some(ns) = w.namespace() else { continue };
            let entry = by_ns
                .entry(ns)
                .or_insert_with(|| NsWorkloads { all: Vec::new(), by_label: HashMap::new() });
            let i = entry.all.len();
            entry.all.push(w);
            for (k, v) in w.pod().iter().flat_map(|p| &p.labels) {
                entry.by_label.entry((k.as_str(), v.as_str())).or_default().push(i);
            }
        }
        Self { by_ns }
    }

    /// The workloads of namespace `ns`.
    pub(crate) fn of(&self, ns: &str) -> Option<&NsWorkloads<'a>> {
        self.by_ns.get(ns)
    }
}

impl<'a> NsWorkloads<'a> {
    /// Positions (in `all`, ascending) of the workloads a selector can select: those carrying
    /// the label `first` (a `key: value` the selector requires), or every workload when there
    /// is no such label or a controller may set its key.
    pub(crate) fn candidates(&self, first: Option<(&str, &str)>) -> Vec<usize> {
        match first {
            Some((k, v)) if !generated_anywhere(k) => {
                self.by_label.get(&(k, v)).cloned().unwrap_or_default()
            }
            _ => (0..self.all.len()).collect(),
        }
    }

    /// Whether a Service selector (`spec.selector`) selects any workload.
    pub(crate) fn any_map_selects(&self, selector: NodeRef<'_>) -> bool {
        self.candidates(first_pair(Some(selector)))
            .into_iter()
            .any(|i| self.all.get(i).is_some_and(|w| map_selects(selector, &pod_labels(w))))
    }

    /// The positions of the workloads a label selector (`matchLabels`, `matchExpressions`)
    /// selects.
    pub(crate) fn selected(&self, selector: Option<NodeRef<'_>>) -> Vec<usize> {
        let first = first_pair(selector.and_then(|s| s.get("matchLabels")));
        self.candidates(first)
            .into_iter()
            .filter(|&i| {
                self.all.get(i).is_some_and(|w| selector_matches(selector, &pod_labels(w)))
            })
            .collect()
    }
}

/// The first `key: value` of a label map, when its value is a string.
fn first_pair(map: Option<NodeRef<'_>>) -> Option<(&str, &str)> {
    let map = map?;
    let e = map.entries().first()?;
    Some((&e.key, map.doc.node(e.value).as_str()?))
}

/// A short list of objects for a message: `Deployment web, Pod db` (and how many more).
pub(crate) fn names(objs: &[&CorpusObject]) -> String {
    let shown: Vec<String> =
        objs.iter().take(3).map(|o| format!("{} {}", o.kind(), o.name().unwrap_or("?"))).collect();
    let more = objs.len().saturating_sub(3);
    if more > 0 { format!("{} and {more} more", shown.join(", ")) } else { shown.join(", ") }
}
