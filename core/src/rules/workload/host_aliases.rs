use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod overrides name resolution with hostAliases
    ///
    /// ## What it finds
    /// A pod template with `hostAliases` entries, which the kubelet writes into every
    /// container's `/etc/hosts`.
    ///
    /// ## Why it matters
    /// `hostAliases` pins names to addresses outside DNS: traffic for a name can be sent
    /// anywhere by whoever edits the manifest, unnoticed by DNS policies and monitoring, and the
    /// pinned address goes stale when the target moves. It is also a common way to point a
    /// service at an attacker-controlled host. Reported as info: it is often a legitimate
    /// workaround, but worth a reviewer's look.
    ///
    /// ## How to fix
    /// Resolve the name through DNS (a Service, an `ExternalName` Service, or a CoreDNS
    /// `hosts`/`rewrite` entry owned by the cluster administrators) and remove `hostAliases`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   hostAliases:
    ///   - ip: 203.0.113.7
    ///     hostnames: [api.payments.example]
    ///   containers:
    ///   - name: app
    ///     image: registry.example/web:1.4
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: registry.example/web:1.4
    /// ```
    ///
    /// ## References
    /// - Kubernetes docs: "Adding entries to Pod /etc/hosts with HostAliases"
    pub RULE = { id: "workload-host-aliases", category: Category::Workload, severity: Severity::Info,
        check: Check::PodSpec(check),
        help: "resolve the name through DNS (a Service or a cluster DNS entry) and remove hostAliases",
        equivalents: &[("trivy", "KSV007")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    for (i, alias) in pod.spec().host_aliases.iter().flatten().enumerate() {
        let names = alias.hostnames.as_deref().unwrap_or(&[]).join(", ");
        ctx.report(
            format!("spec.hostAliases[{i}]"),
            format_args!("pod maps {names:?} to {} in /etc/hosts", alias.ip),
        );
    }
}
