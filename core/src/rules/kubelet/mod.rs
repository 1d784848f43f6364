//! KubeletConfiguration and kubelet flags.
//!
//! The kubelet's settings are read from two places, through one view (`Kubelet`):
//! - a `KubeletConfiguration` document (`kubelet.config.k8s.io/v1beta1`, as in
//!   `/var/lib/kubelet/config.yaml`). A field left out takes the file format's default, which is
//!   not the flag's default: the file defaults to `anonymous.enabled: false`,
//!   `webhook.enabled: true`, `authorization.mode: Webhook` and `readOnlyPort: 0`. When the same
//!   file holds kubeadm objects, kubeadm also fills in `x509.clientCAFile` and forces
//!   `rotateCertificates: true` before writing the kubelet's file.
//! - kubeadm's `nodeRegistration.kubeletExtraArgs` (`InitConfiguration`, `JoinConfiguration`;
//!   the v1beta3 map and the v1beta4 name/value list). kubeadm always starts the kubelet with a
//!   config file, so only flags that are written count; a missing flag is the file's value.

use crate::model::FieldPath;
use crate::rules::ObjectCtx;
use crate::source::{NodeRef, Value};

pub mod anonymous_auth;
pub mod authorization_always_allow;
pub mod cert_rotation_disabled;
pub mod client_ca_missing;
pub mod iptables_util_chains_disabled;
pub mod kernel_defaults_unprotected;
pub mod read_only_port;
pub mod streaming_idle_timeout_disabled;
pub mod weak_tls;
pub mod webhook_authentication_disabled;

/// The kinds kubelet rules look at.
pub(crate) const KINDS: &[&str] =
    &["KubeletConfiguration", "InitConfiguration", "JoinConfiguration"];

/// One kubelet flag written in kubeadm's `kubeletExtraArgs`.
pub(crate) struct Flag<'a> {
    name: &'a str,
    value: String,
    path: FieldPath,
}

/// Where the kubelet's settings come from.
pub(crate) enum Kubelet<'a> {
    /// A KubeletConfiguration; `kubeadm` when the file also holds kubeadm objects.
    Config { root: NodeRef<'a>, kubeadm: bool },
    /// Flags from kubeadm's `kubeletExtraArgs` (the last occurrence of a flag wins).
    Flags(Vec<Flag<'a>>),
}

/// A setting as written.
pub(crate) enum Got<T> {
    /// Written, with the path of its value.
    Set(T, FieldPath),
    /// Not written.
    Unset,
    /// Written with a value the kubelet would reject (another rule's business).
    Bad,
}

impl<'a> Kubelet<'a> {
    /// The kubelet settings of an object, if it holds any.
    pub(crate) fn from(o: &ObjectCtx<'a>) -> Option<Self> {
        let api = o.object.api_version.as_str();
        match o.object.kind.as_str() {
            "KubeletConfiguration" if api.starts_with("kubelet.config.k8s.io/") => {
                let kubeadm =
                    o.file_objects.iter().any(|r| r.api_version.starts_with("kubeadm.k8s.io/"));
                Some(Self::Config { root: o.root, kubeadm })
            }
            "InitConfiguration" | "JoinConfiguration" if api.starts_with("kubeadm.k8s.io/") => {
                let base = FieldPath::root().key("nodeRegistration").key("kubeletExtraArgs");
                let args = o.root.lookup(&base)?;
                Some(Self::Flags(extra_args(args, &base)))
            }
            _ => None,
        }
    }

    /// True for a KubeletConfiguration that kubeadm completes with its own defaults.
    pub(crate) fn kubeadm_managed(&self) -> bool {
        matches!(self, Self::Config { kubeadm: true, .. })
    }

    /// True when settings that are not written take the file format's defaults (a
    /// KubeletConfiguration), false for flags (the config file kubeadm writes sets them).
    pub(crate) fn is_config(&self) -> bool {
        matches!(self, Self::Config { .. })
    }

    /// The config field's node, or the flag's text.
    fn raw(&self, field: &str, flag: &str) -> Option<(Raw<'a>, FieldPath)> {
        match self {
            Self::Config { root, .. } => {
                let path = FieldPath::parse(field)?;
                let node = root.lookup(&path).filter(|n| !n.is_null())?;
                Some((Raw::Node(node), path))
            }
            Self::Flags(flags) => flags
                .iter()
                .rev()
                .find(|f| f.name == flag)
                .map(|f| (Raw::Text(f.value.clone()), f.path.clone())),
        }
    }

    /// A boolean setting (`field` in the file, `--flag` on the command line).
    pub(crate) fn bool(&self, field: &str, flag: &str) -> Got<bool> {
        match self.raw(field, flag) {
            None => Got::Unset,
            Some((Raw::Node(n), p)) => n.as_bool().map_or(Got::Bad, |b| Got::Set(b, p)),
            Some((Raw::Text(t), p)) => parse_go_bool(&t).map_or(Got::Bad, |b| Got::Set(b, p)),
        }
    }

    /// An integer setting.
    pub(crate) fn int(&self, field: &str, flag: &str) -> Got<i64> {
        match self.raw(field, flag) {
            None => Got::Unset,
            Some((Raw::Node(n), p)) => n.as_i64().map_or(Got::Bad, |i| Got::Set(i, p)),
            Some((Raw::Text(t), p)) => t.trim().parse().map_or(Got::Bad, |i| Got::Set(i, p)),
        }
    }

    /// A string setting.
    pub(crate) fn string(&self, field: &str, flag: &str) -> Got<String> {
        match self.raw(field, flag) {
            None => Got::Unset,
            Some((Raw::Node(n), p)) => n.as_str().map_or(Got::Bad, |s| Got::Set(s.to_owned(), p)),
            Some((Raw::Text(t), p)) => Got::Set(t, p),
        }
    }

    /// A list setting: each item with its own path (a flag's items share the flag's path).
    pub(crate) fn list(&self, field: &str, flag: &str) -> Vec<(String, FieldPath)> {
        match self.raw(field, flag) {
            None => Vec::new(),
            Some((Raw::Node(n), p)) => n
                .items()
                .enumerate()
                .filter_map(|(i, item)| Some((item.as_str()?.to_owned(), p.index(i))))
                .collect(),
            Some((Raw::Text(t), p)) => t
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| (s.to_owned(), p.clone()))
                .collect(),
        }
    }

    /// A feature gate (`featureGates.<name>`, or `--feature-gates=<name>=…`).
    pub(crate) fn feature_gate(&self, name: &str) -> Got<bool> {
        match self {
            Self::Config { root, .. } => {
                let path = FieldPath::root().key("featureGates").key(name.to_owned());
                match root.lookup(&path) {
                    None => Got::Unset,
                    Some(n) => n.as_bool().map_or(Got::Bad, |b| Got::Set(b, path)),
                }
            }
            Self::Flags(_) => {
                let Some((Raw::Text(t), path)) = self.raw("", "feature-gates") else {
                    return Got::Unset;
                };
                let value = t
                    .split(',')
                    .filter_map(|kv| kv.split_once('='))
                    .rev()
                    .find_map(|(k, v)| (k.trim() == name).then(|| parse_go_bool(v.trim())));
                match value {
                    None => Got::Unset,
                    Some(None) => Got::Bad,
                    Some(Some(b)) => Got::Set(b, path),
                }
            }
        }
    }
}

