use crate::declare_rule;

declare_rule! {
    /// Mapping key cannot become a JSON key
    ///
    /// ## What it finds
    /// A null key (`~:`) or a complex key (`? [a, b]`). Strings, numbers and booleans are
    /// accepted and turned into strings, as `YAMLToJSON` does (`yes:` becomes the key `"true"`).
    ///
    /// ## Why it matters
    /// kubectl fails to convert such a document to JSON, so it cannot be applied.
    ///
    /// ## How to fix
    /// Use a string key.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata: {name: settings}
    /// data:
    ///   ? [a, b]
    ///   : value
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata: {name: settings}
    /// data:
    ///   a-b: value
    /// ```
    pub RULE = { id: "yaml-unsupported-key", category: crate::rules::Category::Yaml, severity: crate::diagnostic::Severity::Error,
        help: "use a string key" }
}
