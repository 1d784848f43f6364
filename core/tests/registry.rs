//! The registry against the files: ids, categories, fixtures, snapshots, generated docs.

use kubeward::rules::{Category, Check, registry};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Rules whose finding cannot come from a YAML text (I/O, encoding): tested by the CLI tests.
const NO_YAML_FIXTURE: &[&str] =
    &["file-binary", "file-invalid-utf8", "file-too-large", "file-unreadable"];

#[test]
fn ids_are_unique_sorted_and_match_their_file() {
    let ids: Vec<_> = registry::ALL.iter().map(|r| r.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(ids, sorted, "registry must be sorted by id, without duplicates");
    for r in registry::ALL {
        let cat = r.category.as_str();
        let stem = Path::new(r.file).file_stem().and_then(|s| s.to_str()).expect("file stem");
        let folder = Path::new(r.file)
            .parent()
            .and_then(Path::file_name)
            .and_then(|s| s.to_str())
            .expect("folder");
        assert_eq!(folder, cat, "{}: declared in folder {folder}, category {cat}", r.id);
        assert_eq!(
            r.id,
            format!("{cat}-{}", stem.replace('_', "-")),
            "{}: id must be <category>-<stem>",
            r.id
        );
        assert!(
            r.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}: not kebab-case",
            r.id
        );
        if r.category == Category::Pss {
            assert!(r.pss.is_some(), "{}: PSS rules carry their check", r.id);
        }
        if matches!(r.check, Check::Engine) {
            assert!(!r.help.is_empty(), "{}: engine rules need a help text", r.id);
        }
    }
}

#[test]
fn every_rule_has_a_fixture_with_fail_and_pass_cases() {
    for r in registry::ALL {
        if NO_YAML_FIXTURE.contains(&r.id) {
            continue;
        }
        let stem = Path::new(r.file).file_stem().and_then(|s| s.to_str()).expect("stem");
        let path =
            root().join("tests/fixtures").join(r.category.as_str()).join(format!("{stem}.yaml"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{}: missing fixture {}", r.id, path.display()));
        assert!(text.contains("# expect: fail"), "{}: fixture has no fail case", r.id);
        assert!(text.contains("# expect: pass"), "{}: fixture has no pass case", r.id);
    }
}

#[test]
fn no_orphaned_snapshots() {
    let dir = root().join("tests/snapshots");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        // rules__rule_fixtures@<category>__<stem>.yaml.snap
        let Some(rest) = name.strip_prefix("rules__rule_fixtures@") else { continue };
        let Some(rest) = rest.strip_suffix(".yaml.snap") else { continue };
        let fixture = root().join("tests/fixtures").join(rest.replace("__", "/") + ".yaml");
        assert!(fixture.exists(), "snapshot {name} has no fixture {}", fixture.display());
    }
}

#[test]
fn generated_rule_docs_are_fresh() {
    let dir = root().join("../docs/rules");
    let update = std::env::var_os("KUBEWARD_UPDATE").is_some();
    let index = kubeward::rules::docs::index_markdown(registry::ALL);
    for r in registry::ALL {
        let md = kubeward::rules::docs::to_markdown(r);
        let path = dir.join(format!("{}.md", r.id));
        if update {
            std::fs::create_dir_all(&dir).expect("docs dir");
            std::fs::write(&path, &md).expect("write doc");
        } else {
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                on_disk == md,
                "{} is stale: rerun with KUBEWARD_UPDATE=1 cargo test -p kubeward --test registry",
                path.display()
            );
        }
    }
    let index_path = dir.join("README.md");
    if update {
        std::fs::write(&index_path, &index).expect("write index");
    } else {
        assert_eq!(
            std::fs::read_to_string(&index_path).unwrap_or_default(),
            index,
            "docs/rules/README.md is stale: rerun with KUBEWARD_UPDATE=1"
        );
    }
    if !update {
        for e in std::fs::read_dir(&dir).expect("docs dir").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".md")
                && id != "README"
            {
                assert!(registry::get(id).is_some(), "docs/rules/{name} documents no rule");
            }
        }
    }
}
