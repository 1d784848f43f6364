//! The corpus stage: rules that look at every file of a run at once (namespaces and what runs
//! in them, RBAC bindings and the roles and ServiceAccounts they name, NetworkPolicies and the pods
//! they select, …).
//!
//! # How a run flows
//!
//! 1. **Per file** ([`lint_bytes`](crate::lint::lint_bytes) / [`lint_text`](crate::lint::lint_text),
//!    independent, the CLI runs them in parallel): the per-object rules run, and of each object
//!    that some enabled corpus rule asks for (by kind, or any workload with a pod template) the
//!    engine *keeps* what the corpus stage needs, and no more: its identity and root span; of a
//!    workload, only [`PodFacts`] (template path, pod labels, the RBAC engine's facts); of a
//!    Service or a NetworkPolicy, only the part of the document the network rules read, their
//!    selectors with exact YAML semantics and spans (`kept_paths`, [`Document::prune`]); of
//!    other kinds, the typed value (and of a binding, its `roleRef` and `subjects`). Where a finding
//!    must point into a tree that was not kept, its document is parsed again from the file's
//!    text (held for the report, or read again when the caller released it;
//!    [`Corpus::with_tree`]). A ConfigMap, a CRD or an ordinary Secret is dropped
//!    with its document as soon as its file is linted. Valid suppression annotations are
//!    recorded too, with whether a per-file finding used them.
//! 2. **Once, over every file** ([`finish`], re-exported as [`lint::finish`](crate::lint::finish)):
//!    files are sorted by path (so file indexes, and everything else, do not depend on the order
//!    files were linted in), the kept objects are gathered into a [`Corpus`], namespace Pod
//!    Security labels are applied to the PSS findings ([`pss_namespace`]), every enabled
//!    [`Check::Corpus`] rule runs once, the config's severities and the objects' suppression
//!    annotations are applied to what they found, suppressions that matched nothing anywhere are
//!    reported (`suppression-unused`), and the [`Report`] is built. Every caller (the CLI,
//!    [`lint_all`](crate::lint::lint_all), wasm, the LSP) goes through [`finish`]: there is no
//!    other way to get a [`Report`].
//!
//! # Writing a corpus rule
//!
//! A corpus rule is one file like any rule (`core/src/rules/<category>/<stem>.rs`, docs,
//! fixture, snapshot); its check is [`Check::Corpus`]:
//!
//! ```ignore
//! use crate::corpus::CorpusCtx;
//! use crate::declare_rule;
//! use crate::diagnostic::Severity;
//! use crate::rules::{Category, Check};
//!
//! declare_rule! {
//!     /// Namespace runs pods that no NetworkPolicy selects
//!     /// … the usual docs sections …
//!     pub RULE = { id: "network-namespace-unprotected", category: Category::Network,
//!         severity: Severity::Warning,
//!         // The kinds to keep, and whether to keep every workload (anything with a pod template).
//!         check: Check::Corpus { kinds: &["Namespace", "NetworkPolicy"], workloads: true, run: check },
//!         help: "add a default-deny NetworkPolicy to the namespace" }
//! }
//!
//! fn check(ctx: &mut CorpusCtx<'_>) {
//!     // Objects come in run order (files by path, then position in the file).
//!     let policies: Vec<_> = ctx.of_kind("NetworkPolicy").collect();
//!     for w in ctx.workloads() {
//!         let Some(ns) = w.namespace() else { continue }; // only what the input says
//!         if !policies.iter().any(|p| p.namespace() == Some(ns)) {
//!             // A path relative to the object's root; the span is where the value is written,
//!             // in that object's own file.
//!             ctx.report(w, "metadata.namespace", format!("namespace {ns:?} has no NetworkPolicy"))
//!                 // a label may point into another object, in any file
//!                 .label(w, "spec.template.metadata.labels", "these pods are not isolated");
//!         }
//!     }
//! }
//! ```
//!
//! - A finding belongs to one object ([`CorpusCtx::report`]); the
//!   `ignore.kubeward.dev/<rule-id>` annotation *on that object* suppresses it, and the config's
//!   `rules: {<id>: off|info|warning|error}` applies as for any rule (a disabled rule does not run).
//! - Only objects of the rule's `kinds` (and workloads when `workloads: true`) are guaranteed to
//!   be present, read through [`CorpusObject::typed`] and [`CorpusObject::pod`] (or
//!   [`Corpus::with_tree`] for a rare look at the tree); other kinds are there only when another
//!   enabled rule asked for them. A `Secret` is kept only when it is a ServiceAccount token
//!   (`type: kubernetes.io/service-account-token`): the values of other Secrets never outlive
//!   their file.
//! - Shared, costly analyses are computed once per run, on first use, whichever rule asks first:
//!   [`CorpusCtx::rbac`] (the authorizer, the permission graph and the escalation paths).
//! - Rules must be deterministic given the corpus; the report sorts findings, but messages,
//!   labels and help must not depend on hash order.

