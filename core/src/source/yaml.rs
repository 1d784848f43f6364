//! YAML (and JSON, which is YAML flow) to spanned documents, read as kubectl reads them.
//!
//! # Why this pipeline
//!
//! **saphyr-parser events → our own spanned arena → go-yaml v2 resolver → serde `Deserializer`
//! into k8s-openapi.** The API server and kubectl read YAML through sigs.k8s.io/yaml, which is
//! go-yaml v2 (YAML 1.1 scalars, order-dependent `<<` merges, last duplicate wins) followed by
//! JSON. A linter that reads YAML any other way can be bypassed (`privileged: yes` is true for
//! the cluster). No Rust crate reads it that way:
//! - serde_yaml is archived and YAML 1.2 (`yes` and `0777` are strings), gives no spans beyond an
//!   error location, and rejects a whole document on a duplicate key;
//! - libyaml-safer panics on common input (a block scalar at end of file);
//! - serde-saphyr resolves `yEs` as true (case-insensitive) and `0777` as 777, unlike go-yaml v2.
//!
//! saphyr-parser is pure safe Rust with a span on every event and did not panic on 200k mutated
//! manifests, so we take its events and do the rest ourselves: a tree built iteratively (no
//! recursion, so no stack overflow on hostile nesting), scalars resolved by a port of go-yaml
//! v2's `resolve.go` ([`super::scalar`]), merges applied in go-yaml's order, and limits on depth
//! and alias expansion. See `ECOSYSTEM.md` §1 for the measurements behind this choice.
//!
//! # Semantics (go-yaml v2 `decode.go`)
//! - A mapping's entries apply in document order into one map. A `<<` key (plain, or tagged
//!   `!!merge`) applies the entries of its mapping (or alias) at that point, so keys written
//!   before it are overwritten and keys after it win; for a sequence of mappings, the sequence
//!   is applied from last to first (earlier sources win).
//! - Two explicit keys with the same string in one mapping: a `DuplicateKey` issue on the later
//!   one, and the last value is kept. Merged keys overriding each other are not duplicates.
//! - Keys are stringified as `YAMLToJSON` does (`yes:` is `"true"`); null, mapping and sequence
//!   keys are `UnsupportedKey` issues and the entry is dropped.
//! - An alias is the same node as its anchor. Each document's alias-expanded size is charged:
//!   past `max(10 × source nodes, Limits::max_alias_expansion)` the document is dropped with an
//!   `AliasLimit` issue; nesting deeper than `Limits::max_depth` drops it with `DepthLimit`.
//! - The first syntax error stops the stream; documents completed before it are kept.
//! - Only non-empty documents are returned: a document with nothing but comments (or only
//!   `---`) is not a document for the caller, as in the corpus counts.
//! - saphyr-parser gaps against libyaml (ECOSYSTEM §1.3): a tab right after `:` (`a:\tb`) is
//!   accepted by re-parsing with that tab read as a space (same length, spans unchanged);
//!   U+0085/U+2028/U+2029 outside quoted scalars are reported (`UnicodeLineBreak`), since
//!   YAML 1.1 reads a line break there and YAML 1.2 does not.
//! - A text containing `{{` that fails to parse (or has a non-scalar key, as `{{ x }}` in a
//!   flow context reads) is reported once as a Helm template and yields no document.
//!
//! # Streaming
//! [`parse_each`] hands each document to its caller as soon as it is complete, so that a
//! caller that is done with a document before the next (the linter) holds one document's tree
//! at a time, not a whole file's: a 9 MB `helm template` output is ten thousand documents. The
//! documents and issues are the same as [`parse`]'s.
//! - The documents of a text containing `{{` wait for its end: a syntax error anywhere makes it
//!   a Helm template, with no document.
//! - A saphyr workaround parses the text again from its start, but changes it only inside the
//!   document being read: the documents before it read the same again, and are not handed
//!   over twice.

use compact_str::CompactString;
use foldhash::HashMap;
use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle as SaphyrStyle, ScanError, Tag};

use super::line_index::LineIndex;
use super::scalar::{key_string, resolve_scalar, short_tag};
use super::{
    Document, Entry, IssueKind, Limits, Node, NodeId, ScalarStyle, SourceIssue, Span, Value,
};

/// The documents of one file, and what went wrong reading it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    /// The non-empty documents, in stream order.
    pub documents: Vec<Document>,
    /// Issues, in order of position.
    pub issues: Vec<SourceIssue>,
}

/// How many saphyr-parser workarounds (each a re-parse) one file may need at most.
const MAX_FIXES: usize = 64;
/// Bytes the workarounds may re-parse in total (fewer fixes for bigger files).
const REPARSE_BUDGET: usize = 128 << 20;
/// Maps with more entries than this get a hash index while they are built.
const INDEX_THRESHOLD: usize = 16;
const TAB_AFTER_COLON: &str = "':' must be followed by a valid YAML whitespace";
const RECURSION_LIMIT: &str = "recursion limit exceeded";
/// saphyr-parser's own limit on flow nesting (it reports `RECURSION_LIMIT` past it).
const SAPHYR_FLOW_DEPTH: usize = 256;
const INDENT_IN_FLOW: [&str; 2] = ["invalid indentation", "invalid indentation in flow construct"];
const INDENT_IN_QUOTED: &str = "invalid indentation in quoted scalar";

