//! The PDF read back: a realistic Markdown draft rendered through the library API, then
//! checked with poppler's `pdftotext` and `pdfinfo` (CI installs poppler-utils; these
//! tests fail loudly without them).

use std::process::Command;

use courtreport::render::pdf::{
    DEFAULT_CONFIDENTIALITY, DEFAULT_TEMPLATE, DocumentMeta, PdfError, missing_glyphs, render_pdf,
};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

const DRAFT: &str = include_str!("fixtures/draft.md");

fn meta() -> DocumentMeta {
    DocumentMeta {
        title: "Section 7 Report".into(),
        author: "A. Adviser".into(),
        court: "Family Court at Exampleton".into(),
        case_number: "EX26P00123".into(),
        draft: true,
        date: time::macros::date!(2027 - 01 - 11),
        language: "en-GB".into(),
        confidentiality: DEFAULT_CONFIDENTIALITY.into(),
    }
}

/// Runs a poppler tool on `pdf`; panics with a clear message if it is not installed.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{tool}` ({e}): install poppler-utils (apt-get install poppler-utils)"
            )
        });
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn pdftotext(pdf: &[u8], page: Option<usize>) -> String {
    match page {
        Some(n) => {
            let n = n.to_string();
            poppler("pdftotext", &["-enc", "UTF-8", "-f", &n, "-l", &n], pdf)
        }
        None => poppler("pdftotext", &["-enc", "UTF-8"], pdf),
    }
}

/// The PDF's text as pdftotext reads it in its two modes, normalised. Each has a blind
/// spot: the default (reading-order) mode drops a hyphen at a line end and misplaces the
/// colour emoji (drawn as bitmaps) onto lines of their own; `-raw` (content order) keeps
/// both but gives right-to-left words in visual order. Text must come back exactly in
/// at least one of them.
fn pdf_texts(pdf: &[u8]) -> [String; 2] {
    [
        normalise(&pdftotext(pdf, None)),
        normalise(&poppler("pdftotext", &["-enc", "UTF-8", "-raw"], pdf)),
    ]
}

fn contains_in_either(texts: &[String; 2], wanted: &str) -> bool {
    let wanted = normalise(wanted);
    texts.iter().any(|t| t.contains(&wanted))
}

fn page_count(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", &[], pdf);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo output:\n{info}"))
}

/// Text compared modulo layout: bidi embedding marks (pdftotext wraps right-to-left runs
/// in them) and zero-width spaces (break opportunities in long words) removed, whitespace runs collapsed, a line break after a hyphen undone, and
/// no space next to an emoji (pdftotext guesses the spacing around bitmap glyphs).
fn normalise(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'))
        .collect();
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        let mut tail = out.chars().rev();
        let (prev, before) = (tail.next(), tail.next());
        let next = word.chars().next();
        // "Ŷr-\nEvans" → "Ŷr-Evans" (applied to both sides of a comparison).
        let after_hyphen = prev == Some('-') && before.is_some_and(|c| c != ' ');
        let pictograph = prev.is_some_and(is_pictograph) || next.is_some_and(is_pictograph);
        if prev.is_some() && !after_hyphen && !pictograph {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}')
}

/// The text the draft says, as runs that must each appear in the PDF: the text of each
/// paragraph, heading, table cell and list item (soft breaks as spaces), split at links
/// (whose address the PDF prints after their text).
fn text_runs(markdown: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, runs: &mut Vec<String>| {
        let run = current.trim().to_string();
        if !run.is_empty() {
            runs.push(run);
        }
        current.clear();
    };
    for event in Parser::new_ext(markdown, courtreport::render::typst::markdown_options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                current.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => {
                flush(&mut current, &mut runs)
            }
            Event::Start(_) | Event::End(_) => flush(&mut current, &mut runs),
            _ => {}
        }
    }
    flush(&mut current, &mut runs);
    runs
}

