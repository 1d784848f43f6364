//! The typed model: object identity, field paths, pod templates of every workload kind.

mod field_path;
mod object;

pub use field_path::{FieldPath, Segment};
pub use object::ObjectRef;
