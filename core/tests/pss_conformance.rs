//! Conformance of `kubeward::pss` with Pod Security Admission, over the upstream fixture set
//! (`shared/corpus/pss`, 4,537 pods): each fixture is evaluated at its own (level, version);
//! a `pass` fixture must produce no violation, a `fail` fixture must produce at least one, from
//! the check it targets (or the restricted check that overrides it at that version).
//!
//! Every mismatch is printed (path, expected, got), hence the stderr output.
#![allow(clippy::print_stderr)]

use k8s_openapi::api::core::v1::Pod;
use kubeward::pss::{self, CHECKS, PodInput, PssLevel, Version};
use std::collections::{BTreeMap, BTreeSet};

mod pss_corpus;
use pss_corpus::{accepted_ids, corpus, rows};

/// Reads a fixture with kubeward's own reader (as `kubeward lint` would): one document, no
/// reader issue, no field the typed decode ignores.
fn load(path: &str) -> Result<Pod, String> {
    let text = std::fs::read_to_string(corpus().join(path)).map_err(|e| e.to_string())?;
    let parsed = kubeward::source::parse(&text, &Default::default());
    if !parsed.issues.is_empty() || parsed.documents.len() != 1 {
        return Err(format!("{} documents, issues {:?}", parsed.documents.len(), parsed.issues));
    }
    let root = parsed.documents.first().and_then(|d| d.root()).ok_or("empty document")?;
    let (pod, ignored): (Pod, _) = kubeward::source::from_node(root).map_err(|e| e.to_string())?;
    if !ignored.is_empty() {
        return Err(format!("ignored fields {ignored:?}"));
    }
    Ok(pod)
}

#[test]
fn every_fixture_conforms() {
    let rows = rows();
    assert_eq!(rows.len(), 4537, "expectations.tsv row count");
    let mut mismatches = Vec::new();
    let mut ok = 0usize;
    for row in &rows {
        let pod = match load(&row.path) {
            Ok(pod) => pod,
            Err(e) => {
                mismatches.push(format!("{}: cannot read: {e}", row.path));
                continue;
            }
        };
        let spec = pod.spec.clone().unwrap_or_default();
        let input = PodInput { metadata: Some(&pod.metadata), spec: &spec };
        let violations = pss::evaluate(row.level, row.version, &input);
        let got: Vec<String> = violations
            .iter()
            .map(|v| format!("{} at {}: {}", v.check, v.field, v.message))
            .collect();
        let good = if row.pass {
            violations.is_empty()
        } else {
            let check = row.check.as_deref().unwrap_or("-");
            let accepted = accepted_ids(check, row.level, row.version);
            violations.iter().any(|v| accepted.contains(v.check))
        };
        if good {
            ok += 1;
        } else {
            let expected = if row.pass {
                "pass".to_owned()
            } else {
                format!("fail by {}", row.check.as_deref().unwrap_or("-"))
            };
            mismatches.push(format!("{}: expected {expected}, got {got:?}", row.path));
        }
    }
    for m in &mismatches {
        eprintln!("MISMATCH {m}");
    }
    eprintln!("pss conformance: {ok}/{} fixtures", rows.len());
    assert!(
        mismatches.is_empty(),
        "{} of {} fixtures do not conform",
        mismatches.len(),
        rows.len()
    );
}

/// Every fail fixture's violations come only from checks that exist at (level, version), carry
/// the check's level, and point inside the pod.
#[test]
fn violations_are_well_formed() {
    for row in rows().iter().filter(|r| !r.pass) {
        let pod = load(&row.path).expect("fixture reads");
        let spec = pod.spec.clone().unwrap_or_default();
        let input = PodInput { metadata: Some(&pod.metadata), spec: &spec };
        let active: BTreeSet<&str> =
            pss::applicable_checks(row.level, row.version).iter().map(|(c, _)| c.id).collect();
        for v in pss::evaluate(row.level, row.version, &input) {
            assert!(active.contains(v.check), "{}: {} is not active", row.path, v.check);
            let info = pss::check_info(v.check).expect("known check");
            assert_eq!(info.level, v.level, "{}: level of {}", row.path, v.check);
            let field = v.field.to_string();
            assert!(
                field.starts_with("spec.") || field.starts_with("metadata.annotations"),
                "{field}"
            );
            assert!(!v.message.is_empty() && !v.message.ends_with('.'), "{:?}", v.message);
            assert!(v.message.chars().next().is_some_and(|c| !c.is_uppercase()), "{:?}", v.message);
        }
    }
}

/// The fixtures exist for check C at (L, V) exactly when V >= C's first version and C's level
/// is L (or L is restricted): so the first fixture version of every check is its first
/// `MinimumVersion` in `CHECKS`, and every check has fixtures.
#[test]
fn check_table_matches_fixture_versions() {
    let mut first: BTreeMap<String, Version> = BTreeMap::new();
    let mut levels: BTreeMap<String, BTreeSet<PssLevel>> = BTreeMap::new();
    for row in rows() {
        if let Some(check) = row.check {
            let e = first.entry(check.clone()).or_insert(row.version);
            *e = (*e).min(row.version);
            levels.entry(check).or_default().insert(row.level);
        }
    }
    assert_eq!(first.len(), CHECKS.len(), "checks with fixtures: {:?}", first.keys());
    for c in CHECKS {
        assert_eq!(first.get(c.id).copied(), c.first_version(), "first version of {}", c.id);
        let want: BTreeSet<PssLevel> = match c.level {
            PssLevel::Baseline => [PssLevel::Baseline, PssLevel::Restricted].into(),
            _ => [PssLevel::Restricted].into(),
        };
        assert_eq!(levels.get(c.id), Some(&want), "levels of {}", c.id);
        assert!(!c.help.is_empty() && !c.summary.is_empty());
    }
}
