//! The checker's specification, as tests.
//!
//! Every rule has a test named after its code (`e003_...`, `w006_...`) that triggers it,
//! starting from `tests/fixtures/complete.toml` (a complete fictional record that passes
//! with no finding: the passing baseline for every rule) and changing one thing.
//! `every_rule_has_a_test` keeps it that way.

use std::path::Path;

use super::*;
use crate::finding::Severity;
use crate::record::{
    AreaStatus, BehaviourPattern, CaseRecord, Considered, DomesticAbuseIndicator, HarmfulParenting,
    HarmfulParentingIndicator, Impact, OrderKind, Recommendation, ReportKind, ResistanceReason,
    Risk, RiskSource, Tool, parse,
};

const BASE: &str = include_str!("../../tests/fixtures/complete.toml");

fn load(source: &str) -> CaseFile {
    match parse(Path::new("complete.toml"), source.to_string()) {
        Ok(f) => f,
        Err(e) => panic!("the test record does not load:\n{e}"),
    }
}

/// The findings for the base record changed in its text: each `from` must occur once.
fn edited(edits: &[(&str, &str)]) -> Vec<Finding> {
    check(&load(&edit(edits)))
}

fn edit(edits: &[(&str, &str)]) -> String {
    let mut source = BASE.to_string();
    for (from, to) in edits {
        assert_eq!(
            source.matches(from).count(),
            1,
            "`{from}` should occur exactly once in the base record"
        );
        source = source.replacen(from, to, 1);
    }
    source
}

/// The findings for the base record changed as a struct.
fn with(change: impl FnOnce(&mut CaseRecord)) -> Vec<Finding> {
    let mut file = load(BASE);
    change(&mut file.record);
    check(&file)
}

/// The codes found, in order; each must be in [`RULES`] with the right severity.
fn codes(findings: &[Finding]) -> Vec<&'static str> {
    for f in findings {
        let rule = rule(f.code).unwrap_or_else(|| panic!("{} is not in RULES", f.code));
        assert_eq!(rule.severity, f.severity, "{}: severity", f.code);
        assert_eq!(rule.enforcement, Enforcement::Checker, "{}", f.code);
    }
    findings.iter().map(|f| f.code).collect()
}

/// `complete.toml:12:1: error[E003]: ...` with its hint, as the CLI prints it.
fn rendered(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f.render_human(Path::new("complete.toml")))
        .collect()
}

/// The one finding with this code.
fn the<'a>(findings: &'a [Finding], code: &str) -> &'a Finding {
    let found: Vec<&Finding> = findings.iter().filter(|f| f.code == code).collect();
    assert_eq!(
        found.len(),
        1,
        "one {code} in:\n{}",
        rendered(findings).join("\n")
    );
    found[0]
}

fn line(f: &Finding) -> usize {
    f.location.as_ref().map_or(0, |l| l.line)
}

// ---------------------------------------------------------------------------------------
// The baseline and the table

#[test]
fn the_complete_record_has_no_findings() {
    let file = load(BASE);
    let findings = check(&file);
    assert!(findings.is_empty(), "{}", rendered(&findings).join("\n"));
}

#[test]
fn findings_are_deterministic_and_sorted_by_place() {
    let file = load(&edit(&[
        ("court = \"Family Court at Exampleton\"", "court = \"\""),
        ("status = \"not_identified\"", "status = \"alleged\""),
        ("duration_months = 6", "duration_months = 13"),
    ]));
    let first = check(&file);
    assert_eq!(first, check(&file));
    let places: Vec<usize> = first.iter().map(line).collect();
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted);
    assert_eq!(codes(&first), ["E047", "E013", "W026", "E031"]);
}

#[test]
fn rule_codes_are_unique_ordered_and_match_their_severity_and_number() {
    let mut previous = (0, Severity::Error);
    for r in RULES {
        assert!((r.number, r.severity) > previous, "{} out of order", r.code);
        previous = (r.number, r.severity);
        let letter = match r.severity {
            Severity::Error => 'E',
            Severity::Warning => 'W',
        };
        assert_eq!(r.code, format!("{letter}{:03}", r.number));
        for text in [r.title, r.why, r.fix] {
            assert!(!text.trim().is_empty(), "{}", r.code);
        }
    }
    // Every rule of domain.md section E (1 to 43) is in the table.
    for n in 1..=43u8 {
        assert!(RULES.iter().any(|r| r.number == n), "rule {n} is missing");
    }
    assert_eq!(rule("e003").map(|r| r.code), Some("E003"));
    assert_eq!(rule(" W042 ").map(|r| r.code), Some("W042"));
    assert!(rule("E999").is_none());
}

#[test]
fn every_rule_has_a_test() {
    let source = include_str!("tests.rs");
    for r in RULES
        .iter()
        .filter(|r| r.enforcement == Enforcement::Checker)
    {
        let name = format!("fn {}_", r.code.to_lowercase());
        assert!(
            source.contains(&name),
            "no test for {} (`{name}...`)",
            r.code
        );
    }
}

#[test]
fn rules_not_checked_say_why() {
    let loader: Vec<&str> = RULES
        .iter()
        .filter(|r| r.enforcement == Enforcement::Loader)
        .map(|r| r.code)
        .collect();
    let not: Vec<&str> = RULES
        .iter()
        .filter(|r| r.enforcement == Enforcement::NotImplemented)
        .map(|r| r.code)
        .collect();
    let renderer: Vec<&str> = RULES
        .iter()
        .filter(|r| r.enforcement == Enforcement::Renderer)
        .map(|r| r.code)
        .collect();
    assert_eq!(renderer, [crate::render::glyphs::CODE]);
    assert_eq!(loader, ["E001", crate::record::limits::CODE]);
    assert_eq!(not, ["W038"]);
    assert!(rule("W038").is_some_and(|r| r.why.contains("Not checked")));
}

#[test]
fn e001_an_unknown_report_kind_does_not_load() {
    let source = edit(&[("kind = \"section7\"", "kind = \"section8\"")]);
    let Err(err) = parse(Path::new("complete.toml"), source) else {
        panic!("a record of kind section8 loaded");
    };
    let shown = err.to_string();
    assert!(
        shown.starts_with("complete.toml:6:8: error[schema]: unknown variant `section8`"),
        "{shown}"
    );
    assert!(shown.contains("did you mean `section7`?"), "{shown}");
}

