//! A run whose files let their texts go after linting (`FileResult::release_text`, what the CLI
//! does for every format but human) reads each text again to place findings: its JSON, SARIF
//! and GitHub output must be the bytes of a run that held every text, and a file that changed
//! in between must be reported, not given wrong positions.

use kubeward::lint::{FileResult, LintOptions, Reload, finish, finish_reloading, lint_bytes};
use kubeward::report::{Report, github, json, sarif};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml" || e == "json") {
            out.push(path);
        }
    }
}

/// The examples and the rule fixtures: every kind of finding, cross-file labels, suppressions.
fn inputs() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    collect(&root.join("../examples"), &mut paths);
    collect(&root.join("tests/fixtures"), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read input");
            (p.display().to_string(), bytes)
        })
        .collect()
}

fn lint(inputs: &[(String, Vec<u8>)], release: bool, options: &LintOptions) -> Vec<FileResult> {
    inputs
        .iter()
        .map(|(path, bytes)| {
            let mut r = lint_bytes(path, bytes, options);
            if release {
                r.release_text();
            }
            r
        })
        .collect()
}

/// Reads a file again from `files` (the test's stand-in for the disk), counting the reads.
fn reload(files: HashMap<String, Vec<u8>>, reads: Arc<std::sync::Mutex<usize>>) -> Reload {
    Arc::new(move |path: &str| {
        *reads.lock().expect("lock") += 1;
        files.get(path).cloned().ok_or_else(|| std::io::Error::other("gone"))
    })
}

fn outputs(report: &Report) -> [String; 3] {
    [
        json::render(report),
        sarif::render(report, sarif::SarifOptions::default()),
        github::render(report),
    ]
}

#[test]
fn a_run_that_reads_texts_again_writes_the_same_bytes() {
    let options =
        LintOptions { min_severity: kubeward::diagnostic::Severity::Info, ..Default::default() };
    let inputs = inputs();
    let held = finish(lint(&inputs, false, &options), &options);
    let reads = Arc::new(std::sync::Mutex::new(0));
    let disk: HashMap<String, Vec<u8>> = inputs.iter().cloned().collect();
    let released = finish_reloading(
        lint(&inputs, true, &options),
        &options,
        Some(reload(disk, reads.clone())),
    );

    // The inputs exercise what needs a text: findings in most files, and labels that point into
    // another file than their finding's.
    assert!(held.findings.len() > 1000, "{} findings", held.findings.len());
    let cross_file = held
        .findings
        .iter()
        .filter(|f| f.diagnostic.labels.iter().any(|l| l.file.is_some_and(|j| j != f.file)))
        .count();
    assert!(cross_file > 0, "no finding with a label in another file");

    for (a, b) in outputs(&held).iter().zip(&outputs(&released)) {
        assert!(a == b, "output differs once texts are read again");
    }
    // Each file with something to place is read once, not once per finding.
    let with_findings = released
        .files
        .iter()
        .enumerate()
        .filter(|(i, _)| released.findings.iter().chain(&released.suppressed).any(|f| f.file == *i))
        .count();
    let n = *reads.lock().expect("lock");
    assert!(n >= with_findings && n <= inputs.len() * 2, "{n} reads for {with_findings} files");
    assert!(released.files.iter().all(|f| f.text.is_empty()), "a released text is held");
}

#[test]
fn a_file_changed_before_it_is_read_again_is_an_error_and_the_others_are_unchanged() {
    let options = LintOptions::default();
    let pod = b"apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostNetwork: true\n  containers: [{name: a, image: a}]\n";
    let inputs = vec![("a.yaml".to_owned(), pod.to_vec()), ("b.yaml".to_owned(), pod.to_vec())];
    let mut disk: HashMap<String, Vec<u8>> = inputs.iter().cloned().collect();
    disk.insert("b.yaml".into(), b"# edited\n".to_vec());
    let reads = Arc::new(std::sync::Mutex::new(0));
    let report =
        finish_reloading(lint(&inputs, true, &options), &options, Some(reload(disk, reads)));

    let of = |file: usize| -> Vec<(&str, u32, &str)> {
        report
            .findings
            .iter()
            .filter(|f| f.file == file)
            .map(|f| (f.diagnostic.rule, f.line, f.diagnostic.message.as_str()))
            .collect()
    };
    let a = of(0);
    assert!(a.iter().any(|(rule, line, _)| *rule == "pss-host-namespaces" && *line == 5), "{a:?}");
    let b = of(1);
    assert!(
        b.iter().any(|(rule, _, msg)| *rule == "file-unreadable"
            && msg.contains("b.yaml changed while kubeward was running")),
        "{b:?}"
    );
    // Its findings are still reported (at line 1: their place is unknown), not lost.
    assert!(b.iter().any(|(rule, line, _)| *rule == "pss-host-namespaces" && *line == 1), "{b:?}");
}

#[test]
fn a_released_text_without_a_way_to_read_it_again_is_reported() {
    let options = LintOptions::default();
    let inputs = vec![("a.yaml".to_owned(), b"apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostPID: true\n  containers: [{name: a, image: a}]\n".to_vec())];
    let report = finish(lint(&inputs, true, &options), &options);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.diagnostic.rule == "file-unreadable"
                && f.diagnostic.message.contains("released")),
        "{:?}",
        report.findings.iter().map(|f| &f.diagnostic.message).collect::<Vec<_>>()
    );
}
