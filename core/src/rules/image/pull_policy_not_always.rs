use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::container::who;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Image with a moving tag is not pulled again (`imagePullPolicy` not `Always`)
    ///
    /// ## What it finds
    /// A container with `imagePullPolicy: IfNotPresent` or `Never` whose image tag moves: `latest`
    /// or no tag, and no digest. Left alone on purpose: an unset policy (the API server then
    /// picks `Always` for exactly these images), versioned tags (which Kubernetes treats as
    /// fixed; pin them with a digest, see `image-digest-missing`), and digests, which cannot go
    /// stale.
    ///
    /// ## Why it matters
    /// With `IfNotPresent` a node that once pulled `app:latest` keeps running that copy: after a
    /// new push, old and new nodes run different code under one name, and a security fix that
    /// was pushed never reaches the nodes that already had the image. Kubernetes defaults these
    /// images to `Always` for this reason; setting `IfNotPresent` or `Never` undoes it.
    ///
    /// Other tools (kube-score, Polaris, Checkov) require `Always` on every image so the kubelet
    /// checks pull credentials on each start. That protects a private image only if *every* pod
    /// on the node pulls with `Always`, which a workload cannot enforce for its neighbours; the
    /// cluster-level control is the `AlwaysPullImages` admission plugin (CIS Kubernetes
    /// Benchmark 1.2.11), so kubeward does not flag versioned or pinned images.
    ///
    /// ## How to fix
    /// Use a version tag or a digest (best), or remove `imagePullPolicy` so the API server picks
    /// `Always` for the moving tag.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: example.com/web:latest
    ///     imagePullPolicy: IfNotPresent
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: example.com/web:2.4.1
    ///     imagePullPolicy: IfNotPresent
    /// ```
    ///
    /// ## References
    /// - Kubernetes documentation, "Images" (image pull policy and its defaults)
    /// - CIS Kubernetes Benchmark 1.2.11 (AlwaysPullImages admission plugin)
    pub RULE = { id: "image-pull-policy-not-always", category: Category::Image,
        severity: Severity::Warning, check: Check::Container(check),
        help: "use a version tag or a digest, or remove imagePullPolicy so the latest image is pulled again",
        equivalents: &[("checkov", "CKV_K8S_15"), ("polaris", "pullPolicyNotAlways"),
            ("kube-score", "container-image-pull-policy")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    let Some(policy) = c.container.image_pull_policy.as_deref() else { return };
    if !matches!(policy, "IfNotPresent" | "Never") {
        return;
    }
    let Some((raw, image)) = super::image_of(c) else { return };
    if image.floating() {
        ctx.report(
            "imagePullPolicy",
            format_args!(
                "{} uses the moving image {raw:?} with imagePullPolicy {policy}, so nodes keep stale copies",
                who(c)
            ),
        );
    }
}