// ---------------------------------------------------------------------------------------
// Children: identity, welfare checklist, own words, seen

#[test]
fn e002_a_record_without_children() {
    let findings = with(|r| r.children.clear());
    let f = findings.iter().find(|f| f.code == "E002");
    assert_eq!(
        f.map(|f| f.message.as_str()),
        Some("the record has no children")
    );
}

#[test]
fn e002_a_child_without_a_date_of_birth() {
    let findings = edited(&[("date_of_birth = 2020-09-14\n", "")]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:116:1: error[E002]: Sam Example (sam) has no date of birth\n  \
          hint: add `date_of_birth = YYYY-MM-DD` to the [[children]] entry for sam"
        ]
    );
}

#[test]
fn e002_a_child_of_18_at_the_hearing() {
    let findings = edited(&[("date_of_birth = 2016-05-02", "date_of_birth = 2009-01-18")]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:66:1: error[E002]: Ella Example (ella) is 18 at the hearing (2027-01-18): born 2009-01-18, so no longer a child under the Children Act 1989\n  \
          hint: check the date of birth; a person of 18 or over is not a child the court can make these orders about"
        ]
    );
    // A day younger, still a child.
    assert!(edited(&[("date_of_birth = 2016-05-02", "date_of_birth = 2009-01-19")]).is_empty());
}

#[test]
fn e002_a_child_born_after_the_report() {
    let findings = edited(&[("date_of_birth = 2020-09-14", "date_of_birth = 2027-09-14")]);
    assert_eq!(codes(&findings), ["E002"]);
    assert_eq!(
        findings[0].message,
        "Sam Example (sam) is born on 2027-09-14, after the date the report was signed (2027-01-08)"
    );
}

#[test]
fn e002_a_child_without_a_name() {
    let findings = edited(&[("name = \"Sam Example\"", "name = \"\"")]);
    assert_eq!(codes(&findings), ["E002"]);
    assert_eq!(findings[0].message, "the child with id `sam` has no name");
}

#[test]
fn e003_a_welfare_item_not_analysed() {
    let mut file = load(BASE);
    file.record.children[1].welfare.court_powers.clear();
    let findings = check(&file);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:155:1: error[E003]: welfare checklist item (g) \"the range of powers available to the court\" is not analysed for Sam Example (sam)\n  \
          hint: add `court_powers = \"...\"` to the [children.welfare] table of the [[children]] entry for sam"
        ]
    );
}

#[test]
fn e003_a_child_without_any_welfare_analysis_is_one_finding() {
    let findings = with(|r| r.children[0].welfare = Default::default());
    assert_eq!(codes(&findings), ["E003"]);
    assert_eq!(
        findings[0].message,
        "there is no welfare checklist analysis for Ella Example (ella): all seven items of s1(3) are missing"
    );
}

#[test]
fn e003_white_space_is_not_an_analysis() {
    let findings = with(|r| r.children[0].welfare.harm = "  \n ".into());
    assert_eq!(codes(&findings), ["E003"]);
    assert_eq!(findings[0].path, "children[0].welfare.harm");
}

#[test]
fn w004_a_parent_left_out_of_parenting_capacity() {
    let findings = with(|r| {
        r.children[1].welfare.parenting_capacity = "Ruth Example (mother) provides consistent, loving care for Sam and has protected him from the conflict.".into();
    });
    assert_eq!(codes(&findings), ["W004"]);
    assert_eq!(
        findings[0].message,
        "the parenting capacity analysis for Sam Example (sam) does not mention Tom Example (father)"
    );
    assert_eq!(
        findings[0].hint.as_deref(),
        Some(
            "s1(3)(f) asks how capable each parent is: assess Tom Example, or say why they could not be assessed"
        )
    );
}

#[test]
fn w004_a_parent_may_be_named_by_first_name_or_as_the_father() {
    for named in ["Tom", "the father", "Mr Example"] {
        let findings = with(|r| {
            r.parties[0].name = "Ruth Sample".into();
            r.children[1].welfare.parenting_capacity = format!(
                "Ruth Sample (mother) provides consistent care for Sam. {named} is warm with him and managed his behaviour calmly."
            );
        });
        assert!(findings.is_empty(), "{named}: {:?}", rendered(&findings));
    }
}

#[test]
fn w004_a_title_names_the_right_parent() {
    // Both parents are called Example: "Ms Example" is the mother, not the father.
    let findings = with(|r| {
        r.children[1].welfare.parenting_capacity = "Ms Example provides consistent, loving care for Sam and has protected him from the conflict between the adults.".into();
    });
    assert_eq!(codes(&findings), ["W004"]);
    assert!(
        findings[0]
            .message
            .ends_with("does not mention Tom Example (father)")
    );
    let both = with(|r| {
        r.children[1].welfare.parenting_capacity = "Ms Example provides consistent, loving care for Sam. Mr Example is warm with him and managed his behaviour calmly.".into();
    });
    assert!(both.is_empty(), "{:?}", rendered(&both));
}

#[test]
fn w004_a_grandparent_need_not_be_assessed() {
    // The base record names the maternal grandmother as a party and does not assess her.
    assert!(!BASE.contains("Jean Sample (grandmother)"));
    assert!(children::is_parent("mother"));
    assert!(children::is_parent("Birth father"));
    assert!(!children::is_parent("maternal grandmother"));
    assert!(!children::is_parent("step-father"));
    assert!(!children::is_parent("foster mother"));
}

#[test]
fn w006_no_own_words_and_no_reason() {
    let findings = edited(&[(
        "own_words = [\"Daddy's house has a trampoline. I want to go on it.\"]\n",
        "",
    )]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:116:1: warning[W006]: Sam Example (sam)'s own words are not recorded, and no reason is given\n  \
          hint: add `own_words = [\"...\"]` quoting what the child said, or `no_own_words_reason = \"...\"`, to the [[children]] entry for sam"
        ]
    );
    let with_reason = edited(&[(
        "own_words = [\"Daddy's house has a trampoline. I want to go on it.\"]",
        "no_own_words_reason = \"Sam was too shy to talk when seen; he was observed playing.\"",
    )]);
    assert!(with_reason.is_empty(), "{:?}", rendered(&with_reason));
}

