use crate::declare_rule;

declare_rule! {
    /// File or folder cannot be read
    ///
    /// ## What it finds
    /// A path that could not be read: missing, permission denied, a symbolic link loop, or an
    /// I/O error while walking a folder.
    ///
    /// ## Why it matters
    /// A file that is not read is not checked. kubeward reports it and goes on with every other file.
    ///
    /// ## How to fix
    /// Fix the path or its permissions, or exclude it in `.kubeward.yaml`.
    pub RULE = { id: "file-unreadable", category: crate::rules::Category::File, severity: crate::diagnostic::Severity::Error,
        help: "fix the path or its permissions, or exclude it in .kubeward.yaml" }
}
