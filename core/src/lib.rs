//! kubeward core: a static security linter for Kubernetes manifests and RBAC.
//!
//! Data flows one way: **bytes → documents (spanned trees) → objects (typed) → findings → report
//! → rendering**.
//!
//! | module | what it does |
//! |---|---|
//! | [`source`] | bytes → spanned YAML/JSON documents, read exactly as the API server reads them |
//! | [`model`] | object identity, field paths, typed decoding (k8s-openapi), pod templates of every workload kind |
//! | [`pss`] | the Pod Security Standards evaluator, every check and version, as Pod Security Admission |
//! | [`rules`] | one file per rule, the registry, the rule context |
//! | [`lint`] | the engine: one file → findings; every file → a report |
//! | [`corpus`] | the corpus stage: rules over every file at once (namespaces, RBAC), then the report |
//! | [`report`] | the report and its renderers (human, JSON, SARIF, GitHub); findings spilled to a store the caller gives, read back one file at a time |
//! | [`config`], [`suppress`] | `.kubeward.yaml` and the `ignore.kubeward.dev/<rule>` annotation |
//!
//! The core does no I/O of its own (no filesystem, process or network: a spill writes to the
//! store its caller opened), so it builds for wasm32.
//!
//! ```no_run
//! let opts = kubeward::lint::LintOptions::default();
//! let yaml = b"apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  hostPID: yes\n  containers: [{name: app, image: nginx}]\n";
//! let report = kubeward::lint::lint_all([("pod.yaml", &yaml[..])], &opts);
//! assert_eq!(report.findings[0].diagnostic.rule, "pss-host-namespaces");
//! print!("{}", kubeward::report::json::render(&report));
//! ```
#![forbid(unsafe_code)]

pub mod config;
pub mod corpus;
pub mod diagnostic;
pub mod lint;
pub mod model;
pub mod pss;
pub mod rbac;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppress;
