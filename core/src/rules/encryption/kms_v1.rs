use super::{KINDS, config, entries};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Encryption config uses the deprecated KMS v1 API
    ///
    /// ## What it finds
    /// A `kms` provider whose `apiVersion` is `v1` or unset (unset means v1).
    ///
    /// ## Why it matters
    /// KMS v1 is deprecated since Kubernetes 1.28 and off by default since 1.29 (the `KMSv1`
    /// feature gate): an API server that cannot load the provider does not start, or, with the
    /// gate forced on, keeps using a design that calls the KMS for every write and has no key
    /// rotation signal.
    ///
    /// ## How to fix
    /// Run a KMS v2 plugin and set `apiVersion: v2` on the provider.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: apiserver.config.k8s.io/v1
    /// kind: EncryptionConfiguration
    /// resources:
    /// - resources: [secrets]
    ///   providers:
    ///   - kms: {name: vault, endpoint: unix:///run/kms.sock, cachesize: 1000}
    /// ```
    /// ```yaml pass
    /// apiVersion: apiserver.config.k8s.io/v1
    /// kind: EncryptionConfiguration
    /// resources:
    /// - resources: [secrets]
    ///   providers:
    ///   - kms: {apiVersion: v2, name: vault, endpoint: unix:///run/kms.sock}
    /// ```
    ///
    /// ## References
    /// - Using a KMS provider for data encryption <https://kubernetes.io/docs/tasks/administer-cluster/kms-provider/>
    pub RULE = { id: "encryption-kms-v1", category: Category::Encryption,
        severity: Severity::Warning, check: Check::Object { kinds: KINDS, run: check },
        help: "run a KMS v2 plugin and set apiVersion: v2 on the provider" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(root) = config(o) else { return };
    for entry in entries(root) {
        for (kind, node, path) in entry.providers() {
            if kind != "kms" {
                continue;
            }
            let name = node.get("name").and_then(|n| n.as_str()).unwrap_or("");
            match node.get("apiVersion").and_then(|n| n.as_str()) {
                Some("v1") => {
                    ctx.report(
                        path.key("apiVersion"),
                        format_args!("kms provider {name:?} uses the deprecated KMS v1 API"),
                    );
                }
                None => {
                    ctx.report(
                        &path,
                        format_args!("kms provider {name:?} uses the deprecated KMS v1 API (apiVersion defaults to v1)"),
                    );
                }
                Some(_) => {}
            }
        }
    }
}
