//! Scalars resolved exactly as go-yaml v2 (`resolve.go`, `decode.go`) and sigs.k8s.io/yaml's
//! `YAMLToJSON` resolve them, since that is how kubectl and the API server read manifests.
//!
//! - Only plain (unquoted, untagged) scalars resolve; quoted and block scalars are strings.
//! - The table is case-sensitive: `yes`, `Yes`, `YES` are true, `yEs` is a string.
//! - Integers strip every `_` and then follow Go's `strconv.ParseInt(s, 0, 64)`: `0x`, `0o`, `0b`
//!   prefixes, a leading `0` for octal (`0777` is 511, `08` falls through to the float 8).
//!   Integers beyond `i64` become floats here (go-yaml gives `uint64` or `float64`).
//! - Timestamps resolve as timestamps but reach `interface{}` as their text: strings.
//! - Explicit tags: `!!str`/`!!binary` force a string, `!!bool`/`!!int`/`!!float`/`!!null` must
//!   fit their value (an error otherwise, as go-yaml fails the whole decode), and any other tag
//!   (`!Ref`, `!`) leaves the text as a string, as go-yaml's `resolve` does for tags it cannot
//!   resolve.
//! - Keys are stringified as `YAMLToJSON` does: ints in decimal, bools as `true`/`false`, floats
//!   with Go's `FormatFloat(f, 'g', -1, 32)`; null, `uint64`, mapping and sequence keys are
//!   rejected.

use compact_str::CompactString;
use std::borrow::Cow;

use super::Value;

/// go-yaml's verdict on a scalar's text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Res {
    Null,
    Bool(bool),
    Int(i64),
    /// Fits `uint64` but not `int64`.
    BigInt(u64),
    Float(f64),
    Str,
    Timestamp,
}

impl Res {
    /// go-yaml's short tag for the verdict.
    fn tag(self) -> &'static str {
        match self {
            Res::Null => "!!null",
            Res::Bool(_) => "!!bool",
            Res::Int(_) | Res::BigInt(_) => "!!int",
            Res::Float(_) => "!!float",
            Res::Str => "!!str",
            Res::Timestamp => "!!timestamp",
        }
    }

    fn into_value(self, text: Cow<'_, str>) -> Value {
        match self {
            Res::Null => Value::Null,
            Res::Bool(b) => Value::Bool(b),
            Res::Int(i) => Value::Int(i),
            #[expect(
                clippy::cast_precision_loss,
                reason = "go-yaml's uint64 has no i64 form; a float is the JSON number"
            )]
            Res::BigInt(u) => Value::Float(u as f64),
            Res::Float(f) => Value::Float(f),
            // Inline up to 24 bytes (most keys and values); a longer one is a fresh exact-size
            // copy: keeping the parser's oversized buffer would waste its spare capacity.
            Res::Str | Res::Timestamp => Value::Str(CompactString::from(&*text)),
        }
    }
}

/// The first-byte hint of go-yaml's `resolveTable`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hint {
    /// Not resolvable: certainly a string.
    None,
    /// `+` or `-`.
    Sign,
    Digit,
    /// `y Y n N t T f F o O ~`: only the map can match.
    Map,
    Dot,
}

fn hint(s: &str) -> Hint {
    match s.as_bytes().first() {
        // An empty scalar hints 'N' in go-yaml, which only the map ("" is null) can match.
        None => Hint::Map,
        Some(b'+' | b'-') => Hint::Sign,
        Some(b'0'..=b'9') => Hint::Digit,
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => {
            Hint::Map
        }
        Some(b'.') => Hint::Dot,
        Some(_) => Hint::None,
    }
}

/// go-yaml's `resolveMap`.
fn resolve_map(s: &str) -> Option<Res> {
    Some(match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Res::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Res::Bool(false)
        }
        "" | "~" | "null" | "Null" | "NULL" => Res::Null,
        ".nan" | ".NaN" | ".NAN" => Res::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Res::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Res::Float(f64::NEG_INFINITY),
        _ => return None,
    })
}

