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

/// One step of a [`PathPattern`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternSegment {
    Key(String),
    Index(usize),
    /// `[*]`: every item of a sequence.
    AnyIndex,
}

/// Where a custom resource keeps pod templates, from `.kubeward.yaml` `podTemplatePaths`:
/// dotted keys with `[N]` or `[*]` (`spec.tasks[*].template`); the empty string is the object
/// root (a pod-like kind whose `spec` is a pod spec).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PathPattern(pub Vec<PatternSegment>);

impl PathPattern {
    /// Parses a pattern; `None` when malformed.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let mut segs = Vec::new();
        if s.is_empty() {
            return Some(Self(segs));
        }
        for part in s.split('.') {
            let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
            if key.is_empty() || key.contains(']') {
                return None;
            }
            segs.push(PatternSegment::Key(key.to_owned()));
            if !part.contains('[') {
                continue;
            }
            // `rest` is what follows the first `[`: `N]`, `*]`, `N][*]`, …
            loop {
                let (inner, after) = rest.split_once(']')?;
                segs.push(if inner == "*" {
                    PatternSegment::AnyIndex
                } else {
                    PatternSegment::Index(inner.parse().ok()?)
                });
                if after.is_empty() {
                    break;
                }
                rest = after.strip_prefix('[')?;
            }
        }
        Some(Self(segs))
    }

    /// Every concrete path in `root` that the pattern matches (existing nodes only).
    #[must_use]
    pub fn expand(&self, root: NodeRef<'_>) -> Vec<FieldPath> {
        let mut cur = vec![(FieldPath::root(), root)];
        for seg in &self.0 {
            let mut next = Vec::new();
            for (path, node) in cur {
                match seg {
                    PatternSegment::Key(k) => {
                        if let Some(n) = node.get(k) {
                            next.push((path.key(k.clone()), n));
                        }
                    }
                    PatternSegment::Index(i) => {
                        if let Some(n) = node.at(*i) {
                            next.push((path.index(*i), n));
                        }
                    }
                    PatternSegment::AnyIndex => {
                        for (i, n) in node.items().enumerate() {
                            next.push((path.index(i), n));
                        }
                    }
                }
            }
            cur = next;
        }
        cur.into_iter().map(|(p, _)| p).collect()
    }
}

impl std::fmt::Display for PathPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PatternSegment::Key(k) if i == 0 => f.write_str(k)?,
                PatternSegment::Key(k) => write!(f, ".{k}")?,
                PatternSegment::Index(n) => write!(f, "[{n}]")?,
                PatternSegment::AnyIndex => f.write_str("[*]")?,
            }
        }
        Ok(())
    }
}

/// A pod template found in a custom resource, decoded from the tree.
#[derive(Debug, Clone)]
pub struct FoundTemplate {
    /// Path from the object root to the template root (the mapping holding `metadata` and `spec`).
    pub prefix: FieldPath,
    pub metadata: Option<ObjectMeta>,
    pub spec: PodSpec,
}

/// How container names are treated when decoding a custom template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Names {
    /// As written: a container without a name fails the decode, as for built-in kinds.
    Required,
    /// Knative defaults missing names (`user-container`, `user-container-0`, …).
    Knative,
}

/// Custom resources whose pod templates are known: (API group, kind, template paths, names).
/// A template path that is empty is the object root (the object's `spec` is the pod spec).
const KNOWN: &[(&str, &str, &[&str], Names)] = &[
    ("argoproj.io", "Rollout", &["spec.template"], Names::Required),
    ("apps.kruise.io", "CloneSet", &["spec.template"], Names::Required),
    ("apps.kruise.io", "StatefulSet", &["spec.template"], Names::Required),
    ("apps.kruise.io", "DaemonSet", &["spec.template"], Names::Required),
    ("apps.kruise.io", "BroadcastJob", &["spec.template"], Names::Required),
    (
        "apps.kruise.io",
        "AdvancedCronJob",
        &[
            "spec.template.jobTemplate.spec.template",
            "spec.template.broadcastJobTemplate.spec.template",
        ],
        Names::Required,
    ),
    ("apps.openshift.io", "DeploymentConfig", &["spec.template"], Names::Required),
    ("keda.sh", "ScaledJob", &["spec.jobTargetRef.template"], Names::Required),
    ("serving.knative.dev", "Service", &["spec.template"], Names::Knative),
    ("serving.knative.dev", "Configuration", &["spec.template"], Names::Knative),
    ("serving.knative.dev", "Revision", &[""], Names::Knative),
];

