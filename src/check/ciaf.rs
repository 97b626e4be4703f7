//! The Child Impact Assessment Framework: the four areas, domestic abuse first, the four
//! As of resistance or refusal (E012-E014 W015 W016 E017 W018 E019-E021 W022 W023 E024
//! W025-W027).

use super::{Ctx, blank, code_list, contains_ci, mentions_word};
use crate::finding::Finding;
use crate::record::{
    AreaStatus, DomesticAbuseIndicator, FactFinding, Impact, OrderKind, ResistanceReason,
};

/// One CIAF area as the generic rules see it.
#[derive(Clone, Copy)]
pub(super) struct Area<'a> {
    /// The key under `[ciaf]`.
    pub key: &'static str,
    /// How a message names it.
    pub label: &'static str,
    /// Its status and analysis, when the record has the area.
    pub state: Option<(AreaStatus, &'a str)>,
}

/// The four areas, in the CIAF's order (domestic abuse first).
pub(super) fn areas(ciaf: &crate::record::Ciaf) -> [Area<'_>; 4] {
    [
        Area {
            key: "domestic_abuse",
            label: "domestic abuse",
            state: ciaf
                .domestic_abuse
                .as_ref()
                .map(|a| (a.status, a.analysis.as_str())),
        },
        Area {
            key: "harmful_conflict",
            label: "harmful conflict",
            state: ciaf
                .harmful_conflict
                .as_ref()
                .map(|a| (a.status, a.analysis.as_str())),
        },
        Area {
            key: "child_resistance",
            label: "child resistance or refusal",
            state: ciaf
                .child_resistance
                .as_ref()
                .map(|a| (a.status, a.analysis.as_str())),
        },
        Area {
            key: "harmful_parenting",
            label: "other harmful parenting",
            state: ciaf
                .harmful_parenting
                .as_ref()
                .map(|a| (a.status, a.analysis.as_str())),
        },
    ]
}

pub(super) fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let ciaf = &cx.rec.ciaf;
    let alienation = ciaf
        .child_resistance
        .as_ref()
        .is_some_and(|cr| cr.status.raised() && cr.reason == Some(ResistanceReason::Alienation));

    for Area {
        key,
        label,
        state: area,
    } in areas(ciaf)
    {
        // With alienation, E020 says the same about these two areas, more pointedly.
        let step_one = matches!(key, "domestic_abuse" | "harmful_parenting");
        match area {
            None if alienation && step_one => out.push(
                Finding::error(
                    "E020",
                    format!("ciaf.{key}"),
                    format!(
                        "alienation is given as the reason for the resistance, but {label} has not been assessed: `ciaf.{key}` is missing"
                    ),
                )
                .with_hint(format!(
                    "assess {label} first (appropriate justified rejection): add [ciaf.{key}] with `status = \"not_identified\"`, or `\"alleged\"`/`\"present\"` and an `analysis`"
                )),
            ),
            None => out.push(
                Finding::error(
                    "E012",
                    format!("ciaf.{key}"),
                    format!("the CIAF area {label} has no status: `ciaf.{key}` is missing"),
                )
                .with_hint(format!(
                    "add [ciaf.{key}] with `status = \"not_identified\"`, `\"alleged\"` or `\"present\"`"
                )),
            ),
            Some((status, analysis)) if status.raised() && blank(analysis) => {
                let (code, message) = if alienation && step_one {
                    (
                        "E020",
                        format!(
                            "alienation is given as the reason for the resistance, but the {} {label} is not analysed",
                            status.label().to_lowercase()
                        ),
                    )
                } else {
                    (
                        "E013",
                        format!(
                            "{label} is {} but not analysed",
                            status.label().to_lowercase()
                        ),
                    )
                };
                out.push(
                    Finding::error(code, format!("ciaf.{key}.analysis"), message).with_hint(
                        format!(
                            "write `analysis` in [ciaf.{key}]: what happened, what is happening now, the likelihood of it recurring and its impact on the child"
                        ),
                    ),
                );
            }
            Some(_) => {}
        }
    }

    domestic_abuse(cx, out);
    harmful_conflict(cx, out);
    harmful_parenting(cx, out);
    resistance(cx, out);
}

