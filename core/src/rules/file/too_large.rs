use crate::declare_rule;

declare_rule! {
    /// File exceeds the size limit
    ///
    /// ## What it finds
    /// A file larger than the reader's limit (32 MiB by default).
    ///
    /// ## Why it matters
    /// The API server rejects requests over about 3 MiB, and etcd objects over 1.5 MiB, so such a
    /// file is not one object set that could be applied; reading it whole would only cost memory.
    /// kubeward reports it instead of hanging on it.
    ///
    /// ## How to fix
    /// Split the file, or exclude it in `.kubeward.yaml` if it is not a manifest.
    pub RULE = { id: "file-too-large", category: crate::rules::Category::File, severity: crate::diagnostic::Severity::Error,
        help: "split the file, or exclude it in .kubeward.yaml" }
}
