//! Reading bytes into spanned documents, exactly as kubectl and the API server read YAML.
//!
//! The pipeline, one file at a time:
//! 1. [`decode`]: bytes → text (size limit, binary, UTF-8; the BOM stays so spans index the
//!    caller's bytes).
//! 2. [`parse`]: text → [`Document`]s, spanned trees built from saphyr-parser events with
//!    go-yaml v2's YAML 1.1 scalars, merge keys and duplicate handling, under [`Limits`];
//!    [`parse_each`] hands each document over as soon as it is read, so that the linter holds
//!    one document's tree at a time.
//! 3. [`from_node`]: a node → a typed k8s-openapi object, as strict as the API server's JSON
//!    decoding, with the unknown fields it ignored.
//!
//! Why our own reader rather than serde_yaml or another crate: serde_yaml is archived, YAML 1.2
//! (`privileged: yes` would be a string), keeps no spans and drops a document on a duplicate
//! key; libyaml-safer panics on common input; serde-saphyr resolves `yEs` and `0777` unlike
//! go-yaml v2. The details are in the docs of `yaml.rs` and `scalar.rs`.
//!
//! Positions: every [`Span`] is a byte range of the original text; [`LineIndex`] turns it
//! into (line, column) in chars, UTF-16 columns (LSP) or UTF-16 offsets (CodeMirror).

mod de;
mod issue;
mod line_index;
mod node;
mod scalar;
mod text;
mod yaml;

pub use de::{DeError, IgnoredField, from_node};
pub use issue::{IssueKind, Limits, SourceIssue};
pub use line_index::LineIndex;
pub use node::{Document, Entry, Node, NodeId, NodeRef, ScalarStyle, Span, Value};
pub use scalar::{go_format_float32, resolve_plain};
pub use text::{Text, bom_len, decode};
pub use yaml::{Parsed, parse, parse_each, parse_part};

/// Decodes and parses one file. The text is `None` when decoding failed (the one issue then
/// says why).
#[must_use]
pub fn read<'a>(bytes: &'a [u8], limits: &Limits) -> (Option<&'a str>, Parsed) {
    match decode(bytes, limits) {
        Ok(text) => (Some(text), parse(text, limits)),
        Err(issue) => (None, Parsed { documents: Vec::new(), issues: vec![issue] }),
    }
}
