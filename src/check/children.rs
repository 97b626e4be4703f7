//! Each child: identity and age, the welfare checklist, own words, being seen
//! (E002 E003 W004 W006 W007 W029).

use super::{Ctx, blank, child_entry, child_label, mentions_word};
use crate::finding::Finding;
use crate::record::{Child, Date, Party, Welfare};

pub(super) fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    if cx.rec.children.is_empty() {
        out.push(
            Finding::error("E002", "children", "the record has no children")
                .with_hint("add a [[children]] entry with `id`, `name` and `date_of_birth` for each child the application concerns"),
        );
    }
    for (i, child) in cx.rec.children.iter().enumerate() {
        identity(cx, i, child, out);
        welfare(cx, i, child, out);
        voice(cx, i, child, out);
    }
}

/// E002: id, name, date of birth; born before the report and under 18 at the hearing.
fn identity(cx: &Ctx, i: usize, child: &Child, out: &mut Vec<Finding>) {
    let label = child_label(child);
    if blank(&child.id) {
        out.push(
            Finding::error("E002", format!("children[{i}].id"), format!("{label} has no id"))
                .with_hint("give the child a short id, e.g. `id = \"ella\"`, to refer to them elsewhere in the record"),
        );
    }
    if blank(&child.name) {
        out.push(
            Finding::error(
                "E002",
                format!("children[{i}].name"),
                format!("{label} has no name"),
            )
            .with_hint("write the child's full name in `name`"),
        );
    }
    let Some(born) = child.date_of_birth else {
        out.push(
            Finding::error(
                "E002",
                format!("children[{i}].date_of_birth"),
                format!("{label} has no date of birth"),
            )
            .with_hint(format!(
                "add `date_of_birth = YYYY-MM-DD` to {}",
                child_entry(i, child)
            )),
        );
        return;
    };
    let r = &cx.rec.report;
    // The earliest date the report speaks from: the child must be born by then.
    let earliest: Option<(Date, &str)> = [
        (r.date_signed, "the date the report was signed"),
        (r.filing_date, "the filing date"),
        (r.hearing_date, "the hearing date"),
    ]
    .into_iter()
    .filter_map(|(d, what)| d.map(|d| (d, what)))
    .min_by_key(|(d, _)| *d);
    if let Some((when, what)) = earliest
        && born > when
    {
        out.push(
            Finding::error(
                "E002",
                format!("children[{i}].date_of_birth"),
                format!("{label} is born on {born}, after {what} ({when})"),
            )
            .with_hint("check the year of the date of birth"),
        );
        return;
    }
    let age_on = r.hearing_date.or(r.filing_date).or(r.date_signed);
    if let Some(on) = age_on {
        let age = born.years_until(on);
        if age >= 18 {
            let what = if r.hearing_date.is_some() {
                "the hearing"
            } else {
                "the report's date"
            };
            out.push(
                Finding::error(
                    "E002",
                    format!("children[{i}].date_of_birth"),
                    format!(
                        "{label} is {age} at {what} ({on}): born {born}, so no longer a child under the Children Act 1989"
                    ),
                )
                .with_hint("check the date of birth; a person of 18 or over is not a child the court can make these orders about"),
            );
        }
    }
}

/// E003, W004, W029: the seven items of s1(3) for this child.
fn welfare(cx: &Ctx, i: usize, child: &Child, out: &mut Vec<Finding>) {
    let label = child_label(child);
    let w = &child.welfare;
    let missing: Vec<_> = Welfare::ITEMS
        .iter()
        .filter(|item| w.get(item.key).is_none_or(blank))
        .collect();
    if missing.len() == Welfare::ITEMS.len() {
        out.push(
            Finding::error(
                "E003",
                format!("children[{i}].welfare"),
                format!("there is no welfare checklist analysis for {label}: all seven items of s1(3) are missing"),
            )
            .with_hint(format!(
                "add a [children.welfare] table after {} with `wishes_feelings`, `needs`, `effect_of_change`, `characteristics`, `harm`, `parenting_capacity` and `court_powers`",
                child_entry(i, child)
            )),
        );
    } else {
        for item in missing {
            out.push(
                Finding::error(
                    "E003",
                    format!("children[{i}].welfare.{}", item.key),
                    format!(
                        "welfare checklist item ({}) \"{}\" is not analysed for {label}",
                        item.letter,
                        lower_first(item.label)
                    ),
                )
                .with_hint(format!(
                    "add `{} = \"...\"` to the [children.welfare] table of {}",
                    item.key,
                    child_entry(i, child)
                )),
            );
        }
    }

    // W004: item (f) names each parent.
    if !blank(&w.parenting_capacity) {
        for party in cx.rec.parties.iter().filter(|p| is_parent(&p.relationship)) {
            if !mentions_party(&w.parenting_capacity, party, &cx.rec.parties) {
                let relation = party.relationship.trim();
                let role = if relation.eq_ignore_ascii_case(party.id.trim()) {
                    String::new()
                } else {
                    format!(", the {relation}")
                };
                out.push(
                    Finding::warning(
                        "W004",
                        format!("children[{i}].welfare.parenting_capacity"),
                        format!(
                            "the parenting capacity analysis for {label} does not mention {}{role}",
                            super::who(&party.name, &party.id),
                        ),
                    )
                    .with_hint(format!(
                        "s1(3)(f) asks how capable each parent is: assess {}, or say why they could not be assessed",
                        party.name.trim()
                    )),
                );
            }
        }
    }

    // W029: identity and diversity.
    // Only when item (d) is written: a missing item (d) is E003's.
    if !blank(&w.characteristics) {
        let text = format!("{}\n{}", w.characteristics, child.profile);
        if !IDENTITY_WORDS.iter().any(|k| super::contains_ci(&text, k)) {
            out.push(
                Finding::warning(
                    "W029",
                    format!("children[{i}].welfare.characteristics"),
                    format!("the analysis for {label} does not address identity or diversity"),
                )
                .with_hint("in `characteristics`, address the child's identity: e.g. ethnicity, culture, religion, language, disability, background"),
            );
        }
    }
}

