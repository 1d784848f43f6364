//! GitHub Actions workflow commands: one annotation per finding,
//! `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=<rule>::<message>` (`warning` and
//! `notice` by severity), then the summary line as plain log text.
//!
//! Escaping follows the Actions runner: in the message (data) `%`, `\r` and `\n` become `%25`,
//! `%0D` and `%0A`; in property values `:` and `,` also become `%3A` and `%2C`. Columns are given
//! only for single-line findings (GitHub ignores them otherwise) and are inclusive, as in our JSON.

use super::{Finding, Report, artifact_path, human::summary_line};
use crate::diagnostic::Severity;
use std::fmt::Write as _;
use std::io;

/// GitHub shows at most this many annotations of each kind per step.
pub const SHOWN_PER_KIND: usize = 10;

/// Escapes a command's data (the message).
#[must_use]
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command property's value.
#[must_use]
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The command for a severity.
#[must_use]
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One finding as a workflow command line (without the newline).
#[must_use]
pub fn annotation(report: &Report, f: &Finding) -> String {
    let d = &f.diagnostic;
    let mut props = Vec::new();
    if let Some(file) = report.files.get(f.file) {
        props.push(format!("file={}", escape_property(&artifact_path(&file.path))));
    }
    props.push(format!("line={}", f.line));
    props.push(format!("endLine={}", f.end_line));
    if f.line == f.end_line {
        props.push(format!("col={}", f.column));
        props.push(format!("endColumn={}", f.end_column));
    }
    props.push(format!("title={}", escape_property(d.rule)));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    let _ = write!(message, "\n{}", crate::rules::rule_url(d.rule));
    format!("::{} {}::{}", command(d.severity), props.join(","), escape_data(&message))
}

/// Writes every finding as an annotation, a notice when GitHub will not show them all, and the
/// summary line, to `w`. Give it a buffered writer.
///
/// # Errors
/// The writer's errors.
pub fn write(report: &Report, w: &mut impl io::Write) -> io::Result<()> {
    let mut counts = [0usize; 3];
    report.visit(false, io::Error::other, |f| {
        counts[f.diagnostic.severity as usize] += 1;
        writeln!(w, "{}", annotation(report, f))
    })?;
    if counts.iter().any(|&n| n > SHOWN_PER_KIND) {
        writeln!(
            w,
            "::notice title=kubeward::{}",
            escape_data(&format!(
                "{} findings: GitHub shows only the first {SHOWN_PER_KIND} annotations of each kind; the log above and the SARIF upload have them all",
                counts.iter().sum::<usize>()
            ))
        )?;
    }
    w.write_all(summary_line(report).as_bytes())
}

/// Renders every finding as an annotation, a notice when GitHub will not show them all, and the
/// summary line.
#[must_use]
pub fn render(report: &Report) -> String {
    super::to_string(|w| write(report, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("100%\r\nof a: b, c"), "100%25%0D%0Aof a: b, c");
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        // `%` is escaped first: an existing `%3A` is not mistaken for an escape.
        assert_eq!(escape_property("%3A"), "%253A");
    }
}
