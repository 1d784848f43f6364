//! Control-plane components (kube-apiserver, etcd, kube-controller-manager, kube-scheduler) and
//! where their flags are written: the command line of any container whose command starts with
//! the component's binary (a static pod, a Deployment, …; also `sh -c "kube-apiserver …"`), and
//! kubeadm's `ClusterConfiguration` (`extraArgs`, v1beta3 map or v1beta4 list; also inside
//! Cluster API's `KubeadmControlPlane`/`KubeadmConfig`), where kubeadm's own defaults are added
//! so that only what the user changes or leaves out is reported.

use super::{Check, Ctx, Rule};
use crate::diagnostic::Diagnostic;
use crate::lint::LintOptions;
use crate::model::flags::{Flag, FlagOrigin, Flags, Syntax, shell_words};
use crate::model::{FieldPath, ObjectRef};
use crate::source::NodeRef;

/// A control-plane component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    ApiServer,
    Etcd,
    ControllerManager,
    Scheduler,
}

impl Component {
    /// The binary's name.
    #[must_use]
    pub fn binary(self) -> &'static str {
        match self {
            Self::ApiServer => "kube-apiserver",
            Self::Etcd => "etcd",
            Self::ControllerManager => "kube-controller-manager",
            Self::Scheduler => "kube-scheduler",
        }
    }

    fn from_binary(word: &str) -> Option<Self> {
        let base = word.rsplit('/').next().unwrap_or(word);
        [Self::ApiServer, Self::Etcd, Self::ControllerManager, Self::Scheduler]
            .into_iter()
            .find(|c| c.binary() == base)
    }

    fn syntax(self) -> Syntax {
        match self {
            Self::ApiServer => Syntax {
                bools: &[
                    "anonymous-auth",
                    "profiling",
                    "contention-profiling",
                    "service-account-lookup",
                    "allow-privileged",
                    "enable-bootstrap-token-auth",
                    "enable-aggregator-routing",
                    "enable-priority-and-fairness",
                    "enable-garbage-collector",
                    "enable-logs-handler",
                    "kubelet-https",
                    "audit-log-compress",
                    "logtostderr",
                    "alsologtostderr",
                    "help",
                    "version",
                ],
                underscores_as_dashes: true,
            },
            // Go's flag package: `_` stays `_`.
            Self::Etcd => Syntax {
                bools: &[
                    "client-cert-auth",
                    "peer-client-cert-auth",
                    "auto-tls",
                    "peer-auto-tls",
                    "enable-pprof",
                    "debug",
                    "strict-reconfig-check",
                    "enable-v2",
                    "force-new-cluster",
                    "experimental-initial-corrupt-check",
                    "peer-skip-client-san-verification",
                    "experimental-peer-skip-client-san-verification",
                    "help",
                    "version",
                ],
                underscores_as_dashes: false,
            },
            Self::ControllerManager | Self::Scheduler => Syntax {
                bools: &[
                    "profiling",
                    "contention-profiling",
                    "use-service-account-credentials",
                    "leader-elect",
                    "allocate-node-cidrs",
                    "configure-cloud-routes",
                    "enable-dynamic-provisioning",
                    "enable-garbage-collector",
                    "enable-hostpath-provisioner",
                    "enable-leader-migration",
                    "logtostderr",
                    "alsologtostderr",
                    "help",
                    "version",
                ],
                underscores_as_dashes: true,
            },
        }
    }
}

/// Where the flags were found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A container's command line.
    Container { name: String },
    /// A kubeadm `ClusterConfiguration` section (`apiServer`, `etcd.local`, …).
    Kubeadm { section: &'static str },
}

/// One component's flags, for [`Check::Component`] rules. Paths are relative to the container
/// (`command[3]`) or to the object holding the `ClusterConfiguration`.
pub struct FlagsCtx<'a> {
    pub component: Component,
    pub flags: &'a Flags,
    pub source: &'a Source,
    /// Where a missing flag is reported: `command` (or `args`), or the kubeadm section.
    pub missing: &'a FieldPath,
    /// The Kubernetes minor version, from the image tag or `kubernetesVersion`, when known.
    pub minor: Option<u32>,
}

