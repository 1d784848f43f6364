use crate::declare_rule;

declare_rule! {
    /// Document is not a Kubernetes object (skipped)
    ///
    /// ## What it finds
    /// A YAML document without `apiVersion` and `kind`: a GitHub workflow, a docker-compose file,
    /// Helm values. It is skipped and counted in the summary's `skipped`, and this info-level
    /// finding says which document it was (shown with `--min-severity info`).
    ///
    /// ## Why it matters
    /// Nothing is skipped silently: if a manifest lost its `kind` by mistake, this is where it shows.
    ///
    /// ## How to fix
    /// Nothing, if the file is not a manifest (or exclude it in `.kubeward.yaml`); otherwise add
    /// the missing `apiVersion` and `kind`.
    ///
    /// ## Example
    /// ```yaml fail
    /// services:
    ///   web:
    ///     image: nginx
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata: {name: settings}
    /// ```
    pub RULE = { id: "manifest-not-kubernetes", category: crate::rules::Category::Manifest, severity: crate::diagnostic::Severity::Info,
        help: "exclude the file in .kubeward.yaml if it is not a manifest" }
}
