//! Characters the PDF cannot print. Typst silently drops a glyph that no font covers;
//! a name in a court report must never lose a letter unnoticed, so every text field of
//! the record is checked against the embedded fonts before a PDF is made.

use crate::finding::Finding;
use crate::record::CaseFile;

use super::pdf;

/// The rule code for a character no embedded font covers.
pub const CODE: &str = "W049";

/// A warning for each text field holding characters no embedded font covers, naming the
/// characters and the field.
pub fn findings(file: &CaseFile) -> Vec<Finding> {
    let mut out = Vec::new();
    for (path, text) in crate::record::text_fields(&file.record) {
        let missing = pdf::missing_glyphs(&text);
        if missing.is_empty() {
            continue;
        }
        let chars: Vec<String> = missing
            .iter()
            .map(|c| format!("'{c}' (U+{:04X})", *c as u32))
            .collect();
        out.push(
            Finding::warning(
                CODE,
                path.clone(),
                format!(
                    "`{path}` has {} that no font in the PDF can print: {}",
                    if missing.len() == 1 { "a character" } else { "characters" },
                    chars.join(", ")
                ),
            )
            .with_hint("the PDF would show a gap in its place; check the spelling, or use the Markdown draft, which keeps every character")
            .locate(&file.source, &file.spans),
        );
    }
    out
}
