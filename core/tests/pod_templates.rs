//! Pod templates of custom resources (Argo Rollouts, OpenKruise, KEDA, Knative, a generic walk,
//! `podTemplatePaths`) are linted like built-in workloads, with paths into the custom resource.

mod common;

use kubeward::config::Config;
use kubeward::lint::LintOptions;
use std::collections::BTreeSet;

/// The config written on a `# config: {…}` line of the fixture, if any.
fn options_of(text: &str) -> LintOptions {
    let mut options = LintOptions::default();
    if let Some(line) = text.lines().find_map(|l| l.strip_prefix("# config: ")) {
        options.config = Config::parse(line).expect("fixture config parses");
    }
    options
}

#[test]
fn privileged_containers_are_found_at_the_marked_lines() {
    insta::glob!("fixtures/pod_templates/*.yaml", |path| {
        let text = std::fs::read_to_string(path).expect("fixture readable");
        let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("?");
        let report = common::lint(name, &text, &options_of(&text));
        let expected: BTreeSet<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_end().ends_with("# finding"))
            .map(|(i, _)| i + 1)
            .collect();
        let found: BTreeSet<usize> = report
            .findings
            .iter()
            .filter(|f| f.diagnostic.rule == "pss-privileged")
            .map(|f| f.line as usize)
            .collect();
        assert_eq!(found, expected, "{name}: pss-privileged lines");
        insta::assert_snapshot!(common::render(&report, Some("pss-privileged")));
    });
}

/// A pod template full of problems: every pod-spec and container rule has something to say.
const TEMPLATE: &str = "\
metadata:
  labels: {app: x}
  annotations: {container.apparmor.security.beta.kubernetes.io/app: unconfined}
spec:
  hostPID: true
  hostNetwork: true
  nodeName: node-1
  shareProcessNamespace: true
  hostAliases: [{ip: 10.0.0.1, hostnames: [db]}]
  securityContext: {runAsUser: 0, sysctls: [{name: kernel.msgmax, value: '1'}]}
  volumes:
  - {name: sock, hostPath: {path: /var/run/docker.sock}}
  - {name: scratch, emptyDir: {}}
  initContainers:
  - name: init
    image: busybox
    securityContext: {privileged: true, capabilities: {add: [SYS_ADMIN]}}
  containers:
  - name: app
    image: nginx:latest
    ports: [{containerPort: 80, hostPort: 80}]
    env:
    - {name: DB_PASSWORD, value: hunter2hunter2}
    - name: API
      valueFrom: {secretKeyRef: {name: s, key: k}}
    securityContext:
      allowPrivilegeEscalation: true
      procMount: Unmasked
      seLinuxOptions: {type: spc_t}
      seccompProfile: {type: Unconfined}
";

fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.lines().map(|l| format!("{pad}{l}\n")).collect()
}

/// (rule, message, field relative to the template) of every finding on the template.
fn template_findings(doc: &str, prefix: &str) -> BTreeSet<(String, String, String)> {
    let report = common::lint("t.yaml", doc, &LintOptions::default());
    report
        .findings
        .iter()
        .filter_map(|f| {
            let d = &f.diagnostic;
            let field = d.field.as_deref()?.strip_prefix(prefix)?;
            Some((d.rule.to_owned(), d.message.clone(), field.to_owned()))
        })
        .collect()
}

#[test]
fn custom_templates_get_every_pod_and_container_rule() {
    let deployment = format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: d}}\nspec:\n  selector: {{matchLabels: {{app: x}}}}\n  template:\n{}",
        indent(TEMPLATE, 4)
    );
    let reference = template_findings(&deployment, "spec.template.");
    let rules: BTreeSet<&str> = reference.iter().map(|(r, _, _)| r.as_str()).collect();
    for expected in
        ["pss-privileged", "pss-host-namespaces", "pss-host-path-volumes", "pss-sysctls"]
    {
        assert!(rules.contains(expected), "the reference template fires {expected}: {rules:?}");
    }
    let cases = [
        ("argoproj.io/v1alpha1", "Rollout", "spec:\n  template:\n", 4, "spec.template."),
        ("apps.kruise.io/v1alpha1", "CloneSet", "spec:\n  template:\n", 4, "spec.template."),
        ("apps.kruise.io/v1beta1", "StatefulSet", "spec:\n  template:\n", 4, "spec.template."),
        ("apps.kruise.io/v1alpha1", "DaemonSet", "spec:\n  template:\n", 4, "spec.template."),
        (
            "keda.sh/v1alpha1",
            "ScaledJob",
            "spec:\n  jobTargetRef:\n    template:\n",
            6,
            "spec.jobTargetRef.template.",
        ),
        ("serving.knative.dev/v1", "Service", "spec:\n  template:\n", 4, "spec.template."),
        ("example.com/v1", "Anything", "spec:\n  template:\n", 4, "spec.template."),
        (
            "example.com/v1",
            "Anything",
            "spec:\n  jobTemplate:\n    spec:\n      template:\n",
            8,
            "spec.jobTemplate.spec.template.",
        ),
        ("example.com/v1", "Anything", "template:\n", 2, "template."),
    ];
    for (api_version, kind, head, depth, prefix) in cases {
        let doc = format!(
            "apiVersion: {api_version}\nkind: {kind}\nmetadata: {{name: c}}\n{head}{}",
            indent(TEMPLATE, depth)
        );
        let got = template_findings(&doc, prefix);
        assert_eq!(got, reference, "{api_version} {kind} at {prefix}");
    }
}

#[test]
fn config_errors_are_located() {
    let text = "podTemplatePaths:\n  apps/v1/Deployment: [spec.template]\n  Foo: [spec.x]\n  example.com/v1/Bar: [\"spec..x\", \"spec.a[*].template\"]\n  example.com/v1/baz: []\n";
    let errors = Config::parse(text).expect_err("invalid config");
    let mut located: Vec<(usize, &str)> = errors
        .iter()
        .map(|e| (text[..e.span.start as usize].matches('\n').count() + 1, e.message.as_str()))
        .collect();
    located.sort_unstable();
    assert_eq!(located.len(), 4, "{located:?}");
    assert!(located[0].1.contains("built-in API group"), "{located:?}");
    assert_eq!(located[0].0, 2);
    assert!(located[1].1.contains("must be `group/version/Kind`"), "{located:?}");
    assert_eq!(located[1].0, 3);
    assert!(located[2].1.contains("\"spec..x\" is not a field path"), "{located:?}");
    assert_eq!(located[2].0, 4);
    assert!(located[3].1.contains("capitalised Kind"), "{located:?}");
    assert_eq!(located[3].0, 5);
    let ok = Config::parse("podTemplatePaths: {\"example.com/v1/Foo\": [spec.runner.template]}")
        .expect("valid config");
    assert!(ok.pod_templates_for("example.com/v1", "Foo").is_some());
    assert!(ok.pod_templates_for("example.com/v2", "Foo").is_none());
    assert!(ok.pod_templates_for("example.com/v1", "Bar").is_none());
}
