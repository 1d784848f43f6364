use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// Etcd listens on every interface
    ///
    /// ## What it finds
    /// `--listen-client-urls`, `--listen-peer-urls` or `--listen-metrics-urls` with the host
    /// `0.0.0.0` or `[::]` (the last occurrence of each flag wins).
    ///
    /// ## Why it matters
    /// etcd should be reachable only by the API servers and its peers. Listening on every
    /// interface exposes it to every network the node is on, including pod traffic routed
    /// through the node, and the metrics endpoint serves without authentication.
    ///
    /// ## How to fix
    /// Listen on loopback and the node's control-plane address only (as kubeadm does:
    /// `https://127.0.0.1:2379,https://<node-ip>:2379`), and firewall the ports.
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
    ///     command: [etcd, --listen-client-urls=https://0.0.0.0:2379]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: etcd, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: etcd
    ///     image: registry.k8s.io/etcd:3.5.15-0
    ///     command: [etcd, "--listen-client-urls=https://127.0.0.1:2379,https://10.0.0.5:2379"]
    /// ```
    ///
    /// ## References
    /// - NSA/CISA Kubernetes Hardening Guide, "Etcd" (isolate etcd behind a firewall)
    pub RULE = { id: "etcd-wildcard-listen", category: Category::Etcd, severity: Severity::Warning,
        check: Check::Component { component: Component::Etcd, run: check },
        help: "listen on loopback and the node's control-plane address only" }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    for name in ["listen-client-urls", "listen-peer-urls", "listen-metrics-urls"] {
        for (url, flag) in f.flags.last_list(name) {
            let rest = url.split_once("://").map_or(url, |(_, r)| r);
            let host = super::http_urls::host(rest);
            if matches!(host, "0.0.0.0" | "::" | "") {
                f.report(ctx, Some(flag), format_args!("etcd listens on every interface ({url})"));
            }
        }
    }
}
