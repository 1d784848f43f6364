use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Container runs with the root group (gid 0)
    ///
    /// ## What it finds
    /// A pod or container that gives its processes group 0: an effective `runAsGroup` of 0 (the
    /// container's own value, or the pod's when the container sets none; a pod-level 0 is reported
    /// once, naming the containers that inherit it), `fsGroup: 0`, or 0 in `supplementalGroups`.
    /// Skipped: Windows pods, and pods with `hostUsers: false`, whose group 0 is an unprivileged
    /// group on the node.
    ///
    /// ## Why it matters
    /// Running as a non-root user does not help much if the process is in the root group: many
    /// files on the node and in images are owned by group 0 and group-writable or group-readable,
    /// so a process that escapes, or reaches the node through a `hostPath` volume, gets that
    /// access. `fsGroup: 0` also makes every mounted volume group-owned by root and adds 0 to every
    /// container's groups.
    ///
    /// Leaving `runAsGroup` unset is not reported, although the runtime then uses the image's
    /// group for the user, which is often 0: set `runAsGroup` explicitly along with `runAsUser`.
    ///
    /// ## How to fix
    /// Set `runAsGroup` and `fsGroup` to a non-zero group (10000 or more), and remove 0 from
    /// `supplementalGroups`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   securityContext: {runAsUser: 10001, runAsGroup: 0}
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   securityContext: {runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001}
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.2.7 (root containers)
    /// - NSA/CISA Kubernetes Hardening Guide, "Non-root containers and rootless container engines"
    pub RULE = { id: "container-run-as-root-group", category: Category::Container,
        severity: Severity::Warning, check: Check::PodSpec(check),
        help: "set runAsGroup and fsGroup to a non-zero group and remove 0 from supplementalGroups",
        equivalents: &[("trivy", "KSV029")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    let spec = pod.spec();
    if super::is_windows(spec) || spec.host_users == Some(false) {
        return;
    }
    let mut inheriting = Vec::new();
    for c in super::all_containers(spec) {
        match c.sc.and_then(|sc| sc.run_as_group) {
            Some(0) => {
                ctx.report(
                    c.path().key("securityContext").key("runAsGroup"),
                    format_args!("{} runs with group 0 (root)", c.who()),
                );
            }
            Some(_) => {}
            None => inheriting.push(c),
        }
    }
    let Some(psc) = spec.security_context.as_ref() else { return };
    if psc.run_as_group == Some(0) && !inheriting.is_empty() {
        ctx.report(
            "spec.securityContext.runAsGroup",
            format_args!(
                "pod sets runAsGroup: 0 (root), inherited by {}",
                super::and_list(&inheriting.iter().map(super::InPod::who).collect::<Vec<_>>())
            ),
        );
    }
    if psc.fs_group == Some(0) {
        ctx.report(
            "spec.securityContext.fsGroup",
            "pod sets fsGroup: 0, so its volumes are owned by the root group and every container joins it",
        );
    }
    for (i, g) in psc.supplemental_groups.iter().flatten().enumerate() {
        if *g == 0 {
            ctx.report(
                crate::model::FieldPath::root()
                    .key("spec")
                    .key("securityContext")
                    .key("supplementalGroups")
                    .index(i),
                "pod adds the root group (0) to supplementalGroups",
            );
        }
    }
}
