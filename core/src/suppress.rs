//! Suppression by annotation: `ignore.kubeward.dev/<rule-id>: "<reason>"` on the object.
//!
//! The reason is required. A suppression with an empty reason does not apply and is itself a
//! finding (`suppression-missing-reason`), as is one naming an unknown rule
//! (`suppression-unknown-rule`, with the nearest id) or one that suppressed nothing
//! (`suppression-unused`, decided by [`crate::lint::finish`] once the corpus stage has run, so a
//! suppression of a rule over several files counts). Suppressed findings are kept, marked, and
//! counted.

use crate::corpus::PendingSuppression;
use crate::diagnostic::Diagnostic;
use crate::lint::engine_diagnostic;
use crate::model::ObjectRef;
use crate::rules::registry;
use crate::source::NodeRef;

/// The annotation prefix.
pub const PREFIX: &str = "ignore.kubeward.dev/";

/// Whether the object has a suppression annotation (whatever it names).
#[must_use]
pub fn annotated(root: NodeRef<'_>) -> bool {
    annotations(root).is_some_and(|a| a.entries().iter().any(|e| e.key.starts_with(PREFIX)))
}

/// The object's `metadata.annotations`.
fn annotations(root: NodeRef<'_>) -> Option<NodeRef<'_>> {
    root.get("metadata")?.get("annotations")
}

/// Applies the object's suppression annotations to its findings, adds hygiene findings, and
/// records every valid suppression in `pending` (with whether it was used) for the corpus stage.
pub fn apply(
    root: NodeRef<'_>,
    object: &std::sync::Arc<ObjectRef>,
    out: &mut Vec<Diagnostic>,
    pending: &mut Vec<PendingSuppression>,
) {
    let Some(annotations) = annotations(root) else {
        return;
    };
    let mut hygiene = Vec::new();
    for entry in annotations.entries() {
        let Some(id) = entry.key.strip_prefix(PREFIX) else { continue };
        let value = annotations.doc.node(entry.value);
        let field = format!("metadata.annotations[\"{}\"]", entry.key);
        let mut push = |rule: &'static str, span, msg: String| {
            if let Some(mut d) = engine_diagnostic(rule, span, msg, Some(object.clone())) {
                d.field = Some(field.clone());
                hygiene.push(d);
            }
        };
        if registry::get(id).is_none() {
            let hint = registry::nearest(id)
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            push(
                "suppression-unknown-rule",
                entry.key_span,
                format!("suppression names unknown rule `{id}`{hint}"),
            );
            continue;
        }
        let reason = value.as_str().map(str::trim).unwrap_or_default();
        if reason.is_empty() {
            push(
                "suppression-missing-reason",
                entry.key_span,
                format!("suppression of `{id}` gives no reason, so it does not apply"),
            );
            continue;
        }
        let mut used = false;
        for d in out.iter_mut().filter(|d| d.rule == id && d.suppressed.is_none()) {
            d.suppressed = Some(reason.to_owned());
            used = true;
        }
        if let Some(rule) = registry::get(id) {
            pending.push(PendingSuppression {
                object_span: root.span(),
                object: object.clone(),
                rule: rule.id,
                reason: reason.to_owned(),
                key_span: entry.key_span,
                key_place: crate::report::Place::UNKNOWN,
                field: field.clone(),
                used,
            });
        }
    }
    out.extend(hygiene);
}
