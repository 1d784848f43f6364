use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx, is_loopback};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// Etcd serves or advertises plain-HTTP URLs
    ///
    /// ## What it finds
    /// `--listen-client-urls` or `--advertise-client-urls` with `http://` (including when unset:
    /// the defaults are `http://localhost:2379`), and `--listen-peer-urls` or
    /// `--initial-advertise-peer-urls` with `http://` on an address other than loopback. The
    /// last occurrence of each flag wins. Metrics URLs are not judged here.
    ///
    /// ## Why it matters
    /// Over plain HTTP the keys (every Secret) cross the network readable, and no client
    /// certificate can be required. Even on localhost every process on the node can connect.
    ///
    /// ## How to fix
    /// Use `https://` URLs with `--cert-file`/`--key-file` (and the peer equivalents).
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
    ///     command: [etcd, --listen-client-urls=http://10.0.0.5:2379, --advertise-client-urls=https://10.0.0.5:2379]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: etcd, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: etcd
    ///     image: registry.k8s.io/etcd:3.5.15-0
    ///     command: [etcd, --listen-client-urls=https://10.0.0.5:2379, --advertise-client-urls=https://10.0.0.5:2379]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 2.1, 2.4
    /// - NSA/CISA Kubernetes Hardening Guide, "Etcd"
    pub RULE = { id: "etcd-http-urls", category: Category::Etcd, severity: Severity::Error,
        check: Check::Component { component: Component::Etcd, run: check },
        help: "use https:// URLs with --cert-file and --key-file" }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    let client = ["listen-client-urls", "advertise-client-urls"];
    let peer = ["listen-peer-urls", "initial-advertise-peer-urls"];
    for name in client {
        let urls = f.flags.last_list(name);
        if urls.is_empty() {
            f.report(ctx, None, format_args!("etcd serves clients over plain HTTP (--{name} defaults to http://localhost:2379)"));
        }
        for (url, flag) in urls {
            if url.starts_with("http://") {
                f.report(
                    ctx,
                    Some(flag),
                    format_args!("etcd serves clients over plain HTTP ({url})"),
                );
            }
        }
    }
    for name in peer {
        for (url, flag) in f.flags.last_list(name) {
            if let Some(rest) = url.strip_prefix("http://")
                && !is_loopback(host(rest))
            {
                f.report(
                    ctx,
                    Some(flag),
                    format_args!("etcd talks to peers over plain HTTP ({url})"),
                );
            }
        }
    }
}

/// The host of `host:port/path` (brackets kept off an IPv6 address).
pub(crate) fn host(rest: &str) -> &str {
    let hostport = rest.split('/').next().unwrap_or(rest);
    if let Some(v6) = hostport.strip_prefix('[') {
        return v6.split(']').next().unwrap_or(v6);
    }
    hostport.rsplit_once(':').map_or(hostport, |(h, _)| h)
}
