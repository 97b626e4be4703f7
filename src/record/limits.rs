//! Limits a record's text must keep for it to be checked and rendered in seconds.
//!
//! CommonMark parsing (pulldown-cmark, used by the checker and the renderer) costs the
//! nesting depth of quotes and lists for every line inside them: 1,000,000 `>` followed
//! by 100,000 lines took four minutes to parse. No report nests text more than a few
//! levels deep, so a text nested deeper than [`MAX_NESTING`] is refused when the record
//! is loaded (rule E050), before anything parses it. The estimate is per line and cheap:
//! the quote (`>`) and list markers (`-`, `+`, `*`, `1.`, `1)`) that open the line, plus
//! half its indentation when it opens a list item (each list level indents by 2 or more).

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The deepest nesting of quotes and lists a text field may have.
pub const MAX_NESTING: usize = 32;

/// The rule code for text nested too deeply.
pub const CODE: &str = "E050";

/// A text field nested too deeply: its record path, the byte span of its value, the line
/// of the text (1-based) and the nesting found there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep {
    pub path: String,
    pub span: std::ops::Range<usize>,
    pub line: usize,
    pub depth: usize,
}

/// The first text field of `table` nested deeper than [`MAX_NESTING`].
pub fn too_deep(table: &DeTable<'_>) -> Option<TooDeep> {
    walk_table(&mut Vec::new(), table)
}

/// One step of a record path; the path is written out only for a field found too deep
/// (every load walks every field, so no string is built on the way).
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn path_of(steps: &[Step<'_>]) -> String {
    let mut path = String::new();
    for step in steps {
        match step {
            Step::Key(key) if path.is_empty() => path.push_str(key),
            Step::Key(key) => {
                path.push('.');
                path.push_str(key);
            }
            Step::Index(i) => path.push_str(&format!("[{i}]")),
        }
    }
    path
}

fn walk_table<'a>(steps: &mut Vec<Step<'a>>, table: &'a DeTable<'_>) -> Option<TooDeep> {
    for (key, value) in table.iter() {
        steps.push(Step::Key(key.get_ref()));
        let found = walk_value(steps, value);
        steps.pop();
        if found.is_some() {
            return found;
        }
    }
    None
}

fn walk_value<'a>(steps: &mut Vec<Step<'a>>, value: &'a Spanned<DeValue<'_>>) -> Option<TooDeep> {
    match value.get_ref() {
        DeValue::String(text) => nesting(text).map(|(line, depth)| TooDeep {
            path: path_of(steps),
            span: value.span(),
            line,
            depth,
        }),
        DeValue::Table(table) => walk_table(steps, table),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                steps.push(Step::Index(i));
                let found = walk_value(steps, item);
                steps.pop();
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        _ => None,
    }
}

/// The first line of `text` (1-based) nesting deeper than [`MAX_NESTING`], and how deep.
pub fn nesting(text: &str) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line_depth(line)))
        .find(|(_, depth)| *depth > MAX_NESTING)
}

/// The nesting a line opens: its quote and list markers, plus half of the indentation
/// before them when it opens a list item.
fn line_depth(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut markers = 0usize;
    let mut columns = 0usize;
    let mut list = false;
    while i < bytes.len() {
        match bytes[i] {
            // Indentation before the first marker: how deep a list item is nested.
            b' ' if markers == 0 => columns += 1,
            b'\t' if markers == 0 => columns += 4,
            b' ' | b'\t' => {}
            b'>' => markers += 1,
            b'-' | b'+' | b'*' if bytes.get(i + 1).is_none_or(|b| matches!(b, b' ' | b'\t')) => {
                markers += 1;
                list = true;
            }
            b'0'..=b'9' => {
                let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                let after = i + digits;
                let marker = digits <= 9
                    && matches!(bytes.get(after), Some(b'.' | b')'))
                    && bytes
                        .get(after + 1)
                        .is_none_or(|b| matches!(b, b' ' | b'\t'));
                if !marker {
                    break;
                }
                markers += 1;
                list = true;
                i = after;
            }
            _ => break,
        }
        i += 1;
    }
    if list { markers + columns / 2 } else { markers }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_shallow() {
        for text in [
            "",
            "Plain text.",
            "> a quote\n> - with a list\n>   - nested",
            "1. one\n2. two\n   - three levels\n     > quoted",
            "                                        centred title, 40 spaces",
            "2024. A year.\n-5 degrees\n*emphasis*",
        ] {
            assert_eq!(nesting(text), None, "{text:?}");
        }
    }

    #[test]
    fn deep_quotes_and_lists_are_found_on_their_line() {
        let quotes = format!("first line\n{} deep", ">".repeat(10_000));
        assert_eq!(nesting(&quotes), Some((2, 10_000)));
        let mixed = "> - ".repeat(20);
        assert_eq!(nesting(&mixed), Some((1, 40)));
        let indented: String = (0..40)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        assert_eq!(nesting(&indented).map(|(line, _)| line), Some(33));
        assert_eq!(nesting(&format!("{}x", "> ".repeat(MAX_NESTING))), None);
        assert!(nesting(&format!("{}x", "> ".repeat(MAX_NESTING + 1))).is_some());
    }
}
