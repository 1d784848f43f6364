use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check, Ctx, ObjectCtx};
use crate::source::NodeRef;

declare_rule! {
    /// Ingress serves hosts without TLS
    ///
    /// ## What it finds
    /// An Ingress with no `spec.tls`, or a rule `host` that no `tls[].hosts` entry covers
    /// (`*.example.com` covers one label). Not reported when an annotation says the load balancer
    /// terminates TLS (`alb.ingress.kubernetes.io/certificate-arn`,
    /// `networking.gke.io/managed-certificates`, `ingress.gcp.kubernetes.io/pre-shared-cert`) or
    /// `kubernetes.io/ingress.allow-http: "false"`.
    ///
    /// ## Why it matters
    /// Without TLS, session cookies, credentials and data cross the internet in clear text and
    /// can be read or changed by anyone on the path.
    ///
    /// ## How to fix
    /// Add a `tls` entry with the host and a certificate Secret (cert-manager can issue one).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: networking.k8s.io/v1
    /// kind: Ingress
    /// metadata: {name: web, namespace: app}
    /// spec:
    ///   rules:
    ///   - host: shop.example.com
    ///     http:
    ///       paths:
    ///       - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
    /// ```
    /// ```yaml pass
    /// apiVersion: networking.k8s.io/v1
    /// kind: Ingress
    /// metadata: {name: web, namespace: app}
    /// spec:
    ///   tls:
    ///   - {hosts: [shop.example.com], secretName: shop-tls}
    ///   rules:
    ///   - host: shop.example.com
    ///     http:
    ///       paths:
    ///       - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
    /// ```
    ///
    /// ## References
    /// - NSA/CISA Kubernetes Hardening Guide, "Network separation and hardening" (TLS everywhere)
    /// - Ingress, "TLS" <https://kubernetes.io/docs/concepts/services-networking/ingress/#tls>
    pub RULE = { id: "network-ingress-without-tls", category: Category::Network,
        severity: Severity::Warning, check: Check::Object { kinds: &["Ingress"], run: check },
        help: "add a tls entry for the host with a certificate Secret" }
}

const LB_TLS: &[&str] = &[
    "alb.ingress.kubernetes.io/certificate-arn",
    "networking.gke.io/managed-certificates",
    "ingress.gcp.kubernetes.io/pre-shared-cert",
];

fn covers(pattern: &str, host: &str) -> bool {
    if let Some(suffix) = pattern.strip_prefix("*.") {
        return host
            .split_once('.')
            .is_some_and(|(first, rest)| !first.is_empty() && rest == suffix);
    }
    pattern == host
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let ann = o.root.lookup(&FieldPath::root().key("metadata").key("annotations"));
    if let Some(ann) = ann
        && (LB_TLS.iter().any(|k| ann.get(k).is_some())
            || ann.get("kubernetes.io/ingress.allow-http").and_then(NodeRef::as_str)
                == Some("false"))
    {
        return;
    }
    let spec = o.root.get("spec");
    let tls = spec.and_then(|s| s.get("tls")).filter(|t| t.items().next().is_some());
    let Some(tls) = tls else {
        ctx.report("spec", "ingress has no TLS, so it serves plain HTTP");
        return;
    };
    let hosts: Vec<&str> = tls
        .items()
        .filter_map(|t| t.get("hosts"))
        .flat_map(|h| h.items().filter_map(NodeRef::as_str))
        .collect();
    let Some(rules) = spec.and_then(|s| s.get("rules")) else { return };
    for (i, rule) in rules.items().enumerate() {
        let Some(host) = rule.get("host").and_then(NodeRef::as_str) else { continue };
        if !hosts.iter().any(|p| covers(p, host)) {
            ctx.report(
                FieldPath::root().key("spec").key("rules").index(i).key("host"),
                format_args!("host {host:?} is not covered by the ingress's TLS hosts"),
            );
        }
    }
}
