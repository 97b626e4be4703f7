//! The in-process Typst world and PDF export.
//!
//! A report is compiled from one self-contained Typst source (page template + metadata +
//! body, see [`typst_document`]) in a sandboxed [`World`]: the standard library, the
//! fonts embedded in the binary and that one source, nothing else. Files, images,
//! imports and packages are refused, so neither a template override nor text in a
//! record can read the file system.
//!
//! The expensive, immutable parts (library, fonts) live in a [`PdfEngine`] built once per
//! process ([`PdfEngine::global`]) and shared by all threads of a batch; each compilation
//! makes a small [`ReportWorld`] around it.

use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::typst::{for_print, markdown_to_typst, string_literal};

/// The built-in page style (A4, header and footer, numbered paragraphs).
pub const DEFAULT_TEMPLATE: &str = include_str!("../../report-templates/report.typ");

/// The fonts embedded in the binary (OFL, see `fonts/OFL.txt`). Noto Sans is the body
/// font; the others cover the scripts and symbols it lacks, so a name never loses a
/// letter: Arabic and Urdu (Naskh), Chinese and Japanese (Droid Sans Fallback),
/// emoji, symbols such as ✓ ★ (Symbols2).
static FONT_FILES: [&[u8]; 9] = [
    include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../fonts/NotoSans-Italic.ttf"),
    include_bytes!("../../fonts/NotoSans-BoldItalic.ttf"),
    include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../../fonts/NotoNaskhArabic-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansSymbols2-Regular.ttf"),
    include_bytes!("../../fonts/NotoColorEmoji.ttf"),
    // Chinese and Japanese names (Apache 2.0, see fonts/README.md).
    include_bytes!("../../fonts/DroidSansFallbackFull.ttf"),
];

/// The one virtual path every document is compiled at. File ids are interned for the
/// life of the process (and run out after 65,535), so never a path per case.
const MAIN_PATH: &str = "/main.typ";

/// Memo entries unused for this many compilations (on any thread) are evicted after
/// each compilation. Documents share little, so without eviction memory grows ~9 MiB per
/// document. 0 would also clear the cache under a compilation running on another thread
/// (typst reuses it between its layout iterations) and throws away what documents do
/// share (template, header, common words). Measured on 200 distinct 11-page drafts
/// (examples/render_pdf.rs): max age 2 gave 40 docs/s on 1 thread and 60 on 2 at a flat
/// 77/89 MiB peak; max age 0 gave 32 and 40 docs/s at 67/78 MiB.
const EVICT_MAX_AGE: usize = 2;

/// What the page template needs to know about the report. Everything goes into Typst as
/// string literals (data), never as markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMeta {
    /// Document title (PDF metadata), e.g. "Section 7 Report".
    pub title: String,
    /// Author (PDF metadata), e.g. the Family Court Adviser's name.
    pub author: String,
    /// The court, shown in the header of every page.
    pub court: String,
    /// The case number, shown in the header of every page.
    pub case_number: String,
    /// Marks every page "DRAFT".
    pub draft: bool,
    /// The document date: PDF creation date and Typst's `today`, so output is
    /// reproducible.
    pub date: time::Date,
    /// BCP 47 language tag, e.g. "en-GB".
    pub language: String,
    /// The confidentiality notice in the footer of every page.
    pub confidentiality: String,
}

/// The footer notice used when the caller has no other wording.
pub const DEFAULT_CONFIDENTIALITY: &str = super::context::CONFIDENTIALITY_NOTICE;

