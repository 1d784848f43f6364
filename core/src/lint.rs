//! The engine: bytes of one file → findings, then every file → a [`Report`].
//!
//! Per file: decode and parse (the reader's issues become findings), split each document into
//! objects (`kind: List` items are objects of their own), decode the known kinds (type errors and
//! unknown fields become findings), then dispatch the rules: object rules by kind, pod-spec rules
//! on every workload's pod template, container rules on every container. Suppression annotations
//! and the config apply last. Files are independent, so a caller may lint them in parallel.
//!
//! Then [`finish`] runs the corpus stage once over every file (rules that need several objects:
//! namespaces, RBAC; see [`crate::corpus`]) and builds the [`Report`]: every caller ends with it.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::model::{FieldPath, ObjectRef, PodTemplate, pod_template, typed};
use crate::report::spill::{self, Block, Spill};
use crate::report::{self, Place, Placed, Report};
use crate::rules::component;
use crate::rules::context::{ContainerCtx, ContainerKind};
use crate::rules::{Check, Ctx, ObjectCtx, PodCtx, Rule, registry};
use crate::source::{self, Document, Limits, NodeRef, Span};
use crate::suppress;
use k8s_openapi::api::core::v1::{Container, PodSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

pub use crate::corpus::{finish, finish_reloading};

/// Options of one run.
#[derive(Debug, Clone)]
pub struct LintOptions {
    /// Pod Security Standards policy version, as the minor of `v1.N` (37 = latest).
    pub pss_minor: u8,
    pub config: Config,
    pub limits: Limits,
    /// Findings below this severity are left out of the report (and its counts).
    pub min_severity: Severity,
}

impl Default for LintOptions {
    fn default() -> Self {
        Self {
            pss_minor: LATEST_PSS_MINOR,
            config: Config::default(),
            limits: Limits::default(),
            min_severity: Severity::Warning,
        }
    }
}

/// The newest Pod Security Standards version known (`latest`).
pub const LATEST_PSS_MINOR: u8 = 37;

/// Everything learnt from one file.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The path as given (`<stdin>` for standard input).
    pub path: Arc<str>,
    /// The file's text (empty when it could not be decoded).
    pub text: Arc<str>,
    /// Non-empty YAML documents.
    pub documents: usize,
    /// Objects (documents, with `kind: List` items expanded).
    pub objects: usize,
    /// Documents or objects that are not Kubernetes objects, or files not read at all.
    pub skipped: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// Objects kept for the corpus stage (only the kinds its enabled rules ask for).
    pub(crate) kept: Vec<crate::corpus::Kept>,
    /// The file's valid suppression annotations, for the corpus stage and `suppression-unused`.
    pub(crate) suppressions: Vec<crate::corpus::PendingSuppression>,
    /// The length of the text, once [`FileResult::release_text`] let it go.
    pub(crate) released: Option<usize>,
    /// Where each of `diagnostics` is (same order), computed while the text is at hand.
    pub(crate) placed: Vec<Placed>,
    /// The text's line index, when it was built for placing and the text is held.
    pub(crate) lines: Option<source::LineIndex>,
    /// Where `diagnostics` went, once [`FileResult::spill`] wrote them out.
    pub(crate) spilled: Option<(Arc<Spill>, Block)>,
}

impl FileResult {
    /// A file that could not be read at all (the CLI's I/O errors).
    #[must_use]
    pub fn unreadable(path: &str, message: impl Into<String>) -> Self {
        let mut r = Self::empty(path, "");
        r.skipped = 1;
        r.push_engine("file-unreadable", Span::default(), message.into(), None);
        r.place();
        r
    }

