//! JSON output, version 1 (DESIGN.md "JSON output").

use super::{Finding, Report, Summary};
use crate::diagnostic::PssRef;
use crate::model::ObjectRef;
use crate::rules::rule_url;
use serde::Serialize;

#[derive(Serialize)]
struct Out<'a> {
    version: u32,
    summary: &'a Summary,
    diagnostics: Vec<Diag<'a>>,
}

#[derive(Serialize)]
struct Diag<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    object: Option<&'a ObjectRef>,
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pss: Option<PssRef>,
    help: Option<&'a str>,
    url: String,
}

fn diag<'a>(report: &'a Report, f: &'a Finding) -> Diag<'a> {
    let d = &f.diagnostic;
    Diag {
        rule: d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        file: report.files.get(f.file).map_or("", |file| &file.path),
        line: f.line,
        column: f.column,
        end_line: f.end_line,
        end_column: f.end_column,
        object: d.object.as_ref(),
        field: d.field.as_deref(),
        pss: d.pss,
        help: d.help.as_deref(),
        url: rule_url(d.rule),
    }
}

/// Renders the report as JSON v1 (pretty-printed, with a final newline).
#[must_use]
pub fn render(report: &Report) -> String {
    let out = Out {
        version: 1,
        summary: &report.summary,
        diagnostics: report.findings.iter().map(|f| diag(report, f)).collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}