/// A way around a saphyr-parser strictness that libyaml does not have; the text is fixed and
/// parsed again.
enum Fix {
    /// `a:\tb`: read the tab after `:` as a space (same length, spans unchanged).
    TabToSpace(usize),
    /// Continuation lines of a flow collection or a quoted scalar indented at or left of their
    /// parent key: insert `n` spaces at each line start `at` (leading whitespace there carries no
    /// meaning; spans are mapped back afterwards).
    Indent(Vec<(usize, usize)>),
}

/// Spaces inserted into the parsed copy of the text: `(offset in the copy, count)`, sorted.
#[derive(Default)]
struct Inserted {
    runs: Vec<(usize, usize)>,
    /// Spaces inserted before each run (sums of the counts of the runs before it).
    before: Vec<usize>,
}

impl Inserted {
    fn total(&self) -> usize {
        self.runs.iter().map(|r| r.1).sum()
    }

    fn insert(&mut self, work: &mut String, at: usize, n: usize) {
        work.insert_str(at, &" ".repeat(n));
        for run in &mut self.runs {
            if run.0 >= at {
                run.0 += n;
            }
        }
        let k = self.runs.partition_point(|r| r.0 < at);
        self.runs.insert(k, (at, n));
        let mut total = 0;
        self.before.clear();
        for &(_, n) in &self.runs {
            self.before.push(total);
            total += n;
        }
    }

    /// Maps an offset in the parsed copy back to the original text.
    fn map(&self, w: u32) -> u32 {
        let w = w as usize;
        let k = self.runs.partition_point(|r| r.0 < w);
        // Spaces inserted before `w`: every earlier run, and the part of the last one before it.
        let shift = match k.checked_sub(1) {
            Some(last) => self.before[last] + self.runs[last].1.min(w - self.runs[last].0),
            None => 0,
        };
        u32_of(w - shift)
    }

    fn map_span(&self, s: &mut Span) {
        *s = Span { start: self.map(s.start), end: self.map(s.end) };
    }

    /// Maps the spans of what a run produced, but its documents, back to the original text.
    fn map_back(&self, issues: &mut [SourceIssue], quoted: &mut [Span]) {
        for issue in issues {
            self.map_span(&mut issue.span);
            if let Some((s, _)) = &mut issue.related {
                self.map_span(s);
            }
        }
        quoted.iter_mut().for_each(|s| self.map_span(s));
    }
}

/// Calls `f` on every span of `documents`: each document's, node's and mapping key's.
fn document_spans(documents: &mut [Document], mut f: impl FnMut(&mut Span)) {
    for doc in documents {
        f(&mut doc.span);
        for node in &mut doc.nodes {
            f(&mut node.span);
            if let Value::Map(entries) = &mut node.value {
                entries.iter_mut().for_each(|e| f(&mut e.key_span));
            }
        }
    }
}

/// Parses one document of a stream (given its [`Document::span`]) on its own, with every span
/// indexing `text`: the text from the line holding `span.start` up to the next document marker
/// (`---` or `...` at a line start) after `span.end`, which also holds the trailing line breaks
/// a block scalar at the end keeps. `None` when that part alone has a syntax error, or when
/// `span` is not inside `text`: a document can depend on what precedes it (a `%TAG`
/// directive), so the caller parses the whole text then.
#[must_use]
pub fn parse_part(text: &str, span: Span, limits: &Limits) -> Option<Vec<Document>> {
    let head = text.get(..span.start as usize)?;
    let start = head.rfind('\n').map_or(0, |n| n + 1);
    let tail = text.get(span.end as usize..)?;
    let end = span.end as usize + document_marker(tail).unwrap_or(tail.len());
    let Parsed { mut documents, issues } = parse(text.get(start..end)?, limits);
    if issues.iter().any(|i| {
        matches!(i.kind, IssueKind::Syntax | IssueKind::UnsupportedKey | IssueKind::HelmTemplate)
    }) {
        return None;
    }
    let by = u32_of(start);
    document_spans(&mut documents, |s| {
        *s = Span { start: s.start.saturating_add(by), end: s.end.saturating_add(by) }
    });
    Some(documents)
}

/// The offset of the first line of `text` after its first line break that starts with a
/// document marker (`---` or `...` followed by a blank or the end).
fn document_marker(text: &str) -> Option<usize> {
    text.match_indices('\n').map(|(i, _)| i + 1).find(|&at| {
        let line = text.as_bytes().get(at..).unwrap_or_default();
        (line.starts_with(b"---") || line.starts_with(b"..."))
            && line.get(3).is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
    })
}

/// Parses a YAML or JSON text (see the module docs for the semantics). `text` is the whole file
/// as decoded by [`super::decode`], BOM included; every span indexes it.
#[must_use]
pub fn parse(text: &str, limits: &Limits) -> Parsed {
    let mut documents = Vec::new();
    let issues = parse_each(text, limits, &mut |doc| documents.push(doc));
    Parsed { documents, issues }
}