/// A self-contained Typst document: the page template inlined, the metadata applied as a
/// show rule with string literals, then the body markup (from
/// [`markdown_to_typst`](super::typst::markdown_to_typst)).
pub fn typst_document(meta: &DocumentMeta, body_markup: &str, page_template: &str) -> String {
    // BCP 47 "en-GB", "cy-GB", "sr-Latn-RS": the language, then the two-letter region.
    let mut subtags = meta.language.split(['-', '_']);
    let lang = subtags.next().unwrap_or_default();
    let region = subtags
        .find(|t| t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()))
        .map_or("none".to_string(), string_literal);
    let date = meta.date;
    let mut doc = String::with_capacity(page_template.len() + body_markup.len() + 1024);
    doc.push_str(page_template);
    doc.push_str("\n\n// ---- the report (generated by courtreport) ----\n");
    doc.push_str(&format!(
        "#show: report.with(\n  title: {},\n  author: {},\n  court: {},\n  case-number: {},\n  draft: {},\n  date: datetime(year: {}, month: {}, day: {}),\n  lang: {},\n  region: {},\n  confidentiality: {},\n)\n\n",
        string_literal(&for_print(&meta.title)),
        string_literal(&for_print(&meta.author)),
        string_literal(&for_print(&meta.court)),
        string_literal(&for_print(&meta.case_number)),
        meta.draft,
        date.year(),
        u8::from(date.month()),
        date.day(),
        string_literal(lang),
        region,
        string_literal(&for_print(&meta.confidentiality)),
    ));
    doc.push_str(body_markup);
    doc
}

/// Markdown draft → PDF in one call: converts the Markdown, wraps it in the page
/// template (`template` overrides the built-in one) and compiles it with the shared
/// engine.
pub fn render_pdf(
    meta: &DocumentMeta,
    markdown: &str,
    template: Option<&str>,
) -> Result<Pdf, PdfError> {
    let body = markdown_to_typst(markdown);
    let source = typst_document(meta, &body, template.unwrap_or(DEFAULT_TEMPLATE));
    compile_pdf(&source, meta.date)
}

/// Compiles a self-contained Typst document to PDF with the process-wide engine.
pub fn compile_pdf(source: &str, date: time::Date) -> Result<Pdf, PdfError> {
    PdfEngine::global().compile(source, date)
}

/// The characters of `text` that no embedded font covers (in order of first appearance,
/// each once), so the caller can warn naming the character and field. Whitespace,
/// control and invisible formatting characters (joiners, variation selectors,
/// direction marks) are not glyphs and never reported.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    PdfEngine::global().missing_glyphs(text)
}

/// A compiled PDF and the compiler's warnings.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub warnings: Vec<Diagnostic>,
}