/// Words that show identity or diversity has been considered (W029). Deliberately broad:
/// the warning is for an analysis silent on it, not for one that uses other words.
const IDENTITY_WORDS: &[&str] = &[
    "identity",
    "divers",
    "cultur",
    "ethnic",
    "heritage",
    "religio",
    "faith",
    "language",
    "race",
    "racial",
    "disab",
    "background",
    "nationality",
    "gender",
    "british",
    "additional needs",
    "neurodiver",
    "autis",
];

/// W006, W007: the child's own words and being seen.
fn voice(cx: &Ctx, i: usize, child: &Child, out: &mut Vec<Finding>) {
    let label = child_label(child);
    if child.own_words.iter().all(|w| blank(w)) && blank(&child.no_own_words_reason) {
        out.push(
            Finding::warning(
                "W006",
                format!("children[{i}].own_words"),
                format!("{label}'s own words are not recorded, and no reason is given"),
            )
            .with_hint(format!(
                "add `own_words = [\"...\"]` quoting what the child said, or `no_own_words_reason = \"...\"`, to {}",
                child_entry(i, child)
            )),
        );
    }
    let seen = cx
        .rec
        .enquiries
        .iter()
        .any(|e| e.kind.sees_child() && e.with.iter().any(|w| w == &child.id));
    if !seen && blank(&child.not_seen_reason) {
        out.push(
            Finding::warning(
                "W007",
                format!("children[{i}]"),
                format!("{label} is not recorded as seen: no interview, observation or home visit includes `{}`", child.id),
            )
            .with_hint(format!(
                "add `{}` to the `with` list of the [[enquiries]] entry where the child was seen, or give `not_seen_reason` in {}",
                child.id,
                child_entry(i, child)
            )),
        );
    }
}

/// "Wishes and feelings" → "wishes and feelings".
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether a relationship to the children is that of a parent: mother, father, parent
/// (also "birth mother", "adoptive father"), not a step-parent, grandparent or foster carer.
pub(super) fn is_parent(relationship: &str) -> bool {
    let words: Vec<String> = relationship
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let Some(last) = words.last() else {
        return false;
    };
    let parent = matches!(
        last.as_str(),
        "mother" | "father" | "parent" | "mum" | "dad"
    );
    let excluded = words
        .iter()
        .any(|w| matches!(w.as_str(), "step" | "foster" | "grand" | "great" | "god"));
    parent && !excluded
}

/// Whether `text` refers to a party: by full name, first name, id, relationship
/// ("the mother"), or title and surname ("Ms Example"). A title is taken as the party's
/// only when it fits: "Mr Example" is not the mother when both parents are Example; a
/// title that says nothing of gender (Dr, Mx) counts only when no other party shares
/// the surname.
fn mentions_party(text: &str, party: &Party, parties: &[Party]) -> bool {
    let surname_of = |p: &Party| {
        p.name
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase()
    };
    let name = party.name.trim();
    let first = name.split_whitespace().next().unwrap_or("");
    let surname = surname_of(party);
    let shared = parties
        .iter()
        .filter(|p| p.id != party.id)
        .any(|p| surname_of(p) == surname);
    let relation = party.relationship.to_lowercase();
    let male = ["father", "dad"].iter().any(|w| relation.contains(w));
    let female = ["mother", "mum"].iter().any(|w| relation.contains(w));
    let mut titles: Vec<&str> = Vec::new();
    if male || !female {
        titles.push("Mr");
    }
    if female || !male {
        titles.extend(["Ms", "Mrs", "Miss"]);
    }
    if !shared {
        titles.extend(["Mx", "Dr"]);
    }
    let titled = !surname.is_empty()
        && titles
            .iter()
            .any(|t| mentions_word(text, &format!("{t} {surname}")));
    super::contains_phrase(text, name)
        || mentions_word(text, first)
        || mentions_word(text, &party.id)
        || mentions_word(text, party.relationship.trim())
        || titled
}
