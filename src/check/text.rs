//! What is written in the record's fields: placeholders, raw HTML, wording about domestic
//! abuse, tools named, analyses long enough (E043 E044 W030 W036 W042).

use pulldown_cmark::{Event, Parser};

use super::{Ctx, analysis_texts, blank, child_label, contains_ci, word_at};
use crate::finding::Finding;
use crate::record::Welfare;

pub(super) fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let strings = all_strings(cx);
    for (path, text) in &strings {
        if let Some(found) = placeholder(text) {
            let finding = Finding::error(
                "E044",
                path.clone(),
                format!("placeholder text \"{found}\" is left in `{path}`"),
            )
            .with_hint("replace the placeholder with the text it stands for, or remove it");
            out.push(cx.at_text(finding, &found));
        }
        if let Some(html) = raw_html(text) {
            let finding = Finding::error(
                "E043",
                path.clone(),
                format!("`{path}` contains raw HTML: `{html}`"),
            )
            .with_hint("write the text without HTML tags: use Markdown (*emphasis*, lists, blank lines between paragraphs)");
            out.push(cx.at_text(finding, &html));
        }
    }
    wording(cx, &strings, out);
    tools(cx, out);
    length(cx, out);
}

/// Every string in the record with its path.
fn all_strings(cx: &Ctx) -> Vec<(String, String)> {
    crate::record::text_fields(cx.rec)
}

/// The placeholder left in `text`, as written: `TODO`, `TBC`, `TBA`, `TBD`, `FIXME`,
/// `XXX` (upper case, whole words), `[insert ...]`, `???`, `lorem ipsum`.
pub(super) fn placeholder(text: &str) -> Option<String> {
    // The word-by-word reading only where one of the words occurs at all (a hot path:
    // every string of every record comes here).
    let shouted = ["TODO", "TBC", "TBA", "TBD", "FIXME", "XXX"]
        .iter()
        .any(|w| text.contains(w));
    let words = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .take(if shouted { usize::MAX } else { 0 });
    for word in words {
        let shouting = matches!(word, "TODO" | "TBC" | "TBA" | "TBD" | "FIXME");
        let crosses = word.len() >= 3 && word.chars().all(|c| c == 'X');
        if shouting || crosses {
            return Some(word.to_string());
        }
    }
    if let Some(i) = super::find_ci(text, "[insert") {
        let rest = &text[i..];
        let end = rest
            .find(']')
            .map(|j| j + 1)
            .unwrap_or_else(|| rest.char_indices().nth(20).map_or(rest.len(), |(j, _)| j));
        return Some(rest[..end].to_string());
    }
    if text.contains("???") {
        return Some("???".to_string());
    }
    super::find_ci(text, "lorem ipsum").map(|i| text[i..i + "lorem ipsum".len()].to_string())
}

/// The first raw HTML in `text`, read as CommonMark.
pub(super) fn raw_html(text: &str) -> Option<String> {
    // No `<`, no HTML: spare the parse (every string of every record comes here).
    if !text.contains('<') {
        return None;
    }
    Parser::new(text).find_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => {
            let html = html.trim();
            Some(html.lines().next().unwrap_or(html).to_string())
        }
        _ => None,
    })
}

/// Words that minimise domestic abuse (W036).
const MINIMISING: &[&str] = &[
    "historic",
    "historical",
    "historically",
    "one-off",
    "one off",
];

/// Words that show a sentence is about domestic abuse.
const ABUSE_WORDS: &[&str] = &[
    "domestic abuse",
    "abuse",
    "abusive",
    "violence",
    "violent",
    "coercive",
    "controlling",
    "assault",
];

