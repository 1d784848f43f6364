//! A synthetic RBAC corpus generator (deterministic), shared with `benches/rbac.rs`, and a test
//! that the whole analysis runs on it.
//!
//! The shape follows a large multi-tenant cluster: namespaces with a mix of Pod Security levels,
//! ServiceAccounts and Deployments in each, namespaced Roles drawn from realistic rule templates,
//! ClusterRoles (a few aggregated ones among them), RoleBindings and ClusterRoleBindings to
//! users, groups and ServiceAccounts, and a sprinkling of dangerous rights (bind, escalate,
//! impersonate, pods/exec, secrets).
#![allow(dead_code)]

use k8s_openapi::api::core::v1::{Namespace, PodSpec, ServiceAccount};
use k8s_openapi::api::rbac::v1::{
    AggregationRule, ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef,
    Subject,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use kubeward::model::{ObjectRef, Origin};
use kubeward::rbac::{K8sVersion, RbacInput, WorkloadFacts};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next()).unwrap_or(0) % n.max(1)
    }
}

/// (apiGroups, resources, verbs): realistic rule templates, dangerous ones rarer (weighted by
/// repetition of the safe ones).
const TEMPLATES: &[(&[&str], &[&str], &[&str])] = &[
    (&[""], &["pods", "pods/log"], &["get", "list", "watch"]),
    (&[""], &["configmaps"], &["get", "list", "watch", "create", "update"]),
    (&[""], &["services", "endpoints"], &["get", "list", "watch"]),
    (&["apps"], &["deployments", "replicasets"], &["get", "list", "watch"]),
    (&["batch"], &["jobs"], &["get", "list"]),
    (&["coordination.k8s.io"], &["leases"], &["get", "create", "update"]),
    (&[""], &["events"], &["create", "patch"]),
    (&["networking.k8s.io"], &["ingresses"], &["get", "list", "watch"]),
    (&[""], &["pods", "pods/log"], &["get", "list", "watch"]),
    (&[""], &["configmaps"], &["get", "list", "watch"]),
    (&["apps"], &["deployments/scale"], &["update", "patch"]),
    (&["apps"], &["deployments"], &["create", "update", "patch"]),
    (&[""], &["pods/exec"], &["create"]),
    (&[""], &["secrets"], &["get", "list"]),
    (&[""], &["serviceaccounts/token"], &["create"]),
    (&["rbac.authorization.k8s.io"], &["rolebindings"], &["create"]),
];

const RARE: &[(&[&str], &[&str], &[&str])] = &[
    (&["rbac.authorization.k8s.io"], &["roles", "clusterroles"], &["bind", "escalate", "update"]),
    (&[""], &["users", "groups", "serviceaccounts"], &["impersonate"]),
    (&[""], &["pods"], &["create"]),
    (&["*"], &["*"], &["*"]),
];

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

fn rule(rng: &mut Rng) -> PolicyRule {
    let (g, r, v) = if rng.below(200) == 0 {
        RARE[rng.below(RARE.len())]
    } else {
        TEMPLATES[rng.below(TEMPLATES.len())]
    };
    let names = (rng.below(10) == 0).then(|| vec![format!("obj-{}", rng.below(50))]);
    PolicyRule {
        api_groups: Some(strings(g)),
        resources: Some(strings(r)),
        verbs: strings(v),
        resource_names: names,
        non_resource_urls: None,
    }
}

fn meta(name: &str, ns: Option<&str>) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_owned()),
        namespace: ns.map(str::to_owned),
        ..ObjectMeta::default()
    }
}

fn origin(file: &Arc<str>, line: usize, kind: &str, ns: Option<&str>, name: &str) -> Origin {
    Origin {
        file: file.clone(),
        file_index: 0,
        span: kubeward::source::Span::default(),
        line: u32::try_from(line).unwrap_or(u32::MAX),
        object: Arc::new(ObjectRef {
            api_version: "rbac.authorization.k8s.io/v1".into(),
            kind: kind.into(),
            namespace: ns.map(Into::into),
            name: Some(name.into()),
        }),
    }
}

fn subject(rng: &mut Rng, ns: &str, sas: usize) -> Subject {
    match rng.below(10) {
        0..=4 => Subject {
            kind: "ServiceAccount".into(),
            name: format!("sa-{}", rng.below(sas)),
            namespace: Some(ns.into()),
            api_group: None,
        },
        5..=8 => Subject {
            kind: "User".into(),
            name: format!("user-{}", rng.below(20_000)),
            namespace: None,
            api_group: Some("rbac.authorization.k8s.io".into()),
        },
        _ => Subject {
            kind: "Group".into(),
            name: format!("group-{}", rng.below(500)),
            namespace: None,
            api_group: Some("rbac.authorization.k8s.io".into()),
        },
    }
}

