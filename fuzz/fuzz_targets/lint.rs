//! The whole lint of arbitrary bytes, rendered in every output format: JSON, for humans, SARIF
//! and GitHub annotations.
#![no_main]

use kubeward::lint::{LintOptions, lint_all};
use kubeward::report::{github, human, json, sarif};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = LintOptions::default();
    let report = lint_all([("fuzz.yaml", data)], &options);
    let _ = json::render(&report);
    let _ = human::render(&report, human::HumanOptions { color: false, width: 80, links: false });
    let _ = sarif::render(&report, sarif::SarifOptions { all_rules: false });
    let _ = github::render(&report);
});
