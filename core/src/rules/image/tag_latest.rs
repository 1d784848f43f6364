use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::container::who;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Image uses the `latest` tag or no tag
    ///
    /// ## What it finds
    /// A container image without a digest whose tag is `latest` or missing (a missing tag means
    /// `latest`). References are parsed as the runtime does: in `registry:5000/app` the `5000`
    /// is a port, not a tag. An image pinned by digest (`app@sha256:…`, `app:latest@sha256:…`)
    /// is fine: the digest decides what runs. Placeholders filled in later (`${IMAGE}`,
    /// `ko://…`) are skipped.
    ///
    /// ## Why it matters
    /// `latest` is whatever was pushed last. The same manifest runs different code on different
    /// days and nodes, a rollback redeploys the broken version, and anyone who can push to the
    /// repository changes what runs in the cluster without touching the manifest, so a review
    /// of the manifest says nothing about the software.
    ///
    /// ## How to fix
    /// Use a version tag (`nginx:1.27.3`), or better a digest (`nginx@sha256:…`), and update it
    /// deliberately (Renovate or Dependabot can do this).
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: registry.example.com:5000/web
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: registry.example.com:5000/web:2.4.1
    /// ```
    ///
    /// ## References
    /// - Kubernetes documentation, "Images" (image names, tags and digests)
    /// - NSA/CISA Kubernetes Hardening Guide, "Container image scanning" (known, scanned images)
    pub RULE = { id: "image-tag-latest", category: Category::Image,
        severity: Severity::Warning, check: Check::Container(check),
        help: "use a version tag or a digest (image@sha256:…)",
        equivalents: &[("kube-linter", "latest-tag"), ("checkov", "CKV_K8S_14"), ("trivy", "KSV013"),
            ("polaris", "tagNotSpecified"), ("kube-score", "container-image-tag")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    let Some((raw, image)) = super::image_of(c) else { return };
    if !image.floating() {
        return;
    }
    let message = match image.tag {
        Some(_) => format!("{} uses image {raw:?} with the tag latest", who(c)),
        None => format!("{} uses image {raw:?} without a tag, which means latest", who(c)),
    };
    ctx.report("image", message);
}
