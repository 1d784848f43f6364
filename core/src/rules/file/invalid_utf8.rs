use crate::declare_rule;

declare_rule! {
    /// File is not valid UTF-8
    ///
    /// ## What it finds
    /// A manifest whose bytes are not valid UTF-8. The finding names the offset of the first bad byte.
    ///
    /// ## Why it matters
    /// kubectl and the API server only accept UTF-8 (YAML and JSON are Unicode formats), so this
    /// file cannot be applied as it is, and it cannot be checked.
    ///
    /// ## How to fix
    /// Re-encode the file as UTF-8 (`iconv -f LATIN1 -t UTF-8`).
    pub RULE = { id: "file-invalid-utf8", category: crate::rules::Category::File, severity: crate::diagnostic::Severity::Error,
        help: "re-encode the file as UTF-8" }
}
