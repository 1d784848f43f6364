//! Property tests of the YAML 1.1 plain-scalar resolution (`source::resolve_plain`) against the
//! contract stated in `core/src/source/scalar.rs`, which ports go-yaml v2's `resolve.go` (what
//! kubectl and the API server read manifests with, through sigs.k8s.io/yaml):
//!
//! - "The table is case-sensitive: `yes`, `Yes`, `YES` are true, `yEs` is a string" (go-yaml v2
//!   `resolveMapList`, transcribed below as [`table`]);
//! - "Integers strip every `_` and then follow Go's `strconv.ParseInt(s, 0, 64)`: `0x`, `0o`,
//!   `0b` prefixes, a leading `0` for octal (`0777` is 511, `08` falls through to the float 8).
//!   Integers beyond `i64` become floats here";
//! - floats: go-yaml's `yamlStyleFloat` after the underscores are stripped for a scalar starting
//!   with a sign or digit, Go's `ParseFloat` (underscores only between digits) for one starting
//!   with `.`, and an overflow is a string (`ParseFloat` reports a range error);
//! - "Timestamps resolve as timestamps but reach `interface{}` as their text: strings", and
//!   sexagesimal numbers are strings ("Base 60 floats ... are purposefully unsupported here",
//!   go-yaml v2 `resolve.go`; the `1:20` row of scalar.rs's table);
//! - "Only plain (unquoted, untagged) scalars resolve; quoted and block scalars are strings";
//! - a scalar whose first byte is not one of go-yaml's `resolveTable` hints
//!   (`+ - 0-9 y Y n N t T f F o O ~ .`) is "certainly a string";
//! - "Keys are stringified as `YAMLToJSON` does: ints in decimal, bools as `true`/`false`".
//!
//! Expected values come from independent oracles (the table, Rust's integer parsers in the
//! stated radix, `str::parse::<f64>` for correctly rounded decimals), never from the reader.

use kubeward::source::{Limits, ScalarStyle, Value, parse, resolve_plain};
use proptest::prelude::*;
use proptest::sample::{Index, select};

/// go-yaml v2 `resolveMapList` (sigs.k8s.io/yaml `goyaml.v2/resolve.go`), one row per value.
const TRUE: &[&str] = &["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
const FALSE: &[&str] =
    &["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];
const NULL: &[&str] = &["", "~", "null", "Null", "NULL"];
const NAN: &[&str] = &[".nan", ".NaN", ".NAN"];
const INF: &[&str] = &[".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"];
const NEG_INF: &[&str] = &["-.inf", "-.Inf", "-.INF"];

/// Every spelling of the table.
fn spellings() -> Vec<&'static str> {
    [TRUE, FALSE, NULL, NAN, INF, NEG_INF].concat()
}

/// Words whose case variants are tried: the table's words in lower case, and signed NaNs that
/// are in no row whatever their case.
const WORDS: &[&str] = &[
    "y", "yes", "n", "no", "true", "false", "on", "off", "null", ".nan", ".inf", "+.inf", "-.inf",
    "-.nan", "+.nan",
];

/// The first bytes go-yaml's `resolveTable` hints: anything else is certainly a string.
const HINTS: &str = "+-0123456789yYnNtTfFoO~.";

/// The table's value for `s`, if `s` is one of its spellings.
fn table(s: &str) -> Option<Value> {
    let has = |row: &[&str]| row.contains(&s);
    if has(TRUE) {
        Some(Value::Bool(true))
    } else if has(FALSE) {
        Some(Value::Bool(false))
    } else if has(NULL) {
        Some(Value::Null)
    } else if has(NAN) {
        Some(Value::Float(f64::NAN))
    } else if has(INF) {
        Some(Value::Float(f64::INFINITY))
    } else if has(NEG_INF) {
        Some(Value::Float(f64::NEG_INFINITY))
    } else {
        None
    }
}

/// The table's value for `s`, else the string itself.
fn table_or_str(s: &str) -> Value {
    table(s).unwrap_or_else(|| str_value(s))
}

fn str_value(s: &str) -> Value {
    Value::Str(s.into())
}

/// Value equality with floats compared by bits (so `-0.0` is not `0.0`) and NaN equal to NaN.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        _ => a == b,
    }
}