#[test]
fn w007_a_child_not_seen() {
    let findings = with(|r| {
        for e in &mut r.enquiries {
            e.with.retain(|w| w != "sam");
        }
    });
    assert_eq!(codes(&findings), ["W007"]);
    assert_eq!(
        findings[0].message,
        "Sam Example (sam) is not recorded as seen: no interview, observation or home visit includes `sam`"
    );
    let with_reason = with(|r| {
        for e in &mut r.enquiries {
            e.with.retain(|w| w != "sam");
        }
        r.children[1].not_seen_reason = "Sam was in hospital throughout the enquiries.".into();
    });
    assert!(with_reason.is_empty());
}

#[test]
fn w007_a_school_enquiry_does_not_count_as_seeing_the_child() {
    let findings = with(|r| {
        for e in &mut r.enquiries {
            e.with.retain(|w| w != "sam");
        }
        r.enquiries[7].with.push("sam".into());
    });
    assert_eq!(codes(&findings), ["W007"]);
}

#[test]
fn w029_identity_not_addressed() {
    let findings = with(|r| {
        r.children[1].welfare.characteristics =
            "Sam is six and can be shy with new adults; he is happiest playing outside and loves football with his friends."
                .into();
        r.children[1].profile = "Sam is six and in Year 2.".into();
    });
    assert_eq!(codes(&findings), ["W029"]);
    assert_eq!(
        findings[0].message,
        "the analysis for Sam Example (sam) does not address identity or diversity"
    );
}

// ---------------------------------------------------------------------------------------
// The report: questions, dates, kind

#[test]
fn e005_no_court_questions() {
    let findings = with(|r| {
        r.report.questions.clear();
        for rec in &mut r.recommendations {
            rec.answers.clear();
        }
    });
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:17:1: error[E005]: the report does not record the questions the court directed it to address\n  \
          hint: list the matters in the court's order in [report] as `questions = [\"...\", \"...\"]`"
        ]
    );
}

#[test]
fn w005_a_question_no_recommendation_answers() {
    let findings = edited(&[("answers = [1, 2]", "answers = [2]")]);
    assert_eq!(codes(&findings), ["W005"]);
    assert_eq!(line(&findings[0]), 18);
    assert_eq!(
        findings[0].message,
        "no recommendation answers the court's question 1: \"What are Ella's and Sam's wishes and feelings about the time they spend with their father?\""
    );
}

#[test]
fn w005_is_quiet_when_no_recommendation_uses_answers() {
    let findings = with(|r| {
        for rec in &mut r.recommendations {
            rec.answers.clear();
        }
    });
    assert!(findings.is_empty());
}

#[test]
fn e046_an_answer_to_a_question_that_does_not_exist() {
    let findings = edited(&[("answers = [1, 2]", "answers = [1, 2, 3]")]);
    assert_eq!(codes(&findings), ["E046"]);
    assert_eq!(
        findings[0].message,
        "the 1st recommendation answers question `3`, which does not exist; the report has 2 questions, numbered 1 to 2"
    );
    assert_eq!(findings[0].path, "recommendations[0].answers[2]");
    let zero = edited(&[("answers = [1, 2]", "answers = [0, 1, 2]")]);
    assert_eq!(codes(&zero), ["E046"]);
}

#[test]
fn e037_filing_after_the_hearing() {
    let findings = edited(&[("filing_date = 2027-01-11", "filing_date = 2027-01-20")]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:14:1: error[E037]: the filing date 2027-01-20 is after the hearing date 2027-01-18; the report must be filed before the hearing\n  \
          hint: check both dates against the court's order"
        ]
    );
    let same_day = edited(&[("filing_date = 2027-01-11", "filing_date = 2027-01-18")]);
    assert_eq!(codes(&same_day), ["E037"]);
    assert!(
        same_day[0]
            .message
            .contains("is the same day as the hearing date")
    );
}

#[test]
fn e037_no_hearing_date_and_no_filing_date() {
    let findings = edited(&[
        ("hearing_date = 2027-01-18\n", ""),
        ("filing_date = 2027-01-11\n", ""),
    ]);
    assert_eq!(codes(&findings), ["E037", "E037"]);
    assert_eq!(
        findings[0].message,
        "the report has no filing date (the date the court directed it be filed by)"
    );
    assert_eq!(findings[1].message, "the report has no hearing date");
}

#[test]
fn w037_signed_after_the_filing_date() {
    let findings = edited(&[("date_signed = 2027-01-08", "date_signed = 2027-01-12")]);
    assert_eq!(codes(&findings), ["W037"]);
    assert_eq!(
        findings[0].message,
        "the report is signed on 2027-01-12, after its filing date 2027-01-11"
    );
}

#[test]
fn e039_an_enquiry_before_the_application() {
    let findings = edited(&[(
        "date = 2026-07-01\nsummary = \"Exampleshire Police",
        "date = 2026-05-01\nsummary = \"Exampleshire Police",
    )]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:164:1: error[E039]: the police check with Ruth Example (mother), Tom Example (father) is dated 2026-05-01, before the application date 2026-06-15\n  \
          hint: check the enquiry's date and `application_date` in [report]; earlier work belongs in `background`"
        ]
    );
}

#[test]
fn e039_an_enquiry_after_the_report_was_signed() {
    let findings = edited(&[("date = 2026-11-12", "date = 2027-01-09")]);
    assert_eq!(codes(&findings), ["E039"]);
    assert_eq!(
        findings[0].message,
        "the school is dated 2027-01-09, after the report's signing date 2027-01-08"
    );
}

#[test]
fn e039_an_enquiry_without_a_date() {
    let findings = edited(&[("date = 2026-11-12\n", "")]);
    assert_eq!(codes(&findings), ["E039"]);
    assert_eq!(findings[0].message, "the 8th enquiry (school) has no date");
}

#[test]
fn e040_a_child_impact_report_needs_its_two_sections() {
    let findings = with(|r| {
        r.report.kind = ReportKind::ChildImpact;
        r.analysis.assessment.clear();
    });
    assert_eq!(codes(&findings), ["E040"]);
    assert_eq!(
        findings[0].message,
        "a child impact report needs `analysis.assessment` (section 4, Structured Professional Assessment), and it is empty"
    );
    // The base record, as a child impact report, is complete.
    assert!(with(|r| r.report.kind = ReportKind::ChildImpact).is_empty());
}

