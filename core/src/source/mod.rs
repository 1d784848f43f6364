//! Reading bytes into spanned documents, exactly as kubectl and the API server read YAML.
//!
//! (Module docs: the reading pipeline and the choice of parser are documented by `yaml.rs`.)

mod node;

pub use node::{Document, Entry, Node, NodeId, NodeRef, ScalarStyle, Span, Value};
