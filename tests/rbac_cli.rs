//! End-to-end tests of `kubeward rbac paths | who-can | can-i | graph`: the binary over the
//! technique fixtures (`core/tests/fixtures/rbac_graph`) and the bootstrap policy, exit codes,
//! config, stdin and bad input.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    repo().join("core/tests/fixtures/rbac_graph")
}

fn kubeward(args: &[&str], cwd: &Path, stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kubeward"));
    cmd.args(args).current_dir(cwd);
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn kubeward");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input).expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory, removed when dropped (also when the test fails).
fn tempdir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(&format!("kubeward-rbac-{name}-")).tempdir().expect("temp dir")
}

/// The flags a fixture's header asks for (`# k8s-version: v1.NN`, `# builtin: false`).
fn header_flags(text: &str) -> Vec<String> {
    let mut flags = Vec::new();
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let body = line.trim_start_matches('#').trim();
        if let Some(v) = body.strip_prefix("k8s-version:") {
            flags.extend(["--k8s-version".to_owned(), v.trim().to_owned()]);
        } else if body.strip_prefix("builtin:").is_some_and(|v| v.trim() == "false") {
            flags.push("--no-builtin".to_owned());
        }
    }
    flags
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "fixtures missing: {names:?}");
    names
}

/// The body of an insta snapshot file (after its front matter).
fn snapshot_body(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let body = text.splitn(3, "---\n").nth(2).unwrap_or_default();
    body.trim_end().to_owned()
}

