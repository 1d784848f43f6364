//! A serde `Deserializer` over the spanned tree, as strict as the API server's decoding.
//!
//! The API server turns YAML into JSON (`YAMLToJSON`) and then decodes the JSON into Go
//! structs, so the rules are JSON's, applied to the values go-yaml v2 resolved:
//! - a boolean or a number is never a string (`value: 8080` in an env var is an error), and a
//!   string is never a number or a boolean (`privileged: "true"` is an error);
//! - an integral float is an integer (`replicas: 1.0` re-encodes as the JSON number `1`);
//! - `null` is `None` for an `Option`, and otherwise the zero value, as Go's `encoding/json`
//!   leaves a field untouched on `null` (`args: [a, ~]` is `["a", ""]`);
//! - unknown fields are not errors: they are collected as [`IgnoredField`]s (a type skips an
//!   unknown field through `deserialize_ignored_any`), each with the span of its key, for a
//!   rule to report.
//!
//! Every error carries the span of the innermost node where it arose: a wrong type at the
//! value, a `missing field` at the mapping that lacks it. Recursion follows the tree, whose
//! depth the reader caps (`Limits::max_depth`).

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

use super::{Entry, NodeId, NodeRef, Span, Value};
use crate::model::{FieldPath, Segment};

/// A typed decode failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError {
    /// serde's message (`invalid type: integer `8080`, expected a string`).
    pub message: String,
    /// The innermost node where the error arose.
    pub span: Span,
    /// The path of that node from the decoded root.
    pub path: FieldPath,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.segments().is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DeError {}

/// A field the typed decode did not know (a misspelt `securityContex`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredField {
    /// Path of the unknown key, from the decoded root.
    pub path: FieldPath,
    /// Where the unknown key is written.
    pub span: Span,
}

/// Decodes `node` into `T` with the API server's strictness, and lists the fields `T` ignored.
///
/// # Errors
/// A [`DeError`] located at the innermost node where decoding failed.
pub fn from_node<T: DeserializeOwned>(
    node: NodeRef<'_>,
) -> Result<(T, Vec<IgnoredField>), DeError> {
    let ignored = RefCell::new(Vec::new());
    let result = T::deserialize(NodeDe { node, path: Path::Root, ignored: &ignored });
    match result {
        Ok(value) => Ok((value, ignored.into_inner())),
        Err(e) => {
            let (span, path) = e.at.unwrap_or_else(|| (node.span(), FieldPath::root()));
            Err(DeError { message: e.message, span, path })
        }
    }
}

/// The error type inside the deserializer: the location is filled in by the innermost node.
#[derive(Debug)]
struct Error {
    message: String,
    at: Option<(Span, FieldPath)>,
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self { message: msg.to_string(), at: None }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The path to the node being decoded, borrowed from the callers' frames (built into a
/// [`FieldPath`] only when an error or an ignored field needs it). A key step holds its entry,
/// for the span of the key.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p Entry),
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    fn to_field_path(self) -> FieldPath {
        let mut segments = Vec::new();
        let mut cur = self;
        loop {
            cur = match cur {
                Path::Root => break,
                Path::Key(parent, entry) => {
                    segments.push(Segment::Key(entry.key.to_string().into()));
                    *parent
                }
                Path::Index(parent, i) => {
                    segments.push(Segment::Index(i));
                    *parent
                }
            };
        }
        segments.reverse();
        FieldPath(segments)
    }
}

/// An integral float as an integer, as JSON re-encoding makes it (`1.0` is written `1`).
fn integral(f: f64) -> Option<i64> {
    #[expect(clippy::cast_precision_loss, reason = "2^63 is exact as a float")]
    let limit = i64::MAX as f64;
    #[expect(clippy::cast_possible_truncation, reason = "checked integral and within i64")]
    (f.fract() == 0.0 && (-limit..limit).contains(&f)).then_some(f as i64)
}

struct NodeDe<'a, 'p> {
    node: NodeRef<'a>,
    path: Path<'p>,
    /// The fields skipped so far, in decode order.
    ignored: &'p RefCell<Vec<IgnoredField>>,
}

impl NodeDe<'_, '_> {
    /// Gives an error that has no location yet this node's.
    fn locate<T>(&self, result: Result<T, Error>) -> Result<T, Error> {
        result.map_err(|mut e| {
            if e.at.is_none() {
                e.at = Some((self.node.span(), self.path.to_field_path()));
            }
            e
        })
    }

    fn seq<'de, V: Visitor<'de>>(&self, items: &[NodeId], visitor: V) -> Result<V::Value, Error> {
        let mut access = SeqAcc {
            node: self.node,
            items: items.iter().enumerate(),
            path: self.path,
            ignored: self.ignored,
        };
        let value = visitor.visit_seq(&mut access)?;
        let rest = access.items.len();
        if rest > 0 {
            return Err(de::Error::invalid_length(
                items.len(),
                &format!("{} items", items.len() - rest).as_str(),
            ));
        }
        Ok(value)
    }

    fn map<'de, V: Visitor<'de>>(&self, entries: &[Entry], visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(MapAcc {
            node: self.node,
            entries: entries.iter(),
            current: None,
            path: self.path,
            ignored: self.ignored,
        })
    }

    fn any<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.node.value() {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => match integral(*f) {
                Some(i) => visitor.visit_i64(i),
                None => visitor.visit_f64(*f),
            },
            Value::Str(s) => visitor.visit_str(s),
            Value::Seq(items) => self.seq(items, visitor),
            Value::Map(entries) => self.map(entries, visitor),
        };
        self.locate(result)
    }
}

