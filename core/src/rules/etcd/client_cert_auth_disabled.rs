use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// Etcd does not require client certificates from clients or peers
    ///
    /// ## What it finds
    /// An etcd (a container whose command starts with `etcd`, or kubeadm's local etcd) whose
    /// `--client-cert-auth` or `--peer-client-cert-auth` is unset (both default to false) or
    /// false. kubeadm sets both to true.
    ///
    /// ## Why it matters
    /// Without client certificate authentication anyone who reaches the client port reads and
    /// writes every key (every Secret, every RBAC binding) and anyone who reaches the peer port
    /// can join the cluster as a member.
    ///
    /// ## How to fix
    /// Set `--client-cert-auth=true` and `--peer-client-cert-auth=true` with
    /// `--trusted-ca-file` and `--peer-trusted-ca-file`.
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
    ///     command: [etcd, --client-cert-auth=false, --peer-client-cert-auth=true]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: etcd, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: etcd
    ///     image: registry.k8s.io/etcd:3.5.15-0
    ///     command: [etcd, --client-cert-auth=true, --peer-client-cert-auth=true]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 2.2, 2.5
    /// - NSA/CISA Kubernetes Hardening Guide, "Etcd"
    pub RULE = { id: "etcd-client-cert-auth-disabled", category: Category::Etcd, severity: Severity::Error,
        check: Check::Component { component: Component::Etcd, run: check },
        help: "set --client-cert-auth=true and --peer-client-cert-auth=true",
        equivalents: &[("kube-bench", "2.2, 2.5"), ("checkov", "CKV_K8S_117, CKV_K8S_121"), ("trivy", "KCV0043, KCV0046")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    for (name, who) in [("client-cert-auth", "clients"), ("peer-client-cert-auth", "peers")] {
        match f.bool(name, false) {
            Some((false, None)) => {
                f.report(
                    ctx,
                    None,
                    format_args!(
                        "etcd accepts {who} without a certificate (--{name} defaults to false)"
                    ),
                );
            }
            Some((false, Some(flag))) => {
                f.report(
                    ctx,
                    Some(flag),
                    format_args!(
                        "etcd accepts {who} without a certificate (--{name}={})",
                        flag.text()
                    ),
                );
            }
            _ => {}
        }
    }
}
