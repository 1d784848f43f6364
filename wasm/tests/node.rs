//! The exported functions, run as WebAssembly in Node by `wasm-bindgen-test-runner`:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!  cargo test -p kubeward-wasm --target wasm32-unknown-unknown --test node`
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

fn parse(s: &str) -> Value {
    serde_json::from_str(s).expect("valid JSON")
}

#[wasm_bindgen_test]
fn lint_reports_utf16_offsets() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: ñ😀}\nspec:\n  hostPID: yes\n  containers: [{name: app, image: nginx}]\n";
    let out = parse(&kubeward_wasm::lint(text, r#"{"minSeverity":"info"}"#).expect("lints"));
    assert_eq!(out["version"], 1);
    let d = out["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "pss-host-namespaces")
        .expect("hostPID finding");
    let units: Vec<u16> = text.encode_utf16().collect();
    let from = d["from"].as_u64().expect("from") as usize;
    let to = d["to"].as_u64().expect("to") as usize;
    assert_eq!(String::from_utf16_lossy(&units[from..to]), "yes");
}

#[wasm_bindgen_test]
fn bad_options_throw_and_bad_text_does_not() {
    assert!(kubeward_wasm::lint("a: b", "{not json").is_err());
    assert!(kubeward_wasm::lint("a: b", r#"{"pssVersion":"v2.0"}"#).is_err());
    for text in ["", "\u{0}", "a: [", "- - - -", "{{ .Values.x }}", "\u{feff}kind: Pod\r\n"] {
        let out = parse(&kubeward_wasm::lint(text, "").expect("never throws for text"));
        assert_eq!(out["version"], 1);
        assert!(kubeward_wasm::rbac_paths(text, "").is_ok());
    }
}

#[wasm_bindgen_test]
fn rbac_paths_rules_explain_version() {
    let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: dev-admin}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects:\n- {kind: User, name: dev, apiGroup: rbac.authorization.k8s.io}\n";
    let out = parse(&kubeward_wasm::rbac_paths(text, "").expect("analyses"));
    let paths = out["paths"].as_array().expect("paths");
    assert!(
        paths.iter().any(|p| p["subject"]["name"] == "dev" && p["target"] == "cluster-admin"),
        "{out}"
    );
    assert!(out["graph"]["edges"].as_array().is_some_and(|e| !e.is_empty()));

    let rules = parse(&kubeward_wasm::rules());
    assert!(rules.as_array().is_some_and(|r| r.iter().any(|r| r["id"] == "pss-privileged")));
    let doc = parse(&kubeward_wasm::explain("pss-privileged").expect("known rule"));
    assert_eq!(doc["id"], "pss-privileged");
    assert!(kubeward_wasm::explain("no-such-rule").is_err());
    assert_eq!(kubeward_wasm::version(), env!("CARGO_PKG_VERSION"));
    assert_eq!(parse(&kubeward_wasm::meta())["pssLatest"], 37);
}