macro_rules! prop_assert_same {
    ($got:expr, $want:expr, $input:expr) => {{
        let (got, want) = (&$got, &$want);
        prop_assert!(same(got, want), "{:?}: got {:?}, want {:?}", $input, got, want);
    }};
}

/// Inserts `_` at the given positions, never before the first byte (which is go-yaml's hint).
/// `s` is ASCII.
fn underscored(mut s: String, at: &[Index]) -> String {
    for i in at {
        let pos = 1 + i.index(s.len());
        s.insert(pos, '_');
    }
    s
}

fn underscores() -> impl Strategy<Value = Vec<Index>> {
    proptest::collection::vec(any::<Index>(), 0..4)
}

/// Flips the case of the chars where `mask` is true.
fn recase(word: &str, mask: &[bool]) -> String {
    word.chars()
        .zip(mask.iter().chain(std::iter::repeat(&false)))
        .map(|(c, &flip)| {
            if !flip {
                c
            } else if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn case_variant() -> impl Strategy<Value = String> {
    (select(WORDS), proptest::collection::vec(any::<bool>(), 6)).prop_map(|(w, m)| recase(w, &m))
}

/// How an unsigned integer is written: Go's `ParseInt(s, 0, 64)` prefixes, both cases.
fn render_radix(u: u64, radix: u8) -> String {
    match radix {
        0 => format!("0x{u:x}"),
        1 => format!("0X{u:X}"),
        2 => format!("0x{u:X}"),
        3 => format!("0o{u:o}"),
        4 => format!("0O{u:o}"),
        5 => format!("0{u:o}"),
        6 => format!("0b{u:b}"),
        7 => format!("0B{u:b}"),
        _ => format!("{u}"),
    }
}

/// An integer literal: (magnitude, sign, text with underscores).
fn int_literal(
    magnitude: impl Strategy<Value = u64>,
) -> impl Strategy<Value = (u64, char, String)> {
    (magnitude, 0u8..9, select(&[' ', '+', '-'][..]), underscores()).prop_map(
        |(u, radix, sign, at)| {
            let mut text = render_radix(u, radix);
            if sign != ' ' {
                text.insert(0, sign);
            }
            (u, sign, underscored(text, &at))
        },
    )
}

/// go-yaml v2 on `[sign]<prefix><digits>` with magnitude `u`: `ParseInt` if it fits `int64`,
/// else `ParseUint` (unsigned only; a float here), else `yamlStyleFloat` on the text without
/// underscores (only all-digit texts match: decimals and legacy octals, read as decimal), else
/// a string.
fn expected_int(u: u64, sign: char, text: &str) -> Value {
    let fits = if sign == '-' { u <= 1 << 63 } else { i64::try_from(u).is_ok() };
    if fits {
        let i = i64::try_from(u).unwrap_or(i64::MIN);
        return Value::Int(if sign == '-' { i.wrapping_neg() } else { i });
    }
    if sign == ' ' {
        return Value::Float(u as f64);
    }
    let plain = text.replace('_', "");
    if plain[1..].bytes().all(|b| b.is_ascii_digit()) {
        Value::Float(plain.parse().expect("digits parse as f64"))
    } else {
        str_value(text)
    }
}

fn finite_f64() -> impl Strategy<Value = f64> {
    use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
    POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO
}

/// A finite float written as YAML does: Rust's shortest round-trip digits (`1.5`, `1e300`),
/// scientific (`1.5e0`, `1.5E+0`), `.5` without the leading zero; optionally `+`. Never an integer
/// literal: every rendering has a `.` or an exponent.
fn float_literal() -> impl Strategy<Value = (f64, String)> {
    (finite_f64(), 0u8..4, any::<bool>()).prop_map(|(f, style, plus)| {
        let mut text = match style {
            0 => format!("{f:?}"),
            1 => format!("{f:e}"),
            2 => format!("{f:E}").replacen("E", "E+", 1).replacen("E+-", "E-", 1),
            _ => {
                let t = format!("{f:?}");
                if let Some(rest) = t.strip_prefix("0.") {
                    format!(".{rest}")
                } else if let Some(rest) = t.strip_prefix("-0.") {
                    format!("-.{rest}")
                } else {
                    t
                }
            }
        };
        if plus && !text.starts_with('-') {
            text.insert(0, '+');
        }
        (f, text)
    })
}

/// `[sign]<digits>` (leading zeros included, so legacy octals and `08`), with underscores.
fn digit_string() -> impl Strategy<Value = String> {
    ("[+-]?[0-9]{1,25}", underscores()).prop_map(|(s, at)| underscored(s, &at))
}

/// go-yaml v2 on an all-digit scalar (after its sign and without underscores): a leading `0`
/// reads the rest as octal; in range it is an int (a float beyond `int64` unsigned); otherwise
/// `yamlStyleFloat` matches and the text is a decimal float.
fn expected_digits(text: &str) -> Value {
    let plain = text.replace('_', "");
    let (neg, digits) = match plain.as_bytes()[0] {
        b'-' => (true, &plain[1..]),
        b'+' => (false, &plain[1..]),
        _ => (false, &plain[..]),
    };
    let signed = digits.len() != plain.len();
    let magnitude = match digits.strip_prefix('0') {
        Some("") => Some(0),
        Some(oct) => u64::from_str_radix(oct, 8).ok(),
        None => digits.parse::<u64>().ok(),
    };
    if let Some(u) = magnitude {
        let fits = if neg { u <= 1 << 63 } else { i64::try_from(u).is_ok() };
        if fits {
            let i = i64::try_from(u).unwrap_or(i64::MIN);
            return Value::Int(if neg { i.wrapping_neg() } else { i });
        }
        if !signed {
            return Value::Float(u as f64);
        }
    }
    Value::Float(plain.parse().expect("digits parse as f64"))
}

/// A decimal starting with `.` (go-yaml's `.` hint, read by Go's `ParseFloat` as written).
fn dot_float() -> impl Strategy<Value = String> {
    "\\.[0-9]{1,8}([eE][-+]?[0-9]{1,3})?"
}

/// Byte positions of `s` (1..=len) where one `_` sits between two digits.
fn between_digits(s: &str) -> Vec<usize> {
    let b = s.as_bytes();
    (1..b.len()).filter(|&i| b[i - 1].is_ascii_digit() && b[i].is_ascii_digit()).collect()
}

/// `h:mm[:ss][.f]`, optionally signed: YAML 1.1 sexagesimal, unsupported by go-yaml.
fn sexagesimal() -> impl Strategy<Value = String> {
    "[+-]?[0-9]{1,3}(:[0-5][0-9]){1,2}(\\.[0-9]{1,3})?"
}

/// Timestamps of go-yaml's layouts (`2006-1-2`, with a time, `T`/`t`, a zone).
fn timestamp() -> impl Strategy<Value = String> {
    "(19|20)[0-9]{2}-(0?[1-9]|1[0-2])-(0?[1-9]|1[0-9]|2[0-8])([Tt ][01][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?)?"
        .prop_map(|s| if s.contains(['T', 't']) { format!("{s}Z") } else { s })
}

/// Words starting with a letter, and table words with a suffix (`yes2`, `nO`, `no`).
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z][a-zA-Z0-9.-]{0,10}",
        (select(WORDS), "[a-zA-Z0-9]{1,3}").prop_map(|(w, s)| format!("{w}{s}")),
    ]
}

