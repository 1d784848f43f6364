//! Feeding decoded objects to the RBAC engine: [`RbacInput::add_typed`] takes any typed object
//! (RBAC kinds, ServiceAccounts, Namespaces, token Secrets, every workload kind) and
//! [`RbacInput::add_manifests`] reads a whole YAML/JSON stream (`kind: List` included).

use super::input::{DEFAULT_NAMESPACE, RbacInput, WorkloadFacts};
use crate::model::typed::{Typed, decode};
use crate::model::{ObjectRef, Origin, pod_template};
use crate::source::{Limits, LineIndex, NodeRef, SourceIssue, parse_each};
use k8s_openapi::api::core::v1::PodSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use std::sync::Arc;

/// The Secret type of ServiceAccount tokens.
pub const SA_TOKEN_TYPE: &str = "kubernetes.io/service-account-token";
/// The annotation naming a token Secret's ServiceAccount.
pub const SA_NAME_ANNOTATION: &str = "kubernetes.io/service-account.name";

/// The ServiceAccount a pod runs as: `serviceAccountName`, else the deprecated `serviceAccount`,
/// else `default`.
#[must_use]
pub fn pod_service_account(spec: &PodSpec) -> &str {
    spec.service_account_name
        .as_deref()
        .or(spec.service_account.as_deref())
        .filter(|s| !s.is_empty())
        .unwrap_or("default")
}

/// The namespace a workload's pods run in: the object's, else its template's, else `default`.
#[must_use]
pub fn workload_namespace<'a>(object: &'a ObjectRef, template: Option<&'a ObjectMeta>) -> &'a str {
    object
        .namespace
        .as_deref()
        .or_else(|| template.and_then(|m| m.namespace.as_deref()))
        .filter(|n| !n.is_empty())
        .unwrap_or(DEFAULT_NAMESPACE)
}

impl WorkloadFacts {
    /// Facts from a pod spec (`kind` is the workload's kind, `namespace` its namespace).
    #[must_use]
    pub fn from_pod_spec(
        origin: impl Into<Arc<Origin>>,
        namespace: &str,
        kind: &str,
        spec: &PodSpec,
    ) -> Self {
        let privileged = spec
            .containers
            .iter()
            .chain(spec.init_containers.iter().flatten())
            .filter_map(|c| c.security_context.as_ref())
            .chain(
                spec.ephemeral_containers
                    .iter()
                    .flatten()
                    .filter_map(|c| c.security_context.as_ref()),
            )
            .any(|sc| sc.privileged == Some(true));
        let sa = pod_service_account(spec);
        Self {
            origin: origin.into(),
            namespace: namespace.into(),
            service_account: sa.into(),
            automount_token: spec.automount_service_account_token,
            node_name: spec.node_name.as_deref().filter(|n| !n.is_empty()).map(Into::into),
            privileged,
            host_pid: spec.host_pid == Some(true),
            host_network: spec.host_network == Some(true),
            host_path: spec.volumes.iter().flatten().any(|v| v.host_path.is_some()),
            kind: kind.into(),
        }
    }
}

impl RbacInput {
    /// Adds a decoded object the engine uses; returns false for kinds it ignores.
    pub fn add_typed(&mut self, typed: &Typed, origin: Origin) -> bool {
        match typed {
            Typed::ClusterRole(o) => self.add_cluster_role(o, origin),
            Typed::Role(o) => self.add_role(o, origin),
            Typed::ClusterRoleBinding(o) => self.add_cluster_role_binding(o, origin),
            Typed::RoleBinding(o) => self.add_role_binding(o, origin),
            Typed::ServiceAccount(o) => self.add_service_account(o, origin),
            Typed::Namespace(o) => self.add_namespace(o, origin),
            Typed::Secret(s) => {
                let sa = s.metadata.annotations.as_ref().and_then(|a| a.get(SA_NAME_ANNOTATION));
                match (s.type_.as_deref(), sa, s.metadata.name.as_deref()) {
                    (Some(SA_TOKEN_TYPE), Some(sa), Some(name)) => {
                        let ns = s
                            .metadata
                            .namespace
                            .clone()
                            .unwrap_or_else(|| DEFAULT_NAMESPACE.to_owned());
                        self.add_token_secret(origin, &ns, name, sa);
                    }
                    _ => return false,
                }
            }
            _ => {
                let Some((meta, spec)) = pod_template::from_typed(typed) else { return false };
                if matches!(typed, Typed::PodTemplate(_)) {
                    return false; // a PodTemplate runs nothing by itself
                }
                let object = Arc::clone(&origin.object);
                let ns = workload_namespace(&object, meta);
                self.add_workload(WorkloadFacts::from_pod_spec(origin, ns, &object.kind, spec));
            }
        }
        true
    }

