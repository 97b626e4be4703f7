//! Markdown → Typst markup.
//!
//! The Markdown draft is walked as pulldown-cmark events and written out as Typst
//! markup for the body of the report. Structure (headings, lists, quotes, tables) becomes
//! Typst function calls; every piece of *text* becomes data, never code:
//!
//! - Text in markup is escaped with [`escape_markup`]: a backslash before every ASCII
//!   character that is not a letter, digit or whitespace. In Typst markup `\c` is the
//!   literal `c` for any non-space `c` except `\u{..}` (and `u` is a letter, so never
//!   escaped). Every character with a meaning in markup is ASCII punctuation (`#`, `$`,
//!   `*`, `_`, `` ` ``, `[`, `]`, `<`, `@`, `=`, `-`, `+`, `/`, `.`, `:`, `~`, `'`, `"`,
//!   `\`...), so one rule covers comments, labels, references, shorthands (`...`, `--`,
//!   `-?`), smart quotes, auto-links (`http\:\/\/` no longer lexes as a link), markers at
//!   the start of a line (`=`, `-`, `+`, `/`, `12.`) and a `.`, `(` or `[` following a
//!   generated call (it cannot continue the call once escaped). No context to track.
//! - Code (inline or block) goes in as a Typst string literal ([`string_literal`]) to
//!   `raw`, so it keeps its spaces and line breaks.
//!
//! Headings are never more than one level below the previous one (the first is level
//! 1): PDF/UA-1 refuses skipped levels, and the draft's text carries its own numbers.
//!
//! Top-level ordered-list items are the report's numbered paragraphs: they become
//! `#numbered-paragraph(N)[..]` (defined by the page template) with N taken from the
//! Markdown, so numbering never restarts or drifts the way a Typst `enum` would.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The name of the template function that lays out one numbered paragraph. The page
/// template must define `#let numbered-paragraph(number, body) = ..`.
pub const NUMBERED_PARAGRAPH_FN: &str = "numbered-paragraph";

/// How deeply generated calls may nest, in levels: a quote counts [`QUOTE_LEVELS`], a
/// list with its items 2, emphasis and the like 1. Typst refuses markup nested past 256
/// syntax levels and realises at most 64 levels of show rules (a block quote in the page
/// template takes about 5, a list 2): a narrative of 10,000 nested `>` would otherwise
/// end in "maximum parsing depth exceeded", 12 in "maximum show rule depth exceeded".
/// Past this depth, structure is flattened: the text is all kept, each deeper quote or
/// list item starting a new paragraph, deeper emphasis dropped. Measured with the
/// default template: 10 quotes (50 levels), 24 lists (48) and 6 quotes each holding a
/// list (42) compile; 12 quotes, 32 lists and 8 quoted lists do not.
pub const MAX_NESTING: usize = 40;

/// The levels of [`MAX_NESTING`] a block quote takes.
const QUOTE_LEVELS: usize = 5;

/// The longest run of characters without whitespace that is written as it is. Typst
/// never breaks inside a word it has no break opportunity in: a longer run runs off the
/// right edge of the page, where it is not printed (and a run over 32,767 bytes makes
/// the PDF/A export fail outright). So a zero-width space (U+200B: invisible, a line
/// may break there) is written after every this many characters of a run. 32 wide
/// characters (emoji, `W`) still fit the narrowest column, the cover table's values.
/// Only long tokens are touched, such as a web address of over 32 characters, whose text
/// copied from the PDF then holds the invisible space.
pub const MAX_RUN: usize = 32;

