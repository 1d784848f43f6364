//! Conversions between the core's byte spans and findings and the protocol's UTF-16 positions,
//! diagnostics and `file://` URIs.

use kubeward::diagnostic::Severity;
use kubeward::report::{Finding, Report};
use kubeward::rules::registry;
use kubeward::source::{LineIndex, Span};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};
use std::path::{Path, PathBuf};
use std::str::FromStr as _;

/// The LSP position (0-based line, UTF-16 column) of a byte offset.
pub fn position(index: &LineIndex, offset: u32) -> Position {
    Position::new(index.line_col(offset).0.saturating_sub(1), index.utf16_col(offset))
}

/// The LSP range of a byte span (end exclusive, as in the protocol).
pub fn range(index: &LineIndex, span: Span) -> Range {
    Range::new(position(index, span.start), position(index, span.end))
}

/// True when `pos` lies in `r` (both ends included, so a cursor right after a value counts).
pub fn contains(r: &Range, pos: Position) -> bool {
    key(r.start) <= key(pos) && key(pos) <= key(r.end)
}

/// True when two ranges overlap or touch.
pub fn intersects(a: &Range, b: &Range) -> bool {
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

fn key(p: Position) -> (u32, u32) {
    (p.line, p.character)
}

/// The URI of a report file: `root`-relative paths are joined to the root.
pub fn file_uri(root: Option<&Path>, path: &str) -> Option<Uri> {
    if let Ok(uri) = Uri::from_str(path)
        && uri.scheme().is_some_and(|s| s.as_str().len() > 1)
    {
        return Some(uri); // a document that is not a file (untitled:…)
    }
    let p = Path::new(path);
    let abs = if p.is_absolute() { p.to_path_buf() } else { root?.join(p) };
    path_to_uri(&abs)
}

/// `file://` URI of an absolute path, percent-encoding everything but unreserved characters and `/`.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let s = path.to_str()?.replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/'); // a Windows drive letter
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

/// The path of a `file://` URI (authority ignored, percent-decoded).
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let path = &rest[rest.find('/')?..];
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (b, hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    let s = String::from_utf8(out).ok()?;
    // `file:///c:/x` on Windows.
    let s = match s.as_bytes() {
        [b'/', d, b':', ..] if d.is_ascii_alphabetic() => s[1..].to_owned(),
        _ => s,
    };
    Some(PathBuf::from(s))
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A finding as an LSP diagnostic: rule id as `code` with its docs as `codeDescription`,
/// labels (duplicate keys, RBAC path steps, …) as related information.
pub fn diagnostic(report: &Report, f: &Finding, root: Option<&Path>) -> lsp_types::Diagnostic {
    let d = &f.diagnostic;
    let own = report.files.get(f.file);
    let own_range = own.map_or_else(Range::default, |file| range(&file.line_index, d.span));
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter_map(|l| {
            let file = report.files.get(l.file.unwrap_or(f.file))?;
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: file_uri(root, &file.path)?,
                    range: range(&file.line_index, l.span),
                },
                message: l.message.clone(),
            })
        })
        .collect();
    let href = registry::get(d.rule).and_then(|r| Uri::from_str(&r.url()).ok());
    lsp_types::Diagnostic {
        range: own_range,
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_owned())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("kubeward".to_owned()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_round_trip() {
        let p = Path::new("/work/my repo/déploiement.yaml");
        let uri = path_to_uri(p).expect("uri");
        assert_eq!(uri.as_str(), "file:///work/my%20repo/d%C3%A9ploiement.yaml");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(p));
        let host = Uri::from_str("file://localhost/a/b.yaml").expect("uri");
        assert_eq!(uri_to_path(&host), Some(PathBuf::from("/a/b.yaml")));
        let untitled = Uri::from_str("untitled:Untitled-1").expect("uri");
        assert_eq!(uri_to_path(&untitled), None);
    }

    #[test]
    fn utf16_positions() {
        // `é` is 2 bytes and 1 UTF-16 unit; `𝄞` is 4 bytes and 2 units.
        let text = "a: é𝄞 x\n";
        let index = LineIndex::new(text);
        let x = u32::try_from(text.find('x').unwrap_or_default()).unwrap_or_default();
        assert_eq!(position(&index, x), Position::new(0, 7));
        assert!(contains(
            &Range::new(Position::new(0, 2), Position::new(0, 7)),
            Position::new(0, 7)
        ));
    }
}
