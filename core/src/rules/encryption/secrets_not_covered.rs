use super::{KINDS, config, entries};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Encryption at rest does not cover Secrets
    ///
    /// ## What it finds
    /// An EncryptionConfiguration in which no `resources` entry lists `secrets` (or a wildcard
    /// that matches them: `*.` or `*.*`).
    ///
    /// ## Why it matters
    /// Resources that no entry lists are stored in etcd as plain text. Anyone with a copy of
    /// etcd's data directory or of a backup reads every Secret: ServiceAccount tokens, registry
    /// credentials, TLS keys.
    ///
    /// ## How to fix
    /// Add `secrets` to the `resources` of an entry whose first provider encrypts.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: apiserver.config.k8s.io/v1
    /// kind: EncryptionConfiguration
    /// resources:
    /// - resources: [configmaps]
    ///   providers:
    ///   - secretbox:
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
    /// - CIS Kubernetes Benchmark v1.10, 1.2.27 and 1.2.28 (encryption provider config)
    /// - NSA/CISA Kubernetes Hardening Guide, "Secrets" (encrypt Secrets at rest)
    /// - Encrypting confidential data at rest <https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/>
    pub RULE = { id: "encryption-secrets-not-covered", category: Category::Encryption,
        severity: Severity::Error, check: Check::Object { kinds: KINDS, run: check },
        help: "add secrets to the resources of an entry whose first provider encrypts" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(root) = config(o) else { return };
    if !entries(root).iter().any(super::Entry::covers_secrets) {
        ctx.report(
            "resources",
            "secrets are not in any resources list, so they are stored unencrypted",
        );
    }
}