pub mod pss_namespace;
pub mod rbac;

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::lint::{FileResult, LintOptions, Reload, Texts, engine_diagnostic, runs};
use crate::model::{FieldPath, ObjectRef, Origin, PodTemplate, Typed};
use crate::rbac::WorkloadFacts;
use crate::report::{Placed, Report};
use crate::rules::context::IntoPath;
use crate::rules::network::Workloads;
use crate::rules::{Category, Check, Rule, registry};
use crate::source::{self, Document, Limits, NodeRef, Span};
use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::BTreeSet;
use std::fmt::Display;
use std::rc::Rc;
use std::sync::{Arc, LazyLock, OnceLock};

/// What per-file linting keeps of one object for the corpus stage.
#[derive(Debug, Clone)]
pub struct Kept {
    /// What the rules read of the object's document (the object is its root), for the kinds
    /// that need it ([`kept_paths`]).
    pub(crate) doc: Option<Box<Document>>,
    /// The span of the object's document (of the `kind: List` for a list item).
    pub(crate) doc_span: Span,
    /// The span of the object's root node.
    pub(crate) span: Span,
    /// Where its first key starts, and that position's line (set when its file is finished).
    pub(crate) first_key: u32,
    pub(crate) line: u32,
    pub(crate) object: Arc<ObjectRef>,
    /// The typed object; `None` for workloads.
    pub(crate) typed: Option<Typed>,
    /// Boxed: most objects are not workloads.
    pub(crate) pod: Option<Box<PodFacts>>,
}

/// What the corpus rules know of a workload (anything with a pod template), instead of its
/// tree and typed object: a run over many workloads keeps only these few facts of each.
#[derive(Debug, Clone)]
pub struct PodFacts {
    /// Where the (first) pod template is, from the object root.
    pub prefix: FieldPath,
    /// The template's `metadata.labels` (a Pod's own labels), sorted by key: a short list of
    /// mostly inline strings, not a map, as a run keeps one per workload.
    pub labels: Box<[(CompactString, CompactString)]>,
    /// What the RBAC engine needs; its origin is set when the corpus is gathered.
    pub rbac: Arc<WorkloadFacts>,
}

impl PodFacts {
    pub(crate) fn new(object: &Arc<ObjectRef>, pod: &PodTemplate<'_>) -> Self {
        let namespace = crate::rbac::ingest::workload_namespace(object, pod.metadata);
        Self {
            prefix: pod.prefix.clone(),
            labels: pod
                .metadata
                .and_then(|m| m.labels.as_ref())
                .map(|l| l.iter().map(|(k, v)| (k.into(), v.into())).collect())
                .unwrap_or_default(),
            rbac: Arc::new(WorkloadFacts::from_pod_spec(
                Arc::clone(&UNGATHERED),
                namespace,
                &object.kind,
                pod.spec,
            )),
        }
    }
}

/// The origin of a workload's RBAC facts until the corpus is gathered (its file and line are
/// only known then): one shared placeholder rather than one per workload.
static UNGATHERED: LazyLock<Arc<Origin>> = LazyLock::new(|| {
    Arc::new(Origin {
        file: Arc::from(""),
        file_index: 0,
        span: Span::default(),
        line: 0,
        object: Arc::new(ObjectRef {
            api_version: CompactString::default(),
            kind: CompactString::default(),
            namespace: None,
            name: None,
        }),
    })
});

