//! The report: every file's findings in one total order, a summary, and the renderers (pure
//! functions of a [`Report`]): human (miette), JSON v1, SARIF 2.1.0, GitHub workflow commands.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{FileResult, LintOptions, Texts, engine_diagnostic};
use crate::source::{LineIndex, Span};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// A file of the run, with what renderers need to place findings.
#[derive(Debug)]
pub struct ReportFile {
    pub path: Arc<str>,
    /// The file's text, and its line index; both empty when the caller released the text after
    /// linting ([`FileResult::release_text`]): findings carry their positions.
    pub text: Arc<str>,
    pub line_index: LineIndex,
}

/// 1-based line and column of a span's first character and of its last (inclusive), columns
/// in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
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
    /// Where each of the diagnostic's labels is, in its own file (same order as the labels).
    pub labels: Vec<Place>,
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
    ///
    /// `texts` are the files' texts in sorted order; a released one is read again, once, for
    /// the findings in it and the labels that point into it.
    #[must_use]
    pub(crate) fn build(mut files: Vec<FileResult>, options: &LintOptions, texts: &Texts) -> Self {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        for f in &mut files {
            f.diagnostics.retain(|d| d.severity >= options.min_severity);
        }
        // Which files each file's labels point into: a file is read once, and places the labels
        // into it of every file.
        let mut label_targets: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); files.len()];
        for (i, f) in files.iter().enumerate() {
            for (k, d) in f.diagnostics.iter().enumerate() {
                for (l, label) in d.labels.iter().enumerate() {
                    let j = label.file.unwrap_or(i);
                    if let Some(targets) = label_targets.get_mut(j) {
                        targets.push((i, k, l));
                    }
                }
            }
        }
        let mut places: Vec<Vec<Place>> = Vec::with_capacity(files.len());
        let mut label_places: HashMap<(usize, usize, usize), Place> = HashMap::new();
        let mut unplaced: Vec<(usize, String)> = Vec::new();
        let mut out_files = Vec::with_capacity(files.len());
        for (j, f) in files.iter().enumerate() {
            let targets = label_targets.get(j).map_or(&[][..], Vec::as_slice);
            let mut own = Vec::new();
            let mut lines = None;
            if !f.diagnostics.is_empty() || !targets.is_empty() {
                match texts.get(j) {
                    Ok(text) => {
                        let index = LineIndex::new(&text);
                        own = f.diagnostics.iter().map(|d| place(&text, &index, d.span)).collect();
                        for &(i, k, l) in targets {
                            let span = files
                                .get(i)
                                .and_then(|fi| fi.diagnostics.get(k))
                                .and_then(|d| d.labels.get(l))
                                .map_or_else(Span::default, |label| label.span);
                            label_places.insert((i, k, l), place(&text, &index, span));
                        }
                        lines = Some(index);
                    }
                    Err(message) => unplaced.push((j, message)),
                }
            }
            // A held text stays with its line index (the LSP and the playground use both); a
            // released one is not kept.
            let (text, line_index) = if f.released.is_none() {
                (f.text.clone(), lines.unwrap_or_else(|| LineIndex::new(&f.text)))
            } else {
                (Arc::from(""), LineIndex::default())
            };
            out_files.push(ReportFile { path: f.path.clone(), text, line_index });
            places.push(own);
        }
        for (j, message) in unplaced {
            if let Some(f) = files.get_mut(j)
                && let Some(d) =
                    engine_diagnostic("file-unreadable", Span::default(), message, None)
            {
                f.diagnostics.push(d);
            }
        }

        let mut summary = Summary { files: files.len(), ..Summary::default() };
        // Sized once: on a large run, growing by doubling would copy the findings and, for a
        // moment, hold them about three times over.
        let (n_suppressed, n_reported) = files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .fold((0, 0), |(s, r), d| if d.suppressed.is_some() { (s + 1, r) } else { (s, r + 1) });
        let mut findings = Vec::with_capacity(n_reported);
        let mut suppressed = Vec::with_capacity(n_suppressed);
        let unknown = Place { line: 1, column: 1, end_line: 1, end_column: 1 };
        for ((i, f), own) in files.into_iter().enumerate().zip(places) {
            summary.documents += f.documents;
            summary.objects += f.objects;
            summary.skipped += f.skipped;
            for (k, d) in f.diagnostics.into_iter().enumerate() {
                let at = own.get(k).copied().unwrap_or(unknown);
                let labels = (0..d.labels.len())
                    .map(|l| label_places.get(&(i, k, l)).copied().unwrap_or(unknown))
                    .collect();
                let finding = Finding {
                    file: i,
                    diagnostic: d,
                    line: at.line,
                    column: at.column,
                    end_line: at.end_line,
                    end_column: at.end_column,
                    labels,
                };
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

/// Where `span` is in `text`: its first character and its last (inclusive); an empty span
/// ends where it starts.
fn place(text: &str, lines: &LineIndex, span: Span) -> Place {
    let (line, column) = lines.line_col(span.start);
    let last = if span.is_empty() { span.start } else { last_char_start(text, span.end) };
    let (end_line, end_column) = lines.line_col(last);
    Place { line, column, end_line, end_column }
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
