//! JSON output, version 1 (DESIGN.md "JSON output").

use super::{Finding, Report, Summary};
use crate::diagnostic::PssRef;
use crate::model::ObjectRef;
use crate::rules::rule_url;
use serde::ser::{Error as _, SerializeSeq as _};
use serde::{Serialize, Serializer};
use std::io;

#[derive(Serialize)]
struct Out<'a> {
    version: u32,
    summary: &'a Summary,
    diagnostics: Diags<'a>,
}

/// The diagnostics, serialized one by one as they are written (no intermediate list), and read
/// back one file at a time when spilled.
struct Diags<'a>(&'a Report);

impl Serialize for Diags<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        self.0.visit(false, S::Error::custom, |f| seq.serialize_element(&diag(self.0, f)))?;
        seq.end()
    }
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
        object: d.object.as_deref(),
        field: d.field.as_deref(),
        pss: d.pss,
        help: d.help.as_deref(),
        url: rule_url(d.rule),
    }
}

/// Writes the report as JSON v1 (pretty-printed, with a final newline) to `w`, streaming: the
/// document is never held in memory whole. Give it a buffered writer.
///
/// # Errors
/// The writer's errors.
pub fn write(report: &Report, w: &mut impl io::Write) -> io::Result<()> {
    let out = Out { version: 1, summary: &report.summary, diagnostics: Diags(report) };
    serde_json::to_writer_pretty(&mut *w, &out)?;
    w.write_all(b"\n")
}

/// Renders the report as JSON v1 (pretty-printed, with a final newline).
#[must_use]
pub fn render(report: &Report) -> String {
    super::to_string(|w| write(report, w))
}
