//! Renderers: pure functions from paths and query results to text (human, JSON, Graphviz dot,
//! Mermaid). Pictures show the subgraph that matters: the nodes and edges on the given paths.

use super::Evidence;
use super::authorizer::{EffectiveRule, Grant};
use super::paths::Path;
use super::subject::SubjectRef;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Serialize)]
struct JsonDoc<'a> {
    version: u32,
    paths: Vec<JsonPath<'a>>,
}

#[derive(Serialize)]
struct JsonPath<'a> {
    subject: &'a SubjectRef,
    target: &'static str,
    steps: Vec<JsonStep<'a>>,
}

#[derive(Serialize)]
struct JsonStep<'a> {
    technique: &'a str,
    gains: &'a str,
    summary: &'a str,
    evidence: Vec<JsonEvidence<'a>>,
}

#[derive(Serialize)]
struct JsonEvidence<'a> {
    file: &'a str,
    line: u32,
    object: JsonObject<'a>,
}

#[derive(Serialize)]
struct JsonObject<'a> {
    kind: &'a str,
    namespace: Option<&'a str>,
    name: Option<&'a str>,
}

/// `rbac paths --format json` (DESIGN.md), evidence lines from each object's first line.
#[must_use]
pub fn json(paths: &[Path]) -> String {
    json_with(paths, &|e| e.origin.line)
}

