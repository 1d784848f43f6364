//! The RBAC authorizer, with Kubernetes' exact semantics (ESCALATION.md §4.2–4.4), and the
//! indexes that keep `who-can` and the graph free of all-pairs scans.
//!
//! - Bindings are indexed by the user name and group names they name (a ServiceAccount subject
//!   under its user name `system:serviceaccount:NS:NAME`).
//! - Effective rules are indexed by `(apiGroup, resource)` as written (`*` included), so a
//!   request looks up at most six keys.
//! - A role shadowed by a later role of the same name (a manifest overriding a built-in) is not
//!   in force; neither is a shadowed binding.

use super::aggregation::{self, RuleRef};
use super::input::{BindingDef, RbacInput, RoleDef, RoleKind};
use super::rule::{Request, Requested, Rule};
use super::subject::{MASTERS, SubjectRef, UserInfo};
use crate::model::{FieldPath, Origin};
use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Index of a role in the authorizer.
pub type RoleId = usize;
/// Index of a binding in the authorizer.
pub type BindingId = usize;

/// Where a granting rule comes from: the binding, the subject that matched, the bound role,
/// and the rule (written in `rule_role`, which differs from `role` for an aggregated role).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleGrant {
    pub binding: Arc<Origin>,
    pub subject: SubjectRef,
    pub subject_index: usize,
    pub role: Arc<Origin>,
    pub rule_role: Arc<Origin>,
    pub rule_index: usize,
    pub rule: Rule,
    /// `None` for a ClusterRoleBinding (every namespace), else the RoleBinding's namespace.
    pub namespace: Option<String>,
}

/// Why a request is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    /// An RBAC rule.
    Rule(Box<RuleGrant>),
    /// Membership in `system:masters`, which a privileged-group authorizer allows before RBAC.
    PrivilegedGroup,
}

impl Grant {
    /// The binding and the rule, as evidence.
    #[must_use]
    pub fn evidence(&self) -> Vec<super::Evidence> {
        match self {
            Self::Rule(g) => g.evidence(),
            Self::PrivilegedGroup => Vec::new(),
        }
    }
}

impl RuleGrant {
    /// The binding (`subjects[i]`) and the rule (`rules[k]`) as evidence.
    #[must_use]
    pub fn evidence(&self) -> Vec<super::Evidence> {
        let note = (self.rule_role != self.role).then(|| {
            format!("aggregated into {}", self.role.object.name.as_deref().unwrap_or("<unnamed>"))
        });
        vec![
            super::Evidence {
                origin: self.binding.clone(),
                field: Some(FieldPath::root().key("subjects").index(self.subject_index)),
                note: None,
            },
            super::Evidence {
                origin: self.rule_role.clone(),
                field: Some(FieldPath::root().key("rules").index(self.rule_index)),
                note,
            },
        ]
    }
}

/// A rule that applies to a user, with the grant that gives it (`can-i --list`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectiveRule {
    pub rule: Rule,
    pub grant: RuleGrant,
}

/// A binding whose role does not exist (it grants nothing; Kubernetes still answers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dangling {
    pub binding: Arc<Origin>,
    /// `None` when `roleRef.kind` is invalid for this binding.
    pub role_kind: Option<RoleKind>,
    pub role_name: String,
}

/// The RBAC authorizer over one [`RbacInput`].
#[derive(Debug)]
pub struct Authorizer {
    pub(crate) input: RbacInput,
    pub(crate) effective: Vec<Vec<RuleRef>>,
    /// The role each binding resolves to (`None`: dangling or shadowed).
    pub(crate) binding_role: Vec<Option<RoleId>>,
    /// False for a binding shadowed by a later one of the same name.
    pub(crate) binding_active: Vec<bool>,
    pub(crate) cluster_roles: HashMap<Box<str>, RoleId>,
    roles_ns: HashMap<(Box<str>, Box<str>), RoleId>,
    /// The Roles in force of each namespace.
    roles_by_ns: HashMap<Box<str>, Vec<RoleId>>,
    pub(crate) by_user: HashMap<Box<str>, Vec<(BindingId, u32)>>,
    pub(crate) by_group: HashMap<Box<str>, Vec<(BindingId, u32)>>,
    bindings_by_role: Vec<Vec<BindingId>>,
    rule_index: HashMap<Box<str>, Vec<(RoleId, u32)>>,
    url_rules: Vec<(RoleId, u32)>,
    /// Per role, the bits of [`QUERIED`](super::perms::QUERIED) its effective rules touch.
    role_masks: Vec<u64>,
    dangling: Vec<Dangling>,
    unconverged: Vec<RoleId>,
}

fn key(group: &str, resource: &str) -> String {
    format!("{group}\u{0}{resource}")
}

