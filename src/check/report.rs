//! The report as a whole: cover details, the court's questions, dates, and what each kind
//! of report must contain (E005 W005 E037 W037 E039 E040 W041 E046 E047 W028 W048).

use super::{Ctx, blank, mentions_word, ordinal};
use crate::finding::Finding;
use crate::record::{Date, EnquiryKind, ReportKind};

pub(super) fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    cover(cx, out);
    questions(cx, out);
    dates(cx, out);
    enquiry_dates(cx, out);
    analysis(cx, out);
}

/// E047: what the cover block needs.
fn cover(cx: &Ctx, out: &mut Vec<Finding>) {
    let r = &cx.rec.report;
    let fields = [
        (
            "court",
            &r.court,
            "the court, e.g. `court = \"Family Court at Exampleton\"`",
        ),
        (
            "case_number",
            &r.case_number,
            "the case number as on the court's order",
        ),
        (
            "application",
            &r.application,
            "the application before the court",
        ),
        ("author.name", &r.author.name, "the author's name"),
        (
            "author.role",
            &r.author.role,
            "the author's role, e.g. `role = \"Family Court Adviser\"`",
        ),
    ];
    for (key, value, what) in fields {
        if blank(value) {
            out.push(
                Finding::error(
                    "E047",
                    format!("report.{key}"),
                    format!("the report's cover has no `{key}`"),
                )
                .with_hint(format!("add {what} to [report]")),
            );
        }
    }
    for (i, party) in cx.rec.parties.iter().enumerate() {
        if blank(&party.name) {
            out.push(
                Finding::error(
                    "E047",
                    format!("parties[{i}].name"),
                    format!("the party with id `{}` has no name", party.id),
                )
                .with_hint("write the person's full name in `name`"),
            );
        }
    }
}

/// E005, W005, E046: the court's questions, and which recommendation answers each.
fn questions(cx: &Ctx, out: &mut Vec<Finding>) {
    let questions = &cx.rec.report.questions;
    let n = questions.len();
    if questions.iter().all(|q| blank(q)) {
        out.push(
            Finding::error(
                "E005",
                "report.questions",
                "the report does not record the questions the court directed it to address",
            )
            .with_hint(
                "list the matters in the court's order in [report] as `questions = [\"...\", \"...\"]`",
            ),
        );
    } else {
        for (i, q) in questions.iter().enumerate() {
            if blank(q) {
                out.push(
                    Finding::error(
                        "E005",
                        format!("report.questions[{i}]"),
                        format!("question {} of the court's questions is empty", i + 1),
                    )
                    .with_hint("write the question as the court directed it, or remove the entry"),
                );
            }
        }
    }

    let recs = &cx.rec.recommendations;
    for (ri, rec) in recs.iter().enumerate() {
        for (ai, &a) in rec.answers.iter().enumerate() {
            if a == 0 || a as usize > n {
                let range = match n {
                    0 => "the report has no questions".to_string(),
                    1 => "the report has 1 question, so the only valid number is 1".to_string(),
                    _ => format!("the report has {n} questions, numbered 1 to {n}"),
                };
                out.push(
                    Finding::error(
                        "E046",
                        format!("recommendations[{ri}].answers[{ai}]"),
                        format!(
                            "the {} recommendation answers question `{a}`, which does not exist; {range}",
                            ordinal(ri + 1)
                        ),
                    )
                    .with_hint("questions are numbered from 1 in the order of [report] questions"),
                );
            }
        }
    }
    if recs.iter().any(|r| !r.answers.is_empty()) {
        for (i, q) in questions.iter().enumerate() {
            let number = (i + 1) as u32;
            if blank(q) || recs.iter().any(|r| r.answers.contains(&number)) {
                continue;
            }
            out.push(
                Finding::warning(
                    "W005",
                    format!("report.questions[{i}]"),
                    format!(
                        "no recommendation answers the court's question {number}: \"{}\"",
                        q.trim()
                    ),
                )
                .with_hint(format!(
                    "add {number} to `answers` of the recommendation that answers it, or add a recommendation that does"
                )),
            );
        }
    }
}

/// E037, W037: the hearing, filing and signing dates.
fn dates(cx: &Ctx, out: &mut Vec<Finding>) {
    let r = &cx.rec.report;
    if r.hearing_date.is_none() {
        out.push(
            Finding::error(
                "E037",
                "report.hearing_date",
                "the report has no hearing date",
            )
            .with_hint("add `hearing_date = YYYY-MM-DD` to [report], from the court's order"),
        );
    }
    if r.filing_date.is_none() {
        out.push(
            Finding::error(
                "E037",
                "report.filing_date",
                "the report has no filing date (the date the court directed it be filed by)",
            )
            .with_hint("add `filing_date = YYYY-MM-DD` to [report], from the court's order"),
        );
    }
    if let (Some(filing), Some(hearing)) = (r.filing_date, r.hearing_date)
        && filing >= hearing
    {
        let when = if filing == hearing {
            "the same day as"
        } else {
            "after"
        };
        out.push(
                Finding::error(
                    "E037",
                    "report.filing_date",
                    format!(
                        "the filing date {filing} is {when} the hearing date {hearing}; the report must be filed before the hearing"
                    ),
                )
                .with_hint("check both dates against the court's order"),
            );
    }
    if let (Some(signed), Some(filing)) = (r.date_signed, r.filing_date)
        && signed > filing
    {
        out.push(
            Finding::warning(
                "W037",
                "report.date_signed",
                format!("the report is signed on {signed}, after its filing date {filing}"),
            )
            .with_hint(
                "check `date_signed`; if the report will be late, ask the court for an extension",
            ),
        );
    }
}

