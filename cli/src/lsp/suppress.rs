//! The quick fix that suppresses a finding: insert `ignore.kubeward.dev/<rule>: "<reason>"` into
//! `metadata.annotations` of the object the finding is in, creating `annotations` (and
//! `metadata`) when missing, in the style the object is written in: block mappings get a new
//! line at the indentation of their keys, flow mappings (and JSON) a quoted entry after `{`.

use kubeward::source::{self, Limits, LineIndex, NodeRef, Value};

/// The annotation key prefix (DESIGN.md "Suppression").
pub const PREFIX: &str = "ignore.kubeward.dev/";
/// The reason the user is to write.
pub const REASON: &str = "<reason>";

/// An insertion: at this byte offset, this text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insert {
    pub offset: u32,
    pub text: String,
}

/// The insertion that suppresses `rule` on the object containing byte `at` of `text`, or `None`
/// when there is no object there (or its metadata is written in a way we do not edit).
pub fn annotation_insert(text: &str, at: u32, rule: &str) -> Option<Insert> {
    let parsed = source::parse(text, &Limits::default());
    let lines = LineIndex::new(text);
    let ed = Editor { text, lines: &lines };
    let object = parsed.documents.iter().find_map(|doc| object_at(doc.root()?, at))?;
    let key = format!("{PREFIX}{rule}");
    let Some(meta) = object.get("metadata") else {
        return ed
            .add_entry(object, &[("metadata", None), ("annotations", None), (&key, Some(REASON))]);
    };
    if !meta.is_map() {
        return None;
    }
    match meta.get("annotations") {
        None => ed.add_entry(meta, &[("annotations", None), (&key, Some(REASON))]),
        Some(ann) if ann.is_map() => ed.add_entry(ann, &[(&key, Some(REASON))]),
        Some(ann) if ann.is_null() && ann.span().is_empty() => {
            // `annotations:` with nothing after it: a block entry on the next line.
            let entry = meta.entry("annotations")?;
            let indent = ed.column(entry.key_span.start) + 2;
            let line_end = text.get(entry.key_span.end as usize..)?.find(['\n', '\r'])?;
            Some(Insert {
                offset: entry.key_span.end + u32::try_from(line_end).ok()?,
                text: format!("\n{}{key}: \"{REASON}\"", " ".repeat(indent)),
            })
        }
        Some(_) => None,
    }
}

/// The innermost Kubernetes object (a mapping with `apiVersion` and `kind`; `kind: List` items
/// included) whose span contains `at`.
fn object_at(root: NodeRef<'_>, at: u32) -> Option<NodeRef<'_>> {
    let inside = |n: NodeRef<'_>| n.span().start <= at && at <= n.span().end;
    if !root.is_map() || !inside(root) {
        return None;
    }
    if let Some(items) = root.get("items").filter(|i| i.is_seq())
        && let Some(item) = items.items().find(|i| i.is_map() && inside(*i))
        && item.get("kind").is_some()
    {
        return Some(item);
    }
    (root.get("apiVersion").is_some() || root.get("kind").is_some()).then_some(root)
}

struct Editor<'a> {
    text: &'a str,
    lines: &'a LineIndex,
}

