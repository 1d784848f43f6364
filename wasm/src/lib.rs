//! kubeward for the browser: a thin wasm-bindgen layer over the core. Every function takes and
//! returns JSON text, and calls the same core entry points as the CLI (no logic of its own beyond
//! reading options and adding the UTF-16 offsets an editor needs).
//!
//! | export | returns |
//! |---|---|
//! | `lint(text, optionsJson)` | JSON v1 (DESIGN.md) with `from`/`to` UTF-16 offsets per diagnostic |
//! | `rbacPaths(text, optionsJson)` | `rbac paths --format json` plus the graph (nodes, edges, evidence) |
//! | `rules()` | every rule: id, category, severity, summary, help, pss, url |
//! | `explain(id)` | one rule's docs: sections, examples, references, equivalents, Markdown |
//! | `version()` | the kubeward version |
//! | `meta()` | the version and the newest PSS and Kubernetes versions known |
//!
//! Bad options (malformed JSON, an unknown PSS version) are thrown as JS errors; bad input text
//! never is: it becomes findings, as in the CLI.

use kubeward::diagnostic::Severity;
use kubeward::lint::{LintOptions, lint_all, parse_pss_version};
use kubeward::model::FieldPath;
use kubeward::rbac::{self, Evidence, K8sVersion, PathOptions, RbacInput, render};
use kubeward::report::{Report, json};
use kubeward::rules::{Status, docs, registry};
use kubeward::source::{self, Limits, LineIndex, NodeRef, Span};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// The file name findings are reported under unless the options name one.
pub const DEFAULT_FILE: &str = "playground.yaml";

/// Options of [`lint`], all optional (camelCase in JSON).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct LintOpts {
    /// `latest`, `v1.NN` or `1.NN` (as `--pss-version`).
    pub pss_version: Option<String>,
    /// `info`, `warning` or `error` (as `--min-severity`).
    pub min_severity: Option<String>,
    /// The text of a `.kubeward.yaml` (as `--config`).
    pub config: Option<String>,
    /// The file name to report.
    pub file: Option<String>,
}

/// Options of [`rbac_paths`] (camelCase in JSON).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RbacOpts {
    /// Kubernetes version: `latest` or `v1.NN`.
    pub k8s_version: Option<String>,
    /// Also report trusted subjects.
    pub all: bool,
    /// More trusted subjects (SUBJECT syntax, trailing `*`).
    pub trusted: Vec<String>,
    /// Leave out Kubernetes' built-in roles and bindings.
    pub no_builtin: bool,
    /// The file name to report.
    pub file: Option<String>,
}

fn parse_opts<T: for<'de> Deserialize<'de> + Default>(options: &str) -> Result<T, String> {
    if options.trim().is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(options).map_err(|e| format!("invalid options: {e}"))
}

/// Reads the options as the CLI reads its flags: explicit values first, then the config.
pub fn lint_options(opts: &LintOpts) -> Result<LintOptions, String> {
    let mut options = LintOptions::default();
    let config = match opts.config.as_deref().filter(|c| !c.trim().is_empty()) {
        Some(text) => kubeward::config::Config::parse(text).map_err(|errs| {
            let msgs: Vec<String> = errs.into_iter().map(|e| e.message).collect();
            format!("invalid config: {}", msgs.join("; "))
        })?,
        None => kubeward::config::Config::default(),
    };
    if let Some(v) = opts.pss_version.as_deref().or(config.pss_version.as_deref()) {
        options.pss_minor = parse_pss_version(v)
            .ok_or_else(|| format!("invalid Pod Security Standards version {v:?}"))?;
    }
    options.min_severity = match opts.min_severity.as_deref() {
        Some(s) => Severity::parse(s).ok_or_else(|| format!("invalid severity {s:?}"))?,
        None => config.min_severity.unwrap_or(Severity::Warning),
    };
    options.config = config;
    Ok(options)
}

/// The one call into the engine: what the CLI does for one file.
fn run(file: &str, text: &str, options: &LintOptions) -> Report {
    lint_all([(file, text.as_bytes())], options)
}

/// [`lint`] without the JS boundary.
pub fn lint_json(text: &str, options: &str) -> Result<String, String> {
    let opts: LintOpts = parse_opts(options)?;
    let file = opts.file.clone().unwrap_or_else(|| DEFAULT_FILE.to_owned());
    let report = run(&file, text, &lint_options(&opts)?);
    let mut out: Value =
        serde_json::from_str(&json::render(&report)).map_err(|e| format!("internal: {e}"))?;
    if let Some(Value::Array(diags)) = out.get_mut("diagnostics") {
        // The renderer writes `report.findings` in order, one diagnostic each.
        for (d, f) in diags.iter_mut().zip(&report.findings) {
            let Some(idx) = report.files.get(f.file).map(|file| &file.line_index) else {
                continue;
            };
            let span = f.diagnostic.span;
            if let Value::Object(m) = d {
                m.insert("from".into(), idx.utf16_offset(span.start).into());
                m.insert("to".into(), idx.utf16_offset(span.end).into());
            }
        }
    }
    Ok(out.to_string())
}

