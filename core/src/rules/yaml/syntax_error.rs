use crate::declare_rule;

declare_rule! {
    /// YAML cannot be parsed
    ///
    /// ## What it finds
    /// A YAML or JSON syntax error, at the position where the parser stopped. Documents of the
    /// same file before the error are still linted. Also reported here: a merge key (`<<`) whose
    /// value is not a mapping, and the YAML 1.1 line breaks U+0085, U+2028 and U+2029, which the
    /// API server's parser reads as line breaks while editors show them as spaces.
    ///
    /// ## Why it matters
    /// kubectl rejects the file, and nothing after the error can be checked.
    ///
    /// ## How to fix
    /// Fix the syntax at the reported position.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata: {name: settings
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata: {name: settings}
    /// ```
    pub RULE = { id: "yaml-syntax-error", category: crate::rules::Category::Yaml, severity: crate::diagnostic::Severity::Error,
        help: "fix the syntax at this position" }
}
