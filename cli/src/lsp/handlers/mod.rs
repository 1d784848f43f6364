//! One file per LSP method. Requests get a response (an error for unknown methods);
//! notifications change the state and republish diagnostics.

pub mod code_action;
pub mod did_change;
pub mod did_close;
pub mod did_open;
pub mod did_save;
pub mod hover;
pub mod initialize;

use super::server::Server;
use lsp_server::{ErrorCode, Notification, Request, Response};

/// Decodes the params of a message.
fn params<P: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<P, String> {
    serde_json::from_value(value).map_err(|e| format!("invalid params: {e}"))
}

fn json(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

pub fn request(server: &mut Server, req: Request) {
    let id = req.id.clone();
    let result = match req.method.as_str() {
        "textDocument/hover" => params(req.params).map(|p| json(&hover::handle(server, &p))),
        "textDocument/codeAction" => {
            params(req.params).map(|p| json(&code_action::handle(server, &p)))
        }
        method => {
            let msg = format!("unsupported request {method}");
            return server.respond(Response::new_err(id, ErrorCode::MethodNotFound as i32, msg));
        }
    };
    server.respond(match result {
        Ok(value) => Response::new_ok(id, value),
        Err(e) => Response::new_err(id, ErrorCode::InvalidParams as i32, e),
    });
}

pub fn notification(server: &mut Server, n: Notification) {
    let result = match n.method.as_str() {
        "textDocument/didOpen" => params(n.params).map(|p| did_open::handle(server, p)),
        "textDocument/didChange" => params(n.params).map(|p| did_change::handle(server, p)),
        "textDocument/didSave" => params(n.params).map(|p| did_save::handle(server, p)),
        "textDocument/didClose" => params(n.params).map(|p| did_close::handle(server, &p)),
        _ => Ok(()), // `initialized`, `$/…`, `workspace/didChangeConfiguration`, …: nothing to do
    };
    if let Err(e) = result {
        server.log(&format!("{}: {e}", n.method));
    }
}
