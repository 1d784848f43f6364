//! SARIF 2.1.0 output for code scanning (GitHub, Azure DevOps, IDE viewers).
//!
//! One run, `tool.driver.rules` with every rule that produced a result (or every rule), results
//! with repo-relative locations under `%SRCROOT%`, fingerprints that survive line moves, and
//! suppressed findings as results carrying `suppressions`. Pure function of a [`Report`]: the
//! output is byte-identical for the same report.
//!
//! Positions: SARIF lines and columns are 1-based like ours, columns count Unicode code points
//! (`columnKind: unicodeCodePoints`), and `endColumn` is *exclusive* (the column after the last
//! character) while our `end_column` is inclusive, so it is emitted +1.

use super::{Finding, Place, Report, Summary, artifact_path};
use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, docs, registry};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io;

/// The `$schema` of the output.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where the tool is documented.
pub const INFORMATION_URI: &str = "https://kubeward.dev";
/// The key of our entry in `partialFingerprints` (versioned: a new scheme gets a new key).
pub const FINGERPRINT_KEY: &str = "kubeward/v1";

/// What to include.
#[derive(Debug, Clone, Copy, Default)]
pub struct SarifOptions {
    /// List every rule of the registry in `tool.driver.rules`, not only those with results.
    pub all_rules: bool,
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Results<'a>,
    properties: RunProperties<'a>,
}

/// The results (findings and suppressed findings), built and serialized one at a time as they
/// are written (no intermediate list), and read back one file at a time when spilled.
struct Results<'a> {
    report: &'a Report,
    rule_ids: &'a [&'a str],
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq as _};
        let report = self.report;
        // A fingerprint names the finding's rule, file, object, field and message; the n-th
        // finding with the same name gets `:n`. Names include the file's URI, so the count
        // starts again with each file, except for files that share a URI (`./a.yaml` and
        // `a.yaml`), counted across the run.
        let uris: Vec<String> =
            report.files.iter().map(|file| artifact_location(&file.path).uri).collect();
        let mut uri_count: HashMap<&str, usize> = HashMap::new();
        for u in &uris {
            *uri_count.entry(u).or_default() += 1;
        }
        let mut seen_file: HashMap<String, usize> = HashMap::new();
        let mut seen_shared: HashMap<String, usize> = HashMap::new();
        let mut current = None;
        let mut seq = serializer.serialize_seq(None)?;
        report.visit(true, S::Error::custom, |f| {
            if current != Some(f.file) {
                current = Some(f.file);
                seen_file.clear();
            }
            let d = &f.diagnostic;
            let uri = uris.get(f.file).map_or("", String::as_str);
            let hash = fingerprint(&[
                d.rule,
                uri,
                &object_identity(f),
                d.field.as_deref().unwrap_or(""),
                &d.message,
            ]);
            let seen = if uri_count.get(uri).is_some_and(|&c| c > 1) {
                &mut seen_shared
            } else {
                &mut seen_file
            };
            let n = seen.entry(hash.clone()).or_insert(0);
            *n += 1;
            seq.serialize_element(&result(report, f, &format!("{hash}:{n}"), self.rule_ids))
        })?;
        seq.end()
    }
}

#[derive(Serialize)]
struct RunProperties<'a> {
    summary: &'a Summary,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Help>,
    help_uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_configuration: Option<Configuration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<RuleProperties>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<String>,
    precision: &'static str,
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "ResultProperties::is_empty")]
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    /// Exclusive.
    end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
}

impl ResultProperties {
    fn is_empty(&self) -> bool {
        self.field.is_none() && self.help.is_none()
    }
}

/// The SARIF `level` of a severity.
#[must_use]
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Categories whose findings are security problems (the others are about reading the file).
fn is_security(category: Category) -> bool {
    !matches!(
        category,
        Category::File | Category::Yaml | Category::Manifest | Category::Suppression
    )
}

/// `properties["security-severity"]` as GitHub ranks it (critical > 9.0, high 7.0–8.9, medium
/// 4.0–6.9, low 0.1–3.9), from the rule's default severity. An RBAC error is an escalation path
/// (to cluster-admin, root on a node or every Secret), so it ranks critical. Rules that are not
/// about security (syntax, encoding, suppression hygiene) get none, so GitHub shows their plain
/// level instead.
#[must_use]
pub fn security_severity(rule: &Rule) -> Option<&'static str> {
    if !is_security(rule.category) {
        return None;
    }
    Some(match (rule.severity, rule.category) {
        (Severity::Error, Category::Rbac) => "9.1",
        (Severity::Error, _) => "8.0",
        (Severity::Warning, _) => "5.0",
        (Severity::Info, _) => "2.0",
    })
}