/// Which of `items` are in force: for each key, the last non-builtin one, else the last one.
fn in_force<T>(
    items: &[T],
    key: impl Fn(&T) -> (Option<&str>, &str),
    builtin: impl Fn(&T) -> bool,
) -> Vec<bool> {
    let mut winner: HashMap<(Option<&str>, &str), usize> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        let k = key(it);
        let replace = match winner.get(&k).and_then(|&w| items.get(w)) {
            Some(prev) => builtin(prev) || !builtin(it),
            None => true,
        };
        if replace {
            winner.insert(k, i);
        }
    }
    let mut active = vec![false; items.len()];
    for i in winner.into_values() {
        if let Some(a) = active.get_mut(i) {
            *a = true;
        }
    }
    active
}

impl Authorizer {
    /// Builds the authorizer (resolves aggregation, bindings and indexes) from a copy of `input`.
    #[must_use]
    pub fn new(input: &RbacInput) -> Self {
        Self::from_input(input.clone())
    }

    /// Builds the authorizer, taking ownership of the input.
    #[must_use]
    pub fn from_input(input: RbacInput) -> Self {
        let roles = &input.roles;
        let role_active = in_force(roles, |r| (r.namespace.as_deref(), &r.name), |r| r.builtin);
        let binding_active =
            in_force(&input.bindings, |b| (b.namespace.as_deref(), &b.name), |b| b.builtin);
        let agg = aggregation::resolve(roles, &role_active);

        let mut cluster_roles = HashMap::new();
        let mut roles_ns = HashMap::new();
        for (i, r) in roles.iter().enumerate() {
            if !role_active.get(i).copied().unwrap_or(false) {
                continue;
            }
            match &r.namespace {
                None => cluster_roles.insert(r.name.clone(), i),
                Some(ns) => roles_ns.insert((ns.clone(), r.name.clone()), i),
            };
        }

        let mut roles_by_ns: HashMap<Box<str>, Vec<RoleId>> = HashMap::new();
        for (i, r) in roles.iter().enumerate() {
            if let (Some(ns), true) = (&r.namespace, role_active.get(i).copied().unwrap_or(false)) {
                roles_by_ns.entry(ns.clone()).or_default().push(i);
            }
        }
        let mut binding_role = Vec::with_capacity(input.bindings.len());
        let mut dangling = Vec::new();
        let mut by_user: HashMap<Box<str>, Vec<(BindingId, u32)>> = HashMap::new();
        let mut by_group: HashMap<Box<str>, Vec<(BindingId, u32)>> = HashMap::new();
        let mut bindings_by_role = vec![Vec::new(); roles.len()];
        for (bi, b) in input.bindings.iter().enumerate() {
            if !binding_active.get(bi).copied().unwrap_or(false) {
                binding_role.push(None);
                continue;
            }
            let role = match (b.role_kind, &b.namespace) {
                (Some(RoleKind::ClusterRole), _) => cluster_roles.get(&b.role_name).copied(),
                (Some(RoleKind::Role), Some(ns)) => {
                    roles_ns.get(&(ns.clone(), b.role_name.clone())).copied()
                }
                _ => None,
            };
            binding_role.push(role);
            let Some(role) = role else {
                dangling.push(Dangling {
                    binding: b.origin.clone(),
                    role_kind: b.role_kind,
                    role_name: b.role_name.to_string(),
                });
                continue;
            };
            if let Some(v) = bindings_by_role.get_mut(role) {
                v.push(bi);
            }
            for (si, s) in b.subjects.iter().enumerate() {
                let si = u32::try_from(si).unwrap_or(u32::MAX);
                match s {
                    Some(SubjectRef::Group(g)) => {
                        by_group.entry(Box::from(g.as_str())).or_default().push((bi, si))
                    }
                    Some(s) => {
                        if let Some(u) = s.user_name() {
                            by_user.entry(Box::from(u)).or_default().push((bi, si));
                        }
                    }
                    None => {}
                }
            }
        }

        // Every role, bound or not: a technique may reach an unbound role (a binding it may create).
        let role_masks: Vec<u64> = agg
            .effective
            .iter()
            .map(|eff| {
                eff.iter()
                    .filter_map(|rr| roles.get(rr.role).and_then(|r| r.rules.get(rr.rule as usize)))
                    .fold(0, |m, rule| m | super::perms::rule_mask(rule))
            })
            .collect();
        let mut rule_index: HashMap<Box<str>, Vec<(RoleId, u32)>> = HashMap::new();
        let mut url_rules = Vec::new();
        for (ri, eff) in agg.effective.iter().enumerate() {
            if bindings_by_role.get(ri).is_none_or(Vec::is_empty) {
                continue; // a role nobody is bound to grants nothing
            }
            for (k, rr) in eff.iter().enumerate() {
                let Some(rule) = roles.get(rr.role).and_then(|r| r.rules.get(rr.rule as usize))
                else {
                    continue;
                };
                let k = u32::try_from(k).unwrap_or(u32::MAX);
                if !rule.non_resource_urls.is_empty() {
                    url_rules.push((ri, k));
                }
                let mut keys = BTreeSet::new();
                for g in &rule.api_groups {
                    for res in &rule.resources {
                        keys.insert(key(g, res));
                    }
                }
                for kk in keys {
                    rule_index.entry(Box::from(kk)).or_default().push((ri, k));
                }
            }
        }
        Self {
            effective: agg.effective,
            unconverged: agg.unconverged,
            binding_role,
            binding_active,
            cluster_roles,
            roles_ns,
            by_user,
            by_group,
            bindings_by_role,
            rule_index,
            role_masks,
            roles_by_ns,
            url_rules,
            dangling,
            input,
        }
    }

