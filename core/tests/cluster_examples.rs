//! `examples/cluster/`: the hardened files are clean under every rule (info included), and the
//! insecure twins fire every kubelet, encryption, audit, kubeconfig, network, quota and cluster
//! rule exactly on the lines marked `# fires: <rule-id>, …`, and nowhere else.

mod common;

use kubeward::lint::LintOptions;
use kubeward::rules::registry;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The categories whose findings this test pins (other helpers' categories have their own).
const CATEGORIES: &[&str] =
    &["kubelet-", "encryption-", "audit-", "kubeconfig-", "network-", "quota-", "cluster-"];

fn mine(rule: &str) -> bool {
    CATEGORIES.iter().any(|c| rule.starts_with(c))
}

fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/cluster").join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    out.sort();
    out
}

#[test]
fn hardened_cluster_examples_are_clean() {
    for path in files("hardened") {
        let text = std::fs::read_to_string(&path).expect("readable");
        let report = common::lint(&path.display().to_string(), &text, &LintOptions::default());
        assert!(
            report.findings.is_empty(),
            "{} has findings:\n{}",
            path.display(),
            common::render(&report, None)
        );
    }
}

#[test]
fn insecure_cluster_examples_fire_on_marked_lines() {
    let mut fired: BTreeSet<&str> = BTreeSet::new();
    for path in files("insecure") {
        let text = std::fs::read_to_string(&path).expect("readable");
        let mut expected: BTreeSet<(u32, String)> = BTreeSet::new();
        for (i, line) in text.lines().enumerate() {
            if let Some((_, ids)) = line.split_once("# fires: ") {
                for id in ids.split(',').map(str::trim).filter(|id| mine(id)) {
                    assert!(
                        registry::get(id).is_some(),
                        "{}:{}: unknown rule {id}",
                        path.display(),
                        i + 1
                    );
                    expected.insert((u32::try_from(i + 1).expect("line fits"), id.to_owned()));
                }
            }
        }
        let report = common::lint(&path.display().to_string(), &text, &LintOptions::default());
        let got: BTreeSet<(u32, String)> = report
            .findings
            .iter()
            .filter(|f| mine(f.diagnostic.rule))
            .map(|f| (f.line, f.diagnostic.rule.to_owned()))
            .collect();
        assert_eq!(
            got,
            expected,
            "{}: findings (left) differ from the markers (right)",
            path.display()
        );
        fired.extend(report.findings.iter().map(|f| f.diagnostic.rule));
    }
    let missing: Vec<&str> =
        registry::ALL.iter().map(|r| r.id).filter(|id| mine(id) && !fired.contains(id)).collect();
    assert!(missing.is_empty(), "rules no insecure cluster example fires: {missing:?}");
}
