//! `textDocument/didOpen`: lint the document with the workspace, publish.

use crate::lsp::server::Server;
use lsp_types::DidOpenTextDocumentParams;

pub fn handle(server: &mut Server, p: DidOpenTextDocumentParams) {
    let d = p.text_document;
    server.set_doc(d.uri, d.version, d.text, Some(&d.language_id));
    server.publish();
}