/// [`parse`], handing each document to `each` as soon as it is read (see the module docs), in
/// stream order; returns the issues, in order of position.
pub fn parse_each(text: &str, limits: &Limits, each: &mut dyn FnMut(Document)) -> Vec<SourceIssue> {
    // Most manifests are ASCII: then saphyr's char indexes are byte offsets and no Unicode line
    // break can occur, so neither the char index nor the scan below is needed.
    let breaks: Vec<(usize, char)> = if text.is_ascii() {
        Vec::new()
    } else {
        text.match_indices(['\u{85}', '\u{2028}', '\u{2029}'])
            .filter_map(|(i, s)| s.chars().next().map(|c| (i, c)))
            .collect()
    };
    // Each workaround re-parses the text: bound the total work on hostile input.
    let max_fixes = (REPARSE_BUDGET / text.len().max(1)).clamp(1, MAX_FIXES);
    let mut work = Cow::Borrowed(text);
    let mut index = CharIndex::new(text);
    let mut inserted = Inserted::default();
    let mut fixes = 0;
    // A syntax error anywhere in a text with `{{` makes it a Helm template without documents:
    // its documents wait for the end.
    let stream = memchr::memmem::find(text.as_bytes(), b"{{").is_none();
    // Documents handed over by earlier runs (a restarted run skips them).
    let mut handed = 0;
    let run = loop {
        let mut builder = Builder::new(&work, &index, limits, !breaks.is_empty());
        builder.stream = stream.then_some(Stream { each: &mut *each, skip: handed, seen: 0 });
        builder.inserted = &inserted;
        let mut run = builder.run();
        handed = handed.max(run.handed);
        match run.fix.take() {
            Some(Fix::TabToSpace(pos)) if fixes < max_fixes => {
                work.to_mut().replace_range(pos..pos + 1, " ")
            }
            // The inserted whitespace may at most double the text.
            Some(Fix::Indent(mut lines))
                if fixes < max_fixes
                    && inserted.total() + lines.iter().map(|l| l.1).sum::<usize>()
                        <= text.len() =>
            {
                lines.sort_unstable();
                for &(at, n) in lines.iter().rev() {
                    inserted.insert(work.to_mut(), at, n);
                }
                index = CharIndex::new(&work);
            }
            _ => break run,
        }
        fixes += 1;
    };
    let Run { documents, mut issues, mut quoted, fix: _, handed: _ } = run;
    if !inserted.runs.is_empty() {
        inserted.map_back(&mut issues, &mut quoted);
    }

    if !breaks.is_empty() {
        let mut first = None;
        for (pos, ch) in breaks {
            let inside = quoted
                .partition_point(|s| (s.start as usize) <= pos)
                .checked_sub(1)
                .and_then(|k| quoted.get(k));
            if inside.is_some_and(|s| pos < s.end as usize) {
                continue;
            }
            first.get_or_insert(pos);
            let name = match ch {
                '\u{85}' => "next line U+0085",
                '\u{2028}' => "line separator U+2028",
                _ => "paragraph separator U+2029",
            };
            issues.push(SourceIssue::new(
                IssueKind::UnicodeLineBreak,
                Span::new(pos, pos + ch.len_utf8()),
                format!("{name} outside quotes: kubectl (YAML 1.1) reads a line break here; use a real newline or quote the value"),
            ));
        }
        // A syntax error after such a character is most likely its consequence.
        if let Some(first) = first {
            issues.retain(|i| !(i.kind == IssueKind::Syntax && i.span.start as usize >= first));
        }
    }

    if issues.iter().any(|i| matches!(i.kind, IssueKind::Syntax | IssueKind::UnsupportedKey))
        && let Some(at) = text.find("{{")
    {
        return vec![SourceIssue::new(
            IssueKind::HelmTemplate,
            Span::new(at, at + 2),
            "this looks like a Helm template; render it first: helm template <chart> | kubeward lint -",
        )];
    }
    // Kept for the end when not streamed.
    documents.into_iter().for_each(each);
    issues.sort_by_key(|i| i.span.start);
    issues
}

/// saphyr's char indexes to byte offsets: the identity for ASCII text, a [`LineIndex`] otherwise.
enum CharIndex {
    Ascii(usize),
    Wide(LineIndex),
}

impl CharIndex {
    fn new(text: &str) -> Self {
        if text.is_ascii() { Self::Ascii(text.len()) } else { Self::Wide(LineIndex::new(text)) }
    }

    fn char_to_byte(&self, char_index: usize) -> usize {
        match self {
            Self::Ascii(len) => char_index.min(*len),
            Self::Wide(index) => index.char_to_byte(char_index),
        }
    }
}

/// The result of one pass over the events.
struct Run {
    documents: Vec<Document>,
    issues: Vec<SourceIssue>,
    /// Spans of quoted scalars (only collected when the text has Unicode line breaks).
    quoted: Vec<Span>,
    /// A saphyr-parser error that a fixed text avoids.
    fix: Option<Fix>,
    /// Documents handed over so far, by this run and the ones before it.
    handed: usize,
}

/// Where a run hands its documents as they are read.
struct Stream<'e> {
    each: &'e mut dyn FnMut(Document),
    /// Documents an earlier run handed over already (they read the same again).
    skip: usize,
    /// Documents this run has read.
    seen: usize,
}

/// A key waiting for its value.
enum Pending {
    Key {
        key: CompactString,
        span: Span,
    },
    Merge {
        span: Span,
    },
    /// An unsupported key (already reported): its value is dropped.
    Drop,
}

/// Per-entry bookkeeping while a mapping is built.
struct EntryMeta {
    /// Where the key was first written explicitly in this mapping (not merged).
    first_explicit: Option<Span>,
}

/// The children of the open collections, on one stack per kind: a collection's children are
/// the top of the stack from its `base`, moved into an exact-size `Vec` when it closes (one
/// allocation per collection rather than a growing `Vec` each). Kept across documents.
#[derive(Default)]
struct Scratch {
    entries: Vec<Entry>,
    meta: Vec<EntryMeta>,
    items: Vec<NodeId>,
    /// Nodes in the previous document.
    last_nodes: usize,
}

