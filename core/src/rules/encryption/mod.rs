//! EncryptionConfiguration (secrets at rest): the file `--encryption-provider-config` names.
//!
//! `resources` is a list of entries; a resource is handled by the first entry that lists it
//! (`secrets`, or the wildcards `*.` for the core group and `*.*` for everything), and that
//! entry's first provider encrypts what is written, the others only decrypt.

use crate::model::FieldPath;
use crate::rules::ObjectCtx;
use crate::source::NodeRef;

pub mod identity_first;
pub mod inline_key;
pub mod kms_v1;
pub mod secrets_not_covered;
pub mod weak_provider;

/// The kinds encryption rules look at: the current kind and the pre-1.13 `EncryptionConfig`.
pub(crate) const KINDS: &[&str] = &["EncryptionConfiguration", "EncryptionConfig"];

/// The provider kinds of an EncryptionConfiguration.
const PROVIDERS: &[&str] = &["aescbc", "aesgcm", "secretbox", "kms", "identity"];

/// The config's root, when the object is an encryption config.
pub(crate) fn config<'a>(o: &ObjectCtx<'a>) -> Option<NodeRef<'a>> {
    let ok = match o.object.kind.as_str() {
        "EncryptionConfiguration" => o.object.api_version == "apiserver.config.k8s.io/v1",
        "EncryptionConfig" => o.object.api_version == "v1",
        _ => false,
    };
    ok.then_some(o.root)
}

/// One entry of `resources`: its index, node and path.
pub(crate) struct Entry<'a> {
    pub node: NodeRef<'a>,
    pub path: FieldPath,
}

impl<'a> Entry<'a> {
    /// The resources it lists.
    pub(crate) fn resources(&self) -> Vec<&'a str> {
        self.node
            .get("resources")
            .map(|r| r.items().filter_map(NodeRef::as_str).collect())
            .unwrap_or_default()
    }

    /// Whether it lists secrets (by name or by a wildcard that matches them).
    pub(crate) fn covers_secrets(&self) -> bool {
        self.resources().iter().any(|r| matches!(*r, "secrets" | "*." | "*.*"))
    }

    /// Its providers: (provider kind, the provider's settings node, path of the settings).
    pub(crate) fn providers(&self) -> Vec<(&'a str, NodeRef<'a>, FieldPath)> {
        let Some(list) = self.node.get("providers") else { return Vec::new() };
        list.items()
            .enumerate()
            .filter_map(|(i, p)| {
                let (kind, node) = p.entries().iter().find_map(|e| {
                    let k = PROVIDERS.iter().find(|k| **k == &*e.key)?;
                    Some((*k, p.doc.node(e.value)))
                })?;
                Some((kind, node, self.path.key("providers").index(i).key(kind)))
            })
            .collect()
    }

    /// The resources, for messages (`secrets, configmaps`).
    pub(crate) fn label(&self) -> String {
        let r = self.resources();
        if r.is_empty() { "resources".to_owned() } else { r.join(", ") }
    }
}

/// The entries of `resources`.
pub(crate) fn entries<'a>(root: NodeRef<'a>) -> Vec<Entry<'a>> {
    let Some(list) = root.get("resources") else { return Vec::new() };
    list.items()
        .enumerate()
        .map(|(i, node)| Entry { node, path: FieldPath::root().key("resources").index(i) })
        .collect()
}
