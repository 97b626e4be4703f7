//! Property tests (issue 4): any Unicode string in any kind of text field of a complete
//! record either comes back literally in the Markdown draft and the PDF, or is refused by
//! `check` with a finding on that field. Never a panic.
//!
//! The string is written into `tests/fixtures/complete.toml` as a TOML string, so it goes
//! through the real loader. What "literally" means:
//! - plain fields (names, case number, own words, questions) come back exactly;
//! - narrative fields are CommonMark: each of their text runs comes back;
//! - ids are never printed: they must only not break anything;
//! - both sides are compared without whitespace (line breaks and spacing are layout),
//!   control characters (never printed), invisible format characters (bidi marks that
//!   pdftotext adds, the zero-width spaces that break long words) and U+FFFD (what
//!   CommonMark makes of NUL); text with right-to-left characters may come back from
//!   pdftotext partly in visual order, so it is compared as the characters of a stretch;
//! - in the PDF, a character no embedded font covers is accepted only when W049 names it
//!   on that field; rendering then refuses the PDF (`RenderError::Unprintable`).
//!
//! Case counts are kept small for `cargo test` (Markdown 96, PDF 24, ~10 s in all);
//! `PROPTEST_CASES=N` sets both (PDF cases: N/4) for a longer run.

use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use courtreport::finding::Finding;
use courtreport::record::{self, CaseFile, Date};
use courtreport::render::{self, Format, Job, RenderError, Templates, glyphs, pdf};

const COMPLETE: &str = include_str!("fixtures/complete.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Narrative,
    Id,
}

/// A text field of the complete record: its path, kind, and how to put a TOML string in.
#[derive(Debug, Clone, Copy)]
struct Field {
    path: &'static str,
    kind: Kind,
    /// The text to replace in the fixture, with `{}` where the string goes.
    find: &'static str,
    replace: &'static str,
}

const FIELDS: &[Field] = &[
    Field {
        path: "report.court",
        kind: Kind::Plain,
        find: "court = \"Family Court at Exampleton\"",
        replace: "court = {}",
    },
    Field {
        path: "report.case_number",
        kind: Kind::Plain,
        find: "case_number = \"EX26P00123\"",
        replace: "case_number = {}",
    },
    Field {
        path: "report.author.name",
        kind: Kind::Plain,
        find: "name = \"Alex Adviser\"",
        replace: "name = {}",
    },
    Field {
        path: "report.questions[0]",
        kind: Kind::Plain,
        find: "  \"What are Ella's and Sam's wishes and feelings about the time they spend with their father?\",",
        replace: "  {},",
    },
    Field {
        path: "parties[0].name",
        kind: Kind::Plain,
        find: "name = \"Ruth Example\"",
        replace: "name = {}",
    },
    Field {
        path: "children[0].name",
        kind: Kind::Plain,
        find: "name = \"Ella Example\"",
        replace: "name = {}",
    },
    Field {
        path: "children[1].own_words[0]",
        kind: Kind::Plain,
        find: "own_words = [\"Daddy's house has a trampoline. I want to go on it.\"]",
        replace: "own_words = [{}]",
    },
    Field {
        path: "background.history",
        kind: Kind::Narrative,
        find: "history = \"\"\"",
        replace: "history = {}\nold_history = \"\"\"",
    },
    Field {
        path: "children[0].welfare.harm",
        kind: Kind::Narrative,
        find: "harm = \"\"\"",
        replace: "harm = {}\nold_harm = \"\"\"",
    },
    Field {
        path: "analysis.assessment",
        kind: Kind::Narrative,
        find: "assessment = \"\"\"",
        replace: "assessment = {}\nold_assessment = \"\"\"",
    },
    Field {
        path: "children[0].id",
        kind: Kind::Id,
        find: "\"ella\"",
        replace: "{}",
    },
];

/// A TOML basic string holding `text` exactly.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The fixture with `text` in `field`. A narrative's old text is moved to a key that
/// does not exist, then cut out, so the new text is the field's only value.
fn record_with(field: &Field, text: &str) -> String {
    assert!(COMPLETE.contains(field.find), "{}", field.find);
    let value = field.replace.replace("{}", &toml_string(text));
    let mut source = match field.kind {
        Kind::Id => COMPLETE.replace(field.find, &value),
        _ => COMPLETE.replacen(field.find, &value, 1),
    };
    if field.kind == Kind::Narrative {
        let start = source.find("\nold_").expect("moved key");
        let body = start + source[start..].find("\"\"\"").expect("opening quotes") + 3;
        let end = body + source[body..].find("\"\"\"").expect("closing quotes") + 3;
        source.replace_range(start..end, "");
    }
    source
}

/// Characters that are never compared: whitespace (layout), control characters (not
/// printed), invisible format characters, U+FFFD.
fn ignored(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || c == '\u{FFFD}'
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}')
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !ignored(*c)).collect()
}

/// The text runs a CommonMark reader sees in `markdown` (options as given).
fn text_runs(markdown: &str, options: pulldown_cmark::Options) -> Vec<String> {
    use pulldown_cmark::{Event, Parser};
    let mut runs = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                runs.push(t.to_string())
            }
            _ => runs.push(String::new()),
        }
    }
    runs
}