/// A suppression annotation (known rule, non-empty reason) of one object, recorded per file so
/// that the corpus stage can apply it to its own findings and tell whether it was ever used.
#[derive(Debug, Clone)]
pub struct PendingSuppression {
    /// The span of the object's root node (identifies the object within its file).
    pub(crate) object_span: Span,
    pub(crate) object: Arc<ObjectRef>,
    pub(crate) rule: &'static str,
    pub(crate) reason: String,
    pub(crate) key_span: Span,
    /// Where `key_span` is, computed with the file's findings.
    pub(crate) key_place: crate::report::Place,
    pub(crate) field: String,
    pub(crate) used: bool,
}

/// The corpus rules, built once.
fn corpus_rules() -> &'static [&'static Rule] {
    static R: OnceLock<Vec<&'static Rule>> = OnceLock::new();
    R.get_or_init(|| {
        registry::ALL.iter().copied().filter(|r| matches!(r.check, Check::Corpus { .. })).collect()
    })
}

/// Whether any enabled PSS rule runs (the namespace pass needs Namespaces and workloads).
fn pss_enabled(options: &LintOptions) -> bool {
    registry::ALL.iter().any(|r| r.pss.is_some() && options.config.enabled(r))
}

/// Whether per-file linting should keep an object of `kind` (`workload`: it has a pod template)
/// for a corpus rule that runs ([`crate::lint::runs`]: one whose findings would all fall below
/// `--min-severity` runs only to meet suppressions, so it needs only `annotated` objects).
pub(crate) fn wanted(kind: &str, workload: bool, options: &LintOptions, annotated: bool) -> bool {
    let by_rule = corpus_rules().iter().any(|r| match r.check {
        Check::Corpus { kinds, workloads, .. } => {
            (kinds.contains(&kind) || (workload && workloads)) && runs(r, options, annotated)
        }
        _ => false,
    });
    by_rule || ((kind == "Namespace" || workload) && pss_enabled(options))
}

/// What the corpus keeps of the document of an object of `kind` (not a workload): the paths the
/// network rules read and report, with their exact YAML semantics and spans, and those the RBAC
/// rules report most ([`Document::prune`]).
/// Every other object is kept as its typed value, and its tree is parsed again from the file's
/// text only when a finding must point into it ([`Corpus::with_tree`]).
pub(crate) fn kept_paths(kind: &str) -> Option<&'static [&'static [&'static str]]> {
    match kind {
        "Service" => Some(&[&["spec", "selector"], &["spec", "type"]]),
        "NetworkPolicy" => Some(&[&["spec", "podSelector"], &["spec", "policyTypes"]]),
        // What the RBAC rules point at in a binding (a role it names that does not exist, a
        // ServiceAccount it names that is not declared): no document parsed again per finding.
        "RoleBinding" | "ClusterRoleBinding" => Some(&[&["roleRef"], &["subjects"]]),
        _ => None,
    }
}

/// Whether the corpus keeps the typed value of an object of `kind` (not a workload): not for
/// the kinds the rules read through their kept document only ([`kept_paths`]).
pub(crate) fn keeps_typed(kind: &str) -> bool {
    !matches!(kind, "Service" | "NetworkPolicy")
}

/// Whether a typed Secret may be kept: only ServiceAccount token Secrets.
pub(crate) fn keepable(typed: Option<&Typed>, kind: &str) -> bool {
    match typed {
        Some(Typed::Secret(s)) => s.type_.as_deref() == Some(crate::rbac::ingest::SA_TOKEN_TYPE),
        _ => kind != "Secret",
    }
}

/// An object of the corpus.
#[derive(Debug)]
pub struct CorpusObject {
    /// File (index into the report's files), span of the object's root, first line, identity.
    pub origin: Arc<Origin>,
    doc: Option<Box<Document>>,
    doc_span: Span,
    typed: Option<Typed>,
    /// Boxed: most objects are not workloads, and a large run keeps tens of thousands.
    pod: Option<Box<PodFacts>>,
}

