use super::{KINDS, config, entries};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Encryption config writes data unencrypted (identity is the first provider)
    ///
    /// ## What it finds
    /// A `resources` entry whose first provider is `identity` when the entry covers Secrets, or
    /// when encrypting providers follow it (they then only decrypt). An entry that holds only
    /// `identity` for other resources (e.g. `events`) is a deliberate opt-out and not reported.
    ///
    /// ## Why it matters
    /// The first provider encrypts everything written; `identity` writes plain text. The file
    /// looks like encryption is set up, but new and updated Secrets land in etcd unencrypted.
    ///
    /// ## How to fix
    /// Move the encrypting provider first and keep `identity` last (only while migrating existing
    /// data), then rewrite the data: `kubectl get secrets -A -o json | kubectl replace -f -`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: apiserver.config.k8s.io/v1
    /// kind: EncryptionConfiguration
    /// resources:
    /// - resources: [secrets]
    ///   providers:
    ///   - identity: {}
    ///   - kms: {apiVersion: v2, name: vault, endpoint: unix:///run/kms.sock}
    /// ```
    /// ```yaml pass
    /// apiVersion: apiserver.config.k8s.io/v1
    /// kind: EncryptionConfiguration
    /// resources:
    /// - resources: [secrets]
    ///   providers:
    ///   - kms: {apiVersion: v2, name: vault, endpoint: unix:///run/kms.sock}
    ///   - identity: {}
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.10, 1.2.28 (appropriate encryption providers)
    /// - Encrypting confidential data at rest <https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/>
    pub RULE = { id: "encryption-identity-first", category: Category::Encryption,
        severity: Severity::Error, check: Check::Object { kinds: KINDS, run: check },
        help: "put an encrypting provider first; keep identity last, and only while migrating",
        equivalents: &[("kube-bench", "1.2.28")] }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(root) = config(o) else { return };
    for entry in entries(root) {
        let providers = entry.providers();
        let Some((first, _, path)) = providers.first() else { continue };
        if *first != "identity" {
            continue;
        }
        let next = providers.iter().map(|p| p.0).find(|k| *k != "identity");
        if entry.covers_secrets() {
            ctx.report(path, "secrets are written unencrypted: identity is the first provider");
        } else if let Some(next) = next {
            ctx.report(
                path,
                format_args!(
                    "{} are written unencrypted: identity comes before {next}",
                    entry.label()
                ),
            );
        }
    }
}
