//! The wasm API's JSON, tested natively (`cargo test -p kubeward-wasm`) and, through the
//! exported functions, in Node (`tests/node.rs`).
#![cfg(not(target_arch = "wasm32"))]

use kubeward_wasm::{explain_json, lint_json, rbac_json, rules_json};
use serde_json::Value;

fn parse(s: &str) -> Value {
    serde_json::from_str(s).expect("valid JSON")
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: é😀}\nspec:\n  hostPID: yes\n  containers: [{name: app, image: nginx}]\n";

#[test]
fn lint_is_json_v1_with_utf16_offsets() {
    let out = parse(&lint_json(POD, "").expect("lints"));
    assert_eq!(out["version"], 1);
    let diags = out["diagnostics"].as_array().expect("diagnostics");
    let d = diags.iter().find(|d| d["rule"] == "pss-host-namespaces").expect("hostPID finding");
    assert_eq!(d["file"], "playground.yaml");
    assert_eq!(d["line"], 5);
    // UTF-16 offsets: `é` is one unit, `😀` two, so they differ from byte offsets.
    let utf16: Vec<u16> = POD.encode_utf16().collect();
    let (from, to) =
        (d["from"].as_u64().expect("from") as usize, d["to"].as_u64().expect("to") as usize);
    assert_eq!(String::from_utf16_lossy(&utf16[from..to]), "yes");
    assert_ne!(POD.find("yes"), Some(from));
}

