use crate::declare_rule;

declare_rule! {
    /// Suppression annotation suppresses nothing
    ///
    /// ## What it finds
    /// An `ignore.kubeward.dev/<rule-id>` annotation on an object where that rule found nothing.
    ///
    /// ## Why it matters
    /// Stale exceptions accumulate and hide the next real finding of that rule on the object.
    ///
    /// ## How to fix
    /// Remove the annotation.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     ignore.kubeward.dev/pss-privileged: "was privileged once"
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    /// ```
    pub RULE = { id: "suppression-unused", category: crate::rules::Category::Suppression, severity: crate::diagnostic::Severity::Info,
        help: "remove the annotation" }
}
