use crate::declare_rule;

declare_rule! {
    /// Suppression annotation gives no reason
    ///
    /// ## What it finds
    /// An `ignore.kubeward.dev/<rule-id>` annotation whose value is empty. Such a suppression
    /// does not apply: the finding it meant to hide is still reported.
    ///
    /// ## Why it matters
    /// A suppression is a security exception. Its reason is what the next reviewer reads to
    /// decide whether it still holds.
    ///
    /// ## How to fix
    /// Write the reason as the annotation's value.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: node-agent
    ///   annotations:
    ///     ignore.kubeward.dev/pss-privileged: ""
    /// spec:
    ///   containers:
    ///   - name: agent
    ///     image: agent:1.0
    ///     securityContext: {privileged: true}
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: node-agent
    ///   annotations:
    ///     ignore.kubeward.dev/pss-privileged: "CNI agent, needs host network setup (SEC-123)"
    /// spec:
    ///   containers:
    ///   - name: agent
    ///     image: agent:1.0
    ///     securityContext: {privileged: true}
    /// ```
    pub RULE = { id: "suppression-missing-reason", category: crate::rules::Category::Suppression, severity: crate::diagnostic::Severity::Error,
        help: "write why the finding is accepted as the annotation's value" }
}
