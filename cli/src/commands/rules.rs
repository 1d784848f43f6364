//! `kubeward rules` and `kubeward explain`.

use crate::args::{ExplainArgs, RulesArgs, RulesFormat};
use crate::{Exit, err, out};
use kubeward::rules::{Status, docs, registry};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub fn run(args: &RulesArgs) -> Exit {
    if let Some(dir) = &args.out {
        if args.format != RulesFormat::Markdown {
            err("error: --out needs --format markdown\n");
            return Exit::Usage;
        }
        return write_pages(dir);
    }
    let mut s = String::new();
    match args.format {
        RulesFormat::Table => {
            let _ = writeln!(
                s,
                "{:<36} {:<12} {:<8} {:<11} SUMMARY",
                "ID", "CATEGORY", "SEVERITY", "PSS"
            );
            for r in registry::ALL {
                let pss = r.pss.map_or("-", |p| p.level.as_str());
                let preview = if r.status == Status::Preview { " (preview)" } else { "" };
                let _ = writeln!(
                    s,
                    "{:<36} {:<12} {:<8} {:<11} {}{preview}",
                    r.id,
                    r.category.as_str(),
                    r.severity.as_str(),
                    pss,
                    r.summary()
                );
            }
        }
        RulesFormat::Json => {
            let rules: Vec<_> = registry::ALL
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "category": r.category.as_str(),
                        "severity": r.severity,
                        "summary": r.summary(),
                        "pss": r.pss,
                        "status": if r.status == Status::Preview { "preview" } else { "stable" },
                        "since": r.since,
                        "url": r.url(),
                    })
                })
                .collect();
            s = serde_json::to_string_pretty(&rules).unwrap_or_default();
            s.push('\n');
        }
        RulesFormat::Markdown => {
            for r in registry::ALL {
                s.push_str(&docs::to_markdown(r));
                s.push('\n');
            }
        }
    }
    out(&s);
    Exit::Clean
}

/// Writes `<dir>/<id>.md` for every rule and `<dir>/README.md`, the index (the committed
/// `docs/rules/`; `core/tests/registry.rs` and `tests/cli.rs` keep them equal to these).
fn write_pages(dir: &Path) -> Exit {
    let mut pages: Vec<(PathBuf, String)> = registry::ALL
        .iter()
        .map(|r| (dir.join(format!("{}.md", r.id)), docs::to_markdown(r)))
        .collect();
    pages.push((dir.join("README.md"), docs::index_markdown(registry::ALL)));
    if let Err(e) = std::fs::create_dir_all(dir) {
        err(&format!("error: cannot create {}: {e}\n", dir.display()));
        return Exit::Usage;
    }
    for (path, text) in &pages {
        if let Err(e) = std::fs::write(path, text) {
            err(&format!("error: cannot write {}: {e}\n", path.display()));
            return Exit::Usage;
        }
    }
    out(&format!("wrote {} rule pages and README.md to {}\n", pages.len() - 1, dir.display()));
    Exit::Clean
}

pub fn explain(args: &ExplainArgs) -> Exit {
    let Some(rule) = registry::get(&args.rule) else {
        let hint = registry::nearest(&args.rule)
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        err(&format!("error: unknown rule `{}`{hint}\n", args.rule));
        return Exit::Usage;
    };
    let mut s = String::new();
    let _ = writeln!(s, "{}: {}\n", rule.id, rule.summary());
    let _ = writeln!(s, "  category   {}", rule.category.as_str());
    let _ = writeln!(s, "  severity   {} (default)", rule.severity);
    if let Some(p) = rule.pss {
        let _ = writeln!(s, "  pss        {} ({})", p.level.as_str(), p.check);
    }
    let _ = writeln!(s, "  since      {}", rule.since);
    let _ = writeln!(s, "  config     rules: {{{}: off|info|warning|error}}", rule.id);
    let _ = writeln!(s, "  suppress   ignore.kubeward.dev/{}: \"<reason>\"", rule.id);
    let _ = writeln!(s, "  url        {}\n", rule.url());
    s.push_str(&docs::to_plain(rule));
    out(&s);
    Exit::Clean
}
