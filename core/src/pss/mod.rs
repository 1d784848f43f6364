//! The Pod Security Standards evaluator: Pod Security Admission's checks, reimplemented.
//!
//! [`evaluate`] runs every check that applies at a (level, version), as the `PodSecurity`
//! admission plugin does for a namespace labelled `enforce=<level>`, `enforce-version=<version>`:
//!
//! - a check applies from its first `MinimumVersion`; the revision used is the newest one whose
//!   `MinimumVersion` is at or below the policy version;
//! - `baseline` runs the baseline checks; `restricted` runs the baseline checks too, except those
//!   that a restricted check overrides at that version (`OverrideCheckIDs`), plus the restricted
//!   checks; `privileged` runs nothing.
//!
//! Unlike the admission plugin, which stops at "forbidden" with one summary per check, this
//! module reports one [`Violation`] per offending field, with the field's path relative to the
//! pod template root (`spec.containers[0].securityContext.privileged`,
//! `metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]`). A violation about a
//! value that is missing (`runAsNonRoot` unset everywhere) carries the path where the value
//! should be written; the caller resolves it to the nearest parent that exists.
//!
//! The module is pure: no I/O, no panics on input.

mod checks;
mod namespace;
#[cfg(test)]
mod tests;
mod version;

use crate::model::FieldPath;
use k8s_openapi::api::core::v1::PodSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

pub use crate::diagnostic::PssLevel;
pub use namespace::{LABEL_PREFIX, LabelError, NamespacePolicy, PolicyMode, namespace_policy};
pub use version::{Version, VersionError};

/// A pod to evaluate: its metadata (a pod template's metadata for workloads; the annotations
/// matter to the AppArmor and seccomp checks) and its spec.
#[derive(Debug, Clone, Copy)]
pub struct PodInput<'a> {
    pub metadata: Option<&'a ObjectMeta>,
    pub spec: &'a PodSpec,
}

impl<'a> PodInput<'a> {
    /// A pod from its spec and optional metadata.
    #[must_use]
    pub fn new(metadata: Option<&'a ObjectMeta>, spec: &'a PodSpec) -> Self {
        Self { metadata, spec }
    }
}

/// One offending field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    /// The upstream pod-security-admission check id (`seccompProfile_restricted`).
    pub check: &'static str,
    /// The level the check belongs to.
    pub level: PssLevel,
    /// The field, relative to the pod (template) root. For a missing value: where it belongs.
    pub field: FieldPath,
    /// What is wrong, lowercase, no trailing period, naming the container, volume or value.
    pub message: String,
}

/// One revision of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckVersion {
    /// The first policy version this revision applies to.
    pub min: Version,
    /// Baseline checks that this (restricted) revision replaces at the restricted level.
    pub overrides: &'static [&'static str],
}

/// A check's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckInfo {
    /// The upstream check id (`privileged`, `hostNamespaces`, `capabilities_baseline`, …).
    pub id: &'static str,
    /// `Baseline` or `Restricted`.
    pub level: PssLevel,
    /// Revisions, oldest first, with strictly increasing minimum versions.
    pub versions: &'static [CheckVersion],
    /// What the control requires, in one line.
    pub summary: &'static str,
    /// How to fix a violation.
    pub help: &'static str,
}

impl CheckInfo {
    /// The revision that applies at `version`: the newest with `min <= version`.
    #[must_use]
    pub fn revision(&self, version: Version) -> Option<&'static CheckVersion> {
        self.versions.iter().rev().find(|v| v.min <= version)
    }

    /// The first policy version at which the check exists.
    #[must_use]
    pub fn first_version(&self) -> Option<Version> {
        self.versions.first().map(|v| v.min)
    }
}

const fn rev(minor: u8) -> CheckVersion {
    CheckVersion { min: Version::v(minor), overrides: &[] }
}

const fn rev_over(minor: u8, overrides: &'static [&'static str]) -> CheckVersion {
    CheckVersion { min: Version::v(minor), overrides }
}

