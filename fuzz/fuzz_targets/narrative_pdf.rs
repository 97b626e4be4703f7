//! Any text as a narrative (CommonMark) and as a plain field, compiled to a PDF.
//!
//! The text is sanitised exactly as the templates do it (`narrative_blocks` for a
//! narrative, `escape_inline` for a name), converted to Typst and compiled with the
//! built-in page template. Invariant: the PDF compiles, or the only error is the export
//! refusing a glyph no embedded font covers, which `missing_glyphs` (warning W049)
//! announces beforehand.

#![no_main]

use courtreport::render::markdown::number_paragraphs;
use courtreport::render::markdown_text::{escape_inline, narrative_blocks};
use courtreport::render::pdf::{
    DEFAULT_CONFIDENTIALITY, DocumentMeta, PdfError, missing_glyphs, render_pdf,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Large inputs only slow the search down; the 5 MB case is a test of its own.
    if data.len() > 4096 {
        return;
    }
    let text = String::from_utf8_lossy(data);
    let mut markdown = format!("# Report\n\n### {}\n\n", escape_inline(&text));
    // As the `paras` filter lays out a narrative: each block a numbered paragraph.
    for block in narrative_blocks(&text) {
        markdown.push_str("1. ");
        for (i, line) in block.lines().enumerate() {
            if i > 0 {
                markdown.push('\n');
                if !line.is_empty() {
                    markdown.push_str("   ");
                }
            }
            markdown.push_str(line);
        }
        markdown.push_str("\n\n");
    }
    let markdown = number_paragraphs(&markdown);
    let meta = DocumentMeta {
        // As `render::document_meta` makes it: never empty (PDF/UA needs a title).
        title: format!("Section 7 Report – {text}"),
        author: text.to_string(),
        court: text.to_string(),
        case_number: text.to_string(),
        draft: true,
        date: time_date(),
        language: "en-GB".into(),
        confidentiality: DEFAULT_CONFIDENTIALITY.into(),
    };
    match render_pdf(&meta, &markdown, None) {
        Ok(pdf) => assert!(pdf.bytes.starts_with(b"%PDF-")),
        Err(PdfError::Export(_)) if !missing_glyphs(&text).is_empty() => {}
        Err(e) => panic!("{e}\n--- markdown\n{markdown}"),
    }
});

fn time_date() -> time::Date {
    time::Date::from_calendar_date(2027, time::Month::January, 11).expect("a valid date")
}
