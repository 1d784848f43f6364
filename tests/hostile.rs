//! Hostile input (issue 8): every input is answered — a finding that names it, never a crash or a
//! hang — within 5 s of CPU time and 2 GiB of address space, and good files beside hostile ones
//! are still reported. The inputs are generated into a temporary folder, so nothing large is committed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Bound for one input: CPU time of the `kubeward` process (user + system), which does not
/// depend on what else the machine runs, as a shared CI machine's wall clock does.
const DEADLINE: Duration = Duration::from_secs(5);
/// Wall-clock bound, for a hang that does not spend CPU time (a blocking read, a deadlock).
const WALL_DEADLINE: Duration = Duration::from_secs(60);
/// Address-space bound, in KiB, set with `ulimit -v` before the binary starts.
const MEMORY_KIB: u64 = 2 * 1024 * 1024;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// CPU time, or wall time where `/proc` cannot tell.
    elapsed: Duration,
}

/// CPU time (user + system) of a live process, from `/proc/PID/stat`; `None` where that file
/// does not exist (not Linux) or the process has exited.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 1000 / clock_ticks()))
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 on Linux).
fn clock_ticks() -> u64 {
    static TICKS: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse().ok())
            .filter(|&t| t > 0)
            .unwrap_or(100)
    })
}

/// Runs `kubeward lint --format json ARGS` in `cwd` under the memory limit; kills it when it
/// spends more than [`DEADLINE`] of CPU time (of wall time where `/proc` is not there), or
/// [`WALL_DEADLINE`] of wall time.
fn lint(args: &[&str], cwd: &Path) -> Run {
    let bin = env!("CARGO_BIN_EXE_kubeward");
    let script = format!(
        "ulimit -v {MEMORY_KIB} && exec \"$0\" lint --format json --min-severity info --no-config \"$@\""
    );
    let out_path = cwd.join(format!(".out-{}", args.join("_").replace('/', "_")));
    let err_path = out_path.with_extension("err");
    let stdout = std::fs::File::create(&out_path).expect("stdout file");
    let stderr = std::fs::File::create(&err_path).expect("stderr file");
    let start = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(bin)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("spawn sh");
    // `exec` keeps the pid: this is the kubeward process once the shell has set the limit.
    let mut spent = None;
    let status = loop {
        // Read before the exit status is collected, which removes the process's `/proc` entry.
        spent = cpu_time(child.id()).or(spent);
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        let over = spent.unwrap_or_else(|| start.elapsed());
        if over > DEADLINE || start.elapsed() > WALL_DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "kubeward lint {args:?} did not answer in bounds: {over:?} spent (CPU time where \
                 /proc tells, else wall time; bound {DEADLINE:?}), {:?} of wall time (bound \
                 {WALL_DEADLINE:?})",
                start.elapsed()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let run = Run {
        code: status.code(),
        stdout: std::fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: std::fs::read_to_string(&err_path).unwrap_or_default(),
        elapsed: spent.unwrap_or_else(|| start.elapsed()),
    };
    let _ = std::fs::remove_file(out_path);
    let _ = std::fs::remove_file(err_path);
    run
}

/// `(file, rule)` of every diagnostic.
fn findings(run: &Run) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}); stderr:\n{}", run.stderr));
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_owned(),
                d["rule"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The distinct (file, rule) pairs, for readable failure messages.
fn distinct(found: &[(String, String)]) -> std::collections::BTreeSet<&(String, String)> {
    found.iter().collect()
}

const GOOD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: good}\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext: {privileged: true}\n";

