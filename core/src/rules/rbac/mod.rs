//! RBAC: escalation paths, wildcards, risky bindings (the permission graph).
//!
//! Rules about one Role or binding as written are object rules; rules that need the roles a
//! binding resolves to, the ServiceAccounts of the input or the escalation paths are corpus
//! rules over [`CorpusCtx::rbac`](crate::corpus::CorpusCtx::rbac).

use crate::model::{FieldPath, Typed};
use crate::rbac::paths::{PathOptions, is_trusted};
use crate::rbac::subject::SubjectRef;
use crate::rules::{Ctx, ObjectCtx};
use k8s_openapi::api::rbac::v1::{PolicyRule, RoleRef, Subject};

pub mod aggregation_widened;
pub mod broad_group_binding;
pub mod cluster_admin_binding;
pub mod dangling_binding;
pub mod default_serviceaccount_bound;
pub mod escalation_path;
pub mod secrets_read_cluster_wide;
pub mod wildcard_api_groups;
pub mod wildcard_resources;
pub mod wildcard_verbs;

/// True when the config's `trustedSubjects` (or the built-in trusted list) names `s`.
pub(crate) fn trusted(ctx_trusted: &[String], s: &SubjectRef) -> bool {
    let options = PathOptions { trusted: ctx_trusted.to_vec(), ..PathOptions::default() };
    is_trusted(s, false, &options)
}

/// The subjects and role reference of a RoleBinding or ClusterRoleBinding, with the binding's
/// namespace (`None` for a ClusterRoleBinding).
pub(crate) fn binding_parts(typed: &Typed) -> Option<(&[Subject], &RoleRef, Option<&str>)> {
    match typed {
        Typed::RoleBinding(b) => Some((
            b.subjects.as_deref().unwrap_or(&[]),
            &b.role_ref,
            Some(b.metadata.namespace.as_deref().unwrap_or("default")),
        )),
        Typed::ClusterRoleBinding(b) => {
            Some((b.subjects.as_deref().unwrap_or(&[]), &b.role_ref, None))
        }
        _ => None,
    }
}

/// How a subject is named in messages: `serviceaccount app/ci`, `user alice`, `group dev`.
pub(crate) fn describe(s: &SubjectRef) -> String {
    s.gains_label()
}

/// `ClusterRole admin`, `Role app/deployer`.
pub(crate) fn role_text(role_ref: &RoleRef, binding_ns: Option<&str>) -> String {
    match (role_ref.kind.as_str(), binding_ns) {
        ("Role", Some(ns)) => format!("role {ns}/{}", role_ref.name),
        ("ClusterRole", _) => format!("clusterrole {}", role_ref.name),
        (kind, _) => format!("{} {}", kind.to_lowercase(), role_ref.name),
    }
}

/// The rules written in a Role or a ClusterRole without `aggregationRule` (an aggregated role's
/// rules are filled in by the controller, which overwrites what is written).
pub(crate) fn written_rules(typed: &Typed) -> Option<&[PolicyRule]> {
    match typed {
        Typed::Role(r) => r.rules.as_deref(),
        Typed::ClusterRole(r) if r.aggregation_rule.is_none() => r.rules.as_deref(),
        _ => None,
    }
}

/// Reports every rule of a Role/ClusterRole whose list `field` holds `*`.
pub(crate) fn wildcard_in(
    ctx: &mut Ctx<'_>,
    octx: &ObjectCtx<'_>,
    field: &'static str,
    list: fn(&PolicyRule) -> Option<&Vec<String>>,
    what: &str,
) {
    let Some(rules) = octx.typed.and_then(written_rules) else { return };
    let kind = octx.object.kind.to_lowercase();
    for (i, rule) in rules.iter().enumerate() {
        let Some(items) = list(rule) else { continue };
        let Some(at) = items.iter().position(|v| v == "*") else { continue };
        let path = FieldPath::root().key("rules").index(i).key(field).index(at);
        let name = octx.object.name.as_deref().unwrap_or("<unnamed>");
        ctx.report(path, format!("{kind} {name:?} rule {i} grants {what}"));
    }
}
