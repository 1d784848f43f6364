//! The report: every file's findings in one total order, a summary, and the renderers (pure
//! functions of a [`Report`]): human (miette), JSON v1, SARIF 2.1.0, GitHub workflow commands.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod spill;

use crate::corpus::pss_namespace::Amend;
use crate::corpus::{Found, merge_late};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{FileResult, LintOptions, Texts, engine_diagnostic};
use crate::source::{LineIndex, Span};
use serde::Serialize;
use spill::{Block, Spill};
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::sync::Arc;

/// A file of the run, with what renderers need to place findings.
#[derive(Debug)]
pub struct ReportFile {
    pub path: Arc<str>,
    /// The file's text, and its line index; both empty when the caller released the text after
    /// linting ([`FileResult::release_text`]): findings carry their positions, and
    /// [`Report::text`] reads the text again.
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

impl Place {
    /// Line 1, column 1: where a finding goes whose place is not known.
    pub const UNKNOWN: Self = Self { line: 1, column: 1, end_line: 1, end_column: 1 };
}

/// Where a finding and each of its labels are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placed {
    pub(crate) at: Place,
    pub(crate) labels: Vec<Place>,
}

impl Placed {
    /// A finding whose place is not known, without labels.
    pub(crate) const UNKNOWN: Self = Self::at(Place::UNKNOWN);

    /// A finding at `at`, without labels.
    pub(crate) const fn at(at: Place) -> Self {
        Self { at, labels: Vec::new() }
    }
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
    /// Findings at or above the minimum severity, not suppressed, in total order. Empty when the
    /// findings were spilled ([`FileResult::spill`]): [`Report::visit`] reads every finding,
    /// held or spilled.
    pub findings: Vec<Finding>,
    /// Suppressed findings (counted, rendered only by formats that carry suppressions); empty
    /// when spilled, like `findings`.
    pub suppressed: Vec<Finding>,
    pub summary: Summary,
    /// The rule of each finding, reported or suppressed: sorted, once each.
    rules: Vec<&'static str>,
    /// Each file's findings (reported and suppressed, in total order), when spilled.
    spilled: Option<(Arc<Spill>, Vec<Stored>)>,
    /// The files' texts, held or read again on demand ([`Report::text`]).
    texts: Texts,
}

/// One file's findings in a spilled report.
#[derive(Debug)]
enum Stored {
    Spilled(Block),
    /// Held, because the spill could not take them.
    Held(Vec<Finding>),
}

/// The total order of findings: file, position, rule, then message. Ties keep their order.
fn order(a: &Finding, b: &Finding) -> Ordering {
    let key = |f: &Finding| (f.file, f.line, f.column, f.diagnostic.rule, f.end_line, f.end_column);
    key(a).cmp(&key(b)).then_with(|| a.diagnostic.message.cmp(&b.diagnostic.message))
}

impl Finding {
    fn new(file: usize, diagnostic: Diagnostic, placed: Placed) -> Self {
        let Place { line, column, end_line, end_column } = placed.at;
        Self { file, diagnostic, line, column, end_line, end_column, labels: placed.labels }
    }
}

