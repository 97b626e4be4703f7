//! Rendering: the Markdown draft from Tera templates, Typst markup from that Markdown,
//! and the PDF compiled in-process. One template per report kind is the single source
//! of truth: the PDF is made from the Markdown, so both always say the same thing.

pub mod context;
pub mod markdown;
pub mod markdown_text;
pub mod pdf;
pub mod typst;

pub use context::ReportContext;
pub use markdown::{TemplateError, Templates};

use crate::finding::Finding;
use crate::record::{CaseRecord, ReportKind};

/// The Markdown draft of a record. `findings` are the checker's: when rendering an
/// incomplete record, its errors are listed at the end of the draft.
pub fn markdown(
    record: &CaseRecord,
    kind: ReportKind,
    templates: &Templates,
    findings: &[Finding],
) -> Result<String, TemplateError> {
    let outstanding = findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| format!("[{}] {}", f.code, f.message))
        .collect();
    let ctx = ReportContext::new(record, kind, outstanding);
    templates.render(kind, &ctx)
}