    fn empty(path: &str, text: &str) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
            documents: 0,
            objects: 0,
            skipped: 0,
            diagnostics: Vec::new(),
            kept: Vec::new(),
            suppressions: Vec::new(),
            released: None,
            placed: Vec::new(),
            lines: None,
            spilled: None,
        }
    }

    /// Lets the text go, so that a run over many files holds one text per thread, not all of
    /// them. The file's own findings were placed as it was linted; the run reads the text
    /// again, through the [`Reload`] given to [`finish_reloading`], only to place what the
    /// corpus stage found in it (once per such file), rarely to parse an object's document
    /// again, and for a renderer that shows source snippets (human), through
    /// [`Report::text`](crate::report::Report::text), one file at a time.
    pub fn release_text(&mut self) {
        if self.released.is_none() && !self.text.is_empty() {
            self.released = Some(self.text.len());
            self.text = Arc::from("");
            self.lines = None;
        }
    }

    /// Moves the findings out of memory, into `spill`, so that a run over many files does not
    /// hold them all: the report reads them back one file at a time. `diagnostics` is empty
    /// afterwards. On an error (a full disk) nothing moves and the findings stay here.
    ///
    /// # Errors
    /// The spill's write error.
    pub fn spill(&mut self, spill: &Arc<Spill>) -> std::io::Result<()> {
        if self.diagnostics.is_empty() || self.spilled.is_some() {
            return Ok(());
        }
        let buf = spill::encode(self.diagnostics.iter().enumerate().map(|(k, d)| {
            let (at, labels) =
                self.placed.get(k).map_or((Place::UNKNOWN, &[][..]), |p| (p.at, &p.labels[..]));
            (d, at, labels)
        }));
        let block = spill.append(&buf)?;
        self.spilled = Some((Arc::clone(spill), block));
        self.diagnostics = Vec::new();
        self.placed = Vec::new();
        Ok(())
    }

    /// Places the findings, kept objects and suppressions, while the text is at hand.
    fn place(&mut self) {
        if self.diagnostics.is_empty() && self.kept.is_empty() && self.suppressions.is_empty() {
            return;
        }
        let lines = source::LineIndex::new(&self.text);
        let unknown = Place::UNKNOWN;
        self.placed = self
            .diagnostics
            .iter()
            .map(|d| Placed {
                at: report::place(&self.text, &lines, d.span),
                // A file's own rules label their own file only.
                labels: d
                    .labels
                    .iter()
                    .map(|l| match l.file {
                        None => report::place(&self.text, &lines, l.span),
                        Some(_) => unknown,
                    })
                    .collect(),
            })
            .collect();
        for k in &mut self.kept {
            k.line = lines.line_col(k.first_key).0;
        }
        for s in &mut self.suppressions {
            s.key_place = report::place(&self.text, &lines, s.key_span);
        }
        self.lines = Some(lines);
    }

    fn push_engine(
        &mut self,
        rule_id: &'static str,
        span: Span,
        message: String,
        object: Option<Arc<ObjectRef>>,
    ) -> Option<&mut Diagnostic> {
        let diag = engine_diagnostic(rule_id, span, message, object)?;
        self.diagnostics.push(diag);
        self.diagnostics.last_mut()
    }
}

/// Reads a file's bytes again, by its path as linted, for a run whose files released their
/// texts ([`FileResult::release_text`]). The CLI reads the file from disk.
pub type Reload = Arc<dyn Fn(&str) -> std::io::Result<Vec<u8>> + Send + Sync>;

/// The texts of a run's files (sorted by path): held by the files, or read again.
pub(crate) struct Texts {
    /// Path, held text (empty when released), length of a released text.
    files: Vec<(Arc<str>, Arc<str>, Option<usize>)>,
    reload: Option<Reload>,
    /// The text read again most recently: callers go through files in order.
    last: RefCell<Option<(usize, Arc<str>)>>,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Texts")
            .field("files", &self.files.len())
            .field("reload", &self.reload.is_some())
            .finish_non_exhaustive()
    }
}

impl Texts {
    pub(crate) fn new(files: &[FileResult], reload: Option<Reload>) -> Self {
        Self {
            files: files.iter().map(|f| (f.path.clone(), f.text.clone(), f.released)).collect(),
            reload,
            last: RefCell::new(None),
        }
    }

