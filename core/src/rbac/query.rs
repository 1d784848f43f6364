//! `rbac can-i`, `can-i --list` and `who-can`, with kubectl's resource syntax.
//!
//! kubectl resolves `RESOURCE` through the cluster's discovery document; offline, a table of the
//! built-in resources stands in for it: short names (`deploy`), singular names (`pod`), and the
//! group of each plural name (`deployments` → `apps`). `deployments.apps`,
//! `deployments.v1.apps` and `RESOURCE/SUBRESOURCE` are taken as written, as is any resource the
//! table does not know (in the core group unless a group is given). A `RESOURCE` starting with `/`
//! is a non-resource URL.

use super::authorizer::{Authorizer, EffectiveRule, Grant};
use super::input::RbacInput;
use super::rule::Request;
use super::subject::{SubjectRef, UserInfo};

/// A parsed `RESOURCE[.GROUP][/SUBRESOURCE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceArg {
    pub group: String,
    pub resource: String,
    pub subresource: String,
}

/// (short or singular name, plural, group).
const TABLE: &[(&str, &str, &str)] = &[
    ("po", "pods", ""),
    ("svc", "services", ""),
    ("sa", "serviceaccounts", ""),
    ("cm", "configmaps", ""),
    ("ns", "namespaces", ""),
    ("no", "nodes", ""),
    ("pv", "persistentvolumes", ""),
    ("pvc", "persistentvolumeclaims", ""),
    ("rc", "replicationcontrollers", ""),
    ("ep", "endpoints", ""),
    ("ev", "events", ""),
    ("limits", "limitranges", ""),
    ("quota", "resourcequotas", ""),
    ("deploy", "deployments", "apps"),
    ("rs", "replicasets", "apps"),
    ("ds", "daemonsets", "apps"),
    ("sts", "statefulsets", "apps"),
    ("cj", "cronjobs", "batch"),
    ("ing", "ingresses", "networking.k8s.io"),
    ("netpol", "networkpolicies", "networking.k8s.io"),
    ("csr", "certificatesigningrequests", "certificates.k8s.io"),
    ("crd", "customresourcedefinitions", "apiextensions.k8s.io"),
    ("crds", "customresourcedefinitions", "apiextensions.k8s.io"),
    ("pdb", "poddisruptionbudgets", "policy"),
    ("hpa", "horizontalpodautoscalers", "autoscaling"),
    ("sc", "storageclasses", "storage.k8s.io"),
    ("pc", "priorityclasses", "scheduling.k8s.io"),
];

/// Plural names whose group is not the core group.
const GROUPS: &[(&str, &str)] = &[
    ("deployments", "apps"),
    ("replicasets", "apps"),
    ("daemonsets", "apps"),
    ("statefulsets", "apps"),
    ("controllerrevisions", "apps"),
    ("jobs", "batch"),
    ("cronjobs", "batch"),
    ("roles", "rbac.authorization.k8s.io"),
    ("rolebindings", "rbac.authorization.k8s.io"),
    ("clusterroles", "rbac.authorization.k8s.io"),
    ("clusterrolebindings", "rbac.authorization.k8s.io"),
    ("ingresses", "networking.k8s.io"),
    ("ingressclasses", "networking.k8s.io"),
    ("networkpolicies", "networking.k8s.io"),
    ("certificatesigningrequests", "certificates.k8s.io"),
    ("signers", "certificates.k8s.io"),
    ("mutatingwebhookconfigurations", "admissionregistration.k8s.io"),
    ("validatingwebhookconfigurations", "admissionregistration.k8s.io"),
    ("validatingadmissionpolicies", "admissionregistration.k8s.io"),
    ("validatingadmissionpolicybindings", "admissionregistration.k8s.io"),
    ("customresourcedefinitions", "apiextensions.k8s.io"),
    ("apiservices", "apiregistration.k8s.io"),
    ("storageclasses", "storage.k8s.io"),
    ("csidrivers", "storage.k8s.io"),
    ("csinodes", "storage.k8s.io"),
    ("volumeattachments", "storage.k8s.io"),
    ("poddisruptionbudgets", "policy"),
    ("horizontalpodautoscalers", "autoscaling"),
    ("leases", "coordination.k8s.io"),
    ("tokenreviews", "authentication.k8s.io"),
    ("selfsubjectreviews", "authentication.k8s.io"),
    ("subjectaccessreviews", "authorization.k8s.io"),
    ("selfsubjectaccessreviews", "authorization.k8s.io"),
    ("selfsubjectrulesreviews", "authorization.k8s.io"),
    ("localsubjectaccessreviews", "authorization.k8s.io"),
    ("priorityclasses", "scheduling.k8s.io"),
    ("endpointslices", "discovery.k8s.io"),
    ("runtimeclasses", "node.k8s.io"),
];

