//! A run whose files let their texts go after linting (`FileResult::release_text`, what the CLI
//! does for every format but human) reads a text again only to place what the corpus stage found
//! in it, and a run that also spills each file's findings (`FileResult::spill`) reads them back
//! one file at a time: the JSON, SARIF and GitHub output of either must be the bytes of a run
//! that held everything, a file that changed in between must be reported, not given wrong
//! positions, and a spill that fails must lose nothing.

use kubeward::lint::{FileResult, LintOptions, Reload, finish, finish_reloading, lint_bytes};
use kubeward::report::spill::Spill;
use kubeward::report::{Report, github, json, sarif};
use std::collections::HashMap;
use std::io::{self, Cursor, Read, Seek, SeekFrom, Write};
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
    lint_spilling(inputs, release, None, options)
}

fn lint_spilling(
    inputs: &[(String, Vec<u8>)],
    release: bool,
    spill: Option<&Arc<Spill>>,
    options: &LintOptions,
) -> Vec<FileResult> {
    inputs
        .iter()
        .map(|(path, bytes)| {
            let mut r = lint_bytes(path, bytes, options);
            if release {
                r.release_text();
            }
            if let Some(spill) = spill {
                // A failed write keeps the findings in memory (tested below).
                let _ = r.spill(spill);
            }
            r
        })
        .collect()
}

/// A spill's storage that fails its writes or its reads, on demand.
struct Flaky {
    inner: Cursor<Vec<u8>>,
    fail_writes: bool,
    /// How many reads fail before the others succeed.
    fail_reads: usize,
}

impl Read for Flaky {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.fail_reads > 0 {
            self.fail_reads -= 1;
            return Err(io::Error::other("read failed"));
        }
        self.inner.read(buf)
    }
}

impl Write for Flaky {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.fail_writes {
            return Err(io::Error::other("disk full"));
        }
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Seek for Flaky {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.inner.seek(pos)
    }
}

fn flaky(fail_writes: bool, fail_reads: usize) -> Arc<Spill> {
    Spill::new(Flaky { inner: Cursor::new(Vec::new()), fail_writes, fail_reads })
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
    // A file's own findings were placed as it was linted: a text is read again only for the
    // corpus stage's findings and labels, once per file, not once per finding.
    let corpus_files = released
        .files
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            released.findings.iter().chain(&released.suppressed).any(|f| {
                f.file == *i
                    && kubeward::rules::registry::get(f.diagnostic.rule)
                        .is_some_and(|r| matches!(r.check, kubeward::rules::Check::Corpus { .. }))
            })
        })
        .count();
    let n = *reads.lock().expect("lock");
    assert!(
        corpus_files > 0 && n >= corpus_files && n <= inputs.len(),
        "{n} reads, {corpus_files} files"
    );
    assert!(released.files.iter().all(|f| f.text.is_empty()), "a released text is held");

    // Spilled as well: the findings are read back one file at a time, and the bytes are the same.
    let spill = Spill::new(Cursor::new(Vec::new()));
    let disk: HashMap<String, Vec<u8>> = inputs.iter().cloned().collect();
    let spilled = finish_reloading(
        lint_spilling(&inputs, true, Some(&spill), &options),
        &options,
        Some(reload(disk, Arc::new(std::sync::Mutex::new(0)))),
    );
    assert!(spilled.findings.is_empty() && spilled.suppressed.is_empty(), "spilled findings held");
    assert_eq!(spilled.summary, held.summary);
    assert_eq!(spilled.max_severity(), held.max_severity());
    for (a, b) in outputs(&held).iter().zip(&outputs(&spilled)) {
        assert!(a == b, "output differs once findings are spilled");
    }
}

#[test]
fn a_spill_that_cannot_be_written_keeps_the_findings() {
    let options =
        LintOptions { min_severity: kubeward::diagnostic::Severity::Info, ..Default::default() };
    let inputs = inputs();
    let held = finish(lint(&inputs, false, &options), &options);
    let kept = finish(lint_spilling(&inputs, false, Some(&flaky(true, 0)), &options), &options);
    assert!(!kept.findings.is_empty());
    for (a, b) in outputs(&held).iter().zip(&outputs(&kept)) {
        assert!(a == b, "output differs when the spill cannot be written");
    }
}

