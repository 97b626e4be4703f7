//! `courtreport render`: drafts written beside the record, never overwriting silently.

use crate::harness::*;

#[test]
fn every_sample_renders_to_markdown_with_numbered_paragraphs() {
    for sample in samples() {
        let out = run(&["render", sample.to_str().unwrap(), "-o", "-"]);
        out.exits(0);
        let md = out.stdout();
        assert!(md.starts_with("# "), "{}: {md}", sample.display());
        assert!(md.contains("\n1. "), "{}", sample.display());
        assert!(md.contains("**Confidential.**"), "{}", sample.display());
        assert!(
            !md.contains("[MISSING"),
            "{} has gaps:\n{md}",
            sample.display()
        );
    }
}

#[test]
fn existing_output_is_not_overwritten_without_force() {
    let text = std::fs::read_to_string(sample("domestic-abuse.toml")).unwrap();
    let dir = temp_with(&[("case.toml", &text), ("case.md", "precious notes")]);
    run_in(dir.path(), &["render", "case.toml"])
        .exits(2)
        .stderr_has("case.md already exists; pass --force to overwrite it");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("case.md")).unwrap(),
        "precious notes"
    );
    run_in(dir.path(), &["render", "case.toml", "--force"]).exits(0);
    let md = std::fs::read_to_string(dir.path().join("case.md")).unwrap();
    assert!(md.starts_with("# Section 7 Report"), "{md}");
}

/// The plain text a CommonMark reader sees in a Markdown draft.
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let mut out = String::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(_) => out.push(' '),
            Event::Html(h) | Event::InlineHtml(h) => {
                panic!("raw HTML reached the draft: {h:?}\n{markdown}")
            }
            _ => {}
        }
    }
    out
}

#[test]
fn record_text_is_data_never_markup() {
    let path = repo().join("tests/fixtures/hostile.toml");
    let out = run(&[
        "render",
        path.to_str().unwrap(),
        "--allow-incomplete",
        "-o",
        "-",
    ]);
    out.exits(0);
    let md = out.stdout();
    let text = plain_text(&md);
    // Plain fields come back exactly as typed.
    for literal in [
        "Family Court at #Exampleton {{ court }}",
        "EX26P00999 <b>*",
        "Child arrangements order $x$ [link](http://x) `raw`",
        "A. Adviser <script>alert(1)</script>",
        "{% include \"partials/cover.md\" %} What are the children's wishes?",
        "1. Should time be supervised? #read(\"/etc/passwd\") @ref <label> = heading",
        "- Ruth Example-Ó Súilleabháin *bold* _x_ [y] \\z",
        "1. Tomasz Świętek-Łukasz $5",
        "Ella # Example <i>",
        "I like going to dad's but *not* when they shout <b>loud</b> {{ x }} \\o/",
        "عائشہ said ‘hi’ 👋",
        // Narratives: template syntax, a leading hash and raw HTML stay literal text.
        "The parents met in 2015 {{ secret }} and {% if true %}separated{% endif %} in 2024.",
        "# This line starts with a hash",
        "<script>alert(\"x\")</script>",
    ] {
        assert!(
            text.contains(literal),
            "missing {literal:?} in\n{text}\n---\n{md}"
        );
    }
    // Narrative CommonMark formatting is kept.
    assert!(
        md.contains("*tone*") && md.contains("**frightening**"),
        "{md}"
    );
    // Names are one heading each, never a list or a new heading.
    assert!(md.contains("### \\- Ruth Example"), "{md}");
}

#[test]
fn a_character_no_font_can_print_is_named_with_its_field() {
    let text = std::fs::read_to_string(sample("domestic-abuse.toml")).unwrap();
    // Linear B: no embedded font covers it, so Typst would drop it without a word.
    let text = text.replacen("name = \"", "name = \"𐀀", 1);
    let dir = temp_with(&[("case.toml", &text)]);
    let out = run_in(
        dir.path(),
        &["render", "case.toml", "--to", "typ", "-o", "-"],
    );
    out.exits(0)
        .stderr_has("warning[W049]: `report.author.name` has a character that no font in the PDF can print: '𐀀' (U+10000)");
    let line = text.lines().position(|l| l.contains('𐀀')).unwrap() + 1;
    out.stderr_has(&format!("case.toml:{line}:1: warning[W049]"));
}

/// The Markdown draft of every sample, pinned: a change to a template or to the
/// renderer shows up here as a reviewable diff (`INSTA_UPDATE=always cargo test` to accept).
#[test]
fn sample_drafts_are_pinned() {
    for sample in samples() {
        let out = run(&["render", sample.to_str().unwrap(), "-o", "-"]);
        out.exits(0);
        let name = sample.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(name, out.stdout());
    }
}

#[test]
fn no_pdf_is_made_while_a_character_cannot_be_printed() {
    let text = std::fs::read_to_string(sample("child-impact.toml")).unwrap();
    let text = text.replacen("name = \"", "name = \"𐀀", 1);
    let dir = temp_with(&[("case.toml", &text)]);
    // Exit 1: the record's content stops the PDF, as findings do (2 is for usage and I/O).
    run_in(dir.path(), &["render", "case.toml", "--to", "pdf"])
        .exits(1)
        .stderr_has("cannot make the PDF: 1 field(s) hold characters no embedded font can print")
        .stderr_has("'𐀀' (U+10000)");
    assert!(!dir.path().join("case.pdf").exists(), "a PDF was written");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "only the record remains: {leftovers:?}");
}

#[test]
fn chinese_and_japanese_names_print() {
    let text = std::fs::read_to_string(sample("child-impact.toml")).unwrap();
    // The sample's grandmother is Chen Wai-ling (陳慧玲); add a Japanese name beside her.
    let text = text.replacen(
        "name = \"Chen Wai-ling (陳慧玲)\"",
        "name = \"Chen Wai-ling (陳慧玲), 山田 花子\"",
        1,
    );
    assert!(
        text.contains("山田"),
        "the sample changed: update this test"
    );
    let dir = temp_with(&[("case.toml", &text)]);
    run_in(dir.path(), &["render", "case.toml", "--to", "pdf"]).exits(0);
    let pdf = dir.path().join("case.pdf");
    let out = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let text = String::from_utf8_lossy(&out.stdout);
    for name in ["陳慧玲", "山田 花子"] {
        assert!(text.contains(name), "{name} missing from the PDF text");
    }
}

#[test]
fn templates_can_be_overridden_and_their_errors_are_placed() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("own");
    std::fs::create_dir(&own).unwrap();
    // A partial overridden: the rest of the built-in report still uses it.
    std::fs::create_dir(own.join("partials")).unwrap();
    std::fs::write(
        own.join("partials/signature.md.tera"),
        "Signed for {{ author.organisation }} by {{ author.name }}.\n",
    )
    .unwrap();
    let out = run(&[
        "render",
        sample("harmful-parenting.toml").to_str().unwrap(),
        "--templates",
        own.to_str().unwrap(),
        "-o",
        "-",
    ]);
    out.exits(0).stdout_has("Signed for Cafcass by ");

    std::fs::write(own.join("section7.md.tera"), "# Title\n\n{% if %}\n").unwrap();
    run(&[
        "render",
        sample("harmful-parenting.toml").to_str().unwrap(),
        "--templates",
        own.to_str().unwrap(),
        "-o",
        "-",
    ])
    .exits(2)
    .stderr_has(&format!("{}", own.join("section7.md.tera").display()))
    .stderr_has("section7.md:3:");
}
