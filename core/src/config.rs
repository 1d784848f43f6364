//! `.kubeward.yaml`: rules on or off, severity overrides, path excludes, defaults for flags.
//!
//! ```yaml
//! rules:
//!   pss-privileged: error      # off | on | info | warning | error
//!   manifest-unknown-field: off
//! exclude: ["vendor/**", "**/testdata/**"]
//! pssVersion: v1.30
//! minSeverity: warning
//! preview: false               # turn on preview rules
//! podTemplatePaths:            # pod templates of custom resources (group/version/Kind or group/Kind)
//!   example.com/v1/Foo: [spec.runner.template]
//!   batch.volcano.sh/Job: ["spec.tasks[*].template"]
//! ```
//! Unknown keys and unknown rule ids are errors with their location.

use crate::diagnostic::Severity;
use crate::model::FieldPath;
use crate::model::pod_template::{self, PathPattern};
use crate::rules::{Rule, Status, registry};
use crate::source::{self, Limits, Span};
use serde::Deserialize;
use std::collections::BTreeMap;

/// What the config says about one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    On,
    Severity(Severity),
}

/// The parsed configuration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub rules: BTreeMap<String, RuleSetting>,
    /// Glob patterns of paths to skip (`*` within a segment, `**` across segments).
    pub exclude: Vec<String>,
    pub pss_version: Option<String>,
    pub min_severity: Option<Severity>,
    pub preview: bool,
    /// RBAC subjects trusted not to be reported (`system:serviceaccount:NS:NAME`, `user:X`, `group:X`).
    pub trusted_subjects: Vec<String>,
    /// Where custom resources keep their pod templates (`podTemplatePaths`).
    pub pod_template_paths: Vec<PodTemplatePaths>,
}

/// One `podTemplatePaths` entry: the kind it applies to and where its pod templates are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodTemplatePaths {
    /// API group (always a custom resource's: it contains a dot).
    pub group: String,
    /// API version; `None` matches every version of the group.
    pub version: Option<String>,
    pub kind: String,
    /// Template roots (mappings holding `metadata` and `spec`); empty means "no pod templates".
    pub paths: Vec<PathPattern>,
}

