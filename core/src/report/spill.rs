//! Findings kept out of memory: a run over a large repository writes each file's findings, placed
//! while the file's text is at hand, to a [`Spill`] (the CLI gives it a temporary file), and the
//! report reads them back one file at a time. What a run holds for its findings is then bounded
//! by the file with the most findings, not by the whole input.
//!
//! The encoding is private to one run: a finding is written and read by the same build of
//! kubeward, so it carries no version and no schema.

use super::{Place, Placed};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::model::ObjectRef;
use crate::rules::registry;
use crate::source::Span;
use std::borrow::Cow;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex, PoisonError};

/// Where findings are spilled: a temporary file in the CLI, a `Cursor<Vec<u8>>` in tests.
pub trait Storage: Read + Write + Seek + Send {}
impl<T: Read + Write + Seek + Send> Storage for T {}

/// An append-only store of encoded findings, shared by the threads of a run.
pub struct Spill {
    inner: Mutex<Inner>,
}

struct Inner {
    store: Box<dyn Storage>,
    /// The end of the last complete block: a failed write is overwritten by the next one.
    end: u64,
}

impl std::fmt::Debug for Spill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let end = self.inner.lock().unwrap_or_else(PoisonError::into_inner).end;
        f.debug_struct("Spill").field("bytes", &end).finish_non_exhaustive()
    }
}

/// One file's findings in a [`Spill`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block {
    offset: u64,
    len: usize,
}

impl Spill {
    /// A spill writing to `store`, which must start empty.
    #[must_use]
    pub fn new(store: impl Storage + 'static) -> Arc<Self> {
        Arc::new(Self { inner: Mutex::new(Inner { store: Box::new(store), end: 0 }) })
    }

    /// Appends `bytes`; on error nothing is recorded, and the caller keeps what it meant to spill.
    pub(crate) fn append(&self, bytes: &[u8]) -> io::Result<Block> {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let offset = inner.end;
        inner.store.seek(SeekFrom::Start(offset))?;
        inner.store.write_all(bytes)?;
        inner.end = offset + bytes.len() as u64;
        Ok(Block { offset, len: bytes.len() })
    }

    /// The bytes of `block`.
    pub(crate) fn read(&self, block: Block) -> io::Result<Vec<u8>> {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.store.flush()?;
        inner.store.seek(SeekFrom::Start(block.offset))?;
        let mut buf = vec![0; block.len];
        inner.store.read_exact(&mut buf)?;
        Ok(buf)
    }
}

/// Encodes a block of placed findings: each finding, where it is, and where its labels are (a
/// label without a place is written as unknown). Findings of one object are written next to
/// each other, and share it again when read back.
pub(crate) fn encode<'a>(
    findings: impl IntoIterator<Item = (&'a Diagnostic, Place, &'a [Place])>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut prev: Option<&Arc<ObjectRef>> = None;
    for (d, at, labels) in findings {
        encode_one(&mut out, d, at, labels, prev);
        prev = d.object.as_ref();
    }
    out
}

