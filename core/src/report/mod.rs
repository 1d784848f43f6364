//! The report: every file's findings in one total order, a summary, and the renderers (pure
//! functions of a [`Report`]): human (miette), JSON v1, SARIF 2.1.0, GitHub workflow commands.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{FileResult, LintOptions};
use crate::source::LineIndex;
use serde::Serialize;
use std::sync::Arc;

/// A file of the run, with what renderers need to place findings.
#[derive(Debug)]
pub struct ReportFile {
    pub path: Arc<str>,
    pub text: Arc<str>,
    pub line_index: LineIndex,
}

/// A finding with its file and 1-based, inclusive positions (columns in characters).
#[derive(Debug, Clone)]
pub struct Finding {
    pub file: usize,
    pub diagnostic: Diagnostic,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// Counts for the whole run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub objects: usize,
    pub skipped: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
}

/// The result of a run.
#[derive(Debug)]
pub struct Report {
    pub files: Vec<ReportFile>,
    /// Findings at or above the minimum severity, not suppressed, in total order.
    pub findings: Vec<Finding>,
    /// Suppressed findings (counted, rendered only by formats that carry suppressions).
    pub suppressed: Vec<Finding>,
    pub summary: Summary,
}

impl Report {
    /// Orders and counts every file's findings. The result does not depend on the order of `files`.
    /// Callers go through [`crate::lint::finish`], which runs the corpus stage first.
    #[must_use]
    pub(crate) fn build(mut files: Vec<FileResult>, options: &LintOptions) -> Self {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut summary = Summary { files: files.len(), ..Summary::default() };
        let mut out_files = Vec::with_capacity(files.len());
        let mut findings = Vec::new();
        let mut suppressed = Vec::new();
        for (idx, f) in files.into_iter().enumerate() {
            summary.documents += f.documents;
            summary.objects += f.objects;
            summary.skipped += f.skipped;
            let line_index = LineIndex::new(&f.text);
            for d in f.diagnostics {
                if d.severity < options.min_severity {
                    continue;
                }
                let (line, column) = line_index.line_col(d.span.start);
                let last = if d.span.is_empty() {
                    d.span.start
                } else {
                    last_char_start(&f.text, d.span.end)
                };
                let (end_line, end_column) = line_index.line_col(last);
                let finding =
                    Finding { file: idx, diagnostic: d, line, column, end_line, end_column };
                if finding.diagnostic.suppressed.is_some() {
                    summary.suppressed += 1;
                    suppressed.push(finding);
                } else {
                    match finding.diagnostic.severity {
                        Severity::Error => summary.errors += 1,
                        Severity::Warning => summary.warnings += 1,
                        Severity::Info => summary.infos += 1,
                    }
                    findings.push(finding);
                }
            }
            out_files.push(ReportFile { path: f.path, text: f.text, line_index });
        }
        let key =
            |f: &Finding| (f.file, f.line, f.column, f.diagnostic.rule, f.end_line, f.end_column);
        findings.sort_by(|a, b| {
            key(a).cmp(&key(b)).then_with(|| a.diagnostic.message.cmp(&b.diagnostic.message))
        });
        suppressed.sort_by(|a, b| {
            key(a).cmp(&key(b)).then_with(|| a.diagnostic.message.cmp(&b.diagnostic.message))
        });
        Self { files: out_files, findings, suppressed, summary }
    }

    /// The highest severity among the reported findings.
    #[must_use]
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.diagnostic.severity).max()
    }
}

/// The output of a streaming renderer (`json::write`, …) as a string.
fn to_string(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail, and the renderers write UTF-8 only.
    let _ = write(&mut buf);
    String::from_utf8(buf).unwrap_or_default()
}

/// 1-based line and column of a span's start and of its last character (inclusive), in `file`.
/// An empty span ends where it starts.
#[must_use]
pub fn span_positions(file: &ReportFile, span: crate::source::Span) -> (u32, u32, u32, u32) {
    let (line, column) = file.line_index.line_col(span.start);
    let last = if span.is_empty() { span.start } else { last_char_start(&file.text, span.end) };
    let (end_line, end_column) = file.line_index.line_col(last);
    (line, column, end_line, end_column)
}

/// A file path as code-scanning tools want it: `/` separators and no leading `./`.
#[must_use]
pub fn artifact_path(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.trim_start_matches('/').to_owned();
    }
    p
}

/// Byte offset of the last character that ends at `end` (for inclusive end columns).
fn last_char_start(text: &str, end: u32) -> u32 {
    let mut i = (end as usize).min(text.len());
    if i == 0 {
        return 0;
    }
    i -= 1;
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    u32::try_from(i).unwrap_or(u32::MAX)
}