/// Methods where `null` gives the Go zero value and anything else goes by the node's kind.
macro_rules! null_is_zero {
    ($($method:ident => $visit:ident($zero:expr);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                if self.node.is_null() {
                    let result = visitor.$visit($zero);
                    return self.locate(result);
                }
                self.any(visitor)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for NodeDe<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.any(visitor)
    }

    null_is_zero! {
        deserialize_bool => visit_bool(false);
        deserialize_i8 => visit_i64(0);
        deserialize_i16 => visit_i64(0);
        deserialize_i32 => visit_i64(0);
        deserialize_i64 => visit_i64(0);
        deserialize_i128 => visit_i64(0);
        deserialize_u8 => visit_u64(0);
        deserialize_u16 => visit_u64(0);
        deserialize_u32 => visit_u64(0);
        deserialize_u64 => visit_u64(0);
        deserialize_u128 => visit_u64(0);
        deserialize_f32 => visit_f64(0.0);
        deserialize_f64 => visit_f64(0.0);
        deserialize_str => visit_str("");
        deserialize_string => visit_str("");
        deserialize_bytes => visit_bytes(&[]);
        deserialize_byte_buf => visit_bytes(&[]);
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            let result = visitor.visit_none();
            return self.locate(result);
        }
        let (node, path, ignored) = (self.node, self.path, self.ignored);
        let result = visitor.visit_some(self);
        NodeDe { node, path, ignored }.locate(result)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.any(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (node, path, ignored) = (self.node, self.path, self.ignored);
        let result = visitor.visit_newtype_struct(self);
        NodeDe { node, path, ignored }.locate(result)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            let result = self.seq(&[], visitor);
            return self.locate(result);
        }
        self.any(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            let result = self.map(&[], visitor);
            return self.locate(result);
        }
        self.any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let result = match self.node.value() {
            Value::Str(s) => visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(&**s)),
            Value::Map(entries) if entries.len() == 1 => match entries.first() {
                Some(entry) => visitor.visit_enum(EnumAcc {
                    node: self.node,
                    entry,
                    path: self.path,
                    ignored: self.ignored,
                }),
                None => return self.any(visitor),
            },
            _ => return self.any(visitor),
        };
        self.locate(result)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.any(visitor)
    }

    /// A field the type does not know: recorded, with the span of its key (of the node, when
    /// it is a sequence item or the root).
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = match self.path {
            Path::Key(_, entry) => entry.key_span,
            Path::Root | Path::Index(..) => self.node.span(),
        };
        self.ignored.borrow_mut().push(IgnoredField { path: self.path.to_field_path(), span });
        let result = visitor.visit_unit();
        self.locate(result)
    }
}

struct SeqAcc<'a, 'p> {
    node: NodeRef<'a>,
    items: std::iter::Enumerate<std::slice::Iter<'a, NodeId>>,
    path: Path<'p>,
    ignored: &'p RefCell<Vec<IgnoredField>>,
}

impl<'de> de::SeqAccess<'de> for SeqAcc<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((i, &id)) = self.items.next() else { return Ok(None) };
        let node = self.node.doc.node(id);
        seed.deserialize(NodeDe { node, path: Path::Index(&self.path, i), ignored: self.ignored })
            .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAcc<'a, 'p> {
    node: NodeRef<'a>,
    entries: std::slice::Iter<'a, Entry>,
    current: Option<&'a Entry>,
    path: Path<'p>,
    ignored: &'p RefCell<Vec<IgnoredField>>,
}

impl<'de> de::MapAccess<'de> for MapAcc<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else { return Ok(None) };
        self.current = Some(entry);
        seed.deserialize(KeyDe { key: &entry.key }).map(Some).map_err(|mut e| {
            if e.at.is_none() {
                e.at = Some((entry.key_span, Path::Key(&self.path, entry).to_field_path()));
            }
            e
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some(entry) = self.current.take() else {
            return Err(de::Error::custom("value requested before its key"));
        };
        let node = self.node.doc.node(entry.value);
        seed.deserialize(NodeDe { node, path: Path::Key(&self.path, entry), ignored: self.ignored })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A mapping key: always a string (the reader stringified it as `YAMLToJSON` does).
struct KeyDe<'a> {
    key: &'a str,
}

impl<'de> de::Deserializer<'de> for KeyDe<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.key)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(self.key))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// An externally tagged enum written as a one-entry mapping (`{Variant: value}`).
struct EnumAcc<'a, 'p> {
    node: NodeRef<'a>,
    entry: &'a Entry,
    path: Path<'p>,
    ignored: &'p RefCell<Vec<IgnoredField>>,
}

impl<'de, 'a, 'p> de::EnumAccess<'de> for EnumAcc<'a, 'p> {
    type Error = Error;
    type Variant = VariantAcc<'a, 'p>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        let variant = seed.deserialize(KeyDe { key: &self.entry.key })?;
        let value = self.node.doc.node(self.entry.value);
        Ok((
            variant,
            VariantAcc { node: value, entry: self.entry, path: self.path, ignored: self.ignored },
        ))
    }
}

struct VariantAcc<'a, 'p> {
    node: NodeRef<'a>,
    entry: &'a Entry,
    path: Path<'p>,
    ignored: &'p RefCell<Vec<IgnoredField>>,
}

impl VariantAcc<'_, '_> {
    fn de(&self) -> NodeDe<'_, '_> {
        NodeDe { node: self.node, path: Path::Key(&self.path, self.entry), ignored: self.ignored }
    }
}

impl<'de> de::VariantAccess<'de> for VariantAcc<'_, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self.de())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self.de())
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self.de(), visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self.de(), visitor)
    }
}
