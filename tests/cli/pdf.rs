//! `courtreport render --to pdf` on every sample: the PDF is read back with poppler's
//! pdftotext and must hold every narrative field and every child's own words, exactly.

use std::path::Path;
use std::process::Command;

use crate::harness::*;

/// The text of a PDF in one mode of pdftotext, whitespace collapsed, bidi marks removed.
fn pdftotext(pdf: &Path, raw: bool) -> String {
    let mut cmd = Command::new("pdftotext");
    if raw {
        cmd.arg("-raw");
    }
    let out = cmd
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is needed: apt-get install poppler-utils");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut joined = String::with_capacity(text.len());
    for line in text.lines() {
        // A line broken after a hyphen inside a word ("Mensah-" / "Fletcher") is one word.
        let breaks_word = joined.ends_with('-')
            && joined
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| c.is_alphabetic());
        if !joined.is_empty() && !breaks_word {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    normalise(&joined)
}

fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(*c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The runs of text a CommonMark narrative shows: each paragraph, item or emphasis
/// span on its own (bullets and numbers are the PDF's, not the record's).
fn runs(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser};
    let mut out = Vec::new();
    let mut current = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            _ => {
                if !current.trim().is_empty() {
                    out.push(normalise(&current));
                }
                current.clear();
            }
        }
    }
    if !current.trim().is_empty() {
        out.push(normalise(&current));
    }
    out
}

/// Every narrative field (as runs) and every own-words entry (whole) of a record.
fn expected_texts(record: &toml::Value) -> Vec<(String, String)> {
    const NARRATIVE: &[&str] = &[
        "history",
        "agency_involvement",
        "current_arrangements",
        "profile",
        "response",
        "wishes_feelings",
        "needs",
        "effect_of_change",
        "characteristics",
        "harm",
        "parenting_capacity",
        "court_powers",
        "summary",
        "description",
        "analysis",
        "fact_finding_reasons",
        "child_impact",
        "assessment",
        "bias_reflection",
        "no_order",
        "text",
        "telling_the_child",
        "reason",
        "trigger",
        "outcome",
        "no_own_words_reason",
    ];
    let mut out = Vec::new();
    fn walk(v: &toml::Value, path: String, out: &mut Vec<(String, String)>) {
        match v {
            toml::Value::Table(t) => {
                for (k, v) in t {
                    let p = format!("{path}.{k}");
                    match v {
                        toml::Value::String(s) if NARRATIVE.contains(&k.as_str()) => {
                            for run in runs(s) {
                                out.push((p.clone(), run));
                            }
                        }
                        toml::Value::Array(items) if k == "own_words" => {
                            for (i, item) in items.iter().enumerate() {
                                if let Some(s) = item.as_str() {
                                    out.push((format!("{p}[{i}]"), normalise(s)));
                                }
                            }
                        }
                        _ => walk(v, p, out),
                    }
                }
            }
            toml::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    walk(record, String::new(), &mut out);
    // `reason` is also an enum key in the CIAF (rendered as its label), not narrative.
    out.retain(|(path, _)| !path.ends_with("child_resistance.reason"));
    out
}

/// The text with each page's header and footer taken out, so a paragraph running over
/// a page break reads on.
fn without_running_heads(text: &str, record: &toml::Value) -> String {
    let report = &record["report"];
    let court = report["court"].as_str().unwrap_or_default();
    let case = report["case_number"].as_str().unwrap_or_default();
    let notice = normalise(courtreport::render::CONFIDENTIALITY_NOTICE);
    let mut text = text.replace(&notice, " ");
    for header in [
        format!("{court} DRAFT Case number: {case}"),
        format!("{court} Case number: {case}"),
        // Table headers repeat on each page a table runs onto.
        "Date Enquiry Summary".to_string(),
        "Risk Source Description Children Addressed by".to_string(),
    ] {
        text = text.replace(&normalise(&header), " ");
    }
    normalise(&without_page_numbers(&text))
}

/// Drops every "Page N of M".
fn without_page_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("Page ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 5..];
        let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
        let n = digits(after);
        let tail = &after[n..];
        if n > 0 && tail.starts_with(" of ") && digits(&tail[4..]) > 0 {
            rest = &tail[4 + digits(&tail[4..])..];
            out.push(' ');
        } else {
            out.push_str("Page ");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn every_sample_pdf_holds_every_narrative_and_the_childrens_own_words() {
    let dir = tempfile::tempdir().unwrap();
    for sample in samples() {
        let name = sample.file_stem().unwrap().to_string_lossy().into_owned();
        let pdf = dir.path().join(format!("{name}.pdf"));
        run(&[
            "render",
            sample.to_str().unwrap(),
            "--to",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ])
        .exits(0);
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{name}: not a PDF");
        let record: toml::Value =
            toml::from_str(&std::fs::read_to_string(&sample).unwrap()).unwrap();
        let flowing = without_running_heads(&pdftotext(&pdf, false), &record);
        let raw = without_running_heads(&pdftotext(&pdf, true), &record);
        let expected = expected_texts(&record);
        assert!(
            expected.len() > 50,
            "{name}: too few texts found ({})",
            expected.len()
        );
        for (path, text) in expected {
            assert!(
                flowing.contains(&text) || raw.contains(&text),
                "{name}: `{path}` is not in the PDF text exactly:\n  {text}"
            );
        }
    }
}

#[test]
fn pdf_metadata_names_the_report_and_claims_its_standards() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    run(&[
        "render",
        sample("three-siblings.toml").to_str().unwrap(),
        "--to",
        "pdf",
        "-o",
        pdf.to_str().unwrap(),
    ])
    .exits(0);
    let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("Title:           Section 7 Report – "),
        "{info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!(pages >= 5, "{pages} pages");
    let meta = Command::new("pdfinfo")
        .args(["-meta"])
        .arg(&pdf)
        .output()
        .expect("pdfinfo -meta");
    let meta = String::from_utf8_lossy(&meta.stdout);
    assert!(
        meta.contains("pdfuaid:part>1<") || meta.contains("pdfuaid:part=\"1\""),
        "no PDF/UA-1 claim:\n{meta}"
    );
    assert!(
        meta.contains("pdfaid:part>2<") || meta.contains("pdfaid:part=\"2\""),
        "no PDF/A-2 claim:\n{meta}"
    );
    // Every page carries the case number and the confidentiality notice.
    let case_number = "RF26P00734";
    for page in 1..=pages {
        let out = Command::new("pdftotext")
            .args(["-f", &page.to_string(), "-l", &page.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = normalise(&String::from_utf8_lossy(&out.stdout));
        assert!(
            text.contains(case_number),
            "page {page} lacks the case number"
        );
        assert!(text.contains("DRAFT"), "page {page} lacks DRAFT");
        assert!(
            text.contains("must not be shown or disclosed"),
            "page {page} lacks the notice"
        );
        assert!(
            text.contains(&format!("Page {page} of {pages}")),
            "page {page} lacks its number"
        );
    }
}

#[test]
fn the_same_record_gives_the_same_pdf_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.pdf");
    let b = dir.path().join("b.pdf");
    for out in [&a, &b] {
        run(&[
            "render",
            sample("harmful-parenting.toml").to_str().unwrap(),
            "--to",
            "pdf",
            "-o",
            out.to_str().unwrap(),
        ])
        .exits(0);
    }
    assert!(
        std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(),
        "PDFs differ"
    );
}