    /// The input this authorizer was built from.
    #[must_use]
    pub fn input(&self) -> &RbacInput {
        &self.input
    }

    /// Bindings whose role does not exist.
    #[must_use]
    pub fn dangling(&self) -> &[Dangling] {
        &self.dangling
    }

    /// Aggregated ClusterRoles whose rules had not converged (a selector cycle), by origin.
    #[must_use]
    pub fn unconverged_aggregations(&self) -> Vec<Arc<Origin>> {
        self.unconverged.iter().filter_map(|&r| self.role(r)).map(|r| r.origin.clone()).collect()
    }

    pub(crate) fn role(&self, id: RoleId) -> Option<&RoleDef> {
        self.input.roles.get(id)
    }

    pub(crate) fn binding(&self, id: BindingId) -> Option<&BindingDef> {
        self.input.bindings.get(id)
    }

    /// The ClusterRole in force with this name.
    #[must_use]
    pub fn cluster_role_id(&self, name: &str) -> Option<RoleId> {
        self.cluster_roles.get(name).copied()
    }

    /// The Role in force with this namespace and name.
    #[must_use]
    pub fn role_id(&self, namespace: &str, name: &str) -> Option<RoleId> {
        self.roles_ns.get(&(Box::from(namespace), Box::from(name))).copied()
    }

    /// The bits of the queried (group, resource) pairs a role touches (all if unknown).
    pub(crate) fn role_mask(&self, id: RoleId) -> u64 {
        self.role_masks.get(id).copied().unwrap_or(u64::MAX)
    }

    /// The Roles in force of a namespace, in input order.
    #[must_use]
    pub fn roles_in(&self, namespace: &str) -> &[RoleId] {
        self.roles_by_ns.get(namespace).map_or(&[], Vec::as_slice)
    }

    /// The name of a role and its namespace (`None` for a ClusterRole).
    #[must_use]
    pub fn role_name(&self, id: RoleId) -> Option<(&str, Option<&str>)> {
        self.role(id).map(|r| (&*r.name, r.namespace.as_deref()))
    }

