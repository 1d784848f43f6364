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

/// A Deployment whose image has no digest (`image-digest-missing`, info) and a Service that
/// selects nothing (`network-service-selects-nothing`, info, a corpus rule).
const INFO_ONLY: &str = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: app}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: registry.example/web:1.2
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: app}
spec:
  selector: {app: db}
  ports: [{port: 5432}]
";

#[test]
fn rules_below_the_minimum_severity_are_skipped_but_their_suppressions_still_match() {
    let rules = ["image-digest-missing", "network-service-selects-nothing"];
    let at_warning = LintOptions::default();
    assert_eq!(at_warning.min_severity, Severity::Warning);

    // At `--min-severity info` both rules report; at the default neither can.
    let report = run(&[("app.yaml", INFO_ONLY)], &options());
    for rule in rules {
        assert_eq!(finding(&report, rule).map(|f| f.diagnostic.severity), Some(Severity::Info));
    }
    let report = run(&[("app.yaml", INFO_ONLY)], &at_warning);
    for rule in rules {
        assert!(finding(&report, rule).is_none(), "{rule}");
    }

    // Suppressed on their objects: the suppressions find the findings at either minimum, so
    // neither is reported as unused (`suppression-unused` is raised to be seen at warning).
    let annotated = INFO_ONLY
        .replace(
            "metadata: {name: web, namespace: app}",
            "metadata: {name: web, namespace: app, annotations: {ignore.kubeward.dev/image-digest-missing: \"tags are immutable in this registry\"}}",
        )
        .replace(
            "metadata: {name: db, namespace: app}",
            "metadata: {name: db, namespace: app, annotations: {ignore.kubeward.dev/network-service-selects-nothing: \"the database runs outside the cluster\"}}",
        );
    let mut unused_seen = at_warning.clone();
    unused_seen.config.rules.insert(
        "suppression-unused".to_owned(),
        kubeward::config::RuleSetting::Severity(Severity::Warning),
    );
    for opts in [options(), unused_seen.clone()] {
        let report = run(&[("app.yaml", &annotated)], &opts);
        assert!(finding(&report, "suppression-unused").is_none(), "{:?}", opts.min_severity);
    }
    // A suppression that matches nothing is still reported.
    let nothing = annotated.replace("image: registry.example/web:1.2", "image: registry.example/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").replace("selector: {app: db}", "selector: {app: web}");
    let report = run(&[("app.yaml", &nothing)], &unused_seen);
    let unused: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.diagnostic.rule == "suppression-unused")
        .map(|f| f.diagnostic.message.as_str())
        .collect();
    assert_eq!(unused.len(), 2, "{unused:?}");
    let report = run(&[("app.yaml", &annotated)], &options());
    for rule in rules {
        let f = finding(&report, rule).expect(rule);
        assert!(f.diagnostic.suppressed.is_some(), "{rule}");
    }

    // A configured severity at or above the minimum makes the rule run.
    let mut raised = at_warning;
    for rule in rules {
        raised
            .config
            .rules
            .insert(rule.to_owned(), kubeward::config::RuleSetting::Severity(Severity::Warning));
    }
    let report = run(&[("app.yaml", INFO_ONLY)], &raised);
    for rule in rules {
        assert_eq!(finding(&report, rule).map(|f| f.diagnostic.severity), Some(Severity::Warning));
    }
}
