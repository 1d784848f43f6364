//! kubeconfig files (`kind: Config`, `apiVersion: v1`): cluster TLS and user credentials.

use crate::model::FieldPath;
use crate::rules::ObjectCtx;
use crate::source::NodeRef;

pub mod auth_provider;
pub mod exec_plugin;
pub mod insecure_server;
pub mod insecure_skip_tls_verify;
pub mod missing_ca;
pub mod static_credentials;

/// The kind kubeconfig rules look at.
pub(crate) const KINDS: &[&str] = &["Config"];

/// A named entry of `clusters` or `users`: its name, its `cluster`/`user` map and that map's path.
pub(crate) struct Named<'a> {
    pub name: &'a str,
    pub node: NodeRef<'a>,
    pub path: FieldPath,
}

/// The named entries of `list` (`clusters` or `users`), each with its `field` (`cluster`, `user`).
pub(crate) fn named<'a>(
    o: &ObjectCtx<'a>,
    list: &'static str,
    field: &'static str,
) -> Vec<Named<'a>> {
    if o.object.api_version != "v1" {
        return Vec::new();
    }
    let Some(items) = o.root.get(list) else { return Vec::new() };
    items
        .items()
        .enumerate()
        .filter_map(|(i, item)| {
            let node = item.get(field).filter(|n| n.is_map())?;
            let name = item.get("name").and_then(NodeRef::as_str).unwrap_or("");
            Some(Named { name, node, path: FieldPath::root().key(list).index(i).key(field) })
        })
        .collect()
}

/// A non-empty string field.
pub(crate) fn text<'a>(n: NodeRef<'a>, key: &str) -> Option<&'a str> {
    n.get(key).and_then(NodeRef::as_str).filter(|s| !s.is_empty())
}

/// Whether a server URL is plain HTTP.
pub(crate) fn is_http(server: &str) -> bool {
    server.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("http://"))
}