/// The hostile inputs: (file name, bytes, the rule that must name it).
fn inputs() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let mut v: Vec<(&'static str, Vec<u8>, &'static str)> = Vec::new();

    // Billion laughs: 9 levels of 10 aliases each would expand to 10^9 nodes.
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        let refs = [prev.as_str(); 10].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    v.push(("alias-bomb.yaml", bomb.into_bytes(), "yaml-limit-exceeded"));

    // Merge-key bomb: every level merges the previous one ten times.
    let mut merge = String::from("m0: &m0 {k0: v}\n");
    for i in 1..20 {
        let refs = vec![format!("*m{}", i - 1); 10].join(", ");
        merge.push_str(&format!("m{i}: &m{i} {{<<: [{refs}], k{i}: v}}\n"));
    }
    merge.push_str("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: merge}\n");
    v.push(("merge-bomb.yaml", merge.into_bytes(), "yaml-limit-exceeded"));

    // 200,000-deep nesting in flow, block and JSON forms.
    v.push(("deep-flow.yaml", "[".repeat(200_000).into_bytes(), "yaml-limit-exceeded"));
    v.push(("deep-block.yaml", "- ".repeat(200_000).into_bytes(), "yaml-limit-exceeded"));
    v.push(("deep-json.json", "{\"a\":".repeat(200_000).into_bytes(), "yaml-limit-exceeded"));

    // A 30 MB scalar (under the 32 MiB file limit: it must be read, not refused).
    let mut big =
        String::from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: ");
    big.push_str(&"x".repeat(30_000_000));
    big.push_str("\nbogus: 1\n");
    v.push(("big-scalar.yaml", big.into_bytes(), "manifest-unknown-field"));

    // Over the file-size limit.
    v.push(("too-large.yaml", vec![b'#'; 40 * 1024 * 1024], "file-too-large"));

    // 30,000 keys in one mapping, all the same key: duplicate detection must not be quadratic.
    let mut dups = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dups}\ndata:\n");
    for i in 0..30_000 {
        dups.push_str(&format!("  k: \"{i}\"\n"));
    }
    v.push(("duplicate-keys.yaml", dups.into_bytes(), "yaml-duplicate-key"));

    // 100,000 documents.
    v.push((
        "many-documents.yaml",
        "---\nfoo: bar\n".repeat(100_000).into_bytes(),
        "manifest-not-kubernetes",
    ));

    v.push(("invalid-utf8.yaml", b"name: caf\xe9\xff\xfe\n".to_vec(), "file-invalid-utf8"));
    v.push(("binary.yaml", (0u8..=255).cycle().take(4096).collect(), "file-binary"));
    v.push((
        "helm.yaml",
        b"{{- if .Values.x }}\nkind: {{ .Values.kind }}\n{{- end }}\n".to_vec(),
        "file-helm-template",
    ));
    v.push(("syntax.yaml", b"a: [b, c\nd: {e\n".to_vec(), "yaml-syntax-error"));
    v
}

/// A fresh directory, removed when dropped (also when the test fails).
fn tempdir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("kubeward-hostile-{name}-"))
        .tempdir()
        .expect("temp dir")
}

#[test]
fn each_hostile_input_is_answered_in_bounds() {
    let tmp = tempdir("each");
    let dir = tmp.path();
    for (name, bytes, rule) in inputs() {
        std::fs::write(dir.join(name), &bytes).expect("write input");
        let run = lint(&[name], dir);
        eprintln!("{name} took {:?}", run.elapsed);
        assert!(
            matches!(run.code, Some(0 | 1)),
            "{name}: exit {:?} after {:?}; stderr:\n{}",
            run.code,
            run.elapsed,
            run.stderr
        );
        let found = findings(&run);
        assert!(
            found.iter().any(|(f, r)| f == name && r == rule),
            "{name}: expected {rule}, got {:?}",
            distinct(&found)
        );
        std::fs::remove_file(dir.join(name)).expect("remove input");
    }
}

#[test]
fn a_folder_mixing_everything_still_reports_the_good_files() {
    let tmp = tempdir("mixed");
    let dir = tmp.path();
    let expected = inputs();
    for (name, bytes, _) in &expected {
        std::fs::write(dir.join(name), bytes).expect("write input");
    }
    std::fs::write(dir.join("good-1.yaml"), GOOD).expect("write");
    std::fs::create_dir_all(dir.join("sub")).expect("mkdir");
    std::fs::write(dir.join("sub/good-2.yaml"), GOOD).expect("write");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(".", dir.join("sub/loop")).expect("symlink");
        std::os::unix::fs::symlink("missing.yaml", dir.join("dangling.yaml")).expect("symlink");
    }
    let run = lint(&["."], dir);
    eprintln!("the mixed folder took {:?}", run.elapsed);
    assert_eq!(run.code, Some(1), "stderr:\n{}", run.stderr);
    let found = findings(&run);
    for (name, _, rule) in &expected {
        assert!(
            found.iter().any(|(f, r)| f == name && r == rule),
            "{name}: expected {rule}, got {:?}",
            distinct(&found)
        );
    }
    for good in ["good-1.yaml", "sub/good-2.yaml"] {
        assert!(
            found.iter().any(|(f, r)| f == good && r == "pss-privileged"),
            "{good} not reported: {found:?}"
        );
    }
    #[cfg(unix)]
    {
        assert!(found.iter().any(|(f, r)| f.starts_with("sub/loop") && r == "file-unreadable"));
        assert!(found.iter().any(|(f, r)| f == "dangling.yaml" && r == "file-unreadable"));
    }
}
