//! Object identity: what a finding is about.

use compact_str::CompactString;
use serde::Serialize;

/// Identifies one Kubernetes object as written in the input (`apiVersion`, `kind`, `namespace`, `name`).
///
/// `namespace` is the one written in the manifest (`None` when absent); the engine does not
/// guess the namespace a `kubectl apply -n` would give it. The fields are short strings, stored
/// inline: every object of a run has one, and findings and kept objects share it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ObjectRef {
    #[serde(rename = "apiVersion")]
    pub api_version: CompactString,
    pub kind: CompactString,
    pub namespace: Option<CompactString>,
    pub name: Option<CompactString>,
}

impl ObjectRef {
    /// The API group (`""` for the core group).
    #[must_use]
    pub fn group(&self) -> &str {
        match self.api_version.rsplit_once('/') {
            Some((g, _)) => g,
            None => "",
        }
    }

    /// `Kind/namespace/name` as people write it in messages.
    #[must_use]
    pub fn display_name(&self) -> String {
        let name = self.name.as_deref().unwrap_or("<unnamed>");
        match &self.namespace {
            Some(ns) => format!("{}/{ns}/{name}", self.kind),
            None => format!("{}/{name}", self.kind),
        }
    }
}

/// Where an object was written: the file (as given on the command line), its index in the run,
/// the span of the object's document root, its first line, and its identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    pub file: std::sync::Arc<str>,
    pub file_index: usize,
    pub span: crate::source::Span,
    /// 1-based line of the object's first key.
    pub line: u32,
    /// Shared with the object's findings.
    pub object: std::sync::Arc<ObjectRef>,
}
