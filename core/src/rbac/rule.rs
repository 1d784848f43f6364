//! Policy rules and requests, and Kubernetes' `RuleAllows` (ESCALATION.md §4.2), exactly.

use k8s_openapi::api::rbac::v1::PolicyRule;
use std::fmt;

/// A policy rule (one entry of a role's `rules`), with absent lists as empty lists.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Rule {
    pub verbs: Vec<Box<str>>,
    pub api_groups: Vec<Box<str>>,
    pub resources: Vec<Box<str>>,
    pub resource_names: Vec<Box<str>>,
    pub non_resource_urls: Vec<Box<str>>,
}

fn boxed(v: Option<&Vec<String>>) -> Vec<Box<str>> {
    v.map(|v| v.iter().map(|s| Box::from(s.as_str())).collect()).unwrap_or_default()
}

fn strs(items: &[&str]) -> Vec<Box<str>> {
    items.iter().map(|s| Box::from(*s)).collect()
}

impl Rule {
    /// Converts a k8s-openapi rule.
    #[must_use]
    pub fn from_policy(r: &PolicyRule) -> Self {
        Self {
            verbs: r.verbs.iter().map(|s| Box::from(s.as_str())).collect(),
            api_groups: boxed(r.api_groups.as_ref()),
            resources: boxed(r.resources.as_ref()),
            resource_names: boxed(r.resource_names.as_ref()),
            non_resource_urls: boxed(r.non_resource_urls.as_ref()),
        }
    }

    /// A resource rule built from string lists (tests, synthetic roles).
    #[must_use]
    pub fn resource(verbs: &[&str], groups: &[&str], resources: &[&str], names: &[&str]) -> Self {
        Self {
            verbs: strs(verbs),
            api_groups: strs(groups),
            resources: strs(resources),
            resource_names: strs(names),
            non_resource_urls: Vec::new(),
        }
    }

    /// A non-resource rule.
    #[must_use]
    pub fn non_resource(verbs: &[&str], urls: &[&str]) -> Self {
        Self { verbs: strs(verbs), non_resource_urls: strs(urls), ..Self::default() }
    }

    /// `*`/`*`/`*` and `*` on every URL: what `cluster-admin` holds.
    #[must_use]
    pub fn full_authority() -> [Self; 2] {
        [Self::resource(&["*"], &["*"], &["*"], &[]), Self::non_resource(&["*"], &["*"])]
    }

    /// `VerbMatches`: some verb is `*` or equal.
    #[must_use]
    pub fn verb_matches(&self, verb: &str) -> bool {
        self.verbs.iter().any(|v| &**v == "*" || &**v == verb)
    }

    /// `APIGroupMatches`.
    #[must_use]
    pub fn group_matches(&self, group: &str) -> bool {
        self.api_groups.iter().any(|g| &**g == "*" || &**g == group)
    }

    /// `ResourceMatches`: `resource` may be `pods` or `pods/exec` (a combined name).
    #[must_use]
    pub fn resource_matches(&self, combined: &str) -> bool {
        let sub = combined.split_once('/').map(|(_, s)| s);
        self.resources.iter().any(|r| {
            &**r == "*"
                || &**r == combined
                || sub.is_some_and(|s| {
                    r.len() == s.len() + 2 && r.starts_with("*/") && r.ends_with(s)
                })
        })
    }

    /// `ResourceNameMatches`: no names, or `name` is one of them.
    #[must_use]
    pub fn name_matches(&self, name: &str) -> bool {
        self.resource_names.is_empty() || self.resource_names.iter().any(|n| &**n == name)
    }

    /// `NonResourceURLMatches`.
    #[must_use]
    pub fn url_matches(&self, path: &str) -> bool {
        self.non_resource_urls.iter().any(|u| url_matches(u, path))
    }

    /// True when the rule matches verb, group and resource, whatever the name.
    #[must_use]
    pub fn matches_ignoring_name(&self, verb: &str, group: &str, combined: &str) -> bool {
        self.verb_matches(verb) && self.group_matches(group) && self.resource_matches(combined)
    }

    /// `RuleAllows` for a (normalised) request.
    #[must_use]
    pub fn allows(&self, req: &Request) -> bool {
        match &req.what {
            Requested::Resource { group, resource, subresource, name } => {
                let combined = combine(resource, subresource);
                self.matches_ignoring_name(&req.verb, group, &combined) && self.name_matches(name)
            }
            Requested::NonResource { path } => {
                self.verb_matches(&req.verb) && self.url_matches(path)
            }
        }
    }

    /// True for a rule that grants `*` verbs on `*` groups and `*` resources with no names.
    #[must_use]
    pub fn is_resource_wildcard(&self) -> bool {
        let star = |v: &[Box<str>]| v.iter().any(|s| &**s == "*");
        star(&self.verbs)
            && star(&self.api_groups)
            && star(&self.resources)
            && self.resource_names.is_empty()
    }
}

/// A URL pattern matches `*`, the exact path, or (ending in `*`) any path starting with the
/// pattern with all trailing `*` removed.
#[must_use]
pub fn url_matches(pattern: &str, path: &str) -> bool {
    if pattern == "*" || pattern == path {
        return true;
    }
    pattern.ends_with('*') && path.starts_with(pattern.trim_end_matches('*'))
}

fn combine(resource: &str, sub: &str) -> String {
    if sub.is_empty() { resource.to_owned() } else { format!("{resource}/{sub}") }
}

