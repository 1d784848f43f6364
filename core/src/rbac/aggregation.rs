//! Aggregated ClusterRoles (ESCALATION.md §4.6): the `clusterroleaggregation` controller,
//! iterated to a fixpoint.
//!
//! A ClusterRole with `aggregationRule` has its `rules` *replaced* by the union of the rules of
//! every ClusterRole matched by any of its selectors: selectors in order, matched roles sorted by
//! name, the role itself skipped, a rule appended only if no equal rule is already there. Matched
//! roles contribute their current (possibly aggregated) rules, so the result is transitive
//! (`admin ⊇ edit ⊇ view`).

use super::input::RoleDef;
use super::rule::Rule;
use foldhash::{HashSet, HashSetExt};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use std::collections::BTreeMap;

/// A rule of some role: `role` is where the rule is written, `rule` its index in `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct RuleRef {
    pub role: usize,
    pub rule: u32,
}

/// `LabelSelectorAsSelector(sel).Matches(labels)`: `matchLabels` AND `matchExpressions`
/// (`In`, `NotIn`, `Exists`, `DoesNotExist`). An empty selector matches everything; an unknown
/// operator makes the selector invalid, and an invalid selector matches nothing.
#[must_use]
pub fn selector_matches(sel: &LabelSelector, labels: &BTreeMap<String, String>) -> bool {
    let labels_ok =
        sel.match_labels.iter().flatten().all(|(k, v)| labels.get(k).is_some_and(|have| have == v));
    labels_ok
        && sel.match_expressions.iter().flatten().all(|e| {
            let values = e.values.as_deref().unwrap_or_default();
            let have = labels.get(&e.key);
            match e.operator.as_str() {
                "In" => have.is_some_and(|h| values.contains(h)),
                "NotIn" => have.is_none_or(|h| !values.contains(h)),
                "Exists" => have.is_some(),
                "DoesNotExist" => have.is_none(),
                _ => false,
            }
        })
}

/// The outcome: each role's effective rules, and the aggregated roles that had not converged
/// after the iteration bound (a cycle that keeps changing; never happens with exact dedup, but
/// the bound keeps a hostile input from looping).
pub(crate) struct Aggregated {
    pub effective: Vec<Vec<RuleRef>>,
    pub unconverged: Vec<usize>,
}

