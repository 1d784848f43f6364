//! What a rule sees, and the one way it reports: [`Ctx::report`].

use super::Rule;
use crate::diagnostic::{Diagnostic, Label};
use crate::lint::LintOptions;
use crate::model::{FieldPath, ObjectRef, PodTemplate, Typed};
use crate::pss::{PodInput, PreparedPod};
use crate::source::NodeRef;
use k8s_openapi::api::core::v1::{Container, PodSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::fmt::Display;

/// Anything that names a field: a [`FieldPath`], or a dotted string (`securityContext.privileged`).
pub trait IntoPath {
    /// The path.
    fn into_path(self) -> FieldPath;
}

impl IntoPath for FieldPath {
    fn into_path(self) -> FieldPath {
        self
    }
}

impl IntoPath for &FieldPath {
    fn into_path(self) -> FieldPath {
        self.clone()
    }
}

/// A path built at run time (`format!("env[{i}].value")`).
impl IntoPath for String {
    fn into_path(self) -> FieldPath {
        FieldPath::parse(&self).unwrap_or_else(|| FieldPath::root().key(self))
    }
}

/// A path written in the code: its keys are borrowed.
impl IntoPath for &'static str {
    fn into_path(self) -> FieldPath {
        FieldPath::parse_static(self).unwrap_or_else(|| FieldPath::root().key(self))
    }
}

/// The reporting context of one rule on one object.
pub struct Ctx<'a> {
    pub(crate) rule: &'static Rule,
    /// The object's root node.
    pub(crate) root: NodeRef<'a>,
    /// Prefix of the rule's relative paths, from the object root.
    pub(crate) prefix: &'a FieldPath,
    pub(crate) object: &'a std::sync::Arc<ObjectRef>,
    pub options: &'a LintOptions,
    pub(crate) out: &'a mut Vec<Diagnostic>,
}

/// A finding being built: add help or labels.
pub struct Reported<'d> {
    diag: &'d mut Diagnostic,
    root: NodeRef<'d>,
    prefix: &'d FieldPath,
}

impl Reported<'_> {
    /// How to fix this finding (replaces the rule's default help).
    pub fn help(self, help: impl Display) -> Self {
        self.diag.help = Some(Cow::Owned(help.to_string()));
        self
    }

    /// The severity of this finding, when it is below the rule's (a config override still
    /// applies to it). Never above: a rule below `--min-severity` is not run at all
    /// (`lint::runs`), so its severity must bound its findings'.
    pub fn severity(self, severity: crate::diagnostic::Severity) -> Self {
        debug_assert!(severity <= self.diag.severity, "a finding above its rule's severity");
        self.diag.severity = severity.min(self.diag.severity);
        self
    }

    /// Points at another place in the same object.
    pub fn label(self, path: impl IntoPath, message: impl Display) -> Self {
        let (span, _) = self.root.locate(&self.prefix.join(&path.into_path()));
        self.diag.labels.push(Label { file: None, span, message: message.to_string() });
        self
    }
}

impl<'a> Ctx<'a> {
    /// Reports a finding on `path` (relative to what the rule looks at: the object, the pod
    /// template, or the container). The span is where the value was written, or, for a missing
    /// field, the nearest written parent.
    pub fn report(&mut self, path: impl IntoPath, message: impl Display) -> Reported<'_> {
        let full = self.prefix.join(&path.into_path());
        let (span, _) = self.root.locate(&full);
        let rule = self.rule;
        self.out.push(Diagnostic {
            rule: rule.id,
            severity: rule.severity,
            message: message.to_string(),
            help: (!rule.help.is_empty()).then_some(Cow::Borrowed(rule.help)),
            span,
            labels: Vec::new(),
            field: Some(full.render()).filter(|s| !s.is_empty()),
            object: Some(std::sync::Arc::clone(self.object)),
            pss: rule.pss,
            suppressed: None,
        });
        let len = self.out.len();
        let diag = &mut self.out[len - 1];
        Reported { diag, root: self.root, prefix: self.prefix }
    }

    /// The object being linted.
    #[must_use]
    pub fn object(&self) -> &ObjectRef {
        self.object
    }
}

/// An object, for [`super::Check::Object`] rules.
pub struct ObjectCtx<'a> {
    pub root: NodeRef<'a>,
    pub object: &'a ObjectRef,
    /// The typed object, when the kind is known and decoded.
    pub typed: Option<&'a Typed>,
    /// Where the object's pod templates are (built-in workloads and custom resources alike);
    /// empty for objects that run no pods.
    pub pod_templates: &'a [FieldPath],
    /// The identities of the documents of the same file (this one included), for a
    /// KubeletConfiguration (or a list of one); empty for other objects, which are linted as
    /// their document is read, before the rest of the file (`lint::reads_siblings` says which
    /// documents wait for the whole file).
    pub file_objects: &'a [ObjectRef],
}

/// A pod template, for [`super::Check::PodSpec`] rules. Paths are relative to the template root
/// (`spec.hostPID`, `metadata.annotations`).
pub struct PodCtx<'a> {
    pub object: &'a ObjectRef,
    pub template: PodTemplate<'a>,
    /// The template prepared for the Pod Security checks, on first use.
    pss: OnceCell<PreparedPod<'a>>,
}

impl<'a> PodCtx<'a> {
    /// The context of one pod template of `object`.
    #[must_use]
    pub fn new(object: &'a ObjectRef, template: PodTemplate<'a>) -> Self {
        Self { object, template, pss: OnceCell::new() }
    }

    /// The template prepared for the Pod Security checks (its containers listed once for all
    /// of them).
    pub fn pss(&self) -> &PreparedPod<'a> {
        self.pss.get_or_init(|| {
            PreparedPod::new(&PodInput { metadata: self.metadata(), spec: self.spec() })
        })
    }

    /// The pod spec.
    #[must_use]
    pub fn spec(&self) -> &'a PodSpec {
        self.template.spec
    }

    /// The template's metadata (annotations of the pods).
    #[must_use]
    pub fn metadata(&self) -> Option<&'a ObjectMeta> {
        self.template.metadata
    }
}

/// Which list a container is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    Init,
    Regular,
    Ephemeral,
}

impl ContainerKind {
    /// The list's field name in a pod spec.
    #[must_use]
    pub fn field(self) -> &'static str {
        match self {
            Self::Init => "initContainers",
            Self::Regular => "containers",
            Self::Ephemeral => "ephemeralContainers",
        }
    }
}

/// One container, for [`super::Check::Container`] rules. Paths are relative to the container.
pub struct ContainerCtx<'a> {
    pub pod: &'a PodCtx<'a>,
    pub container: &'a Container,
    pub kind: ContainerKind,
    pub index: usize,
}

impl ContainerCtx<'_> {
    /// The container's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.container.name
    }

    /// Path of this container from the template root (`spec.containers[0]`).
    #[must_use]
    pub fn path(&self) -> FieldPath {
        FieldPath::root().key("spec").key(self.kind.field()).index(self.index)
    }
}
