//! The RBAC engine: bootstrap-policy facts that Kubernetes documents, and one scenario fixture
//! per escalation technique (`fixtures/rbac_graph/<technique>.yaml`) with a snapshot of its paths JSON.
//!
//! A fixture starts with header comments:
//! - `# expect: SUBJECT -> TARGET [via TECHNIQUE]`: a path exists (and one of its steps uses the
//!   technique);
//! - `# expect-none: SUBJECT [-> TARGET]`: no path (to that target);
//! - `# k8s-version: v1.NN`, `# builtin: false` (the bootstrap policy is on by default).

use kubeward::rbac::query::{can_i_with, who_can};
use kubeward::rbac::{
    self, Authorizer, K8sVersion, PathOptions, RbacInput, Request, SubjectRef, Target, UserInfo,
};

fn builtin() -> RbacInput {
    RbacInput::with_builtin(K8sVersion::LATEST)
}

fn with(yaml: &str) -> Authorizer {
    let mut input = builtin();
    input.add_manifests("test.yaml", 0, yaml);
    Authorizer::new(&input)
}

fn can(
    a: &Authorizer,
    user: &str,
    groups: &[&str],
    verb: &str,
    res: &str,
    ns: Option<&str>,
) -> bool {
    let groups: Vec<String> = groups.iter().map(|g| (*g).to_owned()).collect();
    can_i_with(a, verb, res, ns, user, &groups).unwrap_or_else(|e| panic!("{e}")).0
}

fn bind(kind: &str, ns: &str, role: &str, user: &str) -> String {
    format!(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata: {{name: b-{user}, namespace: {ns}}}\n\
         roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {role}}}\n\
         subjects: [{{kind: User, name: {user}, apiGroup: rbac.authorization.k8s.io}}]\n"
    )
}

#[test]
fn bootstrap_loads_every_object() {
    assert_eq!(rbac::bootstrap::counts(), (31 + 38 + 7, 10 + 38 + 7));
    let a = Authorizer::new(&builtin());
    assert!(a.dangling().is_empty(), "{:?}", a.dangling());
    assert!(a.unconverged_aggregations().is_empty());
}

#[test]
fn view_cannot_read_secrets() {
    let a = with(&bind("RoleBinding", "app", "view", "vic"));
    assert!(can(&a, "vic", &[], "get", "pods", Some("app")));
    assert!(can(&a, "vic", &[], "list", "deployments.apps", Some("app")));
    assert!(!can(&a, "vic", &[], "get", "secrets", Some("app")));
    assert!(!can(&a, "vic", &[], "list", "secrets", Some("app")));
    assert!(!can(&a, "vic", &[], "get", "pods", Some("other")));
}

#[test]
fn edit_can_create_pods_and_exec() {
    let a = with(&bind("RoleBinding", "app", "edit", "ed"));
    for (verb, res) in [
        ("create", "pods"),
        ("create", "pods/exec"),
        ("create", "pods/attach"),
        ("create", "deployments"),
        ("create", "serviceaccounts/token"),
        ("impersonate", "serviceaccounts"),
        ("get", "secrets"),
        ("get", "pods"),
    ] {
        assert!(can(&a, "ed", &[], verb, res, Some("app")), "edit: {verb} {res}");
    }
    assert!(!can(&a, "ed", &[], "create", "rolebindings", Some("app")));
    assert!(!can(&a, "ed", &[], "create", "endpoints", Some("app")));
}

#[test]
fn admin_cannot_bind_or_escalate() {
    let a = with(&bind("RoleBinding", "app", "admin", "ad"));
    assert!(can(&a, "ad", &[], "create", "rolebindings", Some("app")));
    assert!(can(&a, "ad", &[], "create", "roles", Some("app")));
    assert!(can(&a, "ad", &[], "create", "localsubjectaccessreviews", Some("app")));
    assert!(can(&a, "ad", &[], "get", "secrets", Some("app")));
    for res in ["roles", "clusterroles"] {
        assert!(!can(&a, "ad", &[], "bind", res, Some("app")));
        assert!(!can(&a, "ad", &[], "escalate", res, Some("app")));
    }
}