struct MapFrame {
    /// Where this mapping's entries (and their meta) start in [`Scratch`].
    base: usize,
    /// Key → index in [`Scratch::entries`], for big mappings.
    index: Option<HashMap<CompactString, usize>>,
    pending: Option<Pending>,
}

enum Body {
    /// Where this sequence's items start in [`Scratch::items`].
    Seq(usize),
    Map(MapFrame),
}

/// An open collection.
struct Frame {
    id: NodeId,
    /// A flow collection (`[…]`, `{…}`).
    flow: bool,
    start: u32,
    /// End of the last child written, for block collections (whose end event has no extent).
    last_end: u32,
    /// Expanded size so far: 1 for the collection, plus its keys and (expanded) values.
    size: u64,
    body: Body,
}

/// The document being built.
#[derive(Default)]
struct DocState {
    nodes: Vec<Node>,
    /// Expanded size of each node; 0 while the node is still open.
    sizes: Vec<u64>,
    anchors: HashMap<usize, NodeId>,
    stack: Vec<Frame>,
    root: Option<NodeId>,
    /// The root is the empty plain scalar saphyr emits for a document without content.
    root_empty: bool,
    source_nodes: u64,
    expanded: u64,
    /// The alias with the largest expansion, where an `AliasLimit` is reported.
    worst_alias: Option<(u64, Span)>,
    /// A limit or a fatal error dropped this document: ignore events until it ends.
    dropped: bool,
    depth_reported: bool,
}

struct Builder<'t, 'e> {
    text: &'t str,
    /// Without a stream, documents are kept in `documents` for the end.
    stream: Option<Stream<'e>>,
    /// Spaces the workarounds inserted: a document is mapped back before it is handed over.
    inserted: &'t Inserted,
    index: &'t CharIndex,
    limits: &'t Limits,
    track_quoted: bool,
    documents: Vec<Document>,
    issues: Vec<SourceIssue>,
    quoted: Vec<Span>,
    fix: Option<Fix>,
    doc: DocState,
    scratch: Scratch,
    /// Byte end of the previous event (where to look for a block scalar's indicator).
    last_end: u32,
}

