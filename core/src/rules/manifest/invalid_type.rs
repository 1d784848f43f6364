use crate::declare_rule;

declare_rule! {
    /// Field has the wrong type
    ///
    /// ## What it finds
    /// A value of the wrong type for its field, judged as the API server judges it after
    /// converting YAML to JSON: `containers: 7`, an env `value: 8080` (a number where a string
    /// is required: quote it), `privileged: "true"` (a string where a boolean is required), or a
    /// required field that is missing.
    ///
    /// ## Why it matters
    /// kubectl and the API server reject the object. kubeward still checks what it can read of
    /// the object, but its findings may be incomplete.
    ///
    /// ## How to fix
    /// Give the field a value of the type the schema requires.
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
    ///     env:
    ///     - name: PORT
    ///       value: 8080
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    ///     env:
    ///     - name: PORT
    ///       value: "8080"
    /// ```
    pub RULE = { id: "manifest-invalid-type", category: crate::rules::Category::Manifest, severity: crate::diagnostic::Severity::Error,
        help: "give the field a value of the type its schema requires" }
}
