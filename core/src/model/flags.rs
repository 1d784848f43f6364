//! Command-line flags as Kubernetes components read them (spf13/pflag, and Go's `flag` package
//! for etcd), each occurrence with the field path of the array item where it is written.
//!
//! Forms: `--name=value`, `--name value` (for a flag that is not boolean), `-name`, a bare
//! boolean `--name` (true), `--` ending the flags. Later occurrences of a scalar flag win, as
//! in pflag; list flags are read with [`Flags::list`] (every occurrence, comma-split) or
//! [`Flags::last_list`] (only the last occurrence, for values whose `Set` replaces).

use crate::model::FieldPath;

/// Where a flag's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagOrigin {
    /// Written in the input.
    Written,
    /// Set by a tool on the user's behalf (kubeadm's defaults).
    Default,
}

/// One occurrence of a flag.
#[derive(Debug, Clone)]
pub struct Flag {
    /// The name without dashes (`anonymous-auth`).
    pub name: String,
    /// The value; `None` for a bare boolean flag (`--profiling`).
    pub value: Option<String>,
    /// The item where the flag is written (`command[3]`), relative to the component.
    pub path: FieldPath,
    pub origin: FlagOrigin,
}

impl Flag {
    /// The value as written, `"true"` for a bare flag.
    #[must_use]
    pub fn text(&self) -> &str {
        self.value.as_deref().unwrap_or("true")
    }

    /// True when the value is expanded at run time (`$(VAR)` by the kubelet, `$VAR` by a shell),
    /// so it cannot be judged from the file.
    #[must_use]
    pub fn is_dynamic(&self) -> bool {
        self.value.as_deref().is_some_and(|v| v.contains('$'))
    }

    /// The value as a boolean, read as Go's `strconv.ParseBool` does; `None` when it is not one
    /// (the component refuses to start) or is dynamic.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self.value.as_deref() {
            None => Some(true),
            Some("1" | "t" | "T" | "TRUE" | "true" | "True") => Some(true),
            Some("0" | "f" | "F" | "FALSE" | "false" | "False") => Some(false),
            Some(_) => None,
        }
    }
}

/// How a binary reads its flags.
#[derive(Debug, Clone, Copy)]
pub struct Syntax {
    /// Boolean flags: they never take the next argument as their value.
    pub bools: &'static [&'static str],
    /// pflag with `cliflag.WordSepNormalizeFunc` reads `_` as `-` (every Kubernetes binary).
    pub underscores_as_dashes: bool,
}

/// The flags of one command line.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    items: Vec<Flag>,
}

impl Flags {
    /// Parses arguments (the binary already removed), each with the path of its item.
    #[must_use]
    pub fn parse<'s>(
        args: impl IntoIterator<Item = (&'s str, FieldPath)>,
        syntax: &Syntax,
    ) -> Self {
        let mut items = Vec::new();
        let mut iter = args.into_iter().peekable();
        while let Some((arg, path)) = iter.next() {
            if arg == "--" {
                break;
            }
            let Some(body) = arg.strip_prefix("--").or_else(|| arg.strip_prefix('-')) else {
                continue; // a positional argument
            };
            if body.is_empty() || body.starts_with('-') {
                continue;
            }
            let (raw, value) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (body, None),
            };
            let name =
                if syntax.underscores_as_dashes { raw.replace('_', "-") } else { raw.to_owned() };
            let value = match value {
                Some(v) => Some(v),
                None if syntax.bools.contains(&name.as_str()) => None,
                None => match iter.peek() {
                    Some((next, _)) if !next.starts_with('-') || next.len() == 1 => {
                        iter.next().map(|(v, _)| v.to_owned())
                    }
                    _ => None,
                },
            };
            items.push(Flag { name, value, path, origin: FlagOrigin::Written });
        }
        Self { items }
    }

    /// Adds an occurrence after the others.
    pub fn push(&mut self, flag: Flag) {
        self.items.push(flag);
    }

    /// Removes every occurrence of `name`.
    pub fn remove(&mut self, name: &str) {
        self.items.retain(|f| f.name != name);
    }

    /// Every occurrence, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Flag> {
        self.items.iter()
    }

    /// The occurrence that wins: the last.
    #[must_use]
    pub fn last(&self, name: &str) -> Option<&Flag> {
        self.items.iter().rev().find(|f| f.name == name)
    }

    /// True when the flag is given at least once.
    #[must_use]
    pub fn has(&self, name: &str) -> bool {
        self.last(name).is_some()
    }

    /// The items of a list flag whose occurrences append (pflag `StringSlice`, map flags):
    /// every occurrence, comma-split, trimmed, empty items dropped.
    #[must_use]
    pub fn list(&self, name: &str) -> Vec<(&str, &Flag)> {
        self.items.iter().filter(|f| f.name == name).flat_map(split).collect()
    }

    /// The items of a list flag whose last occurrence replaces the others (etcd's URL lists).
    #[must_use]
    pub fn last_list(&self, name: &str) -> Vec<(&str, &Flag)> {
        self.last(name).map(split).unwrap_or_default()
    }
}