/// Resolves every role's effective rules. `active` says which roles are in force (a role
/// shadowed by a later one of the same name is not).
pub(crate) fn resolve(roles: &[RoleDef], active: &[bool]) -> Aggregated {
    let own = |i: usize, r: &RoleDef| -> Vec<RuleRef> {
        (0..r.rules.len())
            .map(|k| RuleRef { role: i, rule: u32::try_from(k).unwrap_or(u32::MAX) })
            .collect()
    };
    let mut effective: Vec<Vec<RuleRef>> =
        roles.iter().enumerate().map(|(i, r)| own(i, r)).collect();

    // Active ClusterRoles sorted by name: the order the controller takes matches in.
    let mut cluster: Vec<usize> = (0..roles.len())
        .filter(|&i| {
            active.get(i).copied().unwrap_or(false)
                && roles.get(i).is_some_and(|r| r.namespace.is_none())
        })
        .collect();
    cluster.sort_by(|&a, &b| roles.get(a).map(|r| &r.name).cmp(&roles.get(b).map(|r| &r.name)));
    let aggregated: Vec<usize> = cluster
        .iter()
        .copied()
        .filter(|&i| roles.get(i).is_some_and(|r| r.aggregation.is_some()))
        .collect();
    if aggregated.is_empty() {
        return Aggregated { effective, unconverged: Vec::new() };
    }
    // Matches are fixed (labels do not change), so compute them once.
    let matches: Vec<Vec<usize>> = aggregated
        .iter()
        .map(|&a| {
            let mut out = Vec::new();
            let sels = roles.get(a).and_then(|r| r.aggregation.as_deref()).unwrap_or_default();
            for sel in sels {
                for &c in &cluster {
                    let hit =
                        c != a && roles.get(c).is_some_and(|r| selector_matches(sel, &r.labels));
                    if hit && !out.contains(&c) {
                        out.push(c);
                    }
                }
            }
            out
        })
        .collect();
    for e in &aggregated {
        if let Some(v) = effective.get_mut(*e) {
            v.clear();
        }
    }
    let rule_of = |r: &RuleRef| -> Option<&Rule> { roles.get(r.role)?.rules.get(r.rule as usize) };
    let bound = aggregated.len() + 2;
    let mut changed_last = Vec::new();
    for _ in 0..bound {
        changed_last.clear();
        for (ai, &a) in aggregated.iter().enumerate() {
            let mut seen: HashSet<&Rule> = HashSet::new();
            let mut next: Vec<RuleRef> = Vec::new();
            for &m in matches.get(ai).map(Vec::as_slice).unwrap_or_default() {
                for r in effective.get(m).map(Vec::as_slice).unwrap_or_default() {
                    if let Some(rule) = rule_of(r)
                        && seen.insert(rule)
                    {
                        next.push(*r);
                    }
                }
            }
            if let Some(cur) = effective.get_mut(a)
                && *cur != next
            {
                *cur = next;
                changed_last.push(a);
            }
        }
        if changed_last.is_empty() {
            break;
        }
    }
    Aggregated { effective, unconverged: changed_last }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelectorRequirement;

    fn labels(kv: &[(&str, &str)]) -> BTreeMap<String, String> {
        kv.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn expr(key: &str, op: &str, values: &[&str]) -> LabelSelector {
        LabelSelector {
            match_labels: None,
            match_expressions: Some(vec![LabelSelectorRequirement {
                key: key.to_owned(),
                operator: op.to_owned(),
                values: Some(values.iter().map(|s| (*s).to_owned()).collect()),
            }]),
        }
    }

    #[test]
    fn selectors() {
        let l = labels(&[("a", "1"), ("b", "2")]);
        assert!(selector_matches(&LabelSelector::default(), &l));
        assert!(selector_matches(&expr("a", "In", &["1", "3"]), &l));
        assert!(!selector_matches(&expr("a", "In", &["3"]), &l));
        assert!(selector_matches(&expr("c", "NotIn", &["1"]), &l));
        assert!(!selector_matches(&expr("a", "NotIn", &["1"]), &l));
        assert!(selector_matches(&expr("b", "Exists", &[]), &l));
        assert!(selector_matches(&expr("c", "DoesNotExist", &[]), &l));
        assert!(!selector_matches(&expr("a", "Bogus", &[]), &l));
        let ml = LabelSelector {
            match_labels: Some(labels(&[("a", "1"), ("b", "3")])),
            match_expressions: None,
        };
        assert!(!selector_matches(&ml, &l));
    }
}

/// A custom ClusterRole whose rules an aggregated built-in role (`admin`, `edit`, `view`, …)
/// takes in: everyone bound to the built-in role gets them (ESCALATION.md #15).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Widening {
    /// The aggregated built-in ClusterRole's name.
    pub aggregated: String,
    /// The custom ClusterRole whose rules it takes in.
    pub source: std::sync::Arc<crate::model::Origin>,
}

impl super::Authorizer {
    /// Built-in aggregated ClusterRoles widened by ClusterRoles of the input (their labels match
    /// the built-in selectors), in role order.
    #[must_use]
    pub fn widened_builtin_aggregations(&self) -> Vec<Widening> {
        let roles = &self.input.roles;
        let mut out: Vec<Widening> = Vec::new();
        for (i, r) in roles.iter().enumerate() {
            if !r.builtin || r.aggregation.is_none() {
                continue;
            }
            for rr in self.effective.get(i).into_iter().flatten() {
                let Some(src) = roles.get(rr.role).filter(|s| !s.builtin) else { continue };
                if !out.iter().any(|w| {
                    w.aggregated == *r.name && std::sync::Arc::ptr_eq(&w.source, &src.origin)
                }) {
                    out.push(Widening {
                        aggregated: r.name.to_string(),
                        source: src.origin.clone(),
                    });
                }
            }
        }
        out
    }
}