#[test]
fn w041_a_child_impact_analysis_that_leaves_a_child_out() {
    let findings = with(|r| {
        r.report.kind = ReportKind::ChildImpact;
        r.analysis.child_impact = "Observation of Ella with her father showed a warm and relaxed relationship; the arguments at handovers have made her anxious.".into();
    });
    assert_eq!(codes(&findings), ["W041"]);
    assert_eq!(
        findings[0].message,
        "the child impact analysis does not mention Sam Example (sam)"
    );
}

#[test]
fn w041_a_child_impact_analysis_without_observation() {
    let findings = with(|r| {
        r.report.kind = ReportKind::ChildImpact;
        r.analysis.child_impact = "Ella and Sam love both parents; the arguments at handovers have made Ella anxious and Sam unsettled.".into();
    });
    assert_eq!(codes(&findings), ["W041"]);
    assert!(findings[0].message.contains("observing"));
    // A section 7 report is not held to the child impact template.
    let s7 = with(|r| {
        r.analysis.child_impact = "Ella and Sam love both parents; the arguments at handovers have made Ella anxious and Sam unsettled.".into()
    });
    assert!(s7.is_empty());
}

#[test]
fn e047_cover_details_missing() {
    let findings = edited(&[("court = \"Family Court at Exampleton\"", "court = \"\"")]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:8:1: error[E047]: the report's cover has no `court`\n  \
          hint: add the court, e.g. `court = \"Family Court at Exampleton\"` to [report]"
        ]
    );
    let party = edited(&[("name = \"Jean Sample\"", "name = \" \"")]);
    assert_eq!(codes(&party), ["E047"]);
    assert_eq!(
        party[0].message,
        "the party with id `grandmother` has no name"
    );
}

#[test]
fn w028_no_bias_reflection() {
    let findings = with(|r| r.analysis.bias_reflection.clear());
    assert_eq!(codes(&findings), ["W028"]);
}

#[test]
fn w048_no_order_principle_not_considered() {
    let findings = with(|r| r.analysis.no_order.clear());
    assert_eq!(codes(&findings), ["W048"]);
    assert_eq!(
        findings[0].message,
        "the report does not consider the \"no order\" principle (s1(5) Children Act 1989)"
    );
}

// ---------------------------------------------------------------------------------------
// CIAF

#[test]
fn e012_a_ciaf_area_left_out() {
    let findings = edited(&[(
        "[ciaf.harmful_parenting]\nstatus = \"not_identified\"\n",
        "",
    )]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:240:2: error[E012]: the CIAF area other harmful parenting has no status: `ciaf.harmful_parenting` is missing\n  \
          hint: add [ciaf.harmful_parenting] with `status = \"not_identified\"`, `\"alleged\"` or `\"present\"`"
        ]
    );
}

#[test]
fn e013_an_area_raised_but_not_analysed() {
    let findings = edited(&[(
        "[ciaf.harmful_parenting]\nstatus = \"not_identified\"",
        "[ciaf.harmful_parenting]\nstatus = \"alleged\"\nindicators = [\"alcohol_misuse\"]",
    )]);
    assert_eq!(codes(&findings), ["E013"]);
    assert_eq!(
        findings[0].message,
        "other harmful parenting is alleged but not analysed"
    );
    assert_eq!(findings[0].path, "ciaf.harmful_parenting.analysis");
}

#[test]
fn e014_domestic_abuse_alleged_without_a_fact_finding_position() {
    let findings = edited(&[("fact_finding = \"not_recommended\"\n", "")]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:240:7: error[E014]: domestic abuse is alleged, but the report gives no position on a fact-finding hearing (PD12J)\n  \
          hint: add `fact_finding = \"recommended\"`, `\"not_recommended\"` or `\"already_determined\"` to [ciaf.domestic_abuse], with `fact_finding_reasons`"
        ]
    );
}

#[test]
fn e014_a_fact_finding_position_without_reasons() {
    let findings = with(|r| {
        if let Some(da) = r.ciaf.domestic_abuse.as_mut() {
            da.fact_finding_reasons.clear();
        }
    });
    assert_eq!(codes(&findings), ["E014"]);
    assert_eq!(
        findings[0].message,
        "domestic abuse is alleged and the fact-finding position is `not_recommended`, but no reasons are given"
    );
}

#[test]
fn w015_domestic_abuse_without_indicators() {
    let findings = edited(&[(
        "indicators = [\"coercive_controlling_behaviour\", \"parent_afraid\"]",
        "indicators = []",
    )]);
    assert_eq!(codes(&findings), ["W015"]);
    assert_eq!(line(&findings[0]), 242);
}

#[test]
fn w016_another_area_that_does_not_show_domestic_abuse_was_assessed_first() {
    let findings = with(|r| {
        if let Some(cr) = r.ciaf.child_resistance.as_mut() {
            cr.analysis = "Ella's reluctance is limited to overnight stays and she speaks warmly of her father: alignment with her mother after the separation.".into();
        }
    });
    assert_eq!(codes(&findings), ["W016"]);
    assert_eq!(
        findings[0].message,
        "domestic abuse is alleged and child resistance or refusal is present, but the child resistance or refusal analysis does not show domestic abuse was assessed first"
    );
}

#[test]
fn e017_threats_to_kill_without_a_risk() {
    let findings = with(|r| {
        if let Some(da) = r.ciaf.domestic_abuse.as_mut() {
            da.indicators.push(DomesticAbuseIndicator::ThreatsToKill);
        }
    });
    assert_eq!(codes(&findings), ["E017"]);
    assert_eq!(
        findings[0].message,
        "threats to kill are indicated, but no risk records them"
    );
}