/// E014, W015, W016, E017, W018.
fn domestic_abuse(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(da) = &cx.rec.ciaf.domestic_abuse else {
        return;
    };
    if !da.status.raised() {
        return;
    }
    let status = da.status.label().to_lowercase();
    match da.fact_finding {
        None => out.push(
            Finding::error(
                "E014",
                "ciaf.domestic_abuse.fact_finding",
                format!("domestic abuse is {status}, but the report gives no position on a fact-finding hearing (PD12J)"),
            )
            .with_hint("add `fact_finding = \"recommended\"`, `\"not_recommended\"` or `\"already_determined\"` to [ciaf.domestic_abuse], with `fact_finding_reasons`"),
        ),
        Some(position) if blank(&da.fact_finding_reasons) => out.push(
            Finding::error(
                "E014",
                "ciaf.domestic_abuse.fact_finding_reasons",
                format!(
                    "domestic abuse is {status} and the fact-finding position is `{}`, but no reasons are given",
                    fact_finding_key(position)
                ),
            )
            .with_hint("add `fact_finding_reasons` to [ciaf.domestic_abuse]: why a fact-finding hearing is or is not needed"),
        ),
        Some(_) => {}
    }
    if da.indicators.is_empty() {
        out.push(
            Finding::warning(
                "W015",
                "ciaf.domestic_abuse.indicators",
                format!("domestic abuse is {status}, but no CIAF indicators are listed"),
            )
            .with_hint("add `indicators = [...]` to [ciaf.domestic_abuse], e.g. \"coercive_controlling_behaviour\", \"parent_afraid\""),
        );
    }

    // W016: the other areas raised show domestic abuse was assessed first. Harmful conflict
    // that is present is left to W027, which asks the same more precisely.
    let others = areas(&cx.rec.ciaf).into_iter().filter(|a| {
        a.key != "domestic_abuse"
            && !(a.key == "harmful_conflict"
                && a.state.is_some_and(|(s, _)| s == AreaStatus::Present))
    });
    for Area {
        key,
        label,
        state: area,
    } in others
    {
        let Some((other_status, analysis)) = area else {
            continue;
        };
        if other_status.raised() && !blank(analysis) && !mentions_domestic_abuse(analysis) {
            out.push(
                Finding::warning(
                    "W016",
                    format!("ciaf.{key}.analysis"),
                    format!(
                        "domestic abuse is {status} and {label} is {}, but the {label} analysis does not show domestic abuse was assessed first",
                        other_status.label().to_lowercase()
                    ),
                )
                .with_hint(format!(
                    "in [ciaf.{key}] `analysis`, say how domestic abuse was assessed first and how it bears on {label}"
                )),
            );
        }
    }

    // E017: threats to kill.
    if da
        .indicators
        .contains(&DomesticAbuseIndicator::ThreatsToKill)
    {
        let risks: Vec<&str> = cx
            .rec
            .risks
            .iter()
            .filter(|r| contains_ci(&r.description, "kill"))
            .map(|r| r.id.as_str())
            .collect();
        if risks.is_empty() {
            out.push(
                Finding::error(
                    "E017",
                    "ciaf.domestic_abuse.indicators",
                    "threats to kill are indicated, but no risk records them",
                )
                .with_hint("add a [[risks]] entry whose `description` records the threats to kill, and a recommendation that `addresses` it with a safety measure"),
            );
        } else {
            let safe = cx.rec.recommendations.iter().any(|rec| {
                rec.addresses.iter().any(|a| risks.contains(&a.as_str())) && is_safety(rec)
            });
            if !safe {
                out.push(
                    Finding::error(
                        "E017",
                        "ciaf.domestic_abuse.indicators",
                        format!(
                            "threats to kill are indicated (risk {}), but no safety recommendation addresses them",
                            code_list(&risks)
                        ),
                    )
                    .with_hint(format!(
                        "add a recommendation with `addresses = [\"{}\"]` and a safety measure, e.g. `order = \"safety_plan\"` or `\"prohibited_steps\"`, or supervised arrangements",
                        risks[0]
                    )),
                );
            }
        }
    }

    // W018: situational couple violence distinguished from coercive control.
    if da
        .indicators
        .contains(&DomesticAbuseIndicator::SituationalCoupleViolence)
        && !contains_ci(&da.analysis, "coercive")
        && !contains_ci(&da.analysis, "controlling")
    {
        out.push(
            Finding::warning(
                "W018",
                "ciaf.domestic_abuse.analysis",
                "situational couple violence is indicated, but the analysis does not say how it was distinguished from coercive control",
            )
            .with_hint("explain in [ciaf.domestic_abuse] `analysis` why this is situational couple violence and not coercive control"),
        );
    }
}