/// One message from the Typst compiler or PDF exporter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: DiagnosticSeverity,
    pub message: String,
    pub hints: Vec<String>,
    /// 1-based line and column in the compiled Typst source, when the message points
    /// into it.
    pub location: Option<(usize, usize)>,
    /// The source line it points at, trimmed.
    pub source_line: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticSeverity {
    Error,
    Warning,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            DiagnosticSeverity::Error => "error",
            DiagnosticSeverity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.message)?;
        if let Some((line, column)) = self.location {
            write!(f, "\n  --> {MAIN_PATH}:{line}:{column}")?;
        }
        if let Some(text) = &self.source_line {
            write!(f, "\n   | {text}")?;
        }
        for hint in &self.hints {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Why a PDF could not be made.
#[derive(Debug, Clone)]
pub enum PdfError {
    /// The Typst document did not compile (e.g. a broken template override).
    Compile(Vec<Diagnostic>),
    /// It compiled but could not be exported (e.g. a PDF/UA rule failed).
    Export(Vec<Diagnostic>),
    /// The PDF options were rejected.
    Options(String),
}

impl PdfError {
    /// The diagnostics behind the error (empty for option errors).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            PdfError::Compile(d) | PdfError::Export(d) => d,
            PdfError::Options(_) => &[],
        }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, diags) = match self {
            PdfError::Compile(d) => ("the PDF's Typst source did not compile", d),
            PdfError::Export(d) => ("the PDF could not be exported", d),
            PdfError::Options(message) => {
                return write!(f, "invalid PDF options: {message}");
            }
        };
        write!(f, "{what}")?;
        for diag in diags {
            write!(f, "\n{diag}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PdfError {}

/// The shared, immutable part of every compilation: the standard library and the
/// embedded fonts. Build it once ([`PdfEngine::global`]) and use it from any thread.
pub struct PdfEngine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main_id: FileId,
    compilations: AtomicUsize,
}

impl PdfEngine {
    /// Loads the library and parses the embedded fonts (a few ms).
    pub fn new() -> Self {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let book = FontBook::from_fonts(&fonts);
        let main_id = RootedPath::new(
            VirtualRoot::Project,
            // A constant, valid path: this cannot fail.
            VirtualPath::new(MAIN_PATH).unwrap_or_else(|_| unreachable!()),
        )
        .intern();
        Self {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(book),
            fonts,
            main_id,
            compilations: AtomicUsize::new(0),
        }
    }

    /// The process-wide engine, built on first use.
    pub fn global() -> &'static PdfEngine {
        static ENGINE: OnceLock<PdfEngine> = OnceLock::new();
        ENGINE.get_or_init(PdfEngine::new)
    }

    /// The embedded font families, for diagnostics and tests.
    pub fn families(&self) -> Vec<String> {
        let mut families: Vec<String> =
            self.fonts.iter().map(|f| f.info().family.clone()).collect();
        families.dedup();
        families
    }

    /// See [`missing_glyphs`].
    pub fn missing_glyphs(&self, text: &str) -> Vec<char> {
        let mut missing = Vec::new();
        for c in text.chars() {
            if c.is_whitespace() || c.is_control() || is_invisible_format(c) || missing.contains(&c)
            {
                continue;
            }
            if forbidden_in_pdf(c)
                || !self
                    .fonts
                    .iter()
                    .any(|f| f.info().coverage.contains(c as u32))
            {
                missing.push(c);
            }
        }
        missing
    }

    /// Compiles a self-contained Typst document to a tagged PDF/UA-1 + PDF/A-2b file.
    /// `date` is the document's date: Typst's `today` and the PDF timestamp.
    pub fn compile(&self, source: &str, date: time::Date) -> Result<Pdf, PdfError> {
        self.with_world(source, date, |world| {
            let (document, warnings) = compile_document(world)?;
            let options = pdf_options(date)?;
            let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| {
                PdfError::Export(errors.iter().map(|d| diagnostic(world, d)).collect())
            })?;
            Ok(Pdf { bytes, warnings })
        })
    }

    /// Compiles to laid-out pages without PDF export (for tests that read the text).
    #[cfg(test)]
    pub(crate) fn layout(&self, source: &str, date: time::Date) -> Result<PagedDocument, PdfError> {
        self.with_world(source, date, |world| {
            compile_document(world).map(|(doc, _)| doc)
        })
    }

    /// Runs `f` in a world for `source`, then trims the memo cache.
    fn with_world<T>(
        &self,
        source: &str,
        date: time::Date,
        f: impl FnOnce(&ReportWorld<'_>) -> T,
    ) -> T {
        let world = ReportWorld {
            engine: self,
            main: Source::new(self.main_id, source.to_string()),
            today: Datetime::Date(date),
        };
        let result = f(&world);
        self.compilations.fetch_add(1, Ordering::Relaxed);
        typst::comemo::evict(EVICT_MAX_AGE);
        result
    }

    /// How many documents this engine has compiled.
    pub fn compilations(&self) -> usize {
        self.compilations.load(Ordering::Relaxed)
    }
}

impl Default for PdfEngine {
    fn default() -> Self {
        Self::new()
    }
}

