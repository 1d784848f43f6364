//! The RBAC analysis on the real-world corpus (`shared/corpus/real`): every project loads and
//! analyses without error. `cargo test --test rbac_corpus -- --ignored --nocapture` prints the
//! paths of each file on its own (most corpus files are standalone installs).

use kubeward::rbac::{self, K8sVersion, PathOptions, RbacInput};
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("KUBEWARD_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/real"),
        PathBuf::from,
    );
    dir.is_dir().then_some(dir)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml" || e == "json") {
            out.push(p);
        }
    }
}

fn load(root: &Path, paths: &[PathBuf]) -> RbacInput {
    let mut input = RbacInput::with_builtin(K8sVersion::LATEST);
    for (i, p) in paths.iter().enumerate() {
        let Ok(text) = std::fs::read_to_string(p) else { continue };
        let name = p.strip_prefix(root).unwrap_or(p).to_string_lossy().into_owned();
        input.add_manifests(&name, i, &text);
    }
    input
}

#[test]
fn every_project_analyses() {
    let Some(root) = corpus() else { return };
    let mut projects: Vec<PathBuf> = std::fs::read_dir(&root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    projects.sort();
    assert!(!projects.is_empty());
    for project in projects {
        let mut paths = Vec::new();
        files(&project, &mut paths);
        let analysis = rbac::analyze(&load(&root, &paths), &PathOptions::default());
        let json = rbac::render::json(&analysis.paths);
        assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok(), "{}", project.display());
    }
}

#[test]
#[ignore = "prints the paths of each corpus file with RBAC objects"]
fn print_corpus_paths() {
    let Some(root) = corpus() else { return };
    let mut paths = Vec::new();
    files(&root, &mut paths);
    for p in paths {
        let input = load(&root, std::slice::from_ref(&p));
        let analysis = rbac::analyze(&input, &PathOptions::default());
        if !analysis.paths.is_empty() {
            println!(
                "===== {}\n{}",
                p.strip_prefix(&root).unwrap_or(&p).display(),
                rbac::render::human(&analysis.paths)
            );
        }
    }
}

/// Inputs built per file (as `kubeward rbac` builds them, in parallel) and appended in file
/// order analyse exactly as one input reading the files in turn: the whole corpus together, with
/// every path (`--all`) and a who-can question compared.
#[test]
fn inputs_appended_in_order_equal_one_read_in_turn() {
    let Some(root) = corpus() else { return };
    let mut paths = Vec::new();
    files(&root, &mut paths);
    let whole = load(&root, &paths);
    let mut appended = RbacInput::with_builtin(K8sVersion::LATEST);
    for (i, p) in paths.iter().enumerate() {
        let Ok(text) = std::fs::read_to_string(p) else { continue };
        let name = p.strip_prefix(&root).unwrap_or(p).to_string_lossy().into_owned();
        let mut part = RbacInput::new();
        let _issues = part.read_manifests(&name, i, &text);
        appended.append(part);
    }
    let all = PathOptions { all: true, ..PathOptions::default() };
    let (a, b) = (rbac::analyze(&whole, &all), rbac::analyze(&appended, &all));
    assert!(a.paths.len() > 10, "{} paths", a.paths.len());
    assert_eq!(rbac::render::json(&a.paths), rbac::render::json(&b.paths));
    let who = |input: RbacInput| {
        let authz = rbac::Authorizer::from_input(input);
        rbac::render::who_can(&rbac::query::who_can(&authz, "get", "secrets", None).unwrap())
    };
    let answer = who(whole);
    assert!(answer.lines().count() > 10, "{answer}");
    assert_eq!(answer, who(appended));
}
