//! What can go wrong while reading a file, and the limits that keep hostile input cheap.

use std::fmt;

use super::Span;

/// Resource limits for reading one file. Every limit, when hit, is a [`SourceIssue`], never a
/// crash or a hang.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Larger files are rejected before decoding (default 32 MiB).
    pub max_file_bytes: usize,
    /// Deepest nesting of mappings and sequences in one document (default 128). The serde pass
    /// over the tree recurses, so this also bounds its stack use.
    pub max_depth: usize,
    /// A document's alias-expanded size may reach `max(10 × its source nodes, this)` nodes
    /// (default 100 000); past that it is dropped as a "billion laughs".
    pub max_alias_expansion: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_file_bytes: 32 * 1024 * 1024, max_depth: 128, max_alias_expansion: 100_000 }
    }
}

/// The kind of a [`SourceIssue`]; each maps to one rule id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IssueKind {
    /// The file is larger than [`Limits::max_file_bytes`].
    TooLarge,
    /// The file contains a NUL byte.
    Binary,
    /// The file is not valid UTF-8.
    InvalidUtf8,
    /// The YAML does not parse (or an explicit tag does not fit its value).
    Syntax,
    /// The file is a Helm template (`{{ … }}`), not a manifest.
    HelmTemplate,
    /// The same key is written twice in one mapping.
    DuplicateKey,
    /// A key that is null, a mapping or a sequence: kubectl rejects non-scalar keys.
    UnsupportedKey,
    /// A `<<` merge whose value is not a mapping (or a sequence of mappings).
    MergeNotMapping,
    /// Aliases expand the document past the limit (billion laughs).
    AliasLimit,
    /// Nesting deeper than [`Limits::max_depth`].
    DepthLimit,
    /// U+0085, U+2028 or U+2029 outside quotes: YAML 1.1 (kubectl) reads a line break there.
    UnicodeLineBreak,
}

impl IssueKind {
    /// The rule id the issue is reported under.
    #[must_use]
    pub fn rule_id(self) -> &'static str {
        match self {
            Self::TooLarge => "file-too-large",
            Self::Binary => "file-binary",
            Self::InvalidUtf8 => "file-invalid-utf8",
            Self::Syntax | Self::MergeNotMapping | Self::UnicodeLineBreak => "yaml-syntax-error",
            Self::HelmTemplate => "file-helm-template",
            Self::DuplicateKey => "yaml-duplicate-key",
            Self::UnsupportedKey => "yaml-unsupported-key",
            Self::AliasLimit | Self::DepthLimit => "yaml-limit-exceeded",
        }
    }
}

/// One problem found while reading a file. `span` indexes the file's original bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceIssue {
    pub kind: IssueKind,
    pub span: Span,
    /// Lowercase, no trailing period, says what was found.
    pub message: String,
    /// A second location that explains the first (the first definition of a duplicate key).
    pub related: Option<(Span, String)>,
}

impl SourceIssue {
    /// An issue without a related location.
    #[must_use]
    pub fn new(kind: IssueKind, span: Span, message: impl Into<String>) -> Self {
        Self { kind, span, message: message.into(), related: None }
    }
}

impl fmt::Display for SourceIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.rule_id(), self.message)
    }
}

impl std::error::Error for SourceIssue {}