/// Where an evidence object (and its field) is written in `text`, as UTF-16 offsets.
struct Locator<'a> {
    text: &'a str,
    index: LineIndex,
    parsed: source::Parsed,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, index: LineIndex::new(text), parsed: source::parse(text, &Limits::default()) }
    }

    fn object(&self, span: Span) -> Option<NodeRef<'_>> {
        for doc in &self.parsed.documents {
            let Some(root) = doc.root() else { continue };
            if root.span() == span {
                return Some(root);
            }
            if let Some(items) = root.get("items")
                && let Some(item) = items.items().find(|i| i.span() == span)
            {
                return Some(item);
            }
        }
        None
    }

    fn locate(&self, e: &Evidence) -> (u32, u32) {
        let span = match (self.object(e.origin.span), &e.field) {
            (Some(node), Some(field)) => node.locate(field).0,
            (Some(node), None) => node.locate(&FieldPath::root()).0,
            (None, _) => e.origin.span,
        };
        let end = (span.end as usize).min(self.text.len());
        let end = u32::try_from(end).unwrap_or(u32::MAX);
        (self.index.utf16_offset(span.start), self.index.utf16_offset(end))
    }
}

/// An edge of the drawn graph: (from label, to label, technique).
type EdgeKey<'a> = (&'a str, &'a str, &'static str);

/// [`rbac_paths`] without the JS boundary.
pub fn rbac_json(text: &str, options: &str) -> Result<String, String> {
    let opts: RbacOpts = parse_opts(options)?;
    let version = match opts.k8s_version.as_deref() {
        Some(v) => {
            K8sVersion::parse(v).ok_or_else(|| format!("invalid Kubernetes version {v:?}"))?
        }
        None => K8sVersion::LATEST,
    };
    let file = opts.file.clone().unwrap_or_else(|| DEFAULT_FILE.to_owned());
    let mut input =
        if opts.no_builtin { RbacInput::new() } else { RbacInput::with_builtin(version) };
    input.set_version(version);
    let objects = input.add_manifests(&file, 0, text);
    let path_options =
        PathOptions { all: opts.all, trusted: opts.trusted.clone(), ..PathOptions::default() };
    let analysis = rbac::analyze_owned(input, &path_options);
    let paths = &analysis.paths;

    let mut out: Value =
        serde_json::from_str(&render::json(paths)).map_err(|e| format!("internal: {e}"))?;
    let locator = Locator::new(text);
    let in_input = |e: &Evidence| e.origin.file_index == 0 && *e.origin.file == *file;
    let evidence = |e: &Evidence| {
        let o = &e.origin.object;
        let mut v = json!({
            "file": &*e.origin.file,
            "line": e.origin.line,
            "kind": o.kind,
            "namespace": o.namespace,
            "name": o.name,
            "field": e.field.as_ref().map(ToString::to_string),
            "note": e.note,
            "text": render::evidence_line(e),
        });
        if in_input(e) {
            let (from, to) = locator.locate(e);
            v["from"] = from.into();
            v["to"] = to.into();
        }
        v
    };
    // The picture: the nodes and edges on the paths (as the dot and Mermaid renderers draw),
    // each edge with the summaries and evidence of the steps it stands for.
    let (nodes, edges) = render::subgraph(paths);
    let starts: Vec<&str> =
        paths.iter().filter_map(|p| p.steps.first()).map(|s| s.from.as_str()).collect();
    let mut edge_info: BTreeMap<EdgeKey<'_>, (Vec<&str>, Vec<Value>)> = BTreeMap::new();
    for step in paths.iter().flat_map(|p| &p.steps) {
        let entry =
            edge_info.entry((step.from.as_str(), step.gains.as_str(), step.technique)).or_default();
        if !entry.0.contains(&step.summary.as_str()) {
            entry.0.push(&step.summary);
        }
        for e in &step.evidence {
            let v = evidence(e);
            if !entry.1.contains(&v) {
                entry.1.push(v);
            }
        }
    }
    let node_json: Vec<Value> = nodes
        .iter()
        .enumerate()
        .map(|(i, (label, target))| {
            let kind = if *target {
                "target"
            } else if starts.contains(&label.as_str()) {
                "subject"
            } else {
                "step"
            };
            json!({"id": i, "label": label, "kind": kind})
        })
        .collect();
    let edge_json: Vec<Value> = edges
        .iter()
        .map(|&(a, b, technique)| {
            let from = nodes.get(a).map_or("", |n| n.0.as_str());
            let to = nodes.get(b).map_or("", |n| n.0.as_str());
            let (summaries, ev) = edge_info.remove(&(from, to, technique)).unwrap_or_default();
            json!({"from": a, "to": b, "technique": technique, "summary": summaries.join("; "), "evidence": ev})
        })
        .collect();
    // Evidence positions for the path steps as well (the editor jumps to them).
    if let Some(Value::Array(jp)) = out.get_mut("paths") {
        for (jpath, path) in jp.iter_mut().zip(paths) {
            if let Some(Value::Array(steps)) = jpath.get_mut("steps") {
                for (jstep, step) in steps.iter_mut().zip(&path.steps) {
                    jstep["from"] = step.from.clone().into();
                    jstep["evidence"] = step.evidence.iter().map(evidence).collect();
                }
            }
        }
    }
    out["objects"] = objects.into();
    out["graph"] = json!({"nodes": node_json, "edges": edge_json});
    out["dot"] = render::dot(paths).into();
    out["mermaid"] = render::mermaid(paths).into();
    Ok(out.to_string())
}

