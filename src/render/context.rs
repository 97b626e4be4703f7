//! What a report template sees: the record, resolved and formatted for reading.
//!
//! Ids become names, dates become "18 January 2027", ages are computed at the hearing,
//! and the golden thread (which recommendation answers which risk) is worked out here,
//! so templates only lay out. Strings here are raw record text: the template engine
//! escapes plain fields, and the `paras` / `inline` filters sanitise narratives.

use std::collections::HashMap;

use serde::Serialize;

use crate::record::{AreaStatus, CaseRecord, Date, ReportKind, ReportStatus, Welfare};

/// The closing declaration of the 2017 child impact analysis template, verbatim.
pub const CHILD_IMPACT_DECLARATION: &str = "In compiling this report, I have had regard in particular to the welfare checklist as required by Rule 16.20/16.33 Family Procedure Rules 2010 and I have applied a welfare checklist analysis to the facts of the case throughout.";

/// The confidentiality notice printed on the draft (and in the PDF footer).
pub const CONFIDENTIALITY_NOTICE: &str = "This report is confidential. It has been prepared for the court and the parties to these proceedings and must not be shown or disclosed to anyone else without the permission of the court.";

#[derive(Debug, Serialize)]
pub struct ReportContext {
    pub kind: &'static str,
    pub title: &'static str,
    pub draft: bool,
    pub confidentiality: &'static str,
    pub declaration: &'static str,
    pub court: String,
    pub case_number: String,
    pub application: String,
    pub application_date: Option<String>,
    pub hearing_type: String,
    pub hearing_date: Option<String>,
    pub filing_date: Option<String>,
    pub date_signed: Option<String>,
    pub author: AuthorView,
    pub questions: Vec<String>,
    pub current_orders: Vec<String>,
    pub childrens_solicitor: String,
    pub background: crate::record::Background,
    pub children: Vec<ChildView>,
    /// All children's first names joined ("Ella, Sam and Noor"), for sentences.
    pub children_names: String,
    pub parties: Vec<PartyView>,
    pub enquiries: Vec<EnquiryView>,
    pub risks: Vec<RiskView>,
    pub risk_assessments: Vec<RiskAssessmentView>,
    pub tools_used: Vec<crate::record::Tool>,
    pub ciaf: Vec<AreaView>,
    pub analysis: crate::record::Analysis,
    pub recommendations: Vec<RecommendationView>,
    pub considered: Vec<ConsideredView>,
    /// Errors still open, listed at the end of a draft rendered with `--allow-incomplete`.
    pub outstanding: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct AuthorView {
    pub name: String,
    pub role: String,
    pub organisation: String,
}

#[derive(Debug, Serialize)]
pub struct ChildView {
    pub id: String,
    pub name: String,
    pub first_name: String,
    pub date_of_birth: Option<String>,
    /// Age in whole years at the hearing (or the report's date).
    pub age: Option<i32>,
    pub lives_with: String,
    pub profile: String,
    pub own_words: Vec<String>,
    pub no_own_words_reason: String,
    pub not_seen_reason: String,
    pub welfare: Vec<WelfareView>,
}

#[derive(Debug, Serialize)]
pub struct WelfareView {
    pub key: &'static str,
    pub letter: char,
    pub label: &'static str,
    pub statute: &'static str,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct PartyView {
    pub id: String,
    pub name: String,
    pub relationship: String,
    pub role: &'static str,
    pub profile: String,
    pub response: String,
}

#[derive(Debug, Serialize)]
pub struct EnquiryView {
    pub date: Option<String>,
    pub kind: &'static str,
    pub with: String,
    pub summary: String,
}

#[derive(Debug, Serialize)]
pub struct RiskView {
    pub id: String,
    pub source: &'static str,
    pub description: String,
    pub children: String,
    pub significant_harm: bool,
    /// Numbers of the recommendations that address it ("1, 3").
    pub addressed_by: String,
}

#[derive(Debug, Serialize)]
pub struct RiskAssessmentView {
    pub children: String,
    pub date: Option<String>,
    pub trigger: String,
    pub outcome: String,
}

#[derive(Debug, Serialize)]
pub struct AreaView {
    pub key: &'static str,
    pub title: &'static str,
    /// Whether the record addresses the area at all.
    pub addressed: bool,
    pub status: &'static str,
    pub raised: bool,
    pub indicators: Vec<&'static str>,
    pub analysis: String,
    /// Further labelled facts (fact-finding position, reason, pattern, impact).
    pub facts: Vec<Fact>,
    /// Reasons for the fact-finding position (domestic abuse only).
    pub reasons: String,
}

#[derive(Debug, Serialize)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct RecommendationView {
    pub number: usize,
    pub text: String,
    pub order: Option<&'static str>,
    pub children: String,
    pub addresses: Vec<String>,
    pub answers: Vec<u32>,
    pub differs_from_wishes: bool,
    /// The children whose wishes it differs from.
    pub differs_for: String,
    pub telling_the_child: String,
    pub named_persons: String,
    pub consents: String,
    pub duration_months: Option<u32>,
    pub fao_criteria: Vec<Fact>,
}