/// Every check, baseline first, in the order of the Pod Security Standards page.
pub const CHECKS: &[CheckInfo] = &[
    CheckInfo {
        id: "hostNamespaces",
        level: PssLevel::Baseline,
        versions: &[rev(0)],
        summary: "sharing the host namespaces (hostNetwork, hostPID, hostIPC) is forbidden",
        help: "remove hostNetwork, hostPID and hostIPC, or set them to false",
    },
    CheckInfo {
        id: "privileged",
        level: PssLevel::Baseline,
        versions: &[rev(0)],
        summary: "privileged containers are forbidden",
        help: "remove securityContext.privileged, or set it to false",
    },
    CheckInfo {
        id: "capabilities_baseline",
        level: PssLevel::Baseline,
        versions: &[rev(0)],
        summary: "adding capabilities beyond the container runtime's default set is forbidden",
        help: "add only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, \
               NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID or SYS_CHROOT",
    },
    CheckInfo {
        id: "hostPathVolumes",
        level: PssLevel::Baseline,
        versions: &[rev(0)],
        summary: "hostPath volumes are forbidden",
        help: "replace the hostPath volume with a persistentVolumeClaim, configMap, secret or emptyDir volume",
    },
    CheckInfo {
        id: "hostPorts",
        level: PssLevel::Baseline,
        versions: &[rev(0)],
        summary: "host ports are forbidden",
        help: "remove hostPort (or set it to 0) and expose the port through a Service",
    },
    CheckInfo {
        id: "appArmorProfile",
        level: PssLevel::Baseline,
        versions: &[rev(0)],
        summary: "overriding or disabling the default AppArmor profile is forbidden",
        help: "set appArmorProfile.type to RuntimeDefault or Localhost (annotation values \
               runtime/default or localhost/<profile>), or remove it",
    },
    CheckInfo {
        id: "seLinuxOptions",
        level: PssLevel::Baseline,
        versions: &[rev(0), rev(31)],
        summary: "setting a custom SELinux user or role, or a non-container SELinux type, is forbidden",
        help: "remove seLinuxOptions.user and seLinuxOptions.role, and use a container SELinux type \
               (container_t, container_init_t, container_kvm_t, container_engine_t) or none",
    },
    CheckInfo {
        id: "procMount",
        level: PssLevel::Baseline,
        versions: &[rev(0), rev(35)],
        summary: "the default /proc masks are required (from v1.35 any procMount is allowed with hostUsers: false)",
        help: "remove securityContext.procMount, or set it to Default",
    },
    CheckInfo {
        id: "seccompProfile_baseline",
        level: PssLevel::Baseline,
        versions: &[rev(0), rev(19)],
        summary: "an explicit seccomp profile must be RuntimeDefault or Localhost",
        help: "set seccompProfile.type to RuntimeDefault or Localhost, or remove it (before v1.19: \
               the seccomp annotations must be runtime/default, docker/default or localhost/<profile>)",
    },
    CheckInfo {
        id: "sysctls",
        level: PssLevel::Baseline,
        versions: &[rev(0), rev(27), rev(29), rev(32), rev(37)],
        summary: "only the namespaced, isolated \"safe\" sysctls are allowed",
        help: "remove the sysctl from spec.securityContext.sysctls (or run the pod in a privileged namespace)",
    },
    CheckInfo {
        id: "windowsHostProcess",
        level: PssLevel::Baseline,
        versions: &[rev(0)],
        summary: "Windows HostProcess containers are forbidden",
        help: "remove windowsOptions.hostProcess, or set it to false",
    },
    CheckInfo {
        id: "hostProbesAndHostLifecycle",
        level: PssLevel::Baseline,
        versions: &[rev(34)],
        summary: "probes and lifecycle handlers must not target another host",
        help: "remove the host field from httpGet and tcpSocket probes and lifecycle handlers \
               (they then target the pod's own IP)",
    },
    CheckInfo {
        id: "restrictedVolumes",
        level: PssLevel::Restricted,
        versions: &[rev_over(0, &["hostPathVolumes"])],
        summary: "only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, \
                  projected and secret volumes are allowed",
        help: "replace the volume with a persistentVolumeClaim (backed by a PersistentVolume of that \
               type), or one of the allowed volume types",
    },
    CheckInfo {
        id: "allowPrivilegeEscalation",
        level: PssLevel::Restricted,
        versions: &[rev(8), rev(25)],
        summary: "privilege escalation must be disallowed (allowPrivilegeEscalation: false)",
        help: "set securityContext.allowPrivilegeEscalation: false on every container",
    },
    CheckInfo {
        id: "runAsNonRoot",
        level: PssLevel::Restricted,
        versions: &[rev(0), rev(35)],
        summary: "containers must run as non-root users (runAsNonRoot: true)",
        help: "set securityContext.runAsNonRoot: true on the pod (or on every container)",
    },
    CheckInfo {
        id: "runAsUser",
        level: PssLevel::Restricted,
        versions: &[rev(23), rev(35)],
        summary: "containers must not run as user 0 (runAsUser: 0)",
        help: "set runAsUser to a non-zero user id, or remove it",
    },
    CheckInfo {
        id: "seccompProfile_restricted",
        level: PssLevel::Restricted,
        versions: &[
            rev_over(19, &["seccompProfile_baseline"]),
            rev_over(25, &["seccompProfile_baseline"]),
        ],
        summary: "a seccomp profile (RuntimeDefault or Localhost) must be set",
        help: "set securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a profile)",
    },
    CheckInfo {
        id: "capabilities_restricted",
        level: PssLevel::Restricted,
        versions: &[
            rev_over(22, &["capabilities_baseline"]),
            rev_over(25, &["capabilities_baseline"]),
        ],
        summary: "containers must drop ALL capabilities and may add back only NET_BIND_SERVICE",
        help: "set securityContext.capabilities.drop: [\"ALL\"] and add at most NET_BIND_SERVICE",
    },
    CheckInfo {
        id: "procMount_restricted",
        level: PssLevel::Restricted,
        versions: &[rev_over(35, &["procMount"])],
        summary: "the default /proc masks are required, even with hostUsers: false",
        help: "remove securityContext.procMount, or set it to Default",
    },
];