impl fmt::Display for Rule {
    /// `verbs=[get list] groups=[""] resources=[pods] names=[a]` or `verbs=[get] urls=[/healthz]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |v: &[Box<str>]| {
            let items: Vec<String> = v
                .iter()
                .map(|s| if s.is_empty() { "\"\"".to_owned() } else { s.to_string() })
                .collect();
            format!("[{}]", items.join(" "))
        };
        write!(f, "verbs={}", list(&self.verbs))?;
        if !self.non_resource_urls.is_empty() {
            write!(f, " urls={}", list(&self.non_resource_urls))?;
        }
        if !self.resources.is_empty() || self.non_resource_urls.is_empty() {
            write!(f, " groups={} resources={}", list(&self.api_groups), list(&self.resources))?;
        }
        if !self.resource_names.is_empty() {
            write!(f, " names={}", list(&self.resource_names))?;
        }
        Ok(())
    }
}

/// What a request is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Requested {
    /// A resource request: group (`""` = core), resource, subresource (`""` for none), name.
    Resource { group: String, resource: String, subresource: String, name: String },
    /// A non-resource request (`/healthz`).
    NonResource { path: String },
}

/// Request attributes as the RBAC authorizer sees them (ESCALATION.md §4.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Request {
    pub verb: String,
    /// `""` for cluster-scoped requests and all-namespaces list/watch.
    pub namespace: String,
    pub what: Requested,
}

impl Request {
    /// A resource request; `resource` may be `pods/exec` (split at the first `/`).
    #[must_use]
    pub fn resource(verb: &str, group: &str, resource: &str, namespace: &str) -> Self {
        let (res, sub) = resource.split_once('/').unwrap_or((resource, ""));
        Self {
            verb: verb.to_owned(),
            namespace: namespace.to_owned(),
            what: Requested::Resource {
                group: group.to_owned(),
                resource: res.to_owned(),
                subresource: sub.to_owned(),
                name: String::new(),
            },
        }
    }

    /// A non-resource request.
    #[must_use]
    pub fn non_resource(verb: &str, path: &str) -> Self {
        Self {
            verb: verb.to_owned(),
            namespace: String::new(),
            what: Requested::NonResource { path: path.to_owned() },
        }
    }

    /// The same request on the object `name`.
    #[must_use]
    pub fn named(mut self, name: &str) -> Self {
        if let Requested::Resource { name: n, .. } = &mut self.what {
            name.clone_into(n);
        }
        self
    }

    /// The request as the API server's `RequestInfo` builds it: a non-subresource `create` and
    /// `deletecollection` have no name; a request on a Namespace object (core `namespaces`,
    /// name N, with or without a subresource) carries namespace N.
    #[must_use]
    pub fn normalized(mut self) -> Self {
        if let Requested::Resource { group, resource, subresource, name } = &mut self.what {
            if (self.verb == "create" && subresource.is_empty()) || self.verb == "deletecollection"
            {
                name.clear();
            }
            if group.is_empty() && resource == "namespaces" && !name.is_empty() {
                self.namespace.clone_from(name);
            }
        }
        self
    }
}

impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.what {
            Requested::Resource { group, resource, subresource, name } => {
                write!(f, "{} {resource}", self.verb)?;
                if !group.is_empty() {
                    write!(f, ".{group}")?;
                }
                if !subresource.is_empty() {
                    write!(f, "/{subresource}")?;
                }
                if !name.is_empty() {
                    write!(f, " {name:?}")?;
                }
                if !self.namespace.is_empty() {
                    write!(f, " in {}", self.namespace)?;
                }
                Ok(())
            }
            Requested::NonResource { path } => write!(f, "{} {path}", self.verb),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(verb: &str, group: &str, res: &str) -> Request {
        Request::resource(verb, group, res, "ns")
    }

    #[test]
    fn subresource_matching() {
        let pods = Rule::resource(&["get"], &[""], &["pods"], &[]);
        assert!(pods.allows(&req("get", "", "pods")));
        assert!(!pods.allows(&req("get", "", "pods/log")));
        let star_sub = Rule::resource(&["get"], &[""], &["pods/*"], &[]);
        assert!(!star_sub.allows(&req("get", "", "pods/log")));
        assert!(star_sub.allows(&req("get", "", "pods/*")));
        let scale = Rule::resource(&["update"], &["*"], &["*/scale"], &[]);
        assert!(scale.allows(&req("update", "apps", "deployments/scale")));
        assert!(!scale.allows(&req("update", "apps", "deployments")));
        assert!(!scale.allows(&req("update", "apps", "deployments/scalex")));
        let all = Rule::resource(&["*"], &["*"], &["*"], &[]);
        assert!(all.allows(&req("anything", "x.io", "foo/bar")));
    }

    #[test]
    fn resource_names() {
        let r = Rule::resource(&["*"], &[""], &["pods", "pods/exec"], &["web"]);
        assert!(!r.allows(&req("create", "", "pods").named("web").normalized()));
        assert!(r.allows(&req("create", "", "pods/exec").named("web").normalized()));
        assert!(!r.allows(&req("list", "", "pods")));
        assert!(r.allows(&req("list", "", "pods").named("web")));
        assert!(!r.allows(&req("deletecollection", "", "pods").named("web").normalized()));
        assert!(r.allows(&req("get", "", "pods").named("web")));
    }

    #[test]
    fn urls() {
        assert!(url_matches("/healthz/*", "/healthz/x"));
        assert!(url_matches("/healthz/*", "/healthz/"));
        assert!(!url_matches("/healthz/*", "/healthz"));
        assert!(url_matches("/api*", "/apis"));
        assert!(url_matches("/api**", "/api"));
        assert!(!url_matches("/a*b", "/axb"));
        assert!(url_matches("*", "/anything"));
    }

    #[test]
    fn namespace_object_carries_its_namespace() {
        let r = Request::resource("patch", "", "namespaces", "").named("team").normalized();
        assert_eq!(r.namespace, "team");
        let l = Request::resource("list", "", "namespaces", "").normalized();
        assert_eq!(l.namespace, "");
    }
}
