//! Property tests of the RBAC matcher and authorizer against a literal transcription of
//! Kubernetes' `rbac/v1` helpers (`VerbMatches`, `APIGroupMatches`, `ResourceMatches`,
//! `ResourceNameMatches`, `NonResourceURLMatches`), and of `who-can` against `allows`.

use k8s_openapi::api::rbac::v1::{
    ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kubeward::model::{ObjectRef, Origin};
use kubeward::rbac::{
    Authorizer, Grant, RbacInput, Request, Requested, Rule, SubjectRef, UserInfo,
};
use proptest::prelude::*;
use std::sync::Arc;

const VERBS: &[&str] =
    &["get", "list", "watch", "create", "delete", "deletecollection", "escalate", "*"];
const GROUPS: &[&str] = &["", "apps", "*"];
const RESOURCES: &[&str] = &[
    "pods",
    "pods/exec",
    "pods/*",
    "*/exec",
    "*",
    "deployments",
    "deployments/scale",
    "*/scale",
    "namespaces",
];
const NAMES: &[&str] = &["web", "db", "team"];
const URLS: &[&str] = &["/healthz", "/healthz/*", "/api*", "*", "/a*b", "/metrics"];
const PATHS: &[&str] =
    &["/healthz", "/healthz/", "/healthz/x", "/api", "/apis", "/a*b", "/axb", "/metrics"];

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(items).prop_map(str::to_owned)
}

fn some(items: &'static [&'static str], max: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(pick(items), 0..=max)
}

fn rule() -> impl Strategy<Value = PolicyRule> {
    (some(VERBS, 3), some(GROUPS, 2), some(RESOURCES, 3), some(NAMES, 2)).prop_map(
        |(v, g, r, n)| PolicyRule {
            verbs: v,
            api_groups: Some(g),
            resources: Some(r),
            resource_names: (!n.is_empty()).then_some(n),
            non_resource_urls: None,
        },
    )
}

fn request() -> impl Strategy<Value = Request> {
    (
        pick(VERBS),
        pick(GROUPS),
        pick(RESOURCES),
        proptest::option::of(pick(NAMES)),
        pick(&["", "a", "b"]),
    )
        .prop_map(|(v, g, r, n, ns)| {
            let req = Request::resource(&v, &g, &r, &ns);
            match n {
                Some(n) => req.named(&n),
                None => req,
            }
        })
}

/// `rbac/v1` helpers, transcribed.
fn reference_allows(r: &PolicyRule, req: &Request) -> bool {
    let has = |v: &[String], x: &str| v.iter().any(|s| s == "*" || s == x);
    let verbs = has(&r.verbs, &req.verb);
    match &req.what {
        Requested::Resource { group, resource, subresource, name } => {
            let combined = if subresource.is_empty() {
                resource.clone()
            } else {
                format!("{resource}/{subresource}")
            };
            let res = r.resources.as_deref().unwrap_or_default().iter().any(|rr| {
                if rr == "*" || *rr == combined {
                    return true;
                }
                if subresource.is_empty() {
                    return false;
                }
                rr.len() == subresource.len() + 2
                    && rr.starts_with("*/")
                    && rr.ends_with(subresource.as_str())
            });
            let names = r.resource_names.as_deref().unwrap_or_default();
            verbs
                && has(r.api_groups.as_deref().unwrap_or_default(), group)
                && res
                && (names.is_empty() || names.iter().any(|n| n == name))
        }
        Requested::NonResource { path } => {
            verbs
                && r.non_resource_urls.as_deref().unwrap_or_default().iter().any(|u| {
                    u == "*"
                        || u == path
                        || (u.ends_with('*') && path.starts_with(u.trim_end_matches('*')))
                })
        }
    }
}

fn origin(kind: &str, ns: Option<&str>, name: &str) -> Origin {
    Origin {
        file: Arc::from("prop.yaml"),
        file_index: 0,
        span: kubeward::source::Span::default(),
        line: 1,
        object: Arc::new(ObjectRef {
            api_version: "rbac.authorization.k8s.io/v1".into(),
            kind: kind.into(),
            namespace: ns.map(Into::into),
            name: Some(name.into()),
        }),
    }
}

fn meta(name: &str, ns: Option<&str>) -> ObjectMeta {
    ObjectMeta { name: Some(name.into()), namespace: ns.map(Into::into), ..ObjectMeta::default() }
}

const SUBJECTS: &[(&str, &str)] = &[
    ("User", "alice"),
    ("User", "bob"),
    ("Group", "devs"),
    ("ServiceAccount", "ci"),
    ("Group", "system:serviceaccounts"),
];

