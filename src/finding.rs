//! Findings: what the checker (or the loader) says about a record, as values with a
//! place in the file. `anyhow` is for failures of the tool itself; a finding is an answer.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::record::spans::{SpanIndex, line_col};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks rendering unless `--allow-incomplete`.
    Error,
    /// Worth fixing before filing; does not block.
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where a finding points: the byte span and its 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// A stable rule code, e.g. `E003`; `syntax` and `schema` for records that do not load.
    pub code: &'static str,
    pub message: String,
    /// The record path the finding is about, e.g. `children[0].welfare.harm`.
    pub path: String,
    /// Filled in from the record's spans by [`Finding::locate`].
    pub location: Option<Location>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Finding {
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Error,
            code,
            message: message.into(),
            path: path.into(),
            location: None,
            hint: None,
        }
    }

    pub fn warning(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(code, path, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn at_span(mut self, source: &str, start: usize, end: usize) -> Self {
        let (line, column) = line_col(source, start);
        self.location = Some(Location {
            line,
            column,
            start,
            end,
        });
        self
    }

    /// Point the finding at its path's key, or the nearest key above it.
    pub fn locate(self, source: &str, spans: &SpanIndex) -> Self {
        match spans.locate(&self.path) {
            Some(span) => self.at_span(source, span.start, span.end),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: error[E003]: message` and an indented `hint:` line, as compilers do.
    pub fn render_human(&self, file: &Path) -> String {
        let mut out = String::new();
        let _ = write!(out, "{}", file.display());
        if let Some(loc) = &self.location {
            let _ = write!(out, ":{}:{}", loc.line, loc.column);
        }
        let _ = write!(
            out,
            ": {}[{}]: {}",
            self.severity.label(),
            self.code,
            self.message
        );
        if let Some(hint) = &self.hint {
            let _ = write!(out, "\n  hint: {hint}");
        }
        out
    }
}

/// Sort findings by place in the file, errors before warnings at the same place.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let pos = |f: &Finding| f.location.as_ref().map_or(usize::MAX, |l| l.start);
        pos(a)
            .cmp(&pos(b))
            .then(a.severity.cmp(&b.severity))
            .then(a.code.cmp(b.code))
            .then(a.message.cmp(&b.message))
    });
}