/// `text` with a zero-width space after every [`MAX_RUN`] characters that contain no
/// whitespace; unchanged (borrowed) when it has no such run.
pub fn break_long_runs(text: &str) -> std::borrow::Cow<'_, str> {
    let mut run = 0;
    if !text.chars().any(|c| next_run(&mut run, c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / MAX_RUN * 3);
    let mut run = 0;
    for c in text.chars() {
        out.push(c);
        if next_run(&mut run, c) {
            out.push('\u{200B}');
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Counts `c` into the current run; true when a break is due after it.
fn next_run(run: &mut usize, c: char) -> bool {
    if c.is_whitespace() || c == '\u{200B}' {
        *run = 0;
        return false;
    }
    *run += 1;
    if *run >= MAX_RUN {
        *run = 0;
        return true;
    }
    false
}

/// The pulldown-cmark options of the Markdown contract: CommonMark plus tables.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
}

/// Converts a Markdown draft into Typst body markup (to be placed after the page
/// template, see [`super::pdf::typst_document`]).
pub fn markdown_to_typst(markdown: &str) -> String {
    let mut w = Writer::default();
    for event in Parser::new_ext(markdown, markdown_options()) {
        w.event(event);
    }
    let mut out = w.out;
    // Blocks end with blank lines; one final newline is enough.
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// Escapes text so Typst markup shows it literally: a backslash before every ASCII
/// character that is neither alphanumeric nor whitespace (see the module docs for why
/// this is sufficient).
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text, &mut 0);
    out
}

/// Escapes `text` into `out`; `run` counts the characters since the last whitespace
/// (across calls), to break runs longer than [`MAX_RUN`].
fn push_escaped(out: &mut String, text: &str, run: &mut usize) {
    for c in text.chars() {
        if next_run(run, c) {
            push_escaped_char(out, c);
            out.push('\u{200B}');
        } else {
            push_escaped_char(out, c);
        }
    }
}

fn push_escaped_char(out: &mut String, c: char) {
    match c {
        // Newlines, tabs and other control characters would change the markup's
        // structure (a blank line is a paragraph break); within one text event they
        // are only ever layout whitespace.
        '\n' | '\r' | '\t' => out.push(' '),
        // U+FEFF (a byte order mark, or zero-width no-break space) is invisible, and
        // PDF/UA refuses it in text.
        c if c.is_control() || is_bidi_control(c) || c == '\u{FEFF}' => {}
        c if c.is_ascii() && !c.is_ascii_alphanumeric() && c != ' ' => {
            out.push('\\');
            out.push(c);
        }
        c => out.push(c),
    }
}

/// Explicit bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). They
/// are not printed: an override makes the PDF show text other than the record's
/// (`\u{202E}abc` printed as "cba"), the "Trojan Source" trick. Without them the
/// Unicode bidi algorithm still sets Arabic and Urdu right to left.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Plain text for the PDF's header and metadata, as body text is printed: line breaks
/// and tabs as spaces, without other control characters (PDF/UA refuses a NUL) or bidi
/// controls ([`is_bidi_control`]), long runs broken ([`MAX_RUN`]).
pub fn for_print(text: &str) -> String {
    let text: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() || is_bidi_control(c) || c == '\u{FEFF}' => None,
            c => Some(c),
        })
        .collect();
    break_long_runs(&text).into_owned()
}

/// Whether `c` shows something on the page: not whitespace, a control or an invisible
/// formatting character.
fn is_visible(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || is_bidi_control(c)
        || matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'))
}

/// A Typst string literal (with quotes) holding `text` exactly: for metadata, header text
/// and code, which go into Typst as data in code mode.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What kind of list an `Item` belongs to.
enum ListKind {
    /// A top-level ordered list: each item is a numbered paragraph; the next number.
    Numbered(u64),
    /// Any other list (bullets, or an ordered list nested in something).
    Plain,
    /// A list nested deeper than [`MAX_NESTING`]: its items are written as paragraphs.
    Flat,
}

#[derive(Default)]
struct Writer {
    out: String,
    lists: Vec<ListKind>,
    /// Block quotes, table cells and other containers that make a nested ordered list
    /// an ordinary list rather than numbered paragraphs.
    containers: usize,
    /// Code block text is collected and written as one string literal at its end.
    code_block: Option<String>,
    /// Raw HTML block lines, written as literal text at the block's end.
    html_block: Option<String>,
    /// Link destinations and the text shown for them, to print the URL after the text.
    links: Vec<(String, String)>,
    table: Option<TableState>,
    /// Generated calls open around the current position (each `[` not yet closed).
    open: usize,
    /// For each open quote, list or inline span: whether it was written (`false` when
    /// it was flattened for being nested past [`MAX_NESTING`]).
    kept: Vec<bool>,
    /// Characters written since the last whitespace (see [`MAX_RUN`]).
    run: usize,
    /// The level of the last heading written (0 before the first).
    last_heading: u8,
    /// The heading being written: where it starts in `out`, whether it has any visible
    /// text yet, and `last_heading` before it. PDF/UA refuses an empty heading, so one
    /// with nothing to show is left out.
    heading: Option<(usize, bool, u8)>,
}