/// What must come back of `text` in `field`: one string per run.
fn expected(field: &Field, text: &str) -> Vec<String> {
    let runs = match field.kind {
        Kind::Plain => vec![text.to_string()],
        Kind::Narrative => text_runs(text, pulldown_cmark::Options::ENABLE_STRIKETHROUGH),
        Kind::Id => Vec::new(),
    };
    runs.iter()
        .map(|r| squash(r))
        .filter(|r| !r.is_empty())
        .collect()
}

fn templates() -> &'static Templates {
    static T: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    T.get_or_init(|| Templates::embedded().expect("built-in templates"))
}

fn job(file: &CaseFile, findings: &[Finding], format: Format) -> Job<'static> {
    let findings: &'static [Finding] = Box::leak(findings.to_vec().into_boxed_slice());
    Job {
        kind: file.record.report.kind,
        format,
        findings,
        fallback_date: Date::from_ymd(2027, 1, 11).expect("date"),
    }
}

/// Loads the record; `None` when it was refused (with a finding on the field).
fn load(field: &Field, text: &str) -> Result<Option<(CaseFile, Vec<Finding>)>, TestCaseError> {
    let source = record_with(field, text);
    let file = match record::parse(Path::new("prop.toml"), source) {
        Ok(file) => file,
        Err(record::LoadError::Invalid { finding, .. }) => {
            // Only the nesting limit refuses a well-formed TOML string.
            prop_assert_eq!(finding.code, "E050", "{:?}", finding);
            prop_assert_eq!(&finding.path, field.path);
            return Ok(None);
        }
        Err(e) => return Err(TestCaseError::fail(e.to_string())),
    };
    let findings = courtreport::check::check(&file);
    Ok(Some((file, findings)))
}

/// Whether `check` refused the record over this field.
fn refused(field: &Field, findings: &[Finding]) -> Result<bool, TestCaseError> {
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.is_error()).collect();
    if errors.is_empty() {
        return Ok(false);
    }
    // The complete record has no errors: any error is about the field we changed. An id
    // is referred to everywhere (a blank or duplicate id breaks references elsewhere).
    let ours = |f: &&Finding| {
        field.kind == Kind::Id
            || f.path.starts_with(field.path)
            || field.path.starts_with(&f.path)
            || f.message.contains(field.path)
    };
    prop_assert!(
        errors.iter().any(ours),
        "errors not about {}: {:#?}",
        field.path,
        errors
    );
    Ok(true)
}

fn markdown_case(field: &Field, text: &str) -> Result<(), TestCaseError> {
    let Some((file, findings)) = load(field, text)? else {
        return Ok(());
    };
    let refused = refused(field, &findings)?;
    // Rendered even when refused (as with --allow-incomplete): it must not fail.
    let rendered = render::render(&file, templates(), &job(&file, &findings, Format::Markdown))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let markdown = String::from_utf8(rendered.bytes).expect("UTF-8");
    if refused {
        return Ok(());
    }
    let draft = squash(&text_runs(&markdown, pulldown_cmark::Options::ENABLE_TABLES).concat());
    for run in expected(field, text) {
        prop_assert!(
            draft.contains(&run),
            "{:?} of {} missing from the draft:\n{}",
            run,
            field.path,
            markdown
        );
    }
    Ok(())
}

fn pdftotext(pdf: &[u8], raw: bool) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let mut cmd = Command::new("pdftotext");
    cmd.args(["-enc", "UTF-8"]);
    if raw {
        cmd.arg("-raw");
    }
    let out = cmd
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext: install poppler-utils");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Right-to-left characters (Hebrew, Arabic, Syriac, Thaana, N'Ko..., their
/// presentation forms and the supplementary RTL scripts).
fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}'
        | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// Whether `text` holds `run`. pdftotext gives text that mixes directions partly in
/// visual order (`ع“` comes back as `“ع`, `“aش”` as `“a”ش`), so a run with
/// right-to-left characters is found when some stretch of `text` has exactly its letters
/// and digits, in any order (punctuation, which bidi moves about, set aside).
fn contains_modulo_bidi(text: &str, run: &str) -> bool {
    if text.contains(run) {
        return true;
    }
    if !run.chars().any(is_rtl) {
        return false;
    }
    let mut wanted: Vec<char> = run.chars().filter(|c| c.is_alphanumeric()).collect();
    wanted.sort_unstable();
    let chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
    chars.windows(wanted.len()).any(|window| {
        let mut window = window.to_vec();
        window.sort_unstable();
        window == wanted
    })
}

