//! The typed model: object identity, field paths, typed decoding, pod templates of every workload kind.

mod field_path;
pub mod flags;
mod object;
pub mod pod_template;
pub mod typed;

pub use field_path::{FieldPath, Segment};
pub use object::{ObjectRef, Origin};
pub use pod_template::PodTemplate;
pub use typed::Typed;