#[test]
fn e017_threats_to_kill_without_a_safety_recommendation() {
    let threat = Risk {
        id: "r4".into(),
        source: RiskSource::Enquiries,
        description: "The mother reports that the father threatened to kill her in January 2026."
            .into(),
        children: vec![],
        significant_harm: false,
    };
    let findings = with(|r| {
        if let Some(da) = r.ciaf.domestic_abuse.as_mut() {
            da.indicators.push(DomesticAbuseIndicator::ThreatsToKill);
        }
        r.risks.push(threat.clone());
        r.recommendations[1].addresses.push("r4".into());
    });
    assert_eq!(codes(&findings), ["E017"]);
    assert_eq!(
        findings[0].message,
        "threats to kill are indicated (risk `r4`), but no safety recommendation addresses them"
    );
    // A recommendation that addresses the threat with a safety measure answers it.
    let answered = with(|r| {
        if let Some(da) = r.ciaf.domestic_abuse.as_mut() {
            da.indicators.push(DomesticAbuseIndicator::ThreatsToKill);
        }
        r.risks.push(threat);
        r.recommendations[1].addresses.push("r4".into());
        r.recommendations[1].order = Some(OrderKind::SafetyPlan);
    });
    assert!(answered.is_empty(), "{:?}", rendered(&answered));
}

#[test]
fn w018_situational_couple_violence_not_distinguished_from_coercive_control() {
    let findings = with(|r| {
        if let Some(da) = r.ciaf.domestic_abuse.as_mut() {
            da.indicators = vec![DomesticAbuseIndicator::SituationalCoupleViolence];
            da.analysis = "Both parents describe two arguments in 2025 in which each pushed the other. Neither reports fear of the other; the SafeLives DASH checklist indicated standard risk.".into();
        }
    });
    assert_eq!(codes(&findings), ["W018"]);
}

#[test]
fn e019_resistance_without_a_reason() {
    let findings = edited(&[("reason = \"affinity_alignment\"\n", "")]);
    assert_eq!(codes(&findings), ["E019"]);
    assert_eq!(
        findings[0].message,
        "resistance or refusal is present, but no reason is given"
    );
}

/// The base record with the resistance put down to alienation, pattern and impact given.
fn alienation(r: &mut CaseRecord) {
    if let Some(cr) = r.ciaf.child_resistance.as_mut() {
        cr.reason = Some(ResistanceReason::Alienation);
        cr.behaviour_pattern = Some(BehaviourPattern::Intermittent);
        cr.impact = Some(Impact::Moderate);
    }
    r.considered.push(Considered {
        order: OrderKind::ExpertAssessment,
        reason: "The children's views are clear and no psychological issue needs an expert.".into(),
    });
}

#[test]
fn e020_alienation_before_harmful_parenting_is_assessed() {
    let findings = with(|r| {
        alienation(r);
        r.ciaf.harmful_parenting = None;
    });
    assert_eq!(codes(&findings), ["E020"]);
    assert_eq!(
        findings[0].message,
        "alienation is given as the reason for the resistance, but other harmful parenting has not been assessed: `ciaf.harmful_parenting` is missing"
    );
    // Harmful parenting alleged but not analysed: the same rule, not E013.
    let unanalysed = with(|r| {
        alienation(r);
        r.ciaf.harmful_parenting = Some(HarmfulParenting {
            status: AreaStatus::Alleged,
            indicators: vec![HarmfulParentingIndicator::AlcoholMisuse],
            analysis: String::new(),
        });
    });
    assert_eq!(codes(&unanalysed), ["E020"]);
    // Excluded first: the base's harmful parenting is not_identified, domestic abuse analysed.
    assert!(with(alienation).is_empty());
}

#[test]
fn e021_alienation_without_pattern_or_impact() {
    let findings = with(|r| {
        alienation(r);
        if let Some(cr) = r.ciaf.child_resistance.as_mut() {
            cr.behaviour_pattern = None;
            cr.impact = None;
        }
    });
    assert_eq!(codes(&findings), ["E021", "E021"]);
    // Both point at [ciaf.child_resistance], where the keys belong.
    assert_eq!(line(&findings[0]), 267);
    assert_eq!(findings[0].path, "ciaf.child_resistance.impact");
    assert_eq!(findings[1].path, "ciaf.child_resistance.behaviour_pattern");
}

#[test]
fn w022_alienation_without_considering_an_expert() {
    let findings = with(|r| {
        alienation(r);
        r.considered
            .retain(|c| c.order != OrderKind::ExpertAssessment);
    });
    assert_eq!(codes(&findings), ["W022"]);
    assert_eq!(
        findings[0].message,
        "alienation is given as the reason, but an expert assessment is neither recommended nor reasoned out"
    );
}

#[test]
fn w023_severe_alienation_without_considering_the_local_authority() {
    let findings = with(|r| {
        alienation(r);
        if let Some(cr) = r.ciaf.child_resistance.as_mut() {
            cr.impact = Some(Impact::Severe);
        }
        r.considered.retain(|c| c.order != OrderKind::S37Report);
    });
    assert_eq!(codes(&findings), ["W023"]);
    // The base record reasons out a s37 report, which is enough.
    let considered = with(|r| {
        alienation(r);
        if let Some(cr) = r.ciaf.child_resistance.as_mut() {
            cr.impact = Some(Impact::Severe);
        }
    });
    assert!(considered.is_empty());
}

#[test]
fn e024_justified_rejection_without_harm() {
    let findings = with(|r| {
        if let Some(cr) = r.ciaf.child_resistance.as_mut() {
            cr.reason = Some(ResistanceReason::AppropriateJustifiedRejection);
        }
        if let Some(da) = r.ciaf.domestic_abuse.as_mut() {
            da.status = AreaStatus::NotIdentified;
        }
    });
    assert_eq!(codes(&findings), ["E024"]);
    assert_eq!(
        findings[0].message,
        "the resistance is assessed as appropriate justified rejection, but neither domestic abuse nor harmful parenting is alleged or present"
    );
}

#[test]
fn e024_justified_rejection_without_considering_fact_finding() {
    let findings = with(|r| {
        if let Some(cr) = r.ciaf.child_resistance.as_mut() {
            cr.reason = Some(ResistanceReason::AppropriateJustifiedRejection);
        }
        if let Some(da) = r.ciaf.domestic_abuse.as_mut() {
            da.status = AreaStatus::NotIdentified;
            da.fact_finding = None;
        }
        r.ciaf.harmful_parenting = Some(HarmfulParenting {
            status: AreaStatus::Present,
            indicators: vec![HarmfulParentingIndicator::AlcoholMisuse],
            analysis: "The father's drinking at weekends has left Ella frightened; domestic abuse was assessed first and is not identified.".into(),
        });
    });
    assert_eq!(codes(&findings), ["E024"]);
    assert!(
        findings[0]
            .message
            .ends_with("a fact-finding hearing is not considered")
    );
}

