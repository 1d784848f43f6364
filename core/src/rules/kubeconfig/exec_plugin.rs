use super::{KINDS, named, text};
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Ctx, ObjectCtx};

declare_rule! {
    /// Kubeconfig runs a command to get credentials
    ///
    /// ## What it finds
    /// A kubeconfig user with an `exec` credential plugin; the finding names the command.
    ///
    /// ## Why it matters
    /// kubectl and every client-go program run that command, with the user's privileges, each
    /// time they need a token. That is the recommended way to get short-lived credentials, but a
    /// kubeconfig from someone else is a program to run: check that the command is one you
    /// expect (`aws`, `gke-gcloud-auth-plugin`, `kubelogin`, …) and found where you expect.
    ///
    /// ## How to fix
    /// Nothing, when the command is the expected plugin; otherwise remove the `exec` section.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: v1
    /// kind: Config
    /// users:
    /// - name: dev
    ///   user:
    ///     exec:
    ///       apiVersion: client.authentication.k8s.io/v1
    ///       command: aws
    ///       args: [eks, get-token, --cluster-name, dev]
    /// ```
    /// ```yaml pass
    /// apiVersion: v1
    /// kind: Config
    /// users:
    /// - name: dev
    ///   user:
    ///     client-certificate: /home/dev/.kube/dev.crt
    ///     client-key: /home/dev/.kube/dev.key
    /// ```
    ///
    /// ## References
    /// - client-go credential plugins <https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins>
    pub RULE = { id: "kubeconfig-exec-plugin", category: Category::Kubeconfig,
        severity: Severity::Info, check: Check::Object { kinds: KINDS, run: check },
        help: "check that the command is the credential plugin you expect" }
}

fn check(ctx: &mut Ctx<'_>, o: &ObjectCtx<'_>) {
    for u in named(o, "users", "user") {
        let Some(exec) = u.node.get("exec").filter(|e| e.is_map()) else { continue };
        let command = text(exec, "command").unwrap_or("");
        ctx.report(
            u.path.key("exec").key("command"),
            format_args!("user {:?} runs the command {command:?} to get credentials", u.name),
        );
    }
}
