//! The golden thread and the references that hold the record together: risks answered,
//! ids that resolve, every child covered, family assistance orders, s37, s16A
//! (E008-E011 E031 W032 E033 W034 W035 E043 E045).

use std::collections::HashMap;

use super::{Ctx, analysis_texts, blank, child_label, mentions_word, ordinal, unknown_id};
use crate::finding::Finding;
use crate::record::{OrderKind, RiskSource};

pub(super) fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    duplicates(cx, out);
    references(cx, out);
    golden_thread(cx, out);
    coverage(cx, out);
    recommendations(cx, out);
    risk_assessments(cx, out);
}

/// E045: ids present and unique (parties and children share one set; risks another).
fn duplicates(cx: &Ctx, out: &mut Vec<Finding>) {
    let mut people: HashMap<&str, String> = HashMap::new();
    let entries = cx
        .rec
        .parties
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("parties[{i}]"), p.id.as_str(), "party"))
        .chain(
            cx.rec
                .children
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("children[{i}]"), c.id.as_str(), "child")),
        );
    for (path, id, what) in entries {
        if blank(id) {
            // A child without an id is E002; a party without one is this rule's.
            if what == "party" {
                out.push(
                    Finding::error("E045", format!("{path}.id"), "a party has an empty id")
                        .with_hint("give the party a short id, e.g. `id = \"mother\"`"),
                );
            }
            continue;
        }
        if let Some(first) = people.get(id) {
            out.push(
                Finding::error(
                    "E045",
                    format!("{path}.id"),
                    format!("the id `{id}` is used twice: by this {what} and by `{first}`"),
                )
                .with_hint("parties and children share one set of ids: give each its own"),
            );
        } else {
            people.insert(id, path);
        }
    }
    let mut risks: HashMap<&str, usize> = HashMap::new();
    for (i, risk) in cx.rec.risks.iter().enumerate() {
        let id = risk.id.as_str();
        if blank(id) {
            out.push(
                Finding::error("E045", format!("risks[{i}].id"), "a risk has an empty id")
                    .with_hint("give the risk a short id, e.g. `id = \"r1\"`"),
            );
        } else if let Some(first) = risks.get(id) {
            out.push(
                Finding::error(
                    "E045",
                    format!("risks[{i}].id"),
                    format!(
                        "the risk id `{id}` is used twice: by the {} and the {} risk",
                        ordinal(first + 1),
                        ordinal(i + 1)
                    ),
                )
                .with_hint("give each risk its own id"),
            );
        } else {
            risks.insert(id, i);
        }
    }
}

/// E009 (recommendations) and E043 (everywhere else): every id names someone.
fn references(cx: &Ctx, out: &mut Vec<Finding>) {
    let children = cx.child_ids();
    let parties = cx.party_ids();
    let risks = cx.risk_ids();
    let people: Vec<&str> = parties.iter().chain(children.iter()).copied().collect();
    let add_child = "add a [[children]] entry with that id";
    let add_party = "add a [[parties]] entry with that id";
    let add_person = "add a [[parties]] or [[children]] entry with that id";

    let mut check_ids = |code, field: String, ids: &[String], known: &[&str], what, plural, add| {
        for (j, id) in ids.iter().enumerate() {
            if !known.contains(&id.as_str()) {
                out.push(unknown_id(
                    code,
                    format!("{field}[{j}]"),
                    id,
                    what,
                    plural,
                    known,
                    add,
                ));
            }
        }
    };

    for (i, rec) in cx.rec.recommendations.iter().enumerate() {
        let at = format!("recommendations[{i}]");
        check_ids(
            "E009",
            format!("{at}.addresses"),
            &rec.addresses,
            &risks,
            "risk",
            "risks",
            "add a [[risks]] entry with that id",
        );
        check_ids(
            "E009",
            format!("{at}.children"),
            &rec.children,
            &children,
            "child",
            "children",
            add_child,
        );
        check_ids(
            "E009",
            format!("{at}.differs_for"),
            &rec.differs_for,
            &children,
            "child",
            "children",
            add_child,
        );
        check_ids(
            "E043",
            format!("{at}.named_persons"),
            &rec.named_persons,
            &people,
            "party or child",
            "parties and children",
            add_person,
        );
        check_ids(
            "E043",
            format!("{at}.consents"),
            &rec.consents,
            &parties,
            "party",
            "parties",
            add_party,
        );
    }
    for (i, child) in cx.rec.children.iter().enumerate() {
        check_ids(
            "E043",
            format!("children[{i}].lives_with"),
            &child.lives_with,
            &parties,
            "party",
            "parties",
            add_party,
        );
    }
    for (i, e) in cx.rec.enquiries.iter().enumerate() {
        check_ids(
            "E043",
            format!("enquiries[{i}].with"),
            &e.with,
            &people,
            "party or child",
            "parties and children",
            add_person,
        );
    }
    for (i, r) in cx.rec.risks.iter().enumerate() {
        check_ids(
            "E043",
            format!("risks[{i}].children"),
            &r.children,
            &children,
            "child",
            "children",
            add_child,
        );
    }
    for (i, r) in cx.rec.risk_assessments.iter().enumerate() {
        check_ids(
            "E043",
            format!("risk_assessments[{i}].children"),
            &r.children,
            &children,
            "child",
            "children",
            add_child,
        );
    }
    if let Some(cr) = &cx.rec.ciaf.child_resistance {
        check_ids(
            "E043",
            "ciaf.child_resistance.children".into(),
            &cr.children,
            &children,
            "child",
            "children",
            add_child,
        );
    }
}

