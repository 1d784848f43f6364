//! Human output: miette diagnostics with the source snippet, a label on the exact value, help
//! and the rule's URL, then a summary line.

use super::{Finding, Report};
use crate::diagnostic::Severity;
use crate::rules::rule_url;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, SourceSpan,
};
use std::fmt::Write as _;

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

/// Renders one finding.
#[must_use]
pub fn render_finding(report: &Report, f: &Finding, opts: HumanOptions) -> String {
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
    if !file.text.is_empty() {
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
    let report_obj = if file.text.is_empty() {
        miette::Report::new(diag)
    } else {
        miette::Report::new(diag)
            .with_source_code(NamedSource::new(&file.path, file.text.clone()).with_language("yaml"))
    };
    if handler.render_report(&mut out, report_obj.as_ref()).is_err() {
        let _ = writeln!(out, "{location}: {}: {} [{}]", d.severity, d.message, d.rule);
    } else if file.text.is_empty() {
        out = format!("{location}\n{out}");
    }
    out
}

/// Renders every finding, then the summary line.
#[must_use]
pub fn render(report: &Report, opts: HumanOptions) -> String {
    let mut out = String::new();
    let read = report.visit(
        false,
        |e| e,
        |f| {
            out.push_str(&render_finding(report, f, opts));
            out.push('\n');
            Ok(())
        },
    );
    if let Err(e) = read {
        out.push_str(&format!("error: {e}\n"));
    }
    out.push_str(&summary_line(report));
    out
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
