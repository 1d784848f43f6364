//! image rules: tags, digests and pull policy of container images.
//!
//! `ImageRef::parse` splits a reference the way the container runtime does:
//! `[registry[:port]/]repository[:tag][@algorithm:digest]`. The tag is looked for only in the
//! last path segment, so the port of `registry:5000/app` is not a tag.

use crate::rules::ContainerCtx;

pub mod digest_missing;
pub mod pull_policy_not_always;
pub mod tag_latest;

/// A parsed image reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ImageRef<'a> {
    /// Registry and repository (`registry.example.com:5000/team/app`).
    pub name: &'a str,
    /// The tag, when one is written (`1.27`, `latest`).
    pub tag: Option<&'a str>,
    /// The digest, when one is written (`sha256:…`).
    pub digest: Option<&'a str>,
}

impl<'a> ImageRef<'a> {
    /// Parses a reference. `None` when there is nothing to judge: an empty value, no repository
    /// name, or a placeholder that a tool fills in later (`${IMAGE}`, `$(TAG)`, `{{ .Image }}`, `ko://…`).
    pub(crate) fn parse(image: &'a str) -> Option<Self> {
        let image = image.trim();
        if image.is_empty()
            || image.contains(['$', '{', '}'])
            || image.contains("://")
            || image.contains(char::is_whitespace)
        {
            return None;
        }
        let (rest, digest) = match image.split_once('@') {
            Some((rest, d)) => (rest, Some(d).filter(|d| d.contains(':'))),
            None => (image, None),
        };
        let last = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest.get(last..).and_then(|seg| seg.rfind(':')) {
            Some(colon) => {
                let at = last + colon;
                (rest.get(..at).unwrap_or(rest), rest.get(at + 1..).filter(|t| !t.is_empty()))
            }
            None => (rest, None),
        };
        // `@sha256:…` or `:tag` alone names no repository: not a reference to judge.
        (!name.is_empty()).then_some(Self { name, tag, digest })
    }

    /// Whether the tag floats: `latest`, or no tag and no digest (which means `latest`).
    pub(crate) fn floating(&self) -> bool {
        self.digest.is_none() && matches!(self.tag, None | Some("latest"))
    }
}

/// The container's image, parsed; `None` when it has none or it is a placeholder.
pub(crate) fn image_of<'a>(c: &'a ContainerCtx<'_>) -> Option<(&'a str, ImageRef<'a>)> {
    let raw = c.container.image.as_deref()?;
    ImageRef::parse(raw).map(|r| (raw, r))
}

#[cfg(test)]
mod tests {
    use super::ImageRef;

    fn p(s: &str) -> Option<(&str, Option<&str>, Option<&str>)> {
        ImageRef::parse(s).map(|r| (r.name, r.tag, r.digest))
    }

    #[test]
    fn references() {
        assert_eq!(p("nginx"), Some(("nginx", None, None)));
        assert_eq!(p("nginx:1.27"), Some(("nginx", Some("1.27"), None)));
        assert_eq!(p("nginx:latest"), Some(("nginx", Some("latest"), None)));
        assert_eq!(p("localhost:5000/app"), Some(("localhost:5000/app", None, None)));
        assert_eq!(
            p("localhost:5000/team/app:v2"),
            Some(("localhost:5000/team/app", Some("v2"), None))
        );
        assert_eq!(p("[::1]:5000/app:v2"), Some(("[::1]:5000/app", Some("v2"), None)));
        let d = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assert_eq!(p(&format!("nginx@{d}")), Some(("nginx", None, Some(d))));
        assert_eq!(p(&format!("nginx:1.27@{d}")), Some(("nginx", Some("1.27"), Some(d))));
        assert_eq!(p(&format!("reg:5000/nginx@{d}")), Some(("reg:5000/nginx", None, Some(d))));
        assert_eq!(p("nginx:"), Some(("nginx", None, None)));
        assert_eq!(p("nginx@"), Some(("nginx", None, None)));
        assert_eq!(p(""), None);
        assert_eq!(p("@sha256:00"), None);
        assert_eq!(p(":1.0"), None);
        assert_eq!(p("  nginx:1.27  "), Some(("nginx", Some("1.27"), None)));
        assert_eq!(p("a/b/c:d@e"), Some(("a/b/c", Some("d"), None)));
        assert_eq!(p("${IMAGE}"), None);
        assert_eq!(p("repo/app:$(TAG)"), None);
        assert_eq!(p("ko://example.com/cmd/app"), None);
    }

    #[test]
    fn floating() {
        assert!(ImageRef::parse("nginx").is_some_and(|r| r.floating()));
        assert!(ImageRef::parse("nginx:latest").is_some_and(|r| r.floating()));
        assert!(ImageRef::parse("reg:5000/nginx").is_some_and(|r| r.floating()));
        assert!(!ImageRef::parse("nginx:1.27").is_some_and(|r| r.floating()));
        assert!(!ImageRef::parse("nginx:latest@sha256:00").is_some_and(|r| r.floating()));
        assert!(!ImageRef::parse("nginx@sha256:00").is_some_and(|r| r.floating()));
    }
}