#[test]
fn system_masters_can_do_everything() {
    let a = Authorizer::new(&builtin());
    for (verb, res, ns) in [
        ("delete", "nodes", None),
        ("get", "secrets", Some("kube-system")),
        ("escalate", "clusterroles", None),
        ("get", "/healthz", None),
    ] {
        assert!(can(&a, "root", &["system:masters"], verb, res, ns));
    }
    // Even without the cluster-admin binding: the privileged-group authorizer.
    let empty = Authorizer::new(&RbacInput::new());
    let groups = vec!["system:masters".to_owned()];
    let (ok, grant) =
        can_i_with(&empty, "delete", "nodes", None, "root", &groups).unwrap_or_default();
    assert!(ok);
    assert_eq!(grant, Some(rbac::Grant::PrivilegedGroup));
    assert!(!can(&a, "root", &[], "get", "pods", Some("x")));
}

#[test]
fn resource_names_on_create_grant_nothing() {
    let a = with(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: named, namespace: app}\n\
         rules: [{apiGroups: [''], resources: [pods, pods/exec], verbs: ['*'], resourceNames: [web]}]\n---\n\
         apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: named, namespace: app}\n\
         roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: named}\n\
         subjects: [{kind: User, name: nam}]\n",
    );
    let u = UserInfo::user("nam", &[]);
    assert!(a.allows(&u, &Request::resource("create", "", "pods", "app").named("web")).is_none());
    assert!(
        a.allows(&u, &Request::resource("deletecollection", "", "pods", "app").named("web"))
            .is_none()
    );
    assert!(a.allows(&u, &Request::resource("list", "", "pods", "app")).is_none());
    assert!(a.allows(&u, &Request::resource("get", "", "pods", "app").named("web")).is_some());
    assert!(
        a.allows(&u, &Request::resource("create", "", "pods/exec", "app").named("web")).is_some()
    );
}

#[test]
fn role_binding_to_cluster_admin_is_namespace_only() {
    let a = with(&bind("RoleBinding", "app", "cluster-admin", "ns-root"));
    assert!(can(&a, "ns-root", &[], "delete", "pods", Some("app")));
    assert!(can(&a, "ns-root", &[], "get", "secrets", Some("app")));
    assert!(!can(&a, "ns-root", &[], "get", "secrets", Some("other")));
    assert!(!can(&a, "ns-root", &[], "list", "nodes", None));
    assert!(!can(&a, "ns-root", &[], "get", "/debug/pprof", None));
    // The Namespace object itself carries its namespace.
    let u = UserInfo::user("ns-root", &[]);
    assert!(a.allows(&u, &Request::resource("patch", "", "namespaces", "").named("app")).is_some());
    assert!(
        a.allows(&u, &Request::resource("patch", "", "namespaces", "").named("other")).is_none()
    );
    assert!(a.allows(&u, &Request::resource("list", "", "namespaces", "")).is_none());
}

#[test]
fn aggregation_is_transitive() {
    let a = Authorizer::new(&builtin());
    let rules = |name: &str| -> Vec<rbac::Rule> {
        let user = format!("u-{name}");
        let a2 = with(&bind("RoleBinding", "ns", name, &user));
        a2.rules_for(&UserInfo::user(&user, &[]), "ns")
            .into_iter()
            .filter(|r| r.grant.subject == SubjectRef::user(&user))
            .map(|r| r.rule)
            .collect()
    };
    let (view, edit, admin) = (rules("view"), rules("edit"), rules("admin"));
    assert!(!view.is_empty());
    assert!(view.iter().all(|r| edit.contains(r)), "edit ⊇ view");
    assert!(edit.iter().all(|r| admin.contains(r)), "admin ⊇ edit");
    assert!(admin.len() > edit.len() && edit.len() > view.len());
    assert!(a.cluster_role_id("admin").is_some());
}

