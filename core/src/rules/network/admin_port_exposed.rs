use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check, Ctx, ObjectCtx};
use crate::source::NodeRef;

declare_rule! {
    /// LoadBalancer or NodePort Service exposes an administration port
    ///
    /// ## What it finds
    /// A Service of type `LoadBalancer` or `NodePort` with a `port` or `targetPort` that is an
    /// administration or control-plane port: SSH (22), Telnet (23), RDP (3389), VNC (5900),
    /// WinRM (5985, 5986), the Docker API (2375, 2376), etcd (2379, 2380), the API server
    /// (6443), the kubelet (10250, 10255), the controller manager (10257) or the scheduler
    /// (10259). A `LoadBalancer` whose `loadBalancerSourceRanges` leave out `0.0.0.0/0` is not
    /// reported.
    ///
    /// ## Why it matters
    /// These ports give control of a machine or of the cluster. Exposed on every node (NodePort)
    /// or on a public address (LoadBalancer), they are found by internet-wide scans within hours
    /// and brute-forced or exploited.
    ///
    /// ## How to fix
    /// Use a `ClusterIP` Service and reach it through `kubectl port-forward` or a VPN, or restrict
    /// the load balancer with `loadBalancerSourceRanges`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Service
    /// metadata: {name: bastion, namespace: ops}
    /// spec:
    ///   type: LoadBalancer
    ///   selector: {app: bastion}
    ///   ports:
    ///   - {name: ssh, port: 22, targetPort: 22}
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Service
    /// metadata: {name: bastion, namespace: ops}
    /// spec:
    ///   type: LoadBalancer
    ///   loadBalancerSourceRanges: [203.0.113.0/24]
    ///   selector: {app: bastion}
    ///   ports:
    ///   - {name: ssh, port: 22, targetPort: 22}
    /// ```
    ///
    /// ## References
    /// - NSA/CISA Kubernetes Hardening Guide, "Network separation and hardening"
    /// - CIS Kubernetes Benchmark v1.10, 5.3 (network policies and CNI), 1.2 (API server exposure)
    pub RULE = { id: "network-admin-port-exposed", category: Category::Network,
        severity: Severity::Warning, check: Check::Object { kinds: &["Service"], run: check },
        help: "use a ClusterIP Service, or restrict loadBalancerSourceRanges" }
}

const ADMIN: &[(i64, &str)] = &[
    (22, "SSH"),
    (23, "Telnet"),
    (2375, "the Docker API"),
    (2376, "the Docker API"),
    (2379, "etcd"),
    (2380, "etcd peers"),
    (3389, "RDP"),
    (5900, "VNC"),
    (5985, "WinRM"),
    (5986, "WinRM"),
    (6443, "the Kubernetes API server"),
    (10250, "the kubelet API"),
    (10255, "the kubelet read-only API"),
    (10257, "the controller manager"),
    (10259, "the scheduler"),
];

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(spec) = o.root.get("spec") else { return };
    let ty = spec.get("type").and_then(NodeRef::as_str).unwrap_or("ClusterIP");
    if !matches!(ty, "LoadBalancer" | "NodePort") {
        return;
    }
    if ty == "LoadBalancer"
        && let Some(ranges) = spec.get("loadBalancerSourceRanges")
        && ranges.items().next().is_some()
        && !ranges
            .items()
            .filter_map(NodeRef::as_str)
            .any(|r| matches!(r.trim(), "0.0.0.0/0" | "::/0"))
    {
        return;
    }
    let Some(ports) = spec.get("ports") else { return };
    for (i, p) in ports.items().enumerate() {
        for field in ["port", "targetPort"] {
            let Some(n) = p.get(field).and_then(NodeRef::as_i64) else { continue };
            if let Some((_, what)) = ADMIN.iter().find(|(port, _)| *port == n) {
                ctx.report(
                    FieldPath::root().key("spec").key("ports").index(i).key(field),
                    format_args!("service of type {ty} exposes port {n} ({what})"),
                );
                break;
            }
        }
    }
}