impl FlagsCtx<'_> {
    /// The winning occurrence of a flag.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Flag> {
        self.flags.last(name)
    }

    /// A boolean flag: `(value, occurrence)`, with `default` when unset. `None` when the value
    /// is not a boolean or is expanded at run time.
    #[must_use]
    pub fn bool(&self, name: &str, default: bool) -> Option<(bool, Option<&Flag>)> {
        match self.get(name) {
            None => Some((default, None)),
            Some(f) if f.is_dynamic() => None,
            Some(f) => f.as_bool().map(|b| (b, Some(f))),
        }
    }

    /// A flag that is set (dynamic values count as set).
    #[must_use]
    pub fn has(&self, name: &str) -> bool {
        self.flags.has(name)
    }

    /// Reports at a flag, or at the place where a missing flag is written.
    pub fn report<'c>(
        &self,
        ctx: &'c mut Ctx<'_>,
        flag: Option<&Flag>,
        message: impl std::fmt::Display,
    ) -> super::context::Reported<'c> {
        let path = flag.map_or(self.missing, |f| &f.path);
        ctx.report(path, message)
    }

    /// Names the component for messages: `kube-apiserver` or `kubeadm apiServer`.
    #[must_use]
    pub fn who(&self) -> String {
        match self.source {
            Source::Container { .. } => self.component.binary().to_owned(),
            Source::Kubeadm { section } => format!("kubeadm {section}"),
        }
    }
}

/// A component found in an object.
pub(crate) struct Target {
    component: Component,
    flags: Flags,
    source: Source,
    missing: FieldPath,
    minor: Option<u32>,
}

