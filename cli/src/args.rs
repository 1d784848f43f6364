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
    /// RBAC analysis: escalation paths, who-can, can-i and the permission graph
    Rbac(RbacArgs),
    /// Language server on standard input and output (for editors)
    Lsp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    /// SARIF 2.1.0 for code scanning
    Sarif,
    /// GitHub Actions annotations (workflow commands)
    Github,
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
    /// With --format sarif: describe every rule in tool.driver.rules, not only those that fired
    #[arg(long)]
    pub sarif_all_rules: bool,
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
    /// With --format markdown: write one page per rule (`<DIR>/<id>.md`) and the index
    /// (`<DIR>/README.md`) instead of printing (`kubeward rules --format markdown --out docs/rules`)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id (`pss-privileged`)
    pub rule: String,
}

// ---- `kubeward rbac` ----

#[derive(Debug, Args)]
pub struct RbacArgs {
    #[command(subcommand)]
    pub command: RbacCommand,
}

#[derive(Debug, Subcommand)]
pub enum RbacCommand {
    /// Escalation paths from subjects to cluster-admin, node or secrets (exit 1 when a
    /// non-trusted subject has one)
    Paths(RbacPathsArgs),
    /// Every subject allowed to do VERB on RESOURCE, with the binding and rule that allow it
    WhoCan(RbacWhoCanArgs),
    /// Whether a user may do VERB on RESOURCE: prints yes or no, exits 0 or 1
    CanI(RbacCanIArgs),
    /// The permission graph of the escalation paths, as Graphviz dot or Mermaid
    Graph(RbacGraphArgs),
}

/// What every `rbac` subcommand reads.
#[derive(Debug, Args)]
pub struct RbacInputArgs {
    /// Files, folders (recursively: .yaml, .yml, .json) or `-` for standard input; repeatable
    /// [default: the current folder]
    #[arg(short = 'f', long = "filename", value_name = "PATH", num_args = 1.., action = clap::ArgAction::Append)]
    pub files: Vec<String>,
    /// Kubernetes version whose RBAC facts apply: `latest` or `v1.NN`
    #[arg(long, value_name = "VERSION", default_value = "latest", value_parser = parse_k8s_version)]
    pub k8s_version: kubeward::rbac::K8sVersion,
    /// Leave out Kubernetes' default roles and bindings (the bootstrap policy)
    #[arg(long)]
    pub no_builtin: bool,
    /// Config file (default: the nearest .kubeward.yaml upwards from the working directory)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore .kubeward.yaml
    #[arg(long)]
    pub no_config: bool,
}

/// Which paths to report or draw.
#[derive(Debug, Args)]
pub struct PathFilterArgs {
    /// Only paths from this subject: `system:serviceaccount:NS:NAME`, `user:NAME` or `group:NAME`
    #[arg(long, value_name = "SUBJECT", value_parser = parse_subject)]
    pub from: Option<kubeward::rbac::SubjectRef>,
    /// Only paths to this target: `cluster-admin`, `node` or `secrets`
    #[arg(long, value_name = "TARGET", value_parser = parse_target)]
    pub to: Option<kubeward::rbac::Target>,
    /// Also report trusted subjects (system:masters, nodes, control-plane identities,
    /// `trustedSubjects` of the config)
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PathsFormat {
    Human,
    Json,
    Dot,
    Mermaid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Dot,
    Mermaid,
}

#[derive(Debug, Args)]
pub struct RbacPathsArgs {
    #[command(flatten)]
    pub input: RbacInputArgs,
    #[command(flatten)]
    pub filter: PathFilterArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = PathsFormat::Human)]
    pub format: PathsFormat,
}

#[derive(Debug, Args)]
pub struct RbacGraphArgs {
    #[command(flatten)]
    pub input: RbacInputArgs,
    #[command(flatten)]
    pub filter: PathFilterArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
}

#[derive(Debug, Args)]
pub struct RbacWhoCanArgs {
    /// The verb (`get`, `create`, `impersonate`, `*`)
    pub verb: String,
    /// `RESOURCE[.GROUP][/SUBRESOURCE]` as kubectl takes it (`pods/exec`, `deploy`), or a
    /// non-resource URL starting with `/`
    pub resource: String,
    /// Namespace of the request [default: cluster-wide]
    #[arg(short = 'n', long, value_name = "NS")]
    pub namespace: Option<String>,
    #[command(flatten)]
    pub input: RbacInputArgs,
}

#[derive(Debug, Args)]
pub struct RbacCanIArgs {
    /// The verb (`get`, `create`, `impersonate`, `*`)
    #[arg(required_unless_present = "list")]
    pub verb: Option<String>,
    /// `RESOURCE[.GROUP][/SUBRESOURCE]` as kubectl takes it (`pods/exec`, `deploy`), or a
    /// non-resource URL starting with `/`
    #[arg(required_unless_present = "list")]
    pub resource: Option<String>,
    /// The user asking (`alice`, `system:serviceaccount:NS:NAME`)
    #[arg(long = "as", value_name = "USER")]
    pub as_user: String,
    /// A group of the user; repeatable
    #[arg(long = "as-group", value_name = "GROUP")]
    pub as_group: Vec<String>,
    /// Namespace of the request [default: cluster-wide]
    #[arg(short = 'n', long, value_name = "NS")]
    pub namespace: Option<String>,
    /// List the user's effective rules, each with the binding that grants it
    #[arg(long, conflicts_with_all = ["verb", "resource"])]
    pub list: bool,
    #[command(flatten)]
    pub input: RbacInputArgs,
}

fn parse_k8s_version(s: &str) -> Result<kubeward::rbac::K8sVersion, String> {
    kubeward::rbac::K8sVersion::parse(s)
        .ok_or_else(|| format!("expected `latest` or v1.NN (for example v1.34), not {s:?}"))
}

/// SUBJECT (DESIGN.md): `system:serviceaccount:NS:NAME`, `user:NAME` or `group:NAME` (and the
/// core's `serviceaccount:NS/NAME`).
fn parse_subject(s: &str) -> Result<kubeward::rbac::SubjectRef, String> {
    const SYNTAX: &str = "expected system:serviceaccount:NS:NAME, user:NAME or group:NAME";
    let valid = if s.starts_with(kubeward::rbac::subject::SA_PREFIX) {
        kubeward::rbac::subject::parse_sa_user(s).is_some()
    } else {
        ["user:", "group:", "serviceaccount:"].iter().any(|p| s.starts_with(p))
    };
    match kubeward::rbac::SubjectRef::parse(s) {
        Some(subject) if valid => Ok(subject),
        _ => Err(format!("invalid subject {s:?}: {SYNTAX}")),
    }
}

fn parse_target(s: &str) -> Result<kubeward::rbac::Target, String> {
    kubeward::rbac::Target::parse(s)
        .ok_or_else(|| format!("invalid target {s:?}: expected cluster-admin, node or secrets"))
}
