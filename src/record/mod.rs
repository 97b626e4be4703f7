//! The case record: serde types ([`model`]), loading with spans, and dates.

pub mod date;
pub mod limits;
pub mod model;
pub mod shape;
pub mod spans;

use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::DeTable;

pub use date::Date;
pub use model::*;
pub use spans::SpanIndex;

use crate::finding::Finding;

/// A record loaded from a file, with what is needed to point findings at its text.
#[derive(Debug, Clone)]
pub struct CaseFile {
    pub path: PathBuf,
    pub source: String,
    pub record: CaseRecord,
    pub spans: SpanIndex,
}

/// Why a record could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read at all.
    Io { path: PathBuf, error: io::Error },
    /// The file was read but is not a valid record: a finding with its place.
    Invalid {
        path: PathBuf,
        finding: Box<Finding>,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io { path, error } => {
                write!(
                    f,
                    "{}: cannot read the file: {}",
                    path.display(),
                    io_reason(error)
                )
            }
            LoadError::Invalid { path, finding } => write!(f, "{}", finding.render_human(path)),
        }
    }
}

impl std::error::Error for LoadError {}

fn io_reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "it is a directory, not a case record file".into(),
        io::ErrorKind::FileTooLarge => format!(
            "it is larger than {} MiB, too large to be a case record: check that this is the right file",
            MAX_RECORD_BYTES / (1024 * 1024)
        ),
        io::ErrorKind::NotADirectory => {
            "a part of the path is a file, not a folder: check the path".into()
        }
        _ => error.to_string(),
    }
}

/// Every string in a record with its path (`children[0].own_words[1]`), taken from the
/// record as serialised so that no field can be forgotten by a rule that reads them all.
pub fn text_fields(record: &CaseRecord) -> Vec<(String, String)> {
    use std::fmt::Write as _;
    /// `path` is one buffer, grown and cut back on the way: a string is allocated only
    /// for each text found (every record is walked on every check).
    fn walk(path: &mut String, value: serde_json::Value, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::String(s) => out.push((path.clone(), s)),
            serde_json::Value::Array(items) => {
                for (i, item) in items.into_iter().enumerate() {
                    let len = path.len();
                    let _ = write!(path, "[{i}]");
                    walk(path, item, out);
                    path.truncate(len);
                }
            }
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    let len = path.len();
                    if len > 0 {
                        path.push('.');
                    }
                    path.push_str(&key);
                    walk(path, item, out);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::to_value(record) {
        walk(&mut String::new(), value, &mut out);
    }
    out
}

/// A commented record to fill in: it parses, and fails `check` only for the content
/// still to be written.
pub fn skeleton(kind: ReportKind) -> String {
    include_str!("../../report-templates/new-record.toml").replace("{{KIND}}", kind.key())
}

/// The largest record file read, in bytes (64 MiB: a record with a 5 MB narrative is
/// checked and rendered in seconds; real records are tens of kilobytes).
pub const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// Read and parse a record file.
pub fn load(path: &Path) -> Result<CaseFile, LoadError> {
    if path.is_dir() {
        return Err(LoadError::Io {
            path: path.to_path_buf(),
            error: io::Error::new(io::ErrorKind::IsADirectory, "is a directory"),
        });
    }
    let io = |error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    };
    // Never more than the limit: `/dev/zero` or a runaway script's output would otherwise
    // be read until memory runs out.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            use std::io::Read as _;
            file.take(MAX_RECORD_BYTES + 1).read_to_end(&mut bytes)
        })
        .map_err(io)?;
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return Err(io(io::Error::from(io::ErrorKind::FileTooLarge)));
    }
    parse_bytes(path, bytes)
}

/// Parse a record from bytes that claim to be UTF-8 TOML.
pub fn parse_bytes(path: &Path, bytes: Vec<u8>) -> Result<CaseFile, LoadError> {
    match String::from_utf8(bytes) {
        Ok(source) => parse(path, source),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let finding = Finding::error(
                "syntax",
                "",
                format!("the file is not valid UTF-8 (byte 0x{:02X})", bytes[valid]),
            )
            .with_hint(
                "save the file as UTF-8 text (most editors: File > Save with Encoding > UTF-8)",
            )
            .at_span(&prefix, valid, valid + 1);
            Err(LoadError::Invalid {
                path: path.to_path_buf(),
                finding: Box::new(finding),
            })
        }
    }
}

