//! Facts about the cluster that techniques read: known namespaces and their Pod Security level,
//! the ServiceAccounts that exist, the workloads and token Secrets per namespace, the users and
//! subjects bindings name.
//!
//! What offline analysis cannot know becomes an explicit assumption here (ESCALATION.md §3):
//! - the namespaces `default`, `kube-system`, `kube-public` and `kube-node-lease` always exist,
//!   and each namespace has the ServiceAccount `default`;
//! - a namespace without a `pod-security.kubernetes.io/enforce` label (or not in the input)
//!   admits privileged pods: the cluster default is `privileged` unless an
//!   AdmissionConfiguration says otherwise;
//! - a ServiceAccount exists if it is declared, if a workload runs as it, or if the built-in
//!   policy binds it (a controller of `kube-system`); a ServiceAccount that is only named in a
//!   binding is not assumed to exist (pods cannot run as it) but can still be impersonated.

use super::Evidence;
use super::authorizer::Authorizer;
use super::input::WorkloadFacts;
use super::subject::{ALL_SERVICEACCOUNTS, AUTHENTICATED, SubjectRef};
use crate::model::Origin;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Namespaces every cluster has.
pub const SYSTEM_NAMESPACES: [&str; 4] =
    ["default", "kube-node-lease", "kube-public", "kube-system"];

/// A ServiceAccount that exists.
#[derive(Debug, Clone, Default)]
pub(crate) struct SaFact {
    pub origin: Option<Arc<Origin>>,
    pub automount: Option<bool>,
}

/// Whether a namespace admits privileged pods, and why.
#[derive(Debug, Clone)]
pub(crate) struct Pss {
    pub allows_privileged: bool,
    pub evidence: Option<Evidence>,
    pub reason: String,
}

#[derive(Debug, Default)]
pub(crate) struct Facts {
    pub namespaces: BTreeSet<Arc<str>>,
    enforce: BTreeMap<Arc<str>, (Option<String>, Arc<Origin>)>,
    pub sas: BTreeMap<Arc<str>, BTreeMap<Box<str>, SaFact>>,
    /// ServiceAccounts named by bindings, whether or not they exist.
    pub bound_sas: BTreeMap<Arc<str>, BTreeSet<Box<str>>>,
    pub workloads: BTreeMap<Arc<str>, Vec<usize>>,
    pub token_secrets: BTreeMap<Arc<str>, Vec<usize>>,
    /// For each ServiceAccount name, the namespaces where it exists or a binding names it.
    pub sa_namespaces: BTreeMap<Box<str>, Vec<Arc<str>>>,
    /// Users named by bindings (not ServiceAccounts).
    pub users: BTreeSet<Box<str>>,
    /// Subjects of the built-in bindings (trusted by default), broad groups excluded.
    pub builtin_subjects: BTreeSet<SubjectRef>,
    /// Subjects of every binding in force, ServiceAccount objects and workload ServiceAccounts:
    /// the subjects `rbac paths` reports on.
    pub reportable: BTreeSet<SubjectRef>,
}

/// Groups that stand for everyone of a kind, never trusted.
#[must_use]
pub fn is_broad_group(g: &str) -> bool {
    g == AUTHENTICATED
        || g == "system:unauthenticated"
        || g == ALL_SERVICEACCOUNTS
        || g.starts_with("system:serviceaccounts:")
}

