//! The spanned node tree of one YAML/JSON document.
//!
//! Nodes live in an arena (`Document::nodes`) and refer to each other by [`NodeId`]. An alias is
//! the *same* `NodeId` as its anchored node, so the tree is a DAG: memory stays linear in the
//! source, and an aliased value keeps the span where it was written. A mapping's entries are
//! already *resolved* as go-yaml v2 does (merge keys applied in document order, last duplicate
//! wins), so lookups need no further logic; duplicates are reported by the reader.

use crate::model::{FieldPath, Segment};
use compact_str::CompactString;

/// A byte range in the file text (`start..end`, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Self { start: clamp(start), end: clamp(end.max(start)) }
    }

    /// Number of bytes covered.
    #[must_use]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }

    /// The byte range, for slicing the file text.
    #[must_use]
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Index of a node in its document's arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// How a scalar was written: plain scalars are resolved by the YAML 1.1 table, others stay strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// A resolved value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(CompactString),
    Seq(Vec<NodeId>),
    Map(Vec<Entry>),
}

/// One resolved mapping entry. `key` is the stringified key (YAMLToJSON: `yes:` is `"true"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: CompactString,
    /// Where the key was written (inside the anchored mapping for a merged entry).
    pub key_span: Span,
    pub value: NodeId,
}

/// One node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    /// Where the node was written (for an anchored node: from `&name`).
    pub span: Span,
    /// Scalar style (`None` for collections).
    pub style: Option<ScalarStyle>,
}

/// One document of a stream.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub nodes: Vec<Node>,
    /// `None` for an empty document (`---` followed by nothing, or only comments).
    pub root: Option<NodeId>,
    /// The whole document, from its first to its last byte.
    pub span: Span,
}

impl Document {
    /// The root node, if the document is not empty.
    #[must_use]
    pub fn root(&self) -> Option<NodeRef<'_>> {
        self.root.map(|id| NodeRef { doc: self, id })
    }

    /// A node by id. Ids come from this document, so they are always in range; an id from another
    /// document yields the first node rather than a panic.
    #[must_use]
    pub fn node(&self, id: NodeId) -> NodeRef<'_> {
        NodeRef { doc: self, id }
    }

    fn get(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.0 as usize)
    }

    /// A copy of the object at `root` that holds only what `paths` reach: the mappings along each
    /// path, with only the entries on a path, and the whole value at each path's end. Every copied
    /// node keeps its span, and aliases stay shared. A rule that reads only these paths sees the
    /// same values; lookups of anything else find nothing. The copy's root is the object.
    #[must_use]
    pub fn prune(&self, root: NodeId, paths: &[&[&str]]) -> Document {
        let mut out = Document { nodes: Vec::new(), root: None, span: self.span };
        let mut copied = foldhash::HashMap::default();
        let id = self.prune_into(root, paths, &mut out.nodes, &mut copied);
        out.root = Some(id);
        // A pruned document is kept to the end of a run: no room to grow.
        out.nodes.shrink_to_fit();
        out
    }

    fn prune_into(
        &self,
        id: NodeId,
        paths: &[&[&str]],
        out: &mut Vec<Node>,
        copied: &mut foldhash::HashMap<NodeId, NodeId>,
    ) -> NodeId {
        if paths.iter().any(|p| p.is_empty()) {
            return self.copy_subtree(id, out, copied);
        }
        let Some(node) = self.get(id) else { return self.copy_subtree(id, out, copied) };
        let value = match &node.value {
            Value::Map(entries) => Value::Map({
                let mut kept: Vec<Entry> = entries
                    .iter()
                    .filter_map(|e| {
                        let rest: Vec<&[&str]> = paths
                            .iter()
                            .filter(|p| p.first() == Some(&&*e.key))
                            .map(|p| &p[1..])
                            .collect();
                        (!rest.is_empty()).then(|| Entry {
                            key: e.key.clone(),
                            key_span: e.key_span,
                            value: self.prune_into(e.value, &rest, out, copied),
                        })
                    })
                    .collect();
                kept.shrink_to_fit();
                kept
            }),
            // No path goes through a sequence item: keep the shape, not the items.
            Value::Seq(_) => Value::Seq(Vec::new()),
            scalar => scalar.clone(),
        };
        push(out, Node { value, span: node.span, style: node.style })
    }

    /// Copies the subtree at `from` (iteratively, each node once: aliases stay shared).
    fn copy_subtree(
        &self,
        from: NodeId,
        out: &mut Vec<Node>,
        copied: &mut foldhash::HashMap<NodeId, NodeId>,
    ) -> NodeId {
        if let Some(&id) = copied.get(&from) {
            return id;
        }
        // Number the nodes not yet copied, then copy them with their children renumbered.
        let mut order = Vec::new();
        let mut stack = vec![from];
        while let Some(id) = stack.pop() {
            if copied.contains_key(&id) {
                continue;
            }
            copied.insert(id, NodeId(u32::try_from(out.len() + order.len()).unwrap_or(u32::MAX)));
            order.push(id);
            match self.get(id).map(|n| &n.value) {
                Some(Value::Seq(items)) => stack.extend(items.iter().rev()),
                Some(Value::Map(entries)) => stack.extend(entries.iter().rev().map(|e| e.value)),
                _ => {}
            }
        }
        let renumber = |id: &NodeId| copied.get(id).copied().unwrap_or(NodeId(u32::MAX));
        for id in order {
            let node = self.get(id).unwrap_or(&NULL_NODE);
            let value = match &node.value {
                Value::Seq(items) => Value::Seq(items.iter().map(renumber).collect()),
                Value::Map(entries) => Value::Map(
                    entries
                        .iter()
                        .map(|e| Entry {
                            key: e.key.clone(),
                            key_span: e.key_span,
                            value: renumber(&e.value),
                        })
                        .collect(),
                ),
                scalar => scalar.clone(),
            };
            out.push(Node { value, span: node.span, style: node.style });
        }
        renumber(&from)
    }
}