    /// File `idx`'s text: the one it was linted from. A released text is read again; it must
    /// still have the same length (a file edited during the run is an error, not misplaced
    /// findings).
    pub(crate) fn get(&self, idx: usize) -> Result<Arc<str>, String> {
        let Some((path, held, released)) = self.files.get(idx) else {
            return Err(format!("no file {idx} in the run"));
        };
        let Some(len) = *released else { return Ok(held.clone()) };
        if let Some((i, text)) = &*self.last.borrow()
            && *i == idx
        {
            return Ok(text.clone());
        }
        let reload = self.reload.as_ref().ok_or_else(|| {
            format!("the text of {path} was released and the run cannot read it again")
        })?;
        let bytes = reload(path).map_err(|e| format!("cannot read {path} again: {e}"))?;
        if bytes.len() != len {
            return Err(format!(
                "{path} changed while kubeward was running ({len} bytes when linted, {} now); run again",
                bytes.len()
            ));
        }
        let text: Arc<str> = String::from_utf8(bytes)
            .map_err(|_| format!("{path} changed while kubeward was running; run again"))?
            .into();
        *self.last.borrow_mut() = Some((idx, text.clone()));
        Ok(text)
    }
}

/// A finding made by the engine itself for a registered rule.
pub(crate) fn engine_diagnostic(
    rule_id: &'static str,
    span: Span,
    message: String,
    object: Option<Arc<ObjectRef>>,
) -> Option<Diagnostic> {
    let rule = registry::get(rule_id)?;
    Some(Diagnostic {
        rule: rule.id,
        severity: rule.severity,
        message,
        help: (!rule.help.is_empty()).then_some(Cow::Borrowed(rule.help)),
        span,
        labels: Vec::new(),
        field: None,
        object,
        pss: rule.pss,
        suppressed: None,
    })
}

/// Rules grouped by what they look at, built once.
struct Dispatch {
    object: Vec<&'static Rule>,
    pod: Vec<&'static Rule>,
    container: Vec<&'static Rule>,
    component: Vec<&'static Rule>,
}

fn dispatch() -> &'static Dispatch {
    static D: OnceLock<Dispatch> = OnceLock::new();
    D.get_or_init(|| {
        let mut d = Dispatch {
            object: Vec::new(),
            pod: Vec::new(),
            container: Vec::new(),
            component: Vec::new(),
        };
        for &rule in registry::ALL {
            match rule.check {
                Check::Object { .. } => d.object.push(rule),
                Check::PodSpec(_) => d.pod.push(rule),
                Check::Container(_) => d.container.push(rule),
                Check::Component { .. } => d.component.push(rule),
                Check::Engine | Check::Corpus { .. } => {}
            }
        }
        d
    })
}

/// Lints the bytes of one file.
#[must_use]
pub fn lint_bytes(path: &str, bytes: &[u8], options: &LintOptions) -> FileResult {
    let text = match source::decode(bytes, &options.limits) {
        Ok(text) => text,
        Err(issue) => {
            let mut r = FileResult::empty(path, "");
            r.skipped = 1;
            r.push_engine(issue.kind.rule_id(), Span::default(), issue.message, None);
            return finish_file(r, options);
        }
    };
    lint_text(path, text, options)
}

/// Lints a file already decoded to text.
#[must_use]
pub fn lint_text(path: &str, text: &str, options: &LintOptions) -> FileResult {
    let mut result = FileResult::empty(path, text);
    // The identities of the file's objects, for the documents that are read together with their
    // siblings (a KubeletConfiguration in a kubeadm config file gets kubeadm's defaults): those
    // wait for the end of the file. Every other document is linted as soon as it is read and
    // then dropped, so that a file of many documents (a rendered chart) is never held whole.
    let mut file_objects: Vec<ObjectRef> = Vec::new();
    let mut waiting: Vec<Document> = Vec::new();
    let issues = source::parse_each(text, &options.limits, &mut |doc| {
        let identity = doc.root().and_then(object_ref);
        let waits = doc.root().is_some_and(reads_siblings);
        file_objects.extend(identity);
        if waits {
            waiting.push(doc);
        } else {
            lint_document(&doc, options, &[], &mut result);
        }
    });
    for doc in &waiting {
        lint_document(doc, options, &file_objects, &mut result);
    }
    if !waiting.is_empty() {
        // The corpus takes a file's objects in the order they are written.
        result.kept.sort_by_key(|k| k.span.start);
    }
    for issue in issues {
        if issue.kind == source::IssueKind::HelmTemplate {
            result.skipped += 1;
        }
        let span = issue.span;
        if let Some(d) = result.push_engine(issue.kind.rule_id(), span, issue.message, None)
            && let Some((related, msg)) = issue.related
        {
            d.labels.push(Label { file: None, span: related, message: msg });
        }
    }
    finish_file(result, options)
}