impl Editor<'_> {
    /// 0-based column in chars (YAML indentation is spaces, so this is the indentation).
    fn column(&self, offset: u32) -> usize {
        self.lines.line_col(offset).1.saturating_sub(1) as usize
    }

    /// The offset just after the `{` of a flow mapping (after any anchor or tag).
    fn open_brace(&self, map: NodeRef<'_>) -> Option<u32> {
        let span = map.span();
        let s = self.text.get(span.range())?;
        let mut rest = s;
        loop {
            rest = rest.trim_start();
            if rest.starts_with('&') || rest.starts_with('!') {
                let end = rest.find(char::is_whitespace)?;
                rest = &rest[end..];
            } else {
                break;
            }
        }
        rest.starts_with('{').then(|| {
            let consumed = s.len() - rest.len() + 1;
            span.start + u32::try_from(consumed).unwrap_or(0)
        })
    }

    /// Adds the nested entry `keys[0]: {keys[1]: … value}` to `map`. Each key is given with its
    /// value (`None`: the mapping of the next key).
    fn add_entry(&self, map: NodeRef<'_>, keys: &[(&str, Option<&str>)]) -> Option<Insert> {
        // The first entry written inside this mapping (merged entries live elsewhere).
        let span = map.span();
        let first = map
            .entries()
            .iter()
            .filter(|e| span.start <= e.key_span.start && e.key_span.end <= span.end)
            .min_by_key(|e| e.key_span.start);
        if let Some(brace) = self.open_brace(map) {
            let mut inner = String::new();
            for (i, (k, v)) in keys.iter().enumerate() {
                inner.push_str(&format!("{k:?}: "));
                match v {
                    Some(v) => inner.push_str(&format!("{v:?}")),
                    None if i + 1 < keys.len() => inner.push('{'),
                    None => inner.push_str("{}"),
                }
            }
            inner.push_str(&"}".repeat(keys.len().saturating_sub(1)));
            let empty = matches!(map.value(), Value::Map(e) if e.is_empty());
            let text = if empty { inner } else { format!("{inner}, ") };
            return Some(Insert { offset: brace, text });
        }
        let first = first?;
        let indent = self.column(first.key_span.start);
        let mut text = String::new();
        for (depth, (k, v)) in keys.iter().enumerate() {
            if depth > 0 {
                text.push_str(&" ".repeat(indent + 2 * depth));
            }
            match v {
                Some(v) => text.push_str(&format!("{k}: \"{v}\"\n")),
                None => text.push_str(&format!("{k}:\n")),
            }
        }
        text.push_str(&" ".repeat(indent));
        Some(Insert { offset: first.key_span.start, text })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, at: &str, rule: &str) -> String {
        let at = u32::try_from(text.find(at).unwrap_or_else(|| panic!("{at} not in text")))
            .unwrap_or_default();
        let ins = annotation_insert(text, at, rule).unwrap_or_else(|| panic!("no edit"));
        let mut out = text.to_owned();
        out.insert_str(ins.offset as usize, &ins.text);
        // The result is still valid and carries the annotation.
        let parsed = source::parse(&out, &Limits::default());
        assert!(parsed.issues.is_empty(), "{out}\n{:?}", parsed.issues);
        out
    }

    #[test]
    fn block_styles() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n";
        assert_eq!(
            apply(pod, "hostPID", "pss-host-namespaces"),
            "apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    ignore.kubeward.dev/pss-host-namespaces: \"<reason>\"\n  name: p\nspec:\n  hostPID: true\n"
        );
        let with = "kind: Pod\nmetadata:\n    name: p\n    annotations:\n        a: b\nspec: {hostPID: true}\n";
        assert_eq!(
            apply(with, "hostPID", "x"),
            "kind: Pod\nmetadata:\n    name: p\n    annotations:\n        ignore.kubeward.dev/x: \"<reason>\"\n        a: b\nspec: {hostPID: true}\n"
        );
        let none = "kind: Pod\nspec: {hostPID: true}\n";
        assert_eq!(
            apply(none, "hostPID", "x"),
            "metadata:\n  annotations:\n    ignore.kubeward.dev/x: \"<reason>\"\nkind: Pod\nspec: {hostPID: true}\n"
        );
        let null = "kind: Pod\nmetadata:\n  annotations:\n  name: p\nspec: {hostPID: true}\n";
        assert_eq!(
            apply(null, "hostPID", "x"),
            "kind: Pod\nmetadata:\n  annotations:\n    ignore.kubeward.dev/x: \"<reason>\"\n  name: p\nspec: {hostPID: true}\n"
        );
    }

    #[test]
    fn flow_styles_and_json() {
        let flow = "kind: Pod\nmetadata: {name: p}\nspec: {hostPID: true}\n";
        assert_eq!(
            apply(flow, "hostPID", "x"),
            "kind: Pod\nmetadata: {\"annotations\": {\"ignore.kubeward.dev/x\": \"<reason>\"}, name: p}\nspec: {hostPID: true}\n"
        );
        let json = "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\", \"annotations\": {}}, \"spec\": {\"hostPID\": true}}";
        let out = apply(json, "hostPID", "x");
        assert!(
            out.contains("\"annotations\": {\"ignore.kubeward.dev/x\": \"<reason>\"}"),
            "{out}"
        );
        let v: serde_json::Value = serde_json::from_str(&out).expect("still JSON");
        assert_eq!(v["metadata"]["annotations"]["ignore.kubeward.dev/x"], "<reason>");
    }

    #[test]
    fn list_items_and_documents() {
        let list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  spec: {hostPID: true}\n";
        assert_eq!(
            apply(list, "hostPID", "x"),
            "apiVersion: v1\nkind: List\nitems:\n- metadata:\n    annotations:\n      ignore.kubeward.dev/x: \"<reason>\"\n  apiVersion: v1\n  kind: Pod\n  spec: {hostPID: true}\n"
        );
        let two = "kind: A\nmetadata: {name: a}\n---\nkind: B\nmetadata:\n  name: b\n  x: 1\n";
        let out = apply(two, "x: 1", "r");
        assert!(out.ends_with("metadata:\n  annotations:\n    ignore.kubeward.dev/r: \"<reason>\"\n  name: b\n  x: 1\n"), "{out}");
        assert_eq!(annotation_insert("a: [\n", 0, "x"), None);
        assert_eq!(annotation_insert("- 1\n", 0, "x"), None);
    }
}
