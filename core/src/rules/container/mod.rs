//! container rules: hardening beyond the Pod Security Standards (read-only root filesystem,
//! resources, probes, capabilities, user and group ids, ports, host path mounts).
//!
//! The helpers below are shared by these rules (and the image rules): how a container is named
//! in messages, and the pod facts that decide whether a rule applies at all.

use crate::model::FieldPath;
use crate::rules::context::ContainerKind;
use crate::rules::{ContainerCtx, Ctx, PodCtx};
use k8s_openapi::api::core::v1::{Container, PodSpec, SecurityContext};

pub mod cpu_limit_missing;
pub mod cpu_request_missing;
pub mod dangerous_capabilities;
pub mod host_path_writable;
pub mod liveness_probe_missing;
pub mod memory_limit_missing;
pub mod memory_request_missing;
pub mod privileged_port;
pub mod readiness_probe_missing;
pub mod root_filesystem_writable;
pub mod run_as_low_uid;
pub mod run_as_root_group;

/// How messages name the container a container rule sees ([`InPod::who`]).
pub(crate) fn who(c: &ContainerCtx<'_>) -> String {
    InPod::of(c.kind, c.index, c.container).who()
}

/// A native sidecar: an init container with `restartPolicy: Always`, which keeps running beside
/// the regular containers (Kubernetes 1.28+).
pub(crate) fn is_sidecar(c: &Container) -> bool {
    c.restart_policy.as_deref() == Some("Always")
}

/// Whether the container runs for the life of the pod: a regular container or a native sidecar.
pub(crate) fn long_running(c: &ContainerCtx<'_>) -> bool {
    match c.kind {
        ContainerKind::Regular => true,
        ContainerKind::Init => is_sidecar(c.container),
        ContainerKind::Ephemeral => false,
    }
}

/// A Windows pod (`spec.os.name: windows`): Linux-only security context fields (users, groups,
/// capabilities, read-only root filesystem) do not apply, and the API server rejects some of them.
pub(crate) fn is_windows(spec: &PodSpec) -> bool {
    spec.os.as_ref().is_some_and(|os| os.name == "windows")
}

/// A pod that runs to completion: a Job or CronJob template, or any pod whose `restartPolicy` is
/// `Never` or `OnFailure` (which covers the job templates of custom kinds too).
pub(crate) fn runs_to_completion(pod: &PodCtx<'_>) -> bool {
    matches!(pod.object.kind.as_str(), "Job" | "CronJob")
        || matches!(pod.spec().restart_policy.as_deref(), Some("Never" | "OnFailure"))
}

/// A container seen by a pod-level rule that follows inheritance: its path and `who` text are
/// written only when a finding needs them.
#[derive(Clone, Copy)]
pub(crate) struct InPod<'a> {
    kind: ContainerKind,
    index: usize,
    name: &'a str,
    sidecar: bool,
    pub sc: Option<&'a SecurityContext>,
}

impl<'a> InPod<'a> {
    /// An init, regular or (converted) ephemeral container.
    fn of(kind: ContainerKind, index: usize, c: &'a Container) -> Self {
        let sidecar = kind == ContainerKind::Init && is_sidecar(c);
        Self { kind, index, name: &c.name, sidecar, sc: c.security_context.as_ref() }
    }

    /// The container's path from the template root (`spec.containers[0]`).
    pub(crate) fn path(&self) -> FieldPath {
        FieldPath::root().key("spec").key(self.kind.field()).index(self.index)
    }

    /// `container "app"`, `init container "setup"`, `sidecar container "proxy"`,
    /// `ephemeral container "debug"`.
    pub(crate) fn who(&self) -> String {
        let what = match self.kind {
            ContainerKind::Init if self.sidecar => "sidecar container",
            ContainerKind::Init => "init container",
            ContainerKind::Regular => "container",
            ContainerKind::Ephemeral => "ephemeral container",
        };
        format!("{what} {:?}", self.name)
    }
}

/// Every container of a pod spec in upstream order (init, regular, ephemeral).
pub(crate) fn all_containers(spec: &PodSpec) -> impl Iterator<Item = InPod<'_>> {
    let init = spec.init_containers.iter().flatten().enumerate();
    let init = init.map(|(index, c)| InPod::of(ContainerKind::Init, index, c));
    let regular = spec.containers.iter().enumerate();
    let regular = regular.map(|(index, c)| InPod::of(ContainerKind::Regular, index, c));
    // Not a `Container`: the same fields, built here.
    let ephemeral =
        spec.ephemeral_containers.iter().flatten().enumerate().map(|(index, c)| InPod {
            kind: ContainerKind::Ephemeral,
            index,
            name: &c.name,
            sidecar: false,
            sc: c.security_context.as_ref(),
        });
    init.chain(regular).chain(ephemeral)
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn and_list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// `requests` or `limits`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    Request,
    Limit,
}

/// Reports a container without a CPU or memory request or limit. Plain init containers are
/// skipped (they run one at a time before the others, and the pod's request is the larger of
/// theirs and the sum of the regular containers'), and ephemeral containers cannot have
/// resources. A request is set when the container's limit is (the API server defaults the request
/// to the limit), and either is set when the pod-level `spec.resources` sets it.
pub(crate) fn report_missing_resource(
    ctx: &mut Ctx<'_>,
    c: &ContainerCtx<'_>,
    resource: &str,
    bound: Bound,
) {
    if !long_running(c) {
        return;
    }
    let has = |r: Option<&k8s_openapi::api::core::v1::ResourceRequirements>| {
        r.is_some_and(|r| {
            let limit = r.limits.as_ref().is_some_and(|l| l.contains_key(resource));
            let request = r.requests.as_ref().is_some_and(|l| l.contains_key(resource));
            limit || (bound == Bound::Request && request)
        })
    };
    if has(c.container.resources.as_ref()) || has(c.pod.spec().resources.as_ref()) {
        return;
    }
    let (field, what) = match bound {
        Bound::Request => ("requests", "request"),
        Bound::Limit => ("limits", "limit"),
    };
    ctx.report(
        format!("resources.{field}.{resource}"),
        format_args!(
            "{} has no {} {what}",
            who(c),
            if resource == "cpu" { "CPU" } else { resource }
        ),
    );
}