enum Raw<'a> {
    Node(NodeRef<'a>),
    Text(String),
}

/// `kubeletExtraArgs` in the v1beta3 form (`{flag: value}`) or the v1beta4 form
/// (`[{name: flag, value: …}]`).
fn extra_args<'a>(args: NodeRef<'a>, base: &FieldPath) -> Vec<Flag<'a>> {
    if args.is_map() {
        return args
            .entries()
            .iter()
            .filter_map(|e| {
                let value = scalar_text(args.doc.node(e.value))?;
                Some(Flag { name: &e.key, value, path: base.key(e.key.to_string()) })
            })
            .collect();
    }
    args.items()
        .enumerate()
        .filter_map(|(i, item)| {
            let name = item.get("name")?.as_str()?;
            let value = item.get("value").and_then(scalar_text).unwrap_or_default();
            Some(Flag { name, value, path: base.index(i).key("value") })
        })
        .collect()
}

/// A scalar as the text of a command-line value.
fn scalar_text(n: NodeRef<'_>) -> Option<String> {
    match n.value() {
        Value::Str(s) => Some(s.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Null => Some(String::new()),
        Value::Seq(_) | Value::Map(_) => None,
    }
}

/// Go's `strconv.ParseBool`, as pflag reads boolean flags.
pub(crate) fn parse_go_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Whether a Go duration string (`0`, `0s`, `1h30m`) is zero; `None` when it does not parse.
pub(crate) fn go_duration_is_zero(s: &str) -> Option<bool> {
    let s = s.trim();
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    if s == "0" {
        return Some(true);
    }
    if s.is_empty() {
        return None;
    }
    let mut rest = s;
    let mut zero = true;
    while !rest.is_empty() {
        let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let (num, tail) = rest.split_at(num_len);
        if num.is_empty() || num == "." {
            return None;
        }
        let unit_len = tail.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(tail.len());
        let (unit, tail) = tail.split_at(unit_len);
        if !matches!(unit, "ns" | "us" | "µs" | "μs" | "ms" | "s" | "m" | "h") {
            return None;
        }
        if num.chars().any(|c| c.is_ascii_digit() && c != '0') {
            zero = false;
        }
        rest = tail;
    }
    Some(zero)
}

#[cfg(test)]
mod tests {
    use super::{go_duration_is_zero, parse_go_bool};

    #[test]
    fn durations() {
        assert_eq!(go_duration_is_zero("0"), Some(true));
        assert_eq!(go_duration_is_zero("0s"), Some(true));
        assert_eq!(go_duration_is_zero("0h0m0.0s"), Some(true));
        assert_eq!(go_duration_is_zero("4h0m0s"), Some(false));
        assert_eq!(go_duration_is_zero("5m"), Some(false));
        assert_eq!(go_duration_is_zero("0.5s"), Some(false));
        assert_eq!(go_duration_is_zero("10"), None);
        assert_eq!(go_duration_is_zero(""), None);
        assert_eq!(go_duration_is_zero("1x"), None);
    }

    #[test]
    fn bools() {
        assert_eq!(parse_go_bool("T"), Some(true));
        assert_eq!(parse_go_bool("False"), Some(false));
        assert_eq!(parse_go_bool("yes"), None);
    }
}
