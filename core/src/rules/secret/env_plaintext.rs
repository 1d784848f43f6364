use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Container env var holds a secret as a plaintext value
    ///
    /// ## What it finds
    /// An `env` entry with a literal `value` that is a secret, judged by either
    /// - its name: `PASSWORD`, `PASSWD`, `PASSPHRASE`, `SECRET`, `TOKEN`, `API_KEY`/`APIKEY`,
    ///   `PRIVATE_KEY`, `ACCESS_KEY` or `CREDENTIAL` in it (any case), unless the name says
    ///   the value is about the secret rather than the secret (`…_FILE`, `…_PATH`, `…_URL`,
    ///   `…_NAME`, `…_ID`, `…_TTL`, `…_ENABLED`, …); or
    /// - its value, whatever the name: a PEM private key, an AWS access key id (`AKIA…`,
    ///   `ASIA…`), a GitHub token (`ghp_…`, `gho_…`, `ghs_…`, `ghu_…`, `ghr_…`,
    ///   `github_pat_…`), a Slack token (`xox…-`), a Google API key (`AIza…`), a Stripe live
    ///   key (`sk_live_…`), a JSON Web Token, or a URL with a password (`postgres://u:p@db`).
    ///
    /// Empty values, references (`$(VAR)`, `${VAR}`, `{{ … }}`), numbers, booleans, paths and
    /// placeholders (`none`, `null`, `<Client Secret>`, `INSERT_…`, `YOUR_…`, `xxxx`, the bare
    /// word `SECRET`) are never reported; a default such as `admin` or `changeme` is, since it
    /// is a working credential until someone changes it. The message never repeats the
    /// value.
    ///
    /// ## Why it matters
    /// A literal value lives in the manifest, so in Git history, CI logs, `kubectl get -o yaml`
    /// output and every copy of the workload object: anyone who can read the Deployment can read
    /// the credential, while Secrets can be access-controlled separately, encrypted at rest and
    /// rotated without editing the workload.
    ///
    /// ## How to fix
    /// Put the value in a Secret (or an external secret store) and mount it as a file, or at
    /// least reference it with `valueFrom.secretKeyRef`. Rotate the credential: it is already
    /// exposed.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: registry.example/app:1.4
    ///     env:
    ///     - name: DB_PASSWORD
    ///       value: s3cr3t-hunter2
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: web}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: registry.example/app:1.4
    ///     env:
    ///     - name: DB_PASSWORD_FILE
    ///       value: /run/secrets/db/password
    ///   volumes:
    ///   - name: db
    ///     secret: {secretName: db}
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.4.1 (prefer secrets as files) and 5.4.2 (external secret storage)
    /// - NSA/CISA Kubernetes Hardening Guide: "Secrets"
    /// - Kubernetes docs: "Good practices for Kubernetes Secrets"
    pub RULE = { id: "secret-env-plaintext", category: Category::Secret, severity: Severity::Warning,
        check: Check::Container(check),
        help: "move the value into a Secret and mount it as a file (or use valueFrom.secretKeyRef), then rotate it",
        equivalents: &[("kube-linter", "env-var-secret")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    for (i, env) in c.container.env.iter().flatten().enumerate() {
        let Some(value) = env.value.as_deref() else { continue };
        let reason = if let Some(kind) = secret_value_kind(value) {
            format!("holds what looks like {kind}")
        } else if secret_name(&env.name) && plausible_secret_value(value) {
            "has a plaintext value, and its name says it is a secret".to_owned()
        } else {
            continue;
        };
        ctx.report(
            format!("env[{i}].value"),
            format_args!("env var {:?} of container {:?} {reason}", env.name, c.name()),
        );
    }
}

/// Words in a variable name that mark its value as a secret.
const SECRET_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "PRIVATEKEY",
    "ACCESS_KEY",
    "CREDENTIAL",
];

/// Name endings that describe a secret without being it (a file, a URL, a lifetime, a flag).
const NOT_SECRET_SUFFIXES: &[&str] = &[
    "_FILE",
    "_PATH",
    "_DIR",
    "_URL",
    "_URI",
    "_ENDPOINT",
    "_HOST",
    "_PORT",
    "_NAME",
    "_ID",
    "_TTL",
    "_TIMEOUT",
    "_EXPIRY",
    "_EXPIRATION",
    "_LIFETIME",
    "_DURATION",
    "_LENGTH",
    "_SIZE",
    "_ENABLED",
    "_ENABLE",
    "_DISABLED",
    "_REQUIRED",
    "_HEADER",
    "_TYPE",
    "_MODE",
    "_REF",
    "_FIELD",
    "_KEY_NAME",
    "_AUDIENCE",
    "_ISSUER",
    "_INTERVAL",
    "_LOCATION",
    "_VERSION",
];

fn secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase().replace(['-', '.'], "_");
    SECRET_WORDS.iter().any(|w| upper.contains(w))
        && !NOT_SECRET_SUFFIXES.iter().any(|s| upper.ends_with(s))
}

/// False for values that cannot be a secret: empty, references, numbers, booleans, paths, URLs
/// without a password, placeholders.
fn plausible_secret_value(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || v.contains("$(") || v.contains("${") || v.contains("{{") {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "none"
            | "null"
            | "nil"
            | "undefined"
            | "-"
            | "*"
    ) {
        return false;
    }
    if v.parse::<f64>().is_ok() || placeholder(v) {
        return false;
    }
    if v.starts_with('/') || v.starts_with("./") || lower.starts_with("file:") {
        return false;
    }
    if v.contains("://") && url_password(v).is_none() {
        return false;
    }
    true
}

