//! Audit Policy (`audit.k8s.io/v1`, the file `--audit-policy-file` names).
//!
//! `Policy::level` evaluates a request the way the API server's policy checker does: the first
//! rule that matches decides the level, and a request no rule matches is not logged (`None`).

use crate::rules::ObjectCtx;
use crate::source::from_node;
use serde::Deserialize;

pub mod catch_all_none;
pub mod no_rules;
pub mod request_received_logged;
pub mod secret_bodies_logged;
pub mod sensitive_requests_unlogged;

/// The kind audit rules look at.
pub(crate) const KINDS: &[&str] = &["Policy"];

/// An audit policy.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Policy {
    pub rules: Vec<PolicyRule>,
    pub omit_stages: Vec<String>,
}

/// One policy rule.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct PolicyRule {
    pub level: String,
    pub users: Vec<String>,
    pub user_groups: Vec<String>,
    pub verbs: Vec<String>,
    pub resources: Vec<GroupResources>,
    pub namespaces: Vec<String>,
    #[serde(rename = "nonResourceURLs")]
    pub non_resource_urls: Vec<String>,
    pub omit_stages: Vec<String>,
}

/// A group's resources in a rule.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct GroupResources {
    pub group: String,
    pub resources: Vec<String>,
    pub resource_names: Vec<String>,
}

/// A resource request, as the policy checker sees it.
#[derive(Debug, Clone)]
pub(crate) struct Request<'a> {
    pub user: &'a str,
    pub groups: Vec<&'a str>,
    pub verb: &'a str,
    pub namespace: &'a str,
    pub group: &'a str,
    pub resource: &'a str,
    pub subresource: &'a str,
    pub name: &'a str,
}

/// A namespace no policy names, for requests that should not hit namespace-specific rules.
pub(crate) const ANY_NAMESPACE: &str = "kubeward-any-namespace";
/// A user no policy names.
const ANY_USER: &str = "kubeward-any-user";
/// The group of every authenticated user.
const AUTHENTICATED: &str = "system:authenticated";

impl<'a> Request<'a> {
    /// A request by an ordinary authenticated user.
    pub(crate) fn by_user(
        verb: &'a str,
        group: &'a str,
        resource: &'a str,
        namespace: &'a str,
    ) -> Self {
        Self {
            user: ANY_USER,
            groups: vec![AUTHENTICATED],
            verb,
            namespace,
            group,
            resource,
            subresource: "",
            name: "",
        }
    }
}

/// The policy of an object, when it is an audit policy that decodes.
pub(crate) fn policy(o: &ObjectCtx<'_>) -> Option<Policy> {
    if !o.object.api_version.starts_with("audit.k8s.io/") {
        return None;
    }
    from_node::<Policy>(o.root).ok().map(|(p, _)| p)
}

impl Policy {
    /// The index of the rule that decides a request (`None`: no rule matches; not logged).
    pub(crate) fn matching(&self, req: &Request<'_>) -> Option<usize> {
        self.rules.iter().position(|r| r.matches(req))
    }

    /// The level a request is logged at, and the rule that decided it.
    pub(crate) fn level(&self, req: &Request<'_>) -> (&str, Option<usize>) {
        match self.matching(req) {
            Some(i) => (self.rules.get(i).map_or("None", |r| r.level.as_str()), Some(i)),
            None => ("None", None),
        }
    }
}

impl PolicyRule {
    /// No selector at all: the rule matches every request.
    pub(crate) fn is_catch_all(&self) -> bool {
        self.users.is_empty()
            && self.user_groups.is_empty()
            && self.verbs.is_empty()
            && self.resources.is_empty()
            && self.namespaces.is_empty()
            && self.non_resource_urls.is_empty()
    }

    /// Whether the rule logs request bodies.
    pub(crate) fn logs_bodies(&self) -> bool {
        matches!(self.level.as_str(), "Request" | "RequestResponse")
    }

    /// The policy checker's `ruleMatches` for a resource request.
    pub(crate) fn matches(&self, req: &Request<'_>) -> bool {
        if !self.users.is_empty() && !self.users.iter().any(|u| u == req.user) {
            return false;
        }
        if !self.user_groups.is_empty()
            && !req.groups.iter().any(|g| self.user_groups.iter().any(|u| u == g))
        {
            return false;
        }
        if !self.verbs.is_empty() && !self.verbs.iter().any(|v| v == req.verb) {
            return false;
        }
        if !self.namespaces.is_empty() || !self.resources.is_empty() {
            return self.matches_resource(req);
        }
        // Only non-resource URLs: never a resource request.
        self.non_resource_urls.is_empty()
    }

    fn matches_resource(&self, req: &Request<'_>) -> bool {
        if !self.namespaces.is_empty() && !self.namespaces.iter().any(|n| n == req.namespace) {
            return false;
        }
        if self.resources.is_empty() {
            return true;
        }
        let combined = if req.subresource.is_empty() {
            req.resource.to_owned()
        } else {
            format!("{}/{}", req.resource, req.subresource)
        };
        self.resources.iter().filter(|gr| gr.group == req.group).any(|gr| {
            if gr.resources.is_empty() {
                return true;
            }
            if !gr.resource_names.is_empty() && !gr.resource_names.iter().any(|n| n == req.name) {
                return false;
            }
            gr.resources.iter().any(|res| {
                res == &combined
                    || res == "*"
                    || (!req.subresource.is_empty()
                        && res.strip_prefix("*/") == Some(req.subresource))
                    || res.strip_suffix("/*") == Some(req.resource)
            })
        })
    }

    /// A request on `group`/`resource` that this rule matches and that reaches it (no earlier
    /// rule of `policy` takes it), built from the rule's own selectors.
    pub(crate) fn reachable_witness<'a>(
        &'a self,
        index: usize,
        policy: &Policy,
        group: &'a str,
        resource: &'a str,
    ) -> Option<Request<'a>> {
        const VERBS: &[&str] = &["get", "list", "watch", "create", "update", "patch", "delete"];
        let verbs: Vec<&str> = if self.verbs.is_empty() {
            VERBS.to_vec()
        } else {
            self.verbs.iter().map(String::as_str).collect()
        };
        let namespaces: Vec<&str> = if self.namespaces.is_empty() {
            vec![ANY_NAMESPACE, ""]
        } else {
            self.namespaces.iter().map(String::as_str).collect()
        };
        let name = self
            .resources
            .iter()
            .filter(|gr| gr.group == group)
            .find_map(|gr| gr.resource_names.first())
            .map_or("", String::as_str);
        for verb in &verbs {
            for namespace in &namespaces {
                let req = Request {
                    user: self.users.first().map_or(ANY_USER, String::as_str),
                    groups: vec![self.user_groups.first().map_or(AUTHENTICATED, String::as_str)],
                    verb,
                    namespace,
                    group,
                    resource,
                    subresource: "",
                    name,
                };
                if self.matches(&req) && policy.matching(&req) == Some(index) {
                    return Some(req);
                }
            }
        }
        None
    }
}