fn u32_of(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// No spaces inserted.
static NOTHING_INSERTED: Inserted = Inserted { runs: Vec::new(), before: Vec::new() };

impl<'t, 'e> Builder<'t, 'e> {
    fn new(text: &'t str, index: &'t CharIndex, limits: &'t Limits, track_quoted: bool) -> Self {
        Self {
            text,
            stream: None,
            inserted: &NOTHING_INSERTED,
            index,
            limits,
            track_quoted,
            documents: Vec::new(),
            issues: Vec::new(),
            quoted: Vec::new(),
            fix: None,
            doc: DocState::default(),
            scratch: Scratch::default(),
            last_end: 0,
        }
    }

    fn run(mut self) -> Run {
        let mut parser = Parser::new_from_str(self.text);
        // After an error, saphyr-parser returns the same error forever: stop at the first.
        while let Some(next) = parser.next_event() {
            match next {
                Ok((event, span)) => {
                    let start = self.index.char_to_byte(span.start.index());
                    let end = self.index.char_to_byte(span.end.index());
                    self.event(event, Span::new(start, end));
                    self.last_end = u32_of(end);
                }
                Err(e) => {
                    self.error(&e);
                    break;
                }
            }
        }
        let handed = self.stream.as_ref().map_or(0, |s| s.seen.max(s.skip));
        Run {
            documents: self.documents,
            issues: self.issues,
            quoted: self.quoted,
            fix: self.fix,
            handed,
        }
    }

    /// A span covering the one char at `byte` (empty at the end of the text).
    fn char_span(&self, byte: usize) -> Span {
        let len = self.text.get(byte..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8);
        Span::new(byte, byte + len)
    }

    fn issue(&mut self, kind: IssueKind, span: Span, message: impl Into<String>) {
        self.issues.push(SourceIssue::new(kind, span, message));
    }

    fn error(&mut self, e: &ScanError) {
        let at = self.index.char_to_byte(e.marker().index());
        let info = e.info();
        // When a fix applies, this run is discarded and the fixed text parsed again; the issue
        // below stays only if no more fixes are allowed.
        self.fix = if info == TAB_AFTER_COLON {
            self.tab_after_colon_at(at).map(Fix::TabToSpace)
        } else if INDENT_IN_FLOW.contains(&info) {
            self.indent_in_flow(at).map(Fix::Indent)
        } else if info == INDENT_IN_QUOTED {
            self.indent_in_quoted(at).map(Fix::Indent)
        } else {
            None
        };
        if info == RECURSION_LIMIT {
            if !self.doc.depth_reported {
                let span = self.char_span(at);
                let depth = self.limits.max_depth.min(SAPHYR_FLOW_DEPTH);
                self.issue(
                    IssueKind::DepthLimit,
                    span,
                    format!("nesting deeper than {depth} levels"),
                );
            }
            return;
        }
        let span = self.char_span(at);
        self.issue(IssueKind::Syntax, span, info.trim_end_matches('.').to_owned());
    }

    /// The first tab after a `:` that ends just before `at` (saphyr's error position).
    fn tab_after_colon_at(&self, at: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let mut p = at.min(b.len());
        while p > 0 && matches!(b[p - 1], b'\t' | b' ') {
            p -= 1;
        }
        (p > 0 && b[p - 1] == b':' && b.get(p) == Some(&b'\t')).then_some(p)
    }

    /// Leading spaces of the line holding `at`: (line start, count).
    fn line_indent(&self, at: usize) -> (usize, usize) {
        let b = self.text.as_bytes();
        let start = b[..at.min(b.len())]
            .iter()
            .rposition(|&c| c == b'\n' || c == b'\r')
            .map_or(0, |p| p + 1);
        (start, b[start..].iter().take_while(|&&c| c == b' ').count())
    }

    /// A token inside a flow collection sits left of where saphyr wants it (libyaml does not
    /// check indentation in flow context): indent its line to the column of the outermost open
    /// flow collection. Only when a flow collection is open, so block structure never changes.
    fn indent_in_flow(&self, at: usize) -> Option<Vec<(usize, usize)>> {
        let flow = self.doc.stack.iter().find(|f| f.flow)?;
        let (flow_line, _) = self.line_indent(flow.start as usize);
        let target = self.text.get(flow_line..flow.start as usize)?.chars().count() + 1;
        let (line, spaces) = self.line_indent(at);
        // Only the leading spaces before the offending token.
        if line + spaces != at || spaces >= target {
            return None;
        }
        Some(vec![(line, target - spaces)])
    }

    /// A quoted scalar's continuation lines sit left of where saphyr wants them (libyaml does not
    /// check): indent each such line to the column after the opening quote. `at` is the quote.
    fn indent_in_quoted(&self, at: usize) -> Option<Vec<(usize, usize)>> {
        let b = self.text.as_bytes();
        let quote = *b.get(at).filter(|&&q| q == b'\'' || q == b'"')?;
        let (line, _) = self.line_indent(at);
        let target = self.text.get(line..at)?.chars().count() + 1;
        let mut lines = Vec::new();
        let mut i = at + 1;
        while let Some(&c) = b.get(i) {
            match c {
                b'\'' if quote == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 1,
                b'\\' if quote == b'"' => i += 1,
                c if c == quote => break,
                b'\n' => {
                    let start = i + 1;
                    let spaces = b[start..].iter().take_while(|&&c| c == b' ').count();
                    let blank = b[start + spaces..]
                        .iter()
                        .take_while(|&&c| c == b' ' || c == b'\t' || c == b'\r')
                        .count();
                    let rest = b.get(start + spaces + blank);
                    if spaces < target && rest.is_some_and(|&c| c != b'\n') {
                        lines.push((start, target - spaces));
                    }
                }
                _ => {}
            }
            i += 1;
        }
        (!lines.is_empty()).then_some(lines)
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        match event {
            Event::DocumentStart(_) => {
                // Keep the buffers of the previous document; size the node arena like it
                // (documents of one file tend to look alike).
                let old = std::mem::take(&mut self.doc);
                let (mut sizes, mut stack) = (old.sizes, old.stack);
                sizes.clear();
                stack.clear();
                let nodes = Vec::with_capacity(self.scratch.last_nodes);
                self.doc = DocState { nodes, sizes, stack, ..DocState::default() };
                // Children of collections left open by a dropped document.
                self.scratch.entries.clear();
                self.scratch.meta.clear();
                self.scratch.items.clear();
            }
            Event::DocumentEnd => self.end_document(),
            _ if self.doc.dropped => {}
            Event::Scalar(value, style, anchor, tag) => {
                self.scalar(value, style, anchor, tag.as_deref(), span)
            }
            Event::SequenceStart(anchor, _) => {
                let span = if span.is_empty() {
                    let start = self.block_sequence_start(span.start as usize);
                    Span::new(start, start)
                } else {
                    span
                };
                self.open(anchor, span, Body::Seq(self.scratch.items.len()));
            }
            Event::MappingStart(anchor, _) => self.open(
                anchor,
                span,
                Body::Map(MapFrame {
                    base: self.scratch.entries.len(),
                    index: None,
                    pending: None,
                }),
            ),
            Event::SequenceEnd | Event::MappingEnd => self.close(span),
            Event::Alias(anchor) => self.alias(anchor, span),
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
    }

    /// True when the next node completed is a mapping key.
    fn expecting_key(&self) -> bool {
        matches!(self.doc.stack.last(), Some(Frame { body: Body::Map(m), .. }) if m.pending.is_none())
    }

    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: SaphyrStyle,
        anchor: usize,
        tag: Option<&Tag>,
        span: Span,
    ) {
        self.doc.source_nodes += 1;
        self.doc.expanded = self.doc.expanded.saturating_add(1);
        let style = match style {
            SaphyrStyle::Plain => ScalarStyle::Plain,
            SaphyrStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            SaphyrStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            SaphyrStyle::Literal => ScalarStyle::Literal,
            SaphyrStyle::Folded => ScalarStyle::Folded,
        };
        let mut value = value;
        let span = match style {
            ScalarStyle::Literal | ScalarStyle::Folded => {
                let span = self.block_scalar_span(span);
                // libyaml adds no final line break when the file ends without one; saphyr does.
                let rest = self.text.as_bytes().get(span.end as usize..).unwrap_or_default();
                if !rest.iter().any(|&c| c == b'\n' || c == b'\r') && value.ends_with('\n') {
                    value.to_mut().pop();
                }
                span
            }
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                if self.track_quoted {
                    self.quoted.push(span);
                }
                span
            }
            ScalarStyle::Plain => span,
        };
        let plain = style == ScalarStyle::Plain;
        let tag: Option<String> = tag.map(|t| format!("{}{}", t.handle, t.suffix));
        // An empty plain scalar (an implicit null) has no extent; saphyr may give it the next token's.
        let span = if plain && value.is_empty() && tag.is_none() && anchor == 0 {
            Span { start: span.start, end: span.start }
        } else {
            span
        };
        let is_key = self.expecting_key();
        let empty = plain && tag.is_none() && anchor == 0 && value.is_empty();
        let merge = is_key
            && &*value == "<<"
            && match &tag {
                None => plain,
                Some(t) => short_tag(t) == "!!merge",
            };
        let resolved = resolve_scalar(value, plain, tag.as_deref());
        if let Some(error) = resolved.error {
            self.issue(IssueKind::Syntax, span, error);
        }

        if is_key && anchor == 0 {
            // A key needs no node of its own unless an alias may refer to it.
            let pending = if merge {
                Pending::Merge { span }
            } else {
                match key_string(resolved.value, resolved.big_int) {
                    Ok(key) => Pending::Key { key, span },
                    Err(what) => self.unsupported_key(span, what),
                }
            };
            if let Some(Frame { body: Body::Map(m), size, last_end, .. }) =
                self.doc.stack.last_mut()
            {
                m.pending = Some(pending);
                *size = size.saturating_add(1);
                *last_end = (*last_end).max(span.end);
            }
            return;
        }
        let id = self.push_node(Node { value: resolved.value, span, style: Some(style) }, 1);
        if anchor != 0 {
            self.doc.anchors.insert(anchor, id);
        }
        if merge {
            // An anchored `<<` key: still a merge.
            if let Some(Frame { body: Body::Map(m), size, last_end, .. }) =
                self.doc.stack.last_mut()
            {
                m.pending = Some(Pending::Merge { span });
                *size = size.saturating_add(1);
                *last_end = (*last_end).max(span.end);
            }
            return;
        }
        if self.doc.stack.is_empty() {
            self.doc.root_empty = empty;
        }
        self.attach(id, 1, span.end);
    }

    fn unsupported_key(&mut self, span: Span, what: &str) -> Pending {
        self.issue(
            IssueKind::UnsupportedKey,
            span,
            format!("mapping key is {what}; kubectl only accepts string, number and boolean keys (entry ignored)"),
        );
        Pending::Drop
    }

    fn push_node(&mut self, node: Node, size: u64) -> NodeId {
        let id = NodeId(u32_of(self.doc.nodes.len()));
        self.doc.nodes.push(node);
        self.doc.sizes.push(size);
        id
    }

    fn open(&mut self, anchor: usize, span: Span, body: Body) {
        if self.doc.stack.len() >= self.limits.max_depth {
            let at = self.char_span(span.start as usize);
            self.issue(
                IssueKind::DepthLimit,
                at,
                format!("nesting deeper than {} levels", self.limits.max_depth),
            );
            self.doc.depth_reported = true;
            self.doc.dropped = true;
            return;
        }
        self.doc.source_nodes += 1;
        self.doc.expanded = self.doc.expanded.saturating_add(1);
        let id = self.push_node(Node { value: Value::Null, span, style: None }, 0);
        if anchor != 0 {
            self.doc.anchors.insert(anchor, id);
        }
        // A flow collection's start span is its bracket, after any anchor or tag, and perhaps
        // followed by whitespace; a block one is empty or ends with its anchor or tag.
        let flow = self.text.get(span.range()).is_some_and(|s| s.trim_end().ends_with(['[', '{']));
        self.doc.stack.push(Frame {
            id,
            flow,
            start: span.start,
            last_end: span.end,
            size: 1,
            body,
        });
    }

    fn close(&mut self, span: Span) {
        let Some(frame) = self.doc.stack.pop() else { return };
        // A flow collection ends at its bracket; saphyr's end span may start at a trailing comma
        // and run over a comment, so look for the bracket from there.
        let end = match frame.flow.then(|| self.closing_bracket(span.start as usize)).flatten() {
            Some(bracket) => u32_of(bracket + 1),
            None => frame.last_end.max(frame.start),
        };
        let scratch = &mut self.scratch;
        let value = match frame.body {
            Body::Seq(base) => {
                Value::Seq(scratch.items.drain(base.min(scratch.items.len())..).collect())
            }
            Body::Map(m) => {
                scratch.meta.truncate(m.base);
                Value::Map(scratch.entries.drain(m.base.min(scratch.entries.len())..).collect())
            }
        };
        let idx = frame.id.0 as usize;
        if let Some(node) = self.doc.nodes.get_mut(idx) {
            node.value = value;
            node.span = Span { start: frame.start, end };
        }
        if let Some(size) = self.doc.sizes.get_mut(idx) {
            *size = frame.size.max(1);
        }
        self.attach(frame.id, frame.size.max(1), end);
    }

    /// The `]` or `}` at `from`, or after a trailing comma, whitespace and comments.
    fn closing_bracket(&self, from: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let mut i = from;
        let mut comma = false;
        while let Some(&c) = b.get(i) {
            match c {
                b']' | b'}' => return Some(i),
                b',' if !comma => comma = true,
                b' ' | b'\t' | b'\r' | b'\n' => {}
                b'#' => {
                    while b.get(i).is_some_and(|&c| c != b'\n') {
                        i += 1;
                    }
                    continue;
                }
                _ => return None,
            }
            i += 1;
        }
        None
    }

    /// saphyr starts an indentless block sequence (`key:\n- a`) at its first item: move the
    /// start back to the `-`.
    fn block_sequence_start(&self, start: usize) -> usize {
        let b = self.text.as_bytes();
        if b.get(start) == Some(&b'-') {
            return start;
        }
        let mut i = start;
        while i > 0 && b[i - 1] == b' ' {
            i -= 1;
        }
        let dash = i.checked_sub(1).filter(|&d| b[d] == b'-');
        match dash {
            Some(d) if d == 0 || matches!(b[d - 1], b' ' | b'\n' | b'\r') => d,
            _ => start,
        }
    }

    fn alias(&mut self, anchor: usize, span: Span) {
        self.doc.source_nodes += 1;
        let name = self.text.get(span.range()).unwrap_or("*");
        let Some(&target) = self.doc.anchors.get(&anchor) else {
            let msg = format!("alias {name} refers to an unknown anchor");
            self.issue(IssueKind::Syntax, span, msg);
            self.doc.dropped = true;
            return;
        };
        let size = self.doc.sizes.get(target.0 as usize).copied().unwrap_or(1);
        if size == 0 {
            let msg = format!("alias {name} is inside the node it refers to");
            self.issue(IssueKind::Syntax, span, msg);
            self.doc.dropped = true;
            return;
        }
        self.doc.expanded = self.doc.expanded.saturating_add(size);
        if self.doc.worst_alias.is_none_or(|(w, _)| size > w) {
            self.doc.worst_alias = Some((size, span));
        }
        // The final check compares with 10 × the document's source nodes; the rest of the text
        // holds at most 4 nodes per byte, so past this bound the final check fails anyway, and
        // stopping now bounds the work merges do on hostile input.
        let rest = (self.text.len() as u64).saturating_sub(u64::from(span.end));
        let bound = self
            .doc
            .source_nodes
            .saturating_add(rest.saturating_mul(4))
            .saturating_add(4)
            .saturating_mul(10)
            .max(self.limits.max_alias_expansion);
        if self.doc.expanded > bound {
            self.alias_limit(span, bound);
            return;
        }
        self.attach(target, size, span.end);
    }

    fn alias_limit(&mut self, span: Span, limit: u64) {
        self.issue(
            IssueKind::AliasLimit,
            span,
            format!("alias expansion exceeds {limit} nodes (billion laughs?)"),
        );
        self.doc.dropped = true;
    }

    /// Adds a completed node (`size` = its expanded size) to the open collection, or makes it
    /// the root.
    fn attach(&mut self, id: NodeId, size: u64, end: u32) {
        let DocState { stack, nodes, root, .. } = &mut self.doc;
        let scratch = &mut self.scratch;
        let Some(frame) = stack.last_mut() else {
            *root = Some(id);
            return;
        };
        frame.size = frame.size.saturating_add(size);
        frame.last_end = frame.last_end.max(end);
        let Body::Map(map) = &mut frame.body else {
            scratch.items.push(id);
            return;
        };
        match map.pending.take() {
            None => {
                // A collection or an alias as a key.
                let node = nodes.get(id.0 as usize);
                let span = node.map_or_else(Span::default, |n| n.span);
                let value = node.map_or(Value::Null, |n| match &n.value {
                    Value::Seq(_) => Value::Seq(Vec::new()),
                    Value::Map(_) => Value::Map(Vec::new()),
                    v => v.clone(),
                });
                let pending = match key_string(value, false) {
                    Ok(key) => Pending::Key { key, span },
                    Err(what) => {
                        self.issues.push(SourceIssue::new(
                            IssueKind::UnsupportedKey,
                            span,
                            format!("mapping key is {what}; kubectl only accepts string, number and boolean keys (entry ignored)"),
                        ));
                        Pending::Drop
                    }
                };
                map.pending = Some(pending);
            }
            Some(Pending::Key { key, span }) => {
                insert(map, scratch, key, span, id, true, &mut self.issues);
            }
            Some(Pending::Merge { span }) => merge(map, scratch, nodes, id, span, &mut self.issues),
            Some(Pending::Drop) => {}
        }
    }

    fn end_document(&mut self) {
        let mut doc = std::mem::take(&mut self.doc);
        // The next document reuses these.
        self.doc.sizes = std::mem::take(&mut doc.sizes);
        self.scratch.last_nodes = doc.nodes.len();
        if doc.dropped || !doc.stack.is_empty() || doc.root_empty {
            return;
        }
        let Some(root) = doc.root else { return };
        let limit = doc.source_nodes.saturating_mul(10).max(self.limits.max_alias_expansion);
        if doc.expanded > limit {
            let span = doc.worst_alias.map_or(Span::default(), |(_, s)| s);
            self.alias_limit(span, limit);
            return;
        }
        let span = doc.nodes.get(root.0 as usize).map_or(Span::default(), |n| n.span);
        let mut doc = Document { nodes: doc.nodes, root: Some(root), span };
        if !self.inserted.runs.is_empty() {
            document_spans(std::slice::from_mut(&mut doc), |s| self.inserted.map_span(s));
        }
        match &mut self.stream {
            Some(stream) => {
                stream.seen += 1;
                if stream.seen > stream.skip {
                    (stream.each)(doc);
                }
            }
            None => self.documents.push(doc),
        }
    }

    /// saphyr starts a block scalar at its content and ends it at the next token; we want
    /// `|`…last content line (or the anchor/tag before the indicator).
    fn block_scalar_span(&self, raw: Span) -> Span {
        let b = self.text.as_bytes();
        let mut start = raw.start as usize;
        if !matches!(b.get(start), Some(b'&' | b'!')) {
            let mut i = (self.last_end as usize).min(start);
            while i < start {
                match b[i] {
                    b'|' | b'>' => {
                        start = i;
                        break;
                    }
                    b' ' | b'\t' | b'\r' | b'\n' | b':' | b'-' | b'?' => i += 1,
                    b'#' => {
                        while i < start && b[i] != b'\n' {
                            i += 1;
                        }
                    }
                    _ => break,
                }
            }
        }
        let raw_end = (raw.end as usize).clamp(start, b.len());
        let line_end = |from: usize| {
            b[from..raw_end].iter().position(|&c| c == b'\n').map_or(raw_end, |p| from + p)
        };
        // The header line: indicator and its modifiers.
        let header_end = line_end(start);
        let mut last = start;
        if let Some(p) = b[start..header_end].iter().position(|&c| c == b'|' || c == b'>') {
            last = start + p + 1;
            while last < header_end && matches!(b[last], b'-' | b'+' | b'0'..=b'9') {
                last += 1;
            }
        }
        let mut indent = None;
        let mut line = header_end + 1;
        while line < raw_end {
            let end = line_end(line);
            let content = &b[line..end];
            let content = content.strip_suffix(b"\r").unwrap_or(content);
            let spaces = content.iter().take_while(|&&c| c == b' ').count();
            if content.iter().all(|&c| c == b' ' || c == b'\t') {
                line = end + 1;
                continue;
            }
            match indent {
                None => indent = Some(spaces),
                Some(ind) if spaces < ind => break,
                Some(_) => {}
            }
            last = line + content.len();
            line = end + 1;
        }
        Span::new(start, last.max(start))
    }
}

