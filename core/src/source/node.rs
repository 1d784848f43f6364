//! The spanned node tree of one YAML/JSON document.
//!
//! Nodes live in an arena (`Document::nodes`) and refer to each other by [`NodeId`]. An alias is
//! the *same* `NodeId` as its anchored node, so the tree is a DAG: memory stays linear in the
//! source, and an aliased value keeps the span where it was written. A mapping's entries are
//! already *resolved* as go-yaml v2 does (merge keys applied in document order, last duplicate
//! wins), so lookups need no further logic; duplicates are reported by the reader.

use crate::model::{FieldPath, Segment};

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
    Str(Box<str>),
    Seq(Vec<NodeId>),
    Map(Vec<Entry>),
}

/// One resolved mapping entry. `key` is the stringified key (YAMLToJSON: `yes:` is `"true"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Box<str>,
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