/// The check with this upstream id.
#[must_use]
pub fn check_info(id: &str) -> Option<&'static CheckInfo> {
    CHECKS.iter().find(|c| c.id == id)
}

/// The checks that run at (level, version), each with the revision used, in [`CHECKS`] order.
#[must_use]
pub fn applicable_checks(
    level: PssLevel,
    version: Version,
) -> Vec<(&'static CheckInfo, &'static CheckVersion)> {
    let runs_level = |l: PssLevel| match level {
        PssLevel::Privileged => false,
        PssLevel::Baseline => l == PssLevel::Baseline,
        PssLevel::Restricted => l == PssLevel::Baseline || l == PssLevel::Restricted,
    };
    let active: Vec<_> = CHECKS
        .iter()
        .filter(|c| runs_level(c.level))
        .filter_map(|c| c.revision(version).map(|r| (c, r)))
        .collect();
    let overridden: Vec<&str> = if level == PssLevel::Restricted {
        active
            .iter()
            .filter(|(c, _)| c.level == PssLevel::Restricted)
            .flat_map(|(_, r)| r.overrides.iter().copied())
            .collect()
    } else {
        Vec::new()
    };
    active
        .into_iter()
        .filter(|(c, _)| !(c.level == PssLevel::Baseline && overridden.contains(&c.id)))
        .collect()
}

/// Every violation of the Pod Security Standard `level` at policy `version`.
///
/// `Privileged` allows everything and returns nothing.
#[must_use]
pub fn evaluate(level: PssLevel, version: Version, pod: &PodInput<'_>) -> Vec<Violation> {
    let ctx = checks::Ctx::new(pod);
    let mut out = Vec::new();
    for (info, revision) in applicable_checks(level, version) {
        checks::run(info, revision.min, &ctx, &mut out);
    }
    out
}

/// The violations of one check, using its newest revision at or below `version`.
///
/// Empty when the check is unknown or does not exist yet at `version`. Overrides are not
/// applied: asking for `capabilities_baseline` runs it even where restricted replaces it.
#[must_use]
pub fn evaluate_check(check: &str, version: Version, pod: &PodInput<'_>) -> Vec<Violation> {
    evaluate_prepared(check, version, &PreparedPod::new(pod))
}

/// A pod made ready for [`evaluate_prepared`]: its containers of every kind listed once, for a
/// caller that runs several checks on one pod (the lint runs each check as its own rule).
pub struct PreparedPod<'a>(checks::Ctx<'a>);

impl<'a> PreparedPod<'a> {
    /// Prepares `pod`.
    #[must_use]
    pub fn new(pod: &PodInput<'a>) -> Self {
        Self(checks::Ctx::new(pod))
    }
}

/// [`evaluate_check`] on a prepared pod.
#[must_use]
pub fn evaluate_prepared(check: &str, version: Version, pod: &PreparedPod<'_>) -> Vec<Violation> {
    let Some(info) = check_info(check) else {
        return Vec::new();
    };
    let Some(revision) = info.revision(version) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    checks::run(info, revision.min, &pod.0, &mut out);
    out
}

/// Whether the pod satisfies `level` at `version`.
#[must_use]
pub fn allows(level: PssLevel, version: Version, pod: &PodInput<'_>) -> bool {
    evaluate(level, version, pod).is_empty()
}
