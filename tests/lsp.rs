//! End-to-end test of `kubeward lsp`: the built binary driven over stdio as an editor would,
//! with Content-Length framed JSON-RPC. Every wait has a timeout and the server is killed if it
//! does not exit, so the test can fail but never hang.

use serde_json::{Value, json};
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    backlog: Vec<Value>,
}

impl Client {
    fn start(cwd: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kubeward"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn kubeward lsp");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return; // the server closed its stdout
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length header")];
                reader.read_exact(&mut body).expect("message body");
                let value: Value = serde_json::from_slice(&body).expect("JSON-RPC message");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Self { child, stdin, messages: rx, next_id: 0, backlog: Vec::new() }
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).expect("serialize");
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write header");
        stdin.write_all(&body).expect("write body");
        stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (notifications in between are kept).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait(|m| m["id"] == id && m.get("method").is_none());
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// The next message matching `pred` (from the backlog first), or a panic after the timeout.
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.backlog.push(m),
                Err(RecvTimeoutError::Timeout) => {
                    let _ = self.child.kill();
                    panic!("timed out; received meanwhile: {:#?}", self.backlog);
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output; received: {:#?}", self.backlog)
                }
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"].clone()
    }

    /// Waits for the process to end; kills it after the timeout.
    fn exit_code(mut self) -> Option<i32> {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn file_uri(path: &Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_str().expect("utf-8 path").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// The byte offset of an LSP position (UTF-16 column) in `text`.
fn offset(text: &str, pos: &Value) -> usize {
    let line = usize::try_from(pos["line"].as_u64().expect("line")).expect("usize");
    let character = usize::try_from(pos["character"].as_u64().expect("char")).expect("usize");
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

fn codes(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

const POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: café
spec:
  containers: [{name: \"ñ-𝄞\", image: \"nginx:1.27\", securityContext: {privileged: true}}]
";

/// The workspace, removed when dropped (also when the test fails).
fn workspace() -> tempfile::TempDir {
    let tmp = tempfile::Builder::new().prefix("kubeward-lsp-e2e-").tempdir().expect("temp dir");
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("deploy")).expect("mkdir");
    // The root's config is honoured: this rule would otherwise fire on the pod.
    std::fs::write(dir.join(".kubeward.yaml"), "rules:\n  pss-run-as-non-root: off\n")
        .expect("write");
    std::fs::write(dir.join("deploy/pod.yaml"), POD).expect("write");
    std::fs::write(
        dir.join("deploy/other.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: other}\nspec: {hostPID: true, containers: []}\n",
    )
    .expect("write");
    tmp
}

#[test]
fn language_server_end_to_end() {
    let tmp = workspace();
    let root = tmp.path();
    let mut client = Client::start(&std::env::temp_dir());
    let root_uri = file_uri(root);
    let init = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": root_uri,
            "workspaceFolders": [{"uri": root_uri, "name": "ws"}],
            "capabilities": {}
        }),
    );
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 1, "full sync");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["codeActionProvider"]["codeActionKinds"], json!(["quickfix"]));
    assert_eq!(init["serverInfo"]["name"], "kubeward");
    client.notify("initialized", json!({}));

    // didOpen → diagnostics for this document only, with its version.
    let uri = file_uri(&root.join("deploy/pod.yaml"));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": POD}}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    let found = codes(&published);
    assert!(found.contains(&"pss-privileged".to_owned()), "{found:?}");
    assert!(found.contains(&"pss-allow-privilege-escalation".to_owned()), "{found:?}");
    assert!(!found.contains(&"pss-run-as-non-root".to_owned()), "config ignored: {found:?}");
    let diags = published["diagnostics"].as_array().expect("array");
    let privileged = diags.iter().find(|d| d["code"] == "pss-privileged").expect("finding").clone();
    assert_eq!(privileged["severity"], 1);
    assert_eq!(privileged["source"], "kubeward");
    assert!(
        privileged["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.starts_with("https://") && h.ends_with("/pss-privileged")),
        "{privileged}"
    );
    // The range is in UTF-16 units: `ñ` counts 1 and `𝄞` 2 (bytes would say 2 and 4).
    let line = POD.lines().nth(5).expect("line 6");
    let at = line.find("true").expect("true");
    let utf16 = u64::try_from(line[..at].encode_utf16().count()).expect("u64");
    assert_ne!(utf16, u64::try_from(at).expect("u64"));
    assert_eq!(privileged["range"]["start"], json!({"line": 5, "character": utf16}));
    assert_eq!(privileged["range"]["end"], json!({"line": 5, "character": utf16 + 4}));

    // Hover on the finding: the rule, its summary and the fix.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 5, "character": utf16 + 2}}),
    );
    let text = hover["contents"]["value"].as_str().expect("markdown");
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(text.contains("**pss-privileged**") && text.contains("**Fix:**"), "{text}");
    assert_eq!(hover["range"], privileged["range"]);
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    assert!(nothing.is_null(), "{nothing}");

    // The quick fix adds the annotation under metadata, indented like its keys.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": privileged["range"],
            "context": {"diagnostics": [privileged]}
        }),
    );
    let action = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("pss-privileged")))
        .expect("a quick fix for pss-privileged")
        .clone();
    assert_eq!(action["kind"], "quickfix");
    let edits = action["edit"]["changes"][&uri].as_array().expect("edits for the document");
    assert_eq!(edits.len(), 1);
    let (start, end) =
        (offset(POD, &edits[0]["range"]["start"]), offset(POD, &edits[0]["range"]["end"]));
    let new_text = edits[0]["newText"].as_str().expect("newText");
    let fixed = format!("{}{new_text}{}", &POD[..start], &POD[end..]);
    assert_eq!(
        fixed,
        POD.replace(
            "metadata:\n  name",
            "metadata:\n  annotations:\n    ignore.kubeward.dev/pss-privileged: \"<reason>\"\n  name"
        )
    );

    // didChange with the fix applied (and a reason): the finding is suppressed.
    let suppressed = fixed.replace("<reason>", "host agent, reviewed in SEC-1");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": suppressed}]}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    let found = codes(&published);
    assert!(!found.contains(&"pss-privileged".to_owned()), "{found:?}");
    assert!(found.contains(&"pss-allow-privilege-escalation".to_owned()), "{found:?}");

    // didChange to a clean document: no diagnostics.
    let clean = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n";
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": clean}]}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!((published["version"].clone(), codes(&published)), (json!(3), Vec::<String>::new()));

    // Related information: a duplicate key points at the first one (an unsaved document).
    let dup_uri = "untitled:Untitled-1";
    let dup = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": dup_uri, "languageId": "yaml", "version": 7, "text": dup}}),
    );
    let published = client.diagnostics(dup_uri);
    let d = &published["diagnostics"][0];
    assert_eq!(d["code"], "yaml-duplicate-key");
    assert_eq!(d["range"]["start"], json!({"line": 4, "character": 2}));
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], dup_uri);
    assert_eq!(related["location"]["range"]["start"], json!({"line": 3, "character": 2}));

    // A document that is not YAML or JSON is not linted.
    let md_uri = file_uri(&root.join("README.md"));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": md_uri, "languageId": "markdown", "version": 1, "text": "privileged: true"}}),
    );
    assert!(client.diagnostics(&md_uri)["diagnostics"].as_array().is_some_and(Vec::is_empty));

    // didClose clears the document's diagnostics.
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": dup_uri}}));
    let cleared = client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == dup_uri
            && m["params"]["diagnostics"].as_array().is_some_and(Vec::is_empty)
    });
    assert!(cleared["params"]["version"].is_null());

    let shutdown = client.request("shutdown", Value::Null);
    assert!(shutdown.is_null());
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}

/// `exit` without `shutdown` ends the server with exit code 1 (LSP spec), and so does a client
/// that goes away.
#[test]
fn exit_without_shutdown() {
    let mut client = Client::start(&std::env::temp_dir());
    client.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(1));

    let mut client = Client::start(&std::env::temp_dir());
    client.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
    assert_eq!(client.exit_code(), Some(1));
}