#[test]
fn w025_alignment_without_support_or_arrangements() {
    let findings = with(|r| {
        for rec in &mut r.recommendations {
            rec.order = None;
        }
        r.recommendations[0].text = "Ella and Sam should continue to live with their mother and see their father on alternate weekends.".into();
        r.recommendations[1].text = "Both parents should attend a course on co-parenting.".into();
        r.recommendations[2].text =
            "A family assistance order for six months, naming both parents.".into();
    });
    assert_eq!(codes(&findings), ["W025"]);
    assert_eq!(
        findings[0].message,
        "the resistance is assessed as affinity or alignment, but no recommendation offers support or practical arrangements"
    );
}

#[test]
fn w026_harmful_parenting_without_indicators() {
    let findings = with(|r| {
        r.ciaf.harmful_parenting = Some(HarmfulParenting {
            status: AreaStatus::Alleged,
            indicators: vec![],
            analysis: "The mother alleges the father drinks heavily at weekends; domestic abuse was assessed first. Police and GP records show no concern.".into(),
        });
    });
    assert_eq!(codes(&findings), ["W026"]);
}

#[test]
fn w027_harmful_conflict_not_distinguished_from_domestic_abuse() {
    let findings = with(|r| {
        if let Some(hc) = r.ciaf.harmful_conflict.as_mut() {
            hc.analysis = "The parents argue at handovers about lateness and clothes, and the Impact of parental conflict tool showed moderate anxiety in both children.".into();
        }
    });
    assert_eq!(codes(&findings), ["W027"]);
}

// ---------------------------------------------------------------------------------------
// The golden thread, references, recommendations

#[test]
fn e008_a_risk_from_the_safeguarding_letter_not_addressed() {
    let findings = with(|r| {
        r.recommendations[0].addresses.retain(|a| a != "r1");
        r.children[0].welfare.harm = r.children[0].welfare.harm.replace(" (r1)", "");
    });
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:209:1: error[E008]: risk `r1` from the safeguarding letter is not addressed by any recommendation or analysis: \"The mother alleges controlling behaviour by the father during the relationship: checking her phone and limiting her access to money.\"\n  \
          hint: add \"r1\" to `addresses` of the recommendation that answers it, or refer to `r1` in the analysis that deals with it"
        ]
    );
}

#[test]
fn e008_a_risk_named_in_an_analysis_is_addressed() {
    // r1 is named in Ella's harm analysis: enough without a recommendation.
    let findings = with(|r| r.recommendations[0].addresses.retain(|a| a != "r1"));
    assert!(findings.is_empty());
    // r3 comes from the enquiries, not the safeguarding letter or case plan.
    let findings = with(|r| {
        for rec in &mut r.recommendations {
            rec.addresses.retain(|a| a != "r3");
        }
        r.children[1].welfare.harm = r.children[1].welfare.harm.replace(" (r3)", "");
    });
    assert!(findings.is_empty());
}

#[test]
fn e009_a_recommendation_addresses_an_unknown_risk() {
    let findings = edited(&[("addresses = [\"r3\"]", "addresses = [\"r9\"]")]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:323:14: error[E009]: `r9` is not the id of any risk; the risks are `r1`, `r2`, `r3`\n  \
          hint: use one of the ids above, or add a [[risks]] entry with that id"
        ]
    );
}

#[test]
fn e009_a_recommendation_for_an_unknown_child() {
    let findings = edited(&[(
        "children = [\"ella\", \"sam\"]\naddresses = [\"r3\"]",
        "children = [\"ella\", \"samm\"]\naddresses = [\"r3\"]",
    )]);
    assert_eq!(codes(&findings), ["E009"]);
    assert_eq!(
        findings[0].message,
        "`samm` is not the id of any child; the children are `ella`, `sam`"
    );
    assert_eq!(findings[0].hint.as_deref(), Some("did you mean `sam`?"));
}

#[test]
fn e010_a_child_no_recommendation_concerns() {
    let findings = with(|r| {
        for rec in &mut r.recommendations {
            rec.children.retain(|c| c != "sam");
        }
    });
    assert_eq!(codes(&findings), ["E010"]);
    assert_eq!(
        findings[0].message,
        "no recommendation concerns Sam Example (sam)"
    );
    assert_eq!(line(&findings[0]), 116);
}

#[test]
fn e010_a_recommendation_without_children_concerns_them_all() {
    let findings = with(|r| {
        for rec in &mut r.recommendations {
            rec.children.retain(|c| c != "sam");
        }
        r.recommendations[1].children.clear();
    });
    assert!(findings.is_empty());
}

#[test]
fn e011_differs_from_wishes_without_telling_the_child() {
    let findings = with(|r| {
        r.recommendations[0].telling_the_child.clear();
        r.recommendations[0].children = vec!["ella".into()];
        r.recommendations[1].children = vec!["ella".into(), "sam".into()];
    });
    assert_eq!(codes(&findings), ["E011"]);
    assert_eq!(
        findings[0].message,
        "the 1st recommendation differs from the wishes of Ella Example (ella), but does not say how the child will be told"
    );
}

#[test]
fn e031_a_family_assistance_order_over_12_months() {
    let findings = edited(&[("duration_months = 6", "duration_months = 18")]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:335:1: error[E031]: the family assistance order is to last `18` months; s16(5) allows at most 12\n  \
          hint: give `duration_months` from 1 to 12"
        ]
    );
}

#[test]
fn e031_a_family_assistance_order_without_a_named_adults_consent() {
    let findings = edited(&[(
        "consents = [\"mother\", \"father\"]",
        "consents = [\"mother\"]",
    )]);
    assert_eq!(codes(&findings), ["E031"]);
    assert_eq!(
        findings[0].message,
        "the 3rd recommendation names Tom Example (father) in a family assistance order, but their consent is not recorded"
    );
    // The child may be named without consent (s16(3)(b)).
    let child_named = edited(&[(
        "named_persons = [\"mother\", \"father\"]",
        "named_persons = [\"mother\", \"father\", \"ella\"]",
    )]);
    assert!(child_named.is_empty());
}