#[test]
fn scale_subresource_wildcard() {
    let a = Authorizer::new(&builtin());
    let sa = "system:serviceaccount:kube-system:disruption-controller";
    assert!(can(&a, sa, &[], "get", "deployments.apps/scale", Some("x")));
    assert!(!can(&a, sa, &[], "update", "deployments.apps", Some("x")));
    let agg = "system:serviceaccount:kube-system:clusterrole-aggregation-controller";
    assert!(can(&a, agg, &[], "escalate", "clusterroles", None));
}

#[test]
fn who_can_lists_subjects_with_grants() {
    let a = with(&bind("RoleBinding", "app", "edit", "ed"));
    let list = who_can(&a, "create", "pods", Some("app")).unwrap_or_default();
    let subjects: Vec<String> = list.iter().map(|(s, _)| s.to_string()).collect();
    assert!(subjects.contains(&"user:ed".to_owned()), "{subjects:?}");
    assert!(subjects.contains(&"group:system:masters".to_owned()));
    assert!(
        subjects.contains(&"system:serviceaccount:kube-system:replicaset-controller".to_owned())
    );
    let other = who_can(&a, "create", "pods", Some("other")).unwrap_or_default();
    assert!(!other.iter().any(|(s, _)| s.to_string() == "user:ed"));
}

#[test]
fn bootstrap_alone_reports_no_untrusted_path() {
    let analysis = rbac::analyze(&builtin(), &PathOptions::default());
    assert!(analysis.paths.is_empty(), "{}", rbac::render::human(&analysis.paths));
    let all = rbac::analyze(&builtin(), &PathOptions { all: true, ..PathOptions::default() });
    let agg = SubjectRef::sa("kube-system", "clusterrole-aggregation-controller");
    let p = all.paths.iter().find(|p| p.subject == agg && p.target == Target::ClusterAdmin);
    let p = p.unwrap_or_else(|| panic!("{}", rbac::render::human(&all.paths)));
    assert_eq!(p.steps.first().map(|s| s.technique), Some("rbac-escalate"));
}

#[test]
#[ignore = "prints the paths of the bootstrap policy"]
fn print_bootstrap_paths() {
    let all = rbac::analyze(&builtin(), &PathOptions { all: true, ..PathOptions::default() });
    print!("{}", rbac::render::human(&all.paths));
}

struct Expect {
    line: String,
    subject: SubjectRef,
    target: Option<Target>,
    via: Option<String>,
    none: bool,
}

fn parse_header(text: &str) -> (K8sVersion, bool, Vec<Expect>) {
    let (mut version, mut use_builtin, mut expects) = (K8sVersion::LATEST, true, Vec::new());
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let body = line.trim_start_matches('#').trim();
        if let Some(v) = body.strip_prefix("k8s-version:") {
            version =
                K8sVersion::parse(v.trim()).unwrap_or_else(|| panic!("bad version in {line}"));
        } else if let Some(v) = body.strip_prefix("builtin:") {
            use_builtin = v.trim() == "true";
        } else if let Some((none, rest)) = body
            .strip_prefix("expect-none:")
            .map(|r| (true, r))
            .or_else(|| body.strip_prefix("expect:").map(|r| (false, r)))
        {
            let (rest, via) = match rest.split_once(" via ") {
                Some((r, v)) => (r, Some(v.trim().to_owned())),
                None => (rest, None),
            };
            let (subject, target) = match rest.split_once("->") {
                Some((s, t)) => (
                    s.trim(),
                    Some(Target::parse(t.trim()).unwrap_or_else(|| panic!("bad target in {line}"))),
                ),
                None => (rest.trim(), None),
            };
            let subject =
                SubjectRef::parse(subject).unwrap_or_else(|| panic!("bad subject in {line}"));
            expects.push(Expect { line: line.to_owned(), subject, target, via, none });
        }
    }
    (version, use_builtin, expects)
}

