//! Conformance of the `pss-*` rules, through the lint engine, with Pod Security Admission over
//! the upstream fixture set (`shared/corpus/pss`, 4,537 pods).
//!
//! Each fixture is linted with `lint_text` at its policy version (`LintOptions::pss_minor`). The
//! findings that count are those of PSS rules at or below the fixture's level; at `restricted`,
//! findings of baseline checks that a restricted check overrides at that version are dropped
//! (as Pod Security Admission does, from `pss::CHECKS`). A `pass` fixture must have none, a
//! `fail` fixture at least one, from the check it targets or a restricted check overriding it.
//!
//! Every mismatch is printed (path, expected, got), hence the stderr output.
#![allow(clippy::print_stderr)]

use kubeward::lint::{LintOptions, lint_text};
use kubeward::pss::{CHECKS, PssLevel, Version};
use std::collections::BTreeSet;

mod pss_corpus;
use pss_corpus::{accepted_ids as accepted, corpus, rows};

/// Baseline checks replaced at `restricted` by a restricted check active at `version`.
fn overridden(level: PssLevel, version: Version) -> BTreeSet<&'static str> {
    if level != PssLevel::Restricted {
        return BTreeSet::new();
    }
    CHECKS
        .iter()
        .filter(|c| c.level == PssLevel::Restricted)
        .filter_map(|c| c.revision(version))
        .flat_map(|r| r.overrides.iter().copied())
        .collect()
}

#[test]
fn every_fixture_conforms_through_the_engine() {
    let rows = rows();
    assert_eq!(rows.len(), 4537, "expectations.tsv row count");
    let mut mismatches = Vec::new();
    let mut ok = 0usize;
    for row in &rows {
        let text = match std::fs::read_to_string(corpus().join(&row.path)) {
            Ok(t) => t,
            Err(e) => {
                mismatches.push(format!("{}: cannot read: {e}", row.path));
                continue;
            }
        };
        let options = LintOptions { pss_minor: row.version.minor(), ..LintOptions::default() };
        let result = lint_text(&row.path, &text, &options);
        let dropped = overridden(row.level, row.version);
        let found: Vec<_> = result
            .diagnostics
            .iter()
            .filter(|d| d.suppressed.is_none())
            .filter_map(|d| d.pss.map(|p| (p, d)))
            .filter(|(p, _)| p.level <= row.level)
            .filter(|(p, _)| !(p.level == PssLevel::Baseline && dropped.contains(p.check)))
            .collect();
        let good = if row.pass {
            found.is_empty()
        } else {
            let check = row.check.as_deref().unwrap_or("-");
            let accepted = accepted(check, row.level, row.version);
            found.iter().any(|(p, _)| accepted.contains(p.check))
        };
        if good {
            ok += 1;
        } else {
            let expected = if row.pass {
                "pass".to_owned()
            } else {
                format!("fail by {}", row.check.as_deref().unwrap_or("-"))
            };
            let got: Vec<String> = found
                .iter()
                .map(|(p, d)| {
                    format!(
                        "{} ({}) at {}: {}",
                        d.rule,
                        p.check,
                        d.field.as_deref().unwrap_or("-"),
                        d.message
                    )
                })
                .collect();
            mismatches.push(format!("{}: expected {expected}, got {got:?}", row.path));
        }
    }
    for m in &mismatches {
        eprintln!("MISMATCH {m}");
    }
    eprintln!("pss lint conformance: {ok}/{} fixtures", rows.len());
    assert!(
        mismatches.is_empty(),
        "{} of {} fixtures do not conform",
        mismatches.len(),
        rows.len()
    );
}

/// Every upstream check has exactly one rule, at its level, with the severity of its level.
#[test]
fn one_rule_per_check() {
    for c in CHECKS {
        let rules: Vec<_> = kubeward::rules::registry::ALL
            .iter()
            .filter(|r| r.pss.is_some_and(|p| p.check == c.id))
            .collect();
        assert_eq!(rules.len(), 1, "rules for {}", c.id);
        let r = rules[0];
        assert_eq!(r.pss.map(|p| p.level), Some(c.level), "{}", r.id);
        let want = if c.level == PssLevel::Baseline {
            kubeward::diagnostic::Severity::Error
        } else {
            kubeward::diagnostic::Severity::Warning
        };
        assert_eq!(r.severity, want, "{}", r.id);
    }
}