/// W036: "historic(al)" or "one-off" applied to domestic abuse. Anywhere in the domestic
/// abuse area; elsewhere, in a sentence that is about abuse.
fn wording(cx: &Ctx, strings: &[(String, String)], out: &mut Vec<Finding>) {
    for (path, text) in strings {
        // Most text has none of the words: one pass over it settles that before the
        // sentence-by-sentence reading (a hot path when a batch checks thousands).
        if !contains_ci(text, "histor")
            && !contains_ci(text, "one-off")
            && !contains_ci(text, "one off")
        {
            continue;
        }
        let in_da = path.starts_with("ciaf.domestic_abuse.");
        let hit = sentences(text).find_map(|sentence| {
            let about_abuse = in_da || ABUSE_WORDS.iter().any(|w| contains_ci(sentence, w));
            if !about_abuse {
                return None;
            }
            MINIMISING
                .iter()
                .rev() // the longer forms first, so "historical" is shown whole
                .find_map(|w| word_at(sentence, w).map(|i| sentence[i..i + w.len()].to_string()))
        });
        if let Some(word) = hit {
            let finding = Finding::warning(
                "W036",
                path.clone(),
                format!("domestic abuse is described as \"{word}\" in `{path}`"),
            )
            .with_hint("Cafcass policy is not to minimise domestic abuse as historical or a one-off: say when and how often it happened, and analyse its continuing impact");
            out.push(cx.at_text(finding, &word));
        }
    }
}

/// Sentences, roughly: split at full stops, question and exclamation marks, and lines.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '!', '?', '\n', ';']).filter(|s| !blank(s))
}

/// W030: each tool named in the analysis, with what it showed.
fn tools(cx: &Ctx, out: &mut Vec<Finding>) {
    let texts = analysis_texts(cx.rec);
    for (i, tool) in cx.rec.tools_used.iter().enumerate() {
        let name = tool.name.trim();
        if name.is_empty() {
            continue;
        }
        if !texts.iter().any(|(_, t)| super::contains_phrase(t, name)) {
            out.push(
                Finding::warning(
                    "W030",
                    format!("tools_used[{i}].name"),
                    format!("the tool \"{name}\" is not named in any analysis"),
                )
                .with_hint("name the tool, as written in `tools_used`, in the analysis that relies on what it showed"),
            );
        }
        if blank(&tool.summary) {
            out.push(
                Finding::warning(
                    "W030",
                    format!("tools_used[{i}].summary"),
                    format!("what the tool \"{name}\" showed is not summarised"),
                )
                .with_hint("add `summary = \"...\"` to the [[tools_used]] entry"),
            );
        }
    }
}

/// W042: an analysis too short to weigh anything.
fn length(cx: &Ctx, out: &mut Vec<Finding>) {
    let min = cx.options.min_analysis_chars;
    if min == 0 {
        return;
    }
    let mut check = |path: String, what: String, text: &str| {
        let n = text.trim().chars().count();
        if n > 0 && n < min {
            out.push(
                Finding::warning(
                    "W042",
                    path,
                    format!("{what} is only {n} characters long: too short to weigh the evidence (the threshold is {min})"),
                )
                .with_hint("say what the evidence shows for the child and what follows from it"),
            );
        }
    };
    for (i, child) in cx.rec.children.iter().enumerate() {
        for item in Welfare::ITEMS {
            if let Some(text) = child.welfare.get(item.key) {
                check(
                    format!("children[{i}].welfare.{}", item.key),
                    format!(
                        "the analysis of welfare checklist item ({}) for {}",
                        item.letter,
                        child_label(child)
                    ),
                    text,
                );
            }
        }
    }
    for area in super::ciaf::areas(&cx.rec.ciaf) {
        if let Some((status, analysis)) = area.state
            && status.raised()
        {
            check(
                format!("ciaf.{}.analysis", area.key),
                format!("the {} analysis", area.label),
                analysis,
            );
        }
    }
    let a = &cx.rec.analysis;
    check(
        "analysis.child_impact".into(),
        "the child impact analysis".into(),
        &a.child_impact,
    );
    check(
        "analysis.assessment".into(),
        "the assessment".into(),
        &a.assessment,
    );
}
