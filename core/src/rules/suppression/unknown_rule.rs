use crate::declare_rule;

declare_rule! {
    /// Suppression annotation names an unknown rule
    ///
    /// ## What it finds
    /// An `ignore.kubeward.dev/<rule-id>` annotation whose rule id does not exist; the finding
    /// suggests the nearest id.
    ///
    /// ## Why it matters
    /// A misspelt suppression hides nothing, and the finding it meant to hide keeps failing the build.
    ///
    /// ## How to fix
    /// Correct the rule id (`kubeward rules` lists them).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata:
    ///   name: settings
    ///   annotations:
    ///     ignore.kubeward.dev/pss-privilege: "typo"
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata:
    ///   name: settings
    /// ```
    pub RULE = { id: "suppression-unknown-rule", category: crate::rules::Category::Suppression, severity: crate::diagnostic::Severity::Warning,
        help: "correct the rule id (kubeward rules lists them)" }
}
