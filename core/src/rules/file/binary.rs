use crate::declare_rule;

declare_rule! {
    /// File is binary, not a manifest
    ///
    /// ## What it finds
    /// A file given to kubeward (or found in a folder) that holds a NUL byte, so it is not text.
    ///
    /// ## Why it matters
    /// Nothing in it can be checked. kubeward says so instead of skipping it silently, so a
    /// misnamed file does not hide a manifest that was meant to be linted.
    ///
    /// ## How to fix
    /// Exclude the file in `.kubeward.yaml` (`exclude: ["path/to/file"]`) or rename it.
    pub RULE = { id: "file-binary", category: crate::rules::Category::File, severity: crate::diagnostic::Severity::Error,
        help: "exclude it in .kubeward.yaml (exclude: [...]) if it is not a manifest" }
}