/// A value that stands for a secret still to be filled in: `<Client Secret>`, `INSERT_TOKEN`,
/// `YOUR_API_KEY`, `xxxx`, `***`, `REDACTED`, or the bare word (`SECRET`, `password`).
fn placeholder(v: &str) -> bool {
    let upper = v.to_ascii_uppercase();
    (v.starts_with('<') && v.ends_with('>'))
        || ["INSERT", "REPLACE", "YOUR_", "YOUR-", "ENTER_", "FILL_IN", "TODO"]
            .iter()
            .any(|p| upper.starts_with(p))
        || (v.len() >= 3 && v.bytes().all(|b| matches!(b, b'x' | b'X' | b'*' | b'.')))
        || upper == "REDACTED"
        || SECRET_WORDS.contains(&upper.as_str())
}

/// What kind of credential the value looks like, whatever its variable is called.
fn secret_value_kind(value: &str) -> Option<&'static str> {
    if value.contains("-----BEGIN") && value.contains("PRIVATE KEY-----") {
        return Some("a PEM private key");
    }
    if url_password(value).is_some() {
        return Some("a URL with an embedded password");
    }
    let words = value.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')));
    for w in words {
        if let Some(kind) = token_kind(w) {
            return Some(kind);
        }
    }
    None
}

fn token_kind(w: &str) -> Option<&'static str> {
    let alnum = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    let upper_alnum = |s: &str| s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if (w.starts_with("AKIA") || w.starts_with("ASIA")) && w.len() == 20 && upper_alnum(w) {
        return Some("an AWS access key id");
    }
    for p in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] {
        if let Some(rest) = w.strip_prefix(p)
            && rest.len() >= 36
            && alnum(rest)
        {
            return Some("a GitHub token");
        }
    }
    if let Some(rest) = w.strip_prefix("github_pat_")
        && rest.len() >= 22
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return Some("a GitHub token");
    }
    if w.len() >= 15
        && w.starts_with("xox")
        && matches!(w.as_bytes().get(3), Some(b'a' | b'b' | b'p' | b'o' | b'r' | b's'))
        && w.as_bytes().get(4) == Some(&b'-')
        && w[5..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Some("a Slack token");
    }
    if let Some(rest) = w.strip_prefix("AIza")
        && rest.len() == 35
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Some("a Google API key");
    }
    if let Some(rest) = w.strip_prefix("sk_live_")
        && rest.len() >= 24
        && alnum(rest)
    {
        return Some("a Stripe secret key");
    }
    if is_jwt(w) {
        return Some("a JSON Web Token");
    }
    None
}

/// `header.payload.signature`, base64url, header and payload JSON objects (`eyJ` = `{"`).
fn is_jwt(w: &str) -> bool {
    let parts: Vec<&str> = w.split('.').collect();
    let b64url = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    parts.len() == 3
        && parts[0].starts_with("eyJ")
        && parts[1].starts_with("eyJ")
        && parts[0].len() >= 10
        && parts[1].len() >= 10
        && parts[2].len() >= 16
        && parts.iter().all(|p| b64url(p))
}

/// The password of a `scheme://user:password@host` URL, when one is written (not a reference).
fn url_password(value: &str) -> Option<&str> {
    let (_, rest) = value.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let (userinfo, _) = authority.rsplit_once('@')?;
    let (_, password) = userinfo.split_once(':')?;
    (!password.is_empty() && !password.contains("$(") && !password.contains("${"))
        .then_some(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in
            ["DB_PASSWORD", "api_key", "GITHUB_TOKEN", "client-secret", "AWS_SECRET_ACCESS_KEY"]
        {
            assert!(secret_name(n), "{n}");
        }
        for n in [
            "PASSWORD_FILE",
            "TOKEN_URL",
            "SECRET_NAME",
            "AWS_ACCESS_KEY_ID",
            "LOG_LEVEL",
            "TOKEN_TTL",
        ] {
            assert!(!secret_name(n), "{n}");
        }
    }

    #[test]
    fn values() {
        for v in [
            "",
            "$(DB_PASS)",
            "${DB_PASS}",
            "true",
            "3600",
            "/etc/secret",
            "https://vault:8200",
            "none",
        ] {
            assert!(!plausible_secret_value(v), "{v:?}");
        }
        assert!(plausible_secret_value("hunter2"));
        assert!(plausible_secret_value("postgres://app:pw@db/app"));
        assert_eq!(secret_value_kind("AKIAIOSFODNN7EXAMPLE"), Some("an AWS access key id"));
        assert_eq!(secret_value_kind("AKIAIOSFODNN7EXAMPL"), None);
        assert_eq!(secret_value_kind(&format!("ghp_{}", "a".repeat(36))), Some("a GitHub token"));
        assert_eq!(secret_value_kind("xoxb-1234567890-abcdef"), Some("a Slack token"));
        assert_eq!(
            secret_value_kind(
                "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
            ),
            Some("a JSON Web Token")
        );
        assert_eq!(secret_value_kind("-----BEGIN CERTIFICATE-----"), None);
        assert_eq!(
            secret_value_kind("-----BEGIN RSA PRIVATE KEY-----\nMII"),
            Some("a PEM private key")
        );
        assert_eq!(secret_value_kind("redis://:$(REDIS_PASSWORD)@redis:6379"), None);
        assert_eq!(secret_value_kind("redis://user@redis:6379"), None);
        assert_eq!(secret_value_kind("plain text"), None);
    }
}
