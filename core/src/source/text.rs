//! Bytes to text: size limit, binary detection, UTF-8 validation, BOM.
//!
//! Decoding copies nothing: the text is the original bytes, BOM included, so every span the
//! reader produces indexes the bytes the caller holds (`&text[span.range()]` is what was
//! written). The YAML parser skips the BOM itself.

use super::{IssueKind, Limits, SourceIssue, Span};

/// The UTF-8 byte order mark.
const BOM: &str = "\u{feff}";

/// A file's validated text: the original bytes as `str`, BOM included (spans index it).
pub type Text<'a> = &'a str;

/// Length of the UTF-8 byte order mark at the start of `text` (3), or 0.
#[must_use]
pub fn bom_len(text: &str) -> usize {
    if text.starts_with(BOM) { BOM.len() } else { 0 }
}

/// Validates `bytes` as a manifest's text: not over `limits.max_file_bytes`, no NUL byte (binary),
/// valid UTF-8. UTF-16 files (which libyaml would accept) are reported as such rather than as
/// binary.
///
/// # Errors
/// A [`SourceIssue`] of kind `TooLarge`, `Binary` or `InvalidUtf8`; its span points at the
/// offending byte (or is empty at 0 for the size).
pub fn decode<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Text<'a>, SourceIssue> {
    if bytes.len() > limits.max_file_bytes {
        return Err(SourceIssue::new(
            IssueKind::TooLarge,
            Span::new(0, 0),
            format!(
                "file is {} bytes, over the limit of {} bytes",
                bytes.len(),
                limits.max_file_bytes
            ),
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SourceIssue::new(
            IssueKind::InvalidUtf8,
            Span::new(0, 2),
            "file is UTF-16 encoded; convert it to UTF-8",
        ));
    }
    if let Some(pos) = memchr::memchr(0, bytes) {
        return Err(SourceIssue::new(
            IssueKind::Binary,
            Span::new(pos, pos + 1),
            format!("file looks binary (NUL byte at offset {pos})"),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.valid_up_to();
            let len = e.error_len().unwrap_or(bytes.len() - at).max(1);
            Err(SourceIssue::new(
                IssueKind::InvalidUtf8,
                Span::new(at, (at + len).min(bytes.len())),
                format!("invalid UTF-8 at byte offset {at}"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_in_order() {
        let limits = Limits { max_file_bytes: 8, ..Limits::default() };
        let big = decode(b"123456789", &limits);
        assert_eq!(big.map_err(|e| e.kind), Err(IssueKind::TooLarge));
        let nul = decode(b"a: \0", &Limits::default()).map_err(|e| (e.kind, e.span));
        assert_eq!(nul, Err((IssueKind::Binary, Span::new(3, 4))));
        let bad = decode(b"a: \xff\xfe", &Limits::default()).map_err(|e| (e.kind, e.span));
        assert_eq!(bad, Err((IssueKind::InvalidUtf8, Span::new(3, 4))));
        let truncated = decode(b"a: \xe2\x80", &Limits::default()).map_err(|e| (e.kind, e.span));
        assert_eq!(truncated, Err((IssueKind::InvalidUtf8, Span::new(3, 5))));
    }

    #[test]
    fn keeps_the_bom() {
        let t = decode(b"\xef\xbb\xbfa: b", &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(bom_len(t), 3);
        assert_eq!(bom_len("a"), 0);
        assert_eq!(&t[3..], "a: b");
    }
}