    /// The effective rules of a role, each with the role it is written in and its index there.
    pub(crate) fn rules_of(&self, role: RoleId) -> impl Iterator<Item = (RuleRef, &Rule)> + '_ {
        self.effective.get(role).into_iter().flatten().filter_map(move |rr| {
            self.role(rr.role).and_then(|r| r.rules.get(rr.rule as usize)).map(|rule| (*rr, rule))
        })
    }

    pub(crate) fn rule_grant(&self, b: BindingId, si: u32, rr: RuleRef) -> Option<RuleGrant> {
        let bd = self.binding(b)?;
        let role = self.role(self.binding_role.get(b).copied().flatten()?)?;
        let rule_role = self.role(rr.role)?;
        Some(RuleGrant {
            binding: bd.origin.clone(),
            subject: bd.subjects.get(si as usize).cloned().flatten()?,
            subject_index: si as usize,
            role: role.origin.clone(),
            rule_role: rule_role.origin.clone(),
            rule_index: rr.rule as usize,
            rule: rule_role.rules.get(rr.rule as usize)?.clone(),
            namespace: bd.namespace.as_deref().map(str::to_owned),
        })
    }

    /// The bindings that name this user or one of its groups, ClusterRoleBindings first (the
    /// authorizer's visiting order), then RoleBindings in `namespace` (none if it is `""`).
    fn bindings_for<'a>(&'a self, user: &'a UserInfo, namespace: &'a str) -> Vec<(BindingId, u32)> {
        let mut all: Vec<(BindingId, u32)> = Vec::new();
        if !user.name.is_empty() {
            all.extend(self.by_user.get(user.name.as_str()).into_iter().flatten());
        }
        for g in &user.groups {
            all.extend(self.by_group.get(g.as_str()).into_iter().flatten());
        }
        let ns_of = |b: BindingId| self.binding(b).and_then(|b| b.namespace.as_deref());
        all.retain(|&(b, _)| match ns_of(b) {
            None => true,
            Some(ns) => !namespace.is_empty() && ns == namespace,
        });
        all.sort_by_key(|&(b, s)| (ns_of(b).is_some(), b, s));
        all.dedup_by_key(|(b, _)| *b);
        all
    }

    /// Is `request` allowed for `user`? `Some` names the first granting rule (the
    /// authorizer's order: ClusterRoleBindings, then RoleBindings in the request's namespace).
    /// Members of `system:masters` are always allowed.
    #[must_use]
    pub fn allows(&self, user: &UserInfo, request: &Request) -> Option<Grant> {
        let req = request.clone().normalized();
        for (b, si) in self.bindings_for(user, &req.namespace) {
            let Some(role) = self.binding_role.get(b).copied().flatten() else { continue };
            for (rr, rule) in self.rules_of(role) {
                if rule.allows(&req) {
                    return self.rule_grant(b, si, rr).map(|g| Grant::Rule(Box::new(g)));
                }
            }
        }
        user.in_group(MASTERS).then_some(Grant::PrivilegedGroup)
    }

    /// Every rule that applies to `user` in `namespace` (`""`: cluster-wide rules only), with
    /// the grant that gives it, in the authorizer's visiting order.
    #[must_use]
    pub fn rules_for(&self, user: &UserInfo, namespace: &str) -> Vec<EffectiveRule> {
        let mut out = Vec::new();
        for (b, si) in self.bindings_for(user, namespace) {
            let Some(role) = self.binding_role.get(b).copied().flatten() else { continue };
            for (rr, rule) in self.rules_of(role) {
                if let Some(grant) = self.rule_grant(b, si, rr) {
                    out.push(EffectiveRule { rule: rule.clone(), grant });
                }
            }
        }
        out
    }

    /// Every subject a binding grants `request` to, with the grant (one entry per subject and
    /// binding, sorted by subject then binding). `system:masters` is always included.
    #[must_use]
    pub fn who_can(&self, request: &Request) -> Vec<(SubjectRef, Grant)> {
        let req = request.clone().normalized();
        // First matching effective rule per role, through the index.
        let mut first: std::collections::BTreeMap<RoleId, u32> = std::collections::BTreeMap::new();
        let mut consider = |cands: &[(RoleId, u32)]| {
            for &(role, k) in cands {
                let Some(rr) = self.effective.get(role).and_then(|e| e.get(k as usize)) else {
                    continue;
                };
                let Some(rule) = self.role(rr.role).and_then(|r| r.rules.get(rr.rule as usize))
                else {
                    continue;
                };
                if rule.allows(&req) {
                    let e = first.entry(role).or_insert(k);
                    *e = (*e).min(k);
                }
            }
        };
        match &req.what {
            Requested::Resource { group, resource, subresource, .. } => {
                let combined = if subresource.is_empty() {
                    resource.clone()
                } else {
                    format!("{resource}/{subresource}")
                };
                let mut keys = vec![
                    key(group, &combined),
                    key(group, "*"),
                    key("*", &combined),
                    key("*", "*"),
                ];
                if !subresource.is_empty() {
                    keys.push(key(group, &format!("*/{subresource}")));
                    keys.push(key("*", &format!("*/{subresource}")));
                }
                keys.sort();
                keys.dedup();
                for k in keys {
                    if let Some(c) = self.rule_index.get(k.as_str()) {
                        consider(c);
                    }
                }
            }
            Requested::NonResource { .. } => consider(&self.url_rules),
        }
        let mut out: Vec<(SubjectRef, BindingId, Grant)> = Vec::new();
        for (&role, &k) in &first {
            let Some(&rr) = self.effective.get(role).and_then(|e| e.get(k as usize)) else {
                continue;
            };
            for &b in self.bindings_by_role.get(role).into_iter().flatten() {
                let Some(bd) = self.binding(b) else { continue };
                let in_scope = match &bd.namespace {
                    None => true,
                    Some(ns) => !req.namespace.is_empty() && **ns == *req.namespace,
                };
                if !in_scope {
                    continue;
                }
                for (si, s) in bd.subjects.iter().enumerate() {
                    let si = u32::try_from(si).unwrap_or(u32::MAX);
                    if let (Some(s), Some(g)) = (s, self.rule_grant(b, si, rr)) {
                        out.push((s.clone(), b, Grant::Rule(Box::new(g))));
                    }
                }
            }
        }
        let masters = SubjectRef::group(MASTERS);
        if !out.iter().any(|(s, _, _)| *s == masters) {
            out.push((masters, usize::MAX, Grant::PrivilegedGroup));
        }
        out.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        out.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        out.into_iter().map(|(s, _, g)| (s, g)).collect()
    }
}
