//! Network exposure: NetworkPolicy coverage and egress, Services, Ingress TLS.

use crate::source::NodeRef;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub mod admin_port_exposed;
pub mod egress_allows_metadata;
pub mod ingress_without_tls;
pub mod namespace_unprotected;
pub mod policy_selects_nothing;
pub mod service_selects_nothing;

/// A pod label as a selector sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Label {
    Absent,
    Value(String),
    /// Set by a controller on the pods it creates (`pod-template-hash`,
    /// `statefulset.kubernetes.io/pod-name`, …): present, with a value not known from the file.
    Generated,
}

impl Label {
    fn is(&self, want: Option<&str>) -> bool {
        match self {
            Self::Generated => true,
            Self::Value(v) => Some(v.as_str()) == want,
            Self::Absent => want.is_none(),
        }
    }
}

/// Whether a label selector (`matchLabels`, `matchExpressions`) selects `labels`. An empty or
/// missing selector selects everything; an operator kubeward does not know selects nothing.
pub(crate) fn selector_matches(
    selector: Option<NodeRef<'_>>,
    labels: &dyn Fn(&str) -> Label,
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
            (Some("In"), Label::Value(h)) => values.contains(&h.as_str()),
            (Some("NotIn"), Label::Value(h)) => !values.contains(&h.as_str()),
            (Some("NotIn" | "DoesNotExist"), Label::Absent) => true,
            (Some("Exists"), Label::Value(_)) => true,
            _ => false,
        }
    })
}

/// Whether a `matchLabels`-style map (a Service selector) selects `labels`. An empty map
/// selects nothing (a Service without a selector manages no endpoints).
pub(crate) fn map_selects(selector: NodeRef<'_>, labels: &dyn Fn(&str) -> Label) -> bool {
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

/// The labels a workload's controller adds to the pods it creates.
fn generated(kind: &str) -> &'static [&'static str] {
    match kind {
        "Deployment" | "ReplicaSet" => &["pod-template-hash"],
        "StatefulSet" => &[
            "statefulset.kubernetes.io/pod-name",
            "apps.kubernetes.io/pod-index",
            "controller-revision-hash",
        ],
        "DaemonSet" => &["controller-revision-hash", "pod-template-generation"],
        "Job" | "CronJob" => &[
            "job-name",
            "controller-uid",
            "batch.kubernetes.io/job-name",
            "batch.kubernetes.io/controller-uid",
            "batch.kubernetes.io/job-completion-index",
        ],
        _ => &[],
    }
}

/// The pod labels of a corpus workload, as a lookup.
pub(crate) fn pod_labels(w: &crate::corpus::CorpusObject) -> impl Fn(&str) -> Label + '_ {
    move |k: &str| {
        let written = w
            .pod()
            .and_then(|p| p.metadata)
            .and_then(|m| m.labels.as_ref())
            .and_then(|l| l.get(k).cloned());
        match written {
            Some(v) => Label::Value(v),
            None if generated(w.kind()).contains(&k) => Label::Generated,
            None => Label::Absent,
        }
    }
}

/// A short list of objects for a message: `Deployment web, Pod db` (and how many more).
pub(crate) fn names(objs: &[&crate::corpus::CorpusObject]) -> String {
    let shown: Vec<String> =
        objs.iter().take(3).map(|o| format!("{} {}", o.kind(), o.name().unwrap_or("?"))).collect();
    let more = objs.len().saturating_sub(3);
    if more > 0 { format!("{} and {more} more", shown.join(", ")) } else { shown.join(", ") }
}
