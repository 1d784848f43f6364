use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server stores Secrets in etcd unencrypted
    ///
    /// ## What it finds
    /// No `--encryption-provider-config`. kubeadm does not set it. Whether the file covers
    /// `secrets` with a strong provider is checked by the encryption rules on the file itself.
    ///
    /// ## Why it matters
    /// Without it every Secret is written to etcd, its snapshots and backups in clear text:
    /// anyone with a copy of the data directory or a backup has every credential.
    ///
    /// ## How to fix
    /// Write an `EncryptionConfiguration` (`kms` v2 or `secretbox` for `secrets`), mount it,
    /// set `--encryption-provider-config` and rewrite the existing Secrets.
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
    ///     command: [kube-apiserver, --etcd-servers=https://127.0.0.1:2379]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --encryption-provider-config=/etc/kubernetes/enc/config.yaml]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.27
    /// - NSA/CISA Kubernetes Hardening Guide, "Secrets"
    pub RULE = { id: "apiserver-missing-encryption-config", category: Category::Apiserver, severity: Severity::Warning,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "set --encryption-provider-config to an EncryptionConfiguration that covers secrets",
        equivalents: &[("kube-bench", "1.2.27"), ("checkov", "CKV_K8S_104"), ("trivy", "KCV0030")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    if !f.has("encryption-provider-config") {
        f.report(
            ctx,
            None,
            format_args!(
                "{} stores Secrets unencrypted (no --encryption-provider-config)",
                f.who()
            ),
        );
    }
}