#[test]
fn every_text_of_the_draft_comes_back_exactly() {
    let pdf = render_pdf(&meta(), DRAFT, None).unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    let texts = pdf_texts(&pdf.bytes);
    let runs = text_runs(DRAFT);
    assert!(
        runs.len() > 60,
        "fixture parsed into only {} runs",
        runs.len()
    );
    let missing: Vec<&String> = runs
        .iter()
        .filter(|r| !contains_in_either(&texts, r))
        .collect();
    assert!(
        missing.is_empty(),
        "not in the PDF text: {missing:#?}\n\nPDF text:\n{texts:#?}"
    );

    // Spot checks of what matters most, independent of the run splitting above.
    for name in [
        "Dafydd Ŵyn-Jones",
        "Ffion Ŷr-Evans",
        "Łukasz Śliwiński-Example",
        "Αλεξάνδρα Παπαδοπούλου",
        "Наталья Иванова",
        "عائشہ خان",
        "فاطمة الزهراء",
        "£120",
        "“without any pressure”",
        "dad’s but not when they shout. Can I see Nain on Wednesdays still? 😀”",
        "pancakes 🥞 and I help.",
        "[MISSING: welfare checklist (g) for Ella]",
        r#"#read("/etc/passwd") and $x$ and *a* and _b_ and <label> and @ref and = x and \ and [...]"#,
        "the Cafcass guidance (https://www.cafcass.gov.uk/guidance)",
    ] {
        assert!(
            contains_in_either(&texts, name),
            "{name:?} not in the PDF text:\n{texts:#?}"
        );
    }
    // The Urdu heh goal must not be dropped (it was, with typst's own fonts).
    assert!(texts[0].contains("عائشہ"));
}

#[test]
fn numbered_paragraphs_keep_the_drafts_numbers() {
    let pdf = render_pdf(&meta(), DRAFT, None).unwrap();
    let text = pdftotext(&pdf.bytes, None);
    let numbers: Vec<u32> = text
        .lines()
        .filter_map(|l| l.trim().strip_suffix('.').and_then(|n| n.parse().ok()))
        .collect();
    assert_eq!(numbers, (1..=15).collect::<Vec<u32>>(), "{text}");
}

#[test]
fn header_and_footer_are_on_every_page() {
    let long = format!("{DRAFT}\n{}", filler_paragraphs(16, 60));
    let pdf = render_pdf(&meta(), &long, None).unwrap();
    let pages = page_count(&pdf.bytes);
    assert!(pages >= 5, "only {pages} pages");
    for n in 1..=pages {
        let text = normalise(&pdftotext(&pdf.bytes, Some(n)));
        for expected in [
            "Family Court at Exampleton".to_string(),
            "Case number: EX26P00123".to_string(),
            "DRAFT".to_string(),
            format!("Page {n} of {pages}"),
            DEFAULT_CONFIDENTIALITY.to_string(),
        ] {
            assert!(
                text.contains(&expected),
                "page {n}: {expected:?} missing:\n{text}"
            );
        }
    }
}

#[test]
fn a_final_report_has_no_draft_mark() {
    let meta = DocumentMeta {
        draft: false,
        ..meta()
    };
    let pdf = render_pdf(&meta, DRAFT, None).unwrap();
    let text = pdftotext(&pdf.bytes, None);
    assert!(!text.contains("DRAFT"), "{text}");
    assert!(text.contains("Case number: EX26P00123"));
}

#[test]
fn pdfinfo_shows_title_pages_and_the_standards_claimed() {
    let pdf = render_pdf(&meta(), DRAFT, None).unwrap();
    let info = poppler("pdfinfo", &[], &pdf.bytes);
    assert!(info.contains("Title:           Section 7 Report"), "{info}");
    assert!(info.contains("Author:          A. Adviser"), "{info}");
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(page_count(&pdf.bytes) >= 2);
    // This poppler prints no "PDF subtype" line; the claims are in the XMP metadata.
    let xmp = poppler("pdfinfo", &["-meta"], &pdf.bytes);
    assert!(
        xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "no PDF/UA-1 claim:\n{xmp}"
    );
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>"),
        "no PDF/A-2 claim:\n{xmp}"
    );
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    assert!(
        xmp.contains("<rdf:li>en-GB</rdf:li>"),
        "no document language:\n{xmp}"
    );
    assert!(
        xmp.contains("2027-01-11T00:00:00"),
        "date is not the document date:\n{xmp}"
    );
}

#[test]
fn same_input_gives_identical_bytes_on_any_thread() {
    let first = render_pdf(&meta(), DRAFT, None).unwrap().bytes;
    let second = render_pdf(&meta(), DRAFT, None).unwrap().bytes;
    assert!(first == second, "two renderings differ");
    let threaded: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| s.spawn(|| render_pdf(&meta(), DRAFT, None).unwrap().bytes))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(
        threaded.iter().all(|b| *b == first),
        "a threaded rendering differs"
    );
}