/// Runs the component rules on one target. `prefix` is the path of what the target's paths are
/// relative to (the container, or the object root).
pub(crate) fn run(
    rules: &[&'static Rule],
    target: &Target,
    root: NodeRef<'_>,
    object: &std::sync::Arc<ObjectRef>,
    prefix: &FieldPath,
    options: &LintOptions,
    out: &mut Vec<Diagnostic>,
) {
    let fctx = FlagsCtx {
        component: target.component,
        flags: &target.flags,
        source: &target.source,
        missing: &target.missing,
        minor: target.minor,
    };
    for &rule in rules {
        if let Check::Component { component, run } = rule.check
            && component == target.component
            && options.config.enabled(rule)
        {
            let mut ctx = Ctx { rule, root, prefix, object, options, out };
            run(&mut ctx, &fctx);
        }
    }
}

/// Whether a Pod's spec runs a control-plane component (its first command word, or its first
/// argument when there is no command, is one's binary). Such a Pod is a static pod on a
/// control-plane node: the kubelet refuses static pods that reference API objects, a
/// ServiceAccount included, so rules about ServiceAccounts do not apply to it.
#[must_use]
pub fn is_control_plane_pod(spec: &k8s_openapi::api::core::v1::PodSpec) -> bool {
    spec.containers.iter().any(|c| {
        let first = c
            .command
            .as_ref()
            .filter(|v| !v.is_empty())
            .or(c.args.as_ref())
            .and_then(|v| v.first());
        first.is_some_and(|w| Component::from_binary(w).is_some())
    })
}

/// The component a container runs, if its command line starts with one's binary. `container`
/// is the container's node.
pub(crate) fn container_target(container: NodeRef<'_>) -> Option<Target> {
    let mut argv: Vec<(String, FieldPath)> = Vec::new();
    for field in ["command", "args"] {
        for (i, item) in container.get(field).into_iter().flat_map(NodeRef::items).enumerate() {
            if let Some(s) = scalar_text(item) {
                argv.push((s, FieldPath::root().key(field).index(i)));
            }
        }
    }
    let has_command = container.get("command").is_some_and(|c| c.items().next().is_some());
    let missing = FieldPath::root().key(if has_command { "command" } else { "args" });
    // `sh -c "kube-apiserver --flag …"`: the script's words, each at the script's item.
    if let [(sh, _), (dash_c, _), (script, path), ..] = argv.as_slice()
        && matches!(sh.rsplit('/').next(), Some("sh" | "bash" | "ash" | "dash"))
        && dash_c == "-c"
    {
        let path = path.clone();
        let words = shell_words(script);
        argv = words.into_iter().map(|w| (w, path.clone())).collect();
        if argv.first().is_some_and(|(w, _)| w == "exec") {
            argv.remove(0);
        }
    }
    if argv.first().is_some_and(|(w, _)| w.rsplit('/').next() == Some("hyperkube")) {
        argv.remove(0);
    }
    let component = Component::from_binary(&argv.first()?.0)?;
    let flags = Flags::parse(
        argv.iter().skip(1).map(|(a, p)| (a.as_str(), p.clone())),
        &component.syntax(),
    );
    let name = container.get("name").and_then(NodeRef::as_str).unwrap_or("").to_owned();
    let minor = match component {
        Component::Etcd => None,
        _ => container.get("image").and_then(NodeRef::as_str).and_then(image_minor),
    };
    Some(Target { component, flags, source: Source::Container { name }, missing, minor })
}

/// The minor version of a Kubernetes image tag (`registry.k8s.io/kube-apiserver:v1.31.2` → 31).
fn image_minor(image: &str) -> Option<u32> {
    let image = image.split('@').next().unwrap_or(image);
    let (_, tag) = image.rsplit_once(':').filter(|(_, t)| !t.contains('/'))?;
    parse_minor(tag)
}

/// `v1.31.2`, `1.31`, `stable-1.31` → 31.
fn parse_minor(v: &str) -> Option<u32> {
    let v = v.rsplit('-').find(|p| p.starts_with("v1.") || p.starts_with("1.")).unwrap_or(v);
    let rest = v.strip_prefix('v').unwrap_or(v).strip_prefix("1.")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Where a `ClusterConfiguration` sits in the kinds that hold one, and where its version is.
fn cluster_configuration<'a>(
    node: NodeRef<'a>,
    object: &ObjectRef,
) -> Option<(FieldPath, NodeRef<'a>, Option<u32>)> {
    let group = object.api_version.split('/').next().unwrap_or("");
    let (path, version): (&str, &str) = match (group, object.kind.as_str()) {
        ("kubeadm.k8s.io", "ClusterConfiguration") => ("", "kubernetesVersion"),
        ("controlplane.cluster.x-k8s.io", "KubeadmControlPlane") => {
            ("spec.kubeadmConfigSpec.clusterConfiguration", "spec.version")
        }
        ("controlplane.cluster.x-k8s.io", "KubeadmControlPlaneTemplate") => {
            ("spec.template.spec.kubeadmConfigSpec.clusterConfiguration", "")
        }
        ("bootstrap.cluster.x-k8s.io", "KubeadmConfig") => ("spec.clusterConfiguration", ""),
        ("bootstrap.cluster.x-k8s.io", "KubeadmConfigTemplate") => {
            ("spec.template.spec.clusterConfiguration", "")
        }
        _ => return None,
    };
    let prefix = FieldPath::parse(path).unwrap_or_default();
    let cc = node.lookup(&prefix).filter(|n| n.is_map())?;
    let version_path = if path.is_empty() {
        FieldPath::root().key(version)
    } else {
        FieldPath::parse(version).unwrap_or_default()
    };
    let minor = (!version.is_empty())
        .then(|| node.lookup(&version_path))
        .flatten()
        .and_then(NodeRef::as_str)
        .and_then(parse_minor);
    Some((prefix, cc, minor))
}

/// The components a kubeadm `ClusterConfiguration` (or a Cluster API object holding one) runs,
/// with kubeadm's default flags added.
pub(crate) fn kubeadm_targets(node: NodeRef<'_>, object: &ObjectRef) -> Vec<Target> {
    let Some((prefix, cc, minor)) = cluster_configuration(node, object) else { return Vec::new() };
    let external = cc.get("etcd").and_then(|e| e.get("external")).filter(|e| e.is_map());
    let mut out = Vec::new();
    let sections: [(Component, &'static str, &[&str]); 4] = [
        (Component::ApiServer, "apiServer", &["apiServer"]),
        (Component::Etcd, "etcd.local", &["etcd", "local"]),
        (Component::ControllerManager, "controllerManager", &["controllerManager"]),
        (Component::Scheduler, "scheduler", &["scheduler"]),
    ];
    for (component, section, keys) in sections {
        if component == Component::Etcd && external.is_some() {
            continue;
        }
        let section_path = keys.iter().fold(prefix.clone(), |p, k| p.key(*k));
        let extra_path = section_path.key("extraArgs");
        let mut flags = Flags::default();
        for (name, value) in kubeadm::defaults(component) {
            flags.push(Flag {
                name: (*name).to_owned(),
                value: Some((*value).to_owned()),
                path: section_path.clone(),
                origin: FlagOrigin::Default,
            });
        }
        let user = extra_args(node, &extra_path);
        if component == Component::ApiServer {
            kubeadm::apiserver_etcd(&prefix, cc, external, &mut flags);
            if user.iter().any(|f| f.name == "authorization-config") {
                flags.remove("authorization-mode");
            }
        }
        for f in &user {
            flags.remove(&f.name);
        }
        for f in user {
            flags.push(f);
        }
        let missing = if node.lookup(&extra_path).is_some() { extra_path } else { section_path };
        out.push(Target { component, flags, source: Source::Kubeadm { section }, missing, minor });
    }
    out
}

/// A scalar as text (an unquoted `8080` or `true` where a string belongs is still read).
fn scalar_text(n: NodeRef<'_>) -> Option<String> {
    match n.value() {
        crate::source::Value::Str(s) => Some(s.to_string()),
        crate::source::Value::Bool(b) => Some(b.to_string()),
        crate::source::Value::Int(i) => Some(i.to_string()),
        crate::source::Value::Float(f) => Some(f.to_string()),
        _ => None,
    }
}

/// `extraArgs` as a map (v1beta3) or a list of `{name, value}` (v1beta4).
fn extra_args(node: NodeRef<'_>, path: &FieldPath) -> Vec<Flag> {
    let Some(args) = node.lookup(path) else { return Vec::new() };
    let scalar = scalar_text;
    let mut out = Vec::new();
    if args.is_map() {
        for e in args.entries() {
            let value = scalar(args.doc.node(e.value)).unwrap_or_default();
            out.push(Flag {
                name: e.key.to_string(),
                value: Some(value),
                path: path.key(e.key.to_string()),
                origin: FlagOrigin::Written,
            });
        }
    } else {
        for (i, item) in args.items().enumerate() {
            let Some(name) = item.get("name").and_then(NodeRef::as_str) else { continue };
            let value = item.get("value").and_then(scalar).unwrap_or_default();
            let at = path.index(i);
            let at = if item.get("value").is_some() { at.key("value") } else { at };
            out.push(Flag {
                name: name.to_owned(),
                value: Some(value),
                path: at,
                origin: FlagOrigin::Written,
            });
        }
    }
    out
}

mod kubeadm {
    //! The flags kubeadm writes into the static pods it generates (`cmd/kubeadm/app/phases/
    //! controlplane/manifests.go` and `etcd/local.go`), as far as the rules look at them.

    use super::Component;
    use crate::model::FieldPath;
    use crate::model::flags::{Flag, FlagOrigin, Flags};
    use crate::source::NodeRef;

    const PKI: &str = "/etc/kubernetes/pki";

    pub(super) fn defaults(c: Component) -> &'static [(&'static str, &'static str)] {
        match c {
            Component::ApiServer => &[
                ("authorization-mode", "Node,RBAC"),
                ("enable-admission-plugins", "NodeRestriction"),
                ("service-account-key-file", "/etc/kubernetes/pki/sa.pub"),
                ("service-account-signing-key-file", "/etc/kubernetes/pki/sa.key"),
                ("client-ca-file", "/etc/kubernetes/pki/ca.crt"),
                ("tls-cert-file", "/etc/kubernetes/pki/apiserver.crt"),
                ("tls-private-key-file", "/etc/kubernetes/pki/apiserver.key"),
                ("kubelet-client-certificate", "/etc/kubernetes/pki/apiserver-kubelet-client.crt"),
                ("kubelet-client-key", "/etc/kubernetes/pki/apiserver-kubelet-client.key"),
                ("enable-bootstrap-token-auth", "true"),
                ("allow-privileged", "true"),
                ("requestheader-client-ca-file", "/etc/kubernetes/pki/front-proxy-ca.crt"),
                ("proxy-client-cert-file", "/etc/kubernetes/pki/front-proxy-client.crt"),
                ("proxy-client-key-file", "/etc/kubernetes/pki/front-proxy-client.key"),
            ],
            Component::Etcd => &[
                ("listen-client-urls", "https://127.0.0.1:2379"),
                ("advertise-client-urls", "https://127.0.0.1:2379"),
                ("listen-peer-urls", "https://127.0.0.1:2380"),
                ("initial-advertise-peer-urls", "https://127.0.0.1:2380"),
                ("cert-file", "/etc/kubernetes/pki/etcd/server.crt"),
                ("key-file", "/etc/kubernetes/pki/etcd/server.key"),
                ("trusted-ca-file", "/etc/kubernetes/pki/etcd/ca.crt"),
                ("client-cert-auth", "true"),
                ("peer-cert-file", "/etc/kubernetes/pki/etcd/peer.crt"),
                ("peer-key-file", "/etc/kubernetes/pki/etcd/peer.key"),
                ("peer-trusted-ca-file", "/etc/kubernetes/pki/etcd/ca.crt"),
                ("peer-client-cert-auth", "true"),
                ("listen-metrics-urls", "http://127.0.0.1:2381"),
            ],
            Component::ControllerManager => &[
                ("bind-address", "127.0.0.1"),
                ("leader-elect", "true"),
                ("kubeconfig", "/etc/kubernetes/controller-manager.conf"),
                ("client-ca-file", "/etc/kubernetes/pki/ca.crt"),
                ("root-ca-file", "/etc/kubernetes/pki/ca.crt"),
                ("service-account-private-key-file", "/etc/kubernetes/pki/sa.key"),
                ("cluster-signing-cert-file", "/etc/kubernetes/pki/ca.crt"),
                ("cluster-signing-key-file", "/etc/kubernetes/pki/ca.key"),
                ("use-service-account-credentials", "true"),
                ("controllers", "*,bootstrapsigner,tokencleaner"),
            ],
            Component::Scheduler => &[
                ("bind-address", "127.0.0.1"),
                ("leader-elect", "true"),
                ("kubeconfig", "/etc/kubernetes/scheduler.conf"),
            ],
        }
    }

    /// kubeadm points the API server at the local etcd over TLS with its own client
    /// certificate, or at `etcd.external` with the files given there.
    pub(super) fn apiserver_etcd(
        prefix: &FieldPath,
        cc: NodeRef<'_>,
        external: Option<NodeRef<'_>>,
        flags: &mut Flags,
    ) {
        let etcd = prefix.key("etcd");
        let mut push = |name: &str, value: String, path: FieldPath| {
            flags.push(Flag {
                name: name.to_owned(),
                value: Some(value),
                path,
                origin: FlagOrigin::Default,
            });
        };
        let Some(ext) = external else {
            let local = cc.get("etcd").and_then(|e| e.get("local"));
            let servers =
                advertise_urls(local).unwrap_or_else(|| "https://127.0.0.1:2379".to_owned());
            push("etcd-servers", servers, etcd.clone());
            push("etcd-cafile", format!("{PKI}/etcd/ca.crt"), etcd.clone());
            push("etcd-certfile", format!("{PKI}/apiserver-etcd-client.crt"), etcd.clone());
            push("etcd-keyfile", format!("{PKI}/apiserver-etcd-client.key"), etcd);
            return;
        };
        let ext_path = etcd.key("external");
        let endpoints: Vec<&str> = ext
            .get("endpoints")
            .into_iter()
            .flat_map(NodeRef::items)
            .filter_map(NodeRef::as_str)
            .collect();
        if !endpoints.is_empty() {
            push("etcd-servers", endpoints.join(","), ext_path.key("endpoints"));
        }
        let text = |k: &str| ext.get(k).and_then(NodeRef::as_str).filter(|s| !s.is_empty());
        if let Some(ca) = text("caFile") {
            push("etcd-cafile", ca.to_owned(), ext_path.key("caFile"));
        }
        if let (Some(cert), Some(key)) = (text("certFile"), text("keyFile")) {
            push("etcd-certfile", cert.to_owned(), ext_path.key("certFile"));
            push("etcd-keyfile", key.to_owned(), ext_path.key("keyFile"));
        }
    }

    /// `etcd.local.extraArgs` `advertise-client-urls`, which kubeadm also gives the API server.
    fn advertise_urls(local: Option<NodeRef<'_>>) -> Option<String> {
        let args = local?.get("extraArgs")?;
        if args.is_map() {
            return args.get("advertise-client-urls").and_then(NodeRef::as_str).map(str::to_owned);
        }
        args.items()
            .filter(|i| i.get("name").and_then(NodeRef::as_str) == Some("advertise-client-urls"))
            .filter_map(|i| i.get("value").and_then(NodeRef::as_str))
            .last()
            .map(str::to_owned)
    }
}

/// Shared by the profiling rules of the three Kubernetes components.
pub(crate) fn check_profiling(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    // kube-scheduler ignores --profiling when --config is given (the file's enableProfiling wins).
    if f.component == Component::Scheduler && f.has("config") {
        return;
    }
    match f.bool("profiling", true) {
        Some((true, None)) => {
            f.report(
                ctx,
                None,
                format_args!("{} serves /debug/pprof (--profiling defaults to true)", f.who()),
            );
        }
        Some((true, Some(flag))) => {
            f.report(
                ctx,
                Some(flag),
                format_args!("{} serves /debug/pprof (--profiling={})", f.who(), flag.text()),
            );
        }
        _ => {}
    }
}

/// Shared by the bind-address rules of kube-controller-manager and kube-scheduler.
pub(crate) fn check_bind_address(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    let Some(flag) = f.get("bind-address") else {
        f.report(
            ctx,
            None,
            format_args!(
                "{} serves on every interface (--bind-address defaults to 0.0.0.0)",
                f.who()
            ),
        );
        return;
    };
    let v = flag.text();
    if flag.is_dynamic() || is_loopback(v) {
        return;
    }
    f.report(
        ctx,
        Some(flag),
        format_args!("{} serves on a non-loopback address (--bind-address={v})", f.who()),
    );
}

/// `127.x.x.x`, `::1` or `localhost`.
#[must_use]
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost" || host == "::1" || host.starts_with("127.")
}

