//! Human output: miette diagnostics with the source snippet, a label on the exact value, help
//! and the rule's URL, then a summary line.

use super::{Finding, Report};
use crate::diagnostic::Severity;
use crate::rules::rule_url;
use crate::source::LineIndex;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, NamedSource, SourceCode, SourceSpan, SpanContents,
};
use std::fmt::Write as _;
use std::io;
use std::sync::Arc;

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// ANSI colours.
    pub color: bool,
    /// Terminal width.
    pub width: usize,
    /// OSC-8 hyperlinks for URLs (terminals that support them).
    pub links: bool,
}

impl Default for HumanOptions {
    fn default() -> Self {
        Self { color: false, width: 100, links: false }
    }
}

fn to_source_span(span: crate::source::Span) -> SourceSpan {
    SourceSpan::new((span.start as usize).into(), span.len())
}

/// A file's text as miette reads it, with the text's line index. miette reads a snippet by
/// going through the text from its start to the span: for the findings of one large file that
/// is quadratic (2.3 s for the 1,361 findings of a 900 KB file). Here it reads a window of whole
/// lines around the span instead, which gives the same snippet with the same line numbers.
#[derive(Clone)]
struct Windowed {
    text: Arc<str>,
    lines: Arc<LineIndex>,
}

impl Windowed {
    fn new(text: Arc<str>) -> Self {
        let lines = Arc::new(LineIndex::new(&text));
        Self { text, lines }
    }

    /// The text of a finding's file, when it has one to show (`None`: no snippet).
    fn of(report: &Report, file: usize) -> Option<Self> {
        report.text(file).filter(|t| !t.is_empty()).map(Self::new)
    }

    /// 0-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.lines.line_col(u32_of(offset)).0.saturating_sub(1) as usize
    }
}

/// Lines more than miette's context on each side of a span in the window it reads (its line
/// counting must see a line's start, and its context ends past a line's end).
const WINDOW_MARGIN: usize = 2;

impl SourceCode for Windowed {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (start, end) = (span.offset(), span.offset().saturating_add(span.len()));
        let first = self.line_of(start).saturating_sub(before.saturating_add(WINDOW_MARGIN));
        let last = self.line_of(end).saturating_add(after.saturating_add(WINDOW_MARGIN));
        // From the start of line `first` (of the text: a byte order mark is not skipped, as
        // miette does not skip it) to the start of the line after `last`.
        let from = if first == 0 { 0 } else { self.lines.line_start(u32_of(first + 1)) };
        let to = if last + 1 >= self.lines.line_count() {
            self.text.len()
        } else {
            self.lines.line_start(u32_of(last + 2))
        };
        let window = match self.text.get(from..to) {
            Some(w) if end <= to && start >= from => w,
            // Outside the text: miette's own answer on the whole of it.
            _ => return self.text.read_span(span, before, after),
        };
        let inner = SourceSpan::new((start - from).into(), span.len());
        let c = window.read_span(&inner, before, after)?;
        // miette's line numbers and line count start at the window: shift them by its first
        // line, and its offsets by its first byte.
        Ok(Box::new(MietteSpanContents::new(
            c.data(),
            SourceSpan::new((c.span().offset() + from).into(), c.span().len()),
            c.line() + first,
            c.column(),
            c.line_count() + first,
        )))
    }
}

