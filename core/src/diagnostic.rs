//! Diagnostics: findings as data with byte spans. Lines and columns are computed late, by the
//! report, from the file's line index.

use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The lowercase name used in JSON and on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    /// Parses `info`, `warning` or `error`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "info" => Some(Self::Info),
            "warning" => Some(Self::Warning),
            "error" => Some(Self::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A Pod Security Standards level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PssLevel {
    Privileged,
    Baseline,
    Restricted,
}

impl PssLevel {
    /// The lowercase level name, as in the namespace labels.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Privileged => "privileged",
            Self::Baseline => "baseline",
            Self::Restricted => "restricted",
        }
    }
}

/// The `pss` member of a finding: the level and the upstream pod-security-admission check id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct PssRef {
    pub level: PssLevel,
    pub check: &'static str,
}

impl PssRef {
    /// A baseline check.
    #[must_use]
    pub const fn baseline(check: &'static str) -> Self {
        Self { level: PssLevel::Baseline, check }
    }
    /// A restricted check.
    #[must_use]
    pub const fn restricted(check: &'static str) -> Self {
        Self { level: PssLevel::Restricted, check }
    }
}

/// A secondary location shown with a finding ("first defined here", a path step).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The file (an index into the report's files); `None` means the finding's own file.
    pub file: Option<usize>,
    pub span: Span,
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The rule id (`pss-privileged`).
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The rule's help (borrowed), or a finding's own.
    pub help: Option<Cow<'static, str>>,
    /// Where the value was written, in bytes of the file text.
    pub span: Span,
    pub labels: Vec<Label>,
    /// The field path inside the object, when the finding is about a field.
    pub field: Option<String>,
    /// The object (shared by its findings).
    pub object: Option<std::sync::Arc<crate::model::ObjectRef>>,
    pub pss: Option<PssRef>,
    /// `Some(reason)` when an annotation or the config suppressed the finding.
    pub suppressed: Option<String>,
}
