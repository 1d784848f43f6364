//! The server's state: the config of the workspace root, the workspace's manifests (linted once
//! and kept in memory), the open documents, and the last report.

use super::convert;
use kubeward::config::Config;
use kubeward::diagnostic::Severity;
use kubeward::lint::{FileResult, LintOptions, lint_bytes, lint_text, parse_pss_version};
use kubeward::report::{Finding, Report};
use lsp_server::{Message, Notification};
use lsp_types::{PublishDiagnosticsParams, Uri};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Workspace files beyond this many are not read (a monorepo's node_modules, …).
const MAX_WORKSPACE_FILES: usize = 20_000;
/// Folders never walked.
const SKIP_DIRS: &[&str] = &[".git", "node_modules", "target", ".venv"];

/// The one call that turns every file's per-file results into the report with cross-file
/// findings (RBAC paths, …): the same entry point as `kubeward lint`.
fn analyse(files: Vec<FileResult>, options: &LintOptions) -> Report {
    kubeward::lint::finish(files, options)
}

/// An open document.
pub struct Doc {
    pub uri: Uri,
    /// Its name in the report: the path relative to the root, else absolute, else the URI.
    pub key: String,
    pub version: i32,
    pub text: String,
    /// Whether it is linted (a YAML or JSON document).
    pub linted: bool,
    result: Option<FileResult>,
}

pub struct Server {
    sender: crossbeam_channel::Sender<Message>,
    pub root: Option<PathBuf>,
    pub options: LintOptions,
    /// The workspace's manifests as on disk (or as last saved), by report name.
    workspace: BTreeMap<String, FileResult>,
    /// Open documents by URI (ordered, so diagnostics are published in a stable order).
    pub docs: BTreeMap<String, Doc>,
    /// The report of the last run, for hover and code actions.
    pub report: Option<Report>,
}

impl Server {
    pub fn new(sender: crossbeam_channel::Sender<Message>, root: Option<PathBuf>) -> Self {
        let mut s = Self {
            sender,
            root,
            options: LintOptions::default(),
            workspace: BTreeMap::new(),
            docs: BTreeMap::new(),
            report: None,
        };
        s.load_config();
        s
    }

    /// Reads `.kubeward.yaml` from the workspace root (problems go to the client's log; the
    /// defaults apply then).
    pub fn load_config(&mut self) {
        let mut options = LintOptions::default();
        let path = self.root.as_ref().map(|r| r.join(".kubeward.yaml"));
        let config = match path.as_deref().filter(|p| p.is_file()) {
            Some(p) => match std::fs::read_to_string(p).map_err(|e| e.to_string()).and_then(|t| {
                Config::parse(&t).map_err(|errs| {
                    errs.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("; ")
                })
            }) {
                Ok(c) => c,
                Err(e) => {
                    self.log(&format!("{}: {e}; using the defaults", p.display()));
                    Config::default()
                }
            },
            None => Config::default(),
        };
        if let Some(minor) = config.pss_version.as_deref().and_then(parse_pss_version) {
            options.pss_minor = minor;
        }
        options.min_severity = config.min_severity.unwrap_or(Severity::Warning);
        options.config = config;
        self.options = options;
    }

    /// Walks the workspace root once and lints every manifest in it (folders as `lint` walks
    /// them, config excludes applied).
    pub fn load_workspace(&mut self) {
        self.workspace.clear();
        let Some(root) = self.root.clone() else { return };
        let walker = walkdir::WalkDir::new(&root).follow_links(true).sort_by_file_name();
        let mut count = 0;
        for entry in walker.into_iter().filter_entry(|e| {
            let skip = e.file_type().is_dir()
                && SKIP_DIRS.iter().any(|d| e.file_name() == std::ffi::OsStr::new(d));
            e.depth() == 0 || !(skip || self.options.config.excluded(&relative(&root, e.path())))
        }) {
            let Ok(entry) = entry else { continue };
            let manifest = matches!(
                entry.path().extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            );
            if !entry.file_type().is_file() || !manifest {
                continue;
            }
            count += 1;
            if count > MAX_WORKSPACE_FILES {
                self.log(&format!(
                    "more than {MAX_WORKSPACE_FILES} manifests; the rest is not read"
                ));
                break;
            }
            let key = relative(&root, entry.path());
            if let Ok(bytes) = std::fs::read(entry.path()) {
                let result = lint_bytes(&key, &bytes, &self.options);
                self.workspace.insert(key, result);
            }
        }
    }

    /// The report name of a URI.
    pub fn key_of(&self, uri: &Uri) -> String {
        match convert::uri_to_path(uri) {
            Some(path) => match &self.root {
                Some(root) if path.starts_with(root) => relative(root, &path),
                _ => path.to_string_lossy().into_owned(),
            },
            None => uri.as_str().to_owned(),
        }
    }

    /// Opens or replaces a document and lints it.
    pub fn set_doc(&mut self, uri: Uri, version: i32, text: String, language: Option<&str>) {
        let key = self.key_of(&uri);
        let linted = match language {
            Some("yaml" | "json" | "jsonc") => true,
            Some(_) => false,
            None => self.docs.get(uri.as_str()).is_some_and(|d| d.linted),
        } || is_manifest_name(&key);
        let result = linted.then(|| lint_text(&key, &text, &self.options));
        let doc = Doc { uri: uri.clone(), key, version, text, linted, result };
        self.docs.insert(uri.as_str().to_owned(), doc);
    }

    /// A document was saved: the workspace copy is now its text (the config is reloaded if it
    /// is `.kubeward.yaml`).
    pub fn saved(&mut self, uri: &Uri, text: Option<String>) {
        let is_config = self.root.as_ref().is_some_and(|r| {
            convert::uri_to_path(uri).is_some_and(|p| p == r.join(".kubeward.yaml"))
        });
        if is_config {
            self.load_config();
            self.load_workspace();
            self.relint_docs();
            return;
        }
        let Some(doc) = self.docs.get_mut(uri.as_str()) else { return };
        if let Some(text) = text
            && text != doc.text
        {
            doc.result = doc.linted.then(|| lint_text(&doc.key, &text, &self.options));
            doc.text = text;
        }
        if let Some(result) = doc.result.clone()
            && self.root.as_ref().is_some_and(|r| !Path::new(&doc.key).is_absolute() && r.exists())
        {
            self.workspace.insert(doc.key.clone(), result);
        }
    }

    /// A document was closed: its workspace copy is read again from disk (unsaved edits are gone).
    pub fn closed(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.remove(uri.as_str()) else { return };
        if let Some(root) = &self.root
            && self.workspace.contains_key(&doc.key)
        {
            match std::fs::read(root.join(&doc.key)) {
                Ok(bytes) => {
                    let r = lint_bytes(&doc.key, &bytes, &self.options);
                    self.workspace.insert(doc.key.clone(), r);
                }
                Err(_) => {
                    self.workspace.remove(&doc.key);
                }
            }
        }
        self.send_diagnostics(uri.clone(), Vec::new(), None);
    }

    fn relint_docs(&mut self) {
        for doc in self.docs.values_mut() {
            doc.result = doc.linted.then(|| lint_text(&doc.key, &doc.text, &self.options));
        }
    }

    /// Builds the report of the workspace with the open documents over their files, and
    /// publishes the diagnostics of every open document.
    pub fn publish(&mut self) {
        let mut files: BTreeMap<&str, FileResult> =
            self.workspace.iter().map(|(k, r)| (k.as_str(), r.clone())).collect();
        for doc in self.docs.values() {
            match &doc.result {
                Some(r) => files.insert(&doc.key, r.clone()),
                None => files.remove(doc.key.as_str()),
            };
        }
        let report = analyse(files.into_values().collect(), &self.options);
        let mut out = Vec::new();
        for doc in self.docs.values() {
            let index = report.files.iter().position(|f| *f.path == *doc.key);
            let diagnostics: Vec<lsp_types::Diagnostic> = match index {
                Some(i) => findings_of(&report, i)
                    .map(|f| convert::diagnostic(&report, f, self.root.as_deref()))
                    .collect(),
                None => Vec::new(),
            };
            out.push((doc.uri.clone(), diagnostics, Some(doc.version)));
        }
        for (uri, diagnostics, version) in out {
            self.send_diagnostics(uri, diagnostics, version);
        }
        self.report = Some(report);
    }

    fn send_diagnostics(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, v: Option<i32>) {
        let params = PublishDiagnosticsParams { uri, diagnostics, version: v };
        self.notify("textDocument/publishDiagnostics", params);
    }

    pub fn notify(&self, method: &str, params: impl serde::Serialize) {
        let _ =
            self.sender.send(Message::Notification(Notification::new(method.to_owned(), params)));
    }

    pub fn respond(&self, response: lsp_server::Response) {
        let _ = self.sender.send(Message::Response(response));
    }

    /// A message in the client's log (`window/logMessage`).
    pub fn log(&self, message: &str) {
        self.notify(
            "window/logMessage",
            lsp_types::LogMessageParams {
                typ: lsp_types::MessageType::WARNING,
                message: format!("kubeward: {message}"),
            },
        );
    }

    /// The findings of an open document in the last report, with the report.
    pub fn doc_findings(&self, uri: &Uri) -> Option<(&Doc, &Report, Vec<&Finding>)> {
        let doc = self.docs.get(uri.as_str())?;
        let report = self.report.as_ref()?;
        let index = report.files.iter().position(|f| *f.path == *doc.key)?;
        Some((doc, report, findings_of(report, index).collect()))
    }
}

fn findings_of(report: &Report, file: usize) -> impl Iterator<Item = &Finding> {
    report.findings.iter().filter(move |f| f.file == file)
}

fn is_manifest_name(key: &str) -> bool {
    [".yaml", ".yml", ".json"].iter().any(|e| key.ends_with(e))
}

/// `path` relative to `root` with `/` separators (the path itself when outside the root).
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}