impl CorpusObject {
    /// The kept part of the object's document, from its root: for a Service or a NetworkPolicy
    /// what the network rules read, for a binding its `roleRef` and `subjects`; `None` for other
    /// objects (see [`CorpusObject::typed`], [`CorpusObject::pod`] and [`Corpus::with_tree`]).
    #[must_use]
    pub fn root(&self) -> Option<NodeRef<'_>> {
        self.doc.as_deref().and_then(Document::root)
    }

    /// The object's identity (`namespace` as written).
    #[must_use]
    pub fn object(&self) -> &ObjectRef {
        &self.origin.object
    }

    /// `kind`.
    #[must_use]
    pub fn kind(&self) -> &str {
        &self.origin.object.kind
    }

    /// `metadata.name`.
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        self.origin.object.name.as_deref()
    }

    /// `metadata.namespace` as written (`None` when absent: the namespace is decided at apply).
    #[must_use]
    pub fn namespace(&self) -> Option<&str> {
        self.origin.object.namespace.as_deref().filter(|n| !n.is_empty())
    }

    /// The index of the object's file in the report.
    #[must_use]
    pub fn file(&self) -> usize {
        self.origin.file_index
    }

    /// The typed object, when its kind and version are known and it decoded (never for a
    /// workload: see [`CorpusObject::pod`]; nor for a Service or a NetworkPolicy: see
    /// [`CorpusObject::root`]).
    #[must_use]
    pub fn typed(&self) -> Option<&Typed> {
        self.typed.as_ref()
    }

    /// The facts of a workload's pod template.
    #[must_use]
    pub fn pod(&self) -> Option<&PodFacts> {
        self.pod.as_deref()
    }

    /// A pod label as a selector sees it.
    #[must_use]
    pub fn pod_label(&self, key: &str) -> Option<&str> {
        let labels = &self.pod.as_ref()?.labels;
        // Sorted by key (built from a BTreeMap).
        let i = labels.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
        labels.get(i).map(|(_, v)| v.as_str())
    }
}

/// What several corpus rules of one run use, built on first use. It borrows the [`Corpus`], so
/// it lives beside it rather than in it.
#[derive(Default)]
struct Shared<'a> {
    workloads: OnceCell<Workloads<'a>>,
}

/// How many documents (or files) [`Corpus::with_tree`] keeps parsed at once.
const REPARSED: usize = 8;

/// Every kept object of a run, and the analyses computed over them.
#[derive(Debug)]
pub struct Corpus {
    objects: Vec<CorpusObject>,
    /// `(file index, root span start)` → position in `objects`.
    by_origin: HashMap<(usize, u32), usize>,
    rbac: OnceCell<rbac::RbacView>,
    options_trusted: Vec<String>,
    /// Each file's text (shared with its [`FileResult`], or read again), to parse an object's
    /// document again.
    texts: Texts,
    limits: Limits,
    /// The documents parsed again most recently (newest last), by file and document span
    /// (`None`: the whole file).
    reparsed: RefCell<Vec<(Reparsed, Rc<Vec<Document>>)>>,
}

impl Corpus {
    /// Takes the kept objects out of the (sorted) files.
    fn gather(files: &mut [FileResult], options: &LintOptions, texts: Texts) -> Self {
        // Sized once: a large run keeps tens of thousands of objects, and growing by doubling
        // would hold up to twice the room they need.
        let count = files.iter().map(|f| f.kept.len()).sum();
        let mut objects = Vec::with_capacity(count);
        let mut by_origin = HashMap::with_capacity(count);
        for (file_index, f) in files.iter_mut().enumerate() {
            let kept = std::mem::take(&mut f.kept);
            if kept.is_empty() {
                continue;
            }
            for k in kept {
                let origin = Arc::new(Origin {
                    file: f.path.clone(),
                    file_index,
                    span: k.span,
                    line: k.line,
                    object: k.object,
                });
                let pod = k.pod.map(|mut p| {
                    // Not shared yet: set in place, not copied.
                    Arc::make_mut(&mut p.rbac).origin = Arc::clone(&origin);
                    p
                });
                by_origin.insert((file_index, k.span.start), objects.len());
                objects.push(CorpusObject {
                    origin,
                    doc: k.doc,
                    doc_span: k.doc_span,
                    typed: k.typed,
                    pod,
                });
            }
        }
        Self {
            objects,
            by_origin,
            rbac: OnceCell::new(),
            options_trusted: options.config.trusted_subjects.clone(),
            texts,
            limits: options.limits.clone(),
            reparsed: RefCell::new(Vec::new()),
        }
    }