fn pdf_case(field: &Field, text: &str) -> Result<(), TestCaseError> {
    let Some((file, findings)) = load(field, text)? else {
        return Ok(());
    };
    if refused(field, &findings)? {
        return Ok(());
    }
    let missing = pdf::missing_glyphs(text);
    let warned = glyphs::findings(&file);
    if !missing.is_empty() {
        let named = warned.iter().any(|w| {
            w.code == glyphs::CODE
                && w.path == field.path
                && missing.iter().all(|c| w.message.contains(*c))
        });
        prop_assert!(
            named,
            "no W049 on {} for {:?}: {:#?}",
            field.path,
            missing,
            warned
        );
    }
    match render::render(&file, templates(), &job(&file, &findings, Format::Pdf)) {
        Ok(rendered) => {
            let texts = [
                squash(&pdftotext(&rendered.bytes, false)),
                squash(&pdftotext(&rendered.bytes, true)),
            ];
            for run in expected(field, text) {
                let run: String = run.chars().filter(|c| !missing.contains(c)).collect();
                prop_assert!(
                    texts.iter().any(|t| contains_modulo_bidi(t, &run)),
                    "{:?} of {} missing from the PDF:\n{}",
                    run,
                    field.path,
                    texts[0]
                );
            }
        }
        // A glyph no font covers: the PDF is refused with W049 on the field.
        Err(RenderError::Unprintable(found)) if !missing.is_empty() => {
            prop_assert!(
                found
                    .iter()
                    .any(|f| f.code == glyphs::CODE && f.path == field.path),
                "{:#?}",
                found
            );
        }
        Err(e) => return Err(TestCaseError::fail(format!("{}: {e}", field.path))),
    }
    Ok(())
}

/// Text from the scripts and symbols the fonts cover, with Markdown, Typst and Tera
/// syntax mixed in.
fn printable() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9]{1,8}",
        "[ŴŵŶŷŁłŚśÓóáéíñüß]{1,4}",
        "[αβγΔΩ]{1,4}|[абвгдЖЯ]{1,4}|[عائشہخان]{1,4}",
        "[£€–—…‘’“”✓★😀🥞]{1,3}",
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        prop::sample::select(vec![
            "*",
            "**",
            "_",
            "#",
            "# ",
            "> ",
            "- ",
            "+ ",
            "1. ",
            "2) ",
            "`",
            "```",
            "~~~",
            "[",
            "]",
            "](",
            ")",
            "![",
            "<b>",
            "</b>",
            "<!--",
            "&amp;",
            "&#65;",
            "\\",
            "{{",
            "}}",
            "{%",
            "%}",
            "{#",
            "$",
            "@",
            "=",
            "==",
            "/",
            "//",
            "/*",
            "~",
            "|",
            "---",
            "***",
            "\t",
            "#read(\"/etc/passwd\")",
            "http://x.org/a_b",
            "<https://x.org>",
            "TODO",
            "\u{202E}",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => printable(),
        1 => any::<String>(),
        1 => prop::collection::vec(any::<char>(), 0..16).prop_map(|c| c.into_iter().collect()),
    ]
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn run(cases: u32, check: fn(&Field, &str) -> Result<(), TestCaseError>) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (prop::sample::select(FIELDS), any_text());
    if let Err(e) = runner.run(&strategy, |(field, text)| check(&field, &text)) {
        panic!("{e}");
    }
}

#[test]
fn any_text_in_any_field_comes_back_in_the_markdown_or_is_refused() {
    run(cases(96), markdown_case);
}

#[test]
fn any_text_in_any_field_comes_back_in_the_pdf_or_is_refused() {
    run(cases(96) / 4, pdf_case);
}

#[test]
fn every_field_is_replaced_by_its_string() {
    for field in FIELDS {
        let marker = "Zq9 marker";
        let source = record_with(field, marker);
        let file = record::parse(Path::new("prop.toml"), source)
            .unwrap_or_else(|e| panic!("{}: {e}", field.path));
        let json = serde_json::to_value(&file.record).unwrap();
        let mut value = &json;
        for part in field.path.split('.') {
            let (key, index) = match part.split_once('[') {
                Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
                None => (part, None),
            };
            value = &value[key];
            if let Some(i) = index {
                value = &value[i];
            }
        }
        assert_eq!(value, marker, "{}", field.path);
        if field.kind != Kind::Id {
            assert!(
                courtreport::check::check(&file)
                    .iter()
                    .all(|f| !f.is_error())
            );
        }
    }
}

/// Inputs the properties above once failed on, kept as fixed cases.
#[test]
fn regressions_found_by_the_properties() {
    let field = |path: &str| {
        *FIELDS
            .iter()
            .find(|f| f.path == path)
            .expect("a field of the table")
    };
    for (path, text) in [
        // A right-to-left override printed the court's name reversed ("--!<").
        ("report.court", "\u{202E}<!--"),
        // NUL in the header: "PDF/UA-1 error: the text contains the disallowed codepoint".
        ("report.court", "\0"),
        // U+FEFF (a stray byte order mark) in a heading: the same export error.
        ("parties[0].name", "\u{FEFF}"),
        // A private-use character: refused by the export, now named by W049.
        ("children[0].name", "Ella \u{E000}"),
        // Arabic next to punctuation comes back from pdftotext in visual order.
        ("report.court", "ع“"),
        ("children[1].own_words[0]", "aش"),
    ] {
        let field = field(path);
        markdown_case(&field, text).unwrap_or_else(|e| panic!("{path} {text:?}: {e}"));
        pdf_case(&field, text).unwrap_or_else(|e| panic!("{path} {text:?}: {e}"));
    }
}