/// A synthetic input: `roles` roles (a fifth of them ClusterRoles) and `bindings` bindings (a
/// fifth of them ClusterRoleBindings) over `roles / 20` namespaces, with the bootstrap policy.
#[must_use]
pub fn synthetic(roles: usize, bindings: usize, seed: u64) -> RbacInput {
    let mut rng = Rng(seed);
    let mut input = RbacInput::with_builtin(K8sVersion::LATEST);
    let file: Arc<str> = Arc::from("synthetic.yaml");
    let namespaces = (roles / 20).max(1);
    let sas = 5;
    let mut line = 1;
    let ns_name = |i: usize| format!("ns-{i}");
    for i in 0..namespaces {
        let ns = ns_name(i);
        let mut m = meta(&ns, None);
        let level = ["restricted", "baseline", "privileged", ""][i % 4];
        if !level.is_empty() {
            m.labels = Some(BTreeMap::from([(
                "pod-security.kubernetes.io/enforce".to_owned(),
                level.to_owned(),
            )]));
        }
        input.add_namespace(
            &Namespace { metadata: m, ..Namespace::default() },
            origin(&file, line, "Namespace", None, &ns),
        );
        line += 1;
        for s in 0..sas {
            let name = format!("sa-{s}");
            let sa =
                ServiceAccount { metadata: meta(&name, Some(&ns)), ..ServiceAccount::default() };
            input.add_service_account(&sa, origin(&file, line, "ServiceAccount", Some(&ns), &name));
            line += 1;
        }
        for w in 0..2 {
            let name = format!("app-{w}");
            let spec = PodSpec {
                service_account_name: Some(format!("sa-{}", rng.below(sas))),
                ..PodSpec::default()
            };
            let o = origin(&file, line, "Deployment", Some(&ns), &name);
            input.add_workload(WorkloadFacts::from_pod_spec(o, &ns, "Deployment", &spec));
            line += 1;
        }
    }
    let cluster_roles = roles / 5;
    for i in 0..cluster_roles {
        let name = format!("cr-{i}");
        let mut m = meta(&name, None);
        if i % 50 == 1 {
            m.labels = Some(BTreeMap::from([(
                format!("example.com/aggregate-to-{}", i % 7),
                "true".to_owned(),
            )]));
        }
        let aggregation = (i % 100 == 0).then(|| AggregationRule {
            cluster_role_selectors: Some(vec![LabelSelector {
                match_labels: Some(BTreeMap::from([(
                    format!("example.com/aggregate-to-{}", i % 7),
                    "true".to_owned(),
                )])),
                match_expressions: None,
            }]),
        });
        let n = 1 + rng.below(6);
        let rules = (aggregation.is_none()).then(|| (0..n).map(|_| rule(&mut rng)).collect());
        let cr = ClusterRole { metadata: m, rules, aggregation_rule: aggregation };
        input.add_cluster_role(&cr, origin(&file, line, "ClusterRole", None, &name));
        line += 1;
    }
    let ns_roles = roles - cluster_roles;
    let per_ns = (ns_roles / namespaces).max(1);
    for i in 0..ns_roles {
        let ns = ns_name(i / per_ns % namespaces);
        let name = format!("role-{}", i % per_ns);
        let n = 1 + rng.below(6);
        let r = Role {
            metadata: meta(&name, Some(&ns)),
            rules: Some((0..n).map(|_| rule(&mut rng)).collect()),
        };
        input.add_role(&r, origin(&file, line, "Role", Some(&ns), &name));
        line += 1;
    }
    let crbs = bindings / 5;
    for i in 0..bindings {
        let name = format!("b-{i}");
        let nsi = rng.below(namespaces);
        let ns = ns_name(nsi);
        let subjects: Vec<Subject> =
            (0..1 + rng.below(3)).map(|_| subject(&mut rng, &ns, sas)).collect();
        if i < crbs {
            let role_ref = RoleRef {
                api_group: Some("rbac.authorization.k8s.io".into()),
                kind: "ClusterRole".into(),
                name: format!("cr-{}", rng.below(cluster_roles.max(1))),
            };
            let b = ClusterRoleBinding {
                metadata: meta(&name, None),
                role_ref,
                subjects: Some(subjects),
            };
            input.add_cluster_role_binding(
                &b,
                origin(&file, line, "ClusterRoleBinding", None, &name),
            );
        } else {
            let (kind, role) = if rng.below(4) == 0 {
                ("ClusterRole", format!("cr-{}", rng.below(cluster_roles.max(1))))
            } else {
                ("Role", format!("role-{}", rng.below(per_ns)))
            };
            let role_ref = RoleRef {
                api_group: Some("rbac.authorization.k8s.io".into()),
                kind: kind.into(),
                name: role,
            };
            let b = RoleBinding {
                metadata: meta(&name, Some(&ns)),
                role_ref,
                subjects: Some(subjects),
            };
            input.add_role_binding(&b, origin(&file, line, "RoleBinding", Some(&ns), &name));
        }
        line += 1;
    }
    input
}

#[test]
fn synthetic_corpus_analyses() {
    let input = synthetic(1_000, 5_000, 7);
    let analysis = kubeward::rbac::analyze(&input, &kubeward::rbac::PathOptions::default());
    assert!(analysis.graph.graph.node_count() > 1_000);
    assert!(!analysis.paths.is_empty());
    // Deterministic: the same input gives byte-identical output.
    let again = kubeward::rbac::analyze(
        &synthetic(1_000, 5_000, 7),
        &kubeward::rbac::PathOptions::default(),
    );
    assert_eq!(
        kubeward::rbac::render::json(&analysis.paths),
        kubeward::rbac::render::json(&again.paths)
    );
}

#[test]
#[ignore = "profiling: the benchmark's corpus, once"]
fn synthetic_full_scale() {
    let input = synthetic(10_000, 50_000, 42);
    let t = std::time::Instant::now();
    let authz = kubeward::rbac::Authorizer::new(&input);
    let t1 = t.elapsed();
    let graph = kubeward::rbac::PermissionGraph::build(&authz);
    let t2 = t.elapsed();
    let paths = kubeward::rbac::paths::find(&graph, &kubeward::rbac::PathOptions::default());
    let t3 = t.elapsed();
    let mut by: BTreeMap<&str, usize> = BTreeMap::new();
    for e in graph.graph.edge_weights() {
        *by.entry(e.technique.id).or_default() += 1;
    }
    println!("{by:?}");
    println!(
        "authorizer {t1:?}, graph {:?} ({} nodes, {} edges), paths {:?} ({} paths)",
        t2 - t1,
        graph.graph.node_count(),
        graph.graph.edge_count(),
        t3 - t2,
        paths.len()
    );
}
