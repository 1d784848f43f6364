use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Container listens on a privileged port (below 1024)
    ///
    /// ## What it finds
    /// A `containerPort` from 1 to 1023. Windows pods are skipped (Windows has no privileged
    /// ports). This rule is `info`: it is shown only with `--min-severity info`.
    ///
    /// ## Why it matters
    /// On Linux, binding a port below 1024 takes root or the `NET_BIND_SERVICE` capability, so an
    /// image that listens on port 80 is usually an image that expects to run as root. Recent
    /// container runtimes (containerd 2, Docker 20.10+) lower `net.ipv4.ip_unprivileged_port_start`
    /// to 0 inside the pod's network namespace, which removes that need, so this is a hint rather
    /// than a hazard, except with `hostNetwork: true`, where the port is the node's own and
    /// the process can take the place of a node service (SSH on 22, DNS on 53).
    ///
    /// ## How to fix
    /// Listen on a port of 1024 or more (8080 instead of 80, 8443 instead of 443) and map the
    /// well-known port in the Service (`port: 80`, `targetPort: 8080`).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    ///     ports: [{containerPort: 80}]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginxinc/nginx-unprivileged:1.27
    ///     ports: [{containerPort: 8080}]
    /// ```
    ///
    /// ## References
    /// - Kubernetes documentation, "Using sysctls in a Kubernetes Cluster" (`net.ipv4.ip_unprivileged_port_start`)
    pub RULE = { id: "container-privileged-port", category: Category::Container,
        severity: Severity::Info, check: Check::Container(check),
        help: "listen on a port of 1024 or more and map the well-known port in the Service",
        equivalents: &[("kube-linter", "privileged-ports"), ("trivy", "KSV117")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    let spec = c.pod.spec();
    if super::is_windows(spec) {
        return;
    }
    let where_ =
        if spec.host_network == Some(true) { " on the node's network (hostNetwork)" } else { "" };
    for (i, p) in c.container.ports.iter().flatten().enumerate() {
        if (1..1024).contains(&p.container_port) {
            ctx.report(
                FieldPath::root().key("ports").index(i).key("containerPort"),
                format_args!(
                    "{} listens on privileged port {}{where_}",
                    super::who(c),
                    p.container_port
                ),
            );
        }
    }
}
