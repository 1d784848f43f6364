//! Rule docs are executable and follow one shape: summary style, section order, examples that
//! fire (fail) and stay quiet (pass), PSS check ids from the upstream list.

mod common;

use kubeward::lint::LintOptions;
use kubeward::rules::{Category, docs, registry};

const ORDER: &[&str] = &["What it finds", "Why it matters", "How to fix", "Example", "References"];
const REQUIRED: &[&str] = &["What it finds", "Why it matters", "How to fix"];
const PSS_CHECKS: &[&str] = &[
    "allowPrivilegeEscalation",
    "appArmorProfile",
    "capabilities_baseline",
    "capabilities_restricted",
    "hostNamespaces",
    "hostPathVolumes",
    "hostPorts",
    "hostProbesAndHostLifecycle",
    "privileged",
    "procMount",
    "procMount_restricted",
    "restrictedVolumes",
    "runAsNonRoot",
    "runAsUser",
    "seLinuxOptions",
    "seccompProfile_baseline",
    "seccompProfile_restricted",
    "sysctls",
    "windowsHostProcess",
];

#[test]
fn summaries_and_sections() {
    for r in registry::ALL {
        let s = r.summary();
        assert!(!s.is_empty() && s.len() <= 80, "{}: summary must be 1..=80 chars: {s:?}", r.id);
        assert!(!s.ends_with('.'), "{}: summary ends with a period", r.id);
        assert!(s.starts_with(char::is_uppercase), "{}: summary starts lower-case", r.id);
        let titles: Vec<String> = docs::sections(r).into_iter().map(|s| s.title).collect();
        let mut last = 0;
        for t in &titles {
            let pos = ORDER
                .iter()
                .position(|o| o == t)
                .unwrap_or_else(|| panic!("{}: unknown section {t:?}", r.id));
            assert!(pos >= last, "{}: section {t:?} out of order", r.id);
            last = pos;
        }
        for req in REQUIRED {
            assert!(titles.iter().any(|t| t == req), "{}: missing section {req:?}", r.id);
        }
        if let Some(p) = r.pss {
            assert!(PSS_CHECKS.contains(&p.check), "{}: unknown PSS check {}", r.id, p.check);
        }
    }
}

#[test]
fn examples_fire_and_stay_quiet() {
    for r in registry::ALL {
        let examples = docs::examples(r);
        if r.category == Category::File && examples.is_empty() {
            continue; // I/O and encoding findings have no YAML example
        }
        assert!(examples.iter().any(|e| e.fails), "{}: needs a ```yaml fail example", r.id);
        assert!(examples.iter().any(|e| !e.fails), "{}: needs a ```yaml pass example", r.id);
        for ex in examples {
            let report = common::lint("example.yaml", &ex.yaml, &LintOptions::default());
            let fired = report.findings.iter().any(|f| f.diagnostic.rule == r.id);
            assert_eq!(
                fired,
                ex.fails,
                "{}: the {} example {}:\n{}",
                r.id,
                if ex.fails { "fail" } else { "pass" },
                if ex.fails { "does not fire" } else { "fires" },
                common::render(&report, None)
            );
        }
    }
}
