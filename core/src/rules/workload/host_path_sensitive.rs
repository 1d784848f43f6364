use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod mounts a container runtime socket or a sensitive host path
    ///
    /// ## What it finds
    /// A `hostPath` volume whose path, after normalisation (repeated and trailing slashes,
    /// `.` and `..` segments, `/var/run` read as `/run`), is
    /// - a container runtime socket or its directory: `docker.sock`, `containerd.sock`,
    ///   `crio.sock`, `cri-dockerd.sock`, `podman.sock` anywhere, and `/run/containerd`,
    ///   `/run/crio`, `/run/docker`, `/run/podman`, `/run/k3s/containerd` and below (error);
    /// - the host's root `/` or `/run` itself, which holds the sockets (error);
    /// - a sensitive host path (warning): `/etc`, `/var`, `/usr`, `/lib`, `/bin`, `/sbin`,
    ///   `/dev`, `/lib/modules`, `/var/lib` exactly, and `/proc`, `/sys`, `/boot`, `/root`,
    ///   `/home`, `/etc/kubernetes`, `/etc/ssh`, `/etc/shadow`, `/etc/sudoers`,
    ///   `/var/lib/kubelet`, `/var/lib/etcd`, `/var/lib/docker`, `/var/lib/containerd`,
    ///   `/var/log` and anything below them.
    ///
    /// Any `hostPath` already fails the Pod Security Standards baseline
    /// (`pss-host-path-volumes`); this rule says which ones hand over the node.
    ///
    /// ## Why it matters
    /// The runtime socket is root on the node: whoever can talk to it starts a privileged
    /// container with the host filesystem mounted. `/` is the whole node. The kubelet's
    /// directory holds every pod's Secrets and the kubelet's credentials, `/etc/kubernetes`
    /// the cluster's PKI and admin kubeconfigs, `/var/lib/etcd` the whole cluster state,
    /// `/proc` and `/sys` the kernel's controls, `/var/log` every pod's logs. Read access leaks
    /// credentials; write access (no `readOnly`) is a node escape.
    ///
    /// ## How to fix
    /// Remove the volume. An agent that truly needs node access (CSI driver, log shipper,
    /// node exporter) should mount the narrowest path, read-only, and carry a suppression
    /// annotation stating why.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: apps/v1
    /// kind: DaemonSet
    /// metadata: {name: builder}
    /// spec:
    ///   selector: {matchLabels: {app: builder}}
    ///   template:
    ///     metadata: {labels: {app: builder}}
    ///     spec:
    ///       containers:
    ///       - name: build
    ///         image: registry.example/builder:2.0
    ///         volumeMounts: [{name: docker, mountPath: /var/run/docker.sock}]
    ///       volumes:
    ///       - name: docker
    ///         hostPath: {path: /var/run/docker.sock, type: Socket}
    /// ```
    /// ```yaml pass
    /// apiVersion: apps/v1
    /// kind: DaemonSet
    /// metadata: {name: builder}
    /// spec:
    ///   selector: {matchLabels: {app: builder}}
    ///   template:
    ///     metadata: {labels: {app: builder}}
    ///     spec:
    ///       containers:
    ///       - name: build
    ///         image: registry.example/builder:2.0
    ///         volumeMounts: [{name: work, mountPath: /work}]
    ///       volumes:
    ///       - name: work
    ///         emptyDir: {sizeLimit: 1Gi}
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "HostPath Volumes"
    /// - CIS Kubernetes Benchmark 5.2 (minimize the admission of containers that can reach the host)
    /// - NSA/CISA Kubernetes Hardening Guide: "Pod security" (host path and container runtime socket mounts)
    pub RULE = { id: "workload-host-path-sensitive", category: Category::Workload, severity: Severity::Error,
        check: Check::PodSpec(check),
        help: "remove the hostPath volume; if node access is unavoidable, mount the narrowest path read-only",
        equivalents: &[("kube-linter", "docker-sock / container-runtime-sock / sensitive-host-mounts"),
            ("checkov", "CKV_K8S_27"), ("trivy", "KSV006, KSV121")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    for (i, v) in pod.spec().volumes.iter().flatten().enumerate() {
        let Some(hp) = &v.host_path else { continue };
        let Some((what, severity)) = classify(&hp.path) else { continue };
        let norm = normalise(&hp.path);
        let shown = if norm == hp.path { hp.path.clone() } else { format!("{} ({norm})", hp.path) };
        ctx.report(
            format!("spec.volumes[{i}].hostPath.path"),
            format_args!("hostPath volume {:?} mounts {shown}, {what}", v.name),
        )
        .severity(severity);
    }
}

/// Sockets of the container runtimes, by file name.
const SOCKETS: &[&str] =
    &["docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock", "podman.sock"];
/// Runtime directories (after `/var/run` → `/run`): the path and everything below.
const RUNTIME_DIRS: &[&str] =
    &["/run/containerd", "/run/crio", "/run/docker", "/run/podman", "/run/k3s/containerd"];
/// Sensitive only as a whole directory (narrower paths below are common and benign).
const SENSITIVE_EXACT: &[&str] = &[
    "/etc",
    "/var",
    "/usr",
    "/lib",
    "/lib64",
    "/bin",
    "/sbin",
    "/dev",
    "/lib/modules",
    "/var/lib",
];
/// Sensitive with everything below.
const SENSITIVE_TREES: &[&str] = &[
    "/proc",
    "/sys",
    "/boot",
    "/root",
    "/home",
    "/etc/kubernetes",
    "/etc/ssh",
    "/etc/shadow",
    "/etc/sudoers",
    "/var/lib/kubelet",
    "/var/lib/etcd",
    "/var/lib/docker",
    "/var/lib/containerd",
    "/var/log",
];

/// What the path exposes and how bad it is, or `None` for a path not on the lists.
fn classify(path: &str) -> Option<(&'static str, Severity)> {
    let norm = normalise(path);
    let key = match norm.strip_prefix("/var/run") {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("/run{rest}"),
        _ => norm,
    };
    let under = |dir: &str| key == dir || key.strip_prefix(dir).is_some_and(|r| r.starts_with('/'));
    let file = key.rsplit('/').next().unwrap_or("");
    if SOCKETS.contains(&file) || RUNTIME_DIRS.iter().any(|d| under(d)) {
        return Some(("a container runtime socket", Severity::Error));
    }
    if key == "/" {
        return Some(("the host's root filesystem", Severity::Error));
    }
    if key == "/run" {
        return Some(("the host directory of the container runtime sockets", Severity::Error));
    }
    if SENSITIVE_EXACT.contains(&key.as_str()) || SENSITIVE_TREES.iter().any(|d| under(d)) {
        return Some(("a sensitive host path", Severity::Warning));
    }
    None
}

/// An absolute path with `//`, trailing `/`, `.` and `..` resolved (`..` stops at the root).
fn normalise(path: &str) -> String {
    let mut segs: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    format!("/{}", segs.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(normalise("//etc/"), "/etc");
        assert_eq!(normalise("/var/lib/../../etc/./kubernetes/"), "/etc/kubernetes");
        assert_eq!(normalise("/../.."), "/");
        let sev = |p| classify(p).map(|(_, s)| s);
        assert_eq!(sev("/var/run/docker.sock"), Some(Severity::Error));
        assert_eq!(sev("/run//containerd/containerd.sock"), Some(Severity::Error));
        assert_eq!(sev("/var/run/crio/crio.sock"), Some(Severity::Error));
        assert_eq!(sev("/var/run/cri-dockerd.sock"), Some(Severity::Error));
        assert_eq!(sev("/var/run/"), Some(Severity::Error));
        assert_eq!(sev("/tmp/../"), Some(Severity::Error));
        assert_eq!(sev("/etc/"), Some(Severity::Warning));
        assert_eq!(sev("/var/lib/kubelet/pods"), Some(Severity::Warning));
        assert_eq!(sev("/proc/sys/net"), Some(Severity::Warning));
        assert_eq!(sev("/etc/ssl/certs"), None);
        assert_eq!(sev("/run/xtables.lock"), None);
        assert_eq!(sev("/var/runner"), None);
        assert_eq!(sev("/data/app"), None);
        assert_eq!(sev("/etc/kubernetes-backup"), None);
    }
}
