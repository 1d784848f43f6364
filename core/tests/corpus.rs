//! The corpus stage (`lint::finish`): rules and passes over every file of a run at once.
//! Fixtures in `fixtures/corpus/*.yaml` are linted as one file each and every finding is
//! snapshotted; the other tests check what needs several files.

mod common;

use kubeward::diagnostic::Severity;
use kubeward::lint::{LintOptions, finish, lint_text, parse_pss_version};
use kubeward::report::{Report, json};

fn options() -> LintOptions {
    LintOptions { min_severity: Severity::Info, ..LintOptions::default() }
}

fn run(files: &[(&str, &str)], options: &LintOptions) -> Report {
    finish(files.iter().map(|(p, t)| lint_text(p, t, options)).collect(), options)
}

#[test]
fn corpus_fixtures() {
    insta::glob!("fixtures/corpus/*.yaml", |path| {
        let text = std::fs::read_to_string(path).expect("fixture readable");
        let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("?");
        let report = run(&[(name, &text)], &options());
        insta::assert_snapshot!(common::render(&report, None));
    });
}

const NS: &str = "apiVersion: v1
kind: Namespace
metadata:
  name: app
  labels:
    pod-security.kubernetes.io/enforce: restricted
";

const POD: &str = "apiVersion: v1
kind: Pod
metadata: {name: web, namespace: app}
spec:
  securityContext: {runAsNonRoot: true, runAsUser: 0, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
";

fn finding<'r>(report: &'r Report, rule: &str) -> Option<&'r kubeward::report::Finding> {
    report.findings.iter().chain(&report.suppressed).find(|f| f.diagnostic.rule == rule)
}

#[test]
fn a_namespace_in_another_file_applies() {
    let report = run(&[("ns.yaml", NS), ("pod.yaml", POD)], &options());
    let f = finding(&report, "pss-run-as-user").expect("runAsUser finding");
    assert_eq!(report.files[f.file].path.as_ref(), "pod.yaml");
    assert_eq!((f.line, f.column), (5, 52), "points at runAsUser's value in pod.yaml");
    assert_eq!(f.diagnostic.severity, Severity::Error);
    assert!(
        f.diagnostic.message.ends_with(
            "the API server will refuse this pod: namespace \"app\" enforces restricted at latest"
        ),
        "{}",
        f.diagnostic.message
    );
    // Without the Namespace, the default severity.
    let alone = run(&[("pod.yaml", POD)], &options());
    let f = finding(&alone, "pss-run-as-user").expect("runAsUser finding");
    assert_eq!(f.diagnostic.severity, Severity::Warning);
    assert!(!f.diagnostic.message.contains("API server"));
}

#[test]
fn the_namespace_version_adds_what_the_run_version_misses() {
    // The run is at v1.21 (no runAsUser check yet); the namespace enforces restricted at latest.
    let mut opts = options();
    opts.pss_minor = parse_pss_version("v1.21").expect("version");
    let report = run(&[("ns.yaml", NS), ("pod.yaml", POD)], &opts);
    let f = finding(&report, "pss-run-as-user").expect("added by the namespace pass");
    assert_eq!(f.diagnostic.severity, Severity::Error);
    assert_eq!(f.diagnostic.field.as_deref(), Some("spec.securityContext.runAsUser"));
    assert_eq!(report.files[f.file].path.as_ref(), "pod.yaml");
    // The config still decides: a severity set for the rule wins, `off` removes it.
    opts.config =
        kubeward::config::Config::parse("rules: {pss-run-as-user: info}").expect("config");
    let report = run(&[("ns.yaml", NS), ("pod.yaml", POD)], &opts);
    assert_eq!(
        finding(&report, "pss-run-as-user").map(|f| f.diagnostic.severity),
        Some(Severity::Info)
    );
    opts.config = kubeward::config::Config::parse("rules: {pss-run-as-user: off}").expect("config");
    let report = run(&[("ns.yaml", NS), ("pod.yaml", POD)], &opts);
    assert!(finding(&report, "pss-run-as-user").is_none());
}

#[test]
fn a_suppression_applies_to_findings_of_the_corpus_stage() {
    let mut opts = options();
    opts.pss_minor = parse_pss_version("v1.21").expect("version");
    let pod = POD.replace(
        "metadata: {name: web, namespace: app}",
        "metadata:\n  name: web\n  namespace: app\n  annotations:\n    ignore.kubeward.dev/pss-run-as-user: \"uid 0 is remapped by user namespaces\"",
    );
    let report = run(&[("ns.yaml", NS), ("pod.yaml", &pod)], &opts);
    let f = finding(&report, "pss-run-as-user").expect("finding");
    assert_eq!(f.diagnostic.suppressed.as_deref(), Some("uid 0 is remapped by user namespaces"));
    assert!(finding(&report, "suppression-unused").is_none(), "the suppression was used");
    // Without the Namespace nothing at v1.21 matches it: unused.
    let report = run(&[("pod.yaml", &pod)], &opts);
    assert!(finding(&report, "pss-run-as-user").is_none());
    assert!(finding(&report, "suppression-unused").is_some());
}

#[test]
fn the_report_does_not_depend_on_file_order() {
    let fixture = include_str!("fixtures/corpus/pss_namespace.yaml");
    let files = [("a/ns.yaml", NS), ("b/pod.yaml", POD), ("c/all.yaml", fixture)];
    let forward = json::render(&run(&files, &options()));
    let mut reversed = files;
    reversed.reverse();
    assert_eq!(forward, json::render(&run(&reversed, &options())));
}

#[test]
fn a_finding_in_a_document_that_needs_the_text_before_it_points_at_its_line() {
    // The rbac-dangling-binding finding is placed by parsing its document again: alone, where
    // it reads the same, else with the whole file (the `%TAG` handle is declared before it).
    let bindings = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: app}\n...\n%TAG !e! tag:example.com,2000:\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: app\n  labels: {team: !e!x blue}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: missing\nsubjects:\n- kind: ServiceAccount\n  name: default\n  namespace: app\n";
    let plain = bindings.replace("!e!x ", "").replace("%TAG !e! tag:example.com,2000:\n", "");
    for (text, line) in [(bindings, 16), (plain.as_str(), 15)] {
        let report = run(&[("rb.yaml", text)], &options());
        let f = finding(&report, "rbac-dangling-binding").expect("finding");
        assert_eq!(f.diagnostic.field.as_deref(), Some("roleRef.name"), "{text}");
        assert_eq!((f.line, f.column), (line, 9), "{text}");
    }
}