/// The table being written.
struct TableState {
    columns: usize,
    /// Where the header row started in `out`, and whether it had any text: an all-empty
    /// header row (`| | |`, as in the cover block) is dropped rather than drawn empty.
    head: Option<(usize, bool)>,
    has_header: bool,
    /// Index of the current cell in its row.
    cell: usize,
    /// Where the column widths go in `out`: they are known only once every cell is seen.
    spec_at: usize,
    /// Per column: the longest cell, the total and count of body cells, the longest word.
    widths: Vec<ColumnText>,
    /// Characters and longest word of the cell being written.
    cell_text: ColumnText,
}

/// How much text a column (or a cell) holds, in characters.
#[derive(Debug, Clone, Copy, Default)]
struct ColumnText {
    longest: usize,
    total: usize,
    cells: usize,
    longest_word: usize,
}

impl TableState {
    /// Header cells are bold; so is the label column of a two-column table without a
    /// header (the cover block: `| Court | Family Court at Exampleton |`).
    fn bold_cell(&self) -> bool {
        self.head.is_some() || (!self.has_header && self.columns == 2 && self.cell == 0)
    }
}

impl Writer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => {
                // A new block starts a new line: the run of characters is over.
                if !matches!(
                    tag,
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Superscript
                        | Tag::Subscript
                        | Tag::Link { .. }
                        | Tag::Image { .. }
                ) {
                    self.run = 0;
                }
                self.start(tag)
            }
            Event::End(tag) => {
                if !matches!(
                    tag,
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Superscript
                        | TagEnd::Subscript
                        | TagEnd::Link
                        | TagEnd::Image
                ) {
                    self.run = 0;
                }
                self.end(tag)
            }
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                self.mark_content(&code);
                self.out.push_str("#raw(");
                self.out.push_str(&string_literal(&break_long_runs(&code)));
                self.out.push(')');
            }
            // Raw HTML and math are not part of the contract: shown as the literal text.
            Event::Html(text) if self.html_block.is_some() => {
                if let Some(block) = &mut self.html_block {
                    block.push_str(&text);
                }
            }
            Event::Html(text)
            | Event::InlineHtml(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => self.literal_lines(&text),
            Event::FootnoteReference(name) => self.text(&format!("[^{name}]")),
            Event::SoftBreak => {
                self.run = 0;
                self.out.push('\n');
            }
            // A backslash before a newline is a line break in Typst markup.
            Event::HardBreak => {
                self.run = 0;
                self.out.push_str("\\\n");
            }
            Event::Rule => self.out.push_str("#line(length: 100%)\n\n"),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {}
            Tag::Heading { level, .. } => {
                // PDF/UA-1 refuses a first heading other than level 1 and a skipped
                // level (## then ####): a heading is at most one level below the last.
                let level = heading_level(level).min(self.last_heading + 1);
                self.heading = Some((self.out.len(), false, self.last_heading));
                self.last_heading = level;
                self.out.push_str(&format!("#heading(level: {level})["));
            }
            Tag::BlockQuote(_) => {
                self.containers += 1;
                if self.open_nested(QUOTE_LEVELS) {
                    self.out.push_str("#quote(block: true)[\n");
                } else {
                    self.out.push_str("\n\n");
                }
            }
            Tag::CodeBlock(_) => self.code_block = Some(String::new()),
            Tag::HtmlBlock => self.html_block = Some(String::new()),
            Tag::List(start) => {
                let top_level = self.lists.is_empty() && self.containers == 0;
                if top_level && let Some(n) = start {
                    self.lists.push(ListKind::Numbered(n));
                    return;
                }
                // The list and its items: two levels.
                if !self.open_nested(2) {
                    self.lists.push(ListKind::Flat);
                    self.out.push_str("\n\n");
                    return;
                }
                self.lists.push(ListKind::Plain);
                match start {
                    Some(n) => self.out.push_str(&format!("#enum(start: {n},\n")),
                    None => self.out.push_str("#list(\n"),
                }
            }
            Tag::Item => match self.lists.last() {
                Some(ListKind::Numbered(n)) => {
                    self.out
                        .push_str(&format!("#{NUMBERED_PARAGRAPH_FN}({n})[\n"));
                }
                Some(ListKind::Flat) => self.out.push_str("\n\n"),
                _ => self.out.push('['),
            },
            Tag::Table(aligns) => {
                self.containers += 1;
                self.out.push_str("#table(\ncolumns: ");
                self.table = Some(TableState {
                    columns: aligns.len(),
                    head: None,
                    has_header: false,
                    cell: 0,
                    spec_at: self.out.len(),
                    widths: vec![ColumnText::default(); aligns.len()],
                    cell_text: ColumnText::default(),
                });
                let align: Vec<&str> = aligns.iter().map(alignment).collect();
                self.out
                    .push_str(&format!(",\nalign: ({},),\n", align.join(", ")));
            }
            Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.head = Some((self.out.len(), false));
                }
                self.out.push_str("table.header(");
            }
            Tag::TableRow => {}
            Tag::TableCell => {
                let bold = self.table.as_ref().is_some_and(TableState::bold_cell);
                self.out.push_str(if bold { "[#strong[" } else { "[" });
            }
            Tag::Emphasis => self.open_inline("#emph["),
            Tag::Strong => self.open_inline("#strong["),
            Tag::Strikethrough => self.open_inline("#strike["),
            Tag::Superscript => self.open_inline("#super["),
            Tag::Subscript => self.open_inline("#sub["),
            Tag::Link { dest_url, .. } => self.links.push((dest_url.to_string(), String::new())),
            Tag::Image { dest_url, .. } => {
                // Never load a file: an image is shown as its alt text and address.
                self.text("[Image: ");
                self.links.push((dest_url.to_string(), String::new()));
            }
            Tag::FootnoteDefinition(name) => self.text(&format!("[^{name}]: ")),
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.out.push_str("\n\n"),
            TagEnd::Heading(_) => match self.heading.take() {
                Some((start, false, previous)) => {
                    self.out.truncate(start);
                    self.last_heading = previous;
                }
                _ => self.out.push_str("]\n\n"),
            },
            TagEnd::BlockQuote(_) => {
                self.containers = self.containers.saturating_sub(1);
                if self.close_nested(QUOTE_LEVELS) {
                    self.out.push_str("]\n\n");
                }
            }
            TagEnd::CodeBlock => {
                let code = self.code_block.take().unwrap_or_default();
                let code = code.strip_suffix('\n').unwrap_or(&code);
                self.out.push_str("#raw(block: true, ");
                self.out.push_str(&string_literal(&break_long_runs(code)));
                self.out.push_str(")\n\n");
            }
            TagEnd::HtmlBlock => {
                let html = self.html_block.take().unwrap_or_default();
                self.literal_lines(&html);
                self.out.push_str("\n\n");
            }
            TagEnd::List(_) => match self.lists.pop() {
                Some(ListKind::Numbered(_)) | None => {}
                Some(ListKind::Plain) => {
                    self.close_nested(2);
                    self.out.push_str(")\n\n");
                }
                Some(ListKind::Flat) => {
                    self.close_nested(2);
                    self.out.push_str("\n\n");
                }
            },
            TagEnd::Item => match self.lists.last_mut() {
                Some(ListKind::Numbered(n)) => {
                    *n += 1;
                    self.out.push_str("]\n\n");
                }
                Some(ListKind::Flat) => self.out.push_str("\n\n"),
                _ => self.out.push_str("],\n"),
            },
            TagEnd::Table => {
                self.containers = self.containers.saturating_sub(1);
                if let Some(table) = self.table.take() {
                    self.out
                        .insert_str(table.spec_at, &table_columns(&table.widths));
                }
                self.out.push_str(")\n\n");
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table
                    && let Some((start, has_text)) = table.head.take()
                {
                    table.has_header = has_text;
                    table.cell = 0;
                    if has_text {
                        self.out.push_str("),\n");
                    } else {
                        self.out.truncate(start);
                    }
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    table.cell = 0;
                }
                self.out.push('\n');
            }
            TagEnd::TableCell => {
                let bold = self.table.as_ref().is_some_and(TableState::bold_cell);
                self.out.push_str(if bold { "]], " } else { "], " });
                if let Some(table) = &mut self.table {
                    let cell = std::mem::take(&mut table.cell_text);
                    let in_head = table.head.is_some();
                    if let Some(column) = table.widths.get_mut(table.cell) {
                        column.longest_word = column.longest_word.max(cell.longest_word);
                        // A column sized to fit does not wrap its header either.
                        column.longest = column.longest.max(cell.total);
                        // The average, which shares out the width, is the body's.
                        if !in_head {
                            column.total += cell.total;
                            column.cells += 1;
                        }
                    }
                    table.cell += 1;
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                if self.close_nested(1) {
                    self.out.push(']');
                }
            }
            TagEnd::Link => {
                if let Some((url, shown)) = self.links.pop() {
                    // Links are printed, not clickable: show the address after the text
                    // unless the text already is the address (an autolink).
                    let bare = url.strip_prefix("mailto:").unwrap_or(&url);
                    if !url.is_empty() && shown.trim() != url && shown.trim() != bare {
                        self.text(&format!(" ({url})"));
                    }
                }
            }
            TagEnd::Image => {
                if let Some((url, _)) = self.links.pop() {
                    self.text(&format!(" ({url})]"));
                }
            }
            TagEnd::FootnoteDefinition => self.out.push_str("\n\n"),
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.out.push_str("\n\n"),
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(code) = &mut self.code_block {
            code.push_str(text);
            return;
        }
        self.mark_content(text);
        if let Some(table) = &mut self.table {
            let cell = &mut table.cell_text;
            cell.total += text.chars().count();
            let word = text.split_whitespace().map(|w| w.chars().count()).max();
            cell.longest_word = cell.longest_word.max(word.unwrap_or(0));
        }
        if let Some((_, shown)) = self.links.last_mut() {
            shown.push_str(text);
        }
        push_escaped(&mut self.out, text, &mut self.run);
    }

    /// Text that may span lines (raw HTML): each line literal, line breaks kept.
    fn literal_lines(&mut self, text: &str) {
        let text = text.strip_suffix('\n').unwrap_or(text);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.out.push_str("\\\n");
            }
            self.text(line);
        }
    }

    /// Whether a call `levels` deep may open here; records the decision for its end.
    fn open_nested(&mut self, levels: usize) -> bool {
        let keep = self.open + levels <= MAX_NESTING;
        if keep {
            self.open += levels;
        }
        self.kept.push(keep);
        keep
    }

    /// Closes what [`Self::open_nested`] opened; whether it had been written.
    fn close_nested(&mut self, levels: usize) -> bool {
        let kept = self.kept.pop().unwrap_or(false);
        if kept {
            self.open = self.open.saturating_sub(levels);
        }
        kept
    }

    fn open_inline(&mut self, call: &str) {
        if self.open_nested(1) {
            self.out.push_str(call);
        }
    }

    fn mark_content(&mut self, text: &str) {
        if let Some((_, has_text)) = self.table.as_mut().and_then(|t| t.head.as_mut()) {
            *has_text |= !text.trim().is_empty();
        }
        if let Some((_, visible, _)) = &mut self.heading {
            *visible |= text.chars().any(is_visible);
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Column widths from the text each column holds. Short columns (dates, labels, ids)
/// fit their content; the others share the rest of the line in proportion to their
/// average cell, so a long summary gets the room and a list of names does not squeeze
/// it to one word a line. The table always spans the text block.
fn table_columns(columns: &[ColumnText]) -> String {
    /// A column whose every cell fits in about this many characters is sized to fit.
    const FITS: usize = 16;
    if columns.len() <= 1 {
        return "(1fr,)".to_string();
    }
    let flexible = |c: &ColumnText| c.longest > FITS;
    let any_flexible = columns.iter().any(flexible);
    let last = columns.len() - 1;
    let specs: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if flexible(c) {
                // Never narrower than the longest word, which cannot wrap.
                let average = c.total / c.cells.max(1);
                format!("{}fr", average.max(c.longest_word * 3).clamp(10, 80))
            } else if !any_flexible && i == last {
                "1fr".to_string()
            } else {
                "auto".to_string()
            }
        })
        .collect();
    format!("({},)", specs.join(", "))
}