#[test]
fn template_override_cannot_read_files() {
    let template = format!("{DEFAULT_TEMPLATE}\n#read(\"/etc/passwd\")\n");
    let err = render_pdf(&meta(), DRAFT, Some(&template)).unwrap_err();
    let PdfError::Compile(diags) = &err else {
        panic!("expected a compile error, got {err}")
    };
    assert_eq!(diags.len(), 1, "{err}");
    assert_eq!(diags[0].message, "failed to load file (access denied)");
    let shown = err.to_string();
    assert!(
        !shown.contains("root:x:0:0"),
        "file contents leaked: {shown}"
    );

    for code in [
        "#image(\"/etc/hostname\")",
        "#import \"@preview/cetz:0.3.0\"",
    ] {
        let template = format!("{DEFAULT_TEMPLATE}\n{code}\n");
        assert!(
            render_pdf(&meta(), DRAFT, Some(&template)).is_err(),
            "{code}"
        );
    }
}

#[test]
fn a_template_override_is_used() {
    let template = DEFAULT_TEMPLATE.replace("\"Case number: \"", "\"Claim no. \"");
    assert_ne!(template, DEFAULT_TEMPLATE);
    let pdf = render_pdf(&meta(), DRAFT, Some(&template)).unwrap();
    let text = pdftotext(&pdf.bytes, Some(1));
    assert!(text.contains("Claim no. EX26P00123"), "{text}");
    assert!(!text.contains("Case number: EX26P00123"), "{text}");
}

#[test]
fn a_glyph_no_font_covers_is_reported_not_silently_dropped() {
    // Egyptian hieroglyphs: no embedded font covers them.
    let markdown = "1. A name in hieroglyphs: \u{13000}\u{13001}.\n";
    assert_eq!(missing_glyphs(markdown), ['\u{13000}', '\u{13001}']);
    // The export refuses a glyph it cannot show (PDF/A and UA check it) rather than
    // leave a hole in a name; the caller warns from `missing_glyphs` first.
    let err = render_pdf(&meta(), markdown, None).unwrap_err();
    assert!(matches!(err, PdfError::Export(_)), "{err}");
    assert!(
        err.to_string()
            .contains("the text `\"\u{13000}\"` could not be displayed"),
        "{err}"
    );
}

#[test]
fn rendering_an_empty_or_odd_draft_works() {
    for markdown in [
        "",
        "plain text only",
        "---\n",
        "> 1. quoted list\n",
        "| a |\n|---|\n| b |\n",
        "## 1. No title, and a skipped level\n\n#### (a) Wishes\n\n1. Text.\n",
        "1. Para\n\n   ```\n   code  block\n     indented\n   ```\n",
        "<div>\n<b>html block</b>\n</div>\n",
    ] {
        let pdf =
            render_pdf(&meta(), markdown, None).unwrap_or_else(|e| panic!("{markdown:?}: {e}"));
        assert!(pdf.bytes.starts_with(b"%PDF-"));
    }
}

#[test]
fn an_image_is_never_loaded_only_named() {
    let pdf = render_pdf(&meta(), "![a drawing](/etc/passwd)\n", None).unwrap();
    let text = normalise(&pdftotext(&pdf.bytes, None));
    assert!(text.contains("[Image: a drawing (/etc/passwd)]"), "{text}");
    assert!(!text.contains("root:"), "{text}");
}

#[test]
fn html_and_code_blocks_keep_their_lines() {
    let markdown = "<div>\n<b>html block</b>\n</div>\n\n```\ncode  block\n  indented\n```\n";
    let pdf = render_pdf(&meta(), markdown, None).unwrap();
    let text = poppler("pdftotext", &["-enc", "UTF-8", "-layout"], &pdf.bytes);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    // (pdftotext collapses the double space of "code  block"; the typst.rs unit tests
    // check that spaces in code are kept.)
    for expected in [
        "<div>",
        "<b>html block</b>",
        "</div>",
        "code block",
        "indented",
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.trim_start() == expected.trim_start()),
            "{expected:?} not a line of:\n{text}"
        );
    }
}

/// Extra numbered paragraphs to make a long report.
fn filler_paragraphs(first: u32, count: u32) -> String {
    (first..first + count)
        .map(|n| {
            format!(
                "{n}. Paragraph {n}: the children were seen at home and at school; both said they enjoy time with each parent and want the arguments at handover to stop.\n"
            )
        })
        .collect()
}