/// Every technique's scenario: the expectations hold, and the paths JSON is snapshotted.
#[test]
fn technique_fixtures() {
    let failures = std::cell::RefCell::new(Vec::new());
    insta::glob!("fixtures/rbac_graph/*.yaml", |path| {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (version, use_builtin, expects) = parse_header(&text);
        assert!(!expects.is_empty(), "{name}: no expectations");
        let mut input =
            if use_builtin { RbacInput::with_builtin(version) } else { RbacInput::new() };
        input.set_version(version);
        assert!(input.add_manifests(&name, 0, &text) > 0, "{name}: no objects");
        let analysis = rbac::analyze(&input, &PathOptions::default());
        for e in &expects {
            // As `--from SUBJECT [--to TARGET]`: with a target, implied paths count too.
            let options = PathOptions {
                from: Some(e.subject.clone()),
                to: e.target,
                ..PathOptions::default()
            };
            let found = rbac::paths::find(&analysis.graph, &options);
            let ok = if e.none {
                found.is_empty()
            } else {
                !found.is_empty()
                    && e.via.as_ref().is_none_or(|via| {
                        found.iter().any(|p| p.steps.iter().any(|s| s.technique == via))
                    })
            };
            if !ok {
                failures.borrow_mut().push(format!(
                    "{name}: {}\n{}",
                    e.line,
                    rbac::render::human(&found)
                ));
            }
        }
        insta::assert_snapshot!(rbac::render::json(&analysis.paths));
    });
    let failures = failures.into_inner();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "prints the paths of every fixture"]
fn print_fixture_paths() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rbac_graph");
    let mut files: Vec<_> =
        std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (version, _, _) = parse_header(&text);
        let mut input = RbacInput::with_builtin(version);
        input.add_manifests(&name, 0, &text);
        println!(
            "===== {name}\n{}",
            rbac::render::human(&rbac::analyze(&input, &PathOptions::default()).paths)
        );
    }
}

/// The pictures of `rbac paths --format dot|mermaid` and the human text, on one scenario.
#[test]
fn renderers() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rbac_graph");
    let text = std::fs::read_to_string(dir.join("edit-in-namespace.yaml")).unwrap_or_default();
    let mut input = builtin();
    input.add_manifests("edit-in-namespace.yaml", 0, &text);
    let paths = rbac::analyze(&input, &PathOptions::default()).paths;
    let alice = paths.iter().find(|p| p.subject == SubjectRef::user("alice"));
    let anchor = alice.and_then(rbac::Path::anchor).map(|e| e.origin.object.display_name());
    assert_eq!(anchor.as_deref(), Some("RoleBinding/app/alice-edit"));
    insta::assert_snapshot!("render_dot", rbac::render::dot(&paths));
    insta::assert_snapshot!("render_mermaid", rbac::render::mermaid(&paths));
    insta::assert_snapshot!("render_human", rbac::render::human(&paths));
}

#[test]
fn custom_roles_widening_builtin_aggregation() {
    let a = with(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: crd-editor\n  \
         labels: {rbac.authorization.k8s.io/aggregate-to-edit: \"true\"}\n\
         rules: [{apiGroups: [example.com], resources: [widgets], verbs: ['*']}]\n---\n\
         apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: ed, namespace: app}\n\
         roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}\n\
         subjects: [{kind: User, name: ad}]\n",
    );
    let w: Vec<String> =
        a.widened_builtin_aggregations().iter().map(|w| w.aggregated.clone()).collect();
    assert_eq!(w, ["admin", "edit"]);
    // Transitively, admin (through edit) now grants the custom rule.
    assert!(can(&a, "ad", &[], "delete", "widgets.example.com", Some("app")));
}