/// go-yaml v2 `resolve(tag, in)` for a resolvable tag other than `!!str`/`!!binary`.
/// `try_timestamp` is true for an untagged scalar or `!!timestamp`.
fn resolve_text(s: &str, try_timestamp: bool) -> Res {
    let h = hint(s);
    if h == Hint::None {
        return Res::Str;
    }
    if let Some(r) = resolve_map(s) {
        return r;
    }
    match h {
        Hint::Dot => match go_parse_float(s) {
            Some(f) => Res::Float(f),
            None => Res::Str,
        },
        Hint::Digit | Hint::Sign => {
            if try_timestamp && is_timestamp(s) {
                return Res::Timestamp;
            }
            let plain: Cow<'_, str> =
                if s.contains('_') { Cow::Owned(s.replace('_', "")) } else { Cow::Borrowed(s) };
            if let Some(i) = go_parse_int(&plain) {
                return Res::Int(i);
            }
            if let Some(u) = go_parse_uint(plain.as_bytes()) {
                return Res::BigInt(u);
            }
            if is_yaml_style_float(plain.as_bytes())
                && let Some(f) = parse_finite(&plain)
            {
                return Res::Float(f);
            }
            // go-yaml retries `0b…`/`-0b…` in base 2 here, but ParseInt(_, 0, 64) and
            // ParseUint above already accept everything that retry could.
            Res::Str
        }
        Hint::Map | Hint::None => Res::Str,
    }
}

/// Resolves a plain (unquoted, untagged) scalar as go-yaml v2 does.
#[must_use]
pub fn resolve_plain(s: &str) -> Value {
    resolve_text(s, true).into_value(Cow::Borrowed(s))
}

/// A scalar event resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub value: Value,
    /// An integer that only fits `uint64` (`YAMLToJSON` rejects it as a key).
    pub big_int: bool,
    /// The tag does not fit the value (go-yaml fails the decode); `value` is then the text.
    pub error: Option<String>,
}

const LONG_TAG_PREFIX: &str = "tag:yaml.org,2002:";

/// `tag:yaml.org,2002:int` → `!!int`; other tags unchanged.
pub(crate) fn short_tag(tag: &str) -> Cow<'_, str> {
    match tag.strip_prefix(LONG_TAG_PREFIX) {
        Some(rest) => Cow::Owned(format!("!!{rest}")),
        None => Cow::Borrowed(tag),
    }
}

/// Resolves one scalar as go-yaml v2's decoder does. `tag` is the full tag (`tag:yaml.org,2002:int`,
/// `!Ref`), `plain` whether the scalar was written unquoted.
pub(crate) fn resolve_scalar(text: Cow<'_, str>, plain: bool, tag: Option<&str>) -> Resolved {
    let ok = |res: Res, text: Cow<'_, str>| Resolved {
        big_int: matches!(res, Res::BigInt(_)),
        value: res.into_value(text),
        error: None,
    };
    let Some(tag) = tag else {
        return if plain { ok(resolve_text(&text, true), text) } else { ok(Res::Str, text) };
    };
    let short = short_tag(tag);
    match &*short {
        "!!str" => ok(Res::Str, text),
        "!!binary" => match base64_decode(&text) {
            Some(bytes) => ok(Res::Str, Cow::Owned(String::from_utf8_lossy(&bytes).into_owned())),
            None => Resolved {
                value: Res::Str.into_value(text),
                big_int: false,
                error: Some("!!binary value contains invalid base64 data".to_owned()),
            },
        },
        want @ ("!!null" | "!!bool" | "!!int" | "!!float" | "!!timestamp") => {
            let res = resolve_text(&text, want == "!!timestamp");
            let res = match res {
                r if r.tag() == want => Some(r),
                #[expect(
                    clippy::cast_precision_loss,
                    reason = "go-yaml converts with float64(v) too"
                )]
                Res::Int(i) if want == "!!float" => Some(Res::Float(i as f64)),
                #[expect(
                    clippy::cast_precision_loss,
                    reason = "go-yaml converts with float64(v) too"
                )]
                Res::BigInt(u) if want == "!!float" => Some(Res::Float(u as f64)),
                _ => None,
            };
            match res {
                Some(r) => ok(r, text),
                None => {
                    let error =
                        format!("cannot decode {} `{}` as a {want}", res_tag(&text, want), text);
                    Resolved {
                        value: Res::Str.into_value(text),
                        big_int: false,
                        error: Some(error),
                    }
                }
            }
        }
        // go-yaml's resolve returns the text unchanged for tags it cannot resolve.
        _ => ok(Res::Str, text),
    }
}

fn res_tag(text: &str, want: &str) -> &'static str {
    resolve_text(text, want == "!!timestamp").tag()
}