/// E008: every risk from the safeguarding letter or the case plan is answered.
fn golden_thread(cx: &Ctx, out: &mut Vec<Finding>) {
    let texts = analysis_texts(cx.rec);
    for (i, risk) in cx.rec.risks.iter().enumerate() {
        if !matches!(
            risk.source,
            RiskSource::SafeguardingLetter | RiskSource::CasePlan
        ) || blank(&risk.id)
        {
            continue;
        }
        let addressed = cx
            .rec
            .recommendations
            .iter()
            .any(|r| r.addresses.contains(&risk.id));
        let analysed = texts.iter().any(|(_, t)| mentions_word(t, &risk.id));
        if !addressed && !analysed {
            out.push(
                Finding::error(
                    "E008",
                    format!("risks[{i}]"),
                    format!(
                        "risk `{}` from the {} is not addressed by any recommendation or analysis: \"{}\"",
                        risk.id,
                        risk.source.label().to_lowercase(),
                        risk.description.trim()
                    ),
                )
                .with_hint(format!(
                    "add \"{}\" to `addresses` of the recommendation that answers it, or refer to `{}` in the analysis that deals with it",
                    risk.id, risk.id
                )),
            );
        }
    }
}

/// E010: every child is covered by a recommendation (one with no `children` covers all).
fn coverage(cx: &Ctx, out: &mut Vec<Finding>) {
    let recs = &cx.rec.recommendations;
    if recs.is_empty() {
        if !cx.rec.children.is_empty() {
            out.push(
                Finding::error(
                    "E010",
                    "recommendations",
                    "the report makes no recommendations",
                )
                .with_hint(
                    "add a [[recommendations]] entry for each child, with `text` and `children`",
                ),
            );
        }
        return;
    }
    if recs.iter().any(|r| r.children.is_empty()) {
        return;
    }
    for (i, child) in cx.rec.children.iter().enumerate() {
        if blank(&child.id) {
            continue;
        }
        if !recs.iter().any(|r| r.children.contains(&child.id)) {
            out.push(
                Finding::error(
                    "E010",
                    format!("children[{i}]"),
                    format!("no recommendation concerns {}", child_label(child)),
                )
                .with_hint(format!(
                    "add \"{}\" to `children` of the recommendations about them",
                    child.id
                )),
            );
        }
    }
}

/// E011, E031, W032, W034, W035.
fn recommendations(cx: &Ctx, out: &mut Vec<Finding>) {
    for (i, rec) in cx.rec.recommendations.iter().enumerate() {
        let at = format!("recommendations[{i}]");
        let nth = ordinal(i + 1);
        if (rec.differs_from_wishes || !rec.differs_for.is_empty()) && blank(&rec.telling_the_child)
        {
            let whom = match rec.children.len() {
                _ if !rec.differs_for.is_empty() => children_listed(cx, &rec.differs_for, "and"),
                1 => children_named(cx, &rec.children),
                _ => {
                    let all: Vec<String> = if rec.children.is_empty() {
                        cx.rec.children.iter().map(|c| c.id.clone()).collect()
                    } else {
                        rec.children.clone()
                    };
                    format!("a child it concerns ({})", children_listed(cx, &all, "or"))
                }
            };
            out.push(
                Finding::error(
                    "E011",
                    format!("{at}.telling_the_child"),
                    format!("the {nth} recommendation differs from the wishes of {whom}, but does not say how the child will be told"),
                )
                .with_hint("add `telling_the_child = \"...\"` to the recommendation: who will explain it to the child, how and when"),
            );
        }
        match rec.order {
            Some(OrderKind::FamilyAssistance) => family_assistance(cx, i, rec, out),
            Some(OrderKind::S37Report) => {
                let noted = ["8 weeks", "eight weeks", "8-week", "eight-week"]
                    .iter()
                    .any(|w| super::contains_ci(&rec.text, w));
                if !noted {
                    out.push(
                        Finding::warning(
                            "W035",
                            format!("{at}.text"),
                            format!("the {nth} recommendation is for a s37 report, but does not say the local authority reports within eight weeks"),
                        )
                        .with_hint("add that the local authority reports within eight weeks of the direction unless the court directs otherwise (s37(4))"),
                    );
                }
            }
            _ => {}
        }
    }
    for (i, risk) in cx.rec.risks.iter().enumerate() {
        if risk.significant_harm
            && !super::ciaf::considered(cx, OrderKind::LocalAuthorityReferral)
            && !super::ciaf::considered(cx, OrderKind::S37Report)
        {
            out.push(
                Finding::warning(
                    "W034",
                    format!("risks[{i}].significant_harm"),
                    format!(
                        "risk `{}` is a concern of significant harm, but neither a local authority referral nor a s37 report is recommended or reasoned out",
                        risk.id
                    ),
                )
                .with_hint("add a recommendation or a [[considered]] entry with `order = \"local_authority_referral\"` or `\"s37_report\"`"),
            );
        }
    }
}

