use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// Etcd has no certificate and key for clients or peers
    ///
    /// ## What it finds
    /// No `--cert-file`/`--key-file` (client TLS) or no `--peer-cert-file`/`--peer-key-file`
    /// (peer TLS). kubeadm sets all four.
    ///
    /// ## Why it matters
    /// Without them etcd cannot serve TLS (unless it makes up a self-signed certificate with
    /// auto TLS), so the cluster's data travels in clear text between the API server and etcd
    /// and between members.
    ///
    /// ## How to fix
    /// Issue certificates from a dedicated etcd CA and set the four flags.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: etcd, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: etcd
    ///     image: registry.k8s.io/etcd:3.5.15-0
    ///     command: [etcd, --cert-file=/pki/server.crt, --key-file=/pki/server.key]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: etcd, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: etcd
    ///     image: registry.k8s.io/etcd:3.5.15-0
    ///     command:
    ///     - etcd
    ///     - --cert-file=/pki/server.crt
    ///     - --key-file=/pki/server.key
    ///     - --peer-cert-file=/pki/peer.crt
    ///     - --peer-key-file=/pki/peer.key
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 2.1, 2.4
    /// - NSA/CISA Kubernetes Hardening Guide, "Etcd"
    pub RULE = { id: "etcd-missing-tls-files", category: Category::Etcd, severity: Severity::Error,
        check: Check::Component { component: Component::Etcd, run: check },
        help: "set --cert-file, --key-file, --peer-cert-file and --peer-key-file",
        equivalents: &[("kube-bench", "2.1, 2.4"), ("checkov", "CKV_K8S_116, CKV_K8S_119"), ("trivy", "KCV0042, KCV0045")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    for (cert, key, what) in
        [("cert-file", "key-file", "clients"), ("peer-cert-file", "peer-key-file", "peers")]
    {
        if !f.has(cert) || !f.has(key) {
            f.report(
                ctx,
                None,
                format_args!("etcd has no TLS certificate for {what} (--{cert}/--{key})"),
            );
        }
    }
}
