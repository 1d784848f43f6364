//! Namespace awareness for the Pod Security Standards (issue 3, part 2).
//!
//! When the input holds a Namespace with `pod-security.kubernetes.io/enforce|warn[-version]`
//! labels, every workload written with `metadata.namespace` set to it is evaluated at the
//! namespace's levels and versions (the PSS evaluator, as Pod Security Admission does):
//!
//! - a violation of the **enforced** level becomes an error whose message says the API server
//!   will refuse the pod (for a Pod) or its pods (for a workload resource: Pod Security Admission
//!   admits the Deployment and refuses the pods its controller creates), naming the namespace,
//!   level and version;
//! - a violation of the **warn** level that enforce does not already refuse is at least a warning
//!   whose message says kubectl will print a warning;
//! - everything else keeps its default severity: a pod that passes its namespace's enforced
//!   level but fails restricted keeps its restricted findings at warning.
//!
//! The finding is the PSS rule's own finding on that field (amended); when the run's
//! `--pss-version` did not produce it (the namespace pins another version), a finding of that
//! rule is added. Workloads without `metadata.namespace` are left alone: the namespace they land
//! in is chosen at apply time. `audit` only writes to the audit log and changes nothing here. A
//! severity set in the config for a PSS rule wins over the namespace's.

use super::{Corpus, CorpusObject, Found, raise};
use crate::diagnostic::{Diagnostic, PssLevel, Severity};
use crate::lint::{LintOptions, ObjectTemplates, decode_lenient};
use crate::model::Typed;
use crate::pss::{self, NamespacePolicy, PodInput, PolicyMode, Version, namespace_policy};
use crate::report::Placed;
use crate::rules::{Rule, registry};
use crate::source::NodeRef;
use foldhash::{HashSet, HashSetExt};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The PSS rule of an upstream check id.
fn rule_for_check(check: &str) -> Option<&'static Rule> {
    registry::ALL.iter().copied().find(|r| r.pss.is_some_and(|p| p.check == check))
}

/// `v1.25`, or `latest` when the version label is absent or says so.
fn version_text(labels: &BTreeMap<String, String>, mode: PolicyMode, version: Version) -> String {
    match labels.get(&mode.version_label()).map(String::as_str) {
        Some(v) if v != "latest" => format!("v1.{}", version.minor()),
        _ => "latest".to_owned(),
    }
}

/// How to amend one PSS finding of a file: the first of its findings of the fallback's rule on
/// the fallback's field within the same workload gets `note` and at least `severity`; when it
/// has none (the run's version did not produce it), `fallback` is added.
pub(crate) struct Amend {
    note: String,
    severity: Severity,
    fallback: Found,
}

impl Amend {
    /// The file whose findings this amends.
    pub(crate) fn file(&self) -> usize {
        self.fallback.file
    }

    /// Amends the file's own findings (`own`), or returns the finding to add.
    pub(crate) fn apply(
        self,
        own: &mut [(Diagnostic, Placed)],
        options: &LintOptions,
    ) -> Option<Found> {
        let (want, within) = (&self.fallback.diagnostic, self.fallback.object_span);
        let existing = own.iter_mut().map(|(d, _)| d).find(|d| {
            d.rule == want.rule
                && d.field == want.field
                && d.span.start >= within.start
                && d.span.end <= within.end
        });
        match existing {
            Some(d) => {
                d.message = format!("{}; {}", d.message, self.note);
                raise(d, self.severity, options);
                None
            }
            None => Some(self.fallback),
        }
    }
}

/// Says how to amend the PSS findings of workloads in labelled namespaces, and which to add
/// where the run's version did not produce them.
pub(crate) fn apply(corpus: &Corpus, options: &LintOptions, amends: &mut Vec<Amend>) {
    // Last Namespace of each name wins, as a later `kubectl apply` would.
    let mut policies: BTreeMap<&str, (NamespacePolicy, &BTreeMap<String, String>)> =
        BTreeMap::new();
    for o in corpus.objects() {
        let Some(Typed::Namespace(ns)) = o.typed() else { continue };
        let (Some(name), Some(labels)) = (ns.metadata.name.as_deref(), ns.metadata.labels.as_ref())
        else {
            continue;
        };
        let policy = namespace_policy(labels);
        if policy.enforce.is_some() || policy.warn.is_some() {
            policies.insert(name, (policy, labels));
        } else {
            policies.remove(name);
        }
    }
    if policies.is_empty() {
        return;
    }
    for w in corpus.objects() {
        let (Some(_), Some(ns)) = (w.pod(), w.namespace()) else { continue };
        let Some((policy, labels)) = policies.get(ns) else { continue };
        // The corpus keeps only facts of a workload: its pod template is decoded again.
        corpus.with_tree(w, |root| amend(w, root, policy, labels, options, amends));
    }
}

/// Evaluates one workload (`root`: its tree) at its namespace's enforce and warn levels, and
/// amends or adds the PSS findings.
fn amend(
    w: &CorpusObject,
    root: NodeRef<'_>,
    policy: &NamespacePolicy,
    labels: &BTreeMap<String, String>,
    options: &LintOptions,
    amends: &mut Vec<Amend>,
) {
    let ns = w.namespace().unwrap_or_default();
    let typed = decode_lenient(w.object(), root).0;
    let templates = ObjectTemplates::find(root, w.object(), typed.as_ref(), &options.config);
    let Some(pod) = templates.list(typed.as_ref()).into_iter().next() else { return };
    let input = PodInput::new(pod.metadata, pod.spec);
    let mut refused: HashSet<(&'static str, String)> = HashSet::new();
    for mode in [PolicyMode::Enforce, PolicyMode::Warn] {
        let Some((level, version)) = policy.mode(mode) else { continue };
        if level == PssLevel::Privileged {
            continue;
        }
        let ver = version_text(labels, mode, version);
        let (severity, note) = match mode {
            PolicyMode::Enforce if w.kind() == "Pod" => (
                Severity::Error,
                format!(
                    "the API server will refuse this pod: namespace {ns:?} enforces {} at {ver}",
                    level.as_str()
                ),
            ),
            PolicyMode::Enforce => (
                Severity::Error,
                format!(
                    "the API server will refuse its pods: namespace {ns:?} enforces {} at {ver}",
                    level.as_str()
                ),
            ),
            _ => (
                Severity::Warning,
                format!(
                    "kubectl will print a warning: namespace {ns:?} warns at {} {ver}",
                    level.as_str()
                ),
            ),
        };
        for v in pss::evaluate(level, version, &input) {
            let Some(rule) = rule_for_check(v.check).filter(|r| options.config.enabled(r)) else {
                continue;
            };
            let field = pod.prefix.join(&v.field).to_string();
            if !refused.insert((rule.id, field.clone())) {
                continue; // refused by enforce already, or the same field twice
            }
            let span = w.origin.span;
            let path = pod.prefix.join(&v.field);
            let mut d = Diagnostic {
                rule: rule.id,
                severity: rule.severity,
                message: format!("{}; {note}", v.message),
                help: (!rule.help.is_empty()).then_some(Cow::Borrowed(rule.help)),
                span: root.locate(&path).0,
                labels: Vec::new(),
                field: Some(field),
                object: Some(std::sync::Arc::clone(&w.origin.object)),
                pss: rule.pss,
                suppressed: None,
            };
            raise(&mut d, severity, options);
            amends.push(Amend {
                note: note.clone(),
                severity,
                fallback: Found { file: w.file(), object_span: span, diagnostic: d },
            });
        }
    }
}
