//! Rendering: the Markdown draft from Tera templates, Typst markup from that Markdown,
//! and the PDF compiled in-process. One template per report kind is the single source
//! of truth: the PDF is made from the Markdown, so both always say the same thing.

pub mod context;
pub mod glyphs;
pub mod markdown;
pub mod markdown_text;
pub mod pdf;
pub mod typst;

use std::fmt;

pub use context::{CONFIDENTIALITY_NOTICE, ReportContext};
pub use markdown::{TemplateError, Templates};

use crate::finding::Finding;
use crate::record::{CaseFile, CaseRecord, Date, ReportKind, ReportStatus};

/// What to render a record to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The Markdown draft.
    Markdown,
    /// The PDF, compiled in-process.
    Pdf,
    /// The self-contained Typst source of the PDF.
    Typst,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Pdf => "pdf",
            Format::Typst => "typ",
        }
    }
}

/// A rendered draft and what rendering noticed (e.g. a character no font can print).
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub warnings: Vec<Finding>,
}

/// Why a draft could not be rendered: a problem of the templates, not of the record.
#[derive(Debug)]
pub enum RenderError {
    Template(TemplateError),
    Pdf(pdf::PdfError),
    /// Characters no embedded font can print (findings W049, naming each field): an
    /// accessible PDF cannot leave them out, and a court report must not.
    Unprintable(Vec<Finding>),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Template(e) => e.fmt(f),
            RenderError::Pdf(e) => e.fmt(f),
            RenderError::Unprintable(findings) => {
                write!(
                    f,
                    "cannot make the PDF: {} field(s) hold characters no embedded font can print",
                    findings.len()
                )?;
                for finding in findings {
                    write!(f, "\n  {}", finding.message)?;
                }
                write!(
                    f,
                    "\n  hint: check the spelling; the Markdown draft (--to md) keeps every character"
                )
            }
        }
    }
}

impl std::error::Error for RenderError {}

impl From<TemplateError> for RenderError {
    fn from(e: TemplateError) -> Self {
        RenderError::Template(e)
    }
}

impl From<pdf::PdfError> for RenderError {
    fn from(e: pdf::PdfError) -> Self {
        RenderError::Pdf(e)
    }
}

/// How to render one record.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    pub kind: ReportKind,
    pub format: Format,
    /// The checker's findings: when rendering an incomplete record, its errors are
    /// listed at the end of the draft.
    pub findings: &'a [Finding],
    /// The document date when the record gives none (`date_signed`, `filing_date`):
    /// the caller's `SOURCE_DATE_EPOCH` or today.
    pub fallback_date: Date,
}

/// Render a loaded record. Markdown is the source of the PDF, so the two never differ.
pub fn render(
    file: &CaseFile,
    templates: &Templates,
    job: &Job<'_>,
) -> Result<Rendered, RenderError> {
    let markdown = markdown(&file.record, job.kind, templates, job.findings)?;
    if job.format == Format::Markdown {
        return Ok(Rendered {
            bytes: markdown.into_bytes(),
            warnings: Vec::new(),
        });
    }
    let warnings = glyphs::findings(file);
    let meta = document_meta(&file.record, job.kind, job.fallback_date);
    let body = typst::markdown_to_typst(&markdown);
    let source = pdf::typst_document(&meta, &body, templates.page());
    let bytes = match job.format {
        Format::Typst => source.into_bytes(),
        _ if !warnings.is_empty() => return Err(RenderError::Unprintable(warnings)),
        _ => pdf::compile_pdf(&source, meta.date)?.bytes,
    };
    Ok(Rendered { bytes, warnings })
}

/// The Markdown draft of a record.
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

/// The date a document carries: when it was signed, else the filing date, else the
/// fallback. Never the clock directly, so the same record gives the same PDF.
pub fn document_date(record: &CaseRecord, fallback: Date) -> Date {
    record
        .report
        .date_signed
        .or(record.report.filing_date)
        .unwrap_or(fallback)
}

/// The longest title or author written into the PDF's metadata, in characters. PDF/A
/// allows a string of at most 32,767 bytes; the report's text itself is never cut.
pub const MAX_METADATA_CHARS: usize = 1000;

/// The PDF's metadata and running header and footer.
pub fn document_meta(record: &CaseRecord, kind: ReportKind, fallback: Date) -> pdf::DocumentMeta {
    let report = &record.report;
    let metadata = |text: String| {
        let text: String = text
            .chars()
            .filter(|c| !c.is_control() && !typst::is_bidi_control(*c) && *c != '\u{FEFF}')
            .collect();
        match text.char_indices().nth(MAX_METADATA_CHARS) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text,
        }
    };
    pdf::DocumentMeta {
        title: metadata(match report.case_number.trim() {
            "" => kind.title().to_string(),
            number => format!("{} – {number}", kind.title()),
        }),
        author: metadata(report.author.name.clone()),
        court: typst::for_print(&report.court),
        case_number: typst::for_print(&report.case_number),
        draft: report.status == ReportStatus::Draft,
        date: document_date(record, fallback).0,
        language: "en-GB".to_string(),
        confidentiality: CONFIDENTIALITY_NOTICE.to_string(),
    }
}
