//! The RBAC engine: an exact authorizer, the built-in bootstrap policy, the permission graph of
//! escalation techniques, shortest escalation paths, queries and renderers. Pure: no I/O.
//!
//! | module | what it does |
//! |---|---|
//! | [`subject`] | subjects (User, Group, ServiceAccount) and request identities |
//! | [`rule`] | policy rules, requests, Kubernetes' `RuleAllows` |
//! | [`input`] | [`RbacInput`]: the typed objects and workload facts to analyse |
//! | [`bootstrap`] | the default roles and bindings an API server creates (embedded) |
//! | [`authorizer`] | [`Authorizer`]: `allows`, `rules_for`, `who_can`, aggregation, indexes |
//! | [`graph`] | [`PermissionGraph`]: subjects and targets as nodes, techniques as edges |
//! | [`technique`] | one file per escalation technique, with its docs |
//! | [`paths`] | shortest paths from subjects to targets |
//! | [`render`] | paths as text, JSON, Graphviz dot and Mermaid |
//! | [`query`] | `can-i`, `can-i --list`, `who-can` with kubectl's resource syntax |
//!
//! ```no_run
//! use kubeward::rbac::{self, K8sVersion, PathOptions, RbacInput};
//! let input = RbacInput::with_builtin(K8sVersion::LATEST);
//! // … add the roles, bindings, ServiceAccounts, Namespaces and workloads of the manifests …
//! let analysis = rbac::analyze(&input, &PathOptions::default());
//! print!("{}", rbac::render::json(&analysis.paths));
//! ```

pub mod aggregation;
pub mod authorizer;
pub mod bootstrap;
pub(crate) mod facts;
pub mod graph;
pub mod ingest;
pub mod input;
pub mod paths;
pub(crate) mod perms;
pub mod query;
pub mod render;
pub mod rule;
pub mod subject;
pub mod technique;

pub use aggregation::Widening;
pub use authorizer::{Authorizer, Dangling, EffectiveRule, Grant, RuleGrant};
pub use graph::{NodeKey, PermissionGraph, Target};
pub use input::{K8sVersion, RbacInput, RoleKind, WorkloadFacts};
pub use paths::{Path, PathOptions, Step};
pub use rule::{Request, Requested, Rule};
pub use subject::{SubjectRef, UserInfo};
pub use technique::Technique;

use crate::model::{FieldPath, Origin};
use std::sync::Arc;

/// Why an edge exists: an object (binding, role, workload, ServiceAccount, Namespace), the field
/// inside it (`rules[2]`, `subjects[0]`) and a note.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Evidence {
    pub origin: Arc<Origin>,
    pub field: Option<FieldPath>,
    pub note: Option<String>,
}

impl Evidence {
    /// Evidence for a whole object.
    #[must_use]
    pub fn object(origin: &Arc<Origin>) -> Self {
        Self { origin: origin.clone(), field: None, note: None }
    }
}

/// The authorizer, the permission graph and the escalation paths of one input.
#[derive(Debug)]
pub struct Analysis {
    pub authorizer: Authorizer,
    pub graph: PermissionGraph,
    pub paths: Vec<Path>,
}

/// Builds the authorizer and the graph, and finds the escalation paths `options` asks for.
/// This is what `rbac paths` and the lint rules call.
#[must_use]
pub fn analyze(input: &RbacInput, options: &PathOptions) -> Analysis {
    analyze_owned(input.clone(), options)
}

/// [`analyze`], taking the input: no copy of it is made.
#[must_use]
pub fn analyze_owned(input: RbacInput, options: &PathOptions) -> Analysis {
    let authorizer = Authorizer::from_input(input);
    let graph = PermissionGraph::build(&authorizer);
    let paths = paths::find(&graph, options);
    Analysis { authorizer, graph, paths }
}
