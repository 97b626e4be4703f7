//! The checker: what a court would find missing or inconsistent in a record, as findings.
//!
//! Rules follow `domain.md` section E. Each has a stable code, a severity, a message
//! naming the child, risk or field, and a hint; see [`RULES`].
//!
//! The rules are grouped by what they look at:
//! - [`report`]: the report's cover, the court's questions, and dates;
//! - [`children`]: each child's welfare checklist, own words, being seen, identity;
//! - [`ciaf`]: the four areas of the Child Impact Assessment Framework and the four As;
//! - [`thread`]: the golden thread, references between entries, recommendations (FAO, s37);
//! - [`text`]: what is written in any field: placeholders, wording, raw HTML, length.

mod children;
mod ciaf;
mod report;
mod rules;
mod text;
mod thread;

#[cfg(test)]
mod tests;

pub use rules::{Enforcement, RULES, Rule, rule};

use crate::finding::{self, Finding};
use crate::record::{CaseFile, CaseRecord, Child};

/// Settings a user may change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOptions {
    /// W042: an analysis shorter than this many characters is flagged as too short to
    /// be an analysis. A judgement call, not a rule of court: see [`MIN_ANALYSIS_CHARS`].
    pub min_analysis_chars: usize,
}

/// The default for [`CheckOptions::min_analysis_chars`]: about two short sentences. Below
/// this an entry can state a fact but hardly weigh it; no court rule or Cafcass guide sets
/// a length, so this is a prompt to look again, not a standard.
pub const MIN_ANALYSIS_CHARS: usize = 100;

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            min_analysis_chars: MIN_ANALYSIS_CHARS,
        }
    }
}

/// Check a loaded record with the default options. Findings are located in the file and
/// sorted by place.
pub fn check(file: &CaseFile) -> Vec<Finding> {
    check_with(file, &CheckOptions::default())
}

/// Check a loaded record. Findings are located in the file and sorted by place.
pub fn check_with(file: &CaseFile, options: &CheckOptions) -> Vec<Finding> {
    let cx = Ctx {
        file,
        rec: &file.record,
        options,
    };
    let mut findings: Vec<Finding> = Vec::new();
    report::check(&cx, &mut findings);
    children::check(&cx, &mut findings);
    ciaf::check(&cx, &mut findings);
    thread::check(&cx, &mut findings);
    text::check(&cx, &mut findings);
    let mut findings: Vec<Finding> = findings
        .into_iter()
        .map(|f| {
            if f.location.is_some() {
                f
            } else {
                f.locate(&file.source, &file.spans)
            }
        })
        .collect();
    finding::sort(&mut findings);
    findings.dedup();
    findings
}

/// What every rule module is given.
pub(crate) struct Ctx<'a> {
    pub file: &'a CaseFile,
    pub rec: &'a CaseRecord,
    pub options: &'a CheckOptions,
}

impl Ctx<'_> {
    /// A finding pointed at `needle` inside the value at `path`, when the text can be
    /// found there as written; otherwise left for [`Finding::locate`] to place at the key.
    pub fn at_text(&self, finding: Finding, needle: &str) -> Finding {
        let Some(span) = self.file.spans.value(&finding.path) else {
            return finding;
        };
        let Some(raw) = self.file.source.get(span.clone()) else {
            return finding;
        };
        match raw.find(needle).or_else(|| find_ci(raw, needle)) {
            Some(i) if !needle.is_empty() => {
                let start = span.start + i;
                finding.at_span(&self.file.source, start, start + needle.len())
            }
            _ => finding,
        }
    }

    /// Ids of the children: `ella`, `sam`.
    pub fn child_ids(&self) -> Vec<&str> {
        self.rec.children.iter().map(|c| c.id.as_str()).collect()
    }

    /// Ids of the parties (the adults).
    pub fn party_ids(&self) -> Vec<&str> {
        self.rec.parties.iter().map(|p| p.id.as_str()).collect()
    }

    /// Ids of the risks.
    pub fn risk_ids(&self) -> Vec<&str> {
        self.rec.risks.iter().map(|r| r.id.as_str()).collect()
    }

    /// The child with this id, if any.
    pub fn child(&self, id: &str) -> Option<&Child> {
        self.rec.children.iter().find(|c| c.id == id)
    }
}

/// Empty or only white space.
pub(crate) fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// `Ella Example (ella)`: a child or party named as the report would, with the id that
/// finds them in the record.
pub(crate) fn who(name: &str, id: &str) -> String {
    match (blank(name), blank(id)) {
        (false, false) => format!("{} ({id})", name.trim()),
        (false, true) => name.trim().to_string(),
        (true, false) => format!("`{id}`"),
        (true, true) => "someone with neither name nor id".to_string(),
    }
}

/// A child, named: `Ella Example (ella)`, or `the child with id `ella`` without a name.
pub(crate) fn child_label(child: &Child) -> String {
    match (blank(&child.name), blank(&child.id)) {
        (true, false) => format!("the child with id `{}`", child.id),
        (true, true) => "a child with neither name nor id".to_string(),
        _ => who(&child.name, &child.id),
    }
}

/// How a hint refers to a `[[children]]` entry: `for ella`, or by position when it has no id.
pub(crate) fn child_entry(index: usize, child: &Child) -> String {
    if blank(&child.id) {
        format!("the {} [[children]] entry", ordinal(index + 1))
    } else {
        format!("the [[children]] entry for {}", child.id)
    }
}

