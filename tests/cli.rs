//! End-to-end tests of the `kubeward` binary: exit codes, JSON v1, stdin, config, determinism.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn kubeward(args: &[&str], cwd: &Path, stdin: Option<&[u8]>, threads: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kubeward"));
    cmd.args(args).current_dir(cwd).env_remove("NO_COLOR").env("COLUMNS", "100");
    if let Some(t) = threads {
        cmd.env("RAYON_NUM_THREADS", t);
    }
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

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(o)))
}

#[test]
fn examples_human_output() {
    let o = kubeward(&["lint", "examples/insecure", "examples/hardened"], &repo(), None, None);
    assert_eq!(o.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn examples_json_output_is_v1() {
    let o = kubeward(
        &["lint", "--format", "json", "examples/insecure", "examples/hardened"],
        &repo(),
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["version"], 1);
    for key in
        ["files", "documents", "objects", "skipped", "errors", "warnings", "infos", "suppressed"]
    {
        assert!(v["summary"][key].is_u64(), "summary.{key} missing");
    }
    for d in v["diagnostics"].as_array().expect("diagnostics") {
        for key in [
            "rule",
            "severity",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "object",
            "field",
            "help",
            "url",
        ] {
            assert!(d.get(key).is_some(), "diagnostic lacks {key}: {d}");
        }
    }
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn hardened_examples_are_clean() {
    let o = kubeward(&["lint", "examples/hardened"], &repo(), None, None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn stdin_is_linted_as_stdin() {
    let pod = b"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: on\n  containers: [{name: a, image: nginx:1.27}]\n";
    let o = kubeward(&["lint", "--format", "json", "-"], &repo(), Some(pod), None);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let d = &v["diagnostics"][0];
    assert_eq!(d["file"], "<stdin>");
    assert_eq!(d["rule"], "pss-host-namespaces");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64(), d["end_column"].as_u64()),
        (Some(5), Some(12), Some(13))
    );
}

#[test]
fn exit_codes() {
    let tmp = tempdir("exit");
    let dir = tmp.path();
    std::fs::write(dir.join("ok.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
        .expect("write");
    assert_eq!(kubeward(&["lint", "ok.yaml"], dir, None, None).status.code(), Some(0));
    // A missing path is a usage error (2), after the other files were linted.
    let o = kubeward(&["lint", "--format", "json", "ok.yaml", "missing.yaml"], dir, None, None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["diagnostics"][0]["rule"], "file-unreadable");
    assert_eq!(
        kubeward(&["lint", "--pss-version", "v2.0", "ok.yaml"], dir, None, None).status.code(),
        Some(2)
    );
    assert_eq!(kubeward(&["lint", "--bogus"], dir, None, None).status.code(), Some(2));
    // An info finding is below the default threshold.
    std::fs::write(dir.join("compose.yaml"), "services: {web: {image: nginx}}\n").expect("write");
    assert_eq!(kubeward(&["lint", "compose.yaml"], dir, None, None).status.code(), Some(0));
    assert_eq!(
        kubeward(&["lint", "--min-severity", "info", "compose.yaml"], dir, None, None)
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn bad_files_do_not_stop_the_run() {
    let tmp = tempdir("bad");
    let dir = tmp.path();
    std::fs::write(dir.join("a-binary.yaml"), b"\x00\x01\x02").expect("write");
    std::fs::write(dir.join("b-latin1.yaml"), b"name: caf\xe9\n").expect("write");
    std::fs::write(dir.join("c-broken.yaml"), "a: [\n").expect("write");
    std::fs::write(dir.join("d-good.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: i, securityContext: {privileged: true}}]\n").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(".", dir.join("loop")).expect("symlink");
    let o = kubeward(&["lint", "--format", "json", "."], dir, None, None);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let rules: Vec<(&str, &str)> = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| (d["file"].as_str().unwrap_or(""), d["rule"].as_str().unwrap_or("")))
        .collect();
    assert!(rules.contains(&("a-binary.yaml", "file-binary")), "{rules:?}");
    assert!(rules.contains(&("b-latin1.yaml", "file-invalid-utf8")), "{rules:?}");
    assert!(rules.contains(&("c-broken.yaml", "yaml-syntax-error")), "{rules:?}");
    assert!(rules.contains(&("d-good.yaml", "pss-privileged")), "{rules:?}");
    #[cfg(unix)]
    assert!(
        rules.iter().any(|(f, r)| f.starts_with("loop") && *r == "file-unreadable"),
        "{rules:?}"
    );
}

#[test]
fn config_is_discovered_and_validated() {
    let tmp = tempdir("config");
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("sub")).expect("mkdir");
    std::fs::write(dir.join("sub/p.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: [{name: a, image: i}]\n").expect("write");
    std::fs::write(dir.join(".kubeward.yaml"), "rules:\n  pss-host-namespaces: off\n")
        .expect("write");
    // Errors only: the pod also has restricted-level warnings, which are not what this tests.
    assert_eq!(
        kubeward(&["lint", "--min-severity", "error", "p.yaml"], &dir.join("sub"), None, None)
            .status
            .code(),
        Some(0)
    );
    std::fs::write(
        dir.join(".kubeward.yaml"),
        "rules:\n  pss-host-namespace: off\nexclude: []\nbogus: 1\n",
    )
    .expect("write");
    let o = kubeward(&["lint", "p.yaml"], &dir.join("sub"), None, None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("unknown rule `pss-host-namespace` (did you mean `pss-host-namespaces`?)"),
        "{err}"
    );
    assert!(err.contains("unknown config key `bogus`"), "{err}");
    assert!(err.contains(":2:3") || err.contains("2:3"), "location missing: {err}");
}

/// The output of a run that must have found something (exit 1).
fn findings_stdout(o: Output, format: &str) -> Vec<u8> {
    assert_eq!(o.status.code(), Some(1), "{format}: {}", String::from_utf8_lossy(&o.stderr));
    o.stdout
}

#[test]
fn output_is_identical_across_thread_counts() {
    // JSON, SARIF and the human report (whose snippets read each file again), byte for byte:
    // 1 vs 2 threads, two argument orders, repeated runs.
    for format in ["json", "sarif", "human"] {
        let run = |paths: [&str; 2], threads: &str| {
            let o = kubeward(
                &["lint", "--format", format, paths[0], paths[1]],
                &repo(),
                None,
                Some(threads),
            );
            findings_stdout(o, format)
        };
        let one = run(["examples", "core/tests/fixtures"], "1");
        assert!(one.len() > 10_000, "{format}: suspiciously small output");
        assert_eq!(one, run(["examples", "core/tests/fixtures"], "2"), "{format}: 1 vs 2 threads");
        assert_eq!(one, run(["core/tests/fixtures", "examples"], "2"), "{format}: argument order");
        assert_eq!(one, run(["examples", "core/tests/fixtures"], "1"), "{format}: a second run");
    }
}

#[test]
fn output_is_the_same_when_findings_cannot_be_spilled() {
    // The CLI spills findings to a temporary file; without a usable temporary directory it holds
    // them instead, and writes the same bytes.
    for format in ["json", "sarif", "github", "human"] {
        let run = |tmpdir: Option<&str>| {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_kubeward"));
            cmd.args(["lint", "--format", format, "examples", "core/tests/fixtures"])
                .current_dir(repo());
            if let Some(dir) = tmpdir {
                cmd.env("TMPDIR", dir);
            }
            findings_stdout(cmd.output().expect("run kubeward"), format)
        };
        let spilled = run(None);
        assert!(spilled.len() > 10_000, "{format}: suspiciously small output");
        assert_eq!(spilled, run(Some("/nonexistent/kubeward-no-tmp")), "{format}: held vs spilled");
    }
}

#[test]
fn rules_and_explain() {
    let o = kubeward(&["rules"], &repo(), None, None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("pss-privileged"));
    let o = kubeward(&["explain", "pss-privileged"], &repo(), None, None);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(
        text.contains("ignore.kubeward.dev/pss-privileged") && text.contains("WHY IT MATTERS"),
        "{text}"
    );
    let o = kubeward(&["explain", "pss-privilegd"], &repo(), None, None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `pss-privileged`"));
}

#[test]
fn examples_github_output() {
    let o = kubeward(
        &["lint", "--format", "github", "examples/insecure", "examples/hardened"],
        &repo(),
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn sarif_output_matches_json_findings() {
    let args = ["examples/insecure", "examples/hardened"];
    let j =
        json(&kubeward(&[&["lint", "--format", "json"][..], &args].concat(), &repo(), None, None));
    let o = kubeward(&[&["lint", "--format", "sarif"][..], &args].concat(), &repo(), None, None);
    assert_eq!(o.status.code(), Some(1), "same exit code as the other formats");
    let v = json(&o);
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "kubeward");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    let results = run["results"].as_array().expect("results");
    let diags = j["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(results.len(), diags.len());
    // Same findings, same order; SARIF's end column is the JSON's inclusive one + 1.
    for (r, d) in results.iter().zip(diags) {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(r["ruleId"], d["rule"]);
        assert_eq!(r["message"]["text"], d["message"]);
        assert_eq!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], d["file"]);
        assert_eq!(region["startLine"], d["line"]);
        assert_eq!(region["startColumn"], d["column"]);
        assert_eq!(region["endLine"], d["end_line"]);
        assert_eq!(region["endColumn"].as_u64(), d["end_column"].as_u64().map(|c| c + 1));
        let level = match d["severity"].as_str() {
            Some("info") => "note",
            other => other.expect("severity"),
        };
        assert_eq!(r["level"], level);
    }
    let fired = run["tool"]["driver"]["rules"].as_array().expect("rules").len();
    let o = kubeward(
        &[&["lint", "--format", "sarif", "--sarif-all-rules"][..], &args].concat(),
        &repo(),
        None,
        None,
    );
    let all = json(&o)["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules").len();
    let rules = kubeward(&["rules", "--format", "json"], &repo(), None, None);
    assert_eq!(all, json(&rules).as_array().expect("rules").len());
    assert!(fired < all);
}

#[test]
fn sarif_and_github_carry_suppressions_and_clean_runs() {
    let tmp = tempdir("sarif");
    let dir = tmp.path();
    std::fs::write(
        dir.join("p.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    ignore.kubeward.dev/pss-host-namespaces: \"CNI agent, SEC-9\"\nspec:\n  hostNetwork: true\n  containers: [{name: a, image: i}]\n",
    )
    .expect("write");
    let o = kubeward(
        &["lint", "--format", "sarif", "--min-severity", "error", "./p.yaml"],
        dir,
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "only a suppressed error: exit 0");
    let v = json(&o);
    let results = v["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1, "{results:?}");
    assert_eq!(results[0]["ruleId"], "pss-host-namespaces");
    assert_eq!(results[0]["suppressions"][0]["justification"], "CNI agent, SEC-9");
    assert_eq!(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "p.yaml");
    let o = kubeward(
        &["lint", "--format", "github", "--min-severity", "error", "p.yaml"],
        dir,
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "0 errors, 0 warnings, 0 infos in 1 file (1 object in 1 document, 0 skipped, 1 suppressed)\n"
    );
}

#[test]
fn rules_markdown_out_writes_the_committed_docs() {
    let tmp = tempdir("docs");
    let dir = tmp.path();
    let o = kubeward(&["rules", "--format", "markdown", "--out", "docs/rules"], dir, None, None);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let committed = repo().join("docs/rules");
    let mut generated: Vec<_> = std::fs::read_dir(dir.join("docs/rules"))
        .expect("generated dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    generated.sort();
    let mut on_disk: Vec<_> = std::fs::read_dir(&committed)
        .expect("docs/rules")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    assert_eq!(generated, on_disk, "the same pages as the committed docs/rules");
    assert!(generated.contains(&"README.md".to_owned()) && generated.len() > 10);
    for name in &generated {
        assert_eq!(
            std::fs::read_to_string(dir.join("docs/rules").join(name)).expect("generated"),
            std::fs::read_to_string(committed.join(name)).expect("committed"),
            "docs/rules/{name} differs from `kubeward rules --format markdown --out docs/rules`"
        );
    }
    let o = kubeward(&["rules", "--out", "x"], dir, None, None);
    assert_eq!(o.status.code(), Some(2), "--out needs --format markdown");
}

/// A fresh directory, removed when dropped (also when the test fails).
fn tempdir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(&format!("kubeward-cli-{name}-")).tempdir().expect("temp dir")
}

/// Output that cannot be written (a full disk) is an error with exit code 2, not a truncated
/// report behind exit code 0 or 1; a reader that closes the pipe early (`| head`) is not.
#[test]
fn output_write_errors_exit_2_but_a_closed_pipe_does_not() {
    let full = std::fs::File::create("/dev/full");
    if let Ok(full) = full {
        for format in ["json", "sarif", "github", "human"] {
            let o = Command::new(env!("CARGO_BIN_EXE_kubeward"))
                .args(["lint", "--format", format, "examples/insecure"])
                .current_dir(repo())
                .stdout(full.try_clone().expect("dup /dev/full"))
                .output()
                .expect("run kubeward");
            assert_eq!(o.status.code(), Some(2), "{format}");
            let e = String::from_utf8_lossy(&o.stderr);
            assert!(e.contains("error: cannot write the output:"), "{format}: {e}");
        }
    }

    let mut child = Command::new(env!("CARGO_BIN_EXE_kubeward"))
        .args(["lint", "--format", "json", "examples/insecure"])
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kubeward");
    drop(child.stdout.take());
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
}