/// As [`json`], with a resolver for evidence lines (for example the line of `rules[2]`).
#[must_use]
pub fn json_with(paths: &[Path], line: &dyn Fn(&Evidence) -> u32) -> String {
    let doc = JsonDoc {
        version: 1,
        paths: paths
            .iter()
            .map(|p| JsonPath {
                subject: &p.subject,
                target: p.target.as_str(),
                steps: p
                    .steps
                    .iter()
                    .map(|s| JsonStep {
                        technique: s.technique,
                        gains: &s.gains,
                        summary: &s.summary,
                        evidence: s
                            .evidence
                            .iter()
                            .map(|e| JsonEvidence {
                                file: &e.origin.file,
                                line: line(e),
                                object: JsonObject {
                                    kind: &e.origin.object.kind,
                                    namespace: e.origin.object.namespace.as_deref(),
                                    name: e.origin.object.name.as_deref(),
                                },
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// `file:line Kind ns/name field (note)`.
#[must_use]
pub fn evidence_line(e: &Evidence) -> String {
    let o = &e.origin.object;
    let name = o.name.as_deref().unwrap_or("<unnamed>");
    let mut s = match &o.namespace {
        Some(ns) => format!("{}:{} {} {ns}/{name}", e.origin.file, e.origin.line, o.kind),
        None => format!("{}:{} {} {name}", e.origin.file, e.origin.line, o.kind),
    };
    if let Some(f) = &e.field {
        let _ = write!(s, " {f}");
    }
    if let Some(n) = &e.note {
        let _ = write!(s, " ({n})");
    }
    s
}

/// Human-readable paths.
#[must_use]
pub fn human(paths: &[Path]) -> String {
    let mut s = String::new();
    if paths.is_empty() {
        s.push_str("no escalation paths\n");
        return s;
    }
    for p in paths {
        let n = p.steps.len();
        let _ = writeln!(
            s,
            "{} reaches {} in {n} step{}",
            p.subject,
            p.target.as_str(),
            if n == 1 { "" } else { "s" }
        );
        for (i, st) in p.steps.iter().enumerate() {
            let _ = writeln!(s, "  {}. [{}] {} → {}", i + 1, st.technique, st.from, st.gains);
            let _ = writeln!(s, "     {}", st.summary);
            for e in &st.evidence {
                let _ = writeln!(s, "     - {}", evidence_line(e));
            }
        }
        s.push('\n');
    }
    let _ = writeln!(s, "{} path{}", paths.len(), if paths.len() == 1 { "" } else { "s" });
    s
}

/// Nodes (label, is a target) and edges (from, to, technique).
pub type Subgraph = (Vec<(String, bool)>, Vec<(usize, usize, &'static str)>);

/// The nodes and edges on the paths, in order of appearance (what [`dot`] and [`mermaid`]
/// draw; the playground draws it too).
#[must_use]
pub fn subgraph(paths: &[Path]) -> Subgraph {
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut nodes: Vec<(String, bool)> = Vec::new();
    let mut edges = Vec::new();
    let mut id = |label: &str, target: bool, nodes: &mut Vec<(String, bool)>| -> usize {
        *ids.entry(label.to_owned()).or_insert_with(|| {
            nodes.push((label.to_owned(), target));
            nodes.len() - 1
        })
    };
    for p in paths {
        for st in &p.steps {
            let is_target = |l: &str| super::Target::parse(l).is_some();
            let a = id(&st.from, is_target(&st.from), &mut nodes);
            let b = id(&st.gains, is_target(&st.gains), &mut nodes);
            if !edges.contains(&(a, b, st.technique)) {
                edges.push((a, b, st.technique));
            }
        }
    }
    (nodes, edges)
}

/// Graphviz dot of the nodes and edges on the paths.
#[must_use]
pub fn dot(paths: &[Path]) -> String {
    let (nodes, edges) = subgraph(paths);
    let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut s = String::from(
        "digraph rbac {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n",
    );
    for (i, (label, target)) in nodes.iter().enumerate() {
        let style = if *target { ", shape=doubleoctagon, color=red" } else { "" };
        let _ = writeln!(s, "  n{i} [label=\"{}\"{style}];", esc(label));
    }
    for (a, b, t) in edges {
        let _ = writeln!(s, "  n{a} -> n{b} [label=\"{}\"];", esc(t));
    }
    s.push_str("}\n");
    s
}

/// Mermaid flowchart of the nodes and edges on the paths.
#[must_use]
pub fn mermaid(paths: &[Path]) -> String {
    let (nodes, edges) = subgraph(paths);
    let esc = |s: &str| s.replace('"', "#quot;");
    let mut s = String::from("flowchart LR\n");
    for (i, (label, target)) in nodes.iter().enumerate() {
        if *target {
            let _ = writeln!(s, "  n{i}{{{{\"{}\"}}}}", esc(label));
        } else {
            let _ = writeln!(s, "  n{i}[\"{}\"]", esc(label));
        }
    }
    for (a, b, t) in edges {
        let _ = writeln!(s, "  n{a} -->|{}| n{b}", esc(t));
    }
    s
}

/// One line for a grant: the binding and the rule.
#[must_use]
pub fn grant_line(g: &Grant) -> String {
    match g {
        Grant::PrivilegedGroup => "system:masters (privileged group, bypasses RBAC)".to_owned(),
        Grant::Rule(r) => {
            let binding = &r.binding.object;
            let role = r.role.object.name.as_deref().unwrap_or("<unnamed>");
            let bname = binding.name.as_deref().unwrap_or("<unnamed>");
            let mut s = format!(
                "{} {bname} → {} {role} rules[{}]",
                binding.kind, r.role.object.kind, r.rule_index
            );
            if r.rule_role != r.role {
                let _ = write!(
                    s,
                    " (from {})",
                    r.rule_role.object.name.as_deref().unwrap_or("<unnamed>")
                );
            }
            let _ = write!(s, " at {}:{}", r.binding.file, r.binding.line);
            s
        }
    }
}

/// `who-can` as text: one line per subject and grant.
#[must_use]
pub fn who_can(entries: &[(SubjectRef, Grant)]) -> String {
    let mut s = String::new();
    for (subject, g) in entries {
        let _ = writeln!(s, "{subject}\t{}", grant_line(g));
    }
    s
}

/// `can-i --list` as text: one line per rule, with the grant.
#[must_use]
pub fn rules(rules: &[EffectiveRule]) -> String {
    let mut s = String::new();
    for r in rules {
        let _ = writeln!(
            s,
            "{}\t{}",
            r.rule,
            grant_line(&super::Grant::Rule(Box::new(r.grant.clone())))
        );
    }
    s
}