/// 1 → "1st", 2 → "2nd", 11 → "11th".
pub(crate) fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `` `r1`, `r2` `` (or "none").
pub(crate) fn code_list<S: AsRef<str>>(items: &[S]) -> String {
    if items.is_empty() {
        return "none".to_string();
    }
    items
        .iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Byte index of `needle` in `hay`, ignoring ASCII case.
pub(crate) fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    let hay_b = hay.as_bytes();
    let nee_b = needle.as_bytes();
    if nee_b.len() > hay_b.len() {
        return None;
    }
    // Skip to each byte that can start a match (a hot path: the rules search every
    // field for many words).
    let (lower, upper) = (nee_b[0].to_ascii_lowercase(), nee_b[0].to_ascii_uppercase());
    let last = hay_b.len() - nee_b.len();
    let mut i = 0;
    while i <= last {
        i += hay_b[i..=last]
            .iter()
            .position(|&b| b == lower || b == upper)?;
        if hay.is_char_boundary(i)
            && hay_b[i + 1..i + nee_b.len()].eq_ignore_ascii_case(&nee_b[1..])
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Whether `text` contains `needle` (ignoring case), anywhere.
pub(crate) fn contains_ci(text: &str, needle: &str) -> bool {
    find_ci(text, needle).is_some()
}

/// Whether `text` contains `phrase` (ignoring case), even where a line break or several
/// spaces stand between its words, as in wrapped multi-line strings.
pub(crate) fn contains_phrase(text: &str, phrase: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let phrase = squash(phrase);
    !phrase.is_empty() && contains_ci(&squash(text), &phrase)
}

/// Whether `text` contains `word` as a whole word (ignoring case): not inside a longer
/// word or id, so `r1` is not found in `r10`.
pub(crate) fn mentions_word(text: &str, word: &str) -> bool {
    word_at(text, word).is_some()
}

/// Byte index of the first whole-word occurrence of `word` in `text`, ignoring case.
pub(crate) fn word_at(text: &str, word: &str) -> Option<usize> {
    let word = word.trim();
    if word.is_empty() {
        return None;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(i) = find_ci(&text[from..], word) {
        let start = from + i;
        let end = start + word.len();
        let before_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word(c));
        let after_ok = text[end..].chars().next().is_none_or(|c| !is_word(c));
        if before_ok && after_ok {
            return Some(start);
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
        if from >= text.len() {
            break;
        }
    }
    None
}

/// The analysis texts of the record with their paths: each child's welfare checklist,
/// the CIAF areas, and the `[analysis]` table. Where "named in an analysis" is looked for.
pub(crate) fn analysis_texts(rec: &CaseRecord) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    for (i, child) in rec.children.iter().enumerate() {
        for item in crate::record::Welfare::ITEMS {
            if let Some(text) = child.welfare.get(item.key) {
                out.push((format!("children[{i}].welfare.{}", item.key), text));
            }
        }
    }
    if let Some(da) = &rec.ciaf.domestic_abuse {
        out.push(("ciaf.domestic_abuse.analysis".into(), &da.analysis));
        out.push((
            "ciaf.domestic_abuse.fact_finding_reasons".into(),
            &da.fact_finding_reasons,
        ));
    }
    if let Some(hc) = &rec.ciaf.harmful_conflict {
        out.push(("ciaf.harmful_conflict.analysis".into(), &hc.analysis));
    }
    if let Some(cr) = &rec.ciaf.child_resistance {
        out.push(("ciaf.child_resistance.analysis".into(), &cr.analysis));
    }
    if let Some(hp) = &rec.ciaf.harmful_parenting {
        out.push(("ciaf.harmful_parenting.analysis".into(), &hp.analysis));
    }
    let a = &rec.analysis;
    out.push(("analysis.child_impact".into(), &a.child_impact));
    out.push(("analysis.assessment".into(), &a.assessment));
    out.push(("analysis.bias_reflection".into(), &a.bias_reflection));
    out.push(("analysis.no_order".into(), &a.no_order));
    out
}

/// A finding for an id that names nobody: shows the value alone, the ids that exist, and
/// the nearest one when it looks like a typo.
pub(crate) fn unknown_id(
    code: &'static str,
    path: String,
    id: &str,
    what: &str,
    plural: &str,
    known: &[&str],
    add: &str,
) -> Finding {
    let mut known: Vec<&str> = known.iter().copied().filter(|k| !blank(k)).collect();
    let mut seen = std::collections::HashSet::new();
    known.retain(|k| seen.insert(*k));
    let known = known.as_slice();
    let message = if known.is_empty() {
        format!("`{id}` is not the id of any {what}; the record has no {plural}")
    } else {
        format!(
            "`{id}` is not the id of any {what}; the {plural} are {}",
            code_list(known)
        )
    };
    // Suggest the nearest id only when it is the one nearest: `r9` is as near to `r1` as
    // to `r2`, and a guess between them would mislead.
    let distance = |k: &str| strsim::damerau_levenshtein(id, k);
    let best = crate::record::closest(id, known).filter(|best| {
        known
            .iter()
            .filter(|k| distance(k) == distance(best))
            .count()
            == 1
    });
    let hint = match best {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("use one of the ids above, or {add}"),
    };
    Finding::error(code, path, message).with_hint(hint)
}
