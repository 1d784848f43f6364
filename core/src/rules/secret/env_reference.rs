use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, ContainerCtx, Ctx};

declare_rule! {
    /// Secret is exposed to a container through environment variables
    ///
    /// ## What it finds
    /// A container that reads a Secret into its environment: an `env` entry with
    /// `valueFrom.secretKeyRef`, or an `envFrom` entry with `secretRef` (every key of the Secret).
    ///
    /// ## Why it matters
    /// Environment variables leak more easily than files: applications and crash handlers log
    /// their environment, child processes inherit it, it shows in `/proc/<pid>/environ` to
    /// anyone sharing the process namespace, and it cannot be updated without a restart. A
    /// mounted Secret is a file with its own permissions and is refreshed in place. This is a
    /// defence-in-depth recommendation (CIS 5.4.1 is a manual, level 2 control), so it is
    /// reported as info, like Checkov's CKV_K8S_35 (low) and kube-linter's opt-in check.
    ///
    /// ## How to fix
    /// Mount the Secret as a volume (`volumes[].secret` plus a `volumeMount`, ideally
    /// `readOnly: true`) and have the application read the file (many accept a `…_FILE`
    /// variable naming it).
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
    ///       valueFrom:
    ///         secretKeyRef: {name: db, key: password}
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
    ///     volumeMounts:
    ///     - {name: db, mountPath: /run/secrets/db, readOnly: true}
    ///   volumes:
    ///   - name: db
    ///     secret: {secretName: db}
    /// ```
    ///
    /// ## References
    /// - CIS Kubernetes Benchmark 5.4.1: "Prefer using secrets as files over secrets as environment variables"
    /// - NSA/CISA Kubernetes Hardening Guide: "Secrets"
    pub RULE = { id: "secret-env-reference", category: Category::Secret, severity: Severity::Info,
        check: Check::Container(check),
        help: "mount the Secret as a read-only volume and read the value from the file",
        equivalents: &[("kube-linter", "read-secret-from-env-var"), ("checkov", "CKV_K8S_35")] }
}

fn check(ctx: &mut Ctx<'_>, c: &ContainerCtx<'_>) {
    for (i, env) in c.container.env.iter().flatten().enumerate() {
        if let Some(r) = env.value_from.as_ref().and_then(|v| v.secret_key_ref.as_ref()) {
            ctx.report(
                format!("env[{i}].valueFrom.secretKeyRef"),
                format_args!(
                    "env var {:?} of container {:?} is set from secret {:?}",
                    env.name,
                    c.name(),
                    r.name
                ),
            );
        }
    }
    for (i, from) in c.container.env_from.iter().flatten().enumerate() {
        if let Some(r) = from.secret_ref.as_ref() {
            ctx.report(
                format!("envFrom[{i}].secretRef"),
                format_args!(
                    "container {:?} loads every key of secret {:?} into its environment",
                    c.name(),
                    r.name
                ),
            );
        }
    }
}