/// `rbac paths --format json` prints exactly what the core's technique snapshots hold: the CLI
/// maps files, version and built-in flags onto the engine and adds nothing.
#[test]
fn paths_json_equals_the_core_snapshots() {
    for name in fixture_names() {
        let text = std::fs::read_to_string(fixtures().join(&name)).expect("read");
        let mut args = vec!["rbac".to_owned(), "paths".to_owned(), "--format".to_owned()];
        args.extend(["json".to_owned(), "--no-config".to_owned(), "-f".to_owned(), name.clone()]);
        args.extend(header_flags(&text));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = kubeward(&args, &fixtures(), None);
        let expected = snapshot_body(
            &repo().join(format!("core/tests/snapshots/rbac__technique_fixtures@{name}.snap")),
        );
        assert_eq!(stdout(&o).trim_end(), expected, "{name}: stderr {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        let n = v["paths"].as_array().map_or(0, Vec::len);
        // Every fixture's paths are from subjects that are not trusted by default.
        assert_eq!(o.status.code(), Some(if n > 0 { 1 } else { 0 }), "{name}");
    }
}

/// Each fixture's `# expect:` / `# expect-none:` lines hold through `--from` and `--to`.
#[test]
fn from_and_to_filter_paths() {
    let mut checked = 0;
    for name in fixture_names() {
        let text = std::fs::read_to_string(fixtures().join(&name)).expect("read");
        for line in text.lines().take_while(|l| l.starts_with('#')) {
            let body = line.trim_start_matches('#').trim();
            let (none, rest) =
                match (body.strip_prefix("expect-none:"), body.strip_prefix("expect:")) {
                    (Some(r), _) => (true, r),
                    (_, Some(r)) => (false, r),
                    _ => continue,
                };
            let rest = rest.split(" via ").next().unwrap_or_default();
            let (subject, target) = match rest.split_once("->") {
                Some((s, t)) => (s.trim(), Some(t.trim())),
                None => (rest.trim(), None),
            };
            // The core's `serviceaccount:NS/NAME` is accepted too, and printed in DESIGN syntax.
            let shown = match subject.strip_prefix("serviceaccount:") {
                Some(sa) => format!("system:serviceaccount:{}", sa.replacen('/', ":", 1)),
                None => subject.to_owned(),
            };
            let mut args = vec!["rbac", "paths", "--no-config", "-f", &name, "--from", subject];
            if let Some(t) = target {
                args.extend(["--to", t]);
            }
            let flags = header_flags(&text);
            args.extend(flags.iter().map(String::as_str));
            let o = kubeward(&args, &fixtures(), None);
            let out = stdout(&o);
            if none {
                assert_eq!(out, "no escalation paths\n", "{name}: {line}");
                assert_eq!(o.status.code(), Some(0), "{name}: {line}");
            } else {
                assert!(out.starts_with(&format!("{shown} reaches")), "{name}: {line}\n{out}");
                if let Some(t) = target {
                    assert!(out.contains(&format!(" reaches {t} in ")), "{name}: {line}\n{out}");
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} expectations");
}

#[test]
fn paths_human_and_pictures() {
    let dir = fixtures();
    let human =
        kubeward(&["rbac", "paths", "--no-config", "-f", "create-workload.yaml"], &dir, None);
    assert_eq!(human.status.code(), Some(1));
    insta::assert_snapshot!("paths_human", stdout(&human));
    let dot = kubeward(
        &["rbac", "paths", "--no-config", "--format", "dot", "-f", "create-workload.yaml"],
        &dir,
        None,
    );
    assert_eq!(dot.status.code(), Some(1));
    // `rbac graph` draws the same subgraph, and is not a check (exit 0).
    let graph =
        kubeward(&["rbac", "graph", "--no-config", "-f", "create-workload.yaml"], &dir, None);
    assert_eq!(graph.status.code(), Some(0));
    assert_eq!(stdout(&dot), stdout(&graph));
    insta::assert_snapshot!("graph_dot", stdout(&graph));
    let mermaid = kubeward(
        &["rbac", "graph", "--no-config", "--format", "mermaid", "--to", "secrets"],
        &dir,
        None,
    );
    assert_eq!(mermaid.status.code(), Some(0), "{}", stderr(&mermaid));
    let m = stdout(&mermaid);
    assert!(m.starts_with("flowchart LR\n") && m.contains("{{\"secrets\"}}"), "{m}");
    assert!(!m.contains("cluster-admin"), "--to secrets drew another target:\n{m}");
}

const ESCALATION: &str = "\
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: ci, namespace: app}
";

const HARMLESS: &str = "\
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: User, name: view-user, apiGroup: rbac.authorization.k8s.io}
";

/// As a pre-commit hook would run it: `rbac paths -f .` fails on escalation, passes otherwise,
/// and `trustedSubjects` in `.kubeward.yaml` is honoured.
#[test]
fn paths_exit_codes_and_trusted_subjects() {
    let tmp = tempdir("hook");
    let dir = tmp.path();
    std::fs::write(dir.join("viewer.yaml"), HARMLESS).expect("write");
    let o = kubeward(&["rbac", "paths", "-f", "."], dir, None);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), "no escalation paths\n"));

    std::fs::create_dir_all(dir.join("deploy")).expect("mkdir");
    std::fs::write(dir.join("deploy/ci.yaml"), ESCALATION).expect("write");
    let o = kubeward(&["rbac", "paths", "-f", "."], dir, None);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("system:serviceaccount:app:ci reaches"), "{}", stdout(&o));
    assert!(stdout(&o).contains("deploy/ci.yaml:1 RoleBinding app/deployer"), "{}", stdout(&o));
    // The default folder is the working directory.
    assert_eq!(kubeward(&["rbac", "paths"], dir, None).status.code(), Some(1));

    std::fs::write(
        dir.join(".kubeward.yaml"),
        "trustedSubjects: [\"system:serviceaccount:app:*\"]\n",
    )
    .expect("write");
    let o = kubeward(&["rbac", "paths", "-f", "."], dir, None);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), "no escalation paths\n"));
    // `--all` shows trusted subjects, which are still not findings.
    let o = kubeward(&["rbac", "paths", "--all", "-f", "."], dir, None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("system:serviceaccount:app:ci reaches"), "{}", stdout(&o));
    assert!(stdout(&o).contains("group:system:masters reaches"), "{}", stdout(&o));
    // `--no-config` drops the trust again.
    assert_eq!(
        kubeward(&["rbac", "paths", "--no-config", "-f", "."], dir, None).status.code(),
        Some(1)
    );
}