    /// The texts, once the rules are done (the rest is dropped).
    fn into_texts(self) -> Texts {
        self.texts
    }

    /// Every object, in run order.
    #[must_use]
    pub fn objects(&self) -> &[CorpusObject] {
        &self.objects
    }

    /// The object written at `origin` (same file and root span), if it is in the corpus.
    #[must_use]
    pub fn object_at(&self, origin: &Origin) -> Option<&CorpusObject> {
        self.by_origin
            .get(&(origin.file_index, origin.span.start))
            .and_then(|&i| self.objects.get(i))
            .filter(|o| o.origin.file == origin.file)
    }

    /// Calls `f` with the object's root node: the kept tree, or else its document parsed
    /// again (the same text and limits give the same tree). `None` if the object cannot be found
    /// again, which only a change of the text between the two parses could cause.
    pub fn with_tree<R>(&self, o: &CorpusObject, f: impl FnOnce(NodeRef<'_>) -> R) -> Option<R> {
        let span = o.origin.span;
        // The object's document alone is enough, unless it reads differently without the text
        // before it (a `%TAG` directive): then the whole file.
        let docs = self.reparse((o.file(), Some(o.doc_span)))?;
        if let Some(node) = root_at(&docs, span) {
            return Some(f(node));
        }
        let docs = self.reparse((o.file(), None))?;
        root_at(&docs, span).map(f)
    }

    /// The span of `path` (relative to the object's root): where the value is written, or the
    /// nearest written parent.
    #[must_use]
    pub fn locate(&self, o: &CorpusObject, path: &FieldPath) -> Span {
        // The kept part of a document places a path it holds; anything else (a missing field is
        // placed by its nearest written parent) needs the whole tree.
        if let Some((span, true)) = o.root().map(|root| root.locate(path)) {
            return span;
        }
        self.with_tree(o, |root| root.locate(path).0).unwrap_or(o.origin.span)
    }

    /// One document of a file (or the whole file), parsed again; an empty list when the part
    /// alone does not parse. A few are cached: findings come in run order, so mostly from the
    /// same document.
    fn reparse(&self, key: Reparsed) -> Option<Rc<Vec<Document>>> {
        let mut cache = self.reparsed.borrow_mut();
        if let Some(pos) = cache.iter().position(|(k, _)| *k == key) {
            let entry = cache.remove(pos);
            let docs = entry.1.clone();
            cache.push(entry);
            return Some(docs);
        }
        // A text that cannot be read again (the file changed) places findings at the object's
        // root; the report says why, as it cannot place them either.
        let text = self.texts.get(key.0).ok()?;
        let docs = Rc::new(match key.1 {
            Some(span) => source::parse_part(&text, span, &self.limits).unwrap_or_default(),
            None => source::parse(&text, &self.limits).documents,
        });
        if cache.len() >= REPARSED {
            cache.remove(0);
        }
        cache.push((key, docs.clone()));
        Some(docs)
    }
}

/// The root written at `span` in `docs`: a document's, or an item's of a `kind: List`.
fn root_at(docs: &[Document], span: Span) -> Option<NodeRef<'_>> {
    docs.iter().filter_map(Document::root).find_map(|root| {
        if root.span() == span {
            return Some(root);
        }
        root.get("items").and_then(|items| items.items().find(|i| i.span() == span))
    })
}

/// What [`Corpus::reparse`] parses: a file, and one of its documents or (`None`) all of it.
type Reparsed = (usize, Option<Span>);

/// A finding of the corpus stage, with the object it is about.
#[derive(Debug)]
pub(crate) struct Found {
    pub file: usize,
    pub object_span: Span,
    pub diagnostic: Diagnostic,
}

