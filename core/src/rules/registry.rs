//! The registry of every rule: lookup by id, "did you mean", and a stable index.

use super::Rule;

include!(concat!(env!("OUT_DIR"), "/registry.rs"));

/// The rule with this id.
#[must_use]
pub fn get(id: &str) -> Option<&'static Rule> {
    ALL.binary_search_by(|r| r.id.cmp(id)).ok().and_then(|i| ALL.get(i).copied())
}

/// The position of a rule in [`ALL`] (SARIF `ruleIndex` when all rules are listed).
#[must_use]
pub fn index_of(id: &str) -> Option<usize> {
    ALL.binary_search_by(|r| r.id.cmp(id)).ok()
}

/// The known id closest to `id` (edit distance), for "did you mean".
#[must_use]
pub fn nearest(id: &str) -> Option<&'static str> {
    ALL.iter()
        .map(|r| (edit_distance(id, r.id), r.id))
        .min()
        .filter(|(d, _)| *d <= id.len().max(3) / 2 + 2)
        .map(|(_, id)| id)
}

/// Levenshtein distance over chars.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}