/// Plain scalars of every class, each valid after `k: ` and `- ` in block YAML.
fn plain_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        select(spellings()).prop_map(str::to_owned),
        case_variant(),
        int_literal(any::<u64>()).prop_map(|(_, _, t)| t),
        float_literal().prop_map(|(_, t)| t),
        digit_string(),
        dot_float(),
        sexagesimal(),
        timestamp(),
        word(),
    ]
}

/// Text a quoted scalar may hold on one line: printable, no tab, no Unicode line break.
fn quoted_content() -> impl Strategy<Value = String> {
    prop_oneof![
        plain_scalar(),
        "[ -~]{0,16}",
        "\\PC{0,12}"
            .prop_filter("no Unicode line break", |s| !s.contains(['\u{2028}', '\u{2029}'])),
    ]
}

/// The value at `k` of a parsed `k: ...` document, with its style.
fn value_at(text: &str, key: &str) -> (Value, Option<ScalarStyle>) {
    let parsed = parse(text, &Limits::default());
    assert!(parsed.issues.is_empty(), "{text:?}: {:?}", parsed.issues);
    assert_eq!(parsed.documents.len(), 1, "{text:?}");
    let root = parsed.documents[0].root().expect("a root");
    let node = root.get(key).unwrap_or_else(|| panic!("{text:?}: no key {key:?}"));
    (node.value().clone(), node.style())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Every spelling of the table resolves to its row's value.
    #[test]
    fn table_spellings_resolve(s in select(spellings())) {
        let want = table(s).expect("a table spelling");
        prop_assert_same!(resolve_plain(s), want, s);
    }

    /// Case variants of the table's words are booleans, nulls or special floats exactly when the
    /// variant is itself a table spelling: `yEs`, `tRUE`, `nULL`, `.iNF` are strings.
    #[test]
    fn case_variants_resolve_only_when_in_table(s in case_variant()) {
        prop_assert_same!(resolve_plain(&s), table_or_str(&s), s);
    }

    /// Words starting with a letter (table words with suffixes among them) are the table's value
    /// or the word itself.
    #[test]
    fn words_are_strings_unless_in_table(s in word()) {
        prop_assert_same!(resolve_plain(&s), table_or_str(&s), s);
    }

    /// A first char outside go-yaml's hints makes any text a string, whatever follows.
    #[test]
    fn unhinted_scalars_are_strings(
        first in any::<char>().prop_filter("not a hint", |c| !HINTS.contains(*c)),
        rest in any::<String>(),
    ) {
        let s = format!("{first}{rest}");
        prop_assert_same!(resolve_plain(&s), str_value(&s), s);
    }

    /// Any i64 in decimal, with `+` when not negative and `_` anywhere after the first char, is
    /// that integer.
    #[test]
    fn decimal_i64_resolves(i in any::<i64>(), plus in any::<bool>(), at in underscores()) {
        let mut text = i.to_string();
        if plus && i >= 0 {
            text.insert(0, '+');
        }
        let text = underscored(text, &at);
        prop_assert_same!(resolve_plain(&text), Value::Int(i), text);
    }

    /// Any u32 in hex, octal (`0o` and legacy `0`), binary or decimal, any prefix and digit case,
    /// signed or not, with underscores, is that integer (negated after `-`).
    #[test]
    fn radix_u32_resolves((u, sign, text) in int_literal(any::<u32>().prop_map(u64::from))) {
        let v = i64::try_from(u).expect("a u32");
        let want = if sign == '-' { -v } else { v };
        prop_assert_same!(resolve_plain(&text), Value::Int(want), text);
    }

    /// Any u64 in every radix: an int within `int64`; beyond it a float when unsigned (go-yaml's
    /// `uint64`), a decimal float for signed all-digit texts, a string for signed prefixed ones.
    #[test]
    fn radix_u64_resolves((u, sign, text) in int_literal(prop_oneof![any::<u64>(), (1u64 << 63)..])) {
        prop_assert_same!(resolve_plain(&text), expected_int(u, sign, &text), text);
    }

    /// Digit strings of any length, leading zeros included: legacy octal when they start with
    /// `0` and all digits are octal, decimal otherwise; beyond `uint64` a float.
    #[test]
    fn digit_strings_resolve(text in digit_string()) {
        prop_assert_same!(resolve_plain(&text), expected_digits(&text), text);
    }

    /// Any finite f64 written as a float literal (with underscores anywhere after the first char
    /// when it starts with a sign or digit) is that float, to the bit.
    #[test]
    fn float_literals_resolve((f, text) in float_literal(), at in underscores()) {
        let text = if text.starts_with('.') { text } else { underscored(text, &at) };
        prop_assert_same!(resolve_plain(&text), Value::Float(f), text);
    }

    /// A float starting with `.` is read by Go's `ParseFloat`: one `_` between two digits is
    /// allowed, anywhere else (after `.`, around `e`, at the end) the scalar is a string; an
    /// overflow is a string. Signed, the sign hint strips every `_` first.
    #[test]
    fn dot_floats_follow_parse_float(
        text in dot_float(),
        pos in any::<Index>(),
        between in any::<bool>(),
        sign in select(&["", "+", "-"][..]),
    ) {
        let exact: f64 = text.parse().expect("a decimal");
        let good = between_digits(&text);
        let bad: Vec<usize> = (1..=text.len()).filter(|p| !good.contains(p)).collect();
        let (at, allowed) = if between && !good.is_empty() {
            (good[pos.index(good.len())], true)
        } else {
            (bad[pos.index(bad.len())], false)
        };
        let mut with = text.clone();
        with.insert(at, '_');
        let with = format!("{sign}{with}");
        let value = if sign == "-" { -exact } else { exact };
        let want = if value.is_finite() && (allowed || !sign.is_empty()) {
            Value::Float(value)
        } else {
            str_value(&with)
        };
        prop_assert_same!(resolve_plain(&with), want, with);
    }

    /// Sexagesimal numbers and timestamps stay strings.
    #[test]
    fn base60_and_timestamps_are_strings(s in prop_oneof![sexagesimal(), timestamp()]) {
        prop_assert_same!(resolve_plain(&s), str_value(&s), s);
    }

    /// On any text (arbitrary Unicode, or the characters numbers are made of) the reader does not
    /// panic, gives a boolean, a null or a NaN/infinity exactly for the table's spellings, numbers
    /// only after a sign, digit or `.`, and otherwise the text itself.
    #[test]
    fn any_text_resolves_consistently(s in prop_oneof![any::<String>(), "[0-9a-fA-FxXoObB_+.eE:~ tnyY-]{0,14}"]) {
        let got = resolve_plain(&s);
        if let Some(want) = table(&s) {
            prop_assert_same!(got, want, s);
            return Ok(());
        }
        match &got {
            Value::Str(t) => prop_assert_eq!(&**t, s.as_str()),
            Value::Int(_) => prop_assert!(s.starts_with(['+', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']), "{:?}: {:?}", s, got),
            Value::Float(f) => prop_assert!(f.is_finite() && s.starts_with(['+', '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']), "{:?}: {:?}", s, got),
            other => return Err(TestCaseError::fail(format!("{s:?}: {other:?} outside the table"))),
        }
    }

    /// A plain scalar in a mapping value or a sequence item reads as `resolve_plain` says.
    #[test]
    fn documents_resolve_plain_scalars_alike(s in plain_scalar()) {
        let want = resolve_plain(&s);
        let (got, style) = value_at(&format!("k: {s}\n"), "k");
        prop_assert_same!(got, want, s);
        prop_assert_eq!(style, Some(ScalarStyle::Plain));
        let parsed = parse(&format!("- {s}\n"), &Limits::default());
        prop_assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
        let item = parsed.documents[0].root().and_then(|r| r.at(0)).expect("an item");
        prop_assert_same!(item.value().clone(), want, s);
    }

    /// Quoted scalars, single or double, are strings whatever they hold, as values and as keys.
    #[test]
    fn quoted_scalars_are_strings(s in quoted_content()) {
        let double = s.replace('\\', "\\\\").replace('"', "\\\"");
        let (got, style) = value_at(&format!("k: \"{double}\"\n"), "k");
        prop_assert_same!(got, str_value(&s), s);
        prop_assert_eq!(style, Some(ScalarStyle::DoubleQuoted));
        let single = s.replace('\'', "''");
        let (got, style) = value_at(&format!("k: '{single}'\n"), "k");
        prop_assert_same!(got, str_value(&s), s);
        prop_assert_eq!(style, Some(ScalarStyle::SingleQuoted));
        let parsed = parse(&format!("\"{double}\": 1\n'{single}': 2\n"), &Limits::default());
        let root = parsed.documents[0].root().expect("a root");
        prop_assert_eq!(root.entries().len(), 1, "both keys are {:?}", s);
        prop_assert_eq!(&*root.entries()[0].key, s.as_str());
        prop_assert_eq!(root.get(&s).and_then(|n| n.as_i64()), Some(2));
    }

    /// Plain integer and boolean keys are stringified as `YAMLToJSON` does: ints in decimal,
    /// bools as `true`/`false`.
    #[test]
    fn plain_keys_stringify_like_yaml_to_json(
        key in prop_oneof![
            int_literal(any::<u32>().prop_map(u64::from)).prop_map(|(_, _, t)| t),
            select([TRUE, FALSE].concat()).prop_map(str::to_owned),
        ]
    ) {
        let want = match resolve_plain(&key) {
            Value::Int(i) => i.to_string(),
            Value::Bool(b) => b.to_string(),
            other => return Err(TestCaseError::fail(format!("{key:?} is {other:?}"))),
        };
        let (got, _) = value_at(&format!("{key}: v\n"), &want);
        prop_assert_same!(got, str_value("v"), key);
    }
}
