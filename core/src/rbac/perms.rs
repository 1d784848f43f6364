//! What one graph node may do: a list of grants (a role at a scope, from a binding or
//! synthetic), and the queries techniques ask of it.
//!
//! A technique asks "which rules let me `create` `pods`?" ([`Perms::find`]) and then reads each
//! [`Hit`]'s scope (cluster-wide, every namespace, one namespace) and resource names. Hits come in
//! grant order, then rule order, so the evidence a technique picks is deterministic.

use super::Evidence;
use super::aggregation::RuleRef;
use super::authorizer::{Authorizer, BindingId, RoleId};
use super::rule::Rule;
use crate::model::FieldPath;
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

/// Where a grant applies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Scope {
    /// A ClusterRoleBinding: every namespace and cluster-scoped objects.
    Cluster,
    /// RoleBindings in every namespace (no cluster-scoped objects).
    AllNamespaces,
    /// A RoleBinding in one namespace.
    Namespace(Arc<str>),
}

impl Scope {
    /// The namespace (`None`: every namespace).
    pub fn namespace(&self) -> Option<&Arc<str>> {
        match self {
            Self::Namespace(ns) => Some(ns),
            _ => None,
        }
    }

    /// "in app", "in every namespace", "cluster-wide".
    pub fn phrase(&self) -> String {
        match self {
            Self::Cluster => "cluster-wide".to_owned(),
            Self::AllNamespaces => "in every namespace".to_owned(),
            Self::Namespace(ns) => format!("in {ns}"),
        }
    }
}

/// The role a grant holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum RoleSrc {
    Real(RoleId),
    /// `*` on everything (a namespace admin reached by a technique).
    Full,
}

/// One role held at one scope, with the binding and subject that give it (`None` for a grant
/// that a technique reached, such as a binding the attacker may create).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct GrantRef {
    pub binding: Option<(BindingId, u32)>,
    pub role: RoleSrc,
    pub scope: Scope,
    /// Which identity of the principal holds it (0 = itself, then its groups).
    pub identity: u8,
}

/// A rule that matched a query.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit<'a> {
    pub grant: &'a GrantRef,
    pub rule: &'a Rule,
    pub rule_ref: Option<RuleRef>,
}

static NO_RULE: Rule = Rule {
    verbs: Vec::new(),
    api_groups: Vec::new(),
    resources: Vec::new(),
    resource_names: Vec::new(),
    non_resource_urls: Vec::new(),
};

impl<'a> Hit<'a> {
    /// A grant itself as a hit (its evidence is the binding only).
    pub fn of_grant(grant: &'a GrantRef) -> Self {
        Hit { grant, rule: &NO_RULE, rule_ref: None }
    }

    pub fn scope(&self) -> &Scope {
        &self.grant.scope
    }

    /// The rule has no `resourceNames`.
    pub fn any_name(&self) -> bool {
        self.rule.resource_names.is_empty()
    }

    /// The rule allows this object name.
    pub fn allows_name(&self, name: &str) -> bool {
        self.rule.name_matches(name)
    }

    /// The binding (`subjects[i]`) and the rule (`rules[k]`), with a scope note for a
    /// RoleBinding to a ClusterRole.
    pub fn evidence(&self, authz: &Authorizer) -> Vec<Evidence> {
        let mut out = Vec::new();
        let bound = match self.grant.role {
            RoleSrc::Real(r) => authz.role(r),
            RoleSrc::Full => None,
        };
        if let Some((b, si)) = self.grant.binding
            && let Some(bd) = authz.binding(b)
        {
            let note = match (&bd.namespace, bound) {
                (Some(ns), Some(role)) if role.namespace.is_none() => {
                    Some(format!("binds ClusterRole {} in namespace {ns} only", role.name))
                }
                _ => None,
            };
            out.push(Evidence {
                origin: bd.origin.clone(),
                field: Some(FieldPath::root().key("subjects").index(si as usize)),
                note,
            });
        }
        if let Some(rr) = self.rule_ref
            && let Some(written) = authz.role(rr.role)
        {
            let note = bound
                .filter(|b| !Arc::ptr_eq(&b.origin, &written.origin))
                .map(|b| format!("aggregated into {}", b.name));
            out.push(Evidence {
                origin: written.origin.clone(),
                field: Some(FieldPath::root().key("rules").index(rr.rule as usize)),
                note,
            });
        }
        out
    }
}

