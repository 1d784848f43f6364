//! Kubernetes' bootstrap RBAC policy: the default ClusterRoles, ClusterRoleBindings, controller
//! roles and namespaced Roles/RoleBindings an API server creates at start-up
//! (`core/data/bootstrap/`, copied unmodified from the Kubernetes repository; its README names
//! each file's commit).
//!
//! The files are embedded and parsed once, on first use, with kubeward's own YAML reader; each
//! object's origin is `<builtin>/FILE` at the line of its first key. The controllers'
//! ServiceAccounts in `kube-system` are known to exist (kube-controller-manager with
//! `--use-service-account-credentials`, as kubeadm runs it).

use super::input::{BindingDef, RbacInput, RoleDef};
use std::sync::LazyLock;

/// The embedded files: (name, text).
pub const FILES: [(&str, &str); 6] = [
    ("cluster-roles.yaml", include_str!("../../data/bootstrap/cluster-roles.yaml")),
    ("cluster-role-bindings.yaml", include_str!("../../data/bootstrap/cluster-role-bindings.yaml")),
    ("controller-roles.yaml", include_str!("../../data/bootstrap/controller-roles.yaml")),
    (
        "controller-role-bindings.yaml",
        include_str!("../../data/bootstrap/controller-role-bindings.yaml"),
    ),
    ("namespace-roles.yaml", include_str!("../../data/bootstrap/namespace-roles.yaml")),
    (
        "namespace-role-bindings.yaml",
        include_str!("../../data/bootstrap/namespace-role-bindings.yaml"),
    ),
];

/// The prefix of built-in origins' file names.
pub const BUILTIN_PREFIX: &str = "<builtin>/";

/// The built-in policy, converted once.
struct Policy {
    roles: Vec<RoleDef>,
    bindings: Vec<BindingDef>,
}

static POLICY: LazyLock<Policy> = LazyLock::new(load);

fn load() -> Policy {
    let mut scratch = RbacInput::default();
    for (file_index, (name, text)) in FILES.iter().enumerate() {
        scratch.add_manifests(&format!("{BUILTIN_PREFIX}{name}"), usize::MAX - file_index, text);
    }
    for r in &mut scratch.roles {
        r.builtin = true;
    }
    for b in &mut scratch.bindings {
        b.builtin = true;
    }
    Policy { roles: scratch.roles, bindings: scratch.bindings }
}

/// Adds the built-in policy to `input` (before the input's own objects, which override
/// built-ins of the same name).
pub(crate) fn add_to(input: &mut RbacInput) {
    let p = &*POLICY;
    input.roles.splice(0..0, p.roles.iter().cloned());
    input.bindings.splice(0..0, p.bindings.iter().cloned());
}

/// How many built-in roles and bindings there are.
#[must_use]
pub fn counts() -> (usize, usize) {
    (POLICY.roles.len(), POLICY.bindings.len())
}