/// Stringifies a mapping key as `YAMLToJSON` does. `Err` names what the key is.
pub(crate) fn key_string(value: Value, big_int: bool) -> Result<CompactString, &'static str> {
    match value {
        Value::Str(s) => Ok(s),
        Value::Int(i) => Ok(CompactString::from(i.to_string())),
        Value::Bool(b) => Ok(if b { "true" } else { "false" }.into()),
        Value::Float(_) if big_int => Err("an integer beyond int64"),
        Value::Float(f) => Ok(CompactString::from(go_format_float32(f))),
        Value::Null => Err("null"),
        Value::Seq(_) => Err("a sequence"),
        Value::Map(_) => Err("a mapping"),
    }
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 32)` with go-yaml's names for the specials, as
/// `YAMLToJSON` formats a float key.
#[must_use]
pub fn go_format_float32(f: f64) -> String {
    #[expect(clippy::cast_possible_truncation, reason = "Go converts to float32 the same way")]
    let v = f as f32;
    if v.is_nan() {
        return ".nan".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { ".inf" } else { "-.inf" }.to_owned();
    }
    let neg = v.is_sign_negative();
    // Shortest round-trip digits for f32, as Go computes them.
    let sci = format!("{:e}", v.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    let nd = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    let dp = exp + 1;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    let digit = |i: i32| {
        usize::try_from(i).ok().and_then(|i| digits.get(i)).map_or('0', |&d| char::from(d))
    };
    if !(-4..6).contains(&exp) {
        out.push(digit(0));
        if nd > 1 {
            out.push('.');
            (1..nd).for_each(|i| out.push(digit(i)));
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        out.push_str(&e.to_string());
    } else {
        if dp > 0 {
            (0..dp).for_each(|i| out.push(digit(i)));
        } else {
            out.push('0');
        }
        let prec = (nd - dp).max(0);
        if prec > 0 {
            out.push('.');
            (0..prec).for_each(|i| out.push(digit(dp + i)));
        }
    }
    out
}

/// Go `strconv.ParseUint(s, 0, 64)` on a string without underscores. `None` on any error.
fn go_parse_uint(s: &[u8]) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let (base, digits): (u64, &[u8]) = match s {
        [b'0', p, _, ..] if p.eq_ignore_ascii_case(&b'b') => (2, &s[2..]),
        [b'0', p, _, ..] if p.eq_ignore_ascii_case(&b'o') => (8, &s[2..]),
        [b'0', p, _, ..] if p.eq_ignore_ascii_case(&b'x') => (16, &s[2..]),
        [b'0', rest @ ..] => (8, rest),
        _ => (10, s),
    };
    let mut n: u64 = 0;
    for &c in digits {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' => c - b'a' + 10,
            b'A'..=b'Z' => c - b'A' + 10,
            _ => return None,
        };
        if u64::from(d) >= base {
            return None;
        }
        n = n.checked_mul(base)?.checked_add(u64::from(d))?;
    }
    Some(n)
}

/// Go `strconv.ParseInt(s, 0, 64)` on a string without underscores. `None` on any error.
fn go_parse_int(s: &str) -> Option<i64> {
    let (neg, rest) = match s.as_bytes() {
        [b'+', rest @ ..] => (false, rest),
        [b'-', rest @ ..] => (true, rest),
        rest => (false, rest),
    };
    let un = go_parse_uint(rest)?;
    if neg {
        if un == 1 << 63 { Some(i64::MIN) } else { i64::try_from(un).ok().map(|v| -v) }
    } else {
        i64::try_from(un).ok()
    }
}

/// go-yaml's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_style_float(s: &[u8]) -> bool {
    let mut i = usize::from(matches!(s.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while s.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if s.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if s.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == s.len()
}

/// Parses a decimal float; `None` when it overflows (Go's `ParseFloat` reports a range error).
fn parse_finite(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Go `strconv.ParseFloat(s, 64)` for the decimal syntax that can start with `.` (go-yaml's
/// `.` hint): digits with one dot, an optional exponent, `_` only between digits.
fn go_parse_float(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let (mut saw_digit, mut saw_dot, mut underscores) = (false, false, false);
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => saw_digit = true,
            b'_' => underscores = true,
            b'.' if !saw_dot => saw_dot = true,
            _ => break,
        }
        i += 1;
    }
    if !saw_digit {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        while let Some(&c) = b.get(i) {
            match c {
                b'0'..=b'9' => {}
                b'_' => underscores = true,
                _ => break,
            }
            i += 1;
        }
    }
    if i != b.len() || (underscores && !go_underscore_ok(b)) {
        return None;
    }
    parse_finite(&s.replace('_', ""))
}

/// Go `strconv.underscoreOK`: each `_` sits between digits (or after a base prefix).
fn go_underscore_ok(s: &[u8]) -> bool {
    let s = match s {
        [b'+' | b'-', rest @ ..] => rest,
        _ => s,
    };
    let (mut saw, mut i, mut hex) = (b'^', 0, false);
    if let [b'0', p, ..] = s
        && matches!(p.to_ascii_lowercase(), b'b' | b'o' | b'x')
    {
        i = 2;
        saw = b'0';
        hex = p.eq_ignore_ascii_case(&b'x');
    }
    while let Some(&c) = s.get(i) {
        i += 1;
        if c.is_ascii_digit() || (hex && c.is_ascii_hexdigit()) {
            saw = b'0';
            continue;
        }
        if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
            continue;
        }
        if saw == b'_' {
            return false;
        }
        saw = b'!';
    }
    saw != b'_'
}

/// go-yaml v2 `parseTimestamp`: the layouts `2006-1-2`, `2006-1-2 15:4:5.999999999`,
/// `2006-1-2T15:4:5.999999999Z07:00` (also with `t`), as Go's `time.Parse` reads them.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    // Quick check from go-yaml: four digits and a dash.
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let mut i = 5;
    let num = |i: &mut usize, max_digits: usize| -> Option<u32> {
        let start = *i;
        while *i < b.len() && *i - start < max_digits && b[*i].is_ascii_digit() {
            *i += 1;
        }
        if *i == start { None } else { s[start..*i].parse().ok() }
    };
    let year: u32 = s[..4].parse().unwrap_or(0);
    let Some(month) = num(&mut i, 2) else { return false };
    if b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    let Some(day) = num(&mut i, 2) else { return false };
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let zoned = match b[i] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    i += 1;
    let Some(h) = num(&mut i, 2) else { return false };
    if b.get(i) != Some(&b':') {
        return false;
    }
    i += 1;
    let Some(m) = num(&mut i, 2) else { return false };
    if b.get(i) != Some(&b':') {
        return false;
    }
    i += 1;
    let Some(sec) = num(&mut i, 2) else { return false };
    if h > 23 || m > 59 || sec > 59 {
        return false;
    }
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    if !zoned {
        return i == b.len();
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let z = &b[i + 1..];
            z.len() == 5
                && z[..2].iter().all(u8::is_ascii_digit)
                && z[2] == b':'
                && z[3..].iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// Go `base64.StdEncoding.DecodeString`, which skips `\r` and `\n`.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    fn val(c: u8) -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    }
    let clean: Vec<u8> = s.bytes().filter(|&c| c != b'\r' && c != b'\n').collect();
    if !clean.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    let chunks = clean.chunks(4);
    let last = chunks.len().saturating_sub(1);
    for (n, chunk) in chunks.enumerate() {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && n != last) {
            return None;
        }
        let mut acc = 0u32;
        for &c in &chunk[..4 - pad] {
            acc = (acc << 6) | val(c)?;
        }
        acc <<= 6 * pad;
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(&bytes[1..4 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::Str(v.into())
    }

    /// Every row: input, go-yaml v2's value (as decoded into `interface{}`).
    #[test]
    fn go_yaml_v2_table() {
        use Value::{Bool, Float, Int, Null};
        let rows: Vec<(&str, Value)> = vec![
            // booleans: exactly these spellings
            ("y", Bool(true)),
            ("Y", Bool(true)),
            ("yes", Bool(true)),
            ("Yes", Bool(true)),
            ("YES", Bool(true)),
            ("true", Bool(true)),
            ("True", Bool(true)),
            ("TRUE", Bool(true)),
            ("on", Bool(true)),
            ("On", Bool(true)),
            ("ON", Bool(true)),
            ("n", Bool(false)),
            ("N", Bool(false)),
            ("no", Bool(false)),
            ("No", Bool(false)),
            ("NO", Bool(false)),
            ("false", Bool(false)),
            ("False", Bool(false)),
            ("FALSE", Bool(false)),
            ("off", Bool(false)),
            ("Off", Bool(false)),
            ("OFF", Bool(false)),
            ("yEs", s("yEs")),
            ("tRUE", s("tRUE")),
            ("oN", s("oN")),
            ("nO", s("nO")),
            ("yes!", s("yes!")),
            // nulls
            ("", Null),
            ("~", Null),
            ("null", Null),
            ("Null", Null),
            ("NULL", Null),
            ("nULL", s("nULL")),
            // integers
            ("0", Int(0)),
            ("-0", Int(0)),
            ("+1", Int(1)),
            ("-1", Int(-1)),
            ("42", Int(42)),
            ("0777", Int(511)),
            ("00", Int(0)),
            ("-0777", Int(-511)),
            ("0o17", Int(15)),
            ("0O17", Int(15)),
            ("0x1F", Int(31)),
            ("0X1f", Int(31)),
            ("-0x10", Int(-16)),
            ("+0x10", Int(16)),
            ("0b101", Int(5)),
            ("0B101", Int(5)),
            ("0b_1", Int(1)),
            ("-0b11", Int(-3)),
            ("1_000", Int(1000)),
            ("1_", Int(1)),
            ("-_1", Int(-1)),
            ("0x_1F", Int(31)),
            ("9223372036854775807", Int(i64::MAX)),
            ("-9223372036854775808", Int(i64::MIN)),
            // beyond int64: uint64 (a float here), then float, then string
            ("9223372036854775808", Float(9_223_372_036_854_775_808.0)),
            ("18446744073709551615", Float(18_446_744_073_709_551_615.0)),
            ("99999999999999999999", Float(1e20)),
            ("0xFFFFFFFFFFFFFFFF", Float(18_446_744_073_709_551_615.0)),
            ("0x1FFFFFFFFFFFFFFFF", s("0x1FFFFFFFFFFFFFFFF")),
            ("-9223372036854775809", Float(-9_223_372_036_854_775_809.0)),
            // invalid octal falls through to float
            ("08", Float(8.0)),
            ("09.5", Float(9.5)),
            ("0789", Float(789.0)),
            // prefixes without digits
            ("0x", s("0x")),
            ("0o", s("0o")),
            ("0b", s("0b")),
            ("0b2", s("0b2")),
            ("0xG", s("0xG")),
            ("+", s("+")),
            ("-", s("-")),
            ("+-1", s("+-1")),
            ("_1", s("_1")),
            // floats
            ("1.5", Float(1.5)),
            ("-1.5", Float(-1.5)),
            ("+1.5", Float(1.5)),
            ("0.", Float(0.0)),
            ("1.", Float(1.0)),
            ("1e3", Float(1000.0)),
            ("1E3", Float(1000.0)),
            ("1e+3", Float(1000.0)),
            ("1.5e-3", Float(0.0015)),
            ("1.e5", Float(100_000.0)),
            ("+.5", Float(0.5)),
            ("-.5", Float(-0.5)),
            (".5", Float(0.5)),
            (".5e3", Float(500.0)),
            (".5_0", Float(0.5)),
            ("1_0.5", Float(10.5)),
            ("1e400", s("1e400")),
            ("1e-400", Float(0.0)),
            (".1e400", s(".1e400")),
            ("._5", s("._5")),
            (".5_", s(".5_")),
            (".", s(".")),
            (".e5", s(".e5")),
            ("1e", s("1e")),
            ("1.5.5", s("1.5.5")),
            ("1,000", s("1,000")),
            ("0x1p-2", s("0x1p-2")),
            ("1_000.5_5", Float(1000.55)),
            ("1.25_5", Float(1.255)),
            // special floats
            (".inf", Float(f64::INFINITY)),
            (".Inf", Float(f64::INFINITY)),
            (".INF", Float(f64::INFINITY)),
            ("+.inf", Float(f64::INFINITY)),
            ("+.Inf", Float(f64::INFINITY)),
            ("+.INF", Float(f64::INFINITY)),
            ("-.inf", Float(f64::NEG_INFINITY)),
            ("-.Inf", Float(f64::NEG_INFINITY)),
            ("-.INF", Float(f64::NEG_INFINITY)),
            (".iNf", s(".iNf")),
            ("inf", s("inf")),
            ("nan", s("nan")),
            ("infinity", s("infinity")),
            // timestamps stay strings
            ("2024-01-02", s("2024-01-02")),
            ("2001-12-14t21:59:43.10-05:00", s("2001-12-14t21:59:43.10-05:00")),
            ("2024-13-45", s("2024-13-45")),
            ("12:30:00", s("12:30:00")),
            ("1:20", s("1:20")),
            // strings
            ("=", s("=")),
            ("<<", s("<<")),
            ("hello", s("hello")),
            ("a b", s("a b")),
            ("0.0.0.0", s("0.0.0.0")),
            ("1Gi", s("1Gi")),
            ("100m", s("100m")),
            ("v1", s("v1")),
            ("ÿes", s("ÿes")),
        ];
        for (input, want) in rows {
            let got = resolve_plain(input);
            let same = match (&got, &want) {
                (Value::Float(a), Value::Float(b)) => {
                    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
                }
                _ => got == want,
            };
            assert!(same, "{input:?}: got {got:?}, want {want:?}");
        }
        assert!(matches!(resolve_plain(".nan"), Float(f) if f.is_nan()));
        assert!(matches!(resolve_plain(".NaN"), Float(f) if f.is_nan()));
        assert!(matches!(resolve_plain(".NAN"), Float(f) if f.is_nan()));
    }

    fn tagged(text: &str, plain: bool, tag: &str) -> (Value, Option<String>) {
        let r = resolve_scalar(Cow::Borrowed(text), plain, Some(tag));
        (r.value, r.error)
    }

    #[test]
    fn tags() {
        let t = |s: &str| format!("tag:yaml.org,2002:{s}");
        assert_eq!(tagged("1", true, &t("str")), (s("1"), None));
        assert_eq!(tagged("yes", true, &t("str")), (s("yes"), None));
        assert_eq!(tagged("3", false, &t("int")), (Value::Int(3), None));
        assert_eq!(tagged("0x10", false, &t("int")), (Value::Int(16), None));
        assert_eq!(tagged("yes", false, &t("bool")), (Value::Bool(true), None));
        assert_eq!(tagged("1", true, &t("float")), (Value::Float(1.0), None));
        assert_eq!(tagged("~", true, &t("null")), (Value::Null, None));
        assert_eq!(tagged("2024-01-02", true, &t("timestamp")), (s("2024-01-02"), None));
        assert_eq!(tagged("aGVsbG8=", true, &t("binary")), (s("hello"), None));
        assert_eq!(tagged("aGVs\nbG8=", false, &t("binary")), (s("hello"), None));
        let (v, e) = tagged("abc", true, &t("int"));
        assert_eq!((v, e.as_deref()), (s("abc"), Some("cannot decode !!str `abc` as a !!int")));
        let (_, e) = tagged("1.5", true, &t("int"));
        assert_eq!(e.as_deref(), Some("cannot decode !!float `1.5` as a !!int"));
        let (_, e) = tagged("x", true, &t("null"));
        assert!(e.is_some());
        let (_, e) = tagged("a=", true, &t("binary"));
        assert!(e.is_some());
        // Tags go-yaml cannot resolve keep the text.
        assert_eq!(tagged("5", true, "!Ref"), (s("5"), None));
        assert_eq!(tagged("true", true, "!"), (s("true"), None));
        assert_eq!(tagged("x", true, &t("merge")), (s("x"), None));
    }

    #[test]
    fn quoted_scalars_are_strings() {
        let r = resolve_scalar(Cow::Borrowed("true"), false, None);
        assert_eq!(r.value, s("true"));
    }

    #[test]
    fn keys_are_stringified_like_yaml_to_json() {
        let key = |text: &str| {
            let r = resolve_scalar(Cow::Borrowed(text), true, None);
            key_string(r.value, r.big_int)
        };
        assert_eq!(key("yes").as_deref(), Ok("true"));
        assert_eq!(key("off").as_deref(), Ok("false"));
        assert_eq!(key("0x10").as_deref(), Ok("16"));
        assert_eq!(key("1.5").as_deref(), Ok("1.5"));
        assert_eq!(key("1e20").as_deref(), Ok("1e+20"));
        assert_eq!(key("100000.0").as_deref(), Ok("100000"));
        assert_eq!(key("1000000.0").as_deref(), Ok("1e+06"));
        assert_eq!(key("123456789.0").as_deref(), Ok("1.2345679e+08"));
        assert_eq!(key("0.0001").as_deref(), Ok("0.0001"));
        assert_eq!(key("0.00001").as_deref(), Ok("1e-05"));
        assert_eq!(key("0.1").as_deref(), Ok("0.1"));
        assert_eq!(key("-2.5").as_deref(), Ok("-2.5"));
        assert_eq!(key("1e300").as_deref(), Ok(".inf"));
        assert_eq!(key(".nan").as_deref(), Ok(".nan"));
        assert_eq!(key("-.inf").as_deref(), Ok("-.inf"));
        assert_eq!(key("0.0").as_deref(), Ok("0"));
        assert_eq!(key("~"), Err("null"));
        assert_eq!(key("18446744073709551615"), Err("an integer beyond int64"));
    }
}
