//! The Pod Security Admission namespace labels (`pod-security.kubernetes.io/enforce` and friends).

use super::{PssLevel, Version, VersionError};
use std::collections::BTreeMap;
use std::fmt;

/// The label prefix shared by every Pod Security Admission label.
pub const LABEL_PREFIX: &str = "pod-security.kubernetes.io/";

/// The three admission modes a namespace can label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PolicyMode {
    Enforce,
    Audit,
    Warn,
}

impl PolicyMode {
    /// All modes, in label order.
    pub const ALL: [Self; 3] = [Self::Enforce, Self::Audit, Self::Warn];

    /// `enforce`, `audit` or `warn`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Enforce => "enforce",
            Self::Audit => "audit",
            Self::Warn => "warn",
        }
    }

    /// `pod-security.kubernetes.io/<mode>`.
    #[must_use]
    pub fn level_label(self) -> String {
        format!("{LABEL_PREFIX}{}", self.as_str())
    }

    /// `pod-security.kubernetes.io/<mode>-version`.
    #[must_use]
    pub fn version_label(self) -> String {
        format!("{LABEL_PREFIX}{}-version", self.as_str())
    }
}

/// An invalid Pod Security Admission label value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelError {
    /// A level label that is not `privileged`, `baseline` or `restricted`.
    InvalidLevel { label: String, value: String },
    /// A version label that is not `latest` or `v1.N`.
    InvalidVersion { label: String, value: String, error: VersionError },
}

impl LabelError {
    /// The label key.
    #[must_use]
    pub fn label(&self) -> &str {
        match self {
            Self::InvalidLevel { label, .. } | Self::InvalidVersion { label, .. } => label,
        }
    }
}

impl fmt::Display for LabelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidLevel { label, value } => write!(
                f,
                "label {label}={value:?} is invalid: must be one of privileged, baseline, restricted"
            ),
            Self::InvalidVersion { label, value, .. } => {
                write!(f, "label {label}={value:?} is invalid: must be \"latest\" or \"v1.x\"")
            }
        }
    }
}

impl std::error::Error for LabelError {}

/// The policy a namespace's labels select, with the fallbacks Pod Security Admission applies to
/// invalid values, and those invalid values as errors.
///
/// A mode without a level label is `None` (the cluster default applies, normally privileged).
/// A missing version label means `latest`. An invalid `enforce` level fails closed
/// (`restricted`); an invalid `audit` or `warn` level fails open (`None`, i.e. privileged). An
/// invalid version means `latest`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NamespacePolicy {
    pub enforce: Option<(PssLevel, Version)>,
    pub audit: Option<(PssLevel, Version)>,
    pub warn: Option<(PssLevel, Version)>,
    /// Invalid label values, in label order (`enforce`, `enforce-version`, `audit`, …).
    pub errors: Vec<LabelError>,
}

impl NamespacePolicy {
    /// The (level, version) of `mode`.
    #[must_use]
    pub fn mode(&self, mode: PolicyMode) -> Option<(PssLevel, Version)> {
        match mode {
            PolicyMode::Enforce => self.enforce,
            PolicyMode::Audit => self.audit,
            PolicyMode::Warn => self.warn,
        }
    }

    /// Whether no Pod Security label was set at all.
    #[must_use]
    pub fn is_unset(&self) -> bool {
        self.enforce.is_none()
            && self.audit.is_none()
            && self.warn.is_none()
            && self.errors.is_empty()
    }
}

fn parse_level(s: &str) -> Option<PssLevel> {
    match s {
        "privileged" => Some(PssLevel::Privileged),
        "baseline" => Some(PssLevel::Baseline),
        "restricted" => Some(PssLevel::Restricted),
        _ => None,
    }
}

/// Reads the `pod-security.kubernetes.io/*` labels of a namespace.
#[must_use]
pub fn namespace_policy(labels: &BTreeMap<String, String>) -> NamespacePolicy {
    let mut policy = NamespacePolicy::default();
    for mode in PolicyMode::ALL {
        let level_label = mode.level_label();
        let version_label = mode.version_label();
        let version = match labels.get(&version_label) {
            None => Version::LATEST,
            Some(value) => Version::parse_label(value).unwrap_or_else(|error| {
                policy.errors.push(LabelError::InvalidVersion {
                    label: version_label.clone(),
                    value: value.clone(),
                    error,
                });
                Version::LATEST
            }),
        };
        let level = match labels.get(&level_label) {
            None => None,
            Some(value) => match parse_level(value) {
                Some(level) => Some(level),
                None => {
                    // Reported before the version error of the same mode, as labels sort.
                    let at = policy.errors.iter().position(|e| e.label() == version_label);
                    let err = LabelError::InvalidLevel {
                        label: level_label.clone(),
                        value: value.clone(),
                    };
                    match at {
                        Some(i) => policy.errors.insert(i, err),
                        None => policy.errors.push(err),
                    }
                    match mode {
                        PolicyMode::Enforce => Some(PssLevel::Restricted),
                        PolicyMode::Audit | PolicyMode::Warn => None,
                    }
                }
            },
        };
        let slot = match mode {
            PolicyMode::Enforce => &mut policy.enforce,
            PolicyMode::Audit => &mut policy.audit,
            PolicyMode::Warn => &mut policy.warn,
        };
        *slot = level.map(|l| (l, version));
    }
    policy
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn reads_modes() {
        let p = namespace_policy(&labels(&[
            ("pod-security.kubernetes.io/enforce", "baseline"),
            ("pod-security.kubernetes.io/enforce-version", "v1.25"),
            ("pod-security.kubernetes.io/warn", "restricted"),
            ("other", "x"),
        ]));
        assert_eq!(p.enforce, Some((PssLevel::Baseline, Version::v(25))));
        assert_eq!(p.warn, Some((PssLevel::Restricted, Version::LATEST)));
        assert_eq!(p.audit, None);
        assert!(p.errors.is_empty());
        assert!(namespace_policy(&BTreeMap::new()).is_unset());
    }

    #[test]
    fn invalid_values_fall_back_and_are_reported() {
        let p = namespace_policy(&labels(&[
            ("pod-security.kubernetes.io/enforce", "strict"),
            ("pod-security.kubernetes.io/enforce-version", "1.25"),
            ("pod-security.kubernetes.io/audit", "Baseline"),
            ("pod-security.kubernetes.io/warn", "baseline"),
            ("pod-security.kubernetes.io/warn-version", "v1.99"),
        ]));
        // enforce fails closed, audit fails open, a version past the newest clamps to it
        assert_eq!(p.enforce, Some((PssLevel::Restricted, Version::LATEST)));
        assert_eq!(p.audit, None);
        assert_eq!(p.warn, Some((PssLevel::Baseline, Version::LATEST)));
        let labels: Vec<&str> = p.errors.iter().map(LabelError::label).collect();
        assert_eq!(
            labels,
            [
                "pod-security.kubernetes.io/enforce",
                "pod-security.kubernetes.io/enforce-version",
                "pod-security.kubernetes.io/audit"
            ]
        );
        assert!(
            p.errors[0].to_string().contains("must be one of privileged, baseline, restricted")
        );
    }

    #[test]
    fn version_without_level_is_checked() {
        let p = namespace_policy(&labels(&[("pod-security.kubernetes.io/audit-version", "v2.0")]));
        assert_eq!(p.audit, None);
        assert_eq!(p.errors.len(), 1);
    }
}
