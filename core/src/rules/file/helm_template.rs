use crate::declare_rule;

declare_rule! {
    /// File is a Helm template, not a manifest
    ///
    /// ## What it finds
    /// A file with Go template actions (`{{ … }}`) where YAML structure should be, so it only
    /// becomes YAML once Helm renders it.
    ///
    /// ## Why it matters
    /// What the cluster receives is the rendered output, which depends on values; linting the
    /// template text would check something else. Files that only hold `{{` inside string values
    /// (Prometheus rules, Argo Workflows parameters) are ordinary YAML and are linted.
    ///
    /// ## How to fix
    /// Render the chart and lint the result: `helm template my-release ./chart | kubeward lint -`.
    pub RULE = { id: "file-helm-template", category: crate::rules::Category::File, severity: crate::diagnostic::Severity::Warning,
        help: "render it first: helm template RELEASE CHART | kubeward lint -" }
}