impl Report {
    /// Orders and counts every file's findings, with the corpus stage's (`found`, and the
    /// namespace pass's `amends`). The result does not depend on the order of `files`.
    /// Callers go through [`crate::lint::finish`], which runs the corpus stage first.
    ///
    /// The files' own findings were placed when they were linted; `texts` (the files' texts in
    /// sorted order; a released one is read again, once) place the corpus stage's, and stay
    /// with the report for the renderers that show source ([`Report::text`]). Files go one
    /// at a time: a spilled file's findings are read back, completed, and spilled again in
    /// their final order, so that the run never holds them all.
    #[must_use]
    pub(crate) fn build(
        mut files: Vec<FileResult>,
        options: &LintOptions,
        texts: Texts,
        found: Vec<Found>,
        amends: Vec<Amend>,
    ) -> Self {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let n = files.len();
        let (mut late, mut unreadable) = place_found(found, n, &texts);
        let mut amends_of: Vec<Vec<Amend>> = (0..n).map(|_| Vec::new()).collect();
        for a in amends {
            if let Some(list) = amends_of.get_mut(a.file()) {
                list.push(a);
            }
        }
        let spill = files.iter().find_map(|f| f.spilled.as_ref().map(|(s, _)| Arc::clone(s)));

        let mut summary = Summary { files: n, ..Summary::default() };
        let mut rules: BTreeSet<&'static str> = BTreeSet::new();
        let mut findings = Vec::new();
        let mut suppressed = Vec::new();
        if spill.is_none() {
            // Sized once: on a large held run, growing by doubling would copy the findings and,
            // for a moment, hold them about three times over.
            let own: usize = files.iter().map(|f| f.diagnostics.len()).sum();
            findings.reserve(own + late.iter().map(Vec::len).sum::<usize>());
        }
        let mut stored = Vec::new();
        let mut out_files = Vec::with_capacity(n);
        for (j, mut f) in files.into_iter().enumerate() {
            summary.documents += f.documents;
            summary.objects += f.objects;
            summary.skipped += f.skipped;
            let mut own: Vec<(Diagnostic, Placed)> = match f.spilled.take() {
                Some((spill, block)) => match spill
                    .read(block)
                    .map_err(|e| e.to_string())
                    .and_then(|b| spill::decode(&b))
                {
                    Ok(own) => own,
                    Err(e) => {
                        if let Some(u) = unreadable.get_mut(j) {
                            u.get_or_insert_with(|| {
                                format!(
                                    "kubeward could not read back the findings of {} from its temporary file: {e}",
                                    f.path
                                )
                            });
                        }
                        Vec::new()
                    }
                },
                None => {
                    let placed = std::mem::take(&mut f.placed)
                        .into_iter()
                        .chain(std::iter::repeat_with(|| Placed::UNKNOWN));
                    std::mem::take(&mut f.diagnostics).into_iter().zip(placed).collect()
                }
            };
            // The namespace pass's amendments; a finding it adds is placed here.
            let mut added = Vec::new();
            for a in amends_of.get_mut(j).map(std::mem::take).unwrap_or_default() {
                if let Some(fallback) = a.apply(&mut own, options) {
                    added.push(fallback);
                }
            }
            let added: Vec<PlacedFound> = if added.is_empty() {
                Vec::new()
            } else {
                match texts.get(j) {
                    Ok(text) => {
                        let index = LineIndex::new(&text);
                        added
                            .into_iter()
                            .map(|x| {
                                let at = place(&text, &index, x.diagnostic.span);
                                (x, Placed::at(at))
                            })
                            .collect()
                    }
                    Err(message) => {
                        if let Some(u) = unreadable.get_mut(j) {
                            u.get_or_insert(message);
                        }
                        added.into_iter().map(|x| (x, Placed::UNKNOWN)).collect()
                    }
                }
            };
            let late_j = late.get_mut(j).map(std::mem::take).unwrap_or_default();
            merge_late(
                &mut own,
                std::mem::take(&mut f.suppressions),
                added.into_iter().chain(late_j),
                options,
            );
            if let Some(message) = unreadable.get_mut(j).and_then(Option::take)
                && let Some(d) =
                    engine_diagnostic("file-unreadable", Span::default(), message, None)
            {
                own.push((d, Placed::UNKNOWN));
            }
            own.retain(|(d, _)| d.severity >= options.min_severity);

            let mut mine: Vec<Finding> =
                own.into_iter().map(|(d, at)| Finding::new(j, d, at)).collect();
            for x in &mine {
                rules.insert(x.diagnostic.rule);
                if x.diagnostic.suppressed.is_some() {
                    summary.suppressed += 1;
                } else {
                    match x.diagnostic.severity {
                        Severity::Error => summary.errors += 1,
                        Severity::Warning => summary.warnings += 1,
                        Severity::Info => summary.infos += 1,
                    }
                }
            }
            // Reported before suppressed among equals, as the merged order of `visit` has it.
            mine.sort_by(|a, b| {
                order(a, b).then_with(|| {
                    a.diagnostic.suppressed.is_some().cmp(&b.diagnostic.suppressed.is_some())
                })
            });
            match &spill {
                Some(spill) => stored.push(store(spill, &mine).unwrap_or(Stored::Held(mine))),
                None => {
                    for x in mine {
                        if x.diagnostic.suppressed.is_some() {
                            suppressed.push(x);
                        } else {
                            findings.push(x);
                        }
                    }
                }
            }
            // A held text stays with its line index (the LSP and the playground use both); a
            // released one is not kept.
            let (text, line_index) = if f.released.is_none() {
                let lines = f.lines.unwrap_or_else(|| LineIndex::new(&f.text));
                (f.text, lines)
            } else {
                (Arc::from(""), LineIndex::default())
            };
            out_files.push(ReportFile { path: f.path, text, line_index });
        }
        findings.shrink_to_fit();
        suppressed.shrink_to_fit();
        Self {
            files: out_files,
            findings,
            suppressed,
            summary,
            rules: rules.into_iter().collect(),
            spilled: spill.map(|s| (s, stored)),
            texts,
        }
    }

    /// File `file`'s text, for a renderer that shows source: the one it holds, or else the file
    /// read again (the file whose findings are being rendered is kept until the next one is
    /// asked for). `None` when it cannot be read again, or changed since it was linted.
    #[must_use]
    pub fn text(&self, file: usize) -> Option<Arc<str>> {
        match self.files.get(file) {
            Some(f) if !f.text.is_empty() => Some(f.text.clone()),
            Some(_) => self.texts.get(file).ok(),
            None => None,
        }
    }

    /// The rule of each finding, reported or suppressed: sorted, once each.
    #[must_use]
    pub fn rules(&self) -> &[&'static str] {
        &self.rules
    }