/// `CIS Kubernetes Benchmark 5.2.2` (and `1.2.1, 1.2.2`) in the references → `5.2.2`, ….
fn cis_sections(rule: &Rule) -> Vec<String> {
    let mut out = Vec::new();
    let refs = docs::section(rule, "References").unwrap_or_default();
    for line in refs.lines().chain(rule.references.iter().copied()) {
        let Some((_, rest)) = line.split_once("CIS Kubernetes Benchmark") else { continue };
        // Section numbers follow, possibly a list: `5.2.2`, `1.2.1, 1.2.2`; prose ends them.
        for token in rest.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
            let t = token.trim_matches(|c: char| matches!(c, '(' | ')' | ':' | '"' | '\'' | '.'));
            if t.is_empty() {
                continue;
            }
            if !t.contains('.') || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
                break;
            }
            out.push(t.to_owned());
        }
    }
    out.sort();
    out.dedup();
    out
}

fn tags(rule: &Rule) -> Vec<String> {
    let mut tags = Vec::new();
    if is_security(rule.category) {
        tags.push("security".to_owned());
    } else {
        tags.push("correctness".to_owned());
    }
    tags.push("kubernetes".to_owned());
    tags.push(rule.category.as_str().to_owned());
    if let Some(p) = rule.pss {
        tags.push(format!("pss/{}", p.level.as_str()));
    }
    for s in cis_sections(rule) {
        tags.push(format!("external/cis/{s}"));
    }
    tags.truncate(20); // GitHub reads at most 20 tags
    tags
}

/// `pss-privileged` → `PssPrivileged`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

/// A section's Markdown as running text: lines of a paragraph joined, paragraphs kept.
fn paragraphs(body: &str) -> String {
    body.split("\n\n")
        .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn descriptor(id: &str) -> ReportingDescriptor {
    let Some(rule) = registry::get(id) else {
        return ReportingDescriptor {
            id: id.to_owned(),
            name: None,
            short_description: None,
            full_description: None,
            help: None,
            help_uri: crate::rules::rule_url(id),
            default_configuration: None,
            properties: None,
        };
    };
    let summary = rule.summary().to_owned();
    let full =
        docs::section(rule, "What it finds").map_or_else(|| summary.clone(), |b| paragraphs(&b));
    // Plain text: the fix, then the prose sections (the examples are in the Markdown).
    let mut help_text = String::new();
    if !rule.help.is_empty() {
        help_text.push_str(rule.help);
        help_text.push_str("\n\n");
    }
    for title in ["What it finds", "Why it matters", "How to fix"] {
        if let Some(body) = docs::section(rule, title) {
            help_text.push_str(&format!("{title}\n{}\n\n", paragraphs(&body)));
        }
    }
    help_text.push_str(&rule.url());
    ReportingDescriptor {
        id: rule.id.to_owned(),
        name: Some(pascal_case(rule.id)),
        short_description: Some(Text { text: summary }),
        full_description: Some(Text { text: full }),
        help: Some(Help { text: help_text, markdown: docs::to_markdown(rule) }),
        help_uri: rule.url(),
        default_configuration: Some(Configuration { level: level(rule.severity) }),
        properties: Some(RuleProperties {
            tags: tags(rule),
            precision: "high",
            problem_severity: match rule.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "recommendation",
            },
            security_severity: security_severity(rule).map(str::to_owned),
        }),
    }
}