fn alignment(a: &Alignment) -> &'static str {
    match a {
        Alignment::None | Alignment::Left => "left",
        Alignment::Center => "center",
        Alignment::Right => "right",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::render::pdf::{PdfEngine, document_text};

    /// Strings that mean something in Typst (or Markdown) and must stay text.
    const HOSTILE: &[&str] = &[
        r#"#read("/etc/passwd")"#,
        "$x$",
        "*a*",
        "_b_",
        "<label>",
        "@ref",
        "= x",
        "== x",
        "\\",
        "a \\ b",
        "\\u{41}",
        "[...]",
        "- x",
        "+ x",
        "/ term: x",
        "1. x",
        "12. x",
        "// comment",
        "/* block */",
        "http://example.org/a_b*c",
        "https://x.org",
        "a -- b --- c -? d -5 ...",
        "~ nbsp",
        r#""double" 'single'"#,
        "`raw`",
        "#set page(width: 1cm)",
        ")] } #{",
        "#let f(x) = x; #f(1)",
        "text.with(x)",
        "x<y>z @a.b",
        r#"#read("/etc/passwd") *bold* _x_ $x$ <label> @ref = heading \ [link](http://x) `raw` ~ -- --- ... -5 "q" 's' // c /* b */ 1. x + y / z: {a}"#,
    ];

    /// Lays out `markup` on a wide page and returns its text.
    fn typeset(markup: &str) -> String {
        let source = format!("#set page(width: 40cm, height: auto)\n{markup}");
        let doc = PdfEngine::global()
            .layout(&source, time::macros::date!(2027 - 01 - 11))
            .unwrap_or_else(|e| panic!("markup did not compile: {e}\n{source}"));
        document_text(&doc)
    }

    #[test]
    fn hostile_text_compiles_and_comes_back_exactly() {
        for s in HOSTILE {
            // At the start of the markup, and after a generated call.
            let markup = format!(
                "{}\n\n#strong[x]{}\n\n#emph[y]{}",
                escape_markup(s),
                escape_markup(s),
                escape_markup(&format!(".{s}"))
            );
            let text = typeset(&markup);
            assert_eq!(text, format!("{s}x{s}y.{s}"), "markup: {markup}");
        }
    }

    #[test]
    fn hostile_text_through_markdown_comes_back_exactly() {
        for s in HOSTILE {
            // Markdown-escape every ASCII punctuation character (CommonMark allows it),
            // so pulldown-cmark gives us `s` as text, here as a numbered paragraph.
            let mut md = String::from("7. ");
            for c in s.chars() {
                if c.is_ascii_punctuation() {
                    md.push('\\');
                }
                md.push(c);
            }
            let markup = markdown_to_typst(&md);
            let template = "#let numbered-paragraph(n, body) = [#n. #body]\n";
            let text = typeset(&format!("{template}{markup}"));
            assert_eq!(text, format!("7. {s}"), "markdown: {md}\nmarkup: {markup}");
        }
    }

    #[test]
    fn code_keeps_its_spaces_and_lines() {
        let markup =
            markdown_to_typst("Run `a  b` now.\n\n```\ncode  block\n  indented \"q\" \\x\n```\n");
        assert_eq!(
            typeset(&markup),
            "Run a  b now.code  block  indented \"q\" \\x"
        );
    }

    #[test]
    fn escapes_every_ascii_symbol_and_nothing_else() {
        assert_eq!(escape_markup("a-b 1. #x"), "a\\-b 1\\. \\#x");
        assert_eq!(escape_markup("Ŵyn ł ہ £ “q”"), "Ŵyn ł ہ £ “q”");
        assert_eq!(escape_markup("\\u{41}"), "\\\\u\\{41\\}");
    }

    #[test]
    fn string_literal_escapes_quotes_and_backslashes() {
        assert_eq!(string_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(string_literal("x\ny"), r#""x\ny""#);
    }

    #[test]
    fn top_level_ordered_items_keep_their_numbers() {
        let md = "## 2. Background\n\n12. First.\n13. Second.\n\n### Ella\n\n14. Third.\n";
        let t = markdown_to_typst(md);
        assert!(t.contains("#numbered-paragraph(12)["), "{t}");
        assert!(t.contains("#numbered-paragraph(13)["), "{t}");
        assert!(t.contains("#numbered-paragraph(14)["), "{t}");
        assert!(!t.contains("#enum"), "{t}");
    }

    #[test]
    fn heading_levels_never_skip() {
        let t = markdown_to_typst("## 1. A\n\n#### (a) b\n\n# T\n\n### c\n\n## d\n");
        let levels: Vec<&str> = t
            .lines()
            .filter_map(|l| l.strip_prefix("#heading(level: "))
            .collect();
        let levels: Vec<char> = levels.iter().filter_map(|l| l.chars().next()).collect();
        assert_eq!(levels, ['1', '2', '1', '2', '2'], "{t}");
    }

    #[test]
    fn nested_lists_are_ordinary_lists() {
        let md = "3. Para:\n   - one\n   - two\n\n   1. x\n   2. y\n";
        let t = markdown_to_typst(md);
        assert!(t.contains("#numbered-paragraph(3)["), "{t}");
        assert!(t.contains("#list("), "{t}");
        assert!(t.contains("#enum(start: 1,"), "{t}");
    }

    #[test]
    fn ordered_list_inside_a_quote_is_not_a_numbered_paragraph() {
        let t = markdown_to_typst("> 1. a\n> 2. b\n");
        assert!(!t.contains("numbered-paragraph"), "{t}");
        assert!(t.contains("#enum(start: 1,"), "{t}");
    }

    #[test]
    fn empty_table_header_is_dropped() {
        let md = "| | |\n|---|---|\n| Court | Family Court at Exampleton |\n";
        let t = markdown_to_typst(md);
        assert!(!t.contains("table.header"), "{t}");
        assert!(
            t.contains("[#strong[Court]], [Family Court at Exampleton]"),
            "{t}"
        );
        let md = "| Date | Enquiry |\n|---|---|\n| 1 May | School |\n";
        let t = markdown_to_typst(md);
        assert!(
            t.contains("table.header([#strong[Date]], [#strong[Enquiry]], )"),
            "{t}"
        );
        assert!(t.contains("[1 May], [School]"), "{t}");
    }

    #[test]
    fn links_print_their_address_once() {
        let t = markdown_to_typst("[Cafcass](https://www.cafcass.gov.uk) and <https://x.org>\n");
        assert_eq!(
            t,
            "Cafcass \\(https\\:\\/\\/www\\.cafcass\\.gov\\.uk\\) and https\\:\\/\\/x\\.org\n"
        );
    }

    #[test]
    fn raw_html_is_literal_text() {
        let t = markdown_to_typst("<script>alert(1)</script>\n");
        assert_eq!(t, "\\<script\\>alert\\(1\\)\\<\\/script\\>\n");
    }

    #[test]
    fn strong_text_is_strong() {
        let t = markdown_to_typst("**[MISSING: welfare checklist (g) for Ella]**\n");
        assert_eq!(
            t,
            "#strong[\\[MISSING\\: welfare checklist \\(g\\) for Ella\\]]\n"
        );
    }

    #[test]
    fn nesting_past_the_limit_is_flattened_and_every_word_kept() {
        let deep_list: String = (0..300)
            .map(|i| format!("{}- w{i}\n", "  ".repeat(i)))
            .collect();
        let cases = [
            format!("{} deepest", ">".repeat(10_000)),
            deep_list,
            format!("{}deepest{}", "*".repeat(10_000), "*".repeat(10_000)),
            format!("{}deepest", "> - ".repeat(2_000)),
            format!("{}deepest{}", "*_".repeat(100), "_*".repeat(100)),
        ];
        for markdown in &cases {
            let markup = markdown_to_typst(markdown);
            let (errors, _) = ::typst::syntax::parse(&markup).errors_and_warnings();
            assert!(errors.is_empty(), "{errors:?}");
            let text = typeset(&markup);
            assert!(text.contains("deepest") || text.contains("w299"), "{text}");
            // Inside a numbered paragraph of the real page template, whose show rules
            // take levels of their own.
            let meta = test_meta();
            let body = format!("#{NUMBERED_PARAGRAPH_FN}(1)[\n{markup}]\n");
            let source = crate::render::pdf::typst_document(
                &meta,
                &body,
                crate::render::pdf::DEFAULT_TEMPLATE,
            );
            if let Err(e) = PdfEngine::global().layout(&source, meta.date) {
                panic!("{e}\n{}", markdown.chars().take(80).collect::<String>());
            }
            if markdown.contains("w299") {
                for i in [0, 15, 16, 17, 299] {
                    assert!(text.contains(&format!("w{i}")), "w{i} lost: {text}");
                }
            }
        }
    }

    #[test]
    fn long_unbroken_runs_get_invisible_break_opportunities() {
        assert!(matches!(
            break_long_runs("short words"),
            std::borrow::Cow::Borrowed(_)
        ));
        let long = "a".repeat(2 * MAX_RUN + 5);
        assert!(matches!(
            break_long_runs(&"a".repeat(MAX_RUN - 1)),
            std::borrow::Cow::Borrowed(_)
        ));
        let broken = break_long_runs(&long);
        assert_eq!(broken.matches('\u{200B}').count(), 2);
        assert_eq!(broken.replace('\u{200B}', ""), long);
        // Across text events: `[` escapes split nothing, the run is counted throughout.
        let markup = markdown_to_typst(&"\\[".repeat(3 * MAX_RUN));
        assert_eq!(markup.matches('\u{200B}').count(), 3);
        // A PDF string holds at most 32,767 bytes: a 40,000-letter word still exports.
        let text = typeset(&escape_markup(&"x".repeat(40_000)));
        assert_eq!(text.replace('\u{200B}', "").len(), 40_000);
    }

    #[test]
    fn a_heading_with_nothing_to_show_is_left_out() {
        // Found by the `narrative_pdf` fuzz target: `### ` with an empty name gave
        // `#heading(level: 2)[]`, and PDF/UA refuses an empty heading.
        for markdown in [
            "# Report\n\n### \n\nText.\n",
            "# Report\n\n## \u{200B}\u{FEFF}\n\nText.\n",
        ] {
            let markup = markdown_to_typst(markdown);
            assert!(!markup.contains("level: 2"), "{markup}");
            let pdf = crate::render::pdf::render_pdf(&test_meta(), markdown, None);
            assert!(
                pdf.is_ok(),
                "{markdown:?}: {}",
                pdf.err().map(|e| e.to_string()).unwrap_or_default()
            );
        }
        // A heading after the dropped one still steps down one level at most.
        let markup = markdown_to_typst("# A\n\n## \n\n### C\n");
        assert!(markup.contains("#heading(level: 2)[C]"), "{markup}");
    }

    fn test_meta() -> crate::render::pdf::DocumentMeta {
        crate::render::pdf::DocumentMeta {
            title: "T".into(),
            author: "A".into(),
            court: "C".into(),
            case_number: "N".into(),
            draft: true,
            date: time::macros::date!(2027 - 01 - 11),
            language: "en-GB".into(),
            confidentiality: "C".into(),
        }
    }
}
