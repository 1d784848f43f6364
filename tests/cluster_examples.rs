//! The control-plane examples: `examples/cluster/hardened` is clean under every rule, and
//! `examples/cluster/insecure` fires every apiserver, etcd, controllermanager and scheduler rule,
//! each exactly on the lines that carry a `# kubeward: <rule-id> …` comment.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const CATEGORIES: [&str; 4] = ["apiserver", "etcd", "controllermanager", "scheduler"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn lint_json(path: &str) -> (Option<i32>, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_kubeward"))
        .args(["lint", "--format", "json", "--min-severity", "info", path])
        .current_dir(repo())
        .output()
        .expect("run kubeward");
    let v = serde_json::from_slice(&out.stdout).expect("JSON output");
    (out.status.code(), v)
}

fn is_control_plane(rule: &str) -> bool {
    CATEGORIES.iter().any(|c| rule.strip_prefix(c).is_some_and(|r| r.starts_with('-')))
}

#[test]
fn hardened_cluster_is_clean() {
    let (code, v) = lint_json("examples/cluster/hardened");
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert!(diags.is_empty(), "findings in examples/cluster/hardened: {diags:#?}");
    assert_eq!(code, Some(0));
    assert!(v["summary"]["objects"].as_u64().unwrap_or(0) >= 4);
}

#[test]
fn insecure_cluster_fires_every_control_plane_rule_on_its_line() {
    let dir = repo().join("examples/cluster/insecure");
    // (file name, line, rule) expected from the `# kubeward:` comments.
    let mut expected: BTreeSet<(String, u64, String)> = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("examples/cluster/insecure") {
        let path = entry.expect("entry").path();
        let name = file_name(&path);
        let text = std::fs::read_to_string(&path).expect("readable");
        for (i, line) in text.lines().enumerate() {
            if let Some((_, ids)) = line.split_once("# kubeward:") {
                for id in ids.split_whitespace().filter(|id| is_control_plane(id)) {
                    expected.insert((name.clone(), i as u64 + 1, id.to_owned()));
                }
            }
        }
    }
    let (code, v) = lint_json("examples/cluster/insecure");
    assert_eq!(code, Some(1));
    let found: BTreeSet<(String, u64, String)> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| {
            let rule = d["rule"].as_str()?;
            let file = file_name(Path::new(d["file"].as_str()?));
            is_control_plane(rule).then(|| (file, d["line"].as_u64().unwrap_or(0), rule.to_owned()))
        })
        .collect();
    assert_eq!(found, expected, "control-plane findings differ from the `# kubeward:` markers");

    let fired: BTreeSet<&str> = found.iter().map(|(_, _, r)| r.as_str()).collect();
    let all: Vec<&str> = kubeward::rules::registry::ALL
        .iter()
        .map(|r| r.id)
        .filter(|id| is_control_plane(id))
        .collect();
    assert!(all.len() >= 29, "control-plane rules: {all:?}");
    for id in all {
        assert!(fired.contains(id), "{id} does not fire on examples/cluster/insecure");
    }
}

fn file_name(p: &Path) -> String {
    p.file_name().and_then(|s| s.to_str()).unwrap_or("").to_owned()
}
