//! The Markdown draft: Tera templates over a [`ReportContext`], then paragraph numbering.
//!
//! Templates are embedded in the binary; `--templates DIR` loads files of the same names
//! over them. Autoescaping is on for every template with a Markdown escaper, so a plain
//! field from the record can never become markup, whatever the template does with it.
//! Narrative fields go through the `paras` (numbered paragraphs) or `inline` filters.
//!
//! Paragraph numbers: templates write every numbered paragraph as `1. `; after rendering,
//! each top-level ordered-list item of the draft is renumbered in order, so numbering is
//! continuous through the report whatever the template's loops and conditions do.

use std::fmt;
use std::path::{Path, PathBuf};

use tera::{Context, Kwargs, State, Tera, Value};

use super::context::ReportContext;
use super::markdown_text::{escape_inline, narrative_blocks, narrative_inline};
use crate::record::ReportKind;

/// The built-in templates: (name, text). Names are what `--templates DIR` overrides,
/// with `.tera` appended on disk.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "section7.md",
        include_str!("../../report-templates/section7.md.tera"),
    ),
    (
        "child-impact.md",
        include_str!("../../report-templates/child-impact.md.tera"),
    ),
    (
        "partials/cover.md",
        include_str!("../../report-templates/partials/cover.md.tera"),
    ),
    (
        "partials/enquiries.md",
        include_str!("../../report-templates/partials/enquiries.md.tera"),
    ),
    (
        "partials/voice.md",
        include_str!("../../report-templates/partials/voice.md.tera"),
    ),
    (
        "partials/ciaf.md",
        include_str!("../../report-templates/partials/ciaf.md.tera"),
    ),
    (
        "partials/welfare.md",
        include_str!("../../report-templates/partials/welfare.md.tera"),
    ),
    (
        "partials/risks.md",
        include_str!("../../report-templates/partials/risks.md.tera"),
    ),
    (
        "partials/recommendations.md",
        include_str!("../../report-templates/partials/recommendations.md.tera"),
    ),
    (
        "partials/signature.md",
        include_str!("../../report-templates/partials/signature.md.tera"),
    ),
];

/// A template problem: which file, where, and what Tera said.
#[derive(Debug)]
pub struct TemplateError {
    pub file: String,
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "template {}: {}", self.file, self.message)
    }
}

impl std::error::Error for TemplateError {}

/// The report templates, ready to render (shareable across threads).
pub struct Templates {
    tera: Tera,
    /// The Typst page style (`report.typ`).
    page: String,
    /// Where each overridden template came from, for error messages.
    origins: Vec<(String, PathBuf)>,
}

impl Templates {
    /// The templates built into the binary.
    pub fn embedded() -> Result<Templates, TemplateError> {
        Templates::load(None)
    }

    /// The built-in templates, with any `NAME.tera` file in `dir` loaded over them.
    pub fn with_overrides(dir: &Path) -> Result<Templates, TemplateError> {
        Templates::load(Some(dir))
    }