/// Whether a document is linted with the identities of the other documents of its file
/// ([`ObjectCtx::file_objects`](crate::rules::context::ObjectCtx::file_objects)): one that is or
/// lists a KubeletConfiguration.
fn reads_siblings(root: NodeRef<'_>) -> bool {
    let kubelet =
        |n: NodeRef<'_>| n.get("kind").and_then(NodeRef::as_str) == Some("KubeletConfiguration");
    kubelet(root) || root.get("items").is_some_and(|items| items.items().any(kubelet))
}

fn lint_document(
    doc: &Document,
    options: &LintOptions,
    file_objects: &[ObjectRef],
    result: &mut FileResult,
) {
    let Some(root) = doc.root() else { return };
    result.documents += 1;
    let kind = root.get("kind").and_then(NodeRef::as_str);
    let items = root.get("items").filter(|i| i.is_seq());
    if let (Some(kind), Some(items)) = (kind, items)
        && kind.ends_with("List")
    {
        for item in items.items() {
            lint_object(doc, item, options, file_objects, result);
        }
        return;
    }
    lint_object(doc, root, options, file_objects, result);
}

/// The identity of an object, or `None` when the node is not a Kubernetes object.
fn object_ref(node: NodeRef<'_>) -> Option<ObjectRef> {
    let api_version = node.get("apiVersion")?.as_str()?;
    let kind = node.get("kind")?.as_str()?;
    let meta = node.get("metadata");
    let text = |k: &str| meta.and_then(|m| m.get(k)).and_then(NodeRef::as_str).map(Into::into);
    Some(ObjectRef {
        api_version: api_version.into(),
        kind: kind.into(),
        namespace: text("namespace"),
        name: text("name"),
    })
}

fn lint_object(
    doc: &Document,
    node: NodeRef<'_>,
    options: &LintOptions,
    file_objects: &[ObjectRef],
    result: &mut FileResult,
) {
    result.objects += 1;
    let Some(object) = object_ref(node) else {
        result.skipped += 1;
        let (span, _) = node.locate(&FieldPath::root());
        let msg = if node.is_map() {
            "not a Kubernetes object (no apiVersion and kind); skipped".to_owned()
        } else {
            "document is not a mapping, so not a Kubernetes object; skipped".to_owned()
        };
        result.push_engine("manifest-not-kubernetes", span, msg, None);
        return;
    };
    let object = Arc::new(object);
    let mut out: Vec<Diagnostic> = Vec::new();

    // Typed decode: wrong types and unknown fields. Each wrong value is reported, then left out
    // of a copy of the document so that the rest of the object is still decoded and linted.
    let (typed_obj, ignored, errors) = decode_lenient(&object, node);
    for field in ignored {
        let name = field.path.segments().last().map(|s| match s {
            crate::model::Segment::Key(k) => k.to_string(),
            crate::model::Segment::Index(i) => i.to_string(),
        });
        if let Some(mut d) = engine_diagnostic(
            "manifest-unknown-field",
            field.span,
            format!("unknown field {:?} (the API server drops it)", name.unwrap_or_default()),
            Some(object.clone()),
        ) {
            d.field = Some(field.path.to_string());
            out.push(d);
        }
    }
    for err in errors {
        if let Some(mut d) = engine_diagnostic(
            "manifest-invalid-type",
            err.span,
            decode_message(&err.message),
            Some(object.clone()),
        ) {
            d.field = Some(err.path.to_string()).filter(|s| !s.is_empty());
            out.push(d);
        }
    }

    // Pod templates: from the typed object, or decoded from the tree for other versions; for
    // custom resources, the configured, known or generically found templates.
    let found = ObjectTemplates::find(node, &object, typed_obj.as_ref(), &options.config);
    let templates = found.list(typed_obj.as_ref());
    let prefixes: Vec<FieldPath> = templates.iter().map(|t| t.prefix.clone()).collect();
    // The corpus stage keeps facts of the first template: the built-in one, or the first custom one.
    let pod_facts = templates.first().map(|t| crate::corpus::PodFacts::new(&object, t));

    let d = dispatch();
    let root_path = FieldPath::root();
    let annotated = suppress::annotated(node);
    for &rule in &d.object {
        if let Check::Object { kinds, run } = rule.check
            && (kinds.is_empty() || kinds.contains(&object.kind.as_str()))
            && runs(rule, options, annotated)
        {
            let octx = ObjectCtx {
                root: node,
                object: &object,
                typed: typed_obj.as_ref(),
                pod_templates: &prefixes,
                file_objects,
            };
            let mut ctx = Ctx {
                rule,
                root: node,
                prefix: &root_path,
                object: &object,
                options,
                out: &mut out,
            };
            run(&mut ctx, &octx);
        }
    }

    if !d.component.is_empty() {
        for target in component::kubeadm_targets(node, &object) {
            let root = FieldPath::root();
            component::run(&d.component, &target, node, &object, &root, options, &mut out);
        }
    }

    for template in templates {
        lint_pod(node, &object, template, options, annotated, &mut out);
    }

    suppress::apply(node, &object, &mut out, &mut result.suppressions);
    result.diagnostics.extend(out);

    // Keep what the corpus stage needs of this object, and nothing else: of a workload, the
    // facts of its pod template; of other kinds, the typed object, and of the kinds whose rules
    // read the tree, the paths they read (a pruned copy). A tree not kept is parsed again from
    // the file's text when a finding must point into it.
    if crate::corpus::wanted(&object.kind, pod_facts.is_some(), options, annotated)
        && crate::corpus::keepable(typed_obj.as_ref(), &object.kind)
    {
        let workload = pod_facts.is_some();
        let span = node.span();
        let typed = typed_obj.filter(|_| !workload && crate::corpus::keeps_typed(&object.kind));
        result.kept.push(crate::corpus::Kept {
            doc: crate::corpus::kept_paths(&object.kind)
                .filter(|_| !workload)
                .map(|paths| Box::new(doc.prune(node.id, paths))),
            doc_span: doc.span,
            span,
            first_key: node.entries().first().map_or(span.start, |e| e.key_span.start),
            line: 0,
            object,
            typed,
            pod: pod_facts.map(Box::new),
        });
    }
}