/// Whether a recommendation is about keeping someone safe (E017).
fn is_safety(rec: &crate::record::Recommendation) -> bool {
    let by_order = matches!(
        rec.order,
        Some(
            OrderKind::SafetyPlan
                | OrderKind::ProhibitedSteps
                | OrderKind::LocalAuthorityReferral
                | OrderKind::S37Report
        )
    );
    by_order
        || ["safe", "supervis", "protect", "risk assessment"]
            .iter()
            .any(|w| contains_ci(&rec.text, w))
}

fn fact_finding_key(f: FactFinding) -> &'static str {
    match f {
        FactFinding::Recommended => "recommended",
        FactFinding::NotRecommended => "not_recommended",
        FactFinding::AlreadyDetermined => "already_determined",
    }
}

/// Whether a text refers to domestic abuse.
fn mentions_domestic_abuse(text: &str) -> bool {
    contains_ci(text, "domestic abuse") || mentions_word(text, "DA")
}

/// W027.
fn harmful_conflict(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(hc) = &cx.rec.ciaf.harmful_conflict else {
        return;
    };
    if hc.status == AreaStatus::Present
        && !blank(&hc.analysis)
        && !mentions_domestic_abuse(&hc.analysis)
    {
        out.push(
            Finding::warning(
                "W027",
                "ciaf.harmful_conflict.analysis",
                "harmful conflict is present, but the analysis does not say why it is not domestic abuse",
            )
            .with_hint("explain in [ciaf.harmful_conflict] `analysis` how the conflict was distinguished from domestic abuse"),
        );
    }
}

/// W026.
fn harmful_parenting(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(hp) = &cx.rec.ciaf.harmful_parenting else {
        return;
    };
    if hp.status.raised() && hp.indicators.is_empty() {
        out.push(
            Finding::warning(
                "W026",
                "ciaf.harmful_parenting.indicators",
                format!(
                    "harmful parenting is {}, but no CIAF indicators are listed",
                    hp.status.label().to_lowercase()
                ),
            )
            .with_hint("add `indicators = [...]` to [ciaf.harmful_parenting], e.g. \"alcohol_misuse\", \"neglect\""),
        );
    }
}

/// Whether an order or step is recommended, or considered and reasoned out.
pub(super) fn considered(cx: &Ctx, order: OrderKind) -> bool {
    cx.rec
        .recommendations
        .iter()
        .any(|r| r.order == Some(order))
        || cx.rec.considered.iter().any(|c| c.order == order)
}

/// Whether a fact-finding hearing has been considered anywhere: recommended, reasoned
/// out, or the PD12J position given under domestic abuse.
fn fact_finding_considered(cx: &Ctx) -> bool {
    considered(cx, OrderKind::FactFinding)
        || cx
            .rec
            .ciaf
            .domestic_abuse
            .as_ref()
            .is_some_and(|da| da.fact_finding.is_some())
}

