//! The check implementations. Each follows the upstream check of the same id: which fields it
//! reads, what it allows, and how container-level values inherit the pod-level ones.
//!
//! Containers are visited as upstream does: init containers, then containers, then ephemeral
//! containers.

use super::{CheckInfo, PodInput, PssLevel, Version, Violation};
use crate::model::FieldPath;
use k8s_openapi::api::core::v1::{
    Container, ContainerPort, EphemeralContainer, Lifecycle, LifecycleHandler, PodSecurityContext,
    PodSpec, Probe, SecurityContext, Volume,
};
use std::collections::{BTreeMap, BTreeSet};

/// Which list a container comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Init,
    Regular,
    Ephemeral,
}

/// The fields the checks read from any container, init container or ephemeral container.
pub(super) struct ContainerView<'a> {
    kind: Kind,
    index: usize,
    name: &'a str,
    security_context: Option<&'a SecurityContext>,
    ports: &'a [ContainerPort],
    liveness_probe: Option<&'a Probe>,
    readiness_probe: Option<&'a Probe>,
    startup_probe: Option<&'a Probe>,
    lifecycle: Option<&'a Lifecycle>,
}

impl<'a> ContainerView<'a> {
    fn from_container(kind: Kind, index: usize, c: &'a Container) -> Self {
        Self {
            kind,
            index,
            name: &c.name,
            security_context: c.security_context.as_ref(),
            ports: c.ports.as_deref().unwrap_or_default(),
            liveness_probe: c.liveness_probe.as_ref(),
            readiness_probe: c.readiness_probe.as_ref(),
            startup_probe: c.startup_probe.as_ref(),
            lifecycle: c.lifecycle.as_ref(),
        }
    }

    fn from_ephemeral(index: usize, c: &'a EphemeralContainer) -> Self {
        Self {
            kind: Kind::Ephemeral,
            index,
            name: &c.name,
            security_context: c.security_context.as_ref(),
            ports: c.ports.as_deref().unwrap_or_default(),
            liveness_probe: c.liveness_probe.as_ref(),
            readiness_probe: c.readiness_probe.as_ref(),
            startup_probe: c.startup_probe.as_ref(),
            lifecycle: c.lifecycle.as_ref(),
        }
    }

    /// `spec.containers[i]`, `spec.initContainers[i]` or `spec.ephemeralContainers[i]`.
    fn path(&self) -> FieldPath {
        let list = match self.kind {
            Kind::Init => "initContainers",
            Kind::Regular => "containers",
            Kind::Ephemeral => "ephemeralContainers",
        };
        spec().key(list).index(self.index)
    }

    /// `spec.containers[i].securityContext.<key>`.
    fn sc_path(&self, key: &'static str) -> FieldPath {
        self.path().key("securityContext").key(key)
    }

    /// `container "app"`, `init container "setup"`, `ephemeral container "debug"`.
    fn who(&self) -> String {
        let kind = match self.kind {
            Kind::Init => "init container",
            Kind::Regular => "container",
            Kind::Ephemeral => "ephemeral container",
        };
        format!("{kind} {:?}", self.name)
    }
}

/// What every check reads: the pod and its containers in upstream visiting order.
pub(super) struct Ctx<'a> {
    spec: &'a PodSpec,
    annotations: Option<&'a BTreeMap<String, String>>,
    containers: Vec<ContainerView<'a>>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(pod: &PodInput<'a>) -> Self {
        let spec = pod.spec;
        let mut containers = Vec::new();
        for (i, c) in spec.init_containers.iter().flatten().enumerate() {
            containers.push(ContainerView::from_container(Kind::Init, i, c));
        }
        for (i, c) in spec.containers.iter().enumerate() {
            containers.push(ContainerView::from_container(Kind::Regular, i, c));
        }
        for (i, c) in spec.ephemeral_containers.iter().flatten().enumerate() {
            containers.push(ContainerView::from_ephemeral(i, c));
        }
        Self { spec, annotations: pod.metadata.and_then(|m| m.annotations.as_ref()), containers }
    }

    fn pod_sc(&self) -> Option<&'a PodSecurityContext> {
        self.spec.security_context.as_ref()
    }

    fn annotation(&self, key: &str) -> Option<&'a str> {
        self.annotations.and_then(|a| a.get(key)).map(String::as_str)
    }

    /// `spec.os.name: windows` (exact, as upstream compares it).
    fn is_windows(&self) -> bool {
        self.spec.os.as_ref().is_some_and(|os| os.name == "windows")
    }

    /// `spec.hostUsers: false`: the pod runs in a user namespace (KEP-127).
    fn in_user_namespace(&self) -> bool {
        self.spec.host_users == Some(false)
    }
}