/// The pod templates of one object: built in (from the typed object, or decoded from the tree
/// for API versions k8s-openapi does not know), or a custom resource's.
pub(crate) struct ObjectTemplates {
    builtin_prefix: Option<FieldPath>,
    /// The built-in template decoded from the tree, when the typed object does not give it.
    owned: Option<(Option<ObjectMeta>, PodSpec)>,
    custom: Vec<pod_template::FoundTemplate>,
}

impl ObjectTemplates {
    pub(crate) fn find(
        node: NodeRef<'_>,
        object: &ObjectRef,
        typed: Option<&typed::Typed>,
        cfg: &Config,
    ) -> Self {
        let configured = cfg.pod_templates_for(&object.api_version, &object.kind);
        let builtin_prefix = pod_template::template_path(&object.kind)
            .filter(|_| configured.is_none())
            .map(|path| FieldPath::parse_static(path).unwrap_or_default());
        let mut owned = None;
        let mut builtin = false;
        if let Some(prefix) = &builtin_prefix {
            builtin = typed.and_then(pod_template::from_typed).is_some();
            if !builtin {
                owned = pod_template::decode_at(node, &object.kind, prefix);
                builtin = owned.is_some();
            }
        }
        let custom = if builtin {
            Vec::new()
        } else {
            pod_template::custom_templates(&object.api_version, &object.kind, node, configured)
        };
        Self { builtin_prefix, owned, custom }
    }

    /// Every template, the built-in one first (`typed` is the object `find` was given).
    pub(crate) fn list<'a>(&'a self, typed: Option<&'a typed::Typed>) -> Vec<PodTemplate<'a>> {
        let builtin = self.builtin_prefix.as_ref().and_then(|prefix| {
            match typed.and_then(pod_template::from_typed) {
                Some((metadata, spec)) => Some(PodTemplate { prefix, metadata, spec }),
                None => self.owned.as_ref().map(|(m, s)| PodTemplate {
                    prefix,
                    metadata: m.as_ref(),
                    spec: s,
                }),
            }
        });
        builtin
            .into_iter()
            .chain(self.custom.iter().map(|t| PodTemplate {
                prefix: &t.prefix,
                metadata: t.metadata.as_ref(),
                spec: &t.spec,
            }))
            .collect()
    }
}

