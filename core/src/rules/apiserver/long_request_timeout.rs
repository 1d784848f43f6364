use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::component::{Component, FlagsCtx};
use crate::rules::{Category, Check, Ctx};

declare_rule! {
    /// API server request timeout is disabled or very long
    ///
    /// ## What it finds
    /// `--request-timeout` of 0 or longer than 5 minutes (the default is 60s). Watches and
    /// other long-running requests are not affected by it.
    ///
    /// ## Why it matters
    /// Every open request holds memory and a slot of the server's concurrency limit; a long
    /// timeout lets slow or malicious clients tie the API server up.
    ///
    /// ## How to fix
    /// Remove the flag or set a value of a few minutes at most, such as `--request-timeout=300s`.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --request-timeout=2h]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Pod
    /// metadata: {name: kube-apiserver, namespace: kube-system}
    /// spec:
    ///   containers:
    ///   - name: kube-apiserver
    ///     image: registry.k8s.io/kube-apiserver:v1.31.0
    ///     command: [kube-apiserver, --request-timeout=300s]
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark v1.9 1.2.20
    pub RULE = { id: "apiserver-long-request-timeout", category: Category::Apiserver, severity: Severity::Info,
        check: Check::Component { component: Component::ApiServer, run: check },
        help: "remove --request-timeout or set it to 300s or less",
        equivalents: &[("kube-bench", "1.2.20"), ("checkov", "CKV_K8S_95")] }
}

/// A Go duration (`1h30m`, `90s`, `1.5h`, `0`) in seconds.
fn seconds(v: &str) -> Option<f64> {
    if v == "0" {
        return Some(0.0);
    }
    let mut total = 0.0;
    let mut rest = v;
    while !rest.is_empty() {
        let n = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let (num, tail) = rest.split_at(n);
        let num: f64 = num.parse().ok()?;
        let unit_len = tail.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(tail.len());
        let (unit, tail) = tail.split_at(unit_len);
        let scale = match unit {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            "us" | "µs" => 1e-6,
            "ns" => 1e-9,
            _ => return None,
        };
        total += num * scale;
        rest = tail;
    }
    Some(total)
}

fn check(ctx: &mut Ctx<'_>, f: &FlagsCtx<'_>) {
    let Some(flag) = f.get("request-timeout") else { return };
    match seconds(flag.text()) {
        Some(s) if s <= 0.0 => {
            f.report(
                ctx,
                Some(flag),
                format_args!(
                    "{} never times out requests (--request-timeout={})",
                    f.who(),
                    flag.text()
                ),
            );
        }
        Some(s) if s > 300.0 => {
            f.report(
                ctx,
                Some(flag),
                format_args!(
                    "{} lets requests run for {} (--request-timeout)",
                    f.who(),
                    flag.text()
                ),
            );
        }
        _ => {}
    }
}
