//! The whole lint of arbitrary bytes, rendered as JSON and for humans.
#![no_main]

use kubeward::lint::{LintOptions, lint_all};
use kubeward::report::{human, json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = LintOptions::default();
    let report = lint_all([("fuzz.yaml", data)], &options);
    let _ = json::render(&report);
    let _ = human::render(&report, human::HumanOptions { color: false, width: 80, links: false });
});
