use crate::declare_rule;

declare_rule! {
    /// Field is not part of the object's schema
    ///
    /// ## What it finds
    /// A field that the kind's schema (Kubernetes 1.37 via k8s-openapi) does not have, usually a
    /// typo. Checked for the built-in kinds at their current API versions; custom resources are
    /// not checked.
    ///
    /// ## Why it matters
    /// The API server drops unknown fields (with at most a warning), so a misspelt
    /// `securityContex:` silently removes the whole security context: the pod runs with none of
    /// the settings the reviewer read.
    ///
    /// ## How to fix
    /// Correct the field name, or remove the field.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    ///     securityContex:
    ///       runAsNonRoot: true
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    ///     securityContext:
    ///       runAsNonRoot: true
    /// ```
    pub RULE = { id: "manifest-unknown-field", category: crate::rules::Category::Manifest, severity: crate::diagnostic::Severity::Warning,
        help: "correct the field name (the API server ignores fields it does not know)",
        equivalents: &[("kubeconform", "strict mode"), ("kube-score", "-")] }
}
