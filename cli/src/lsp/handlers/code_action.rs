//! `textDocument/codeAction`: a quick fix per finding in the range that adds the suppression
//! annotation (`ignore.kubeward.dev/<rule>: "<reason>"`) to the object.

use crate::lsp::server::Server;
use crate::lsp::{convert, suppress};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;

pub fn handle(server: &Server, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let uri = &p.text_document.uri;
    let Some((doc, report, findings)) = server.doc_findings(uri) else { return Vec::new() };
    if let Some(only) = &p.context.only
        && !only.iter().any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
    {
        return Vec::new();
    }
    let mut seen = Vec::new();
    let mut actions = Vec::new();
    for f in findings {
        let Some(file) = report.files.get(f.file) else { continue };
        let d = &f.diagnostic;
        let range = convert::range(&file.line_index, d.span);
        if !convert::intersects(&range, &p.range) {
            continue;
        }
        let Some(insert) = suppress::annotation_insert(&doc.text, d.span.start, d.rule) else {
            continue;
        };
        // One action per rule and object.
        if seen.contains(&(d.rule, insert.offset)) {
            continue;
        }
        seen.push((d.rule, insert.offset));
        let at = convert::position(&file.line_index, insert.offset);
        let edit = TextEdit { range: lsp_types::Range::new(at, at), new_text: insert.text };
        let object =
            d.object.as_ref().map_or_else(|| "the object".to_owned(), |o| o.display_name());
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Suppress {} on {object} (annotation with a reason)", d.rule),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![convert::diagnostic(report, f, server.root.as_deref())]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..WorkspaceEdit::default()
            }),
            ..CodeAction::default()
        }));
    }
    actions
}