#[test]
fn a_spill_that_cannot_be_read_back_is_reported() {
    let options = LintOptions::default();
    let inputs = vec![("a.yaml".to_owned(), POD.to_vec())];
    // The report reads the file's findings back once to complete them, and once to write them.
    let report = finish(lint_spilling(&inputs, false, Some(&flaky(false, 1)), &options), &options);
    assert_eq!(report.summary.errors, 1, "{:?}", report.summary);
    let out = json::render(&report);
    assert!(out.contains("could not read back the findings of a.yaml"), "{out}");

    let report =
        finish(lint_spilling(&inputs, false, Some(&flaky(false, usize::MAX)), &options), &options);
    let mut buf = Vec::new();
    let err = json::write(&report, &mut buf).expect_err("a spill that cannot be read back");
    assert!(err.to_string().contains("read failed"), "{err}");
    let mut buf = Vec::new();
    let err = sarif::write(&report, sarif::SarifOptions::default(), &mut buf).expect_err("sarif");
    assert!(err.to_string().contains("read failed"), "{err}");
    let mut buf = Vec::new();
    let err = github::write(&report, &mut buf).expect_err("github");
    assert!(err.to_string().contains("read failed"), "{err}");
}

/// A pod with a host namespace (a file's own finding, line 5), and a binding to a role that is
/// not in the input (a finding of the corpus stage, line 9).
const POD: &[u8] = b"apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostNetwork: true\n  containers: [{name: a, image: a}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: x}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: missing}\nsubjects: [{kind: ServiceAccount, name: s, namespace: x}]\n";

#[test]
fn a_file_changed_before_it_is_read_again_is_an_error_and_the_others_are_unchanged() {
    let options =
        LintOptions { min_severity: kubeward::diagnostic::Severity::Info, ..Default::default() };
    // The same objects under other names (the same binding twice is one binding).
    let other =
        String::from_utf8_lossy(POD).replace("name: a", "name: c").replace("name: b", "name: d");
    let inputs =
        vec![("a.yaml".to_owned(), POD.to_vec()), ("b.yaml".to_owned(), other.into_bytes())];
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
    assert!(a.iter().any(|(rule, line, _)| *rule == "rbac-dangling-binding" && *line > 5), "{a:?}");
    let b = of(1);
    assert!(
        b.iter().any(|(rule, _, msg)| *rule == "file-unreadable"
            && msg.contains("b.yaml changed while kubeward was running")),
        "{b:?}"
    );
    // Its own findings were placed as it was linted; the corpus stage's are still reported (at
    // line 1: their place is unknown), not lost.
    assert!(b.iter().any(|(rule, line, _)| *rule == "pss-host-namespaces" && *line == 5), "{b:?}");
    assert!(
        b.iter().any(|(rule, line, _)| *rule == "rbac-dangling-binding" && *line == 1),
        "{b:?}"
    );
}

#[test]
fn a_released_text_without_a_way_to_read_it_again_is_reported() {
    // At info, so that `rbac-dangling-binding` runs: its finding must be placed in the file.
    let options =
        LintOptions { min_severity: kubeward::diagnostic::Severity::Info, ..Default::default() };
    let inputs = vec![("a.yaml".to_owned(), POD.to_vec())];
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

#[test]
fn a_corpus_rule_below_the_minimum_severity_reads_no_released_text() {
    // At the default minimum `rbac-dangling-binding` (info) cannot be reported, so it does not
    // run, and nothing needs the released text.
    let options = LintOptions::default();
    let inputs = vec![("a.yaml".to_owned(), POD.to_vec())];
    let report = finish(lint(&inputs, true, &options), &options);
    assert!(report.findings.iter().all(|f| f.diagnostic.rule != "file-unreadable"));
    assert!(report.findings.iter().any(|f| f.diagnostic.rule == "pss-host-namespaces"));
}
