//! The upstream Pod Security Admission fixture table (`shared/corpus/pss/expectations.tsv`),
//! shared by the evaluator's and the engine's conformance tests.
#![allow(dead_code)]

use kubeward::pss::{CHECKS, PssLevel, Version};
use std::collections::BTreeSet;
use std::path::PathBuf;

pub fn corpus() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/pss"))
}

pub struct Row {
    pub path: String,
    pub level: PssLevel,
    pub version: Version,
    pub pass: bool,
    /// `None` for the `base*` fixtures.
    pub check: Option<String>,
}

pub fn rows() -> Vec<Row> {
    let tsv =
        std::fs::read_to_string(corpus().join("expectations.tsv")).expect("read expectations.tsv");
    let mut lines = tsv.lines();
    assert_eq!(lines.next(), Some("path\tlevel\tversion\texpected\tcheck"), "unexpected header");
    lines
        .filter(|l| !l.is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "bad row {line:?}");
            let level = match cols[1] {
                "baseline" => PssLevel::Baseline,
                "restricted" => PssLevel::Restricted,
                other => panic!("bad level {other:?}"),
            };
            let version = Version::parse(cols[2]).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!(version.to_string(), cols[2], "version must round-trip");
            let pass = match cols[3] {
                "pass" => true,
                "fail" => false,
                other => panic!("bad expectation {other:?}"),
            };
            let check = (cols[4] != "-").then(|| cols[4].to_owned());
            Row { path: cols[0].to_owned(), level, version, pass, check }
        })
        .collect()
}

/// The check ids that satisfy a `fail` expectation for `check` at (level, version): the check
/// itself and any restricted check that overrides it there.
pub fn accepted_ids(check: &str, level: PssLevel, version: Version) -> BTreeSet<&str> {
    let mut ids = BTreeSet::from([check]);
    if level == PssLevel::Restricted {
        for c in CHECKS.iter().filter(|c| c.level == PssLevel::Restricted) {
            if c.revision(version).is_some_and(|r| r.overrides.contains(&check)) {
                ids.insert(c.id);
            }
        }
    }
    ids
}