/// Finds `key` in a mapping being built.
/// The index in `scratch.entries` of `key` in a mapping being built.
fn find(map: &MapFrame, scratch: &Scratch, key: &str) -> Option<usize> {
    match &map.index {
        Some(index) => index.get(key).copied(),
        None => scratch
            .entries
            .get(map.base..)?
            .iter()
            .position(|e| &*e.key == key)
            .map(|i| map.base + i),
    }
}

/// Writes one entry into a mapping being built, as go-yaml's `mapping()` does: a key already
/// present is overwritten in place. Two explicit keys are a duplicate.
fn insert(
    map: &mut MapFrame,
    scratch: &mut Scratch,
    key: CompactString,
    span: Span,
    value: NodeId,
    explicit: bool,
    issues: &mut Vec<SourceIssue>,
) {
    if let Some(i) = find(map, scratch, &key) {
        if let (Some(entry), Some(meta)) = (scratch.entries.get_mut(i), scratch.meta.get_mut(i)) {
            if explicit {
                match meta.first_explicit {
                    Some(first) => issues.push(SourceIssue {
                        kind: IssueKind::DuplicateKey,
                        span,
                        message: format!(
                            "duplicate key {key:?} (the API server keeps the last value)"
                        ),
                        related: Some((first, "first written here".to_owned())),
                    }),
                    None => meta.first_explicit = Some(span),
                }
            }
            entry.key_span = span;
            entry.value = value;
        }
        return;
    }
    let entries = scratch.entries.get(map.base..).unwrap_or_default();
    if map.index.is_none() && entries.len() >= INDEX_THRESHOLD {
        map.index =
            Some(entries.iter().enumerate().map(|(i, e)| (e.key.clone(), map.base + i)).collect());
    }
    if let Some(index) = &mut map.index {
        index.insert(key.clone(), scratch.entries.len());
    }
    scratch.entries.push(Entry { key, key_span: span, value });
    scratch.meta.push(EntryMeta { first_explicit: explicit.then_some(span) });
}