static FULL: LazyLock<[Rule; 2]> = LazyLock::new(Rule::full_authority);

/// The (group, resource) pairs techniques ask about. Each role records which of them its rules
/// touch (whatever the verbs), so a query skips the roles that cannot match it: most roles grant
/// nothing a technique looks for.
pub(crate) const QUERIED: &[(&str, &str)] = &[
    ("", "pods"),
    ("", "pods/exec"),
    ("", "pods/attach"),
    ("", "pods/ephemeralcontainers"),
    ("", "nodes/proxy"),
    ("", "serviceaccounts"),
    ("", "serviceaccounts/token"),
    ("", "users"),
    ("", "groups"),
    ("", "secrets"),
    ("", "namespaces"),
    ("", "persistentvolumes"),
    ("", "persistentvolumeclaims"),
    ("", "replicationcontrollers"),
    ("apps", "deployments"),
    ("apps", "replicasets"),
    ("apps", "statefulsets"),
    ("apps", "daemonsets"),
    ("batch", "jobs"),
    ("batch", "cronjobs"),
    ("extensions", "deployments"),
    ("extensions", "replicasets"),
    ("extensions", "daemonsets"),
    ("rbac.authorization.k8s.io", "roles"),
    ("rbac.authorization.k8s.io", "clusterroles"),
    ("rbac.authorization.k8s.io", "rolebindings"),
    ("rbac.authorization.k8s.io", "clusterrolebindings"),
    ("certificates.k8s.io", "certificatesigningrequests"),
    ("certificates.k8s.io", "certificatesigningrequests/approval"),
    ("certificates.k8s.io", "signers"),
    ("admissionregistration.k8s.io", "mutatingwebhookconfigurations"),
];

/// The bits of [`QUERIED`] that a rule touches.
pub(crate) fn rule_mask(rule: &Rule) -> u64 {
    QUERIED
        .iter()
        .enumerate()
        .filter(|(_, (g, r))| rule.group_matches(g) && rule.resource_matches(r))
        .fold(0, |m, (i, _)| m | (1 << i))
}

/// The bit of a query, if it is in [`QUERIED`] (else every role is scanned).
fn query_bit(group: &str, resource: &str) -> Option<u64> {
    QUERIED
        .iter()
        .position(|(g, r)| r.len() == resource.len() && *r == resource && *g == group)
        .map(|i| 1 << i)
}

/// The grants of one graph node (or of a principal and its groups together).
#[derive(Debug, Clone, Default)]
pub(crate) struct Perms {
    pub grants: Vec<GrantRef>,
    /// The union of the grants' role masks: a query outside it has no hit.
    mask: u64,
}

/// The mask of one grant.
fn grant_mask(authz: &Authorizer, g: &GrantRef) -> u64 {
    match g.role {
        RoleSrc::Real(r) => authz.role_mask(r),
        RoleSrc::Full => u64::MAX,
    }
}

impl Perms {
    pub fn new(grants: Vec<GrantRef>, authz: &Authorizer) -> Self {
        let mask = grants.iter().fold(0, |m, g| m | grant_mask(authz, g));
        Self { grants, mask }
    }

    /// True when no technique can find anything here.
    pub fn is_inert(&self) -> bool {
        self.mask == 0
    }

