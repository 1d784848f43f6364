//! Helpers shared by the core's integration tests.
#![allow(dead_code)]

use kubeward::config::Config;
use kubeward::lint::{LintOptions, finish, lint_text, parse_pss_version};
use kubeward::report::{Report, human};

/// One case of a fixture file: the text from a `# expect: fail|pass` line to the next.
pub struct Case {
    pub fails: bool,
    pub text: String,
    /// 1-based line of the case's first line in the fixture file.
    pub first_line: usize,
    pub options: LintOptions,
}

/// Splits a fixture into cases. Directly under the `# expect:` line, optional lines
/// `# pss-version: v1.25` and `# config: {…}` set the case's options.
pub fn cases(text: &str) -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if let Some(v) = line.trim_end().strip_prefix("# expect: ") {
            let fails = match v.trim() {
                "fail" => true,
                "pass" => false,
                other => panic!("line {}: expect must be fail or pass, not {other}", i + 1),
            };
            out.push(Case {
                fails,
                text: String::new(),
                first_line: i + 1,
                options: LintOptions::default(),
            });
        }
        let Some(case) = out.last_mut() else {
            assert!(
                line.trim().is_empty() || line.starts_with('#'),
                "line {}: content before the first `# expect:`",
                i + 1
            );
            continue;
        };
        if let Some(v) = line.trim_end().strip_prefix("# pss-version: ") {
            case.options.pss_minor = parse_pss_version(v.trim()).expect("valid pss-version");
        }
        if let Some(v) = line.trim_end().strip_prefix("# config: ") {
            case.options.config =
                Config::parse(v).unwrap_or_else(|e| panic!("bad config on line {}: {e:?}", i + 1));
        }
        case.text.push_str(line);
    }
    out
}

/// Lints a text as one file with the given options (every finding, info included).
pub fn lint(path: &str, text: &str, options: &LintOptions) -> Report {
    let mut options = options.clone();
    options.min_severity = kubeward::diagnostic::Severity::Info;
    let file = lint_text(path, text, &options);
    finish(vec![file], &options)
}

/// The snapshot form of the findings of one rule: the miette rendering, then one line each.
pub fn render(report: &Report, rule: Option<&str>) -> String {
    let opts = human::HumanOptions { color: false, width: 100, links: false };
    let mut s = String::new();
    let keep = |f: &&kubeward::report::Finding| rule.is_none_or(|r| f.diagnostic.rule == r);
    for f in report.findings.iter().chain(&report.suppressed).filter(keep) {
        s.push_str(&human::render_finding(report, f, opts));
    }
    for f in report.findings.iter().chain(&report.suppressed).filter(keep) {
        let d = &f.diagnostic;
        s.push_str(&format!(
            "{}:{}-{}:{} {} {} {}{}\n",
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            d.rule,
            d.severity,
            d.field.as_deref().unwrap_or("-"),
            d.suppressed.as_ref().map(|r| format!(" suppressed({r})")).unwrap_or_default()
        ));
    }
    s
}