/// E019, E021, W022, W023, E024, W025.
fn resistance(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(cr) = &cx.rec.ciaf.child_resistance else {
        return;
    };
    if !cr.status.raised() {
        return;
    }
    let status = cr.status.label().to_lowercase();
    let Some(reason) = cr.reason else {
        out.push(
            Finding::error(
                "E019",
                "ciaf.child_resistance.reason",
                format!("resistance or refusal is {status}, but no reason is given"),
            )
            .with_hint("set `reason` in [ciaf.child_resistance] to `appropriate_justified_rejection`, `affinity_alignment`, `attachment` or `alienation`, with the evidence in `analysis`"),
        );
        return;
    };
    match reason {
        ResistanceReason::Alienation => {
            if cr.behaviour_pattern.is_none() {
                out.push(
                    Finding::error(
                        "E021",
                        "ciaf.child_resistance.behaviour_pattern",
                        "alienation is given as the reason, but not where the behaviour sits on the spectrum",
                    )
                    .with_hint("add `behaviour_pattern = \"intermittent\"` or `\"persistent\"` to [ciaf.child_resistance]"),
                );
            }
            if cr.impact.is_none() {
                out.push(
                    Finding::error(
                        "E021",
                        "ciaf.child_resistance.impact",
                        "alienation is given as the reason, but not its impact on the child",
                    )
                    .with_hint("add `impact = \"mild\"`, `\"moderate\"` or `\"severe\"` to [ciaf.child_resistance], and explain it in `analysis`"),
                );
            }
            let next_steps = [
                (
                    OrderKind::FactFinding,
                    "fact_finding",
                    "a fact-finding hearing",
                ),
                (
                    OrderKind::ChildrensGuardian,
                    "childrens_guardian",
                    "a r16.4 children's guardian",
                ),
                (
                    OrderKind::ExpertAssessment,
                    "expert_assessment",
                    "an expert assessment",
                ),
            ];
            for (order, key, what) in next_steps {
                let done = if order == OrderKind::FactFinding {
                    fact_finding_considered(cx)
                } else {
                    considered(cx, order)
                };
                if !done {
                    out.push(
                        Finding::warning(
                            "W022",
                            "ciaf.child_resistance.reason",
                            format!("alienation is given as the reason, but {what} is neither recommended nor reasoned out"),
                        )
                        .with_hint(format!(
                            "add a recommendation with `order = \"{key}\"`, or a [[considered]] entry with `order = \"{key}\"` and the `reason` it is not needed"
                        )),
                    );
                }
            }
            if cr.impact == Some(Impact::Severe)
                && !considered(cx, OrderKind::LocalAuthorityReferral)
                && !considered(cx, OrderKind::S37Report)
            {
                out.push(
                    Finding::warning(
                        "W023",
                        "ciaf.child_resistance.impact",
                        "the impact of alienation is severe, but neither a local authority referral nor a s37 report is recommended or reasoned out",
                    )
                    .with_hint("add a recommendation or a [[considered]] entry with `order = \"local_authority_referral\"` or `\"s37_report\"`"),
                );
            }
        }
        ResistanceReason::AppropriateJustifiedRejection => {
            let harm_raised = cx
                .rec
                .ciaf
                .domestic_abuse
                .as_ref()
                .is_some_and(|a| a.status.raised())
                || cx
                    .rec
                    .ciaf
                    .harmful_parenting
                    .as_ref()
                    .is_some_and(|a| a.status.raised());
            if !harm_raised {
                out.push(
                    Finding::error(
                        "E024",
                        "ciaf.child_resistance.reason",
                        "the resistance is assessed as appropriate justified rejection, but neither domestic abuse nor harmful parenting is alleged or present",
                    )
                    .with_hint("justified rejection follows harmful parenting: record it under [ciaf.domestic_abuse] or [ciaf.harmful_parenting] with its analysis, or reconsider the reason"),
                );
            }
            if !fact_finding_considered(cx) {
                out.push(
                    Finding::error(
                        "E024",
                        "ciaf.child_resistance.reason",
                        "the resistance is assessed as appropriate justified rejection, but a fact-finding hearing is not considered",
                    )
                    .with_hint("give `fact_finding` in [ciaf.domestic_abuse], or a recommendation or [[considered]] entry with `order = \"fact_finding\"`"),
                );
            }
        }
        ResistanceReason::AffinityAlignment | ResistanceReason::Attachment => {
            let supported = cx.rec.recommendations.iter().any(|r| {
                matches!(
                    r.order,
                    Some(
                        OrderKind::ParentingPlan
                            | OrderKind::ParentingProgramme
                            | OrderKind::ChildArrangements
                    )
                ) || [
                    "parenting plan",
                    "spip",
                    "planning together",
                    "handover",
                    "support",
                    "frequency",
                ]
                .iter()
                .any(|w| contains_ci(&r.text, w))
            });
            if !supported {
                let reason_label = reason.label().to_lowercase();
                out.push(
                    Finding::warning(
                        "W025",
                        "ciaf.child_resistance.reason",
                        format!("the resistance is assessed as {reason_label}, but no recommendation offers support or practical arrangements"),
                    )
                    .with_hint("recommend a Parenting Plan or parenting programme (e.g. `order = \"parenting_plan\"`), or arrangements for handovers, frequency or length of time"),
                );
            }
        }
    }
}