#[test]
fn e031_a_family_assistance_order_that_names_no_one() {
    let findings = with(|r| {
        r.recommendations[2].named_persons.clear();
    });
    assert_eq!(codes(&findings), ["E031"]);
    assert_eq!(
        findings[0].message,
        "the 3rd recommendation is for a family assistance order, but names no one"
    );
}

#[test]
fn w032_family_assistance_criteria_not_addressed() {
    let findings = with(|r| r.recommendations[2].fao_criteria = None);
    assert_eq!(codes(&findings), ["W032"]);
    let one = edited(&[(
        "other_resources = \"The maternal grandmother can help with school collections.\"",
        "other_resources = \"\"",
    )]);
    assert_eq!(codes(&one), ["W032"]);
    assert_eq!(
        one[0].message,
        "the FAO criterion `other_resources` is not addressed: \"Are there other resources to help?\""
    );
    assert_eq!(line(&one[0]), 344);
}

#[test]
fn e033_a_risk_assessment_without_its_trigger() {
    let findings = with(|r| r.risk_assessments[0].trigger.clear());
    assert_eq!(codes(&findings), ["E033"]);
    assert_eq!(
        findings[0].message,
        "the s16A risk assessment about Ella Example (ella) and Sam Example (sam) does not state what triggered it"
    );
}

#[test]
fn w034_significant_harm_without_considering_the_local_authority() {
    let findings = with(|r| {
        r.risks[2].significant_harm = true;
        r.considered.retain(|c| c.order != OrderKind::S37Report);
    });
    assert_eq!(codes(&findings), ["W034"]);
    // The base record reasons out a s37 report.
    assert!(with(|r| r.risks[2].significant_harm = true).is_empty());
}

fn s37(text: &str) -> Recommendation {
    Recommendation {
        text: text.into(),
        children: vec![],
        addresses: vec![],
        answers: vec![],
        order: Some(OrderKind::S37Report),
        differs_from_wishes: false,
        differs_for: vec![],
        telling_the_child: String::new(),
        named_persons: vec![],
        consents: vec![],
        duration_months: None,
        fao_criteria: None,
    }
}

#[test]
fn w035_a_s37_report_without_the_eight_weeks() {
    let findings = with(|r| {
        r.recommendations
            .push(s37("The court should direct a report under s37."))
    });
    assert_eq!(codes(&findings), ["W035"]);
    let noted = with(|r| {
        r.recommendations.push(s37(
            "The court should direct a report under s37; the local authority reports within 8 weeks unless the court directs otherwise.",
        ))
    });
    assert!(noted.is_empty());
}

#[test]
fn e043_an_unknown_person_id() {
    let findings = edited(&[(
        "lives_with = [\"mother\"]\nprofile = \"Sam",
        "lives_with = [\"mum\"]\nprofile = \"Sam",
    )]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:120:15: error[E043]: `mum` is not the id of any party; the parties are `mother`, `father`, `grandmother`\n  \
          hint: use one of the ids above, or add a [[parties]] entry with that id"
        ]
    );
}

#[test]
fn e043_unknown_ids_everywhere_people_are_named() {
    let findings = with(|r| {
        r.enquiries[2].with = vec!["mothr".into()];
        r.risks[1].children = vec!["elle".into()];
        r.risk_assessments[0].children = vec!["bob".into()];
        if let Some(cr) = r.ciaf.child_resistance.as_mut() {
            cr.children = vec!["ela".into()];
        }
        r.recommendations[2].consents.push("uncle".into());
    });
    let paths: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(codes(&findings), ["E043"; 5]);
    assert_eq!(
        paths,
        [
            "enquiries[2].with[0]",
            "risks[1].children[0]",
            "risk_assessments[0].children[0]",
            "ciaf.child_resistance.children[0]",
            "recommendations[2].consents[2]",
        ]
    );
    assert_eq!(findings[0].hint.as_deref(), Some("did you mean `mother`?"));
}

#[test]
fn e043_raw_html_in_a_narrative() {
    let findings = edited(&[(
        "He has no criminal record.\"",
        "He has no criminal record.<br>He works from home on Fridays.\"",
    )]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:53:90: error[E043]: `parties[1].profile` contains raw HTML: `<br>`\n  \
          hint: write the text without HTML tags: use Markdown (*emphasis*, lists, blank lines between paragraphs)"
        ]
    );
}

#[test]
fn e043_an_autolink_and_a_less_than_sign_are_not_html() {
    assert_eq!(
        text::raw_html("See <https://example.org> and 3 < 4, I <3 Dad"),
        None
    );
    assert_eq!(
        text::raw_html("<div>\nblock\n</div>").as_deref(),
        Some("<div>")
    );
    assert_eq!(
        text::raw_html("a <!-- hidden --> b").as_deref(),
        Some("<!-- hidden -->")
    );
}

#[test]
fn e044_placeholder_text() {
    let findings = edited(&[(
        "She has no criminal record.",
        "She has no criminal record. Employer TBC.",
    )]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:45:112: error[E044]: placeholder text \"TBC\" is left in `parties[0].profile`\n  \
          hint: replace the placeholder with the text it stands for, or remove it"
        ]
    );
}

#[test]
fn e044_every_kind_of_placeholder() {
    for (text, found) in [
        ("TODO: write this", "TODO"),
        ("Date of the order: XXXX", "XXXX"),
        ("Seen on [insert date] at school", "[insert date]"),
        ("Lorem ipsum dolor sit amet", "Lorem ipsum"),
        ("The father said ???", "???"),
        ("Outcome TBA.", "TBA"),
    ] {
        assert_eq!(text::placeholder(text).as_deref(), Some(found), "{text}");
    }
    for clean in [
        "Todo in Spanish means all",
        "Max Example",
        "the XX chromosome",
        "Why?",
    ] {
        assert_eq!(text::placeholder(clean), None, "{clean}");
    }
}

#[test]
fn e044_a_placeholder_in_a_name_or_a_list() {
    let findings = with(|r| {
        r.children[1].own_words.push("[insert quote]".into());
        r.report.author.name = "XXX".into();
    });
    let paths: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(codes(&findings), ["E044", "E044"]);
    assert_eq!(paths, ["report.author.name", "children[1].own_words[1]"]);
}

