use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server authorizes everything, or lacks the Node or RBAC authorizer
    ///
    /// ## What it finds
    /// `--authorization-mode` containing `AlwaysAllow`, unset (it defaults to `AlwaysAllow`), or
    /// without `Node` or `RBAC`. Repeated flags and comma lists are read together. A server
    /// given `--authorization-config` is skipped: its authorizers are in that file. kubeadm
    /// sets `Node,RBAC` unless `extraArgs` overrides it.
    ///
    /// ## Why it matters
    /// `AlwaysAllow` lets every authenticated (and, with anonymous auth, unauthenticated)
    /// request do anything: it is cluster-admin for all. Without `RBAC` the Roles and bindings
    /// in the cluster mean nothing; without `Node` every kubelet may read every Secret.
    ///
    /// ## How to fix
    /// Set `--authorization-mode=Node,RBAC` (add `Webhook` if you use one).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --authorization-mode=AlwaysAllow]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, "--authorization-mode=Node,RBAC"]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.6, 1.2.7, 1.2.8
    /// - NSA/CISA Kubernetes Hardening Guide, "Authentication and authorization"
    pub RULE = { id: "apiserver-authorization-mode", category: Category::Apiserver, severity: Severity::Error,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "set --authorization-mode=Node,RBAC",
        equivalents: &[("kube-bench", "1.2.6, 1.2.7, 1.2.8"), ("checkov", "CKV_K8S_74, CKV_K8S_75, CKV_K8S_77"),
            ("trivy", "KCV0007, KCV0008, KCV0009")] }
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    if f.has("authorization-config") {
        return;
    }
    let modes = f.flags.list("authorization-mode");
    if modes.iter().any(|(_, flag)| flag.is_dynamic()) {
        return;
    }
    if modes.is_empty() {
        f.report(
            ctx,
            None,
            format_args!(
                "{} authorizes every request (--authorization-mode defaults to AlwaysAllow)",
                f.who()
            ),
        );
        return;
    }
    if let Some((_, flag)) = modes.iter().find(|(m, _)| *m == "AlwaysAllow") {
        f.report(
            ctx,
            Some(flag),
            format_args!(
                "{} authorizes every request (--authorization-mode includes AlwaysAllow)",
                f.who()
            ),
        );
        return;
    }
    let last = modes.last().map(|(_, flag)| *flag);
    for needed in ["Node", "RBAC"] {
        if !modes.iter().any(|(m, _)| *m == needed) {
            f.report(
                ctx,
                last,
                format_args!(
                    "{} runs without the {needed} authorizer (--authorization-mode lacks {needed})",
                    f.who()
                ),
            );
        }
    }
}