/// The API group of an apiVersion (`""` for the core group).
#[must_use]
pub fn api_group(api_version: &str) -> &str {
    api_version.rsplit_once('/').map_or("", |(g, _)| g)
}

/// Whether an API group can only be a custom resource's: CRD groups must contain a dot, and
/// the built-in groups with a dot end in `k8s.io` (the `x-k8s.io` SIG projects are CRDs).
#[must_use]
pub fn is_custom_group(group: &str) -> bool {
    group.contains('.') && (!group.ends_with("k8s.io") || group.ends_with("x-k8s.io"))
}

/// The pod templates of a custom resource: the configured paths when `configured` is given,
/// otherwise the known paths of its kind, otherwise what a generic walk finds (every `template`
/// mapping whose `spec.containers` is a list of containers with a `name` and an `image`).
#[must_use]
pub fn custom_templates(
    api_version: &str,
    kind: &str,
    root: NodeRef<'_>,
    configured: Option<&[PathPattern]>,
) -> Vec<FoundTemplate> {
    if let Some(patterns) = configured {
        return patterns
            .iter()
            .flat_map(|p| p.expand(root))
            .filter_map(|prefix| decode_custom(root, prefix, Names::Required))
            .collect();
    }
    let group = api_group(api_version);
    if !is_custom_group(group) {
        return Vec::new();
    }
    if let Some((_, _, paths, names)) = KNOWN.iter().find(|(g, k, _, _)| *g == group && *k == kind)
    {
        return paths
            .iter()
            .filter_map(|p| FieldPath::parse(p))
            .filter_map(|prefix| decode_custom(root, prefix, *names))
            .collect();
    }
    let mut found = Vec::new();
    generic_walk(root, &FieldPath::root(), 0, &mut found);
    found.into_iter().filter_map(|prefix| decode_custom(root, prefix, Names::Required)).collect()
}

/// How deep the generic walk looks for `template` keys.
const MAX_WALK_DEPTH: usize = 12;

fn generic_walk(node: NodeRef<'_>, path: &FieldPath, depth: usize, out: &mut Vec<FieldPath>) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    if node.is_map() {
        for entry in node.entries() {
            let key: &str = &entry.key;
            // Object metadata and status hold no templates to lint.
            if depth == 0 && matches!(key, "metadata" | "status" | "apiVersion" | "kind") {
                continue;
            }
            let child = node.doc.node(entry.value);
            let child_path = path.key(key.to_owned());
            if key == "template" && looks_like_pod_template(child) {
                out.push(child_path);
            } else {
                generic_walk(child, &child_path, depth + 1, out);
            }
        }
    } else {
        for (i, item) in node.items().enumerate() {
            generic_walk(item, &path.index(i), depth + 1, out);
        }
    }
}

/// A mapping whose `spec.containers` is a non-empty list of mappings that each have a string
/// `name` and a string `image`: the shape of a pod template, and nothing else is that shape.
fn looks_like_pod_template(node: NodeRef<'_>) -> bool {
    let Some(containers) = node.get("spec").and_then(|s| s.get("containers")) else {
        return false;
    };
    containers.is_seq()
        && containers.items().next().is_some()
        && containers.items().all(|c| {
            c.is_map()
                && c.get("name").and_then(NodeRef::as_str).is_some()
                && c.get("image").and_then(NodeRef::as_str).is_some()
        })
}