/// A path as a SARIF URI: relative paths are percent-encoded and resolved against `%SRCROOT%`,
/// absolute ones become `file://` URIs, standard input is `stdin`.
fn artifact_location(path: &str) -> ArtifactLocation {
    if path == "<stdin>" {
        return ArtifactLocation { uri: "stdin".to_owned(), uri_base_id: None };
    }
    let p = artifact_path(path);
    let bytes = p.as_bytes();
    let windows_drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    if p.starts_with('/') {
        ArtifactLocation { uri: format!("file://{}", percent_encode(&p)), uri_base_id: None }
    } else if windows_drive {
        let (drive, rest) = p.split_at(2);
        ArtifactLocation {
            uri: format!("file:///{drive}{}", percent_encode(rest)),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation { uri: percent_encode(&p), uri_base_id: Some("%SRCROOT%") }
    }
}

/// Percent-encodes everything but unreserved characters and `/` (RFC 3986).
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// FNV-1a over the parts (NUL-separated), twice with different bases: 128 bits as hex. A fixed
/// algorithm, so fingerprints do not change between builds or platforms.
fn fingerprint(parts: &[&str]) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(std::iter::once(&0)) {
            a = (a ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
            b = (b ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(5);
        }
    }
    format!("{a:016x}{b:016x}")
}

fn object_identity(f: &Finding) -> String {
    f.diagnostic.object.as_ref().map_or_else(String::new, |o| {
        format!(
            "{}/{}/{}/{}",
            o.api_version,
            o.kind,
            o.namespace.as_deref().unwrap_or(""),
            o.name.as_deref().unwrap_or("")
        )
    })
}

fn location(report: &Report, f: &Finding) -> Location {
    let path = report.files.get(f.file).map_or("", |file| &file.path);
    let logical_locations = f
        .diagnostic
        .object
        .as_ref()
        .map(|o| {
            let name = o.name.as_deref().unwrap_or_default().to_owned();
            let fully_qualified_name = match &o.namespace {
                Some(ns) => format!("{}/{ns}/{name}", o.kind),
                None => format!("{}/{name}", o.kind),
            };
            vec![LogicalLocation { name, fully_qualified_name, kind: "resource" }]
        })
        .unwrap_or_default();
    Location {
        id: None,
        physical_location: PhysicalLocation {
            artifact_location: artifact_location(path),
            region: Region {
                start_line: f.line,
                start_column: f.column,
                end_line: f.end_line,
                end_column: f.end_column.saturating_add(1),
            },
        },
        logical_locations,
        message: None,
    }
}

fn related_locations(report: &Report, f: &Finding) -> Vec<Location> {
    let mut out = Vec::new();
    for (label, place) in f.diagnostic.labels.iter().zip(&f.labels) {
        let idx = label.file.unwrap_or(f.file);
        let Some(file) = report.files.get(idx) else { continue };
        let Place { line, column, end_line, end_column } = *place;
        out.push(Location {
            id: Some(out.len()),
            physical_location: PhysicalLocation {
                artifact_location: artifact_location(&file.path),
                region: Region {
                    start_line: line,
                    start_column: column,
                    end_line,
                    end_column: end_column.saturating_add(1),
                },
            },
            logical_locations: Vec::new(),
            message: Some(Text { text: label.message.clone() }),
        });
    }
    out
}

fn result(report: &Report, f: &Finding, fingerprint: &str, rule_ids: &[&str]) -> SarifResult {
    let d = &f.diagnostic;
    let mut partial_fingerprints = BTreeMap::new();
    partial_fingerprints.insert(FINGERPRINT_KEY, fingerprint.to_owned());
    SarifResult {
        rule_id: d.rule.to_owned(),
        rule_index: rule_ids.binary_search(&d.rule).unwrap_or(0),
        level: level(d.severity),
        message: Text { text: d.message.clone() },
        related_locations: related_locations(report, f),
        locations: vec![location(report, f)],
        partial_fingerprints,
        suppressions: d
            .suppressed
            .as_ref()
            .map(|reason| {
                vec![Suppression {
                    kind: "inSource",
                    status: "accepted",
                    justification: reason.clone(),
                }]
            })
            .unwrap_or_default(),
        properties: ResultProperties {
            field: d.field.clone(),
            help: d.help.as_deref().map(str::to_owned),
        },
    }
}

/// Writes the report as a SARIF 2.1.0 log (pretty-printed, with a final newline) to `w`,
/// streaming the results. Give it a buffered writer.
///
/// # Errors
/// The writer's errors.
pub fn write(report: &Report, options: SarifOptions, w: &mut impl io::Write) -> io::Result<()> {
    let mut rule_ids: Vec<&str> =
        if options.all_rules { registry::ALL.iter().map(|r| r.id).collect() } else { Vec::new() };
    rule_ids.extend(report.rules());
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let rules: Vec<ReportingDescriptor> = rule_ids.iter().map(|id| descriptor(id)).collect();

    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "kubeward",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results: Results { report, rule_ids: &rule_ids },
            properties: RunProperties { summary: &report.summary },
        }],
    };
    serde_json::to_writer_pretty(&mut *w, &log)?;
    w.write_all(b"\n")
}

/// Renders the report as a SARIF 2.1.0 log (pretty-printed, with a final newline).
#[must_use]
pub fn render(report: &Report, options: SarifOptions) -> String {
    super::to_string(|w| write(report, options, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        let u = |p: &str| {
            let a = artifact_location(p);
            (a.uri, a.uri_base_id)
        };
        assert_eq!(u("./deploy/app.yaml"), ("deploy/app.yaml".into(), Some("%SRCROOT%")));
        assert_eq!(
            u("deploy\\my app#1.yaml"),
            ("deploy/my%20app%231.yaml".into(), Some("%SRCROOT%"))
        );
        assert_eq!(u("a:b.yaml"), ("a%3Ab.yaml".into(), Some("%SRCROOT%")));
        assert_eq!(u("/srv/k8s/é.yaml"), ("file:///srv/k8s/%C3%A9.yaml".into(), None));
        assert_eq!(u("C:\\k8s\\a.yaml"), ("file:///C:/k8s/a.yaml".into(), None));
        assert_eq!(u("<stdin>"), ("stdin".into(), None));
    }

    #[test]
    fn cis_tags() {
        let rule = registry::get("pss-privileged").expect("rule");
        assert_eq!(cis_sections(rule), vec!["5.2.2".to_owned()]);
        assert!(tags(rule).contains(&"external/cis/5.2.2".to_owned()));
        assert!(tags(rule).contains(&"pss/baseline".to_owned()));
    }

    #[test]
    fn fingerprints_are_fixed() {
        // A fixed algorithm: a change here changes every alert's identity on GitHub.
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["ab", ""]), fingerprint(&["a", "b"]));
        assert_eq!(fingerprint(&[]), "cbf29ce484222325".to_owned() + "6c62272e07bb0142");
    }

    #[test]
    fn names() {
        assert_eq!(pascal_case("pss-host-namespaces"), "PssHostNamespaces");
        assert_eq!(paragraphs("a\nb\n\nc"), "a b\n\nc");
    }
}