impl PodTemplatePaths {
    /// Whether the entry applies to an object of this apiVersion and kind.
    #[must_use]
    pub fn matches(&self, api_version: &str, kind: &str) -> bool {
        let (group, version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
        self.kind == kind
            && self.group == group
            && self.version.as_deref().is_none_or(|v| v == version)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    /// `off`/`on` arrive as YAML 1.1 booleans, the severities as strings.
    #[serde(default)]
    rules: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    exclude: Vec<String>,
    pss_version: Option<String>,
    min_severity: Option<String>,
    #[serde(default)]
    preview: bool,
    #[serde(default)]
    trusted_subjects: Vec<String>,
    #[serde(default)]
    pod_template_paths: BTreeMap<String, Vec<String>>,
}

/// A problem in the config file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub span: Span,
    pub message: String,
}

impl Config {
    /// Parses the text of a config file.
    ///
    /// # Errors
    /// Every problem found: syntax, unknown keys, wrong types, unknown rule ids, bad values.
    pub fn parse(text: &str) -> Result<Self, Vec<ConfigError>> {
        let parsed = source::parse(text, &Limits::default());
        let mut errors: Vec<ConfigError> = parsed
            .issues
            .into_iter()
            .map(|i| ConfigError { span: i.span, message: i.message })
            .collect();
        let Some(root) = parsed.documents.first().and_then(|d| d.root()) else {
            return if errors.is_empty() { Ok(Self::default()) } else { Err(errors) };
        };
        if root.is_null() {
            return if errors.is_empty() { Ok(Self::default()) } else { Err(errors) };
        }
        let raw = match source::from_node::<Raw>(root) {
            Ok((raw, ignored)) => {
                for f in ignored {
                    errors.push(ConfigError {
                        span: f.span,
                        message: format!("unknown config key `{}`", f.path),
                    });
                }
                raw
            }
            Err(e) => {
                errors.push(ConfigError { span: e.span, message: e.message });
                return Err(errors);
            }
        };
        let mut cfg = Self {
            exclude: raw.exclude,
            pss_version: raw.pss_version,
            preview: raw.preview,
            trusted_subjects: raw.trusted_subjects,
            ..Self::default()
        };
        let at = |path: &FieldPath| root.locate(path).0;
        if let Some(s) = raw.min_severity {
            match Severity::parse(&s) {
                Some(sev) => cfg.min_severity = Some(sev),
                None => errors.push(ConfigError {
                    span: at(&FieldPath::root().key("minSeverity")),
                    message: format!("minSeverity must be info, warning or error, not {s:?}"),
                }),
            }
        }
        if let Some(v) = &cfg.pss_version
            && crate::lint::parse_pss_version(v).is_none()
        {
            errors.push(ConfigError {
                span: at(&FieldPath::root().key("pssVersion")),
                message: format!(
                    "pssVersion must be `latest` or v1.0 … v1.{}, not {v:?}",
                    crate::lint::LATEST_PSS_MINOR
                ),
            });
        }
        for (id, value) in raw.rules {
            let path = FieldPath::root().key("rules").key(id.clone());
            if registry::get(&id).is_none() {
                let hint = registry::nearest(&id)
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                let span = root
                    .get("rules")
                    .and_then(|r| r.entry(&id))
                    .map_or_else(|| at(&path), |e| e.key_span);
                errors.push(ConfigError { span, message: format!("unknown rule `{id}`{hint}") });
                continue;
            }
            let text = match &value {
                serde_json::Value::Bool(false) => "off".to_owned(),
                serde_json::Value::Bool(true) => "on".to_owned(),
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let setting = match text.as_str() {
                "off" => RuleSetting::Off,
                "on" => RuleSetting::On,
                other => match Severity::parse(other) {
                    Some(s) => RuleSetting::Severity(s),
                    None => {
                        errors.push(ConfigError {
                            span: at(&path),
                            message: format!("rule setting must be off, on, info, warning or error, not {other:?}"),
                        });
                        continue;
                    }
                },
            };
            cfg.rules.insert(id, setting);
        }
        for (key, paths) in raw.pod_template_paths {
            let entry_path = FieldPath::root().key("podTemplatePaths").key(key.clone());
            let key_span = root
                .get("podTemplatePaths")
                .and_then(|r| r.entry(&key))
                .map_or_else(|| at(&entry_path), |e| e.key_span);
            let (kind_key, parse_error) = parse_template_key(&key);
            let Some(mut entry) = kind_key else {
                errors.push(ConfigError { span: key_span, message: parse_error });
                continue;
            };
            for (i, p) in paths.iter().enumerate() {
                match PathPattern::parse(p) {
                    Some(pattern) => entry.paths.push(pattern),
                    None => errors.push(ConfigError {
                        span: at(&entry_path.index(i)),
                        message: format!(
                            "podTemplatePaths: {p:?} is not a field path (dotted keys, `[N]` or `[*]`, e.g. `spec.tasks[*].template`)"
                        ),
                    }),
                }
            }
            cfg.pod_template_paths.push(entry);
        }
        if errors.is_empty() { Ok(cfg) } else { Err(errors) }
    }

    /// The configured pod template paths for an object, when the config names its kind.
    #[must_use]
    pub fn pod_templates_for(&self, api_version: &str, kind: &str) -> Option<&[PathPattern]> {
        // A versioned entry wins over a group-wide one.
        let mut best: Option<&PodTemplatePaths> = None;
        for e in self.pod_template_paths.iter().filter(|e| e.matches(api_version, kind)) {
            if best.is_none_or(|b| b.version.is_none() && e.version.is_some()) {
                best = Some(e);
            }
        }
        best.map(|e| e.paths.as_slice())
    }

    /// Whether the rule runs.
    #[must_use]
    pub fn enabled(&self, rule: &Rule) -> bool {
        match self.rules.get(rule.id) {
            Some(RuleSetting::Off) => false,
            Some(_) => true,
            None => rule.status == Status::Stable || self.preview,
        }
    }

    /// The severity the config gives the rule, if it overrides it.
    #[must_use]
    pub fn severity_override(&self, id: &str) -> Option<Severity> {
        match self.rules.get(id) {
            Some(RuleSetting::Severity(s)) => Some(*s),
            _ => None,
        }
    }

    /// Whether a path (with `/` separators, relative as given) matches an `exclude` pattern.
    #[must_use]
    pub fn excluded(&self, path: &str) -> bool {
        let path = path.strip_prefix("./").unwrap_or(path);
        self.exclude.iter().any(|p| glob_match(p.strip_prefix("./").unwrap_or(p), path))
    }
}

/// Parses a `podTemplatePaths` key: `group/version/Kind` or `group/Kind` (every version).
/// Returns the entry (without paths) or the error message.
fn parse_template_key(key: &str) -> (Option<PodTemplatePaths>, String) {
    let parts: Vec<&str> = key.split('/').collect();
    let (group, version, kind) = match parts.as_slice() {
        [g, v, k] => (*g, Some(*v), *k),
        [g, k] if g.contains('.') => (*g, None, *k),
        _ => {
            return (
                None,
                format!(
                    "podTemplatePaths: {key:?} must be `group/version/Kind` or `group/Kind` (e.g. `example.com/v1/Foo`)"
                ),
            );
        }
    };
    if group.is_empty()
        || kind.is_empty()
        || version.is_some_and(str::is_empty)
        || !kind.starts_with(|c: char| c.is_ascii_uppercase())
    {
        return (
            None,
            format!(
                "podTemplatePaths: {key:?} must be `group/version/Kind` or `group/Kind` with a capitalised Kind"
            ),
        );
    }
    if !pod_template::is_custom_group(group) {
        return (
            None,
            format!(
                "podTemplatePaths: {group:?} is a built-in API group; the pod templates of built-in kinds are always linted"
            ),
        );
    }
    let entry = PodTemplatePaths {
        group: group.to_owned(),
        version: version.map(str::to_owned),
        kind: kind.to_owned(),
        paths: Vec::new(),
    };
    (Some(entry), String::new())
}

/// Glob matching over `/`-separated paths: `*` and `?` stay within a segment, `**` spans segments.
/// A pattern without `/` matches the file name in any folder (as in .gitignore).
#[must_use]
pub fn glob_match(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && *s != ".").collect();
    if pat.len() == 1 && !pattern.contains('/') {
        return segs.iter().any(|s| segment_match(pat[0].as_bytes(), s.as_bytes()));
    }
    match_segments(&pat, &segs)
}

fn match_segments(pat: &[&str], segs: &[&str]) -> bool {
    match pat.split_first() {
        None => segs.is_empty(),
        Some((&"**", rest)) => (0..=segs.len()).any(|i| match_segments(rest, &segs[i..])),
        Some((p, rest)) => match segs.split_first() {
            Some((s, srest)) => {
                segment_match(p.as_bytes(), s.as_bytes()) && match_segments(rest, srest)
            }
            // A pattern naming a folder matches everything below it.
            None => false,
        },
    }
    // `dir/**` after the last segment is handled by the `**` arm matching the empty rest.
}

fn segment_match(p: &[u8], s: &[u8]) -> bool {
    match (p.split_first(), s.split_first()) {
        (None, None) => true,
        (Some((b'*', pr)), _) => (0..=s.len()).any(|i| segment_match(pr, &s[i..])),
        (Some((b'?', pr)), Some((_, sr))) => segment_match(pr, sr),
        (Some((a, pr)), Some((b, sr))) => a == b && segment_match(pr, sr),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("vendor/**", "vendor/a/b.yaml"));
        assert!(glob_match("**/testdata/**", "x/testdata/y.yaml"));
        assert!(glob_match("*.json", "deep/dir/file.json"));
        assert!(!glob_match("*.json", "deep/dir/file.yaml"));
        assert!(glob_match("charts/*/templates/*.yaml", "charts/a/templates/d.yaml"));
        assert!(!glob_match("charts/*/templates/*.yaml", "charts/a/b/templates/d.yaml"));
    }
}
