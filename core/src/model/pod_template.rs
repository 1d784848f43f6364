//! One pod-template view for every workload kind.
//!
//! Each workload kind keeps its pod template at a fixed path (`spec` for a Pod,
//! `spec.template` for a Deployment, `spec.jobTemplate.spec.template` for a CronJob). Rules see a
//! [`PodTemplate`]: the template's metadata and spec, and the path prefix of the template root, so
//! a rule's path (`spec.containers[0].image`) resolves in any kind.

use super::FieldPath;
use super::typed::Typed;
use crate::source::{NodeRef, from_node};
use k8s_openapi::api::core::v1::{PodSpec, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

/// A borrowed pod template.
#[derive(Debug, Clone, Copy)]
pub struct PodTemplate<'a> {
    /// Path from the object root to the template root (the mapping holding `metadata` and `spec`).
    pub prefix: &'a FieldPath,
    pub metadata: Option<&'a ObjectMeta>,
    pub spec: &'a PodSpec,
}

/// Where the pod template of a workload kind is, from the object root; `None` for other kinds.
/// The kind decides, whatever the apiVersion (`extensions/v1beta1` Deployments included).
#[must_use]
pub fn template_path(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "Pod" => "",
        "Deployment"
        | "ReplicaSet"
        | "StatefulSet"
        | "DaemonSet"
        | "ReplicationController"
        | "Job" => "spec.template",
        "CronJob" => "spec.jobTemplate.spec.template",
        "PodTemplate" => "template",
        _ => return None,
    })
}

/// The pod template of a typed object, without copying it.
#[must_use]
pub fn from_typed(typed: &Typed) -> Option<(Option<&ObjectMeta>, &PodSpec)> {
    match typed {
        Typed::Pod(p) => p.spec.as_ref().map(|s| (Some(&p.metadata), s)),
        Typed::Deployment(d) => tpl(&d.spec.template),
        Typed::ReplicaSet(d) => d.spec.template.as_ref().and_then(tpl),
        Typed::StatefulSet(d) => tpl(&d.spec.template),
        Typed::DaemonSet(d) => tpl(&d.spec.template),
        Typed::ReplicationController(d) => {
            d.spec.as_ref().and_then(|s| s.template.as_ref()).and_then(tpl)
        }
        Typed::Job(d) => d.spec.as_ref().and_then(|s| tpl(&s.template)),
        Typed::CronJob(d) => d.spec.job_template.spec.as_ref().and_then(|s| tpl(&s.template)),
        Typed::PodTemplate(d) => d.template.as_ref().and_then(tpl),
        _ => None,
    }
}

fn tpl(t: &PodTemplateSpec) -> Option<(Option<&ObjectMeta>, &PodSpec)> {
    t.spec.as_ref().map(|s| (t.metadata.as_ref(), s))
}

/// Decodes the template at `path` from the tree, for kinds or versions without a typed decode
/// (or whose full decode failed elsewhere in the object).
#[must_use]
pub fn decode_at(
    root: NodeRef<'_>,
    kind: &str,
    path: &FieldPath,
) -> Option<(Option<ObjectMeta>, PodSpec)> {
    let node = root.lookup(path)?;
    if kind == "Pod" {
        let meta =
            node.get("metadata").and_then(|m| from_node::<ObjectMeta>(m).ok()).map(|(m, _)| m);
        let (spec, _) = from_node::<PodSpec>(node.get("spec")?).ok()?;
        Some((meta, spec))
    } else {
        let (t, _) = from_node::<PodTemplateSpec>(node).ok()?;
        let spec = t.spec?;
        Some((t.metadata, spec))
    }
}