    fn load(dir: Option<&Path>) -> Result<Templates, TemplateError> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".md"]);
        tera.set_escape_fn(escape_markdown);
        tera.register_filter("paras", paras);
        tera.register_filter("inline", inline);
        tera.register_filter("md", md);
        tera.register_filter("sentence", sentence);
        if let Some(dir) = dir
            && !dir.is_dir()
        {
            let message = if dir.exists() {
                "not a folder: --templates takes a folder of NAME.md.tera and report.typ files"
            } else {
                "no such folder of templates"
            };
            return Err(TemplateError {
                file: dir.display().to_string(),
                message: message.into(),
            });
        }
        let mut origins = Vec::new();
        let mut sources: Vec<(String, String)> = Vec::new();
        for (name, text) in EMBEDDED {
            let mut text = (*text).to_string();
            if let Some(dir) = dir {
                let path = dir.join(format!("{name}.tera"));
                match std::fs::read_to_string(&path) {
                    Ok(own) => {
                        text = own;
                        origins.push((name.to_string(), path));
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        return Err(TemplateError {
                            file: path.display().to_string(),
                            message: format!("cannot read it: {e}"),
                        });
                    }
                }
            }
            sources.push((name.to_string(), text));
        }
        let mut page = super::pdf::DEFAULT_TEMPLATE.to_string();
        if let Some(dir) = dir {
            let path = dir.join("report.typ");
            match std::fs::read_to_string(&path) {
                Ok(own) => page = own,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(TemplateError {
                        file: path.display().to_string(),
                        message: format!("cannot read it: {e}"),
                    });
                }
            }
        }
        let mut templates = Templates {
            tera,
            page,
            origins,
        };
        if let Err(e) = templates.tera.add_raw_templates(sources) {
            return Err(templates.error(&e));
        }
        Ok(templates)
    }

    fn error(&self, e: &tera::Error) -> TemplateError {
        let name = match e.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                report.filename()
            }
            _ => "",
        };
        let file = self
            .origins
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.display().to_string())
            .unwrap_or_else(|| format!("report-templates/{name}.tera (built in)"));
        TemplateError {
            file,
            message: describe(e),
        }
    }

    /// The Typst page style the PDF is laid out with.
    pub fn page(&self) -> &str {
        &self.page
    }

    /// Render the Markdown draft of `kind` for a context.
    pub fn render(&self, kind: ReportKind, ctx: &ReportContext) -> Result<String, TemplateError> {
        let name = match kind {
            ReportKind::Section7 => "section7.md",
            ReportKind::ChildImpact => "child-impact.md",
        };
        let context = Context::from_serialize(ctx).map_err(|e| self.error(&e))?;
        let raw = self
            .tera
            .render(name, &context)
            .map_err(|e| self.error(&e))?;
        Ok(number_paragraphs(&tidy(&raw)))
    }
}

/// Tera's message with its location (Tera 2 reports template, line and column).
fn describe(e: &tera::Error) -> String {
    use std::error::Error as _;
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// Autoescape for Markdown: every plain value from the record is literal text.
fn escape_markdown(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape_inline(text).as_bytes())
}

/// `{{ text | paras }}`: a narrative as numbered paragraphs (`1. ` each, renumbered later).
/// `missing="what"` marks an empty narrative as a visible gap.
fn paras(text: &str, kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let blocks = narrative_blocks(text);
    if blocks.is_empty() {
        return Ok(Value::safe_string(&missing_marker(&kwargs, true)?));
    }
    let mut out = String::new();
    for block in blocks {
        out.push_str("1. ");
        for (i, line) in block.lines().enumerate() {
            if i > 0 {
                out.push('\n');
                if !line.is_empty() {
                    out.push_str("   ");
                }
            }
            out.push_str(line);
        }
        out.push_str("\n\n");
    }
    Ok(Value::safe_string(out.trim_end()))
}

/// `{{ text | inline }}`: a narrative on one line (table cells, list items).
fn inline(text: &str, kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let flat = narrative_inline(text);
    if flat.is_empty() {
        return Ok(Value::safe_string(&missing_marker(&kwargs, false)?));
    }
    // Pipes are already escaped, which is also what a table cell needs.
    Ok(Value::safe_string(&flat))
}

/// `{{ text | sentence }}`: plain text ending with a full stop, unless it already ends
/// a sentence.
fn sentence(text: &str, _: Kwargs, _: &State) -> Value {
    let text = text.trim_end();
    let mut out = escape_inline(text);
    if !text.ends_with(['.', '!', '?', '…', ':', ';']) && !text.is_empty() {
        out.push('.');
    }
    Value::safe_string(&out)
}

/// `{{ text | md }}`: a narrative as unnumbered Markdown blocks (quotes, annexes).
fn md(text: &str, kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let blocks = narrative_blocks(text);
    if blocks.is_empty() {
        return Ok(Value::safe_string(&missing_marker(&kwargs, false)?));
    }
    Ok(Value::safe_string(&blocks.join("\n\n")))
}