fn u32_of(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// Renders one finding.
#[must_use]
pub fn render_finding(report: &Report, f: &Finding, opts: HumanOptions) -> String {
    render_with(report, f, opts, Windowed::of(report, f.file))
}

/// [`render_finding`], with the finding's file's text (`None`: no snippet).
fn render_with(
    report: &Report,
    f: &Finding,
    opts: HumanOptions,
    source: Option<Windowed>,
) -> String {
    let d = &f.diagnostic;
    let Some(file) = report.files.get(f.file) else { return String::new() };
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let mut diag = MietteDiagnostic::new(d.message.clone())
        .with_code(d.rule)
        .with_severity(severity)
        .with_url(rule_url(d.rule));
    if let Some(help) = &d.help {
        diag = diag.with_help(help.clone());
    }
    let mut labels = Vec::new();
    if source.is_some() {
        let label = d.field.clone().unwrap_or_else(|| "here".to_owned());
        labels.push(LabeledSpan::new_primary_with_span(Some(label), to_source_span(d.span)));
        for l in d.labels.iter().filter(|l| l.file.is_none_or(|i| i == f.file)) {
            labels
                .push(LabeledSpan::new_with_span(Some(l.message.clone()), to_source_span(l.span)));
        }
    }
    diag = diag.with_labels(labels);
    let theme =
        if opts.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler =
        GraphicalReportHandler::new_themed(theme).with_width(opts.width).with_links(opts.links);
    let location = format!("{}:{}:{}", file.path, f.line, f.column);
    let mut out = String::new();
    let snippet = source.is_some();
    let report_obj = match source {
        None => miette::Report::new(diag),
        Some(source) => miette::Report::new(diag)
            .with_source_code(NamedSource::new(&file.path, source).with_language("yaml")),
    };
    if handler.render_report(&mut out, report_obj.as_ref()).is_err() {
        let _ = writeln!(out, "{location}: {}: {} [{}]", d.severity, d.message, d.rule);
    } else if !snippet {
        out = format!("{location}\n{out}");
    }
    out
}

/// Renders every finding, then the summary line.
#[must_use]
pub fn render(report: &Report, opts: HumanOptions) -> String {
    super::to_string(|w| write(report, opts, w))
}

/// Why writing stopped: a spilled file's findings could not be read back, or the writer failed.
enum Stop {
    Read(String),
    Write(io::Error),
}

/// [`render`], written to `w` finding by finding: a large report is never held as one string.
/// Give it a buffered writer.
///
/// # Errors
/// The writer's errors.
pub fn write(report: &Report, opts: HumanOptions, w: &mut impl io::Write) -> io::Result<()> {
    // Findings come file by file: each file's text (read again when it was released) and line
    // index are made once, for all of its findings. One that cannot be read again is rendered
    // without snippets.
    let mut current: Option<(usize, Option<Windowed>)> = None;
    let written = report.visit(false, Stop::Read, |f| {
        let source = match &current {
            Some((file, source)) if *file == f.file => source.clone(),
            _ => {
                let source = Windowed::of(report, f.file);
                current = Some((f.file, source.clone()));
                source
            }
        };
        w.write_all(render_with(report, f, opts, source).as_bytes())
            .and_then(|()| w.write_all(b"\n"))
            .map_err(Stop::Write)
    });
    match written {
        Ok(()) => {}
        // Findings that could not be read back are said to be missing, in the output itself.
        Err(Stop::Read(e)) => w.write_all(format!("error: {e}\n").as_bytes())?,
        Err(Stop::Write(e)) => return Err(e),
    }
    w.write_all(summary_line(report).as_bytes())
}

/// `3 errors, 5 warnings, 0 infos in 2 files (9 objects, 1 skipped, 1 suppressed)`.
#[must_use]
pub fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}, {} in {} ({} in {}, {}, {})\n",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
        plural(s.files, "file", "files"),
        plural(s.objects, "object", "objects"),
        plural(s.documents, "document", "documents"),
        plural(s.skipped, "skipped", "skipped"),
        plural(s.suppressed, "suppressed", "suppressed"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// miette's answer for a span, comparable.
    fn contents(
        source: &dyn SourceCode,
        span: SourceSpan,
        before: usize,
        after: usize,
    ) -> Option<(Vec<u8>, usize, usize, usize, usize, usize)> {
        let c = source.read_span(&span, before, after).ok()?;
        Some((
            c.data().to_vec(),
            c.span().offset(),
            c.span().len(),
            c.line(),
            c.column(),
            c.line_count(),
        ))
    }

    /// The window gives miette's answer on the whole text, for every span and context size, over
    /// texts with each kind of line end, a byte order mark, blank lines and wide characters.
    #[test]
    fn a_window_reads_as_the_whole_text() {
        let texts = [
            "a: 1\nb: 2\n\nc:\n  d: 3\n  e: 4\nf: 5\ng: 6\nh: 7\ni: 8\n".to_owned(),
            "a: 1\r\nb: 2\r\n\r\nc:\r\n  d: 3\r\n  e: 4\r\nf: 5\r\ng: 6\r\nh: 7".to_owned(),
            "a: 1\rb: 2\r\rc: 3\nd: 4\r\ne: 5\rf: 6".to_owned(),
            "\u{feff}a: 1\nb: ñ𝄞\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\n".to_owned(),
            (0..40).map(|i| format!("k{i}: v{i}\n")).collect(),
        ];
        for text in texts {
            let whole: Arc<str> = Arc::from(text.as_str());
            let window = Windowed::new(whole.clone());
            let mut compared = 0;
            for start in 0..=text.len() {
                for len in [0, 1, 3, 12] {
                    let end = start + len;
                    if end > text.len()
                        || !text.is_char_boundary(start)
                        || !text.is_char_boundary(end)
                    {
                        continue;
                    }
                    for (before, after) in [(0, 0), (1, 1), (2, 3), (3, 2)] {
                        let span = SourceSpan::new(start.into(), len);
                        let expected = contents(&whole, span, before, after);
                        assert_eq!(
                            contents(&window, span, before, after),
                            expected,
                            "{text:?} at {start}+{len}, context {before}/{after}"
                        );
                        compared += 1;
                    }
                }
            }
            assert!(compared > 100);
        }
    }
}