/// How many wrong values of one object are reported before giving up on its typed form.
const MAX_DECODE_ERRORS: usize = 16;

/// Decodes a known kind, reporting every wrong value: after each error the offending entry is
/// removed from a copy of the document and the object is decoded again.
pub(crate) fn decode_lenient(
    object: &ObjectRef,
    node: NodeRef<'_>,
) -> (Option<typed::Typed>, Vec<source::IgnoredField>, Vec<source::DeError>) {
    let mut errors = Vec::new();
    let mut copy: Option<Document> = None;
    loop {
        let current = copy.as_ref().map_or(node, |d| d.node(node.id));
        match typed::decode(&object.api_version, &object.kind, current) {
            None => return (None, Vec::new(), errors),
            Some(Ok((t, ignored))) => return (Some(t), ignored, errors),
            Some(Err(err)) => {
                let path = err.path.clone();
                errors.push(err);
                if errors.len() >= MAX_DECODE_ERRORS {
                    return (None, Vec::new(), errors);
                }
                let doc = copy.get_or_insert_with(|| node.doc.clone());
                if !remove_at(doc, node.id, &path) {
                    return (None, Vec::new(), errors);
                }
            }
        }
    }
}

/// Removes the entry or item at `path` (relative to `root`) from the document. False when the
/// path is the root or cannot be found.
fn remove_at(doc: &mut Document, root: source::NodeId, path: &FieldPath) -> bool {
    let Some((last, parent_path)) = path.segments().split_last() else { return false };
    let parent = doc.node(root).lookup(&FieldPath(parent_path.to_vec())).map(|n| n.id);
    let Some(parent) = parent.and_then(|id| doc.nodes.get_mut(id.0 as usize)) else { return false };
    match (&mut parent.value, last) {
        (source::Value::Map(entries), crate::model::Segment::Key(k)) => {
            let before = entries.len();
            entries.retain(|e| *e.key != **k);
            entries.len() != before
        }
        (source::Value::Seq(items), crate::model::Segment::Index(i)) if *i < items.len() => {
            items.remove(*i);
            true
        }
        _ => false,
    }
}

/// Decode errors in our message style: lowercase, no trailing period, base64 errors named.
fn decode_message(raw: &str) -> String {
    let msg = raw.trim_end_matches('.');
    if msg.starts_with("Invalid symbol")
        || msg.starts_with("Invalid last symbol")
        || msg.starts_with("Invalid padding")
        || msg.starts_with("Invalid input length")
    {
        let mut lower = msg.to_owned();
        lower[..1].make_ascii_lowercase();
        return format!("value is not valid base64 ({lower})");
    }
    let mut out = msg.to_owned();
    if out.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && !out.starts_with("API") {
        out[..1].make_ascii_lowercase();
    }
    out
}

fn lint_pod(
    root: NodeRef<'_>,
    object: &Arc<ObjectRef>,
    template: PodTemplate<'_>,
    options: &LintOptions,
    annotated: bool,
    out: &mut Vec<Diagnostic>,
) {
    let d = dispatch();
    let pod = PodCtx::new(object, template);
    for &rule in &d.pod {
        if let Check::PodSpec(run) = rule.check
            && runs(rule, options, annotated)
        {
            let mut ctx = Ctx { rule, root, prefix: template.prefix, object, options, out };
            run(&mut ctx, &pod);
        }
    }
    if d.container.is_empty() && d.component.is_empty() {
        return;
    }
    let spec = template.spec;
    let ephemeral: Vec<Container> =
        spec.ephemeral_containers.iter().flatten().map(ephemeral_as_container).collect();
    let lists: [(ContainerKind, &[Container]); 3] = [
        (ContainerKind::Init, spec.init_containers.as_deref().unwrap_or(&[])),
        (ContainerKind::Regular, &spec.containers),
        (ContainerKind::Ephemeral, &ephemeral),
    ];
    for (kind, containers) in lists {
        for (index, container) in containers.iter().enumerate() {
            let cctx = ContainerCtx { pod: &pod, container, kind, index };
            let prefix = template.prefix.join(&cctx.path());
            for &rule in &d.container {
                if let Check::Container(run) = rule.check
                    && runs(rule, options, annotated)
                {
                    let mut ctx = Ctx { rule, root, prefix: &prefix, object, options, out };
                    run(&mut ctx, &cctx);
                }
            }
            if !d.component.is_empty()
                && let Some(target) = root.lookup(&prefix).and_then(component::container_target)
            {
                component::run(&d.component, &target, root, object, &prefix, options, out);
            }
        }
    }
}

