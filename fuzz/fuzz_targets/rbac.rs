//! The RBAC commands on arbitrary bytes: the manifests are read as `kubeward rbac` reads them
//! (with the built-in bootstrap policy), then every path is found and rendered in each format,
//! and `who-can`, `can-i` and `can-i --list` are asked. The first line of the input is also
//! used as a RESOURCE argument, so that the argument parser meets arbitrary text too.
#![no_main]

use kubeward::rbac::{self, Authorizer, K8sVersion, PathOptions, RbacInput, query, render};
use kubeward::source::{self, Limits};
use libfuzzer_sys::fuzz_target;

/// Questions a reviewer asks of a cluster's RBAC: escalation verbs, subresources, wildcards.
const QUESTIONS: [(&str, &str); 8] = [
    ("get", "secrets"),
    ("create", "pods"),
    ("create", "pods/exec"),
    ("create", "serviceaccounts/token"),
    ("impersonate", "users"),
    ("bind", "clusterroles.rbac.authorization.k8s.io"),
    ("get", "nodes/proxy"),
    ("*", "*"),
];

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let Ok(text) = source::decode(data, &limits) else { return };
    let mut input = RbacInput::with_builtin(K8sVersion::LATEST);
    input.add_manifests("fuzz.yaml", 0, text);

    let options = PathOptions { all: true, ..PathOptions::default() };
    let analysis = rbac::analyze(&input, &options);
    let _ = render::human(&analysis.paths);
    let _ = render::json(&analysis.paths);
    let _ = render::dot(&analysis.paths);
    let _ = render::mermaid(&analysis.paths);

    let authz = Authorizer::from_input(input);
    let first_line = text.lines().next().unwrap_or_default();
    let asked = QUESTIONS.iter().copied().chain([("get", first_line)]);
    for (verb, resource) in asked {
        for namespace in [None, Some("default")] {
            if let Ok(entries) = query::who_can(&authz, verb, resource, namespace) {
                let _ = render::who_can(&entries);
            }
            let groups = ["system:authenticated".to_owned()];
            let user = "system:serviceaccount:default:default";
            let _ = query::can_i_with(&authz, verb, resource, namespace, user, &groups);
        }
    }
    let _ = render::rules(&query::list(&authz, "system:serviceaccount:default:default", &[], None));
    let _ = render::rules(&query::list(&authz, "alice", &[], Some("default")));
});
