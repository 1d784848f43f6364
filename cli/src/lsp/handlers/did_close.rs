//! `textDocument/didClose`: forget the buffer, clear its diagnostics.

use crate::lsp::server::Server;
use lsp_types::DidCloseTextDocumentParams;

pub fn handle(server: &mut Server, p: &DidCloseTextDocumentParams) {
    server.closed(&p.text_document.uri);
    server.publish();
}