impl Facts {
    pub fn new(authz: &Authorizer) -> Self {
        let input = authz.input();
        let mut f = Self::default();
        for ns in SYSTEM_NAMESPACES {
            f.intern(ns);
        }
        for n in &input.namespaces {
            let ns = f.intern(&n.name);
            f.enforce.insert(ns, (n.enforce.clone(), n.origin.clone()));
        }
        for r in &input.roles {
            if let Some(ns) = &r.namespace {
                f.intern(ns);
            }
        }
        for (bi, b) in input.bindings.iter().enumerate() {
            if let Some(ns) = &b.namespace {
                f.intern(ns);
            }
            let in_force = authz.binding_active.get(bi).copied().unwrap_or(false);
            for s in b.subjects.iter().flatten() {
                match s {
                    SubjectRef::ServiceAccount { namespace, name } => {
                        let ns = f.intern(namespace);
                        f.bound_sas.entry(ns).or_default().insert(Box::from(name.as_str()));
                    }
                    SubjectRef::User(u) => {
                        f.users.insert(Box::from(u.as_str()));
                    }
                    SubjectRef::Group(_) => {}
                }
                if b.builtin && !matches!(s, SubjectRef::Group(g) if is_broad_group(g)) {
                    f.builtin_subjects.insert(s.clone());
                }
                if in_force {
                    f.reportable.insert(s.clone());
                }
            }
            // The controller manager runs its controllers as these ServiceAccounts.
            if b.builtin {
                for s in b.subjects.iter().flatten() {
                    if let SubjectRef::ServiceAccount { namespace, name } = s {
                        f.add_sa(namespace, name, SaFact::default());
                    }
                }
            }
        }
        for sa in &input.service_accounts {
            let fact = SaFact { origin: sa.origin.clone(), automount: sa.automount };
            if sa.origin.is_some() {
                f.reportable.insert(SubjectRef::sa(&sa.namespace, &sa.name));
            }
            f.add_sa(&sa.namespace, &sa.name, fact);
        }
        for (i, w) in input.workloads.iter().enumerate() {
            let ns = f.intern(&w.namespace);
            f.workloads.entry(ns).or_default().push(i);
            f.add_sa(&w.namespace, &w.service_account, SaFact::default());
            f.reportable.insert(SubjectRef::sa(&w.namespace, &w.service_account));
        }
        for (i, t) in input.token_secrets.iter().enumerate() {
            let ns = f.intern(&t.namespace);
            f.token_secrets.entry(ns).or_default().push(i);
        }
        let all: Vec<Arc<str>> = f.namespaces.iter().cloned().collect();
        for ns in all {
            f.sas.entry(ns).or_default().entry(Box::from("default")).or_default();
        }
        let mut by_name: BTreeMap<Box<str>, Vec<Arc<str>>> = BTreeMap::new();
        for (ns, names) in &f.sas {
            for name in names.keys() {
                by_name.entry(name.clone()).or_default().push(ns.clone());
            }
        }
        for (ns, names) in &f.bound_sas {
            for name in names {
                by_name.entry(name.clone()).or_default().push(ns.clone());
            }
        }
        for v in by_name.values_mut() {
            v.sort();
            v.dedup();
        }
        f.sa_namespaces = by_name;
        f
    }

    /// The shared `Arc` of a namespace name, adding it to the known namespaces.
    pub fn intern(&mut self, ns: &str) -> Arc<str> {
        if let Some(n) = self.namespaces.get(ns) {
            return n.clone();
        }
        let n: Arc<str> = Arc::from(ns);
        self.namespaces.insert(n.clone());
        n
    }

    /// Adds an existing ServiceAccount; a declared one (with origin) wins over an assumed one.
    fn add_sa(&mut self, ns: &str, name: &str, fact: SaFact) {
        let ns = self.intern(ns);
        let e = self.sas.entry(ns).or_default().entry(Box::from(name)).or_default();
        if e.origin.is_none() && fact.origin.is_some() {
            *e = fact;
        }
    }

    /// The known namespace `ns`, if any.
    pub fn ns(&self, ns: &str) -> Option<&Arc<str>> {
        self.namespaces.get(ns)
    }

    /// The Pod Security level of `ns` as far as privileged pods go.
    pub fn pss(&self, ns: &str) -> Pss {
        match self.enforce.get(ns) {
            Some((Some(level), origin)) => {
                let allows = level == "privileged";
                Pss {
                    allows_privileged: allows,
                    evidence: Some(Evidence {
                        origin: origin.clone(),
                        field: Some(
                            crate::model::FieldPath::root()
                                .key("metadata")
                                .key("labels")
                                .key(super::input::PSS_ENFORCE_LABEL),
                        ),
                        note: None,
                    }),
                    reason: format!("namespace {ns} enforces Pod Security level {level:?}"),
                }
            }
            Some((None, origin)) => Pss {
                allows_privileged: true,
                evidence: Some(Evidence::object(origin)),
                reason: format!(
                    "namespace {ns} has no pod-security.kubernetes.io/enforce label, so the cluster default (privileged) is assumed"
                ),
            },
            None => Pss {
                allows_privileged: true,
                evidence: None,
                reason: format!(
                    "namespace {ns} is not in the input, so the cluster default (privileged) is assumed"
                ),
            },
        }
    }

    /// The workloads of a namespace (all namespaces for `None`).
    pub fn workloads_in<'a>(
        &'a self,
        authz: &'a Authorizer,
        ns: Option<&str>,
    ) -> impl Iterator<Item = &'a WorkloadFacts> + 'a {
        let ids: Vec<usize> = match ns {
            Some(ns) => self.workloads.get(ns).cloned().unwrap_or_default(),
            None => self.workloads.values().flatten().copied().collect(),
        };
        ids.into_iter().filter_map(move |i| authz.input().workloads.get(i).map(|w| &**w))
    }

    /// True when the ServiceAccount token is mounted in this workload's pods.
    pub fn token_mounted(&self, w: &WorkloadFacts) -> bool {
        let sa_auto = self
            .sas
            .get(w.namespace.as_str())
            .and_then(|m| m.get(w.service_account.as_str()))
            .and_then(|s| s.automount);
        w.automount_token.or(sa_auto).unwrap_or(true)
    }
}