    /// Parses a YAML or JSON stream and adds every object the engine uses; returns how many.
    /// Documents that do not decode are skipped (the linter reports them). Each document is
    /// dropped once read ([`parse_each`]): a large stream is never held whole.
    pub fn add_manifests(&mut self, file: &str, file_index: usize, text: &str) -> usize {
        self.ingest(file, file_index, text).0
    }

    /// [`RbacInput::add_manifests`], returning what the reader found wrong with the text (the
    /// documents an issue affects are not read): a caller that reports them needs no second
    /// parse.
    pub fn read_manifests(
        &mut self,
        file: &str,
        file_index: usize,
        text: &str,
    ) -> Vec<SourceIssue> {
        self.ingest(file, file_index, text).1
    }

    /// Appends the objects of `other` after this input's (its version is ignored): inputs built
    /// from files in parallel, appended in file order, equal one built from the files in turn.
    pub fn append(&mut self, other: Self) {
        let Self {
            roles,
            bindings,
            service_accounts,
            namespaces,
            workloads,
            token_secrets,
            version: _,
            notes,
        } = other;
        self.roles.extend(roles);
        self.bindings.extend(bindings);
        self.service_accounts.extend(service_accounts);
        self.namespaces.extend(namespaces);
        self.workloads.extend(workloads);
        self.token_secrets.extend(token_secrets);
        self.notes.extend(notes);
    }

    fn ingest(&mut self, file: &str, file_index: usize, text: &str) -> (usize, Vec<SourceIssue>) {
        let file: Arc<str> = Arc::from(file);
        let lines = LineIndex::new(text);
        let mut added = 0;
        let issues = parse_each(text, &Limits::default(), &mut |doc| {
            let Some(root) = doc.root() else { return };
            let items: Vec<NodeRef<'_>> = match (str_at(root, &["kind"]), root.get("items")) {
                (Some(k), Some(items)) if k.ends_with("List") => items.items().collect(),
                _ => vec![root],
            };
            for item in items {
                let (Some(api_version), Some(kind)) =
                    (str_at(item, &["apiVersion"]), str_at(item, &["kind"]))
                else {
                    continue;
                };
                let Some(Ok((typed, _))) = decode(api_version, kind, item) else { continue };
                let span = item.span();
                let first = item.entries().first().map_or(span.start, |e| e.key_span.start);
                let origin = Origin {
                    file: file.clone(),
                    file_index,
                    span,
                    line: lines.line_col(first).0,
                    object: Arc::new(ObjectRef {
                        api_version: api_version.into(),
                        kind: kind.into(),
                        namespace: str_at(item, &["metadata", "namespace"]).map(Into::into),
                        name: str_at(item, &["metadata", "name"]).map(Into::into),
                    }),
                };
                if self.add_typed(&typed, origin) {
                    added += 1;
                }
            }
        });
        (added, issues)
    }
}

fn str_at<'a>(n: NodeRef<'a>, path: &[&str]) -> Option<&'a str> {
    let mut cur = n;
    for k in path {
        cur = cur.get(k)?;
    }
    cur.as_str()
}
