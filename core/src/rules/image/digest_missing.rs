use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::container::who;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Image is not pinned by digest
    ///
    /// ## What it finds
    /// A container image referenced by tag only, without `@sha256:…`. This rule is `info`: it is
    /// shown only with `--min-severity info`. Images with the tag `latest` or none are reported by
    /// `image-tag-latest` as well.
    ///
    /// ## Why it matters
    /// A tag is a movable name: whoever can push to the repository (or compromise the registry)
    /// can point `1.27` at other content, and nodes that pull later run it. A digest names the
    /// content itself, so the manifest states exactly what runs, every node runs the same bytes,
    /// and signatures and scan results refer to something that cannot change underneath them.
    ///
    /// ## How to fix
    /// Append the digest of the tested image: `nginx:1.27.3@sha256:…` (the tag stays for
    /// readers; the runtime uses the digest). Tools such as Renovate, `crane digest` or
    /// `kustomize edit set image` keep it current.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000
    /// ```
    ///
    /// ## References
    /// - Kubernetes documentation, "Images" (image names, tags and digests)
    /// - NSA/CISA Kubernetes Hardening Guide, "Container image scanning"
    pub RULE = { id: "image-digest-missing", category: Category::Image,
        severity: Severity::Info, check: Check::Container(check),
        help: "pin the image by digest: name:tag@sha256:…",
        equivalents: &[("kube-linter", "image-not-pinned-by-digest"), ("checkov", "CKV_K8S_43")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    let Some((raw, image)) = super::image_of(c) else { return };
    if image.digest.is_none() {
        ctx.report("image", format_args!("{} uses image {raw:?}, not pinned by digest", who(c)));
    }
}
