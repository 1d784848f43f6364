use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod or container disables or overrides the default AppArmor profile
    ///
    /// ## What it finds
    /// An `appArmorProfile` (pod or container `securityContext`) whose type is not
    /// `RuntimeDefault` or `Localhost`, or a `container.apparmor.security.beta.kubernetes.io/<name>`
    /// annotation whose value is not `runtime/default` or `localhost/<profile>` (for example
    /// `unconfined`).
    ///
    /// ## Why it matters
    /// AppArmor confines what a container may do to files, mounts and the network beyond plain
    /// permissions; the runtime's default profile blocks writes to `/proc` and `/sys` paths that are
    /// classic escape routes. `Unconfined` removes that layer.
    ///
    /// ## How to fix
    /// Set `appArmorProfile.type` to `RuntimeDefault` (or `Localhost` with a profile), or remove it.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: {name: web}
    /// spec:
    ///   selector: {matchLabels: {app: web}}
    ///   template:
    ///     metadata: {labels: {app: web}}
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    ///         securityContext:
    ///           appArmorProfile: {type: Unconfined}
    /// ```
    /// ```yaml pass
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: {name: web}
    /// spec:
    ///   selector: {matchLabels: {app: web}}
    ///   template:
    ///     metadata: {labels: {app: web}}
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    ///         securityContext:
    ///           appArmorProfile: {type: RuntimeDefault}
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "AppArmor"
    pub RULE = { id: "pss-apparmor-profile", category: Category::Pss, severity: Severity::Error,
        pss: Some(PssRef::baseline("appArmorProfile")), check: Check::PodSpec(check),
        help: "set appArmorProfile.type to RuntimeDefault or Localhost (annotation: runtime/default or localhost/<profile>), or remove it",
        equivalents: &[("trivy", "KSV002")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "appArmorProfile");
}
