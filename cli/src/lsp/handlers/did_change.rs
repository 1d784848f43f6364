//! `textDocument/didChange` (full sync: the last change holds the whole text): relint, publish.

use crate::lsp::server::Server;
use lsp_types::DidChangeTextDocumentParams;

pub fn handle(server: &mut Server, p: DidChangeTextDocumentParams) {
    let Some(change) = p.content_changes.into_iter().last() else { return };
    let uri = p.text_document.uri;
    if change.range.is_some() || !server.docs.contains_key(uri.as_str()) {
        // We announced full sync; an incremental change or an unknown document is ignored.
        return server.log(&format!("ignored a change to {}", uri.as_str()));
    }
    server.set_doc(uri, p.text_document.version, change.text, None);
    server.publish();
}
