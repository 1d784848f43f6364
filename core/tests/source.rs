//! The YAML reader: snapshots of the tree (every scalar with its line:col and source text) for
//! the fixtures in `fixtures/source`, and hostile inputs generated in code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kubeward::source::{
    self, Document, IssueKind, Limits, LineIndex, NodeId, NodeRef, Parsed, ScalarStyle, Value,
};

/// Renders the documents and issues of one file, one line per node:
/// `key @line:col: value @line:col `source text``.
fn render(text: &str, parsed: &Parsed) -> String {
    let index = LineIndex::new(text);
    let pos = |o: u32| {
        let (l, c) = index.line_col(o);
        format!("{l}:{c}")
    };
    let src = |span: source::Span| {
        let s = text.get(span.range()).unwrap_or("<not a char boundary>");
        let mut shown: String = s.chars().take(48).collect();
        if s.chars().count() > 48 {
            shown.push('…');
        }
        format!("{shown:?}")
    };
    let mut out = String::new();
    for (i, doc) in parsed.documents.iter().enumerate() {
        let _ = writeln!(out, "--- document {i} ({}-{})", pos(doc.span.start), pos(doc.span.end));
        let mut seen = vec![false; doc.nodes.len()];
        if let Some(root) = doc.root() {
            render_node(root, "", 0, &mut seen, &pos, &src, &mut out);
        }
    }
    if !parsed.issues.is_empty() {
        out.push_str("--- issues\n");
    }
    for issue in &parsed.issues {
        let _ = write!(
            out,
            "{} ({:?}) @{}-{} {}: {}",
            issue.kind.rule_id(),
            issue.kind,
            pos(issue.span.start),
            pos(issue.span.end),
            src(issue.span),
            issue.message
        );
        if let Some((span, msg)) = &issue.related {
            let _ = write!(out, " [{msg} @{}]", pos(span.start));
        }
        out.push('\n');
    }
    out
}

fn render_node(
    n: NodeRef<'_>,
    prefix: &str,
    depth: usize,
    seen: &mut Vec<bool>,
    pos: &dyn Fn(u32) -> String,
    src: &dyn Fn(source::Span) -> String,
    out: &mut String,
) {
    let pad = "  ".repeat(depth);
    let at = pos(n.span().start);
    let idx = n.id.0 as usize;
    let first_time = !std::mem::replace(&mut seen[idx], true);
    let scalar = |v: &Value| match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => format!("int {i}"),
        Value::Float(f) => format!("float {f:?}"),
        Value::Str(s) => format!("{s:?}"),
        Value::Seq(_) | Value::Map(_) => unreachable!(),
    };
    if !first_time && (n.is_map() || n.is_seq()) {
        let _ = writeln!(out, "{pad}{prefix}*node {idx} (anchored @{at})");
        return;
    }
    match n.value() {
        Value::Seq(_) => {
            let _ = writeln!(out, "{pad}{prefix}seq @{at}-{}", pos(n.span().end));
            for item in n.items() {
                render_node(item, "- ", depth + 1, seen, pos, src, out);
            }
        }
        Value::Map(entries) => {
            let _ = writeln!(out, "{pad}{prefix}map @{at}-{}", pos(n.span().end));
            for e in entries {
                let key = format!("{:?} @{}: ", &*e.key, pos(e.key_span.start));
                render_node(n.doc.node(e.value), &key, depth + 1, seen, pos, src, out);
            }
        }
        v => {
            let style = match n.style() {
                Some(ScalarStyle::Plain) | None => "",
                Some(ScalarStyle::SingleQuoted) => " 'quoted'",
                Some(ScalarStyle::DoubleQuoted) => " \"quoted\"",
                Some(ScalarStyle::Literal) => " |literal",
                Some(ScalarStyle::Folded) => " >folded",
            };
            let alias = if first_time { "" } else { " (anchored)" };
            let _ =
                writeln!(out, "{pad}{prefix}{}{style} @{at} {}{alias}", scalar(v), src(n.span()));
        }
    }
}

