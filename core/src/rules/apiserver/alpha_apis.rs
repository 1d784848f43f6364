use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server serves alpha API versions
    ///
    /// ## What it finds
    /// `--runtime-config` enabling `api/alpha`, `api/all` or a `<group>/<version>` whose version
    /// is an alpha (`v1alpha1`, `v2alpha1`, …). A key without a value means true.
    ///
    /// ## Why it matters
    /// Alpha APIs are off by default: they are incomplete, may bypass checks the stable APIs
    /// have, and get no security fixes in patch releases. Every enabled API is also attack
    /// surface that RBAC rules written for the stable APIs may not cover.
    ///
    /// ## How to fix
    /// Remove the alpha entries from `--runtime-config`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --runtime-config=api/alpha=true]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --runtime-config=api/alpha=false]
    /// ```
    ///
    /// ## References
    /// - Kubernetes docs, "Enabling or disabling API groups"
    /// - NSA/CISA Kubernetes Hardening Guide, "Upgrading and application security practices"
    pub RULE = { id: "apiserver-alpha-apis", category: Category::Apiserver, severity: Severity::Warning,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "remove the alpha entries from --runtime-config" }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    // Later entries for the same key win (a map flag).
    let mut seen: Vec<(&str, bool, &crate::model::flags::Flag)> = Vec::new();
    for (kv, flag) in f.flags.list("runtime-config") {
        let (k, v) = kv.split_once('=').unwrap_or((kv, "true"));
        let on = matches!(v.trim(), "true" | "True" | "TRUE" | "t" | "T" | "1");
        seen.retain(|(key, _, _)| *key != k.trim());
        seen.push((k.trim(), on, flag));
    }
    for (key, on, flag) in seen {
        let version = key.rsplit('/').next().unwrap_or(key);
        let alpha = matches!(key, "api/alpha" | "api/all") || version.contains("alpha");
        if on && alpha {
            f.report(
                ctx,
                Some(flag),
                format_args!("{} serves alpha APIs (--runtime-config {key}=true)", f.who()),
            );
        }
    }
}
