use crate::declare_rule;

declare_rule! {
    /// Document exceeds a reader limit (alias expansion or nesting depth)
    ///
    /// ## What it finds
    /// A document whose aliases expand to far more nodes than it holds (the "billion laughs"
    /// attack: 10 levels of 10 aliases make 10^10 nodes), or whose nesting is deeper than 128
    /// levels. The document is not linted; the rest of the file is.
    ///
    /// ## Why it matters
    /// Such input exists to exhaust the memory or stack of whatever reads it. No real manifest
    /// needs it, and go-yaml rejects excessive aliasing too.
    ///
    /// ## How to fix
    /// Write the values out, or reduce the nesting.
    ///
    /// ## Example
    /// ```yaml fail
    /// a: &a [x, x, x, x, x, x, x, x, x, x]
    /// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    /// c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    /// d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
    /// e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
    /// f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
    /// ```
    /// ```yaml pass
    /// a: &a [x, x]
    /// b: [*a, *a]
    /// ```
    pub RULE = { id: "yaml-limit-exceeded", category: crate::rules::Category::Yaml, severity: crate::diagnostic::Severity::Error,
        help: "write the values out, or reduce the nesting" }
}