fn is_version(s: &str) -> bool {
    s.strip_prefix('v').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// Parses `RESOURCE[.GROUP][/SUBRESOURCE]` as kubectl does (see the module docs).
///
/// # Errors
/// An empty resource or subresource.
pub fn parse_resource(arg: &str) -> Result<ResourceArg, String> {
    let (res, sub) = match arg.split_once('/') {
        Some((_, s)) if s.is_empty() || s.contains('/') => {
            return Err(format!("invalid subresource in {arg:?}"));
        }
        Some((r, s)) => (r, s),
        None => (arg, ""),
    };
    if res.is_empty() {
        return Err(format!("invalid resource {arg:?}"));
    }
    let lower = res.to_ascii_lowercase();
    let (name, group) = match lower.split_once('.') {
        Some((n, rest)) => {
            let group = match rest.split_once('.') {
                Some((v, g)) if is_version(v) => g,
                _ if is_version(rest) => "",
                _ => rest,
            };
            (n.to_owned(), Some(group.to_owned()))
        }
        None => (lower.clone(), None),
    };
    let (plural, default_group) = resolve(&name);
    Ok(ResourceArg {
        group: group.unwrap_or(default_group),
        resource: plural,
        subresource: sub.to_owned(),
    })
}

/// A short, singular or plural name → (plural, group).
fn resolve(name: &str) -> (String, String) {
    if name == "*" {
        return ("*".to_owned(), String::new());
    }
    if let Some((_, plural, group)) = TABLE.iter().find(|(short, _, _)| *short == name) {
        return ((*plural).to_owned(), (*group).to_owned());
    }
    let known = |p: &str| -> Option<String> {
        let group = GROUPS.iter().find(|(r, _)| *r == p).map(|(_, g)| (*g).to_owned());
        let core = TABLE.iter().any(|(_, r, g)| *r == p && g.is_empty())
            || p == "secrets"
            || p == "bindings";
        group.or(core.then(String::new))
    };
    if let Some(g) = known(name) {
        return (name.to_owned(), g);
    }
    for plural in [
        format!("{name}s"),
        format!("{name}es"),
        name.strip_suffix('y').map(|s| format!("{s}ies")).unwrap_or_default(),
    ] {
        if let Some(g) = known(&plural) {
            return (plural, g);
        }
    }
    (name.to_owned(), String::new())
}

/// Builds the request of `VERB RESOURCE` (or a non-resource URL starting with `/`), in
/// `namespace` (`None`: cluster-wide), on object `name` if given.
///
/// # Errors
/// An invalid resource.
pub fn request(
    verb: &str,
    resource: &str,
    namespace: Option<&str>,
    name: Option<&str>,
) -> Result<Request, String> {
    if resource.starts_with('/') {
        return Ok(Request::non_resource(verb, resource));
    }
    let r = parse_resource(resource)?;
    let combined = if r.subresource.is_empty() {
        r.resource
    } else {
        format!("{}/{}", r.resource, r.subresource)
    };
    let req = Request::resource(verb, &r.group, &combined, namespace.unwrap_or_default());
    Ok(match name {
        Some(n) => req.named(n),
        None => req,
    })
}

/// The identity of `--as USER --as-group G…`, as the API server builds an impersonated user.
#[must_use]
pub fn user_info(user: &str, groups: &[String]) -> UserInfo {
    UserInfo::user(user, groups)
}

/// `rbac can-i VERB RESOURCE --as USER [--as-group G]… [-n NS]`: whether it is allowed, and
/// the rule that allows it.
///
/// # Errors
/// An invalid resource.
pub fn can_i(
    input: &RbacInput,
    verb: &str,
    resource: &str,
    namespace: Option<&str>,
    user: &str,
    groups: &[String],
) -> Result<(bool, Option<Grant>), String> {
    can_i_with(&Authorizer::new(input), verb, resource, namespace, user, groups)
}

/// [`can_i`] on an authorizer already built.
///
/// # Errors
/// An invalid resource.
pub fn can_i_with(
    authz: &Authorizer,
    verb: &str,
    resource: &str,
    namespace: Option<&str>,
    user: &str,
    groups: &[String],
) -> Result<(bool, Option<Grant>), String> {
    let req = request(verb, resource, namespace, None)?;
    let grant = authz.allows(&user_info(user, groups), &req);
    Ok((grant.is_some(), grant))
}

/// `rbac can-i --list --as USER [--as-group G]… [-n NS]`: every rule that applies, with its grant.
#[must_use]
pub fn list(
    authz: &Authorizer,
    user: &str,
    groups: &[String],
    namespace: Option<&str>,
) -> Vec<EffectiveRule> {
    authz.rules_for(&user_info(user, groups), namespace.unwrap_or_default())
}

/// `rbac who-can VERB RESOURCE [-n NS]`: every subject, with the binding and rule.
///
/// # Errors
/// An invalid resource.
pub fn who_can(
    authz: &Authorizer,
    verb: &str,
    resource: &str,
    namespace: Option<&str>,
) -> Result<Vec<(SubjectRef, Grant)>, String> {
    Ok(authz.who_can(&request(verb, resource, namespace, None)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (String, String, String) {
        let r = parse_resource(s).unwrap_or_else(|e| panic!("{e}"));
        (r.group, r.resource, r.subresource)
    }

    #[test]
    fn kubectl_resource_forms() {
        let t = |g: &str, r: &str, s: &str| (g.to_owned(), r.to_owned(), s.to_owned());
        assert_eq!(p("pods"), t("", "pods", ""));
        assert_eq!(p("pod"), t("", "pods", ""));
        assert_eq!(p("po/exec"), t("", "pods", "exec"));
        assert_eq!(p("deploy"), t("apps", "deployments", ""));
        assert_eq!(p("deployments.apps/scale"), t("apps", "deployments", "scale"));
        assert_eq!(p("deployments.v1.apps"), t("apps", "deployments", ""));
        assert_eq!(p("deployment"), t("apps", "deployments", ""));
        assert_eq!(p("clusterroles"), t("rbac.authorization.k8s.io", "clusterroles", ""));
        assert_eq!(p("networkpolicy"), t("networking.k8s.io", "networkpolicies", ""));
        assert_eq!(p("widgets.example.com"), t("example.com", "widgets", ""));
        assert_eq!(p("*"), t("", "*", ""));
        assert!(parse_resource("pods/").is_err());
        assert!(parse_resource("/x").is_err());
    }
}