/// Appends one finding to `out`; `prev` is the object of the finding before it.
fn encode_one(
    out: &mut Vec<u8>,
    d: &Diagnostic,
    at: Place,
    label_places: &[Place],
    prev: Option<&Arc<ObjectRef>>,
) {
    put_str(out, d.rule);
    out.push(d.severity as u8);
    put_str(out, &d.message);
    let rule_help = registry::get(d.rule).map(|r| r.help);
    match &d.help {
        None => out.push(0),
        Some(h) if Some(h.as_ref()) == rule_help => out.push(1),
        Some(h) => {
            out.push(2);
            put_str(out, h);
        }
    }
    put_span(out, d.span);
    put_u32(out, u32::try_from(d.labels.len()).unwrap_or(u32::MAX));
    for (l, label) in d.labels.iter().enumerate() {
        put_u64(out, label.file.map_or(u64::MAX, |f| f as u64));
        put_span(out, label.span);
        put_str(out, &label.message);
        put_place(out, label_places.get(l).copied().unwrap_or(Place::UNKNOWN));
    }
    put_opt(out, d.field.as_deref());
    match (&d.object, prev) {
        (None, _) => out.push(0),
        (Some(o), Some(p)) if Arc::ptr_eq(o, p) || **o == **p => out.push(1),
        (Some(o), _) => {
            out.push(2);
            put_str(out, &o.api_version);
            put_str(out, &o.kind);
            put_opt(out, o.namespace.as_deref());
            put_opt(out, o.name.as_deref());
        }
    }
    // A finding's PSS reference is always its rule's (the engine sets it from the rule).
    debug_assert!(d.pss.is_none() || d.pss == registry::get(d.rule).and_then(|r| r.pss));
    out.push(u8::from(d.pss.is_some()));
    put_opt(out, d.suppressed.as_deref());
    put_place(out, at);
}