    /// Calls `each` on every finding in total order, held or spilled; on the suppressed ones too
    /// when `with_suppressed`. A spilled file's findings are read back one file at a time;
    /// `read_error` turns a failure to read them into the caller's error.
    ///
    /// # Errors
    /// The first error of `each`, or of reading back.
    pub fn visit<E>(
        &self,
        with_suppressed: bool,
        read_error: impl Fn(String) -> E,
        mut each: impl FnMut(&Finding) -> Result<(), E>,
    ) -> Result<(), E> {
        let Some((spill, stored)) = &self.spilled else {
            if !with_suppressed {
                return self.findings.iter().try_for_each(each);
            }
            let mut all: Vec<&Finding> = self.findings.iter().chain(&self.suppressed).collect();
            all.sort_by(|a, b| order(a, b));
            return all.into_iter().try_for_each(each);
        };
        for (j, s) in stored.iter().enumerate() {
            let read;
            let list: &[Finding] = match s {
                Stored::Held(list) => list,
                Stored::Spilled(block) => {
                    let bytes = spill.read(*block).map_err(|e| read_error(e.to_string()))?;
                    read = spill::decode(&bytes)
                        .map_err(&read_error)?
                        .into_iter()
                        .map(|(d, at)| Finding::new(j, d, at))
                        .collect::<Vec<_>>();
                    &read
                }
            };
            for f in list {
                if with_suppressed || f.diagnostic.suppressed.is_none() {
                    each(f)?;
                }
            }
        }
        Ok(())
    }

    /// The highest severity among the reported findings.
    #[must_use]
    pub fn max_severity(&self) -> Option<Severity> {
        let s = &self.summary;
        [(s.errors, Severity::Error), (s.warnings, Severity::Warning), (s.infos, Severity::Info)]
            .into_iter()
            .find_map(|(n, sev)| (n > 0).then_some(sev))
    }
}

/// Writes one file's final findings to the spill.
fn store(spill: &Spill, list: &[Finding]) -> Option<Stored> {
    if list.is_empty() {
        return Some(Stored::Held(Vec::new()));
    }
    let buf = spill::encode(list.iter().map(|f| {
        let at = Place {
            line: f.line,
            column: f.column,
            end_line: f.end_line,
            end_column: f.end_column,
        };
        (&f.diagnostic, at, f.labels.as_slice())
    }));
    spill.append(&buf).ok().map(Stored::Spilled)
}

/// A finding of the corpus stage, placed.
type PlacedFound = (Found, Placed);

/// Places the corpus stage's findings and their labels (which may point into other files),
/// reading each file's text once; groups them by file. The second list holds, for each file
/// whose text could not be read, why.
fn place_found(
    found: Vec<Found>,
    n: usize,
    texts: &Texts,
) -> (Vec<Vec<PlacedFound>>, Vec<Option<String>>) {
    // What each file is read for: a finding's own place (label `None`) or a label's.
    let mut targets: Vec<Vec<(usize, Option<usize>)>> = vec![Vec::new(); n];
    for (x, f) in found.iter().enumerate() {
        if let Some(t) = targets.get_mut(f.file) {
            t.push((x, None));
        }
        for (l, label) in f.diagnostic.labels.iter().enumerate() {
            if let Some(t) = targets.get_mut(label.file.unwrap_or(f.file)) {
                t.push((x, Some(l)));
            }
        }
    }
    let mut places: Vec<Placed> = found
        .iter()
        .map(|f| Placed {
            at: Place::UNKNOWN,
            labels: vec![Place::UNKNOWN; f.diagnostic.labels.len()],
        })
        .collect();
    let mut unreadable = vec![None; n];
    for (j, t) in targets.iter().enumerate() {
        if t.is_empty() {
            continue;
        }
        match texts.get(j) {
            Ok(text) => {
                let index = LineIndex::new(&text);
                for &(x, l) in t {
                    let Some(f) = found.get(x) else { continue };
                    let span = match l {
                        None => f.diagnostic.span,
                        Some(l) => {
                            f.diagnostic.labels.get(l).map_or_else(Span::default, |x| x.span)
                        }
                    };
                    let at = place(&text, &index, span);
                    if let Some(p) = places.get_mut(x) {
                        match l {
                            None => p.at = at,
                            Some(l) => {
                                if let Some(slot) = p.labels.get_mut(l) {
                                    *slot = at;
                                }
                            }
                        }
                    }
                }
            }
            Err(message) => {
                if let Some(u) = unreadable.get_mut(j) {
                    *u = Some(message);
                }
            }
        }
    }
    let mut late: Vec<Vec<PlacedFound>> = (0..n).map(|_| Vec::new()).collect();
    for (f, p) in found.into_iter().zip(places) {
        if let Some(list) = late.get_mut(f.file) {
            list.push((f, p));
        }
    }
    (late, unreadable)
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
pub(crate) fn place(text: &str, lines: &LineIndex, span: Span) -> Place {
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