/// go-yaml v2 `merge()`: a mapping's entries are written at this point; a sequence of mappings
/// is applied from last to first, so earlier ones win. Anything else is reported at the `<<`.
fn merge(
    map: &mut MapFrame,
    scratch: &mut Scratch,
    nodes: &[Node],
    value: NodeId,
    merge_span: Span,
    issues: &mut Vec<SourceIssue>,
) {
    let what = |v: &Value| match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Int(_) | Value::Float(_) => "a number",
        Value::Str(_) => "a string",
        Value::Seq(_) => "a sequence",
        Value::Map(_) => "a mapping",
    };
    let Some(node) = nodes.get(value.0 as usize) else { return };
    match &node.value {
        Value::Map(entries) => {
            for e in entries {
                insert(map, scratch, e.key.clone(), e.key_span, e.value, false, issues);
            }
        }
        Value::Seq(items) => {
            for (i, &item) in items.iter().enumerate().rev() {
                match nodes.get(item.0 as usize).map(|n| &n.value) {
                    Some(Value::Map(entries)) => {
                        for e in entries {
                            insert(map, scratch, e.key.clone(), e.key_span, e.value, false, issues);
                        }
                    }
                    Some(v) => issues.push(SourceIssue::new(
                        IssueKind::MergeNotMapping,
                        merge_span,
                        format!("merge key << lists {} as item {i}; it needs mappings (kubectl rejects the document)", what(v)),
                    )),
                    None => {}
                }
            }
        }
        v => issues.push(SourceIssue::new(
            IssueKind::MergeNotMapping,
            merge_span,
            format!("merge key << is given {}; it needs a mapping or a sequence of mappings (kubectl rejects the document)", what(v)),
        )),
    }
}
