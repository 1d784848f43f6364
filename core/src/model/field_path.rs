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
        let mut segs = Vec::new();
        let mut chars = s.chars().peekable();
        let mut cur = String::new();
        let mut expect_sep = false;
        while let Some(c) = chars.next() {
            match c {
                '.' => {
                    if !expect_sep {
                        if cur.is_empty() {
                            return None;
                        }
                        segs.push(Segment::Key(Cow::Owned(std::mem::take(&mut cur))));
                    }
                    expect_sep = false;
                }
                '[' => {
                    if !cur.is_empty() {
                        segs.push(Segment::Key(Cow::Owned(std::mem::take(&mut cur))));
                    }
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        let mut key = String::new();
                        loop {
                            match chars.next()? {
                                '\\' => key.push(chars.next()?),
                                '"' => break,
                                ch => key.push(ch),
                            }
                        }
                        if chars.next()? != ']' {
                            return None;
                        }
                        segs.push(Segment::Key(Cow::Owned(key)));
                    } else {
                        let mut num = String::new();
                        loop {
                            match chars.next()? {
                                ']' => break,
                                ch => num.push(ch),
                            }
                        }
                        segs.push(Segment::Index(num.parse().ok()?));
                    }
                    expect_sep = true;
                }
                _ => {
                    if expect_sep {
                        return None;
                    }
                    cur.push(c);
                }
            }
        }
        if !cur.is_empty() {
            segs.push(Segment::Key(Cow::Owned(cur)));
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

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Key(k) if needs_quotes(k) => {
                    f.write_str("[\"")?;
                    for c in k.chars() {
                        if c == '"' || c == '\\' {
                            f.write_str("\\")?;
                        }
                        write!(f, "{c}")?;
                    }
                    f.write_str("\"]")?;
                }
                Segment::Key(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
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
        ] {
            let p = FieldPath::parse(s).unwrap_or_else(|| panic!("{s} did not parse"));
            assert_eq!(p.to_string(), s);
        }
    }

    #[test]
    fn rejects_malformed() {
        for s in ["a..b", ".a", "a.", "a[x]", "a[0]b", "a[\"x"] {
            assert!(FieldPath::parse(s).is_none(), "{s} parsed");
        }
    }
}