#[test]
fn every_diagnostic_has_offsets_within_the_text() {
    let text = "a: [\n---\nkind: Pod\n";
    let out = parse(&lint_json(text, r#"{"minSeverity":"info"}"#).expect("lints"));
    let diags = out["diagnostics"].as_array().expect("diagnostics");
    assert!(!diags.is_empty());
    let n = text.encode_utf16().count() as u64;
    for d in diags {
        let (from, to) = (d["from"].as_u64().expect("from"), d["to"].as_u64().expect("to"));
        assert!(from <= to && to <= n, "{d}");
    }
}

#[test]
fn options_select_pss_version_severity_config_and_file() {
    let base = parse(&lint_json(POD, "").expect("lints"));
    let err = parse(&lint_json(POD, r#"{"minSeverity":"error","file":"x.yaml"}"#).expect("lints"));
    assert!(err["diagnostics"].as_array().expect("d").iter().all(|d| d["severity"] == "error"));
    assert!(err["diagnostics"].as_array().expect("d").iter().all(|d| d["file"] == "x.yaml"));
    let off = parse(
        &lint_json(POD, r#"{"config":"rules:\n  pss-host-namespaces: off\n"}"#).expect("lints"),
    );
    let has = |v: &Value| {
        v["diagnostics"].as_array().expect("d").iter().any(|d| d["rule"] == "pss-host-namespaces")
    };
    assert!(has(&base));
    assert!(!has(&off));
    assert!(lint_json(POD, r#"{"pssVersion":"v1.0"}"#).is_ok());
    assert!(lint_json(POD, r#"{"pssVersion":"v9.99"}"#).unwrap_err().contains("version"));
    assert!(lint_json(POD, r#"{"minSeverity":"loud"}"#).is_err());
    assert!(lint_json(POD, r#"{"nope":1}"#).is_err());
    assert!(lint_json(POD, "{").is_err());
}

const CHAIN: &str = "\
apiVersion: v1
kind: ServiceAccount
metadata: {name: ci, namespace: app}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-maker, namespace: app}
rules:
- {apiGroups: [\"\"], resources: [pods], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-makes-pods, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-maker}
subjects:
- {kind: ServiceAccount, name: ci, namespace: app}
";

#[test]
fn rbac_paths_and_graph() {
    let out = parse(&rbac_json(CHAIN, "").expect("analyses"));
    assert_eq!(out["version"], 1);
    assert_eq!(out["objects"], 3);
    let paths = out["paths"].as_array().expect("paths");
    let p = paths
        .iter()
        .find(|p| p["subject"]["name"] == "ci")
        .unwrap_or_else(|| panic!("a path from ci: {out}"));
    let step = &p["steps"][0];
    assert_eq!(step["technique"], "pod-create");
    // Evidence in the input carries the UTF-16 range of the field it names.
    let ev = step["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .find(|e| e["kind"] == "RoleBinding")
        .expect("binding evidence");
    let (from, to) =
        (ev["from"].as_u64().expect("from") as usize, ev["to"].as_u64().expect("to") as usize);
    assert!(from < to && to <= CHAIN.len());
    assert!(CHAIN[..from].contains("ci-makes-pods"), "{ev}");

    let nodes = out["graph"]["nodes"].as_array().expect("nodes");
    let edges = out["graph"]["edges"].as_array().expect("edges");
    let label = |i: &Value| nodes[i.as_u64().expect("id") as usize]["label"].as_str().expect("l");
    assert!(
        nodes
            .iter()
            .any(|n| n["kind"] == "subject" && n["label"].as_str().expect("l").contains("app/ci"))
    );
    assert!(nodes.iter().any(|n| n["kind"] == "target"));
    let e = edges.iter().find(|e| e["technique"] == "pod-create").expect("pod-create edge");
    assert!(label(&e["from"]).contains("app/ci"));
    assert!(!e["evidence"].as_array().expect("ev").is_empty());
    assert!(out["dot"].as_str().expect("dot").starts_with("digraph"));
}

#[test]
fn rbac_of_no_rbac_objects_has_no_paths() {
    let out = parse(&rbac_json(POD, r#"{"k8sVersion":"v1.30"}"#).expect("analyses"));
    assert_eq!(out["paths"].as_array().map(Vec::len), Some(0));
    assert_eq!(out["graph"]["nodes"].as_array().map(Vec::len), Some(0));
    assert!(rbac_json(POD, r#"{"k8sVersion":"two"}"#).is_err());
    // Garbage text is not an error.
    assert!(rbac_json("{[: ::\n\t-", "").is_ok());
}

#[test]
fn rules_and_explain_come_from_the_registry() {
    let rules = parse(&rules_json());
    let rules = rules.as_array().expect("array");
    assert_eq!(rules.len(), kubeward::rules::registry::ALL.len());
    let r = rules.iter().find(|r| r["id"] == "pss-host-namespaces").expect("rule");
    assert_eq!(r["severity"], "error");
    let e = parse(&explain_json("pss-host-namespaces").expect("known"));
    let titles: Vec<&str> =
        e["sections"].as_array().expect("s").iter().filter_map(|s| s["title"].as_str()).collect();
    assert!(titles.contains(&"How to fix"), "{titles:?}");
    assert!(e["examples"].as_array().expect("ex").iter().any(|x| x["fails"] == true));
    assert!(
        explain_json("pss-host-namespace")
            .unwrap_err()
            .contains("did you mean `pss-host-namespaces`")
    );
}

/// The playground's examples show what they claim.
#[test]
fn playground_examples() {
    let insecure =
        parse(&lint_json(include_str!("../../examples/insecure/web.yaml"), "").expect("lints"));
    let rules: Vec<&str> = insecure["diagnostics"]
        .as_array()
        .expect("d")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(rules.contains(&"pss-privileged"), "{rules:?}");

    let chain = parse(
        &rbac_json(include_str!("../../examples/rbac/escalation-chain.yaml"), "")
            .expect("analyses"),
    );
    let p = chain["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .find(|p| p["subject"]["name"] == "runner")
        .unwrap_or_else(|| panic!("a path from runner: {chain}"));
    assert_eq!(p["target"], "cluster-admin");
    assert!(p["steps"].as_array().expect("steps").len() >= 2, "{p}");

    let cp = parse(
        &lint_json(include_str!("../../web/examples/control-plane.yaml"), "").expect("lints"),
    );
    assert!(!cp["diagnostics"].as_array().expect("d").is_empty());
}
