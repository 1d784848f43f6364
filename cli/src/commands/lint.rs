//! `kubeward lint`.

use crate::args::{Format, LintArgs, MinSeverity};
use crate::walk::{self, Input};
use crate::{Exit, discover, err, out_with};
use kubeward::diagnostic::Severity;
use kubeward::lint::{
    FileResult, LintOptions, Reload, finish_reloading, lint_bytes, parse_pss_version,
};
use kubeward::report::spill::Spill;
use kubeward::report::{github, human, json, sarif};
use rayon::prelude::*;
use std::io::{IsTerminal as _, Read as _};
use std::sync::Arc;

pub fn run(args: &LintArgs) -> Exit {
    let config = match discover::load(args.config.as_deref(), args.no_config) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut options = LintOptions::default();
    let pss = args.pss_version.as_deref().or(config.pss_version.as_deref());
    if let Some(v) = pss {
        match parse_pss_version(v) {
            Some(minor) => options.pss_minor = minor,
            None => {
                err(&format!(
                    "error: invalid Pod Security Standards version {v:?}: expected `latest` or v1.0 … v1.{}\n",
                    kubeward::lint::LATEST_PSS_MINOR
                ));
                return Exit::Usage;
            }
        }
    }
    options.min_severity = match args.min_severity {
        Some(MinSeverity::Info) => Severity::Info,
        Some(MinSeverity::Warning) => Severity::Warning,
        Some(MinSeverity::Error) => Severity::Error,
        None => config.min_severity.unwrap_or(Severity::Warning),
    };
    options.config = config;

    let paths = if args.paths.is_empty() { vec![".".to_owned()] } else { args.paths.clone() };
    let inputs = walk::expand(&paths, &options.config);
    let usage_error = inputs.iter().any(|i| matches!(i, Input::Error { explicit: true, .. }));
    // Each file's text is let go once it is linted, and read again at the end only where it is
    // needed: to place the corpus stage's findings in it, and for the human format's source
    // snippets, one file at a time. The run holds one text per thread, not all of them (the
    // memory of a run over a large monorepo).
    // Findings go to a temporary file as each file is linted and are read back one file at a
    // time as the report is written, so that what the run holds does not grow with them. Without
    // a temporary directory they are held.
    let spill = tempfile::tempfile().ok().map(Spill::new);

    let results: Vec<FileResult> = inputs
        .par_iter()
        .map(|input| match input {
            Input::Stdin => {
                let mut buf = Vec::new();
                match std::io::stdin().lock().read_to_end(&mut buf) {
                    Ok(_) => lint_bytes("<stdin>", &buf, &options),
                    Err(e) => FileResult::unreadable(
                        "<stdin>",
                        format!("cannot read standard input: {e}"),
                    ),
                }
            }
            Input::File(path) => match std::fs::read(path) {
                Ok(bytes) => {
                    let mut result = lint_bytes(path, &bytes, &options);
                    result.release_text();
                    if let Some(spill) = &spill {
                        // On a write error (a full disk) the findings stay in memory.
                        let _ = result.spill(spill);
                    }
                    result
                }
                Err(e) => FileResult::unreadable(path, format!("cannot read {path}: {e}")),
            },
            Input::Error { path, message, .. } => FileResult::unreadable(path, message.clone()),
        })
        .collect();
    let reload: Reload = Arc::new(|path: &str| std::fs::read(path));
    let report = finish_reloading(results, &options, Some(reload));
    match args.format {
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100);
            let opts = human::HumanOptions { color, width, links: false };
            out_with(|w| human::write(&report, opts, w));
        }
        Format::Json => out_with(|w| json::write(&report, w)),
        Format::Sarif => out_with(|w| {
            sarif::write(&report, sarif::SarifOptions { all_rules: args.sarif_all_rules }, w)
        }),
        Format::Github => out_with(|w| github::write(&report, w)),
    }
    if usage_error {
        Exit::Usage
    } else if report.max_severity().is_none() {
        Exit::Clean
    } else {
        Exit::Findings
    }
}