#[test]
fn usage_errors() {
    let dir = fixtures();
    for (args, message) in [
        (&["rbac", "paths", "--from", "alice", "-f", "."][..], "invalid subject \"alice\""),
        (&["rbac", "paths", "--from", "system:serviceaccount:app", "-f", "."], "invalid subject"),
        (&["rbac", "paths", "--from", "group:", "-f", "."], "invalid subject"),
        (&["rbac", "paths", "--to", "root", "-f", "."], "invalid target \"root\""),
        (&["rbac", "paths", "--k8s-version", "2.0", "-f", "."], "expected `latest` or v1.NN"),
        (&["rbac", "paths", "--format", "sarif", "-f", "."], "invalid value"),
        (&["rbac", "paths", "-f", "missing.yaml"], "cannot read missing.yaml"),
        (&["rbac", "can-i", "get", "pods"], "--as"),
        (&["rbac", "can-i", "--as", "x", "get"], "<RESOURCE>"),
        (
            &["rbac", "can-i", "--as", "x", "get", "pods/", "-f", "member-of.yaml"],
            "invalid subresource",
        ),
        (&["rbac", "who-can", "get", "-f", "member-of.yaml"], "<RESOURCE>"),
    ] {
        let o = kubeward(args, &dir, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

/// `can-i` and `who-can` on the bootstrap policy agree with Kubernetes' documented defaults.
#[test]
fn can_i_and_who_can_on_the_bootstrap_policy() {
    let tmp = tempdir("cani");
    let dir = tmp.path();
    std::fs::write(dir.join("viewer.yaml"), HARMLESS).expect("write");
    let can = |args: &[&str]| {
        let mut all = vec!["rbac", "can-i"];
        all.extend_from_slice(args);
        all.extend(["-f", "viewer.yaml"]);
        let o = kubeward(&all, dir, None);
        (o.status.code(), stdout(&o))
    };
    let yes = (Some(0), "yes\n".to_owned());
    let no = (Some(1), "no\n".to_owned());
    assert_eq!(can(&["get", "pods", "--as", "view-user", "-n", "app"]), yes);
    assert_eq!(can(&["list", "deploy", "--as", "view-user", "-n", "app"]), yes);
    // `view` cannot read secrets, and the binding is namespaced.
    assert_eq!(can(&["get", "secrets", "--as", "view-user", "-n", "app"]), no);
    assert_eq!(can(&["get", "pods", "--as", "view-user", "-n", "other"]), no);
    assert_eq!(can(&["get", "pods", "--as", "view-user"]), no);
    assert_eq!(can(&["get", "secrets", "--as", "view-user"]), no);
    // system:masters may do anything, even without the built-in policy.
    assert_eq!(can(&["get", "secrets", "--as", "root", "--as-group", "system:masters"]), yes);
    assert_eq!(
        can(&["delete", "nodes", "--as", "root", "--as-group", "system:masters", "--no-builtin"]),
        yes
    );
    assert_eq!(can(&["get", "/healthz", "--as", "anyone"]), yes);
    assert_eq!(can(&["get", "/healthz", "--as", "anyone", "--no-builtin"]), no);
    // A ServiceAccount user name gets the ServiceAccount groups.
    assert_eq!(
        can(&["create", "selfsubjectaccessreviews", "--as", "system:serviceaccount:app:x"]),
        yes
    );

    let (code, list) = can(&["--list", "--as", "view-user", "-n", "app"]);
    assert_eq!(code, Some(0));
    assert!(list.contains("RoleBinding viewer → ClusterRole view"), "{list}");
    assert!(list.contains("ClusterRoleBinding system:basic-user"), "{list}");

    let o =
        kubeward(&["rbac", "who-can", "get", "pods", "-n", "app", "-f", "viewer.yaml"], dir, None);
    assert_eq!(o.status.code(), Some(0));
    let who = stdout(&o);
    assert!(who.contains("user:view-user\tRoleBinding viewer → ClusterRole view"), "{who}");
    assert!(who.contains("group:system:masters\tClusterRoleBinding cluster-admin"), "{who}");
    let o = kubeward(
        &["rbac", "who-can", "get", "secrets", "-n", "app", "-f", "viewer.yaml"],
        dir,
        None,
    );
    assert!(!stdout(&o).contains("view-user"), "{}", stdout(&o));
}

#[test]
fn who_can_snapshot() {
    let o = kubeward(
        &[
            "rbac",
            "who-can",
            "create",
            "deployments",
            "-n",
            "app",
            "--no-config",
            "-f",
            "create-workload.yaml",
        ],
        &fixtures(),
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("who_can_create_deployments", stdout(&o));
}

/// Files that do not parse are reported on stderr and the rest is still analysed; stdin works.
#[test]
fn bad_files_and_stdin() {
    let tmp = tempdir("bad");
    let dir = tmp.path();
    std::fs::write(dir.join("a-broken.yaml"), "a: [\n").expect("write");
    std::fs::write(dir.join("b-binary.yaml"), b"\x00\x01").expect("write");
    std::fs::write(dir.join("c-helm.yaml"), "kind: {{ .Values.kind }}\n").expect("write");
    std::fs::write(dir.join("d-ci.yaml"), ESCALATION).expect("write");
    let o = kubeward(&["rbac", "paths", "--no-config", "-f", "."], dir, None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("warning: a-broken.yaml:"), "{e}");
    assert!(e.contains("[yaml-syntax-error]"), "{e}");
    assert!(e.contains("warning: b-binary.yaml:1:1:") && e.contains("[file-binary]"), "{e}");
    assert!(e.contains("c-helm.yaml"), "{e}");
    // A RoleBinding to cluster-admin is namespace-only: the pods of `app` lead to the node.
    assert!(stdout(&o).contains("system:serviceaccount:app:ci reaches node"), "{}", stdout(&o));

    let o = kubeward(
        &["rbac", "paths", "--no-config", "--format", "json", "-f", "-"],
        dir,
        Some(ESCALATION.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["paths"][0]["steps"][0]["evidence"][0]["file"], "<stdin>");
}