/// The cipher suites Go's `crypto/tls.InsecureCipherSuites()` lists (and Kubernetes calls
/// insecure), for `--tls-cipher-suites` of the control plane and the kubelet alike.
pub(crate) const INSECURE_CIPHER_SUITES: &[&str] = &[
    "TLS_RSA_WITH_RC4_128_SHA",
    "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
    "TLS_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
    "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
    "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
];

/// Whether a `--tls-min-version` value accepts TLS below 1.2.
pub(crate) fn below_tls12(version: &str) -> bool {
    matches!(version, "VersionTLS10" | "VersionTLS11")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_versions() {
        assert_eq!(image_minor("registry.k8s.io/kube-apiserver:v1.31.2"), Some(31));
        assert_eq!(image_minor("localhost:5000/kube-apiserver"), None);
        assert_eq!(image_minor("k8s.gcr.io/kube-apiserver:v1.19.0@sha256:abc"), Some(19));
        assert_eq!(parse_minor("stable-1.30"), Some(30));
        assert_eq!(parse_minor("v1.9"), Some(9));
        assert_eq!(parse_minor("latest"), None);
    }

    #[test]
    fn binaries() {
        assert_eq!(
            Component::from_binary("/usr/local/bin/kube-apiserver"),
            Some(Component::ApiServer)
        );
        assert_eq!(Component::from_binary("etcd"), Some(Component::Etcd));
        assert_eq!(Component::from_binary("etcdctl"), None);
        assert!(is_loopback("127.0.0.1") && is_loopback("[::1]") && !is_loopback("0.0.0.0"));
    }
}
