//! `textDocument/didSave`: the saved text becomes the workspace's copy (so other documents'
//! cross-file findings see it); `.kubeward.yaml` is reloaded.

use crate::lsp::server::Server;
use lsp_types::DidSaveTextDocumentParams;

pub fn handle(server: &mut Server, p: DidSaveTextDocumentParams) {
    server.saved(&p.text_document.uri, p.text);
    server.publish();
}