/// [`rules`] without the JS boundary.
#[must_use]
pub fn rules_json() -> String {
    let rules: Vec<Value> = registry::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "category": r.category.as_str(),
                "severity": r.severity,
                "summary": r.summary(),
                "help": r.help,
                "pss": r.pss,
                "status": if r.status == Status::Preview { "preview" } else { "stable" },
                "since": r.since,
                "url": r.url(),
            })
        })
        .collect();
    Value::Array(rules).to_string()
}

/// [`explain`] without the JS boundary.
pub fn explain_json(id: &str) -> Result<String, String> {
    let Some(r) = registry::get(id) else {
        let hint =
            registry::nearest(id).map(|n| format!("; did you mean `{n}`?")).unwrap_or_default();
        return Err(format!("unknown rule `{id}`{hint}"));
    };
    let sections: Vec<Value> =
        docs::sections(r).into_iter().map(|s| json!({"title": s.title, "body": s.body})).collect();
    let examples: Vec<Value> =
        docs::examples(r).into_iter().map(|e| json!({"fails": e.fails, "yaml": e.yaml})).collect();
    let equivalents: Vec<Value> =
        r.equivalents.iter().map(|(tool, id)| json!({"tool": tool, "id": id})).collect();
    Ok(json!({
        "id": r.id,
        "category": r.category.as_str(),
        "severity": r.severity,
        "summary": r.summary(),
        "help": r.help,
        "pss": r.pss,
        "status": if r.status == Status::Preview { "preview" } else { "stable" },
        "since": r.since,
        "url": r.url(),
        "sections": sections,
        "examples": examples,
        "references": r.references,
        "equivalents": equivalents,
        "markdown": docs::to_markdown(r),
    })
    .to_string())
}

/// Lints one file's text; `options` is JSON (`{"pssVersion", "minSeverity", "config", "file"}`,
/// all optional). Returns JSON v1 with `from`/`to` UTF-16 offsets on each diagnostic.
#[wasm_bindgen]
pub fn lint(text: &str, options: &str) -> Result<String, JsError> {
    lint_json(text, options).map_err(|e| JsError::new(&e))
}

/// The RBAC escalation paths of the manifests in `text` (with Kubernetes' built-in policy), as
/// `rbac paths --format json` plus `graph: {nodes, edges}` for drawing. `options` is JSON
/// (`{"k8sVersion", "all", "trusted", "noBuiltin", "file"}`, all optional).
#[wasm_bindgen(js_name = rbacPaths)]
pub fn rbac_paths(text: &str, options: &str) -> Result<String, JsError> {
    rbac_json(text, options).map_err(|e| JsError::new(&e))
}

/// Every rule, as a JSON array.
#[wasm_bindgen]
#[must_use]
pub fn rules() -> String {
    rules_json()
}

/// One rule's docs as JSON; throws for an unknown id (with a "did you mean").
#[wasm_bindgen]
pub fn explain(id: &str) -> Result<String, JsError> {
    explain_json(id).map_err(|e| JsError::new(&e))
}

/// What the option pickers offer: `{"version", "pssLatest", "k8sLatest"}` (the newest Pod
/// Security Standards minor and Kubernetes minor the core knows).
#[wasm_bindgen]
#[must_use]
pub fn meta() -> String {
    json!({
        "version": env!("CARGO_PKG_VERSION"),
        "pssLatest": kubeward::lint::LATEST_PSS_MINOR,
        "k8sLatest": K8sVersion::LATEST.minor,
    })
    .to_string()
}

/// The kubeward version.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