fn push(nodes: &mut Vec<Node>, node: Node) -> NodeId {
    nodes.push(node);
    NodeId(u32::try_from(nodes.len() - 1).unwrap_or(u32::MAX))
}

/// A borrowed view of one node.
#[derive(Debug, Clone, Copy)]
pub struct NodeRef<'a> {
    pub doc: &'a Document,
    pub id: NodeId,
}

static NULL_NODE: Node = Node { value: Value::Null, span: Span { start: 0, end: 0 }, style: None };

impl<'a> NodeRef<'a> {
    fn node(self) -> &'a Node {
        self.doc.get(self.id).unwrap_or(&NULL_NODE)
    }

    /// The resolved value.
    #[must_use]
    pub fn value(self) -> &'a Value {
        &self.node().value
    }

    /// Where the node was written.
    #[must_use]
    pub fn span(self) -> Span {
        self.node().span
    }

    /// Scalar style, `None` for collections.
    #[must_use]
    pub fn style(self) -> Option<ScalarStyle> {
        self.node().style
    }

    /// The string value, if this is a string scalar.
    #[must_use]
    pub fn as_str(self) -> Option<&'a str> {
        match self.value() {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean value, if this is a boolean scalar (`true`, `yes`, `on`, … as go-yaml v2 reads them).
    #[must_use]
    pub fn as_bool(self) -> Option<bool> {
        match self.value() {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The integer value; an integral float (`1.0`, `1e3`) counts, as JSON re-encoding makes it one.
    #[must_use]
    pub fn as_i64(self) -> Option<i64> {
        match self.value() {
            Value::Int(i) => Some(*i),
            #[expect(clippy::cast_possible_truncation, reason = "checked integral and in range")]
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(*f as i64),
            _ => None,
        }
    }

    /// True for a null scalar (`~`, `null`, empty).
    #[must_use]
    pub fn is_null(self) -> bool {
        matches!(self.value(), Value::Null)
    }

    /// The mapping entries (empty for a non-mapping).
    #[must_use]
    pub fn entries(self) -> &'a [Entry] {
        match self.value() {
            Value::Map(e) => e,
            _ => &[],
        }
    }

    /// The sequence items (empty iterator for a non-sequence).
    pub fn items(self) -> impl Iterator<Item = NodeRef<'a>> + 'a {
        let doc = self.doc;
        let ids: &'a [NodeId] = match self.value() {
            Value::Seq(items) => items,
            _ => &[],
        };
        ids.iter().map(move |&id| NodeRef { doc, id })
    }

    /// True for a mapping.
    #[must_use]
    pub fn is_map(self) -> bool {
        matches!(self.value(), Value::Map(_))
    }

    /// True for a sequence.
    #[must_use]
    pub fn is_seq(self) -> bool {
        matches!(self.value(), Value::Seq(_))
    }

    /// The entry for `key` in a mapping.
    #[must_use]
    pub fn entry(self, key: &str) -> Option<&'a Entry> {
        self.entries().iter().rev().find(|e| &*e.key == key)
    }

    /// The value for `key` in a mapping.
    #[must_use]
    pub fn get(self, key: &str) -> Option<NodeRef<'a>> {
        self.entry(key).map(|e| NodeRef { doc: self.doc, id: e.value })
    }

    /// The `index`-th item of a sequence.
    #[must_use]
    pub fn at(self, index: usize) -> Option<NodeRef<'a>> {
        match self.value() {
            Value::Seq(items) => items.get(index).map(|&id| NodeRef { doc: self.doc, id }),
            _ => None,
        }
    }

    /// Follows a path of keys and indexes.
    #[must_use]
    pub fn lookup(self, path: &FieldPath) -> Option<NodeRef<'a>> {
        path.segments().iter().try_fold(self, |n, seg| match seg {
            Segment::Key(k) => n.get(k),
            Segment::Index(i) => n.at(*i),
        })
    }

    /// The span to point at for `path`: the value's span when the whole path exists; otherwise
    /// the key of the deepest entry that exists (a missing field is reported where its parent is
    /// written). The bool says whether the full path exists.
    #[must_use]
    pub fn locate(self, path: &FieldPath) -> (Span, bool) {
        let mut cur = self;
        // The span that stands for `cur`: its key when reached through a mapping entry.
        let mut anchor = first_line(self);
        for seg in path.segments() {
            let next = match seg {
                Segment::Key(k) => {
                    cur.entry(k).map(|e| (NodeRef { doc: cur.doc, id: e.value }, e.key_span))
                }
                Segment::Index(i) => cur.at(*i).map(|n| (n, first_line(n))),
            };
            match next {
                Some((n, key_span)) => {
                    cur = n;
                    anchor = key_span;
                }
                None => return (anchor, false),
            }
        }
        let span = if cur.is_map() || cur.is_seq() { anchor } else { cur.span() };
        (span, true)
    }
}