/// E031, W032: a family assistance order under s16.
fn family_assistance(
    cx: &Ctx,
    i: usize,
    rec: &crate::record::Recommendation,
    out: &mut Vec<Finding>,
) {
    let at = format!("recommendations[{i}]");
    let nth = ordinal(i + 1);
    if rec.named_persons.is_empty() {
        out.push(
            Finding::error(
                "E031",
                format!("{at}.named_persons"),
                format!("the {nth} recommendation is for a family assistance order, but names no one"),
            )
            .with_hint("add `named_persons = [...]`: the ids of the people the officer will advise, assist and befriend (s16(1)-(2))"),
        );
    }
    for id in &rec.named_persons {
        // s16(3)(b): every named person other than the child consents.
        if cx.child(id).is_some() || rec.consents.contains(id) {
            continue;
        }
        let Some(party) = cx.rec.parties.iter().find(|p| &p.id == id) else {
            continue; // an unknown id is E043
        };
        out.push(
            Finding::error(
                "E031",
                format!("{at}.consents"),
                format!(
                    "the {nth} recommendation names {} in a family assistance order, but their consent is not recorded",
                    super::who(&party.name, &party.id)
                ),
            )
            .with_hint(format!(
                "an FAO needs the consent of every named adult (s16(3)(b)): add \"{id}\" to `consents` once they agree, or do not name them"
            )),
        );
    }
    match rec.duration_months {
        Some(m) if m == 0 || m > 12 => out.push(
            Finding::error(
                "E031",
                format!("{at}.duration_months"),
                format!(
                    "the family assistance order is to last `{m}` months; s16(5) allows at most 12"
                ),
            )
            .with_hint("give `duration_months` from 1 to 12"),
        ),
        _ => {}
    }
    match &rec.fao_criteria {
        None => out.push(
            Finding::warning(
                "W032",
                format!("{at}.fao_criteria"),
                format!("the {nth} recommendation is for a family assistance order, but does not address the Cafcass FAO criteria"),
            )
            .with_hint("add a [recommendations.fao_criteria] table under it answering `welfare_improves`, `achievable_target`, `parents_cooperate`, `feelings_separated`, `without_support`, `child_wishes`, `other_resources` and `reporting`"),
        ),
        Some(criteria) => {
            let missing: Vec<(&str, &str)> = criteria
                .items()
                .iter()
                .filter(|(_, _, answer)| blank(answer))
                .map(|(key, question, _)| (*key, *question))
                .collect();
            for (key, question) in missing {
                out.push(
                    Finding::warning(
                        "W032",
                        format!("{at}.fao_criteria.{key}"),
                        format!("the FAO criterion `{key}` is not addressed: \"{question}\""),
                    )
                    .with_hint(format!("add `{key} = \"...\"` to [recommendations.fao_criteria]")),
                );
            }
        }
    }
}

/// E033: a s16A risk assessment states its trigger.
fn risk_assessments(cx: &Ctx, out: &mut Vec<Finding>) {
    for (i, ra) in cx.rec.risk_assessments.iter().enumerate() {
        if blank(&ra.trigger) {
            let whom = if ra.children.is_empty() {
                "the children".to_string()
            } else {
                children_named(cx, &ra.children)
            };
            out.push(
                Finding::error(
                    "E033",
                    format!("risk_assessments[{i}].trigger"),
                    format!("the s16A risk assessment about {whom} does not state what triggered it"),
                )
                .with_hint("add `trigger = \"...\"`: the factor(s) that gave cause to suspect a risk of harm (PD12L)"),
            );
        }
    }
}

/// "Ella Example (ella) and Sam Example (sam)", or "the child" when none is named.
fn children_named(cx: &Ctx, ids: &[String]) -> String {
    children_listed(cx, ids, "and")
}

/// The children named, joined with `conjunction` before the last.
fn children_listed(cx: &Ctx, ids: &[String], conjunction: &str) -> String {
    let names: Vec<String> = ids
        .iter()
        .map(|id| match cx.child(id) {
            Some(c) => child_label(c),
            None => format!("`{id}`"),
        })
        .collect();
    match names.len() {
        0 => "the child".to_string(),
        1 => names[0].clone(),
        n => format!(
            "{} {conjunction} {}",
            names[..n - 1].join(", "),
            names[n - 1]
        ),
    }
}