#[derive(Debug, Serialize)]
pub struct ConsideredView {
    pub order: &'static str,
    pub reason: String,
}

impl ReportContext {
    pub fn new(record: &CaseRecord, kind: ReportKind, outstanding: Vec<String>) -> Self {
        let names = Names::new(record);
        let report = &record.report;
        let age_on = report
            .hearing_date
            .or(report.date_signed)
            .or(report.filing_date);

        let children: Vec<ChildView> = record
            .children
            .iter()
            .map(|c| ChildView {
                id: c.id.clone(),
                name: name_or_gap(&c.name, &c.id),
                first_name: match c.name.trim() {
                    "" => name_or_gap(&c.name, &c.id),
                    name => first_name(name),
                },
                date_of_birth: c.date_of_birth.map(Date::long),
                age: c
                    .date_of_birth
                    .zip(age_on)
                    .map(|(dob, on)| dob.years_until(on)),
                lives_with: names.list(&c.lives_with),
                profile: c.profile.clone(),
                own_words: c.own_words.clone(),
                no_own_words_reason: c.no_own_words_reason.clone(),
                not_seen_reason: c.not_seen_reason.clone(),
                welfare: Welfare::ITEMS
                    .iter()
                    .map(|item| WelfareView {
                        key: item.key,
                        letter: item.letter,
                        label: item.label,
                        statute: item.statute,
                        text: c.welfare.get(item.key).unwrap_or_default().to_string(),
                    })
                    .collect(),
            })
            .collect();
        let children_names = join_names(children.iter().map(|c| c.first_name.clone()).collect());

        let all_children: Vec<String> = record.children.iter().map(|c| c.id.clone()).collect();
        let mut addressed_by: HashMap<&str, Vec<String>> = HashMap::new();
        for (i, rec) in record.recommendations.iter().enumerate() {
            for risk in &rec.addresses {
                addressed_by
                    .entry(risk.as_str())
                    .or_default()
                    .push((i + 1).to_string());
            }
        }

        ReportContext {
            kind: kind.key(),
            title: kind.title(),
            draft: report.status == ReportStatus::Draft,
            confidentiality: CONFIDENTIALITY_NOTICE,
            declaration: CHILD_IMPACT_DECLARATION,
            court: report.court.clone(),
            case_number: report.case_number.clone(),
            application: report.application.clone(),
            application_date: report.application_date.map(Date::long),
            hearing_type: report.hearing_type.clone(),
            hearing_date: report.hearing_date.map(Date::long),
            filing_date: report.filing_date.map(Date::long),
            date_signed: report.date_signed.map(Date::long),
            author: AuthorView {
                name: report.author.name.clone(),
                role: report.author.role.clone(),
                organisation: report.author.organisation.clone(),
            },
            questions: report.questions.clone(),
            current_orders: report.current_orders.clone(),
            childrens_solicitor: report.childrens_solicitor.clone(),
            background: record.background.clone(),
            children,
            children_names,
            parties: record
                .parties
                .iter()
                .map(|p| PartyView {
                    id: p.id.clone(),
                    name: name_or_gap(&p.name, &p.id),
                    relationship: p.relationship.clone(),
                    role: p.role.label(),
                    profile: p.profile.clone(),
                    response: p.response.clone(),
                })
                .collect(),
            enquiries: record
                .enquiries
                .iter()
                .map(|e| EnquiryView {
                    date: e.date.map(Date::long),
                    kind: e.kind.label(),
                    with: names.list(&e.with),
                    summary: e.summary.clone(),
                })
                .collect(),
            risks: record
                .risks
                .iter()
                .map(|r| RiskView {
                    id: r.id.clone(),
                    source: r.source.label(),
                    description: r.description.clone(),
                    children: if r.children.is_empty() {
                        "All".to_string()
                    } else {
                        names.list(&r.children)
                    },
                    significant_harm: r.significant_harm,
                    addressed_by: addressed_by
                        .get(r.id.as_str())
                        .map(|v| v.join(", "))
                        .unwrap_or_default(),
                })
                .collect(),
            risk_assessments: record
                .risk_assessments
                .iter()
                .map(|a| RiskAssessmentView {
                    children: names.list(&a.children),
                    date: a.date.map(Date::long),
                    trigger: a.trigger.clone(),
                    outcome: a.outcome.clone(),
                })
                .collect(),
            tools_used: record.tools_used.clone(),
            ciaf: ciaf_views(record, &names),
            analysis: record.analysis.clone(),
            recommendations: record
                .recommendations
                .iter()
                .enumerate()
                .map(|(i, r)| RecommendationView {
                    number: i + 1,
                    text: r.text.clone(),
                    order: r.order.map(|o| o.label()),
                    // An empty list means every child (the record's contract).
                    children: if r.children.is_empty() {
                        names.list(&all_children)
                    } else {
                        names.list(&r.children)
                    },
                    addresses: r.addresses.clone(),
                    answers: r.answers.clone(),
                    differs_from_wishes: r.differs_from_wishes || !r.differs_for.is_empty(),
                    differs_for: names.list(if r.differs_for.is_empty() {
                        if r.children.is_empty() {
                            &all_children
                        } else {
                            &r.children
                        }
                    } else {
                        &r.differs_for
                    }),
                    telling_the_child: r.telling_the_child.clone(),
                    named_persons: names.list(&r.named_persons),
                    consents: names.list(&r.consents),
                    duration_months: r.duration_months,
                    fao_criteria: r
                        .fao_criteria
                        .as_ref()
                        .map(|c| {
                            c.items()
                                .into_iter()
                                .filter(|(_, _, answer)| !answer.trim().is_empty())
                                .map(|(_, question, answer)| Fact {
                                    label: question,
                                    value: answer.to_string(),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect(),
            considered: record
                .considered
                .iter()
                .map(|c| ConsideredView {
                    order: c.order.label(),
                    reason: c.reason.clone(),
                })
                .collect(),
            outstanding,
        }
    }
}

fn ciaf_views(record: &CaseRecord, names: &Names) -> Vec<AreaView> {
    let ciaf = &record.ciaf;
    let mut da = AreaView::new("domestic_abuse", "Domestic abuse");
    if let Some(a) = &ciaf.domestic_abuse {
        da.addressed(a.status, &a.analysis);
        da.indicators = a.indicators.iter().map(|i| i.label()).collect();
        if let Some(ff) = a.fact_finding {
            da.fact("Fact-finding (PD12J)", ff.label().to_string());
        }
        da.reasons = a.fact_finding_reasons.clone();
    }

    let mut hc = AreaView::new("harmful_conflict", "Harmful conflict");
    if let Some(a) = &ciaf.harmful_conflict {
        hc.addressed(a.status, &a.analysis);
        hc.indicators = a.indicators.iter().map(|i| i.label()).collect();
    }

    let mut cr = AreaView::new("child_resistance", "Child resistance or refusal");
    if let Some(a) = &ciaf.child_resistance {
        cr.addressed(a.status, &a.analysis);
        if !a.children.is_empty() {
            cr.fact("Children", names.list(&a.children));
        }
        if let Some(reason) = a.reason {
            cr.fact("Assessed reason", reason.label().to_string());
        }
        if let Some(p) = a.behaviour_pattern {
            cr.fact("Pattern of alienating behaviour", format!("{p:?}"));
        }
        if let Some(i) = a.impact {
            cr.fact("Impact on the child", format!("{i:?}"));
        }
    }

    let mut hp = AreaView::new("harmful_parenting", "Other forms of harmful parenting");
    if let Some(a) = &ciaf.harmful_parenting {
        hp.addressed(a.status, &a.analysis);
        hp.indicators = a.indicators.iter().map(|i| i.label()).collect();
    }
    vec![da, hc, cr, hp]
}

impl AreaView {
    /// An area the record does not address (yet).
    fn new(key: &'static str, title: &'static str) -> Self {
        AreaView {
            key,
            title,
            addressed: false,
            status: "Not addressed",
            raised: false,
            indicators: Vec::new(),
            analysis: String::new(),
            facts: Vec::new(),
            reasons: String::new(),
        }
    }

    fn addressed(&mut self, status: AreaStatus, analysis: &str) {
        self.addressed = true;
        self.status = status.label();
        self.raised = status.raised();
        self.analysis = analysis.to_string();
    }

    fn fact(&mut self, label: &'static str, value: String) {
        self.facts.push(Fact { label, value });
    }
}

/// Resolves ids of people to their names; an unknown id is shown as written.
struct Names<'a> {
    by_id: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    fn new(record: &'a CaseRecord) -> Self {
        let mut by_id = HashMap::new();
        for p in &record.parties {
            by_id.insert(p.id.as_str(), p.name.as_str());
        }
        for c in &record.children {
            by_id.insert(c.id.as_str(), c.name.as_str());
        }
        Names { by_id }
    }

    fn list(&self, ids: &[String]) -> String {
        join_names(
            ids.iter()
                .map(|id| {
                    self.by_id
                        .get(id.as_str())
                        .map_or_else(|| id.clone(), |n| n.to_string())
                })
                .collect(),
        )
    }
}

/// "A", "A and B", "A, B and C".
fn join_names(names: Vec<String>) -> String {
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

/// A name, or a visible gap in an incomplete draft (never an empty heading).
fn name_or_gap(name: &str, id: &str) -> String {
    if name.trim().is_empty() {
        format!("[MISSING: the name of {id}]")
    } else {
        name.to_string()
    }
}

fn first_name(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_string()
}
