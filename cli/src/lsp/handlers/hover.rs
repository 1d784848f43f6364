//! `textDocument/hover`: on a finding, the rule's summary, the message and the fix.

use crate::lsp::convert;
use crate::lsp::server::Server;
use kubeward::rules::registry;
use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};
use std::fmt::Write as _;

pub fn handle(server: &Server, p: &HoverParams) -> Option<Hover> {
    let pos = &p.text_document_position_params;
    let (_, report, findings) = server.doc_findings(&pos.text_document.uri)?;
    let mut md = String::new();
    let mut range = None;
    for f in findings {
        let file = report.files.get(f.file)?;
        let r = convert::range(&file.line_index, f.diagnostic.span);
        if !convert::contains(&r, pos.position) {
            continue;
        }
        range.get_or_insert(r);
        let d = &f.diagnostic;
        if !md.is_empty() {
            md.push_str("\n\n---\n\n");
        }
        match registry::get(d.rule) {
            Some(rule) => {
                let _ = writeln!(md, "**{}** ({}): {}\n", rule.id, d.severity, rule.summary());
                let _ = writeln!(md, "{}\n", d.message);
                if let Some(help) = &d.help {
                    let _ = writeln!(md, "**Fix:** {help}\n");
                }
                let _ = write!(
                    md,
                    "Suppress with the annotation `ignore.kubeward.dev/{}: \"<reason>\"` · [docs]({})",
                    rule.id,
                    rule.url()
                );
            }
            None => {
                let _ = write!(md, "**{}**: {}", d.rule, d.message);
            }
        }
    }
    let range = range?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: md }),
        range: Some(range),
    })
}
