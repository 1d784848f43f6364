use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::flags::FlagOrigin;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server talks to etcd without TLS or without a client certificate
    ///
    /// ## What it finds
    /// `--etcd-servers` with an `http://` URL, or no `--etcd-cafile`, `--etcd-certfile` or
    /// `--etcd-keyfile`. For kubeadm, the local etcd and `etcd.external` (`caFile`, `certFile`,
    /// `keyFile`) are read as kubeadm passes them on.
    ///
    /// ## Why it matters
    /// etcd holds every Secret and every object of the cluster. Plain HTTP exposes them on the
    /// wire; without a CA the API server cannot tell the real etcd from an impostor; without a
    /// client certificate etcd cannot require one, so anyone who reaches it reads and writes
    /// the whole cluster state.
    ///
    /// ## How to fix
    /// Use `https://` etcd URLs and set `--etcd-cafile`, `--etcd-certfile` and `--etcd-keyfile`.
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
    ///     command: [kube-apiserver, --etcd-servers=http://127.0.0.1:2379]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command:
    ///     - kube-apiserver
    ///     - --etcd-servers=https://127.0.0.1:2379
    ///     - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt
    ///     - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt
    ///     - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.23, 1.2.26
    /// - NSA/CISA Kubernetes Hardening Guide, "Etcd"
    pub RULE = { id: "apiserver-etcd-without-tls", category: Category::Apiserver, severity: Severity::Error,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "use https:// etcd URLs and set --etcd-cafile, --etcd-certfile and --etcd-keyfile",
        equivalents: &[("kube-bench", "1.2.23, 1.2.26"), ("checkov", "CKV_K8S_99, CKV_K8S_102"), ("trivy", "KCV0026, KCV0029")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    for (url, flag) in f.flags.list("etcd-servers") {
        if url.starts_with("http://") {
            f.report(
                ctx,
                Some(flag),
                format_args!("{} reaches etcd over plain HTTP ({url})", f.who()),
            );
        }
    }
    let missing: Vec<&str> = ["etcd-cafile", "etcd-certfile", "etcd-keyfile"]
        .into_iter()
        .filter(|n| !f.has(n))
        .collect();
    if !missing.is_empty() {
        let list = missing.iter().map(|n| format!("--{n}")).collect::<Vec<_>>().join(", ");
        // For kubeadm, point at the etcd section the connection comes from.
        let at = f.get("etcd-servers").filter(|s| s.origin == FlagOrigin::Default);
        f.report(ctx, at, format_args!("{} connects to etcd without {list}", f.who()));
    }
}