/// Reads back every finding [`encode`]d into `bytes`.
pub(crate) fn decode(bytes: &[u8]) -> Result<Vec<(Diagnostic, Placed)>, String> {
    let mut r = Reader { buf: bytes };
    let mut out: Vec<(Diagnostic, Placed)> = Vec::new();
    let mut prev: Option<Arc<ObjectRef>> = None;
    while !r.buf.is_empty() {
        let id = r.str()?;
        let rule = registry::get(id).ok_or_else(|| format!("unknown rule {id:?}"))?;
        let severity = match r.u8()? {
            0 => Severity::Info,
            1 => Severity::Warning,
            2 => Severity::Error,
            s => return Err(format!("bad severity {s}")),
        };
        let message = r.str()?.to_owned();
        let help = match r.u8()? {
            0 => None,
            1 => Some(Cow::Borrowed(rule.help)),
            _ => Some(Cow::Owned(r.str()?.to_owned())),
        };
        let span = r.span()?;
        let n = r.u32()? as usize;
        let mut labels = Vec::with_capacity(n.min(r.buf.len()));
        let mut label_places = Vec::with_capacity(n.min(r.buf.len()));
        for _ in 0..n {
            let file = r.u64()?;
            let file = (file != u64::MAX).then(|| usize::try_from(file).unwrap_or(usize::MAX));
            let span = r.span()?;
            let message = r.str()?.to_owned();
            labels.push(Label { file, span, message });
            label_places.push(r.place()?);
        }
        let field = r.opt()?.map(str::to_owned);
        let object = match r.u8()? {
            0 => None,
            1 => Some(prev.clone().ok_or("a shared object with none before it")?),
            _ => {
                let api_version = r.str()?.into();
                let kind = r.str()?.into();
                let namespace = r.opt()?.map(Into::into);
                let name = r.opt()?.map(Into::into);
                Some(Arc::new(ObjectRef { api_version, kind, namespace, name }))
            }
        };
        prev.clone_from(&object);
        let pss = if r.u8()? == 0 { None } else { rule.pss };
        let suppressed = r.opt()?.map(str::to_owned);
        let at = r.place()?;
        let d = Diagnostic {
            rule: rule.id,
            severity,
            message,
            help,
            span,
            labels,
            field,
            object,
            pss,
            suppressed,
        };
        out.push((d, Placed { at, labels: label_places }));
    }
    Ok(out)
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

fn put_span(out: &mut Vec<u8>, s: Span) {
    put_u32(out, s.start);
    put_u32(out, s.end);
}

fn put_place(out: &mut Vec<u8>, p: Place) {
    for v in [p.line, p.column, p.end_line, p.end_column] {
        put_u32(out, v);
    }
}

struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.buf.len() {
            return Err(format!("truncated: {n} bytes wanted, {} left", self.buf.len()));
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?.first().copied().unwrap_or_default())
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes(b.try_into().map_err(|_| "truncated")?))
    }

    fn u64(&mut self) -> Result<u64, String> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes(b.try_into().map_err(|_| "truncated")?))
    }

    fn str(&mut self) -> Result<&'a str, String> {
        let n = usize::try_from(self.u64()?).map_err(|_| "string too long")?;
        std::str::from_utf8(self.take(n)?).map_err(|e| e.to_string())
    }

    fn opt(&mut self) -> Result<Option<&'a str>, String> {
        match self.u8()? {
            0 => Ok(None),
            _ => self.str().map(Some),
        }
    }

    fn span(&mut self) -> Result<Span, String> {
        Ok(Span { start: self.u32()?, end: self.u32()? })
    }

    fn place(&mut self) -> Result<Place, String> {
        Ok(Place {
            line: self.u32()?,
            column: self.u32()?,
            end_line: self.u32()?,
            end_column: self.u32()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(rule: &'static str, object: Option<Arc<ObjectRef>>) -> Diagnostic {
        let r = registry::get(rule).expect("rule");
        Diagnostic {
            rule: r.id,
            severity: Severity::Error,
            message: "m é".into(),
            help: Some(Cow::Borrowed(r.help)),
            span: Span { start: 3, end: 9 },
            labels: vec![
                Label { file: None, span: Span { start: 1, end: 2 }, message: "here".into() },
                Label { file: Some(7), span: Span { start: 4, end: 5 }, message: "there".into() },
            ],
            field: Some("spec.hostPID".into()),
            object,
            pss: r.pss,
            suppressed: None,
        }
    }

    #[test]
    fn findings_read_back_as_written() {
        let object = Arc::new(ObjectRef {
            api_version: "v1".into(),
            kind: "Pod".into(),
            namespace: Some("a-namespace-longer-than-inline".into()),
            name: None,
        });
        let a = diag("pss-host-namespaces", Some(Arc::clone(&object)));
        let mut b = diag("pss-host-namespaces", Some(Arc::clone(&object)));
        b.help = Some(Cow::Owned("its own help".into()));
        b.suppressed = Some("reviewed".into());
        b.severity = Severity::Info;
        let mut c = diag("file-unreadable", None);
        c.field = None;
        c.labels.clear();
        let place = Place { line: 2, column: 3, end_line: 4, end_column: 5 };
        // `b` has fewer label places than labels: the missing one is unknown, not dropped.
        let placed = [
            Placed { at: place, labels: vec![place, place] },
            Placed { at: place, labels: vec![place] },
            Placed::UNKNOWN,
        ];
        let buf = encode(
            [&a, &b, &c].into_iter().zip(&placed).map(|(d, p)| (d, p.at, p.labels.as_slice())),
        );
        let back = decode(&buf).expect("decode");
        assert_eq!(back.len(), 3);
        assert_eq!(back[0], (a, placed[0].clone()));
        assert_eq!(back[1].0, b);
        assert_eq!(back[1].1.labels, vec![place, Place::UNKNOWN]);
        assert_eq!(back[2], (c, placed[2].clone()));
        // Findings of one object share it again.
        let (o0, o1) = (back[0].0.object.as_ref(), back[1].0.object.as_ref());
        assert!(o0.zip(o1).is_some_and(|(x, y)| Arc::ptr_eq(x, y)));

        // A cut block is an error, never a panic or a shorter list.
        for cut in [1, buf.len() / 2, buf.len() - 1] {
            assert!(decode(buf.get(..cut).unwrap_or_default()).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn a_spill_appends_and_reads_blocks() {
        let spill = Spill::new(std::io::Cursor::new(Vec::new()));
        let a = spill.append(b"first").expect("append");
        let b = spill.append(b"second block").expect("append");
        assert_eq!(spill.read(b).expect("read"), b"second block");
        assert_eq!(spill.read(a).expect("read"), b"first");
    }
}
