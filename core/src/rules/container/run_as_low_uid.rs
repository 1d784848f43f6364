use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Container runs as a user id below 10000
    ///
    /// ## What it finds
    /// A container whose effective `runAsUser` is between 1 and 9999: its own
    /// `securityContext.runAsUser`, or, when it sets none, the pod's (a container value overrides
    /// the pod value, as in the Pod Security Standards). A low pod-level value is reported once, on
    /// the pod, naming the containers that inherit it; containers that override it with a high id
    /// are fine. User 0 is left to `pss-run-as-user`. Skipped: Windows pods, and pods with
    /// `hostUsers: false`, whose user ids are mapped to unprivileged ids on the node. This rule is
    /// `info`: it is shown only with `--min-severity info`.
    ///
    /// ## Why it matters
    /// Without user namespaces a container's user id is the same number on the node. Ids below
    /// 10000 are where the node's own accounts live (system users below 1000, people from 1000),
    /// so a process that escapes the container, or a `hostPath` volume, meets files owned by an
    /// account with the same id and can read or change them. Ids of 10000 and above (distroless
    /// uses 65532) are unlikely to collide with anything on the node.
    ///
    /// ## How to fix
    /// Set `runAsUser` (and `runAsGroup`) to 10000 or more, on the pod or the container, and make
    /// sure the image works with that user; or run the pod with `hostUsers: false`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   securityContext: {runAsUser: 1000}
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   securityContext: {runAsUser: 1000}
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    ///     securityContext: {runAsUser: 10001}
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.2.7 (root containers)
    /// - NSA/CISA Kubernetes Hardening Guide, "Non-root containers and rootless container engines"
    pub RULE = { id: "container-run-as-low-uid", category: Category::Container,
        severity: Severity::Info, check: Check::PodSpec(check),
        help: "set runAsUser to 10000 or more (or run the pod with hostUsers: false)",
        equivalents: &[("checkov", "CKV_K8S_40"), ("trivy", "KSV020"),
            ("kube-score", "container-security-context-user-group-id")] }
}

/// The first user id that cannot collide with the node's accounts.
const THRESHOLD: i64 = 10000;

fn low(uid: i64) -> bool {
    (1..THRESHOLD).contains(&uid)
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    let spec = pod.spec();
    if super::is_windows(spec) || spec.host_users == Some(false) {
        return;
    }
    let mut inheriting = Vec::new();
    for c in super::all_containers(spec) {
        match c.sc.and_then(|sc| sc.run_as_user) {
            Some(uid) if low(uid) => {
                ctx.report(
                    c.path().key("securityContext").key("runAsUser"),
                    format_args!("{} runs as user {uid}, below {THRESHOLD}", c.who()),
                );
            }
            Some(_) => {}
            None => inheriting.push(c),
        }
    }
    let pod_uid = spec.security_context.as_ref().and_then(|sc| sc.run_as_user);
    if let Some(uid) = pod_uid.filter(|u| low(*u))
        && !inheriting.is_empty()
    {
        ctx.report(
            "spec.securityContext.runAsUser",
            format_args!(
                "pod sets runAsUser: {uid} (below {THRESHOLD}), inherited by {}",
                super::and_list(&inheriting.iter().map(super::InPod::who).collect::<Vec<_>>())
            ),
        );
    }
}
