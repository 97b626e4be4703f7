//! Text from the record made safe for a Markdown draft.
//!
//! Two kinds of text come from a record. Plain fields (names, ids, questions) are data:
//! every character must come out as typed, so Markdown syntax in them is escaped.
//! Narrative fields are CommonMark: paragraphs, lists, emphasis and quotes are kept, but
//! anything that would change the report's structure (headings, raw HTML, images, rules)
//! is turned back into literal text. Both are produced by walking pulldown-cmark events,
//! so what is kept is exactly what the parser saw.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Escape plain text so that it renders literally in CommonMark, on one line.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text, true);
    out
}

/// Escape `text` into `out`. `at_line_start` says whether `out` is at the start of a
/// line, where `1. `, `- `, `+ `, `=` and friends would begin a block.
fn escape_into(out: &mut String, text: &str, mut at_line_start: bool) {
    // Most text needs no escaping at all: copy it in one go (a hot path in a batch).
    let special = |b: u8| {
        matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'#'
                | b'!'
                | b'|'
                | b'~'
                | b'&'
                | b'{'
                | b'}'
                | b'\n'
                | b'\r'
        )
    };
    let risky_start = at_line_start
        && text
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'=' | b' '));
    if !risky_start && !text.bytes().any(special) {
        out.push_str(text);
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' || c == '\r' {
            // A plain field is one line: a line break would end the paragraph or table cell.
            if !out.ends_with(' ') {
                out.push(' ');
            }
            i += 1;
            if c == '\r' && chars.get(i) == Some(&'\n') {
                i += 1;
            }
            continue;
        }
        if at_line_start && c.is_ascii_digit() {
            // `12. ` or `12) ` at the start of a line would begin an ordered list.
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            out.extend(&chars[i..j]);
            if j < chars.len() && (chars[j] == '.' || chars[j] == ')') {
                out.push('\\');
                out.push(chars[j]);
                j += 1;
            }
            i = j;
            at_line_start = false;
            continue;
        }
        let special = matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '!'
                | '|'
                | '~'
                | '&'
                | '{'
                | '}'
        ) || (at_line_start && matches!(c, '-' | '+' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
        if !(at_line_start && c == ' ') {
            at_line_start = false;
        }
        i += 1;
    }
}

/// How deeply quotes and lists may nest in a narrative. Deeper containers are
/// flattened into the one at this depth (the text is kept, each deeper item or quote a
/// paragraph of its own): every line of a nested block carries its containers' markers,
/// so 10,000 nested `>` would otherwise make each line 20,000 characters long and the
/// draft grow with the square of the nesting.
pub const MAX_NESTING: usize = 8;

/// The CommonMark features narrative fields may use.
fn narrative_options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION
}

/// A narrative field as Markdown blocks, each block (paragraph, list, quote) a separate
/// string. A list that directly follows a paragraph stays with it, as one paragraph of
/// a report introduces its list.
pub fn narrative_blocks(text: &str) -> Vec<String> {
    let mut writer = Writer::default();
    let parser = Parser::new_ext(
        text,
        narrative_options() - Options::ENABLE_SMART_PUNCTUATION,
    );
    for event in parser {
        writer.event(event);
    }
    writer.finish()
}