/// Collects the violations of one check.
struct Sink<'o> {
    check: &'static str,
    level: PssLevel,
    out: &'o mut Vec<Violation>,
}

impl Sink<'_> {
    fn report(&mut self, field: FieldPath, message: String) {
        self.out.push(Violation { check: self.check, level: self.level, field, message });
    }
}

fn spec() -> FieldPath {
    FieldPath::root().key("spec")
}

fn pod_sc_path(key: &'static str) -> FieldPath {
    spec().key("securityContext").key(key)
}

fn annotation_path(key: &str) -> FieldPath {
    FieldPath::root().key("metadata").key("annotations").key(key.to_owned())
}

/// Runs revision `min` of `info` and appends its violations.
pub(super) fn run(info: &CheckInfo, min: Version, ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let mut sink = Sink { check: info.id, level: info.level, out };
    let m = min.minor();
    let exempt = match info.id {
        // 1.35: a pod in a user namespace (hostUsers: false) may run as (namespaced) root, and
        // at baseline may use any procMount.
        "procMount" | "runAsNonRoot" | "runAsUser" => m >= 35 && ctx.in_user_namespace(),
        // 1.25: these restricted checks do not apply to Windows pods.
        "allowPrivilegeEscalation" | "seccompProfile_restricted" | "capabilities_restricted" => {
            m >= 25 && ctx.is_windows()
        }
        _ => false,
    };
    if exempt {
        return;
    }
    match info.id {
        "hostNamespaces" => host_namespaces(ctx, &mut sink),
        "privileged" => privileged(ctx, &mut sink),
        "capabilities_baseline" => capabilities_baseline(ctx, &mut sink),
        "hostPathVolumes" => host_path_volumes(ctx, &mut sink),
        "hostPorts" => host_ports(ctx, &mut sink),
        "appArmorProfile" => app_armor_profile(ctx, &mut sink),
        "seLinuxOptions" => se_linux_options(ctx, m, &mut sink),
        // procMount_restricted is unconditional, whatever hostUsers says.
        "procMount" | "procMount_restricted" => proc_mount(ctx, &mut sink),
        "seccompProfile_baseline" if m >= 19 => seccomp_baseline_fields(ctx, &mut sink),
        "seccompProfile_baseline" => seccomp_baseline_annotations(ctx, &mut sink),
        "sysctls" => sysctls(ctx, m, &mut sink),
        "windowsHostProcess" => windows_host_process(ctx, &mut sink),
        "hostProbesAndHostLifecycle" => host_probes_and_lifecycle(ctx, &mut sink),
        "restrictedVolumes" => restricted_volumes(ctx, &mut sink),
        "allowPrivilegeEscalation" => allow_privilege_escalation(ctx, &mut sink),
        "runAsNonRoot" => run_as_non_root(ctx, &mut sink),
        "runAsUser" => run_as_user(ctx, &mut sink),
        "seccompProfile_restricted" => seccomp_restricted(ctx, &mut sink),
        "capabilities_restricted" => capabilities_restricted(ctx, &mut sink),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Baseline

fn host_namespaces(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let s = ctx.spec;
    for (value, key, what) in [
        (s.host_network, "hostNetwork", "the node's network namespace"),
        (s.host_pid, "hostPID", "the node's process namespace"),
        (s.host_ipc, "hostIPC", "the node's IPC namespace"),
    ] {
        if value == Some(true) {
            sink.report(spec().key(key), format!("pod sets {key}: true and shares {what}"));
        }
    }
}

fn privileged(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for c in &ctx.containers {
        if c.security_context.and_then(|sc| sc.privileged) == Some(true) {
            sink.report(c.sc_path("privileged"), format!("{} sets privileged: true", c.who()));
        }
    }
}

/// The container runtime's default capabilities: the only ones baseline lets a container add.
const BASELINE_CAPABILITIES: &[&str] = &[
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

fn capabilities_baseline(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for c in &ctx.containers {
        let Some(caps) = c.security_context.and_then(|sc| sc.capabilities.as_ref()) else {
            continue;
        };
        for (i, cap) in caps.add.iter().flatten().enumerate() {
            if !BASELINE_CAPABILITIES.contains(&cap.as_str()) {
                sink.report(
                    c.path().key("securityContext").key("capabilities").key("add").index(i),
                    format!("{} adds capability {cap:?}, which is not in the default set baseline allows", c.who()),
                );
            }
        }
    }
}

fn host_path_volumes(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (i, v) in ctx.spec.volumes.iter().flatten().enumerate() {
        if let Some(hp) = &v.host_path {
            sink.report(
                spec().key("volumes").index(i).key("hostPath"),
                format!("host path volume {:?} mounts {}", v.name, hp.path),
            );
        }
    }
}

fn host_ports(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for c in &ctx.containers {
        for (i, p) in c.ports.iter().enumerate() {
            if let Some(hp) = p.host_port.filter(|&hp| hp != 0) {
                sink.report(
                    c.path().key("ports").index(i).key("hostPort"),
                    format!("{} uses hostPort {hp}", c.who()),
                );
            }
        }
    }
}

const APPARMOR_ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

fn app_armor_profile(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let allowed_type = |t: &str| t == "RuntimeDefault" || t == "Localhost";
    if let Some(p) = ctx.pod_sc().and_then(|sc| sc.app_armor_profile.as_ref())
        && !allowed_type(&p.type_)
    {
        sink.report(
            pod_sc_path("appArmorProfile").key("type"),
            format!("pod sets forbidden AppArmor profile type {:?}", p.type_),
        );
    }
    for c in &ctx.containers {
        if let Some(p) = c.security_context.and_then(|sc| sc.app_armor_profile.as_ref())
            && !allowed_type(&p.type_)
        {
            sink.report(
                c.sc_path("appArmorProfile").key("type"),
                format!("{} sets forbidden AppArmor profile type {:?}", c.who(), p.type_),
            );
        }
    }
    for (key, value) in ctx.annotations.into_iter().flatten() {
        let Some(container) = key.strip_prefix(APPARMOR_ANNOTATION_PREFIX) else {
            continue;
        };
        let ok = value.is_empty() || value == "runtime/default" || value.starts_with("localhost/");
        if !ok {
            sink.report(
                annotation_path(key),
                format!("annotation {key} sets forbidden AppArmor profile {value:?} for container {container:?}"),
            );
        }
    }
}

fn se_linux_options(ctx: &Ctx<'_>, m: u8, sink: &mut Sink<'_>) {
    let allowed_type = |t: &str| {
        matches!(t, "" | "container_t" | "container_init_t" | "container_kvm_t")
            || (m >= 31 && t == "container_engine_t")
    };
    let mut check =
        |opts: &k8s_openapi::api::core::v1::SELinuxOptions, base: FieldPath, who: &str| {
            let t = opts.type_.as_deref().unwrap_or_default();
            if !allowed_type(t) {
                sink.report(
                    base.key("type"),
                    format!("{who} sets forbidden seLinuxOptions.type {t:?}"),
                );
            }
            if let Some(user) = opts.user.as_deref().filter(|u| !u.is_empty()) {
                sink.report(
                    base.key("user"),
                    format!("{who} sets seLinuxOptions.user {user:?}, which is forbidden"),
                );
            }
            if let Some(role) = opts.role.as_deref().filter(|r| !r.is_empty()) {
                sink.report(
                    base.key("role"),
                    format!("{who} sets seLinuxOptions.role {role:?}, which is forbidden"),
                );
            }
        };
    if let Some(opts) = ctx.pod_sc().and_then(|sc| sc.se_linux_options.as_ref()) {
        check(opts, pod_sc_path("seLinuxOptions"), "pod");
    }
    for c in &ctx.containers {
        if let Some(opts) = c.security_context.and_then(|sc| sc.se_linux_options.as_ref()) {
            check(opts, c.sc_path("seLinuxOptions"), &c.who());
        }
    }
}

/// procMount must be unset or `Default` (baseline before 1.35, and restricted's override).
fn proc_mount(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for c in &ctx.containers {
        if let Some(pm) = c.security_context.and_then(|sc| sc.proc_mount.as_deref())
            && pm != "Default"
        {
            sink.report(c.sc_path("procMount"), format!("{} sets procMount: {pm}", c.who()));
        }
    }
}

const SECCOMP_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";

/// v1.0–v1.18: the seccomp alpha annotations.
fn seccomp_baseline_annotations(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let allowed =
        |v: &str| v == "runtime/default" || v == "docker/default" || v.starts_with("localhost/");
    if let Some(v) = ctx.annotation(SECCOMP_POD_ANNOTATION)
        && !allowed(v)
    {
        sink.report(
                annotation_path(SECCOMP_POD_ANNOTATION),
                format!("annotation {SECCOMP_POD_ANNOTATION} sets forbidden seccomp profile {v:?} for the pod"),
            );
    }
    // Only annotations naming one of the pod's containers count; report each key once.
    let mut seen = BTreeSet::new();
    for c in &ctx.containers {
        let key = format!("{SECCOMP_CONTAINER_ANNOTATION_PREFIX}{}", c.name);
        if let Some(v) = ctx.annotation(&key)
            && !allowed(v)
            && seen.insert(key.clone())
        {
            sink.report(
                annotation_path(&key),
                format!("annotation {key} sets forbidden seccomp profile {v:?} for {}", c.who()),
            );
        }
    }
}

fn valid_seccomp_type(t: &str) -> bool {
    t == "RuntimeDefault" || t == "Localhost"
}

/// v1.19+: an explicit `seccompProfile.type` must be RuntimeDefault or Localhost.
fn seccomp_baseline_fields(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(p) = ctx.pod_sc().and_then(|sc| sc.seccomp_profile.as_ref())
        && !valid_seccomp_type(&p.type_)
    {
        sink.report(
            pod_sc_path("seccompProfile").key("type"),
            format!("pod sets forbidden seccompProfile.type {:?}", p.type_),
        );
    }
    for c in &ctx.containers {
        if let Some(p) = c.security_context.and_then(|sc| sc.seccomp_profile.as_ref())
            && !valid_seccomp_type(&p.type_)
        {
            sink.report(
                c.sc_path("seccompProfile").key("type"),
                format!("{} sets forbidden seccompProfile.type {:?}", c.who(), p.type_),
            );
        }
    }
}

/// The safe sysctls of each `sysctls` revision (every revision adds to the previous one).
const SYSCTLS_1_0: &[&str] = &[
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_unprivileged_port_start",
];
const SYSCTLS_1_27: &[&str] = &["net.ipv4.ip_local_reserved_ports"];
const SYSCTLS_1_29: &[&str] = &[
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
];
const SYSCTLS_1_32: &[&str] = &["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"];
const SYSCTLS_1_37: &[&str] = &["net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"];

/// Whether sysctl `name` is safe in revision `m` of the sysctls check.
pub(super) fn sysctl_allowed(m: u8, name: &str) -> bool {
    [
        (0, SYSCTLS_1_0),
        (27, SYSCTLS_1_27),
        (29, SYSCTLS_1_29),
        (32, SYSCTLS_1_32),
        (37, SYSCTLS_1_37),
    ]
    .iter()
    .any(|(since, set)| m >= *since && set.contains(&name))
}

fn sysctls(ctx: &Ctx<'_>, m: u8, sink: &mut Sink<'_>) {
    let Some(list) = ctx.pod_sc().and_then(|sc| sc.sysctls.as_ref()) else {
        return;
    };
    for (i, s) in list.iter().enumerate() {
        if !sysctl_allowed(m, &s.name) {
            sink.report(
                pod_sc_path("sysctls").index(i).key("name"),
                format!("pod sets forbidden sysctl {:?}", s.name),
            );
        }
    }
}

fn windows_host_process(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let host_process = |o: Option<&k8s_openapi::api::core::v1::WindowsSecurityContextOptions>| {
        o.and_then(|o| o.host_process) == Some(true)
    };
    if host_process(ctx.pod_sc().and_then(|sc| sc.windows_options.as_ref())) {
        sink.report(
            pod_sc_path("windowsOptions").key("hostProcess"),
            "pod sets windowsOptions.hostProcess: true".to_owned(),
        );
    }
    for c in &ctx.containers {
        if host_process(c.security_context.and_then(|sc| sc.windows_options.as_ref())) {
            sink.report(
                c.sc_path("windowsOptions").key("hostProcess"),
                format!("{} sets windowsOptions.hostProcess: true", c.who()),
            );
        }
    }
}

/// The `host` of a handler's `httpGet` and `tcpSocket` actions.
type Hosts<'a> = [(&'static str, Option<&'a str>); 2];

fn probe_hosts(p: &Probe) -> Hosts<'_> {
    [
        ("httpGet", p.http_get.as_ref().and_then(|h| h.host.as_deref())),
        ("tcpSocket", p.tcp_socket.as_ref().and_then(|t| t.host.as_deref())),
    ]
}

fn lifecycle_hosts(h: &LifecycleHandler) -> Hosts<'_> {
    [
        ("httpGet", h.http_get.as_ref().and_then(|g| g.host.as_deref())),
        ("tcpSocket", h.tcp_socket.as_ref().and_then(|t| t.host.as_deref())),
    ]
}

fn host_probes_and_lifecycle(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for c in &ctx.containers {
        let mut handlers: Vec<(FieldPath, String, Hosts<'_>)> = Vec::new();
        for (key, probe) in [
            ("livenessProbe", c.liveness_probe),
            ("readinessProbe", c.readiness_probe),
            ("startupProbe", c.startup_probe),
        ] {
            if let Some(p) = probe {
                handlers.push((c.path().key(key), key.to_owned(), probe_hosts(p)));
            }
        }
        if let Some(l) = c.lifecycle {
            for (key, h) in [("postStart", &l.post_start), ("preStop", &l.pre_stop)] {
                if let Some(h) = h {
                    handlers.push((
                        c.path().key("lifecycle").key(key),
                        format!("lifecycle.{key}"),
                        lifecycle_hosts(h),
                    ));
                }
            }
        }
        for (base, label, hosts) in handlers {
            for (action, host) in hosts {
                if let Some(host) = host.filter(|h| !h.is_empty()) {
                    sink.report(
                        base.key(action).key("host"),
                        format!(
                            "{} sets {label}.{action}.host {host:?}: probes and lifecycle handlers must target the pod itself",
                            c.who()
                        ),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Restricted

/// The volume source fields that are set, by their YAML names, in upstream's order.
fn restricted_volume_type(v: &Volume) -> Option<&'static str> {
    let allowed = v.config_map.is_some()
        || v.csi.is_some()
        || v.downward_api.is_some()
        || v.empty_dir.is_some()
        || v.ephemeral.is_some()
        || v.image.is_some()
        || v.persistent_volume_claim.is_some()
        || v.projected.is_some()
        || v.secret.is_some();
    if allowed {
        return None;
    }
    let restricted = [
        (v.host_path.is_some(), "hostPath"),
        (v.gce_persistent_disk.is_some(), "gcePersistentDisk"),
        (v.aws_elastic_block_store.is_some(), "awsElasticBlockStore"),
        (v.git_repo.is_some(), "gitRepo"),
        (v.nfs.is_some(), "nfs"),
        (v.iscsi.is_some(), "iscsi"),
        (v.glusterfs.is_some(), "glusterfs"),
        (v.rbd.is_some(), "rbd"),
        (v.flex_volume.is_some(), "flexVolume"),
        (v.cinder.is_some(), "cinder"),
        (v.cephfs.is_some(), "cephfs"),
        (v.flocker.is_some(), "flocker"),
        (v.fc.is_some(), "fc"),
        (v.azure_file.is_some(), "azureFile"),
        (v.vsphere_volume.is_some(), "vsphereVolume"),
        (v.quobyte.is_some(), "quobyte"),
        (v.azure_disk.is_some(), "azureDisk"),
        (v.photon_persistent_disk.is_some(), "photonPersistentDisk"),
        (v.portworx_volume.is_some(), "portworxVolume"),
        (v.scale_io.is_some(), "scaleIO"),
        (v.storageos.is_some(), "storageos"),
    ];
    // A volume with no source at all is defaulted to emptyDir by the API server before
    // admission, so it is allowed.
    restricted.iter().find(|(set, _)| *set).map(|(_, name)| *name)
}

fn restricted_volumes(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (i, v) in ctx.spec.volumes.iter().flatten().enumerate() {
        if let Some(kind) = restricted_volume_type(v) {
            let detail = match (&v.host_path, kind) {
                (Some(hp), "hostPath") => format!(" (mounts {})", hp.path),
                _ => String::new(),
            };
            sink.report(
                spec().key("volumes").index(i).key(kind),
                format!("volume {:?} uses restricted volume type {kind}{detail}", v.name),
            );
        }
    }
}

fn allow_privilege_escalation(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for c in &ctx.containers {
        match c.security_context.and_then(|sc| sc.allow_privilege_escalation) {
            Some(false) => {}
            Some(true) => sink.report(
                c.sc_path("allowPrivilegeEscalation"),
                format!("{} sets allowPrivilegeEscalation: true", c.who()),
            ),
            None => sink.report(
                c.sc_path("allowPrivilegeEscalation"),
                format!(
                    "{} leaves allowPrivilegeEscalation unset, so it may gain privileges (setuid)",
                    c.who()
                ),
            ),
        }
    }
}

fn run_as_non_root(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let pod = ctx.pod_sc().and_then(|sc| sc.run_as_non_root);
    if pod == Some(false) {
        sink.report(pod_sc_path("runAsNonRoot"), "pod sets runAsNonRoot: false".to_owned());
    }
    for c in &ctx.containers {
        match c.security_context.and_then(|sc| sc.run_as_non_root) {
            Some(true) => {}
            Some(false) => sink
                .report(c.sc_path("runAsNonRoot"), format!("{} sets runAsNonRoot: false", c.who())),
            // Inherits the pod's value: fine when true, and already reported when false.
            None => {
                if pod.is_none() {
                    sink.report(
                        c.sc_path("runAsNonRoot"),
                        format!(
                            "{} may run as root: neither the pod nor the container sets runAsNonRoot: true",
                            c.who()
                        ),
                    );
                }
            }
        }
    }
}

fn run_as_user(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if ctx.pod_sc().and_then(|sc| sc.run_as_user) == Some(0) {
        sink.report(pod_sc_path("runAsUser"), "pod sets runAsUser: 0 (root)".to_owned());
    }
    for c in &ctx.containers {
        if c.security_context.and_then(|sc| sc.run_as_user) == Some(0) {
            sink.report(c.sc_path("runAsUser"), format!("{} sets runAsUser: 0 (root)", c.who()));
        }
    }
}

fn seccomp_restricted(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let pod = ctx.pod_sc().and_then(|sc| sc.seccomp_profile.as_ref());
    if let Some(p) = pod
        && !valid_seccomp_type(&p.type_)
    {
        sink.report(
            pod_sc_path("seccompProfile").key("type"),
            format!("pod sets forbidden seccompProfile.type {:?}", p.type_),
        );
    }
    for c in &ctx.containers {
        match c.security_context.and_then(|sc| sc.seccomp_profile.as_ref()) {
            Some(p) => {
                if !valid_seccomp_type(&p.type_) {
                    sink.report(
                        c.sc_path("seccompProfile").key("type"),
                        format!("{} sets forbidden seccompProfile.type {:?}", c.who(), p.type_),
                    );
                }
            }
            // Inherits the pod's profile: fine when valid, and already reported when not.
            None => {
                if pod.is_none() {
                    sink.report(
                        c.sc_path("seccompProfile").key("type"),
                        format!(
                            "{} runs without a seccomp profile: neither the pod nor the container sets \
                             seccompProfile.type",
                            c.who()
                        ),
                    );
                }
            }
        }
    }
}

fn capabilities_restricted(ctx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for c in &ctx.containers {
        let caps_path = c.path().key("securityContext").key("capabilities");
        let caps = c.security_context.and_then(|sc| sc.capabilities.as_ref());
        let drops_all =
            caps.and_then(|c| c.drop.as_ref()).is_some_and(|d| d.iter().any(|x| x == "ALL"));
        if !drops_all {
            sink.report(
                caps_path.key("drop"),
                format!(
                    "{} keeps the default capabilities (capabilities.drop does not list ALL)",
                    c.who()
                ),
            );
        }
        for (i, cap) in caps.and_then(|c| c.add.as_ref()).into_iter().flatten().enumerate() {
            if cap != "NET_BIND_SERVICE" {
                sink.report(
                    caps_path.key("add").index(i),
                    format!("{} adds capability {cap:?}; restricted allows adding only NET_BIND_SERVICE", c.who()),
                );
            }
        }
    }
}