fn decode_custom(root: NodeRef<'_>, prefix: FieldPath, names: Names) -> Option<FoundTemplate> {
    let node = root.lookup(&prefix)?;
    let spec_node = node.get("spec")?;
    if !spec_node.get("containers").is_some_and(NodeRef::is_seq) {
        return None;
    }
    let metadata =
        node.get("metadata").and_then(|m| from_node::<ObjectMeta>(m).ok()).map(|(m, _)| m);
    let spec = match names {
        Names::Required => from_node::<PodSpec>(spec_node).ok()?.0,
        Names::Knative => {
            let (mut value, _) = from_node::<serde_json::Value>(spec_node).ok()?;
            knative_default_names(&mut value);
            serde_json::from_value::<PodSpec>(value).ok()?
        }
    };
    Some(FoundTemplate { prefix, metadata, spec })
}

/// Knative's defaulting of container names (`applyDefaultContainerNames` in knative/serving):
/// a lone unnamed container is `user-container`; with several, unnamed ones get `-0`, `-1`, …
/// suffixes that avoid the names written. Init containers likewise with `init-container`.
fn knative_default_names(spec: &mut serde_json::Value) {
    let name_of = |c: &serde_json::Value| {
        c.get("name")
            .and_then(serde_json::Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let mut taken: Vec<String> = Vec::new();
    for list in ["containers", "initContainers"] {
        if let Some(items) = spec.get(list).and_then(serde_json::Value::as_array) {
            taken.extend(items.iter().filter_map(name_of));
        }
    }
    for (list, default) in [("containers", "user-container"), ("initContainers", "init-container")]
    {
        let Some(items) = spec.get_mut(list).and_then(serde_json::Value::as_array_mut) else {
            continue;
        };
        let several = items.len() > 1;
        let mut suffix = 0usize;
        for item in items.iter_mut() {
            let Some(obj) = item.as_object_mut() else { continue };
            if obj.get("name").and_then(serde_json::Value::as_str).is_some_and(|s| !s.is_empty()) {
                continue;
            }
            let mut name = default.to_owned();
            if several || taken.contains(&name) {
                loop {
                    name = format!("{default}-{suffix}");
                    suffix += 1;
                    if !taken.contains(&name) {
                        break;
                    }
                }
            }
            taken.push(name.clone());
            obj.insert("name".to_owned(), serde_json::Value::String(name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_parse_and_print() {
        for s in ["spec.template", "spec.tasks[*].template", "a[0][*].b", ""] {
            let p = PathPattern::parse(s).unwrap_or_else(|| panic!("{s} did not parse"));
            assert_eq!(p.to_string(), s);
        }
        for s in ["a..b", ".a", "a.", "a[x]", "a[0]b", "a[", "[0]", "a]"] {
            assert!(PathPattern::parse(s).is_none(), "{s} parsed");
        }
    }

    #[test]
    fn custom_groups() {
        assert!(is_custom_group("argoproj.io"));
        assert!(is_custom_group("cluster.x-k8s.io"));
        assert!(!is_custom_group("apps"));
        assert!(!is_custom_group(""));
        assert!(!is_custom_group("rbac.authorization.k8s.io"));
    }

    #[test]
    fn knative_names() {
        let mut v = serde_json::json!({"containers": [{"image": "a"}]});
        knative_default_names(&mut v);
        assert_eq!(v["containers"][0]["name"], "user-container");
        let mut v = serde_json::json!({"containers": [{"image": "a"}, {"name": "user-container-0", "image": "b"}, {"image": "c"}]});
        knative_default_names(&mut v);
        assert_eq!(v["containers"][0]["name"], "user-container-1");
        assert_eq!(v["containers"][2]["name"], "user-container-2");
    }
}
