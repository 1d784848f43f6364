//! Command-line arguments (DESIGN.md "CLI contract").

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "kubeward",
    version,
    about = "Static security linter for Kubernetes manifests and RBAC",
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files, folders (recursively: .yaml, .yml, .json) or standard input (`-`)
    Lint(LintArgs),
    /// List the rules
    Rules(RulesArgs),
    /// Show one rule's documentation
    Explain(ExplainArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinSeverity {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files, folders or `-` for standard input (default: the current folder)
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Config file (default: the nearest .kubeward.yaml upwards from the working directory)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Pod Security Standards version: `latest` or `v1.0` … `v1.37`
    #[arg(long, value_name = "VERSION")]
    pub pss_version: Option<String>,
    /// Leave out findings below this severity [default: warning]
    #[arg(long, value_enum)]
    pub min_severity: Option<MinSeverity>,
    /// Ignore .kubeward.yaml
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id (`pss-privileged`)
    pub rule: String,
}
