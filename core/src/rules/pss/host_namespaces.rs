use crate::declare_rule;
use crate::diagnostic::{PssRef, Severity};
use crate::rules::{Category, Check, Ctx, PodCtx};

declare_rule! {
    /// Pod shares the host's network, PID or IPC namespace
    ///
    /// ## What it finds
    /// A pod template with `hostNetwork`, `hostPID` or `hostIPC` set to true.
    ///
    /// ## Why it matters
    /// `hostPID` shows every process on the node (and their environment and files through
    /// `/proc`), `hostIPC` shares the node's shared memory, and `hostNetwork` puts the pod on the
    /// node's interfaces, where it can reach services bound to localhost (the kubelet, etcd on a
    /// control-plane node) and sniff traffic. Each is a step towards the node.
    ///
    /// ## How to fix
    /// Remove the field or set it to false.
    ///
    /// ## Example
    /// ```yaml fail
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: {name: web}
    /// spec:
    ///   selector: {matchLabels: {app: web}}
    ///   template:
    ///     metadata: {labels: {app: web}}
    ///     spec:
    ///       hostPID: true
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    /// ```
    /// ```yaml pass
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: {name: web}
    /// spec:
    ///   selector: {matchLabels: {app: web}}
    ///   template:
    ///     metadata: {labels: {app: web}}
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx:1.27
    /// ```
    ///
    /// ## References
    /// - Pod Security Standards, baseline, "Host Namespaces"
    /// - CIS Kubernetes Benchmark 5.2.3, 5.2.4, 5.2.5
    pub RULE = { id: "pss-host-namespaces", category: Category::Pss, severity: Severity::Error,
        pss: Some(PssRef::baseline("hostNamespaces")), check: Check::PodSpec(check),
        help: "remove the field or set it to false",
        equivalents: &[("kube-linter", "host-network / host-pid / host-ipc"), ("checkov", "CKV_K8S_17, CKV_K8S_18, CKV_K8S_19"),
            ("trivy", "KSV008, KSV009, KSV010"), ("polaris", "hostNetworkSet, hostPIDSet, hostIPCSet")] }
}

fn check(ctx: &mut Ctx<'_>, pod: &PodCtx<'_>) {
    super::run(ctx, pod, "hostNamespaces");
}
