//! Parsing a rule's doc comment into its parts: summary, sections and examples. The one place
//! rule text is written feeds `explain`, SARIF, the generated reference and the playground.

use super::Rule;

/// One `## Heading` section of a rule's docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub body: String,
}

/// An example block: ```` ```yaml fail ```` or ```` ```yaml pass ````.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub fails: bool,
    pub yaml: String,
}

/// The lines of the docs with the one leading space that `///` leaves removed.
fn lines(rule: &Rule) -> impl Iterator<Item = &'static str> {
    rule.docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l))
}

/// The sections in order (the summary line before the first heading is not a section).
#[must_use]
pub fn sections(rule: &Rule) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for line in lines(rule) {
        if let Some(title) = line.strip_prefix("## ") {
            out.push(Section { title: title.trim().to_owned(), body: String::new() });
        } else if let Some(s) = out.last_mut() {
            s.body.push_str(line);
            s.body.push('\n');
        }
    }
    for s in &mut out {
        s.body = s.body.trim().to_owned();
    }
    out
}

/// The body of one section.
#[must_use]
pub fn section(rule: &Rule, title: &str) -> Option<String> {
    sections(rule).into_iter().find(|s| s.title == title).map(|s| s.body)
}

/// The yaml examples, in order.
#[must_use]
pub fn examples(rule: &Rule) -> Vec<Example> {
    let mut out = Vec::new();
    let mut cur: Option<Example> = None;
    for line in lines(rule) {
        let t = line.trim();
        if let Some(ex) = cur.as_mut() {
            if t == "```" {
                out.extend(cur.take());
            } else {
                ex.yaml.push_str(line);
                ex.yaml.push('\n');
            }
        } else if let Some(kind) = t.strip_prefix("```yaml ") {
            cur = Some(Example { fails: kind.trim() == "fail", yaml: String::new() });
        }
    }
    out
}

/// The docs as Markdown (the generated `docs/rules/<id>.md`).
#[must_use]
pub fn to_markdown(rule: &Rule) -> String {
    let mut s = format!("# {}\n\n{}\n\n", rule.id, rule.summary());
    s.push_str(&format!(
        "- Category: `{}`\n- Default severity: `{}`\n",
        rule.category.as_str(),
        rule.severity
    ));
    if let Some(p) = rule.pss {
        s.push_str(&format!("- Pod Security Standards: {} (`{}`)\n", p.level.as_str(), p.check));
    }
    s.push_str(&format!("- Since: {}\n", rule.since));
    s.push_str(&format!("- Suppress: `ignore.kubeward.dev/{}: \"<reason>\"`\n\n", rule.id));
    for sec in sections(rule) {
        s.push_str(&format!(
            "## {}\n\n{}\n\n",
            sec.title,
            sec.body.replace("```yaml fail", "```yaml").replace("```yaml pass", "```yaml")
        ));
    }
    if !rule.equivalents.is_empty() {
        s.push_str("## Equivalent checks\n\n");
        for (tool, id) in rule.equivalents {
            s.push_str(&format!("- {tool}: `{id}`\n"));
        }
        s.push('\n');
    }
    s.trim_end().to_owned() + "\n"
}

/// The rule index (`docs/rules/README.md`): one table row per rule, linking its page.
#[must_use]
pub fn index_markdown(rules: &[&Rule]) -> String {
    let mut s = String::from(
        "# Rules\n\n| id | category | severity | PSS | summary |\n|---|---|---|---|---|\n",
    );
    for r in rules {
        s.push_str(&format!(
            "| [`{}`]({}.md) | {} | {} | {} | {} |\n",
            r.id,
            r.id,
            r.category.as_str(),
            r.severity,
            r.pss.map_or("", |p| p.level.as_str()),
            r.summary()
        ));
    }
    s
}

/// The docs as plain text for a terminal (`kubeward explain`).
#[must_use]
pub fn to_plain(rule: &Rule) -> String {
    let mut s = String::new();
    for sec in sections(rule) {
        s.push_str(&sec.title.to_uppercase());
        s.push('\n');
        for line in sec.body.lines() {
            if line.trim_start().starts_with("```") {
                continue;
            }
            s.push_str("  ");
            s.push_str(line);
            s.push('\n');
        }
        s.push('\n');
    }
    s.trim_end().to_owned() + "\n"
}
