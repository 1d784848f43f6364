//! Pod Security Standards: one rule per upstream pod-security-admission check.
//!
//! Every rule is a thin adapter over [`crate::pss::evaluate_check`] (on a pod prepared once for
//! all of them, [`PodCtx::pss`]): the evaluator decides, the rule reports each violation on its
//! field (relative to the pod template root).

use crate::pss::{Version, evaluate_prepared};
use crate::rules::{Ctx, PodCtx};

pub mod allow_privilege_escalation;
pub mod apparmor_profile;
pub mod capabilities_baseline;
pub mod capabilities_restricted;
pub mod host_namespaces;
pub mod host_path_volumes;
pub mod host_ports;
pub mod host_probes;
pub mod privileged;
pub mod proc_mount;
pub mod proc_mount_restricted;
pub mod restricted_volumes;
pub mod run_as_non_root;
pub mod run_as_user;
pub mod seccomp_profile_baseline;
pub mod seccomp_profile_restricted;
pub mod selinux_options;
pub mod sysctls;
pub mod windows_host_process;

/// The policy version of a run: `v1.<minor>`, clamped to the newest known version.
pub(crate) fn version_from(minor: u8) -> Version {
    Version::new(minor).unwrap_or(Version::LATEST)
}

/// Runs the upstream check `check_id` on the pod template and reports every violation.
pub(crate) fn run(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>, check_id: &str) {
    for v in evaluate_prepared(check_id, version_from(ctx.options.pss_minor), pod.pss()) {
        ctx.report(&v.field, &v.message);
    }
}
