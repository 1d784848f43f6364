//! The `kubeward` command line: argument parsing, file walking, parallel linting, exit codes.
//! All analysis and rendering lives in the core crate.
#![forbid(unsafe_code)]

mod args;
mod commands;
mod discover;
mod lsp;
mod walk;

use clap::Parser as _;
use std::io::Write as _;
use std::process::ExitCode;

/// Exit codes (DESIGN.md): 0 no finding at or above `--min-severity`, 1 findings, 2 usage error
/// or unreadable path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Clean = 0,
    Findings = 1,
    Usage = 2,
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub fn out(s: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(s.as_bytes());
    let _ = stdout.flush();
}

/// Writes to stderr.
pub fn err(s: &str) {
    let _ = std::io::stderr().lock().write_all(s.as_bytes());
}

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { Exit::Usage } else { Exit::Clean };
            let _ = e.print();
            return ExitCode::from(code as u8);
        }
    };
    let code = match cli.command {
        args::Command::Lint(a) => commands::lint::run(&a),
        args::Command::Rules(a) => commands::rules::run(&a),
        args::Command::Explain(a) => commands::rules::explain(&a),
        args::Command::Lsp => lsp::run(),
        args::Command::Rbac(a) => commands::rbac::run(&a),
    };
    ExitCode::from(code as u8)
}