/// A small input: ClusterRoles and Roles in namespaces a/b, bound by CRBs and RBs.
fn input() -> impl Strategy<Value = RbacInput> {
    let binding = (
        0..3usize,
        proptest::option::of(pick(&["a", "b"])),
        any::<bool>(),
        0..SUBJECTS.len(),
        any::<bool>(),
    );
    (
        proptest::collection::vec(proptest::collection::vec(rule(), 1..3), 3),
        proptest::collection::vec(binding, 1..6),
    )
        .prop_map(|(roles, bindings)| {
            let mut input = RbacInput::new();
            for (i, rules) in roles.iter().enumerate() {
                let name = format!("r{i}");
                input.add_cluster_role(
                    &ClusterRole {
                        metadata: meta(&name, None),
                        rules: Some(rules.clone()),
                        aggregation_rule: None,
                    },
                    origin("ClusterRole", None, &name),
                );
                for ns in ["a", "b"] {
                    input.add_role(
                        &Role { metadata: meta(&name, Some(ns)), rules: Some(rules.clone()) },
                        origin("Role", Some(ns), &name),
                    );
                }
            }
            for (k, (role, ns, to_role, subject, sa_without_ns)) in bindings.into_iter().enumerate()
            {
                let (kind, sname) = SUBJECTS[subject];
                let s = Subject {
                    kind: kind.into(),
                    name: sname.into(),
                    namespace: (kind == "ServiceAccount" && !sa_without_ns).then(|| "a".into()),
                    api_group: None,
                };
                let name = format!("b{k}");
                match ns {
                    None => {
                        let role_ref = RoleRef {
                            api_group: None,
                            kind: "ClusterRole".into(),
                            name: format!("r{role}"),
                        };
                        let b = ClusterRoleBinding {
                            metadata: meta(&name, None),
                            role_ref,
                            subjects: Some(vec![s]),
                        };
                        input.add_cluster_role_binding(
                            &b,
                            origin("ClusterRoleBinding", None, &name),
                        );
                    }
                    Some(ns) => {
                        let kind = if to_role { "Role" } else { "ClusterRole" };
                        let role_ref = RoleRef {
                            api_group: None,
                            kind: kind.into(),
                            name: format!("r{role}"),
                        };
                        let b = RoleBinding {
                            metadata: meta(&name, Some(&ns)),
                            role_ref,
                            subjects: Some(vec![s]),
                        };
                        input.add_role_binding(&b, origin("RoleBinding", Some(&ns), &name));
                    }
                }
            }
            input
        })
}

fn users() -> Vec<UserInfo> {
    vec![
        UserInfo::user("alice", &[]),
        UserInfo::user("bob", &["devs".into()]),
        UserInfo::service_account("a", "ci"),
        UserInfo::service_account("b", "ci"),
    ]
}

fn applies(s: &SubjectRef, u: &UserInfo) -> bool {
    match s {
        SubjectRef::Group(g) => u.in_group(g),
        other => other.user_name().as_deref() == Some(u.name.as_str()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn matcher_agrees_with_kubernetes(r in rule(), req in request()) {
        prop_assert_eq!(Rule::from_policy(&r).allows(&req), reference_allows(&r, &req));
    }

    #[test]
    fn urls_agree_with_kubernetes(verbs in some(VERBS, 2), urls in some(URLS, 3), verb in pick(VERBS), path in pick(PATHS)) {
        let r = PolicyRule { verbs, non_resource_urls: Some(urls), ..PolicyRule::default() };
        let req = Request::non_resource(&verb, &path);
        prop_assert_eq!(Rule::from_policy(&r).allows(&req), reference_allows(&r, &req));
    }

    #[test]
    fn resource_names_never_authorize_unnamed_requests(r in rule(), verb in pick(&["create", "deletecollection", "list", "watch"]), res in pick(RESOURCES), name in pick(NAMES)) {
        prop_assume!(r.resource_names.is_some());
        let rule = Rule::from_policy(&r);
        let unnamed = Request::resource(&verb, "", &res, "a");
        prop_assert!(!rule.allows(&unnamed.normalized()));
        if (verb == "create" && !res.contains('/')) || verb == "deletecollection" {
            prop_assert!(!rule.allows(&Request::resource(&verb, "", &res, "a").named(&name).normalized()));
        }
    }

    #[test]
    fn wildcards_match_everything(verb in pick(VERBS), group in pick(GROUPS), res in pick(RESOURCES), name in pick(NAMES)) {
        let all = Rule::resource(&["*"], &["*"], &["*"], &[]);
        prop_assert!(all.allows(&Request::resource(&verb, &group, &res, "a").named(&name)));
    }

    #[test]
    fn who_can_agrees_with_allows(input in input(), req in request()) {
        let authz = Authorizer::new(&input);
        let who = authz.who_can(&req);
        for (s, g) in &who {
            if let Grant::Rule(_) = g {
                // Every listed subject's principal is allowed (a ServiceAccount or user as itself,
                // a group through a member).
                let u = s.user_info();
                prop_assert!(authz.allows(&u, &req).is_some(), "{s} listed but not allowed: {req}");
            }
        }
        for u in users() {
            match authz.allows(&u, &req) {
                Some(Grant::Rule(g)) => {
                    prop_assert!(applies(&g.subject, &u));
                    prop_assert!(who.iter().any(|(s, _)| applies(s, &u)), "{} allowed but no subject listed: {req}", u.name);
                    // A RoleBinding grants only in its own namespace.
                    let n = req.clone().normalized().namespace;
                    if let Some(ns) = &g.namespace { prop_assert_eq!(ns, &n); }
                }
                Some(Grant::PrivilegedGroup) => prop_assert!(false, "not in system:masters"),
                None => prop_assert!(!who.iter().any(|(s, g)| matches!(g, Grant::Rule(_)) && applies(s, &u))),
            }
        }
    }
}
