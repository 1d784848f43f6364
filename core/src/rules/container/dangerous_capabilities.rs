use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Container adds a capability that leads to the node or other workloads
    ///
    /// ## What it finds
    /// A container whose `securityContext.capabilities.add` lists `ALL`, `SYS_ADMIN`,
    /// `SYS_MODULE`, `SYS_RAWIO`, `SYS_PTRACE`, `DAC_READ_SEARCH`, `BPF`, `PERFMON`, `MAC_ADMIN`,
    /// `NET_ADMIN` or `NET_RAW`. Names are matched case-insensitively (containerd and CRI-O
    /// upper-case them) and with or without the `CAP_` prefix (CRI-O accepts it). Windows pods
    /// are skipped (they have no capabilities).
    ///
    /// ## Why it matters
    /// Each of these is a known step out of the container: `SYS_ADMIN` is "the new root" (mounts,
    /// namespaces, most published escapes), `SYS_MODULE` loads kernel code, `SYS_RAWIO` reaches
    /// devices and memory, `DAC_READ_SEARCH` reads host files by handle (the "shocker" escape),
    /// `SYS_PTRACE` injects code into processes it can see, `BPF` and `PERFMON` observe the
    /// kernel and every process, `MAC_ADMIN` rewrites the AppArmor/SELinux policy that confines
    /// other containers, `NET_ADMIN` reconfigures interfaces, routes and firewall rules, and
    /// `NET_RAW` forges packets (ARP and DNS spoofing on the pod network).
    ///
    /// `pss-capabilities-baseline` also rejects these (and every other capability outside the
    /// runtime's default set); it says *that* admission would refuse the pod. This rule says *what*
    /// the capability gives an attacker, and it stays on where the Pod Security Standards are
    /// deliberately relaxed (a `privileged` namespace for a CNI or monitoring agent). Capabilities
    /// that are outside the default set but not a known path to the node (`SYS_NICE`,
    /// `IPC_LOCK`, …) are left to the PSS rule.
    ///
    /// ## How to fix
    /// Remove the capability. When a program truly needs one (a CNI plugin needs `NET_ADMIN`),
    /// run it in its own namespace, drop `ALL` and add back only that one, and suppress this
    /// finding with the reason.
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
    ///     securityContext:
    ///       capabilities: {add: [SYS_ADMIN]}
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    ///     securityContext:
    ///       capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "Capabilities"
    /// - CIS Kubernetes Benchmark 5.2.8 (NET_RAW), 5.2.9 (added capabilities)
    /// - NSA/CISA Kubernetes Hardening Guide, "Pod security"
    pub RULE = { id: "container-dangerous-capabilities", category: Category::Container,
        severity: Severity::Error, check: Check::Container(check),
        help: "remove the capability; if it is truly needed, drop ALL, add back only it, and suppress with the reason",
        equivalents: &[("checkov", "CKV_K8S_39 (SYS_ADMIN)"), ("trivy", "KSV005 (SYS_ADMIN)"),
            ("polaris", "dangerousCapabilities")] }
}

/// The capabilities reported, each with what it gives an attacker.
const DANGEROUS: &[(&str, &str)] = &[
    ("ALL", "every capability, nearly a privileged container"),
    ("SYS_ADMIN", "mounts, namespaces and most known container escapes"),
    ("SYS_MODULE", "loading kernel modules, that is code in the node's kernel"),
    ("SYS_RAWIO", "raw access to devices, I/O ports and memory"),
    ("SYS_PTRACE", "tracing and injecting code into other processes"),
    ("DAC_READ_SEARCH", "reading any file by handle, a known escape to the host filesystem"),
    ("BPF", "loading BPF programs that read kernel memory and trace every process"),
    ("PERFMON", "tracing the kernel and other processes"),
    ("MAC_ADMIN", "changing the AppArmor or SELinux policy that confines containers"),
    ("NET_ADMIN", "reconfiguring interfaces, routes and firewall rules"),
    ("NET_RAW", "forging packets (ARP and DNS spoofing)"),
];

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    if super::is_windows(c.pod.spec()) {
        return;
    }
    let added = c
        .container
        .security_context
        .as_ref()
        .and_then(|sc| sc.capabilities.as_ref())
        .and_then(|caps| caps.add.as_deref())
        .unwrap_or_default();
    for (i, cap) in added.iter().enumerate() {
        let upper = cap.trim().to_ascii_uppercase();
        let name = upper.strip_prefix("CAP_").unwrap_or(&upper);
        if let Some((name, why)) = DANGEROUS.iter().find(|(n, _)| *n == name) {
            ctx.report(
                crate::model::FieldPath::root()
                    .key("securityContext")
                    .key("capabilities")
                    .key("add")
                    .index(i),
                format_args!("{} adds capability {name}: {why}", super::who(c)),
            );
        }
    }
}