/// Checks that every span of a parse result is a slice of `text`, and that a single-line plain
/// string scalar's span is exactly its text.
fn check_spans(text: &str, parsed: &Parsed) {
    let slice = |s: source::Span, what: &str| {
        text.get(s.range())
            .unwrap_or_else(|| panic!("{what} span {s:?} is not a slice of the text"))
    };
    for doc in &parsed.documents {
        slice(doc.span, "document");
        for (i, node) in doc.nodes.iter().enumerate() {
            let written = slice(node.span, "node");
            if let (Value::Str(s), Some(ScalarStyle::Plain)) = (&node.value, node.style)
                && !written.contains(['\n', '\r'])
                && !written.starts_with(['&', '!'])
            {
                assert_eq!(written, &**s, "node {i} span");
            }
            if let Value::Map(entries) = &node.value {
                for e in entries {
                    let k = slice(e.key_span, "key");
                    assert!(!k.is_empty() || e.key.is_empty(), "empty key span for {:?}", e.key);
                }
            }
        }
    }
    for issue in &parsed.issues {
        slice(issue.span, "issue");
    }
}

fn parse_fixture(bytes: &[u8]) -> (String, Parsed) {
    let (text, parsed) = source::read(bytes, &Limits::default());
    (text.unwrap_or_default().to_owned(), parsed)
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/source/*.yaml", |path| {
        let bytes = std::fs::read(path).unwrap();
        let (text, parsed) = parse_fixture(&bytes);
        check_spans(&text, &parsed);
        insta::assert_snapshot!(render(&text, &parsed));
    });
}

fn parse(text: &str) -> Parsed {
    let parsed = source::parse(text, &Limits::default());
    check_spans(text, &parsed);
    parsed
}

fn root(doc: &Document) -> NodeRef<'_> {
    doc.root().unwrap()
}

fn kinds(parsed: &Parsed) -> Vec<IssueKind> {
    parsed.issues.iter().map(|i| i.kind).collect()
}

/// Runs `f` and asserts it took less than `limit` (hostile inputs must stay cheap). The limits
/// are for unoptimised test builds under parallel load; in release these inputs take < 0.1 s.
fn fast<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    let took = start.elapsed();
    assert!(took < limit, "took {took:?}");
    value
}

#[test]
fn merge_order_is_go_yaml_v2() {
    let p = parse(
        "p: &p {privileged: true}\nq: &q {privileged: false}\na: {privileged: false, <<: *p}\nb: {<<: *p, privileged: false}\nc: {<<: [*p, *q]}\nd: {<<: [*q, *p]}\n",
    );
    let r = root(&p.documents[0]);
    let privileged =
        |k: &str| r.get(k).and_then(|m| m.get("privileged")).and_then(NodeRef::as_bool);
    assert_eq!(privileged("a"), Some(true));
    assert_eq!(privileged("b"), Some(false));
    assert_eq!(privileged("c"), Some(true));
    assert_eq!(privileged("d"), Some(false));
    assert!(p.issues.is_empty(), "{:?}", p.issues);
}

#[test]
fn merged_entries_keep_the_anchor_spans() {
    let text = "base: &b {privileged: true}\npod: {<<: *b}\n";
    let p = parse(text);
    let r = root(&p.documents[0]);
    let entry = r.get("pod").and_then(|m| m.entry("privileged")).unwrap();
    assert_eq!(&text[entry.key_span.range()], "privileged");
    assert_eq!(entry.key_span.start, 10);
    // The alias is the same node as the anchor.
    assert_eq!(
        r.get("pod").unwrap().get("privileged").unwrap().id,
        r.get("base").unwrap().get("privileged").unwrap().id
    );
}

#[test]
fn duplicate_keys_keep_the_last_value() {
    let p = parse("a: 1\nb: 2\na: 3\n");
    let r = root(&p.documents[0]);
    assert_eq!(r.get("a").and_then(NodeRef::as_i64), Some(3));
    assert_eq!(kinds(&p), [IssueKind::DuplicateKey]);
    let issue = &p.issues[0];
    assert_eq!((issue.span.start, issue.related.as_ref().map(|r| r.0.start)), (10, Some(0)));
    assert_eq!(issue.message, "duplicate key \"a\" (the API server keeps the last value)");
}

#[test]
fn billion_laughs_is_dropped_fast() {
    let mut text = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*l{}", i - 1); 10].join(", ");
        let _ = writeln!(text, "l{i}: &l{i} [{refs}]");
    }
    text.push_str("---\nkept: document\n");
    let p = fast(Duration::from_secs(5), || parse(&text));
    assert_eq!(kinds(&p), [IssueKind::AliasLimit]);
    assert!(
        p.issues[0].message.starts_with("alias expansion exceeds 100000 nodes"),
        "{}",
        p.issues[0].message
    );
    assert_eq!(p.issues[0].kind.rule_id(), "yaml-limit-exceeded");
    assert_eq!(p.documents.len(), 1);
    assert_eq!(root(&p.documents[0]).get("kept").and_then(NodeRef::as_str), Some("document"));
}

#[test]
fn merge_bombs_are_charged() {
    // Each level merges the previous one twice under new keys: exponential without a charge.
    let mut text = String::from("m0: &m0 {a: 1, b: 2, c: 3, d: 4}\n");
    for i in 1..40 {
        let _ = writeln!(text, "m{i}: &m{i} {{x: *m{p}, y: *m{p}, <<: *m{p}}}", p = i - 1);
    }
    let p = fast(Duration::from_secs(5), || parse(&text));
    assert_eq!(kinds(&p), [IssueKind::AliasLimit]);
    assert!(p.documents.is_empty());
}

#[test]
fn moderate_aliasing_is_fine() {
    // 10 × source nodes is allowed even past the absolute limit.
    let limits = Limits { max_alias_expansion: 10, ..Limits::default() };
    let p = source::parse("a: &a [1, 2]\nb: *a\nc: *a\n", &limits);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let items = vec!["1"; 30].join(", ");
    let aliases = vec!["*a"; 30].join(", ");
    let p = source::parse(&format!("a: &a [{items}]\nb: [{aliases}]\n"), &limits);
    assert_eq!(kinds(&p), [IssueKind::AliasLimit]);
}

#[test]
fn deep_flow_nesting_is_a_limit_not_a_crash() {
    let text = "[".repeat(200_000);
    let p = fast(Duration::from_secs(5), || parse(&text));
    assert_eq!(kinds(&p), [IssueKind::DepthLimit]);
    assert_eq!(p.issues[0].message, "nesting deeper than 128 levels");
    assert!(p.documents.is_empty());

    let text = format!("{}1{}", "[".repeat(300), "]".repeat(300));
    let limits = Limits { max_depth: 1000, ..Limits::default() };
    let p = source::parse(&text, &limits);
    assert_eq!(kinds(&p), [IssueKind::DepthLimit], "saphyr's own recursion limit is a depth limit");
}

#[test]
fn deep_block_nesting_is_a_limit_not_a_crash() {
    let text = format!("{}x\n", "- ".repeat(200_000));
    let p = fast(Duration::from_secs(5), || parse(&text));
    assert_eq!(kinds(&p), [IssueKind::DepthLimit]);
    assert!(p.documents.is_empty());

    let mut text = String::new();
    for i in 0..1000 {
        let _ = writeln!(text, "{}k{i}:", " ".repeat(i));
    }
    text.push_str("---\nnext: doc\n");
    let p = fast(Duration::from_secs(5), || parse(&text));
    assert_eq!(kinds(&p), [IssueKind::DepthLimit]);
    assert_eq!(p.documents.len(), 1, "the next document is still read");

    let ok = format!("{}x\n", "- ".repeat(127));
    assert!(parse(&ok).issues.is_empty());
}

#[test]
fn many_tabs_after_colons_stay_cheap() {
    let text: String = (0..10_000).map(|i| format!("k{i}:\tv\n")).collect();
    let p = fast(Duration::from_secs(5), || parse(&text));
    // The first fixes succeed; past the re-parse budget the error is reported.
    assert_eq!(kinds(&p), [IssueKind::Syntax]);
    let p = parse("a:\tb\nc:\td\n");
    assert!(p.issues.is_empty());
    assert_eq!(root(&p.documents[0]).get("c").and_then(NodeRef::as_str), Some("d"));
}

#[test]
fn low_indented_flow_and_quoted_continuations_parse_as_libyaml() {
    let text = "a:\n  args: [\n    \"x\",\n  ]\n  k: '[\n    1\n  ]'\nb: [\n]\n";
    let p = parse(text);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let r = root(&p.documents[0]);
    let a = r.get("a").unwrap();
    assert_eq!(a.get("args").and_then(|s| s.at(0)).and_then(NodeRef::as_str), Some("x"));
    assert_eq!(a.get("k").and_then(NodeRef::as_str), Some("[ 1 ]"));
    let k = a.entry("k").unwrap();
    assert_eq!(&text[k.key_span.range()], "k");
    assert_eq!(&text[a.get("k").unwrap().span().range()], "'[\n    1\n  ]'");
    assert_eq!(&text[r.get("b").unwrap().span().range()], "[\n]");
    // The inserted indentation is bounded: a quote far right over many low lines is an error.
    let text = format!("k: {}'{}'\n", " ".repeat(5000), "\nx".repeat(5000));
    let p = fast(Duration::from_secs(5), || parse(&text));
    assert_eq!(kinds(&p), [IssueKind::Syntax]);
    // A block structure error is not "fixed".
    let p = parse("a:\n  b: 1\n c: 2\n");
    assert_eq!(kinds(&p), [IssueKind::Syntax]);
}

/// `parse_each` hands over every document once, in order, as `parse` returns them: also when a
/// workaround restarts the parse after some were handed over (a tab after a colon in the second
/// document, a low flow continuation in the third), with the spans of the documents read after
/// inserted indentation mapped back to the text.
#[test]
fn documents_are_handed_over_once_as_they_are_read() {
    let each = |text: &str| {
        let mut handed = Vec::new();
        let issues = source::parse_each(text, &Limits::default(), &mut |d| handed.push(d));
        (handed, issues)
    };
    let text = "first: 1\n---\nsecond:\tx\n---\na:\n  args: [\n    \"x\",\n  ]\n---\nlast: [\n]\n";
    let whole = parse(text);
    assert!(whole.issues.is_empty(), "{:?}", whole.issues);
    assert_eq!(whole.documents.len(), 4);
    let (handed, issues) = each(text);
    assert!(issues.is_empty());
    assert_eq!(handed, whole.documents);
    let last = root(&handed[3]).get("last").unwrap();
    assert_eq!(&text[last.span().range()], "[\n]");

    // Documents before a syntax error are handed over, as `parse` keeps them.
    let (handed, issues) = each("a: 1\n---\nb: [\n");
    assert_eq!((handed.len(), issues.len()), (1, 1));
    // A text with `{{` that fails to parse is a Helm template: nothing is handed over.
    let (handed, issues) = each("a: 1\n---\nb: {{ .Values.b }\n");
    assert!(handed.is_empty());
    assert_eq!(issues.iter().map(|i| i.kind).collect::<Vec<_>>(), [IssueKind::HelmTemplate]);
    // One that parses hands over its documents.
    let (handed, issues) = each("a: '{{ x }}'\n---\nb: 2\n");
    assert_eq!((handed.len(), issues.len()), (2, 0));
}

#[test]
fn empty_documents_are_not_documents() {
    for text in ["", "# only a comment\n", "---\n...\n", "---\n# c\n---\n", "\u{feff}"] {
        let p = parse(text);
        assert!(p.documents.is_empty() && p.issues.is_empty(), "{text:?}: {p:?}");
    }
    assert_eq!(parse("--- ~\n").documents.len(), 1, "an explicit null is content");
    assert_eq!(parse("--- \"\"\n").documents.len(), 1);
}

#[test]
fn bytes_are_checked_before_parsing() {
    let limits = Limits::default();
    let (text, p) = source::read(b"a: \xff\n", &limits);
    assert!(text.is_none());
    assert_eq!((kinds(&p), p.issues[0].span.start), (vec![IssueKind::InvalidUtf8], 3));
    assert_eq!(p.issues[0].kind.rule_id(), "file-invalid-utf8");
    let (_, p) = source::read(b"a: b\n\0\n", &limits);
    assert_eq!((kinds(&p), p.issues[0].span.start), (vec![IssueKind::Binary], 5));
    assert_eq!(p.issues[0].kind.rule_id(), "file-binary");
    let small = Limits { max_file_bytes: 4, ..Limits::default() };
    let (_, p) = source::read(b"a: bc\n", &small);
    assert_eq!(kinds(&p), [IssueKind::TooLarge]);
    assert_eq!(p.issues[0].kind.rule_id(), "file-too-large");
    let (_, p) = source::read(b"\xff\xfea\x00", &limits);
    assert_eq!(kinds(&p), [IssueKind::InvalidUtf8]);
}

#[test]
fn crlf_and_bom_spans_index_the_original_bytes() {
    let text = "\u{feff}a: \"x\"\r\nbé: [1, 2]\r\nc: |\r\n  z\r\n";
    let p = parse(text);
    let r = root(&p.documents[0]);
    assert_eq!(&text[r.get("a").unwrap().span().range()], "\"x\"");
    assert_eq!(&text[r.entry("bé").unwrap().key_span.range()], "bé");
    assert_eq!(&text[r.get("bé").unwrap().span().range()], "[1, 2]");
    assert_eq!(&text[r.get("c").unwrap().span().range()], "|\r\n  z");
    assert_eq!(r.get("c").and_then(NodeRef::as_str), Some("z\n"));
    let index = LineIndex::new(text);
    assert_eq!(index.line_col(r.get("bé").unwrap().span().start), (2, 5));
    assert_eq!(
        index.line_col(r.entry("a").unwrap().key_span.start),
        (1, 1),
        "the BOM is not a column"
    );
}

#[test]
fn helm_templates_are_one_issue() {
    let p = parse("metadata:\n  name: {{ .Release.Name }}\n");
    assert_eq!(kinds(&p), [IssueKind::HelmTemplate]);
    assert_eq!(p.issues[0].kind.rule_id(), "file-helm-template");
    assert!(p.documents.is_empty());
    let p = parse("{{- if .Values.x }}\na: 1\n{{- end }}\n");
    assert_eq!(kinds(&p), [IssueKind::HelmTemplate]);
    let p = parse("summary: \"{{ $labels.pod }}\"\nexpr: '{{x}}'\n");
    assert!(p.issues.is_empty());
    assert_eq!(p.documents.len(), 1);
}

#[test]
fn issue_rule_ids() {
    use IssueKind::*;
    let ids: Vec<_> = [
        TooLarge,
        Binary,
        InvalidUtf8,
        Syntax,
        HelmTemplate,
        DuplicateKey,
        UnsupportedKey,
        MergeNotMapping,
        AliasLimit,
        DepthLimit,
        UnicodeLineBreak,
    ]
    .into_iter()
    .map(IssueKind::rule_id)
    .collect();
    assert_eq!(
        ids,
        [
            "file-too-large",
            "file-binary",
            "file-invalid-utf8",
            "yaml-syntax-error",
            "file-helm-template",
            "yaml-duplicate-key",
            "yaml-unsupported-key",
            "yaml-syntax-error",
            "yaml-limit-exceeded",
            "yaml-limit-exceeded",
            "yaml-syntax-error",
        ]
    );
}

#[test]
fn node_ids_stay_in_their_document() {
    let p = parse("a: 1\n---\nb: [2]\n");
    for doc in &p.documents {
        let max = doc.nodes.len();
        let r = root(doc);
        for e in r.entries() {
            assert!((e.value.0 as usize) < max);
        }
        assert!(r.id < NodeId(u32::try_from(max).unwrap()));
    }
}

/// The real-world corpus: no panic, no syntax issue, exactly its 2532 non-empty documents.
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/real");

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

#[test]
fn real_corpus() {
    let root = Path::new(CORPUS);
    if !root.is_dir() {
        eprintln!("note: {CORPUS} is absent; skipping the corpus test");
        return;
    }
    let mut files = Vec::new();
    yaml_files(root, &mut files);
    files.sort();
    let limits = Limits::default();
    let (mut documents, mut bytes) = (0, 0);
    let mut failures = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        bytes += data.len();
        let (text, parsed) = source::read(&data, &limits);
        let Some(text) = text else {
            failures.push(format!("{}: {:?}", file.display(), parsed.issues));
            continue;
        };
        documents += parsed.documents.len();
        check_spans(text, &parsed);
        for issue in &parsed.issues {
            if matches!(
                issue.kind,
                IssueKind::Syntax
                    | IssueKind::HelmTemplate
                    | IssueKind::AliasLimit
                    | IssueKind::DepthLimit
            ) {
                let (line, col) = source::LineIndex::new(text).line_col(issue.span.start);
                failures.push(format!(
                    "{}:{line}:{col}: {:?} {}",
                    file.display(),
                    issue.kind,
                    issue.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} files failed:\n{}", failures.len(), failures.join("\n"));
    eprintln!("{} files, {bytes} bytes, {documents} documents", files.len());
    assert_eq!(documents, 2532);
}

/// Mutated manifests (a deterministic generator, so failures reproduce): the reader never
/// panics, every span is a slice of the text, and every run is fast.
#[test]
fn mutations_never_panic() {
    const ALPHABET: &[&str] = &[
        " ", "\n", "\t", "\r\n", ":", "-", "?", ",", "[", "]", "{", "}", "&a", "*a", "!!str", "!x",
        "<<", "|", ">-", "#", "'", "\"", "\\", "%", "@", "`", "...", "---", "é", "\u{2028}",
        "\u{feff}", "yes", "0x1", "~", "{{",
    ];
    let seeds: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/source"))
            .unwrap()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .filter(|s| s.len() < 4096)
            .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % n as u64).unwrap()
    };
    let limits = Limits::default();
    for _ in 0..20_000 {
        let mut text = seeds[next(seeds.len())].clone();
        for _ in 0..=next(4) {
            let mut at = next(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + next(4)).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let insert = if next(3) == 0 { "" } else { ALPHABET[next(ALPHABET.len())] };
            text.replace_range(at..end, insert);
        }
        let parsed = fast(Duration::from_secs(5), || source::parse(&text, &limits));
        check_spans(&text, &parsed);
        for doc in &parsed.documents {
            let _ = source::from_node::<serde_json::Value>(root(doc));
        }
    }
}

/// `parse_part` (how the corpus stage finds a finding's line again) reads each document of every
/// fixture, example and real-corpus file exactly as the whole file does, or declines.
#[test]
fn a_document_parsed_alone_reads_as_in_its_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("tests/fixtures"), &mut files);
    yaml_files(&root.join("../examples"), &mut files);
    yaml_files(Path::new(CORPUS), &mut files);
    files.sort();
    assert!(files.len() > 100, "{} files", files.len());
    let limits = Limits::default();
    let (mut alone, mut declined) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let (text, parsed) = parse_fixture(&bytes);
        for doc in &parsed.documents {
            let Some(want) = doc.root() else { continue };
            let Some(part) = source::parse_part(&text, doc.span, &limits) else {
                declined += 1;
                continue;
            };
            let got = part.iter().find(|d| d.root().is_some_and(|r| r.span() == want.span()));
            let got =
                got.unwrap_or_else(|| panic!("{}: no document at {:?}", path.display(), doc.span));
            // Compared as written out: NaN is not equal to itself.
            let same = |a: &source::Node, b: &source::Node| format!("{a:?}") == format!("{b:?}");
            let differ = got.nodes.iter().zip(&doc.nodes).position(|(a, b)| !same(a, b));
            assert!(
                differ.is_none() && got.nodes.len() == doc.nodes.len(),
                "{}: document at {:?}: node {differ:?} differs: {:?} / {:?}",
                path.display(),
                doc.span,
                differ.map(|i| &got.nodes[i]),
                differ.map(|i| &doc.nodes[i]),
            );
            alone += 1;
        }
    }
    assert!(alone > 20 * declined.max(1), "{alone} read alone, {declined} declined");
}

#[test]
fn a_document_that_needs_the_text_before_it_is_declined() {
    let text = "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n";
    let parsed = parse(text);
    assert_eq!(parsed.documents.len(), 1, "{:?}", parsed.issues);
    let doc = &parsed.documents[0];
    // The handle `!e!` is declared before the document: alone, it does not parse.
    assert!(source::parse_part(text, doc.span, &Limits::default()).is_none());
    // Out of the text: declined, no panic.
    let past = source::Span::new(text.len() + 1, text.len() + 5);
    assert!(source::parse_part(text, past, &Limits::default()).is_none());
}
