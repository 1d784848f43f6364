//! Rules: one file per rule, one folder per category, metadata and docs beside the logic.
//!
//! A rule is declared with [`declare_rule!`](crate::declare_rule): its doc comment is its documentation (first line =
//! summary, then `## What it finds`, `## Why it matters`, `## How to fix`, `## Example` with a
//! ```` ```yaml fail ```` and a ```` ```yaml pass ```` block, `## References`). The [`Check`] says
//! what the rule looks at; the engine indexes objects once and dispatches. `build.rs` generates
//! the registry from the files, so a rule is one file plus one `pub mod` line.

pub mod component;
pub mod context;
pub mod docs;
pub mod registry;

pub mod apiserver;
pub mod audit;
pub mod cluster;
pub mod container;
pub mod controllermanager;
pub mod encryption;
pub mod etcd;
pub mod file;
pub mod image;
pub mod kubeconfig;
pub mod kubelet;
pub mod manifest;
pub mod network;
pub mod pss;
pub mod quota;
pub mod rbac;
pub mod scheduler;
pub mod secret;
pub mod serviceaccount;
pub mod suppression;
pub mod workload;
pub mod yaml;

pub use context::{ContainerCtx, Ctx, ObjectCtx, PodCtx};

use crate::diagnostic::{PssRef, Severity};

/// Rule families; an id starts with its category's prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Reading the file itself (encoding, size, templates).
    File,
    /// YAML structure (syntax, duplicates, limits).
    Yaml,
    /// Kubernetes object validity (unknown fields, wrong types).
    Manifest,
    /// Pod Security Standards.
    Pss,
    /// Suppression hygiene.
    Suppression,
    /// Container hardening beyond PSS (read-only root, resources, probes, capabilities).
    Container,
    /// Image references (tags, digests, pull policy).
    Image,
    /// Secrets in plain values and how secrets reach containers.
    Secret,
    /// ServiceAccount use and token mounting.
    Serviceaccount,
    /// Pod-level placement and sharing (namespace, nodeName, hostAliases, process namespace).
    Workload,
    /// RBAC: escalation paths, wildcards, risky bindings (the permission graph).
    Rbac,
    /// kube-apiserver flags (static pods, kubeadm ClusterConfiguration).
    Apiserver,
    /// etcd flags (static pods, kubeadm ClusterConfiguration).
    Etcd,
    /// kube-controller-manager flags.
    Controllermanager,
    /// kube-scheduler flags.
    Scheduler,
    /// KubeletConfiguration and kubelet flags.
    Kubelet,
    /// EncryptionConfiguration (secrets at rest).
    Encryption,
    /// Audit Policy.
    Audit,
    /// kubeconfig files (TLS, credentials).
    Kubeconfig,
    /// NetworkPolicy coverage.
    Network,
    /// ResourceQuota and LimitRange coverage.
    Quota,
    /// Cluster-wide layout (third-party workloads in kube-system).
    Cluster,
}

impl Category {
    /// The id prefix and folder name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::File => "file",
            Self::Yaml => "yaml",
            Self::Manifest => "manifest",
            Self::Pss => "pss",
            Self::Suppression => "suppression",
            Self::Container => "container",
            Self::Image => "image",
            Self::Secret => "secret",
            Self::Serviceaccount => "serviceaccount",
            Self::Workload => "workload",
            Self::Rbac => "rbac",
            Self::Apiserver => "apiserver",
            Self::Etcd => "etcd",
            Self::Controllermanager => "controllermanager",
            Self::Scheduler => "scheduler",
            Self::Kubelet => "kubelet",
            Self::Encryption => "encryption",
            Self::Audit => "audit",
            Self::Kubeconfig => "kubeconfig",
            Self::Network => "network",
            Self::Quota => "quota",
            Self::Cluster => "cluster",
        }
    }
}

/// Lifecycle: preview rules are off unless enabled in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Stable,
    Preview,
}

/// What a rule looks at. The engine walks each object once and calls every rule whose check
/// matches; rules never loop over kinds or containers themselves.
#[derive(Clone, Copy)]
pub enum Check {
    /// Findings made by the reader or the engine itself (syntax, decoding, suppression).
    Engine,
    /// Every object whose kind is in the list (every object when the list is empty).
    Object { kinds: &'static [&'static str], run: fn(&mut Ctx<'_>, &ObjectCtx<'_>) },
    /// Every pod template of every workload kind (Pod, Deployment, CronJob, …).
    PodSpec(fn(&mut Ctx<'_>, &PodCtx<'_>)),
    /// Every container of every pod template: init, regular and ephemeral.
    Container(fn(&mut Ctx<'_>, &ContainerCtx<'_>)),
    /// Once per run, over the objects of every file (see [`crate::corpus`] for how to write one):
    /// per-file linting keeps the objects of `kinds` (and every workload when `workloads`).
    Corpus {
        kinds: &'static [&'static str],
        workloads: bool,
        run: fn(&mut crate::corpus::CorpusCtx<'_>),
    },
    /// Every control-plane component of this kind: a container whose command starts with its
    /// binary, or a kubeadm `ClusterConfiguration` section (see [`component`]).
    Component { component: component::Component, run: fn(&mut Ctx<'_>, &component::FlagsCtx<'_>) },
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Engine => "Engine",
            Self::Object { .. } => "Object",
            Self::PodSpec(_) => "PodSpec",
            Self::Container(_) => "Container",
            Self::Corpus { .. } => "Corpus",
            Self::Component { .. } => "Component",
        })
    }
}

/// A rule's metadata, docs and check, in one value.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// The doc comment: summary line, then the sections.
    pub docs: &'static str,
    pub pss: Option<PssRef>,
    /// External references (PSS, CIS, NSA/CISA) as `title <url>` or plain text.
    pub references: &'static [&'static str],
    /// Equivalent checks in other tools: `(tool, id)`.
    pub equivalents: &'static [(&'static str, &'static str)],
    pub since: &'static str,
    pub status: Status,
    pub check: Check,
    /// How to fix, shown with every finding (a finding may override it).
    pub help: &'static str,
    pub file: &'static str,
    pub line: u32,
}

impl Rule {
    /// Defaults for the optional fields of [`declare_rule!`](crate::declare_rule).
    pub const DEFAULT: Self = Self {
        id: "",
        category: Category::Manifest,
        severity: Severity::Warning,
        docs: "",
        pss: None,
        references: &[],
        equivalents: &[],
        since: "0.1.0",
        status: Status::Stable,
        check: Check::Engine,
        help: "",
        file: "",
        line: 0,
    };

    /// The first line of the docs.
    #[must_use]
    pub fn summary(&self) -> &'static str {
        self.docs.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
    }

    /// The documentation URL of this rule.
    #[must_use]
    pub fn url(&self) -> String {
        rule_url(self.id)
    }
}

/// Where a rule's documentation is published.
#[must_use]
pub fn rule_url(id: &str) -> String {
    format!("https://kubeward.dev/rules/{id}")
}

/// Declares a rule's `pub static RULE`. The doc comment becomes the docs; `file` and `line` are filled in.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub RULE = { $($field:ident : $val:expr),* $(,)? }
    ) => {
        $(#[doc = $doc])*
        pub static RULE: $crate::rules::Rule = $crate::rules::Rule {
            docs: concat!($($doc, "\n"),*),
            $($field: $val,)*
            file: file!(),
            line: line!(),
            ..$crate::rules::Rule::DEFAULT
        };
    };
}
