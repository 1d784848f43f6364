use super::{KINDS, config, entries};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Encryption at rest uses aescbc or aesgcm instead of KMS v2 or secretbox
    ///
    /// ## What it finds
    /// A `resources` entry whose first (encrypting) provider is `aescbc` or `aesgcm`.
    ///
    /// ## Why it matters
    /// The Kubernetes documentation advises against both: `aescbc` is open to padding-oracle
    /// attacks, and `aesgcm` is only safe with automated key rotation (a key must not encrypt more
    /// than about 200,000 writes). Both keep the key in this file on the control-plane host, next
    /// to the data it protects.
    ///
    /// ## How to fix
    /// Use a `kms` provider with `apiVersion: v2` (the key stays in an external KMS), or at least
    /// `secretbox`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: apiserver.config.k8s.io/v1
    /// kind: EncryptionConfiguration
    /// resources:
    /// - resources: [secrets]
    ///   providers:
    ///   - aescbc:
    ///       keys: [{name: key1, secret: c2VjcmV0IGlzIHNlY3VyZSwgb3IgaXMgaXQ/IGl0IGlzIDMyIGI=}]
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
    /// - CIS Kubernetes Benchmark v1.10, 1.2.28 (aescbc, kms or secretbox)
    /// - Encrypting confidential data at rest, "Providers" <https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/#providers>
    pub RULE = { id: "encryption-weak-provider", category: Category::Encryption,
        severity: Severity::Warning, check: Check::Object { kinds: KINDS, run: check },
        help: "use a kms provider with apiVersion v2, or secretbox" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(root) = config(o) else { return };
    for entry in entries(root) {
        let providers = entry.providers();
        let Some((kind, _, path)) = providers.first() else { continue };
        let why = match *kind {
            "aescbc" => "open to padding-oracle attacks",
            "aesgcm" => "safe only with automated key rotation",
            _ => continue,
        };
        ctx.report(path, format_args!("{} are encrypted with {kind} ({why})", entry.label()));
    }
}
