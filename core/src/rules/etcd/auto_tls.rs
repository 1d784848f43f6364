use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// Etcd uses self-signed certificates it makes itself
    ///
    /// ## What it finds
    /// `--auto-tls=true` or `--peer-auto-tls=true`.
    ///
    /// ## Why it matters
    /// With auto TLS etcd generates its own self-signed certificate. Traffic is encrypted but
    /// no one can verify who they talk to, so a man in the middle can read every key, and
    /// certificate authentication of peers cannot be enforced.
    ///
    /// ## How to fix
    /// Remove the flags and set `--cert-file`/`--key-file` and `--peer-cert-file`/
    /// `--peer-key-file` to certificates from a dedicated etcd CA.
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
    ///     command: [etcd, --auto-tls=true]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: etcd, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: etcd
    ///     image: registry.k8s.io/etcd:3.5.15-0
    ///     command: [etcd, --auto-tls=false]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 2.3, 2.6
    /// - NSA/CISA Kubernetes Hardening Guide, "Etcd"
    pub RULE = { id: "etcd-auto-tls", category: Category::Etcd, severity: Severity::Error,
        check: Check::Component { component: Component::Etcd, run: check },
        help: "remove --auto-tls/--peer-auto-tls and use certificates from a dedicated etcd CA",
        equivalents: &[("kube-bench", "2.3, 2.6"), ("checkov", "CKV_K8S_118"), ("trivy", "KCV0044, KCV0047")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    for (name, what) in [("auto-tls", "client"), ("peer-auto-tls", "peer")] {
        if let Some((true, Some(flag))) = f.bool(name, false) {
            f.report(
                ctx,
                Some(flag),
                format_args!(
                    "etcd serves its {what} port with a self-signed certificate (--{name})"
                ),
            );
        }
    }
}