/// For a collection, a span short enough to underline: its first key (or first item) rather than
/// the whole block. Scalars keep their own span.
fn first_line(n: NodeRef<'_>) -> Span {
    match n.value() {
        Value::Map(entries) => {
            entries.iter().min_by_key(|e| e.key_span.start).map_or(n.span(), |e| e.key_span)
        }
        Value::Seq(items) => {
            items.first().map_or(n.span(), |&id| first_line(NodeRef { doc: n.doc, id }))
        }
        _ => n.span(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Limits, yaml};

    const SERVICE: &str = "\
apiVersion: v1
kind: Service
metadata: {name: web, labels: &l {app: web, tier: front}}
spec:
  type: ClusterIP
  selector: *l
  ports: [{port: 80}]
";

    #[test]
    fn prune_keeps_the_paths_with_their_spans_and_nothing_else() {
        let parsed = yaml::parse(SERVICE, &Limits::default());
        let doc = parsed.documents.first().expect("one document");
        let root = doc.root().expect("root");
        let pruned = doc.prune(root.id, &[&["spec", "selector"], &["spec", "type"]]);
        let proot = pruned.root().expect("pruned root");

        let path = FieldPath::root().key("spec").key("selector");
        let (a, b) = (root.lookup(&path).expect("selector"), proot.lookup(&path).expect("kept"));
        assert_eq!(a.span(), b.span());
        let pairs = |n: NodeRef<'_>| -> Vec<(String, Option<String>, Span, Span)> {
            n.entries()
                .iter()
                .map(|e| {
                    let v = n.doc.node(e.value);
                    (e.key.to_string(), v.as_str().map(str::to_owned), e.key_span, v.span())
                })
                .collect()
        };
        assert_eq!(pairs(a), pairs(b));
        assert_eq!(pairs(b).len(), 2);
        let ty = |r: NodeRef<'_>| {
            r.get("spec")
                .and_then(|s| s.get("type"))
                .map(|t| (t.as_str().map(str::to_owned), t.span()))
        };
        assert_eq!(ty(root), ty(proot));
        let spec = proot.get("spec").expect("spec");
        assert_eq!(spec.entries().len(), 2, "ports dropped");
        assert!(proot.get("metadata").is_none() && proot.get("kind").is_none());
        // 1 root + spec + type + the selector mapping and its two values.
        assert_eq!(pruned.nodes.len(), 6);
    }

    #[test]
    fn prune_shares_aliased_nodes_and_copies_each_once() {
        let text = "a: &x [1, 2, 3]\nb: {c: [*x, *x, *x, *x]}\n";
        let parsed = yaml::parse(text, &Limits::default());
        let doc = parsed.documents.first().expect("one document");
        let root = doc.root().expect("root").id;
        let pruned = doc.prune(root, &[&["b"]]);
        // root, b, c, the shared [1, 2, 3] and its three items.
        assert_eq!(pruned.nodes.len(), 7);
        let c = pruned.root().and_then(|r| r.get("b")).and_then(|b| b.get("c")).expect("c");
        let items: Vec<NodeId> = c.items().map(|i| i.id).collect();
        assert_eq!(items.len(), 4);
        assert!(items.iter().all(|&i| i == items[0]));
        let values: Vec<i64> = pruned.node(items[0]).items().filter_map(NodeRef::as_i64).collect();
        assert_eq!(values, [1, 2, 3]);
    }

    #[test]
    fn prune_of_a_missing_path_keeps_an_empty_mapping() {
        let text = "spec: [1]\nmetadata: {name: x}\n";
        let parsed = yaml::parse(text, &Limits::default());
        let doc = parsed.documents.first().expect("one document");
        let pruned = doc.prune(doc.root.expect("root"), &[&["spec", "selector"], &["status"]]);
        let r = pruned.root().expect("root");
        assert!(r.get("metadata").is_none());
        assert!(r.get("spec").is_some_and(|s| s.items().count() == 0));
        assert!(r.lookup(&FieldPath::root().key("spec").key("selector")).is_none());
    }
}
