//! `kubeward rbac paths | who-can | can-i | graph`: reading the files and mapping arguments onto
//! the core's RBAC engine (`kubeward::rbac`), which does every bit of the analysis and rendering.

use crate::args::{
    GraphFormat, PathFilterArgs, PathsFormat, RbacArgs, RbacCanIArgs, RbacCommand, RbacGraphArgs,
    RbacInputArgs, RbacPathsArgs, RbacWhoCanArgs,
};
use crate::walk::{self, Input};
use crate::{Exit, discover, err, out};
use kubeward::config::Config;
use kubeward::rbac::{self, NodeKey, PathOptions, RbacInput, query, render};
use kubeward::source::{self, Limits, LineIndex, SourceIssue};
use rayon::prelude::*;
use std::io::Read as _;

pub fn run(args: &RbacArgs) -> Exit {
    match &args.command {
        RbacCommand::Paths(a) => paths(a),
        RbacCommand::Graph(a) => graph(a),
        RbacCommand::WhoCan(a) => who_can(a),
        RbacCommand::CanI(a) => can_i(a),
    }
}

/// A file to analyse: its path as shown, and its bytes (`None`: still to be read from disk) or
/// why it could not be read.
type Pending = (String, Option<Bytes>);
/// A file's bytes, or why it could not be read.
type Bytes = Result<Vec<u8>, String>;

/// Reads the config and every file, and builds the engine's input. Files that do not read or
/// parse are reported on stderr and the run goes on; a path named on the command line that does
/// not exist is a usage error.
fn load(args: &RbacInputArgs) -> Result<(RbacInput, Config), Exit> {
    let config = discover::load(args.config.as_deref(), args.no_config)?;
    let paths = if args.files.is_empty() { vec![".".to_owned()] } else { args.files.clone() };
    let mut pending: Vec<Pending> = Vec::new();
    for input in walk::expand(&paths, &config) {
        match input {
            Input::Stdin => {
                let mut buf = Vec::new();
                let bytes = std::io::stdin()
                    .lock()
                    .read_to_end(&mut buf)
                    .map(|_| buf)
                    .map_err(|e| format!("cannot read standard input: {e}"));
                pending.push(("<stdin>".to_owned(), Some(bytes)));
            }
            Input::File(path) => pending.push((path, None)),
            Input::Error { message, explicit: true, .. } => {
                err(&format!("error: {message}\n"));
                return Err(Exit::Usage);
            }
            Input::Error { path, message, explicit: false } => {
                pending.push((path, Some(Err(message))));
            }
        }
    }
    // Each file is read, parsed once and turned into the engine's facts in parallel; the parts
    // are then appended in file order, which gives the input reading them in turn would.
    let limits = Limits::default();
    let parts: Vec<(Vec<String>, RbacInput)> = pending
        .into_par_iter()
        .enumerate()
        .map(|(index, (path, bytes))| {
            let bytes = bytes.unwrap_or_else(|| {
                std::fs::read(&path).map_err(|e| format!("cannot read {path}: {e}"))
            });
            let mut part = RbacInput::new();
            let problems = match bytes.as_deref().map(|b| source::decode(b, &limits)) {
                Ok(Ok(text)) => {
                    let issues = part.read_manifests(&path, index, text);
                    reading_problems(&path, Some(text), &issues)
                }
                Ok(Err(issue)) => reading_problems(&path, None, &[issue]),
                Err(message) => vec![format!("warning: {message}; skipped\n")],
            };
            (problems, part)
        })
        .collect();
    let mut input =
        if args.no_builtin { RbacInput::new() } else { RbacInput::with_builtin(args.k8s_version) };
    input.set_version(args.k8s_version);
    for (problems, part) in parts {
        for p in problems {
            err(&p);
        }
        input.append(part);
    }
    Ok((input, config))
}

/// The reader's issues in one file (bad encoding, syntax errors, Helm templates, …), one line
/// each: objects in the documents they affect are not analysed. `text` is `None` when the bytes
/// did not decode.
fn reading_problems(path: &str, text: Option<&str>, issues: &[SourceIssue]) -> Vec<String> {
    let lines = text.filter(|_| !issues.is_empty()).map(LineIndex::new);
    issues
        .iter()
        .map(|issue| {
            let (line, col) = lines.as_ref().map_or((1, 1), |l| l.line_col(issue.span.start));
            format!("warning: {path}:{line}:{col}: {} [{}]\n", issue.message, issue.kind.rule_id())
        })
        .collect()
}

fn path_options(filter: &PathFilterArgs, config: &Config) -> PathOptions {
    PathOptions {
        from: filter.from.clone(),
        to: filter.to,
        all: filter.all,
        trusted: config.trusted_subjects.clone(),
    }
}

fn paths(args: &RbacPathsArgs) -> Exit {
    let (input, config) = match load(&args.input) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let options = path_options(&args.filter, &config);
    let analysis = rbac::analyze_owned(input, &options);
    out(&match args.format {
        PathsFormat::Human => render::human(&analysis.paths),
        PathsFormat::Json => render::json(&analysis.paths),
        PathsFormat::Dot => render::dot(&analysis.paths),
        PathsFormat::Mermaid => render::mermaid(&analysis.paths),
    });
    // Findings are paths from subjects that are not trusted (whatever `--all`/`--from` showed).
    let strict = PathOptions { all: false, ..options };
    let untrusted = analysis.paths.iter().any(|p| {
        let builtin = analysis
            .graph
            .node(&NodeKey::Subject(p.subject.clone()))
            .and_then(|i| analysis.graph.graph.node_weight(i))
            .is_some_and(|n| n.builtin);
        !rbac::paths::is_trusted(&p.subject, builtin, &strict)
    });
    if untrusted { Exit::Findings } else { Exit::Clean }
}

fn graph(args: &RbacGraphArgs) -> Exit {
    let (input, config) = match load(&args.input) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let analysis = rbac::analyze_owned(input, &path_options(&args.filter, &config));
    out(&match args.format {
        GraphFormat::Dot => render::dot(&analysis.paths),
        GraphFormat::Mermaid => render::mermaid(&analysis.paths),
    });
    Exit::Clean
}

fn who_can(args: &RbacWhoCanArgs) -> Exit {
    let (input, _) = match load(&args.input) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let authz = rbac::Authorizer::from_input(input);
    match query::who_can(&authz, &args.verb, &args.resource, args.namespace.as_deref()) {
        Ok(entries) => {
            out(&render::who_can(&entries));
            Exit::Clean
        }
        Err(e) => {
            err(&format!("error: {e}\n"));
            Exit::Usage
        }
    }
}

fn can_i(args: &RbacCanIArgs) -> Exit {
    let (input, _) = match load(&args.input) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let authz = rbac::Authorizer::from_input(input);
    let ns = args.namespace.as_deref();
    if args.list {
        out(&render::rules(&query::list(&authz, &args.as_user, &args.as_group, ns)));
        return Exit::Clean;
    }
    let (Some(verb), Some(resource)) = (&args.verb, &args.resource) else {
        err("error: VERB and RESOURCE are required without --list\n");
        return Exit::Usage;
    };
    match query::can_i_with(&authz, verb, resource, ns, &args.as_user, &args.as_group) {
        Ok((true, _)) => {
            out("yes\n");
            Exit::Clean
        }
        Ok((false, _)) => {
            out("no\n");
            Exit::Findings
        }
        Err(e) => {
            err(&format!("error: {e}\n"));
            Exit::Usage
        }
    }
}