/// Characters a PDF/UA document may not contain in its text, whatever the fonts: the
/// noncharacter U+FFFE and the private use areas (their meaning is private, so no reader
/// can know what they say). The export refuses them; [`missing_glyphs`] reports them.
fn forbidden_in_pdf(c: char) -> bool {
    matches!(c as u32, 0xFFFE | 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// Characters that shape into no glyph of their own: zero-width joiners and spaces,
/// variation selectors, bidi controls, soft hyphen, tags (emoji flags).
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{E0000}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// The PDF options: tagged, PDF/UA-1 (accessible) and PDF/A-2b (archival), dated by
/// the document date so the same input gives the same bytes.
fn pdf_options(date: time::Date) -> Result<PdfOptions, PdfError> {
    let standards = PdfStandards::new(&[PdfStandard::Ua_1, PdfStandard::A_2b])
        .map_err(|e| PdfError::Options(e.message().to_string()))?;
    Ok(PdfOptions {
        ident: Smart::Auto,
        creator: Smart::Custom(Some(format!(
            "courtreport {} (Typst 0.15)",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp: Some(Timestamp::new_utc(Datetime::Date(date))),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    })
}

fn compile_document(world: &ReportWorld<'_>) -> Result<(PagedDocument, Vec<Diagnostic>), PdfError> {
    let warned = typst::compile::<PagedDocument>(world);
    let mut warnings: Vec<Diagnostic> = warned
        .warnings
        .iter()
        .map(|d| diagnostic(world, d))
        .collect();
    warnings.dedup();
    let document = warned.output.map_err(|errors| {
        PdfError::Compile(errors.iter().map(|d| diagnostic(world, d)).collect())
    })?;
    Ok((document, warnings))
}

fn diagnostic(world: &ReportWorld<'_>, diag: &SourceDiagnostic) -> Diagnostic {
    let severity = match diag.severity {
        Severity::Error => DiagnosticSeverity::Error,
        Severity::Warning => DiagnosticSeverity::Warning,
    };
    let mut hints: Vec<String> = diag.hints.iter().map(|h| h.v.to_string()).collect();
    if diag.message.contains("access denied") {
        hints.push(
            "reports are compiled in a sandbox: the page template cannot read files, \
             images or packages"
                .to_string(),
        );
    }
    let mut location = None;
    let mut source_line = None;
    if diag.span.id() == Some(world.main.id())
        && let Some(range) = world.range(diag.span)
    {
        let lines = world.main.lines();
        if let Some((line, column)) = lines.byte_to_line_column(range.start) {
            location = Some((line + 1, column + 1));
            source_line = world
                .main
                .text()
                .lines()
                .nth(line)
                .map(|l| l.trim().chars().take(160).collect());
        }
    }
    Diagnostic {
        severity,
        message: diag.message.to_string(),
        hints,
        location,
        source_line,
    }
}

/// One compilation's view of the world: the shared engine, the document, its date.
/// Every other file is refused.
struct ReportWorld<'a> {
    engine: &'a PdfEngine,
    main: Source,
    today: Datetime,
}

impl World for ReportWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    /// Only the document itself is readable (the trait asks that `file` succeed where
    /// `source` does); no file system, images or packages.
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }

    /// The document date, not the clock: the same record renders the same PDF.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// The text of a laid-out document in reading order of its text runs (tests only).
#[cfg(test)]
pub(crate) fn document_text(document: &PagedDocument) -> String {
    fn walk(frame: &typst::layout::Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(group) => walk(&group.frame, out),
                typst::layout::FrameItem::Text(text) => out.push_str(&text.text),
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for page in document.pages() {
        walk(&page.frame, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn meta() -> DocumentMeta {
        DocumentMeta {
            title: "Section 7 Report \\ \"quoted\" #x".into(),
            author: "A. Adviser".into(),
            court: "Family Court at Exampleton".into(),
            case_number: "EX26P00123".into(),
            draft: true,
            date: date!(2027 - 01 - 11),
            language: "en-GB".into(),
            confidentiality: DEFAULT_CONFIDENTIALITY.into(),
        }
    }

    #[test]
    fn embedded_fonts_cover_the_names_we_support() {
        let names = "王小明 山田花子 Ŵyn Ŷr ŵ ŷ Łukasz Śliwiński Ó Súilleabháin Αλεξάνδρα Наталья عائشہ خان فاطمة £ ‘’ “” – — … € 😀 🥞 ⭐ ✓ ★ 👨‍👩‍👧 ❤️";
        assert_eq!(missing_glyphs(names), Vec::<char>::new());
        // Urdu heh goal (U+06C1) must be there: without a Naskh font typst drops it.
        assert!(missing_glyphs("\u{06C1}").is_empty());
    }

    #[test]
    fn uncovered_glyphs_are_reported_once_each() {
        assert_eq!(
            missing_glyphs("王 小明 \u{13000} 김 \u{13000} a\u{200D}b \t\n"),
            ['\u{13000}', '김']
        );
    }

    #[test]
    fn arabic_is_set_in_naskh_not_a_monospace_font() {
        let engine = PdfEngine::global();
        assert!(engine.families().iter().any(|f| f == "Noto Naskh Arabic"));
        assert!(!engine.families().iter().any(|f| f.contains("Mono")));
    }

    #[test]
    fn metadata_goes_in_as_string_literals() {
        let doc = typst_document(&meta(), "Body.\n", "#let report(..args, body) = body\n");
        assert!(
            doc.contains(r#"title: "Section 7 Report \\ \"quoted\" #x","#),
            "{doc}"
        );
        assert!(doc.contains(r#"lang: "en","#), "{doc}");
        assert!(doc.contains(r#"region: "GB","#), "{doc}");
        assert!(
            doc.contains("date: datetime(year: 2027, month: 1, day: 11),"),
            "{doc}"
        );
    }

    #[test]
    fn language_tags_become_lang_and_region() {
        for (tag, lang, region) in [
            ("en-GB", r#""en""#, r#""GB""#),
            ("cy", r#""cy""#, "none"),
            ("sr-Latn-RS", r#""sr""#, r#""RS""#),
        ] {
            let meta = DocumentMeta {
                language: tag.into(),
                ..meta()
            };
            let doc = typst_document(&meta, "", "");
            assert!(
                doc.contains(&format!("lang: {lang},\n  region: {region},")),
                "{doc}"
            );
        }
    }

    #[test]
    fn header_and_footer_text_is_laid_out() {
        let source = typst_document(&meta(), "Body text.\n", DEFAULT_TEMPLATE);
        let doc = PdfEngine::global().layout(&source, meta().date).unwrap();
        let text = document_text(&doc);
        for expected in [
            "Family Court at Exampleton",
            "DRAFT",
            "Case number: EX26P00123",
            "Page 1 of 1",
            "Body text.",
        ] {
            assert!(
                text.contains(expected),
                "{expected:?} missing from {text:?}"
            );
        }
    }

    #[test]
    fn sandbox_refuses_files_images_imports_and_packages() {
        for code in [
            r#"#read("/etc/passwd")"#,
            r#"#read("../../../../etc/passwd")"#,
            r#"#image("/etc/hostname")"#,
            r#"#include "/etc/passwd""#,
            r#"#import "/lib.typ": x"#,
            r#"#import "@preview/example:0.1.0": x"#,
        ] {
            let err = PdfEngine::global().compile(code, meta().date).unwrap_err();
            let PdfError::Compile(diags) = &err else {
                panic!("{code}: {err}")
            };
            assert!(!diags.is_empty(), "{code}");
            let shown = err.to_string();
            assert!(!shown.contains("root:"), "{code}: {shown}");
            assert!(shown.contains("error: "), "{shown}");
        }
        let err = PdfEngine::global()
            .compile(r#"#read("/etc/passwd")"#, meta().date)
            .unwrap_err();
        let shown = err.to_string();
        assert!(shown.contains("access denied"), "{shown}");
        assert!(shown.contains("--> /main.typ:1:"), "{shown}");
        assert!(
            shown.contains("hint: reports are compiled in a sandbox"),
            "{shown}"
        );
    }

    #[test]
    fn today_is_the_document_date_not_the_clock() {
        let doc = PdfEngine::global()
            .layout("#datetime.today().display()", date!(2027 - 01 - 11))
            .unwrap();
        assert_eq!(document_text(&doc), "2027-01-11");
    }

    #[test]
    fn nul_and_other_controls_in_the_metadata_do_not_fail_the_export() {
        // Found by the `narrative_pdf` fuzz target (crash-93f95f87...): NUL bytes in the
        // header text gave "PDF/UA-1 error: the text contains the disallowed codepoint".
        let meta = DocumentMeta {
            title: "Section 7 Report \0\u{1}".into(),
            author: "A\0 \u{FEFF}\u{202E}B".into(),
            court: "The \0\0\0 court".into(),
            case_number: "\u{FEFF}EX\t1\n2".into(),
            ..meta()
        };
        let pdf = render_pdf(&meta, "Body.\n", None).unwrap_or_else(|e| panic!("{e}"));
        assert!(pdf.bytes.starts_with(b"%PDF-"));
    }

    #[test]
    fn a_broken_template_is_an_error_with_location_not_a_panic() {
        let err = PdfEngine::global()
            .compile("#let x = (\n", meta().date)
            .unwrap_err();
        assert!(matches!(err, PdfError::Compile(_)), "{err}");
        assert!(err.to_string().contains("/main.typ:"), "{err}");
    }
}
