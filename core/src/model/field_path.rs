//! Field paths: how a rule names the value it reports (`spec.containers[0].securityContext.privileged`).
//!
//! A path is a list of segments. Keys that contain `.`, `[`, `]`, `"` or are empty are written
//! in brackets with quotes (`metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]`),
//! so every path prints unambiguously and parses back.

use std::borrow::Cow;
use std::fmt;

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A mapping key (most are the names of API fields, written in the code: borrowed).
    Key(Cow<'static, str>),
    /// A sequence index.
    Index(usize),
}

/// A path from an object's root to one of its values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    /// The empty path (the object itself).
    #[must_use]
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// Parses a dotted path (`spec.containers[0].securityContext`). Returns `None` on a malformed path.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::parse_with(s, |k| Cow::Owned(k.to_owned()))
    }

    /// [`FieldPath::parse`] of a path written in the code: its keys are borrowed, not copied.
    #[must_use]
    pub fn parse_static(s: &'static str) -> Option<Self> {
        Self::parse_with(s, Cow::Borrowed)
    }

    /// Parses `s`, making each key that needs no unescaping with `key`.
    fn parse_with<'s>(s: &'s str, key: impl Fn(&'s str) -> Cow<'static, str>) -> Option<Self> {
        let mut segs = Vec::new();
        let bytes = s.as_bytes();
        let mut i = 0;
        // Where the current plain key started, if one is open.
        let mut cur: Option<usize> = None;
        let mut expect_sep = false;
        while let Some(&c) = bytes.get(i) {
            match c {
                b'.' => {
                    if !expect_sep {
                        let start = cur.take()?;
                        segs.push(Segment::Key(key(s.get(start..i)?)));
                    }
                    expect_sep = false;
                    i += 1;
                }
                b'[' => {
                    if let Some(start) = cur.take() {
                        segs.push(Segment::Key(key(s.get(start..i)?)));
                    }
                    i += 1;
                    if bytes.get(i) == Some(&b'"') {
                        i += 1;
                        let start = i;
                        let mut escaped = false;
                        loop {
                            match *bytes.get(i)? {
                                b'\\' => {
                                    escaped = true;
                                    i += 2;
                                }
                                b'"' => break,
                                _ => i += 1,
                            }
                        }
                        let raw = s.get(start..i)?;
                        if bytes.get(i + 1) != Some(&b']') {
                            return None;
                        }
                        i += 2;
                        segs.push(Segment::Key(if escaped {
                            Cow::Owned(unescape(raw)?)
                        } else {
                            key(raw)
                        }));
                    } else {
                        let start = i;
                        while bytes.get(i)? != &b']' {
                            i += 1;
                        }
                        segs.push(Segment::Index(s.get(start..i)?.parse().ok()?));
                        i += 1;
                    }
                    expect_sep = true;
                }
                _ => {
                    if expect_sep {
                        return None;
                    }
                    cur.get_or_insert(i);
                    i += 1;
                }
            }
        }
        if let Some(start) = cur {
            segs.push(Segment::Key(key(s.get(start..)?)));
        } else if !expect_sep && !segs.is_empty() {
            return None;
        }
        Some(Self(segs))
    }

    /// This path followed by `key` (a `&'static str` is not copied).
    #[must_use]
    pub fn key(&self, key: impl Into<Cow<'static, str>>) -> Self {
        self.with(1, |p| p.push(Segment::Key(key.into())))
    }

    /// This path followed by `[index]`.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        self.with(1, |p| p.push(Segment::Index(index)))
    }

    /// This path followed by every segment of `rest`.
    #[must_use]
    pub fn join(&self, rest: &FieldPath) -> Self {
        self.with(rest.0.len(), |p| p.extend(rest.0.iter().cloned()))
    }

    /// A copy of this path with room for `more` segments, extended by `f`.
    fn with(&self, more: usize, f: impl FnOnce(&mut Vec<Segment>)) -> Self {
        let mut segments = Vec::with_capacity(self.0.len() + more);
        segments.extend(self.0.iter().cloned());
        f(&mut segments);
        Self(segments)
    }

    /// The segments.
    #[must_use]
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

fn needs_quotes(k: &str) -> bool {
    k.is_empty() || k.chars().any(|c| matches!(c, '.' | '[' | ']' | '"' | '\\'))
}

/// A quoted key's text with its `\` escapes removed; `None` when it ends in a lone `\`.
fn unescape(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        out.push(if c == '\\' { chars.next()? } else { c });
    }
    Some(out)
}

impl FieldPath {
    /// The path as text, as [`fmt::Display`] writes it, without going through a formatter (a
    /// rule's finding renders its path once, on every finding of a large run).
    #[must_use]
    pub fn render(&self) -> String {
        let len = self
            .0
            .iter()
            .map(|s| match s {
                Segment::Key(k) => k.len() + 1,
                Segment::Index(_) => 4,
            })
            .sum();
        let mut out = String::with_capacity(len);
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Key(k) if needs_quotes(k) => {
                    out.push_str("[\"");
                    for c in k.chars() {
                        if c == '"' || c == '\\' {
                            out.push('\\');
                        }
                        out.push(c);
                    }
                    out.push_str("\"]");
                }
                Segment::Key(k) => {
                    if i > 0 {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Segment::Index(n) => {
                    out.push('[');
                    push_decimal(&mut out, *n);
                    out.push(']');
                }
            }
        }
        out
    }
}

/// Appends `n` in decimal.
fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        if let Some(slot) = digits.get_mut(at) {
            *slot = b"0123456789".get(n % 10).copied().unwrap_or(b'0');
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in digits.get(at..).unwrap_or_default() {
        out.push(char::from(d));
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in [
            "spec.containers[0].securityContext.privileged",
            "metadata.annotations[\"container.apparmor.security.beta.kubernetes.io/app\"]",
            "items[3].spec",
            "a",
            "[\"\"]",
            "[\"a\\\"b\"].c[10]",
            "x[\"é.ü\\\\\"]",
            "a[0][18446744073709551615]",
            "ключ.b",
        ] {
            let p = FieldPath::parse(s).unwrap_or_else(|| panic!("{s} did not parse"));
            assert_eq!(p.to_string(), s);
            assert_eq!(p.render(), s);
            assert_eq!(FieldPath::parse_static(s), Some(p));
        }
    }

    #[test]
    fn static_paths_borrow_their_keys() {
        let p = FieldPath::parse_static("spec.containers[0][\"a.b\"][\"c\\\"d\"]").expect("parses");
        let borrowed: Vec<bool> = p
            .segments()
            .iter()
            .filter_map(|s| match s {
                Segment::Key(k) => Some(matches!(k, Cow::Borrowed(_))),
                Segment::Index(_) => None,
            })
            .collect();
        // Only the key with an escape is unescaped into a string of its own.
        assert_eq!(borrowed, [true, true, true, false]);
        assert_eq!(p.segments().last(), Some(&Segment::Key("c\"d".into())));
    }

    #[test]
    fn rejects_malformed() {
        for s in ["a..b", ".a", "a.", "a[x]", "a[0]b", "a[\"x", "a[\"x\\", "a[\"x\"", "a[", "a[1"] {
            assert!(FieldPath::parse(s).is_none(), "{s} parsed");
            assert!(FieldPath::parse_static(s).is_none(), "{s} parsed");
        }
    }
}
