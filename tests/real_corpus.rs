//! The real-world corpus (`../shared/corpus/real`: 1,186 files from 15 projects): no crash,
//! the documented counts, no reading errors, and every skip explained by a finding.

use std::path::PathBuf;
use std::process::Command;

fn corpus() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    p.is_dir().then_some(p)
}

#[test]
fn real_corpus_reads_every_document() {
    let Some(dir) = corpus() else {
        eprintln!("shared/corpus/real not found; skipping");
        return;
    };
    let o = Command::new(env!("CARGO_BIN_EXE_kubeward"))
        .args(["lint", "--no-config", "--format", "json", "--min-severity", "info", "."])
        .current_dir(&dir)
        .output()
        .expect("run kubeward");
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let s = &v["summary"];
    assert_eq!(s["files"], 1186);
    assert_eq!(s["documents"], 2532, "non-empty YAML documents");
    assert_eq!(s["objects"], 2571, "objects with List items expanded");
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    let reading: Vec<_> = diags
        .iter()
        .filter(|d| {
            let r = d["rule"].as_str().unwrap_or("");
            // Duplicate keys are real defects of five upstream files (e.g. two `selector:` keys
            // in kubernetes/examples' openshift-origin controllers), not reading errors.
            (r.starts_with("yaml-") || r.starts_with("file-")) && r != "yaml-duplicate-key"
        })
        .map(|d| format!("{}:{} {} {}", d["file"], d["line"], d["rule"], d["message"]))
        .collect();
    assert!(reading.is_empty(), "reading errors in the real corpus:\n{}", reading.join("\n"));
    let explained = diags.iter().filter(|d| d["rule"] == "manifest-not-kubernetes").count();
    assert_eq!(
        s["skipped"].as_u64(),
        Some(explained as u64),
        "every skipped document has a manifest-not-kubernetes finding"
    );
}

/// A reviewed sample of the real corpus, where pod-level settings are inherited by containers
/// (pod `runAsNonRoot`, `runAsUser`, `seccompProfile`): the Pod Security findings, one line each,
/// are snapshotted (each line was checked against the manifest), and no container is reported
/// for a field its pod already sets.
#[test]
fn real_corpus_pss_sample_respects_inheritance() {
    let Some(dir) = corpus() else {
        eprintln!("shared/corpus/real not found; skipping");
        return;
    };
    let sample = [
        "kube-prometheus/manifests/nodeExporter-daemonset.yaml",
        "kube-prometheus/manifests/grafana-deployment.yaml",
        "kube-prometheus/manifests/prometheusOperator-deployment.yaml",
        "metrics-server/manifests/base/deployment.yaml",
        "ingress-nginx/deploy/static/provider/kind/deploy.yaml",
    ];
    let o = Command::new(env!("CARGO_BIN_EXE_kubeward"))
        .args(["lint", "--no-config", "--format", "json", "--min-severity", "info"])
        .args(sample)
        .current_dir(&dir)
        .output()
        .expect("run kubeward");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    let mut lines = Vec::new();
    for d in v["diagnostics"].as_array().expect("diagnostics") {
        let rule = d["rule"].as_str().unwrap_or_default();
        if !rule.starts_with("pss-") {
            continue;
        }
        let field = d["field"].as_str().unwrap_or_default();
        // Inherited from the pod: these files set runAsNonRoot at pod level.
        assert!(
            !(rule == "pss-run-as-non-root" && field.contains("containers[")),
            "container reported although its pod sets runAsNonRoot: {d}"
        );
        lines.push(format!(
            "{}:{} {rule} {field}: {}",
            d["file"].as_str().unwrap_or_default(),
            d["line"],
            d["message"].as_str().unwrap_or_default()
        ));
    }
    insta::assert_snapshot!(lines.join("\n"));
}
