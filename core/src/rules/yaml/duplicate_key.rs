use crate::declare_rule;

declare_rule! {
    /// Mapping has the same key twice
    ///
    /// ## What it finds
    /// A key written twice in one mapping. The finding is on the later key, with a label on the first.
    ///
    /// ## Why it matters
    /// The API server keeps the last value without a word, so a reviewer who reads the first one
    /// sees a different pod than the cluster runs: `privileged: false` followed further down by
    /// `privileged: true` is privileged. kubeward evaluates the last value, as the server does.
    ///
    /// ## How to fix
    /// Delete one of the two keys.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata:
    ///   name: settings
    ///   name: other
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata:
    ///   name: settings
    /// ```
    pub RULE = { id: "yaml-duplicate-key", category: crate::rules::Category::Yaml, severity: crate::diagnostic::Severity::Error,
        help: "delete one of the two keys; the API server keeps the last value" }
}