fn missing_marker(kwargs: &Kwargs, numbered: bool) -> tera::TeraResult<String> {
    let what: Option<&str> = kwargs.get("missing")?;
    Ok(match what {
        Some(what) => {
            let marker = format!("**\\[MISSING: {}\\]**", escape_inline(what));
            if numbered {
                format!("1. {marker}")
            } else {
                marker
            }
        }
        None => String::new(),
    })
}

/// Collapse the blank lines template logic leaves behind, outside code fences, and
/// strip trailing spaces.
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank_run = 0;
    let mut in_fence = false;
    for line in raw.lines() {
        let trimmed_end = line.trim_end();
        if trimmed_end.trim_start().starts_with("~~~~") {
            in_fence = !in_fence;
        }
        if trimmed_end.is_empty() && !in_fence {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(if in_fence { line } else { trimmed_end });
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Number every top-level ordered-list item 1, 2, 3… through the document, re-indenting
/// each item's continuation lines to its new marker width.
///
/// Read line by line, not parsed: in a draft, a top-level item is a line that starts
/// with digits, `.` or `)` and a space at the first column, outside a code fence (record
/// text never starts a line so: it is indented inside an item, or escaped as `1\.`), and
/// the item runs to the next non-blank line at the first column. Parsing the whole draft
/// again cost a seventh of a Markdown batch; [`number_paragraphs_parsed`] is the
/// reference the tests hold this to.
pub fn number_paragraphs(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 64);
    let mut number = 0usize;
    // Width of the current item's old and new markers, while inside an item.
    let mut widths: Option<(usize, usize)> = None;
    let mut fence: Option<&str> = None;
    for line in markdown.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let at_first_column = !body.is_empty() && !body.starts_with([' ', '\t']);
        let mut closed_fence = false;
        if let Some(f) = fence {
            if body.trim_start().starts_with(f) {
                fence = None;
                closed_fence = true;
            }
        } else if at_first_column {
            widths = None;
            if let Some(old) = item_marker(body) {
                number += 1;
                let delimiter = &body[old.0..=old.0];
                let marker = format!("{number}{delimiter} ");
                widths = Some((old.1, marker.len()));
                out.push_str(&marker);
                out.push_str(&line[old.1..]);
                continue;
            }
        }
        if fence.is_none() && !closed_fence {
            let trimmed = body.trim_start();
            for f in ["```", "~~~"] {
                if trimmed.starts_with(f) {
                    fence = Some(f);
                }
            }
        }
        match widths {
            Some((old, new)) if line.len() - line.trim_start_matches(' ').len() >= old => {
                out.push_str(&" ".repeat(new));
                out.push_str(&line[old..]);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// For a line opening an ordered-list item (`12. text`): the index of its delimiter and
/// the width of the marker with the spaces after it (1 to 4).
fn item_marker(line: &str) -> Option<(usize, usize)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let rest = &line.as_bytes()[digits..];
    if !matches!(rest.first(), Some(b'.' | b')')) {
        return None;
    }
    let spaces = rest[1..].iter().take_while(|b| **b == b' ').count();
    if spaces == 0 && rest.len() > 1 {
        return None;
    }
    Some((digits, digits + 1 + spaces.clamp(1, 4).min(rest.len() - 1)))
}

/// The reference for [`number_paragraphs`]: the same numbering from a full CommonMark
/// parse of the draft.
#[cfg(test)]
pub fn number_paragraphs_parsed(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut items: Vec<std::ops::Range<usize>> = Vec::new();
    let mut depth = 0usize;
    let mut top_is_ordered = false;
    for (event, range) in Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::List(start)) => {
                if depth == 0 {
                    top_is_ordered = start.is_some();
                }
                depth += 1;
            }
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) if depth == 1 && top_is_ordered => items.push(range),
            _ => {}
        }
    }
    let mut out = String::with_capacity(markdown.len() + items.len() * 2);
    let mut last = 0;
    for (n, range) in items.iter().enumerate() {
        out.push_str(&markdown[last..range.start]);
        let item = &markdown[range.start..range.end];
        let digits = item.chars().take_while(|c| c.is_ascii_digit()).count();
        let after_digits = &item[digits..];
        let delimiter = after_digits.chars().next().unwrap_or('.');
        let rest = after_digits.get(1..).unwrap_or("");
        let spaces = rest.chars().take_while(|c| *c == ' ').count().clamp(1, 4);
        let old_width = digits + 1 + spaces;
        let marker = format!("{}{} ", n + 1, delimiter);
        let new_width = marker.len();
        out.push_str(&marker);
        for (i, line) in item[old_width.min(item.len())..].split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
                let indent = line.chars().take_while(|c| *c == ' ').count();
                if indent >= old_width {
                    out.push_str(&" ".repeat(new_width));
                    out.push_str(&line[old_width..]);
                    continue;
                }
            }
            out.push_str(line);
        }
        last = range.end;
    }
    out.push_str(&markdown[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_continuous_across_headings_and_reindents() {
        let md = "# T\n\n## One\n\n1. a\n\n1. b\n   - x\n   - y\n\n## Two\n\n1. c\n";
        let numbered = number_paragraphs(md);
        assert_eq!(
            numbered,
            "# T\n\n## One\n\n1. a\n\n2. b\n   - x\n   - y\n\n## Two\n\n3. c\n"
        );
        let many: String = (0..12).map(|_| "1. p\n   - q\n\n").collect();
        let numbered = number_paragraphs(&many);
        assert!(numbered.contains("10. p\n    - q"), "{numbered}");
        assert!(numbered.contains("12. p\n    - q"), "{numbered}");
    }

    #[test]
    fn nested_ordered_lists_keep_their_numbers() {
        let md = "1. The court asked:\n\n   1. first\n   2. second\n\n1. next\n";
        assert_eq!(
            number_paragraphs(md),
            "1. The court asked:\n\n   1. first\n   2. second\n\n2. next\n"
        );
    }

    /// The line reading numbers every draft exactly as a full CommonMark parse does.
    #[test]
    fn line_numbering_agrees_with_the_parse_on_every_draft() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let templates = Templates::embedded().unwrap();
        let mut drafts = Vec::new();
        for dir in ["samples", "samples/incomplete", "tests/fixtures"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "toml") {
                    continue;
                }
                let Ok(file) = crate::record::load(&path) else {
                    continue;
                };
                let findings = crate::check::check(&file);
                for kind in crate::record::ReportKind::ALL {
                    let ctx = ReportContext::new(&file.record, kind, vec!["x".into()]);
                    let name = match kind {
                        ReportKind::Section7 => "section7.md",
                        ReportKind::ChildImpact => "child-impact.md",
                    };
                    let raw = templates
                        .tera
                        .render(name, &Context::from_serialize(&ctx).unwrap())
                        .unwrap();
                    drafts.push((path.clone(), tidy(&raw)));
                    let _ = &findings;
                }
            }
        }
        assert!(drafts.len() > 40, "{} drafts", drafts.len());
        // An empty item keeps the blank line after it (the parse-based version ate it).
        assert_eq!(number_paragraphs("1.\n\n1. x\n"), "1. \n\n2. x\n");
        let odd = [
            "1. a\n\n~~~~\n1. in a fence\n~~~~\n\n1. b\n",
            "Text\n\n123456789. wide\n          cont\n\n1) paren\n   more\n",
            "1. x\n\n> 1. quoted\n\n1. y\n   ```\n   1. code\n   ```\n",
            "",
            "1. only",
        ];
        for md in odd {
            drafts.push((std::path::PathBuf::from("odd"), md.to_string()));
        }
        for (path, draft) in drafts {
            assert_eq!(
                number_paragraphs(&draft),
                number_paragraphs_parsed(&draft),
                "{}",
                path.display()
            );
        }
    }
}