    /// Every rule of every grant.
    pub fn rules<'a>(&'a self, authz: &'a Authorizer) -> impl Iterator<Item = Hit<'a>> + 'a {
        self.grants.iter().flat_map(move |g| -> Box<dyn Iterator<Item = Hit<'a>> + 'a> {
            match g.role {
                RoleSrc::Real(r) => Box::new(authz.rules_of(r).map(move |(rr, rule)| Hit {
                    grant: g,
                    rule,
                    rule_ref: Some(rr),
                })),
                RoleSrc::Full => {
                    Box::new(FULL.iter().map(move |rule| Hit { grant: g, rule, rule_ref: None }))
                }
            }
        })
    }

    /// The rules that grant one of `verbs` on `group`/`resource` (`pods/exec` for a
    /// subresource), whatever the object name.
    pub fn find<'a>(
        &'a self,
        authz: &'a Authorizer,
        verbs: &[&str],
        group: &str,
        resource: &str,
    ) -> Vec<Hit<'a>> {
        let keep = |rule: &Rule| {
            rule.resource_matches(resource)
                && rule.group_matches(group)
                && verbs.iter().any(|v| rule.verb_matches(v))
        };
        let bit = query_bit(group, resource);
        if bit.is_some_and(|b| self.mask & b == 0) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for grant in &self.grants {
            match grant.role {
                RoleSrc::Real(r) if bit.is_some_and(|b| authz.role_mask(r) & b == 0) => {}
                RoleSrc::Real(r) => {
                    for (rr, rule) in authz.rules_of(r) {
                        if keep(rule) {
                            out.push(Hit { grant, rule, rule_ref: Some(rr) });
                        }
                    }
                }
                RoleSrc::Full => {
                    out.extend(FULL.iter().filter(|r| keep(r)).map(|rule| Hit {
                        grant,
                        rule,
                        rule_ref: None,
                    }));
                }
            }
        }
        out
    }

    /// Identities that hold a grant touching something a technique looks for.
    pub fn identities(&self, authz: &Authorizer) -> usize {
        let mut ids: Vec<u8> =
            self.grants.iter().filter(|g| grant_mask(authz, g) != 0).map(|g| g.identity).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// Where a namespaced right applies: everywhere (`all`), or in some namespaces; each with the
/// first hit that grants it.
#[derive(Debug, Default)]
pub(crate) struct Reach<'a> {
    pub all: Option<Hit<'a>>,
    pub ns: BTreeMap<Arc<str>, Hit<'a>>,
}

impl<'a> Reach<'a> {
    /// The reach of namespaced hits that `keep` accepts.
    pub fn of(hits: &[Hit<'a>], keep: impl Fn(&Hit<'a>) -> bool) -> Self {
        let mut r = Self::default();
        for h in hits.iter().filter(|h| keep(h)) {
            match h.scope().namespace() {
                None => {
                    r.all.get_or_insert(*h);
                }
                Some(ns) => {
                    r.ns.entry(ns.clone()).or_insert(*h);
                }
            }
        }
        r
    }

    /// The reach of hits that allow any object name.
    pub fn any_name(hits: &[Hit<'a>]) -> Self {
        Self::of(hits, Hit::any_name)
    }

    /// The hit that grants the right in `ns`.
    pub fn get(&self, ns: &str) -> Option<Hit<'a>> {
        self.all.or_else(|| self.ns.get(ns).copied())
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_none() && self.ns.is_empty()
    }

    /// `(None, hit)` for everywhere, then `(Some(ns), hit)` per namespace (skipped when
    /// everywhere is granted).
    pub fn entries(&self) -> Vec<(Option<Arc<str>>, Hit<'a>)> {
        match self.all {
            Some(h) => vec![(None, h)],
            None => self.ns.iter().map(|(k, h)| (Some(k.clone()), *h)).collect(),
        }
    }
}

/// Hits that apply to cluster-scoped objects (ClusterRoleBindings only).
pub(crate) fn cluster_only<'a>(hits: &[Hit<'a>]) -> Vec<Hit<'a>> {
    hits.iter().filter(|h| *h.scope() == Scope::Cluster).copied().collect()
}