#[test]
fn e045_a_duplicate_risk_id() {
    let findings = edited(&[(
        "[[risk_assessments]]",
        "[[risks]]\nid = \"r2\"\nsource = \"enquiries\"\ndescription = \"Sam's wetting at night after contact.\"\n\n[[risk_assessments]]",
    )]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:227:1: error[E045]: the risk id `r2` is used twice: by the 2nd and the 4th risk\n  \
          hint: give each risk its own id"
        ]
    );
}

#[test]
fn e045_a_party_and_a_child_with_the_same_id() {
    let findings = with(|r| r.parties[2].id = "ella".into());
    assert!(codes(&findings).contains(&"E045"));
    assert_eq!(
        the(&findings, "E045").message,
        "the id `ella` is used twice: by this child and by `parties[2]`"
    );
}

#[test]
fn w036_domestic_abuse_described_as_historic() {
    let findings = edited(&[(
        "during the last two years of the relationship",
        "during the relationship, which is historic",
    )]);
    assert_eq!(
        rendered(&findings),
        [
            "complete.toml:245:35: warning[W036]: domestic abuse is described as \"historic\" in `ciaf.domestic_abuse.analysis`\n  \
          hint: Cafcass policy is not to minimise domestic abuse as historical or a one-off: say when and how often it happened, and analyse its continuing impact"
        ]
    );
}

#[test]
fn w036_one_off_about_abuse_elsewhere_but_not_about_other_things() {
    let findings = with(|r| {
        r.background
            .history
            .push_str("\nThe mother describes the violence in February 2026 as a one-off.\n");
    });
    assert_eq!(codes(&findings), ["W036"]);
    assert_eq!(
        findings[0].message,
        "domestic abuse is described as \"one-off\" in `background.history`"
    );
    let unrelated = with(|r| {
        r.background
            .history
            .push_str("\nThe family lived in a historic market town. The holiday was a one-off.\n");
    });
    assert!(unrelated.is_empty());
}

#[test]
fn w030_a_tool_not_named_in_the_analysis() {
    let findings = with(|r| {
        r.tools_used.push(Tool {
            name: "Resilience and Vulnerability Matrix".into(),
            summary: "Ella shows good resilience.".into(),
        })
    });
    assert_eq!(codes(&findings), ["W030"]);
    assert_eq!(
        findings[0].message,
        "the tool \"Resilience and Vulnerability Matrix\" is not named in any analysis"
    );
}

#[test]
fn w030_a_tool_whose_result_is_not_summarised() {
    let findings = with(|r| r.tools_used[0].summary.clear());
    assert_eq!(codes(&findings), ["W030"]);
    assert_eq!(
        findings[0].message,
        "what the tool \"SafeLives DASH checklist\" showed is not summarised"
    );
}

#[test]
fn w042_an_analysis_too_short_to_weigh_anything() {
    let findings = with(|r| r.children[0].welfare.needs = "Ella's needs are met.".into());
    assert_eq!(codes(&findings), ["W042"]);
    assert_eq!(
        findings[0].message,
        "the analysis of welfare checklist item (b) for Ella Example (ella) is only 21 characters long: too short to weigh the evidence (the threshold is 100)"
    );
    // The threshold is a setting; 0 turns the rule off.
    let mut file = load(BASE);
    file.record.children[0].welfare.needs = "Ella's needs are met.".into();
    let off = CheckOptions {
        min_analysis_chars: 0,
    };
    assert!(check_with(&file, &off).is_empty());
}

// ---------------------------------------------------------------------------------------
// The samples in samples/incomplete: each breaks exactly one rule.

/// (file, the one error code it yields, the line the error points at)
const INCOMPLETE: &[(&str, &str, usize)] = &[
    ("alienation-before-harm-excluded.toml", "E020", 241),
    ("child-over-18.toml", "E002", 67),
    ("ciaf-area-missing.toml", "E012", 241),
    ("differs-from-wishes-untold.toml", "E011", 307),
    ("duplicate-risk-id.toml", "E045", 227),
    ("enquiry-before-application.toml", "E039", 165),
    ("fao-over-12-months.toml", "E031", 336),
    ("filing-after-hearing.toml", "E037", 15),
    ("golden-thread-broken.toml", "E008", 216),
    ("missing-welfare-item.toml", "E003", 124),
    ("no-court-questions.toml", "E005", 17),
    ("no-fact-finding-position.toml", "E014", 241),
    ("placeholder-text.toml", "E044", 45),
    ("raw-html.toml", "E043", 53),
    ("threats-to-kill-no-safety-plan.toml", "E017", 248),
    ("unknown-risk-id.toml", "E009", 323),
];

#[test]
fn each_incomplete_sample_breaks_exactly_its_rule() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/incomplete");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    on_disk.sort();
    let listed: Vec<&str> = INCOMPLETE.iter().map(|(f, _, _)| *f).collect();
    assert_eq!(on_disk, listed, "samples/incomplete and INCOMPLETE differ");
    let mut wrong = Vec::new();
    for (name, code, at) in INCOMPLETE {
        let path = dir.join(name);
        let file = match crate::record::load(&path) {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        };
        let first_line = file.source.lines().next().unwrap_or("");
        assert!(
            first_line.starts_with('#') && first_line.contains(code),
            "{name}: the leading comment should name {code}: {first_line}"
        );
        let findings = check(&file);
        let errors: Vec<(&str, usize)> = findings
            .iter()
            .filter(|f| f.is_error())
            .map(|f| (f.code, line(f)))
            .collect();
        if errors != [(*code, *at)] {
            let shown: Vec<String> = findings.iter().map(|f| f.render_human(&path)).collect();
            wrong.push(format!(
                "{name}: expected {code} at line {at}, found:\n{}",
                shown.join("\n")
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// Prints what the checker says about each incomplete sample:
/// `cargo test --lib print_incomplete_samples -- --ignored --nocapture`.
#[test]
#[ignore]
fn print_incomplete_samples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/incomplete");
    for (name, _, _) in INCOMPLETE {
        let path = dir.join(name);
        let file = crate::record::load(&path).unwrap();
        for f in check(&file) {
            println!("{}", f.render_human(Path::new(name)));
        }
    }
}