/// E039: each enquiry is dated, within the application and the report.
fn enquiry_dates(cx: &Ctx, out: &mut Vec<Finding>) {
    let r = &cx.rec.report;
    let (limit, limit_name): (Option<Date>, &str) = match (r.date_signed, r.filing_date) {
        (Some(d), _) => (Some(d), "the report's signing date"),
        (None, Some(d)) => (Some(d), "the report's filing date"),
        (None, None) => (None, ""),
    };
    for (i, enquiry) in cx.rec.enquiries.iter().enumerate() {
        let what = describe_enquiry(cx, enquiry.kind, &enquiry.with);
        let Some(date) = enquiry.date else {
            out.push(
                Finding::error(
                    "E039",
                    format!("enquiries[{i}].date"),
                    format!("the {} enquiry ({what}) has no date", ordinal(i + 1)),
                )
                .with_hint("add `date = YYYY-MM-DD` to the [[enquiries]] entry"),
            );
            continue;
        };
        if let Some(limit) = limit
            && date > limit
        {
            out.push(
                    Finding::error(
                        "E039",
                        format!("enquiries[{i}].date"),
                        format!("the {what} is dated {date}, after {limit_name} {limit}"),
                    )
                    .with_hint("check the enquiry's date; an enquiry made after the report was signed cannot be in it"),
                );
        }
        if let Some(applied) = r.application_date
            && date < applied
        {
            out.push(
                    Finding::error(
                        "E039",
                        format!("enquiries[{i}].date"),
                        format!("the {what} is dated {date}, before the application date {applied}"),
                    )
                    .with_hint("check the enquiry's date and `application_date` in [report]; earlier work belongs in `background`"),
                );
        }
    }
}

/// "interview with Ella Example (ella)", "police check".
fn describe_enquiry(cx: &Ctx, kind: EnquiryKind, with: &[String]) -> String {
    let label = kind.label().to_lowercase();
    let names: Vec<String> = with
        .iter()
        .map(|id| {
            if let Some(c) = cx.child(id) {
                super::child_label(c)
            } else if let Some(p) = cx.rec.parties.iter().find(|p| &p.id == id) {
                super::who(&p.name, &p.id)
            } else {
                format!("`{id}`")
            }
        })
        .collect();
    if names.is_empty() {
        label
    } else {
        format!("{label} with {}", names.join(", "))
    }
}

/// E040, W041, W028, W048: the `[analysis]` table.
fn analysis(cx: &Ctx, out: &mut Vec<Finding>) {
    let a = &cx.rec.analysis;
    if blank(&a.bias_reflection) {
        out.push(
            Finding::warning(
                "W028",
                "analysis.bias_reflection",
                "the report has no reflection on bias",
            )
            .with_hint(
                "add `bias_reflection` to [analysis]: gender, personal and cultural norms, a party's influence",
            ),
        );
    }
    if blank(&a.no_order) {
        out.push(
            Finding::warning(
                "W048",
                "analysis.no_order",
                "the report does not consider the \"no order\" principle (s1(5) Children Act 1989)",
            )
            .with_hint("add `no_order` to [analysis]: why an order would be better for the children than none"),
        );
    }
    if cx.rec.report.kind != ReportKind::ChildImpact {
        return;
    }
    let sections = [
        (
            "child_impact",
            &a.child_impact,
            "section 3, Child Impact Analysis",
        ),
        (
            "assessment",
            &a.assessment,
            "section 4, Structured Professional Assessment",
        ),
    ];
    for (key, text, section) in sections {
        if blank(text) {
            out.push(
                Finding::error(
                    "E040",
                    format!("analysis.{key}"),
                    format!(
                        "a child impact report needs `analysis.{key}` ({section}), and it is empty"
                    ),
                )
                .with_hint(format!("write `{key}` in [analysis]")),
            );
        }
    }
    if blank(&a.child_impact) {
        return;
    }
    for child in &cx.rec.children {
        if !mentions_child(&a.child_impact, &child.name, &child.id) {
            out.push(
                Finding::warning(
                    "W041",
                    "analysis.child_impact",
                    format!(
                        "the child impact analysis does not mention {}",
                        super::child_label(child)
                    ),
                )
                .with_hint("the analysis is per child: write about each child by name"),
            );
        }
    }
    if !super::contains_ci(&a.child_impact, "observ") {
        out.push(
            Finding::warning(
                "W041",
                "analysis.child_impact",
                "the child impact analysis does not say what observing the child showed",
            )
            .with_hint("add what was seen when the child was observed (template section 3)"),
        );
    }
}

/// Whether `text` refers to a person by full name, first name or id.
pub(super) fn mentions_child(text: &str, name: &str, id: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    super::contains_phrase(text, name) || mentions_word(text, first) || mentions_word(text, id)
}