/// What a corpus rule sees, and how it reports.
pub struct CorpusCtx<'a> {
    rule: &'static Rule,
    corpus: &'a Corpus,
    shared: &'a Shared<'a>,
    pub options: &'a LintOptions,
    out: &'a mut Vec<Found>,
}

impl<'a> CorpusCtx<'a> {
    /// Every kept object, in run order (files by path, then position in the file).
    #[must_use]
    pub fn objects(&self) -> &'a [CorpusObject] {
        &self.corpus.objects
    }

    /// The objects of one kind, in run order.
    pub fn of_kind(&self, kind: &'a str) -> impl Iterator<Item = &'a CorpusObject> + 'a {
        self.corpus.objects.iter().filter(move |o| o.kind() == kind)
    }

    /// The objects that have a pod template (Pods and every workload kind), in run order.
    pub fn workloads(&self) -> impl Iterator<Item = &'a CorpusObject> + 'a {
        self.corpus.objects.iter().filter(|o| o.pod().is_some())
    }

    /// The object written at `origin`, if it is in the corpus (to resolve RBAC evidence).
    #[must_use]
    pub fn object_at(&self, origin: &Origin) -> Option<&'a CorpusObject> {
        self.corpus.object_at(origin)
    }

    /// The workloads of each namespace, indexed by pod label: built once for the network rules.
    pub(crate) fn workloads_by_namespace(&self) -> &'a Workloads<'a> {
        self.shared.workloads.get_or_init(|| Workloads::new(self))
    }

    /// The RBAC analysis of the whole input (with the built-in bootstrap policy), computed on
    /// first use and shared by every rule of the run.
    #[must_use]
    pub fn rbac(&self) -> &'a rbac::RbacView {
        let corpus = self.corpus;
        corpus.rbac.get_or_init(|| rbac::RbacView::build(corpus, &corpus.options_trusted))
    }

    /// Reports a finding on `path` (relative to `object`'s root) in `object`'s file.
    pub fn report(
        &mut self,
        object: &CorpusObject,
        path: impl IntoPath,
        message: impl Display,
    ) -> CorpusReported<'_> {
        let path = path.into_path();
        let rule = self.rule;
        self.out.push(Found {
            file: object.file(),
            object_span: object.origin.span,
            diagnostic: Diagnostic {
                rule: rule.id,
                severity: rule.severity,
                message: message.to_string(),
                help: (!rule.help.is_empty()).then_some(Cow::Borrowed(rule.help)),
                span: self.corpus.locate(object, &path),
                labels: Vec::new(),
                field: Some(path.to_string()).filter(|s| !s.is_empty()),
                object: Some(Arc::clone(&object.origin.object)),
                pss: rule.pss,
                suppressed: None,
            },
        });
        let len = self.out.len();
        let found = &mut self.out[len - 1];
        CorpusReported { diag: &mut found.diagnostic, file: found.file, corpus: self.corpus }
    }
}

/// A corpus finding being built: add help or labels.
pub struct CorpusReported<'d> {
    diag: &'d mut Diagnostic,
    file: usize,
    corpus: &'d Corpus,
}

impl CorpusReported<'_> {
    /// How to fix this finding (replaces the rule's default help).
    pub fn help(self, help: impl Display) -> Self {
        self.diag.help = Some(Cow::Owned(help.to_string()));
        self
    }

    /// Points at `path` in `object`, which may be in another file.
    pub fn label(self, object: &CorpusObject, path: impl IntoPath, message: impl Display) -> Self {
        let span = self.corpus.locate(object, &path.into_path());
        let file = (object.file() != self.file).then_some(object.file());
        self.diag.labels.push(Label { file, span, message: message.to_string() });
        self
    }
}

/// Applies the config to a finding made after per-file linting: `None` when its rule is off.
pub(crate) fn configured(mut d: Diagnostic, options: &LintOptions) -> Option<Diagnostic> {
    let rule = registry::get(d.rule)?;
    if !options.config.enabled(rule) {
        return None;
    }
    if let Some(sev) = options.config.severity_override(d.rule) {
        d.severity = sev;
    }
    Some(d)
}

