use super::{KINDS, config, entries};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Encryption key is written in the encryption config
    ///
    /// ## What it finds
    /// A key (`keys[].secret`) of an `aescbc`, `aesgcm` or `secretbox` provider. These providers
    /// always keep their key in this file; the finding points at each one (its value is never
    /// shown).
    ///
    /// ## Why it matters
    /// Whoever reads this file decrypts the data it protects: a copy in a repository, a backup of
    /// `/etc/kubernetes`, or a control-plane node's disk next to etcd's own data. A KMS provider
    /// keeps the key in an external key service instead.
    ///
    /// ## How to fix
    /// Keep the file out of version control (template it in at deploy time), restrict it to root
    /// on the control-plane nodes, or move to a `kms` v2 provider.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: apiserver.config.k8s.io/v1
    /// kind: EncryptionConfiguration
    /// resources:
    /// - resources: [secrets]
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
    /// - Encrypting confidential data at rest <https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/>
    /// - CIS Kubernetes Benchmark v1.10, 1.1.x (control-plane file permissions)
    pub RULE = { id: "encryption-inline-key", category: Category::Encryption,
        severity: Severity::Info, check: Check::Object { kinds: KINDS, run: check },
        help: "keep the file out of version control and readable by root only, or use a kms v2 provider" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(root) = config(o) else { return };
    for entry in entries(root) {
        for (kind, node, path) in entry.providers() {
            if !matches!(kind, "aescbc" | "aesgcm" | "secretbox") {
                continue;
            }
            let Some(keys) = node.get("keys") else { continue };
            for (i, key) in keys.items().enumerate() {
                if key.get("secret").is_some_and(|s| s.as_str().is_some_and(|s| !s.is_empty())) {
                    let name = key.get("name").and_then(|n| n.as_str()).unwrap_or("");
                    ctx.report(
                        path.key("keys").index(i).key("secret"),
                        format_args!("{kind} key {name:?} is written in this file"),
                    );
                }
            }
        }
    }
}