/// Whether a rule runs on an object (or, for a corpus rule, at all): it is enabled, and a finding
/// of it can reach the report.
///
/// [`finish_file`] drops findings below `--min-severity` (except Pod Security findings, which
/// the namespace pass may raise), and a rule's findings are never more severe than the rule (or
/// than its configured severity), so a rule below the minimum is not run at all. It still runs
/// on an object with a suppression annotation (`annotated`; for a corpus rule, when some
/// suppression names it): the suppression must find the finding it names, or it would be
/// reported as unused.
pub(crate) fn runs(rule: &Rule, options: &LintOptions, annotated: bool) -> bool {
    options.config.enabled(rule) && (annotated || can_reach_report(rule, options))
}

/// Whether a finding of `rule` can be at or above `--min-severity`.
fn can_reach_report(rule: &Rule, options: &LintOptions) -> bool {
    rule.pss.is_some()
        || options.config.severity_override(rule.id).unwrap_or(rule.severity)
            >= options.min_severity
}

/// An ephemeral container has the fields of a container that matter to security checks.
fn ephemeral_as_container(e: &k8s_openapi::api::core::v1::EphemeralContainer) -> Container {
    Container {
        name: e.name.clone(),
        image: e.image.clone(),
        command: e.command.clone(),
        args: e.args.clone(),
        env: e.env.clone(),
        env_from: e.env_from.clone(),
        image_pull_policy: e.image_pull_policy.clone(),
        ports: e.ports.clone(),
        resources: e.resources.clone(),
        security_context: e.security_context.clone(),
        volume_mounts: e.volume_mounts.clone(),
        volume_devices: e.volume_devices.clone(),
        lifecycle: e.lifecycle.clone(),
        liveness_probe: e.liveness_probe.clone(),
        readiness_probe: e.readiness_probe.clone(),
        startup_probe: e.startup_probe.clone(),
        ..Container::default()
    }
}

/// Applies the config (disabled rules, severity overrides) to a file's findings.
fn finish_file(mut result: FileResult, options: &LintOptions) -> FileResult {
    let cfg = &options.config;
    // Findings below the run's minimum severity never reach the report: dropped now, so that a
    // run over many files does not hold them. PSS findings stay, as the namespace pass of the
    // corpus stage may raise them.
    result.diagnostics.retain_mut(|d| {
        let rule = registry::get(d.rule);
        if !rule.is_none_or(|r| cfg.enabled(r)) {
            return false;
        }
        if let Some(sev) = cfg.severity_override(d.rule) {
            d.severity = sev;
        }
        d.severity >= options.min_severity || rule.is_some_and(|r| r.pss.is_some())
    });
    // The findings are held to the end of the run: no room to grow is kept (a formatted string
    // often has twice the room it needs, a label list room for four).
    result.diagnostics.shrink_to_fit();
    for d in &mut result.diagnostics {
        d.message.shrink_to_fit();
        if let Some(field) = &mut d.field {
            field.shrink_to_fit();
        }
        d.labels.shrink_to_fit();
    }
    result.place();
    result
}

/// Lints files given as (path, bytes) one after another and builds the report. The CLI does the
/// same in parallel; the report is the same either way.
#[must_use]
pub fn lint_all<'a>(
    inputs: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    options: &LintOptions,
) -> Report {
    let files = inputs.into_iter().map(|(p, b)| lint_bytes(p, b, options)).collect();
    finish(files, options)
}

/// Parses a Pod Security Standards version: `latest`, `v1.N` or `1.N` with N ≤ the newest known.
#[must_use]
pub fn parse_pss_version(s: &str) -> Option<u8> {
    if s == "latest" {
        return Some(LATEST_PSS_MINOR);
    }
    let minor = s.strip_prefix('v').unwrap_or(s).strip_prefix("1.")?;
    if minor.is_empty() || minor.len() > 2 || !minor.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    minor.parse::<u8>().ok().filter(|m| *m <= LATEST_PSS_MINOR)
}