/// Parse a record from its TOML text.
pub fn parse(path: &Path, source: String) -> Result<CaseFile, LoadError> {
    let invalid = |finding: Finding| LoadError::Invalid {
        path: path.to_path_buf(),
        finding: Box::new(finding),
    };
    if let Some(at) = source.find('\0') {
        return Err(invalid(
            Finding::error("syntax", "", "the file contains a NUL byte (0x00)")
                .with_hint("a case record is plain UTF-8 text: remove the NUL byte, or check that this is the right file")
                .at_span(&source, at, at + 1),
        ));
    }
    if source.trim_start_matches('\u{FEFF}').trim().is_empty() {
        return Err(invalid(
            Finding::error("schema", "", "the file is empty")
                .with_hint("a record starts with a [report] table; `courtreport new > case.toml` writes a skeleton to fill in")
                .at_span(&source, 0, 0),
        ));
    }
    let table = match DeTable::parse(&source) {
        Ok(table) => table,
        Err(err) => return Err(invalid(toml_finding("syntax", &err, &source, None))),
    };
    // Before anything parses the text as CommonMark: see `limits`.
    if let Some(deep) = limits::too_deep(table.get_ref()) {
        return Err(invalid(
            Finding::error(
                limits::CODE,
                deep.path.clone(),
                format!(
                    "`{}` nests quotes or lists {} levels deep (on line {} of the text); at most {} can be rendered",
                    deep.path,
                    deep.depth,
                    deep.line,
                    limits::MAX_NESTING
                ),
            )
            .with_hint("a quote needs one `>` at the start of its lines and a list item one marker (`-` or `1.`): remove the extra ones")
            .at_span(&source, deep.span.start, deep.span.end),
        ));
    }
    let spans = SpanIndex::lazy(&source);
    let record = match CaseRecord::deserialize(toml::de::Deserializer::from(table)) {
        Ok(record) => record,
        // Only now, for a record that does not load, is it worth walking it against the
        // schema (the walk costs as much as the rest of a load).
        Err(err) => match DeTable::parse(&source)
            .ok()
            .and_then(|table| shape::wrong_shape(table.get_ref()))
        {
            // A table written as a list (or the reverse) is the root cause: say so.
            Some(wrong) => {
                let (message, hint) = wrong.describe();
                return Err(invalid(
                    Finding::error("schema", wrong.path.clone(), message)
                        .with_hint(hint)
                        .at_span(&source, wrong.span.start, wrong.span.end),
                ));
            }
            None => {
                return Err(invalid(toml_finding("schema", &err, &source, Some(&spans))));
            }
        },
    };
    Ok(CaseFile {
        path: path.to_path_buf(),
        source,
        record,
        spans,
    })
}

fn toml_finding(
    code: &'static str,
    err: &toml::de::Error,
    source: &str,
    spans: Option<&SpanIndex>,
) -> Finding {
    let message = err.message().trim().trim_end_matches('.').to_string();
    let span = err.span().unwrap_or(0..0);
    let path = spans
        .and_then(|s| s.path_at(span.start))
        .unwrap_or_default();
    let mut finding = Finding::error(code, path, message.clone());
    // The value the error is in, whole: `18.01.2027`, though TOML points at `.2027`.
    let separators = [' ', '\t', '\r', '\n', ',', '=', '[', ']', '{', '}'];
    let start = source
        .get(..span.start)
        .and_then(|before| before.rfind(separators))
        .map_or(0, |i| i + 1);
    let token = source
        .get(start..)
        .and_then(|rest| rest.split(separators).next())
        .unwrap_or("");
    if let Some(hint) = date_hint(&message, token).or_else(|| hint_for(&message)) {
        finding = finding.with_hint(hint);
    }
    finding.at_span(source, span.start, span.end)
}

/// A fix for a date TOML could not read: `18/01/2027`, `2027-02-30`, `2027-1-8`.
fn date_hint(message: &str, token: &str) -> Option<String> {
    let looks_like_date = token.chars().filter(char::is_ascii_digit).count() >= 4
        && token.contains(['/', '.', '-'])
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-'));
    if message.starts_with("invalid date") || message.contains("invalid datetime") {
        return Some("write the date as year-month-day without quotes, e.g. 2027-01-18: a two-digit month from 01 to 12 and a day that exists in that month".into());
    }
    if looks_like_date {
        return Some(format!(
            "write dates as year-month-day without quotes, e.g. 2027-01-18; `{token}` is not in that form"
        ));
    }
    None
}

/// A fix for the common shapes of serde and TOML messages.
fn hint_for(message: &str) -> Option<String> {
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if message.starts_with("unknown field") || message.starts_with("unknown variant") {
        let (given, expected) = quoted.split_first()?;
        if let Some(best) = closest(given, expected) {
            return Some(format!("did you mean `{best}`?"));
        }
        let what = if message.starts_with("unknown field") {
            "fields"
        } else {
            "values"
        };
        return Some(match expected.len() {
            0 => "remove it".to_string(),
            _ => format!(
                "the allowed {what} are {}",
                expected
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    if message == "missing field `report`" {
        return Some(
            "a record starts with a [report] table; `courtreport new` prints a skeleton to fill in"
                .into(),
        );
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return Some(format!("add {field} to this table"));
    }
    if message.starts_with("invalid basic string") || message.starts_with("invalid literal string")
    {
        return Some(
            "close the text with a quote on the same line, or use triple quotes \"\"\" for text over several lines".into(),
        );
    }
    if message.contains("expected struct") {
        return Some("this must be a table: write it as [name] with its keys on the lines below, not as a list or a value".into());
    }
    if message.starts_with("invalid type: string") && message.contains("sequence") {
        return Some(
            "this field is a list: put the text in square brackets, e.g. [\"...\"]".into(),
        );
    }
    if message.contains("expected a table") || message.contains("invalid type: sequence") {
        return Some(
            "check the brackets: [name] is a table, [[name]] one entry of a list of tables".into(),
        );
    }
    None
}

/// The candidate nearest to what was written, if it is near enough to be a typo.
pub fn closest<'a>(given: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(given, c), *c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 4) && *d < c.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_get_a_suggestion() {
        assert_eq!(closest("welfar", &["id", "welfare"]), Some("welfare"));
        assert_eq!(
            closest("section-7", &["section7", "child-impact"]),
            Some("section7")
        );
        assert_eq!(closest("zzzzzz", &["id", "name"]), None);
    }
}