fn split(f: &Flag) -> Vec<(&str, &Flag)> {
    f.value
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| (s, f))
        .collect()
}

/// Splits a shell command (`sh -c "…"`) into words: quotes, backslash escapes and line
/// continuations, stopping at the first unquoted operator (`;`, `&`, `|`, `<`, `>`, `#`, `(`).
#[must_use]
pub fn shell_words(script: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => {
                            if let Some(n) = chars.next()
                                && n != '\n'
                            {
                                cur.push(n);
                            }
                        }
                        _ => cur.push(q),
                    }
                }
            }
            '\\' => match chars.next() {
                Some('\n') | None => {}
                Some(n) => {
                    in_word = true;
                    cur.push(n);
                }
            },
            ';' | '&' | '|' | '<' | '>' | '(' | ')' => break,
            '#' if !in_word => break,
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    const SYNTAX: Syntax = Syntax { bools: &["profiling"], underscores_as_dashes: true };

    fn parse(args: &[&str]) -> Flags {
        Flags::parse(
            args.iter().enumerate().map(|(i, a)| (*a, FieldPath::root().key("command").index(i))),
            &SYNTAX,
        )
    }

    #[test]
    fn forms() {
        let f = parse(&["--a=1", "--b", "2", "-c=3", "--profiling", "--d_e=x", "pos", "--a=9"]);
        assert_eq!(f.last("a").and_then(|f| f.value.as_deref()), Some("9"));
        assert_eq!(f.last("b").map(|f| f.path.to_string()), Some("command[1]".to_owned()));
        assert_eq!(f.last("b").and_then(|f| f.value.as_deref()), Some("2"));
        assert_eq!(f.last("c").and_then(|f| f.value.as_deref()), Some("3"));
        assert_eq!(f.last("profiling").and_then(Flag::as_bool), Some(true));
        assert!(f.has("d-e"));
        assert!(!f.has("pos"));
    }

    #[test]
    fn bool_flag_does_not_take_the_next_argument() {
        let f = parse(&["--profiling", "false"]);
        assert_eq!(f.last("profiling").and_then(Flag::as_bool), Some(true));
        let f = parse(&["--profiling=False"]);
        assert_eq!(f.last("profiling").and_then(Flag::as_bool), Some(false));
        let f = parse(&["--profiling=maybe"]);
        assert_eq!(f.last("profiling").and_then(Flag::as_bool), None);
    }

    #[test]
    fn lists_append_or_replace() {
        let f = parse(&["--m=Node", "--m", "RBAC, Webhook", "--x=a", "--x=b,c"]);
        let m: Vec<_> = f.list("m").into_iter().map(|(v, _)| v).collect();
        assert_eq!(m, ["Node", "RBAC", "Webhook"]);
        let x: Vec<_> = f.last_list("x").into_iter().map(|(v, _)| v).collect();
        assert_eq!(x, ["b", "c"]);
    }

    #[test]
    fn double_dash_ends_flags() {
        let f = parse(&["--a=1", "--", "--b=2"]);
        assert!(f.has("a") && !f.has("b"));
    }

    #[test]
    fn shell() {
        let w = shell_words("exec kube-apiserver \\\n  --a='x y' --b=\"q\\\"\" # c\n");
        assert_eq!(w, ["exec", "kube-apiserver", "--a=x y", "--b=q\""]);
        assert_eq!(shell_words("etcd --x=1 && echo --y"), ["etcd", "--x=1"]);
    }
}
