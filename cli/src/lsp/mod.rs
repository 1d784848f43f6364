//! `kubeward lsp`: a language server on stdio (lsp-server + lsp-types, synchronous).
//!
//! Documents are linted with the same core entry points as `kubeward lint`, together with the
//! workspace's manifests (walked once at `initialize` and kept in memory), so cross-file
//! findings such as RBAC escalation paths see the whole workspace. Sync is full-text; positions
//! are UTF-16, as the protocol requires by default.
//!
//! | module | what |
//! |---|---|
//! | [`server`] | the state: config, workspace files, open documents, the last report |
//! | [`convert`] | byte spans ↔ LSP positions, findings → LSP diagnostics, paths ↔ URIs |
//! | [`suppress`] | the text edit that adds `ignore.kubeward.dev/<rule>` to an object |
//! | [`handlers`] | one file per LSP method |
//!
//! stdout is the protocol: nothing else may write to it.
#![deny(clippy::print_stdout)]

mod convert;
mod handlers;
mod server;
mod suppress;

use crate::{Exit, err};
use lsp_server::{Connection, Message};
use server::Server;

/// Runs the server until `shutdown` + `exit` (exit code 0), or until the client goes away or
/// sends `exit` without `shutdown` (exit code 1, as the protocol asks).
pub fn run() -> Exit {
    let (connection, io_threads) = Connection::stdio();
    let code = match serve(&connection) {
        Ok(code) => code,
        Err(e) => {
            err(&format!("kubeward lsp: {e}\n"));
            Exit::Findings
        }
    };
    // The writer thread ends only when every sender is gone: drop the connection before joining
    // the io threads, or the process hangs after `exit` (ECOSYSTEM.md §5).
    drop(connection);
    if let Err(e) = io_threads.join() {
        err(&format!("kubeward lsp: {e}\n"));
    }
    code
}

fn serve(connection: &Connection) -> Result<Exit, Box<dyn std::error::Error>> {
    let (id, params) = connection.initialize_start()?;
    let params: lsp_types::InitializeParams = serde_json::from_value(params)?;
    let mut server = Server::new(connection.sender.clone(), handlers::initialize::root(&params));
    connection.initialize_finish(id, handlers::initialize::result())?;
    server.load_workspace();
    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    return Ok(Exit::Clean);
                }
                handlers::request(&mut server, req);
            }
            Message::Notification(n) if n.method == "exit" => return Ok(Exit::Findings),
            Message::Notification(n) => handlers::notification(&mut server, n),
            Message::Response(_) => {}
        }
    }
    Ok(Exit::Findings)
}