/// Finishes a run: the corpus stage over every file's kept objects, then the report. This is the
/// one way to turn [`FileResult`]s into a [`Report`]; the result does not depend on the order of
/// `files`.
#[must_use]
pub fn finish(files: Vec<FileResult>, options: &LintOptions) -> Report {
    finish_reloading(files, options, None)
}

/// [`finish`], for files that may have released their texts ([`FileResult::release_text`]):
/// `reload` reads such a file again. Without it, a released file's findings cannot be placed
/// (each such file gets a `file-unreadable` error).
#[must_use]
pub fn finish_reloading(
    mut files: Vec<FileResult>,
    options: &LintOptions,
    reload: Option<Reload>,
) -> Report {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    // A corpus rule whose findings would all be below `--min-severity` is not run, unless a
    // suppression names it (it must find the finding it suppresses).
    let suppressed: BTreeSet<&'static str> =
        files.iter().flat_map(|f| &f.suppressions).map(|s| s.rule).collect();
    let texts = Texts::new(&files, reload);
    let corpus = Corpus::gather(&mut files, options, texts);
    let mut found: Vec<Found> = Vec::new();
    // The namespace pass amends findings that may be spilled: it says how, and the report
    // amends them as it reads each file's findings back.
    let mut amends = Vec::new();
    pss_namespace::apply(&corpus, options, &mut amends);
    let mut enabled: Vec<_> = corpus_rules()
        .iter()
        .filter_map(|&rule| match rule.check {
            Check::Corpus { run, .. } if runs(rule, options, suppressed.contains(rule.id)) => {
                Some((rule, run))
            }
            _ => None,
        })
        .collect();
    // The RBAC rules run first: what building the RBAC analysis holds for a moment (its facts,
    // the edge set) is then freed before the network rules build their workload index, not
    // held beside it. The report orders findings, so the order rules run in does not show.
    enabled.sort_by_key(|(rule, _)| rule.category != Category::Rbac);
    let mut enabled = enabled.into_iter();
    if let Some((rule, run)) = enabled.next() {
        // One context serves every rule: what they share is built once, on first use.
        let shared = Shared::default();
        let mut ctx =
            CorpusCtx { rule, corpus: &corpus, shared: &shared, options, out: &mut found };
        run(&mut ctx);
        for (rule, run) in enabled {
            ctx.rule = rule;
            run(&mut ctx);
        }
    }
    let texts = corpus.into_texts();
    Report::build(files, options, texts, found, amends)
}

/// Adds the findings of the corpus stage (`late`: each placed) to one file's own findings:
/// suppression annotations apply to them, and a suppression that matched nothing at all becomes
/// a `suppression-unused` finding.
pub(crate) fn merge_late(
    own: &mut Vec<(Diagnostic, Placed)>,
    mut suppressions: Vec<PendingSuppression>,
    late: impl IntoIterator<Item = (Found, Placed)>,
    options: &LintOptions,
) {
    for (mut f, at) in late {
        if let Some(s) = suppressions
            .iter_mut()
            .find(|s| s.rule == f.diagnostic.rule && s.object_span == f.object_span)
        {
            f.diagnostic.suppressed = Some(s.reason.clone());
            s.used = true;
        }
        if let Some(d) = configured(f.diagnostic, options) {
            own.push((d, at));
        }
    }
    for s in suppressions.into_iter().filter(|s| !s.used) {
        let msg = format!("suppression of `{}` matches no finding on this object", s.rule);
        if let Some(mut d) =
            engine_diagnostic("suppression-unused", s.key_span, msg, Some(s.object))
        {
            d.field = Some(s.field);
            if let Some(d) = configured(d, options) {
                own.push((d, Placed::at(s.key_place)));
            }
        }
    }
}

/// Severity `at_least`, unless the config sets the rule's severity.
pub(crate) fn raise(d: &mut Diagnostic, at_least: Severity, options: &LintOptions) {
    if options.config.severity_override(d.rule).is_none() && d.severity < at_least {
        d.severity = at_least;
    }
}