/// A narrative field flattened to one line of inline Markdown (for table cells and
/// list items): block structure becomes spaces, inline formatting is kept.
pub fn narrative_inline(text: &str) -> String {
    let blocks = narrative_blocks(text);
    let mut out = String::new();
    for block in blocks {
        for line in block.lines() {
            let line = line.trim();
            // Drop the list and quote markers the flattening would otherwise leave behind.
            let line = line
                .strip_prefix("> ")
                .or_else(|| line.strip_prefix("- "))
                .unwrap_or(line);
            if line.is_empty() || line == ">" {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(line);
        }
    }
    // A pipe inside a table cell ends the cell even when escaped by the narrative writer.
    out
}

#[derive(Default)]
struct Writer {
    blocks: Vec<String>,
    current: String,
    /// Open containers: each entry is the prefix its content lines carry.
    prefixes: Vec<String>,
    /// The next line's first prefix, for a list item's marker.
    pending_marker: Option<String>,
    list_counters: Vec<Option<u64>>,
    at_line_start: bool,
    /// Depth of block containers (lists, quotes) we are in.
    depth: usize,
    /// Text of a heading or image, emitted literally.
    heading_level: Option<HeadingLevel>,
    in_code_block: Option<String>,
    link_urls: Vec<String>,
    /// Whether the last top-level block was a paragraph, so a list may join it.
    last_was_paragraph: bool,
    /// Whether the text about to be written starts a line (for block-marker escaping).
    mark_line_start_for_escaping: bool,
    /// For each open quote or list: whether it was written (`false`: flattened, being
    /// nested past [`MAX_NESTING`]).
    kept: Vec<bool>,
}

impl Writer {
    fn line_prefix(&mut self) -> String {
        let mut prefix = String::new();
        let n = self.prefixes.len();
        for (i, p) in self.prefixes.iter().enumerate() {
            if i + 1 == n
                && let Some(marker) = self.pending_marker.take()
            {
                prefix.push_str(&marker);
                return prefix;
            }
            prefix.push_str(p);
        }
        prefix
    }

    fn start_line(&mut self) {
        if self.at_line_start {
            let prefix = self.line_prefix();
            self.current.push_str(&prefix);
            self.at_line_start = false;
            self.mark_line_start_for_escaping = true;
        }
    }

    /// Ends the current line, unless nothing has been written on it.
    fn end_line(&mut self) {
        if !self.at_line_start {
            self.newline();
        }
    }

    fn newline(&mut self) {
        self.current.push('\n');
        self.at_line_start = true;
    }

    fn blank_line(&mut self) {
        if !self.current.is_empty() && !self.current.ends_with("\n\n") {
            if !self.current.ends_with('\n') {
                self.current.push('\n');
            }
            let prefix = self.prefixes.concat();
            self.current.push_str(prefix.trim_end());
            self.current.push('\n');
        }
        self.at_line_start = true;
    }

    fn text(&mut self, text: &str) {
        if self.in_code_block.is_some() {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.newline();
                }
                if line.is_empty() {
                    continue;
                }
                self.start_line();
                self.current.push_str(line);
            }
            return;
        }
        self.start_line();
        let line_start = std::mem::take(&mut self.mark_line_start_for_escaping);
        escape_into(&mut self.current, text, line_start);
    }

    fn raw(&mut self, markup: &str) {
        self.start_line();
        self.mark_line_start_for_escaping = false;
        self.current.push_str(markup);
    }

    fn end_block(&mut self) {
        if self.depth == 0 {
            let block = std::mem::take(&mut self.current);
            let block = block.trim_end().to_string();
            if !block.is_empty() {
                self.blocks.push(block);
            }
            self.at_line_start = true;
        } else {
            self.blank_line();
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                let fence = "`".repeat(longest_run(&code, '`') + 1);
                let pad = if code.starts_with('`') || code.ends_with('`') {
                    " "
                } else {
                    ""
                };
                self.raw(&format!("{fence}{pad}{code}{pad}{fence}"));
            }
            // Raw HTML and math are data here, never markup.
            Event::Html(html) | Event::InlineHtml(html) => {
                let body = html.strip_suffix('\n');
                for (i, line) in body.unwrap_or(&html).split('\n').enumerate() {
                    if i > 0 {
                        self.newline();
                    }
                    if !line.is_empty() {
                        self.text(line);
                    }
                }
                if body.is_some() {
                    self.newline();
                }
            }
            Event::InlineMath(m) | Event::DisplayMath(m) => self.text(&m),
            Event::FootnoteReference(r) => self.text(&format!("[^{r}]")),
            Event::SoftBreak => self.newline(),
            Event::HardBreak => {
                self.raw("\\");
                self.newline();
            }
            Event::Rule => {}
            Event::TaskListMarker(done) => self.raw(if done { "\\[x\\] " } else { "\\[ \\] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                if self.depth == 0 {
                    self.flush_unless_list_follows(false);
                }
            }
            Tag::Heading { level, .. } => {
                if self.depth == 0 {
                    self.flush_unless_list_follows(false);
                }
                self.heading_level = Some(level);
                // The heading's hashes, literally: a narrative cannot add a heading.
                let hashes = "#".repeat(level as usize);
                self.start_line();
                self.mark_line_start_for_escaping = false;
                for _ in 0..hashes.len() {
                    self.current.push_str("\\#");
                }
                self.current.push(' ');
            }
            Tag::BlockQuote(_) => {
                if self.prefixes.len() >= MAX_NESTING {
                    self.kept.push(false);
                    return;
                }
                self.kept.push(true);
                if self.depth == 0 {
                    self.flush_unless_list_follows(false);
                }
                self.depth += 1;
                self.prefixes.push("> ".to_string());
            }
            Tag::CodeBlock(kind) => {
                if self.depth == 0 {
                    self.flush_unless_list_follows(false);
                }
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.in_code_block = Some(info);
                self.raw("~~~~");
                self.newline();
            }
            Tag::List(_) if self.prefixes.len() >= MAX_NESTING => self.kept.push(false),
            Tag::Item if self.kept.last() == Some(&false) => {
                // An item of a flattened list: a paragraph of its own.
                if !self.at_line_start {
                    self.newline();
                }
                self.blank_line();
            }
            Tag::List(start) => {
                self.kept.push(true);
                if self.depth == 0 {
                    self.flush_unless_list_follows(true);
                } else if !self.at_line_start {
                    self.newline();
                }
                self.depth += 1;
                self.list_counters.push(start);
            }
            Tag::Item => {
                let marker = match self.list_counters.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "- ".to_string(),
                };
                if !self.at_line_start {
                    self.newline();
                }
                let indent = " ".repeat(marker.len());
                self.prefixes.push(indent);
                self.pending_marker = Some(marker);
            }
            Tag::Emphasis => self.raw("*"),
            Tag::Strong => self.raw("**"),
            Tag::Strikethrough => self.raw("~~"),
            Tag::Link { dest_url, .. } => {
                self.link_urls.push(dest_url.to_string());
            }
            Tag::Image { dest_url, .. } => {
                self.link_urls.push(dest_url.to_string());
            }
            Tag::HtmlBlock => {
                if self.depth == 0 {
                    self.flush_unless_list_follows(false);
                }
            }
            Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_)
            | Tag::Superscript
            | Tag::Subscript => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.end_block();
                self.last_was_paragraph = self.depth == 0;
            }
            TagEnd::Heading(_) => {
                self.heading_level = None;
                self.end_block();
                self.last_was_paragraph = false;
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) if self.kept.last() == Some(&false) => {
                self.kept.pop();
            }
            TagEnd::Item if self.kept.last() == Some(&false) => self.end_line(),
            TagEnd::BlockQuote(_) => {
                self.kept.pop();
                self.prefixes.pop();
                self.depth -= 1;
                self.end_block();
                self.last_was_paragraph = false;
            }
            TagEnd::CodeBlock => {
                if !self.at_line_start {
                    self.newline();
                }
                self.in_code_block = None;
                self.raw("~~~~");
                self.end_block();
                self.last_was_paragraph = false;
            }
            TagEnd::List(_) => {
                self.kept.pop();
                self.list_counters.pop();
                self.depth -= 1;
                self.end_block();
                self.last_was_paragraph = false;
            }
            TagEnd::Item => {
                self.prefixes.pop();
                self.pending_marker = None;
                if !self.at_line_start {
                    self.newline();
                }
            }
            TagEnd::HtmlBlock => {
                self.end_block();
                self.last_was_paragraph = false;
            }
            TagEnd::Emphasis => self.raw("*"),
            TagEnd::Strong => self.raw("**"),
            TagEnd::Strikethrough => self.raw("~~"),
            TagEnd::Link | TagEnd::Image => {
                if let Some(url) = self.link_urls.pop()
                    && !url.is_empty()
                {
                    self.text(&format!(" ({url})"));
                }
            }
            _ => {}
        }
    }

    /// Start a new top-level block, unless a list joins the paragraph before it.
    fn flush_unless_list_follows(&mut self, is_list: bool) {
        if is_list
            && self.last_was_paragraph
            && let Some(previous) = self.blocks.pop()
        {
            self.current = previous;
            self.current.push_str("\n\n");
            self.at_line_start = true;
        }
        self.last_was_paragraph = false;
    }

    fn finish(mut self) -> Vec<String> {
        let rest = std::mem::take(&mut self.current);
        let rest = rest.trim_end();
        if !rest.is_empty() {
            self.blocks.push(rest.to_string());
        }
        self.blocks
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in text.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a CommonMark reader sees: the plain text of a Markdown fragment.
    fn plain(markdown: &str) -> String {
        let mut out = String::new();
        for event in Parser::new(markdown) {
            match event {
                Event::Text(t) | Event::Code(t) => out.push_str(&t),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn plain_text_comes_back_literally() {
        for s in [
            "# Not a heading",
            "1. not a list",
            "- not a bullet",
            "*not em* _nor this_",
            "<script>alert(1)</script>",
            "[link](http://x) ![img](y)",
            "{{ tera }} {% raw %}",
            "a \\ backslash and `code`",
            "$x$ £5 ‘quoted’ “double” &amp; &copy;",
            "> not a quote",
            "= underline",
            "O'Brien-Smith (née Ó Súilleabháin)",
            "Gwilym ap Siôn, Łucja Świętek, عائشہ",
        ] {
            let escaped = escape_inline(s);
            assert_eq!(plain(&escaped), s, "escaped as {escaped:?}");
        }
    }

    #[test]
    fn narrative_keeps_formatting_and_escapes_html() {
        let blocks = narrative_blocks(
            "She said it was *fine*.\n\n<script>x()</script>\n\n# Heading?\n\nThe school said:\n\n- attendance 97%\n- settled",
        );
        assert_eq!(blocks.len(), 4, "{blocks:#?}");
        assert_eq!(blocks[0], "She said it was *fine*.");
        assert_eq!(plain(&blocks[1]), "<script>x()</script>");
        assert_eq!(plain(&blocks[2]), "# Heading?");
        assert!(
            blocks[3].starts_with("The school said:\n\n- attendance 97%"),
            "{}",
            blocks[3]
        );
    }

    #[test]
    fn narrative_inline_is_one_line() {
        let s = narrative_inline("First.\n\nSecond *part*\n\n- a\n- b");
        assert_eq!(s, "First. Second *part* a b");
    }

    #[test]
    fn nesting_past_the_limit_is_flattened_and_stays_small() {
        let quotes = format!(
            "{} deepest\n{}",
            ">".repeat(10_000),
            "lazy line\n".repeat(100)
        );
        let blocks = narrative_blocks(&quotes);
        let total: usize = blocks.iter().map(String::len).sum();
        assert!(total < 4 * MAX_NESTING * 110, "{total} bytes");
        assert!(plain(&blocks.join("\n\n")).contains("deepest"));
        let list: String = (0..100)
            .map(|i| format!("{}- w{i}\n", "  ".repeat(i)))
            .collect();
        let flat = blocks_text(&list);
        for i in [0, 7, 8, 9, 99] {
            assert!(flat.contains(&format!("w{i}")), "w{i} lost: {flat}");
        }
        assert!(!flat.contains("- w99"), "{flat}");
    }

    fn blocks_text(markdown: &str) -> String {
        narrative_blocks(markdown).join("\n\n")
    }
}
