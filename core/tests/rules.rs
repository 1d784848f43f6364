//! Every rule against its fixture: `fixtures/<category>/<stem>.yaml` holds `# expect: fail` and
//! `# expect: pass` cases for the rule `<category>-<stem>`. Fail cases must get at least one
//! finding of that rule, pass cases none; the findings are snapshotted (miette rendering plus one
//! `line:col-line:col rule severity field` line each).

mod common;

use kubeward::rules::registry;
use std::path::Path;

fn rule_for(path: &Path) -> &'static kubeward::rules::Rule {
    let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem");
    let cat =
        path.parent().and_then(Path::file_name).and_then(|s| s.to_str()).expect("category folder");
    let id = format!("{cat}-{}", stem.replace('_', "-"));
    registry::get(&id).unwrap_or_else(|| panic!("fixture {} names no rule ({id})", path.display()))
}

#[test]
fn rule_fixtures() {
    insta::glob!(
        "fixtures/{file,yaml,manifest,pss,suppression,container,image,secret,serviceaccount,workload,rbac,apiserver,etcd,controllermanager,scheduler,kubeadm,kubelet,encryption,audit,kubeconfig,network,quota,cluster}/*.yaml",
        |path| {
            let rule = rule_for(path);
            let text = std::fs::read_to_string(path).expect("fixture readable");
            let mut snap = String::new();
            for (n, case) in common::cases(&text).iter().enumerate() {
                let name = format!(
                    "{}#{}",
                    path.file_name().and_then(|s| s.to_str()).unwrap_or("?"),
                    n + 1
                );
                let report = common::lint(&name, &case.text, &case.options);
                let mine: Vec<_> =
                    report.findings.iter().filter(|f| f.diagnostic.rule == rule.id).collect();
                if case.fails {
                    assert!(
                        !mine.is_empty(),
                        "{name} (line {}): expected a {} finding, got none",
                        case.first_line,
                        rule.id
                    );
                } else {
                    assert!(
                        mine.is_empty(),
                        "{name} (line {}): expected no {} finding, got: {:?}",
                        case.first_line,
                        rule.id,
                        mine.iter().map(|f| &f.diagnostic.message).collect::<Vec<_>>()
                    );
                }
                for f in &mine {
                    let m = &f.diagnostic.message;
                    assert!(!m.ends_with('.'), "{}: message ends with a period: {m}", rule.id);
                    assert!(
                        !m.starts_with(char::is_uppercase),
                        "{}: message starts upper-case: {m}",
                        rule.id
                    );
                }
                snap.push_str(&format!(
                    "=== case {} ({}, line {})\n",
                    n + 1,
                    if case.fails { "fail" } else { "pass" },
                    case.first_line
                ));
                snap.push_str(&common::render(&report, Some(rule.id)));
            }
            insta::assert_snapshot!(snap);
        }
    );
}
