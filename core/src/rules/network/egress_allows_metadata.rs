use super::{Cidr, METADATA};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::rules::{Category, Check, Ctx, ObjectCtx};
use crate::source::NodeRef;

declare_rule! {
    /// NetworkPolicy egress reaches the cloud metadata service
    ///
    /// ## What it finds
    /// A NetworkPolicy egress `ipBlock` whose `cidr` contains the instance metadata address
    /// (`169.254.169.254`, or `fd00:ec2::254` for IPv6; e.g. `0.0.0.0/0`) without an `except`
    /// entry that removes it.
    ///
    /// ## Why it matters
    /// The metadata service hands out the node's cloud credentials (the instance role) to any
    /// process that asks. A pod allowed to reach it can act as the node in the cloud account:
    /// read buckets, pull images, sometimes create machines.
    ///
    /// ## How to fix
    /// Add `169.254.169.254/32` (and `fd00:ec2::254/128`) to the block's `except` list.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: networking.k8s.io/v1
    /// kind: NetworkPolicy
    /// metadata: {name: web-egress, namespace: app}
    /// spec:
    ///   podSelector: {matchLabels: {app: web}}
    ///   policyTypes: [Egress]
    ///   egress:
    ///   - to:
    ///     - ipBlock: {cidr: 0.0.0.0/0}
    /// ```
    /// ```yaml pass
    /// apiVersion: networking.k8s.io/v1
    /// kind: NetworkPolicy
    /// metadata: {name: web-egress, namespace: app}
    /// spec:
    ///   podSelector: {matchLabels: {app: web}}
    ///   policyTypes: [Egress]
    ///   egress:
    ///   - to:
    ///     - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}
    /// ```
    ///
    /// ## References
    /// - NSA/CISA Kubernetes Hardening Guide, "Network separation and hardening"
    /// - Kubernetes security checklist, "Network security" <https://kubernetes.io/docs/concepts/security/security-checklist/#network-security>
    pub RULE = { id: "network-egress-allows-metadata", category: Category::Network,
        severity: Severity::Warning, check: Check::Object { kinds: &["NetworkPolicy"], run: check },
        help: "add 169.254.169.254/32 (and fd00:ec2::254/128) to the ipBlock's except list" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    let Some(egress) = o.root.lookup(&FieldPath::root().key("spec").key("egress")) else { return };
    for (i, rule) in egress.items().enumerate() {
        let Some(to) = rule.get("to") else { continue };
        for (j, peer) in to.items().enumerate() {
            let Some(block) = peer.get("ipBlock") else { continue };
            let Some(cidr_text) = block.get("cidr").and_then(NodeRef::as_str) else { continue };
            let Some(cidr) = Cidr::parse(cidr_text) else { continue };
            let except: Vec<Cidr> = block
                .get("except")
                .map(|e| e.items().filter_map(NodeRef::as_str).filter_map(Cidr::parse).collect())
                .unwrap_or_default();
            let reached = METADATA
                .iter()
                .find(|ip| cidr.contains(**ip) && !except.iter().any(|e| e.contains(**ip)));
            if let Some(ip) = reached {
                let path = FieldPath::root()
                    .key("spec")
                    .key("egress")
                    .index(i)
                    .key("to")
                    .index(j)
                    .key("ipBlock")
                    .key("cidr");
                ctx.report(
                    &path,
                    format_args!("egress to {cidr_text} includes the cloud metadata address {ip}"),
                );
            }
        }
    }
}
