//! The SARIF and GitHub renderers: snapshots of a small run with every feature they carry
//! (suppression, related location, multi-line span, odd paths, escaping), and the properties
//! code scanning relies on (exclusive end columns, fingerprints that survive line moves).

use kubeward::lint::{FileResult, LintOptions, lint_text};
use kubeward::report::{Report, github, sarif};
use serde_json::Value;

const POD: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  annotations:
    ignore.kubeward.dev/pss-host-namespaces: \"node exporter: needs the host network, SEC-1\"
spec:
  hostNetwork: true
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: yes
      privileged: on
";

const BROKEN: &str = "a: [\n";

const UNICODE: &str = "\
apiVersion: v1
kind: Pod
metadata: {name: \"café\"}
spec:
  containers: [{name: é, image: i, securityContext: {privileged: true}}]
";

fn run(files: Vec<FileResult>, options: &LintOptions) -> Report {
    kubeward::lint::finish(files, options)
}

fn report() -> Report {
    let options = LintOptions::default();
    run(
        vec![
            lint_text("./deploy/web pod.yaml", POD, &options),
            lint_text("deploy/a,b:c%.yaml", BROKEN, &options),
            lint_text("deploy/unicode.yaml", UNICODE, &options),
            FileResult::unreadable("deploy/missing.yaml", "cannot read deploy/missing.yaml: gone"),
        ],
        &options,
    )
}

fn sarif_json(report: &Report, all_rules: bool) -> Value {
    serde_json::from_str(&sarif::render(report, sarif::SarifOptions { all_rules }))
        .expect("SARIF is JSON")
}

#[test]
fn sarif_snapshot() {
    let out = sarif::render(&report(), sarif::SarifOptions::default());
    // Rule help texts are long and covered by the docs tests: keep only their first line here.
    let mut v: Value = serde_json::from_str(&out).expect("json");
    for r in v["runs"][0]["tool"]["driver"]["rules"].as_array_mut().expect("rules") {
        for k in ["text", "markdown"] {
            let first = r["help"][k].as_str().and_then(|s| s.lines().next()).unwrap_or("");
            r["help"][k] = Value::String(format!("{first} …"));
        }
    }
    insta::assert_json_snapshot!(v);
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!(github::render(&report()));
}

#[test]
fn sarif_is_deterministic() {
    let options = LintOptions::default();
    let a = report();
    let b = run(
        vec![
            FileResult::unreadable("deploy/missing.yaml", "cannot read deploy/missing.yaml: gone"),
            lint_text("deploy/unicode.yaml", UNICODE, &options),
            lint_text("deploy/a,b:c%.yaml", BROKEN, &options),
            lint_text("./deploy/web pod.yaml", POD, &options),
        ],
        &options,
    );
    let opts = sarif::SarifOptions::default();
    assert_eq!(sarif::render(&a, opts), sarif::render(&b, opts));
}

#[test]
fn sarif_regions_fingerprints_and_suppressions() {
    let v = sarif_json(&report(), false);
    let run = &v["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    let results = run["results"].as_array().expect("results");
    for r in results {
        let idx = usize::try_from(r["ruleIndex"].as_u64().expect("ruleIndex")).expect("index");
        assert_eq!(rules.get(idx).copied(), r["ruleId"].as_str(), "ruleIndex points at ruleId");
    }
    let find = |rule: &str| {
        results.iter().find(|r| r["ruleId"] == rule).unwrap_or_else(|| panic!("no {rule}"))
    };

    // `privileged: on` on line 15, columns 19..=20 inclusive: SARIF's end column is exclusive.
    let privileged = find("pss-privileged");
    let loc = &privileged["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "deploy/web%20pod.yaml");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(
        loc["region"],
        serde_json::json!({"startLine": 15, "startColumn": 19, "endLine": 15, "endColumn": 21})
    );
    assert_eq!(
        privileged["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "Pod/shop/web"
    );

    // The duplicate key points back at the first one.
    let dup = find("yaml-duplicate-key");
    assert_eq!(dup["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 14);

    // Columns count code points: `true` after `é, image: i, securityContext: {privileged: `.
    let uni = results
        .iter()
        .find(|r| {
            r["ruleId"] == "pss-privileged"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "deploy/unicode.yaml"
        })
        .expect("unicode finding");
    let region = &uni["locations"][0]["physicalLocation"]["region"];
    let line = UNICODE.lines().nth(4).expect("line 5");
    let col = line.find("true").map(|b| line[..b].chars().count() as u64 + 1);
    assert_eq!(region["startColumn"].as_u64(), col);
    assert_eq!(region["endColumn"].as_u64(), col.map(|c| c + 4));

    // The suppressed finding is a result with its reason.
    let host = find("pss-host-namespaces");
    assert_eq!(host["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        host["suppressions"][0]["justification"],
        "node exporter: needs the host network, SEC-1"
    );
    assert!(privileged.get("suppressions").is_none());

    // Rule metadata code scanning reads.
    let rule = &run["tool"]["driver"]["rules"]
        [rules.iter().position(|r| *r == "pss-privileged").expect("rule")];
    assert_eq!(rule["properties"]["security-severity"], "8.0");
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert_eq!(rule["helpUri"], "https://kubeward.dev/rules/pss-privileged");
    let tags = rule["properties"]["tags"].as_array().expect("tags");
    for t in ["security", "pss", "pss/baseline", "external/cis/5.2.2"] {
        assert!(tags.iter().any(|x| x == t), "tag {t} missing: {tags:?}");
    }
    // Not a security rule: no security severity, so GitHub shows its plain level.
    let syntax = &run["tool"]["driver"]["rules"]
        [rules.iter().position(|r| *r == "yaml-syntax-error").expect("rule")];
    assert!(syntax["properties"].get("security-severity").is_none());
}

fn fingerprints(text: &str, path: &str) -> Vec<(String, String)> {
    let options = LintOptions::default();
    let v = sarif_json(&run(vec![lint_text(path, text, &options)], &options), false);
    v["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["message"]["text"].as_str().expect("message").to_owned(),
                r["partialFingerprints"]["kubeward/v1"].as_str().expect("fingerprint").to_owned(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_survive_line_moves_and_tell_findings_apart() {
    let before = fingerprints(POD, "web.yaml");
    let shifted = format!("# a comment\n\n{POD}");
    let after = fingerprints(&shifted, "web.yaml");
    assert!(!before.is_empty());
    let mut a = before.clone();
    let mut b = after;
    a.sort();
    b.sort();
    assert_eq!(a, b, "inserting lines above must not change any fingerprint");
    // Another file, same findings: other fingerprints.
    let other = fingerprints(POD, "other.yaml");
    assert!(before.iter().all(|(_, f)| other.iter().all(|(_, g)| f != g)));
    // Two identical findings in one file (two pods' worth) are told apart by an ordinal.
    let two = format!("{POD}---\n{POD}");
    let fps: Vec<String> = fingerprints(&two, "web.yaml").into_iter().map(|(_, f)| f).collect();
    let mut unique = fps.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), fps.len(), "fingerprints are unique: {fps:?}");
}

#[test]
fn sarif_all_rules_lists_the_registry() {
    let v = sarif_json(&report(), true);
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), kubeward::rules::registry::ALL.len());
    for r in v["runs"][0]["results"].as_array().expect("results") {
        let idx = usize::try_from(r["ruleIndex"].as_u64().expect("idx")).expect("idx");
        assert_eq!(rules[idx]["id"], r["ruleId"]);
    }
    // Without the flag: only the rules that have a result.
    let v = sarif_json(&report(), false);
    let n = v["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules").len();
    assert!(n < kubeward::rules::registry::ALL.len() && n > 3);
}

#[test]
fn github_escapes_properties_and_data() {
    let out = github::render(&report());
    let broken = out
        .lines()
        .find(|l| l.contains("title=yaml-syntax-error"))
        .expect("syntax error annotation");
    assert!(broken.starts_with("::error file=deploy/a%2Cb%3Ac%25.yaml,line=2,"), "{broken}");
    // The message is one line: newlines are %0A.
    assert!(out.lines().all(|l| !l.starts_with("::") || l.matches("::").count() >= 2));
    let privileged = out.lines().find(|l| l.contains("title=pss-privileged")).expect("privileged");
    assert!(
        privileged.contains("file=deploy/web pod.yaml,line=15,endLine=15,col=19,endColumn=20,"),
        "{privileged}"
    );
    assert!(privileged.contains("%0Ahelp: "), "{privileged}");
    // Suppressed findings are not annotated; the summary counts them.
    assert!(!out.contains("title=pss-host-namespaces"));
    assert!(out.ends_with("1 suppressed)\n"), "{out}");
}
