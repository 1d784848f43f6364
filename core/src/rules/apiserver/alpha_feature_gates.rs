use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server enables every alpha or beta feature gate at once
    ///
    /// ## What it finds
    /// `--feature-gates` with `AllAlpha=true` or `AllBeta=true` (the last setting of a gate
    /// wins). Single gates are not judged: whether a gate is alpha depends on the version.
    ///
    /// ## Why it matters
    /// Alpha features are off by default because they are incomplete, may be insecure and get
    /// no security fixes in patch releases; `AllAlpha` turns on every one, including those
    /// added by the next upgrade. `AllBeta` does the same for beta features that are off by
    /// default.
    ///
    /// ## How to fix
    /// Remove `AllAlpha`/`AllBeta` and enable only the gates you need, by name.
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
    ///     command: [kube-apiserver, --feature-gates=AllAlpha=true]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --feature-gates=AllAlpha=false]
    /// ```
    ///
    /// ## References
    /// - Kubernetes docs, "Feature Gates" (feature stages)
    /// - NSA/CISA Kubernetes Hardening Guide, "Upgrading and application security practices"
    pub RULE = { id: "apiserver-alpha-feature-gates", category: Category::Apiserver, severity: Severity::Warning,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "remove AllAlpha/AllBeta from --feature-gates and enable single gates by name" }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    for gate in ["AllAlpha", "AllBeta"] {
        let last = f.flags.list("feature-gates").into_iter().rev().find_map(|(kv, flag)| {
            let (k, v) = kv.split_once('=')?;
            (k.trim() == gate).then_some((v.trim(), flag))
        });
        if let Some((v, flag)) = last
            && matches!(v, "true" | "True" | "TRUE" | "t" | "T" | "1")
        {
            f.report(
                ctx,
                Some(flag),
                format_args!(
                    "{} enables every {} feature gate ({gate}=true)",
                    f.who(),
                    if gate == "AllAlpha" { "alpha" } else { "beta" }
                ),
            );
        }
    }
}
