//! Any bytes as a case record: load → check → Markdown draft → Typst source.
//!
//! Invariants (a panic is a finding):
//! - loading either gives a record or a located `syntax`/`schema` finding;
//! - checking never panics, and every finding's place is inside the file;
//! - the Markdown draft renders (with `--allow-incomplete` semantics) and the Typst
//!   source made from it parses without a syntax error: record text can never break
//!   the generated markup.
//!
//! The PDF itself is not compiled here (50-150 ms per case would make this target ~100x
//! slower); `narrative_pdf` compiles what a record's text becomes.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use courtreport::record::{self, Date, LoadError};
use courtreport::render::{self, Format, Job, Templates};
use libfuzzer_sys::fuzz_target;

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| Templates::embedded().expect("the built-in templates compile"))
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.toml");
    let file = match record::parse_bytes(path, data.to_vec()) {
        Ok(file) => file,
        Err(LoadError::Invalid { finding, .. }) => {
            let loc = finding.location.as_ref().expect("a load finding has a place");
            assert!(loc.line >= 1 && loc.column >= 1, "{finding:?}");
            assert!(loc.start <= data.len(), "{finding:?}");
            let _ = finding.render_human(path);
            return;
        }
        Err(e @ LoadError::Io { .. }) => panic!("parse_bytes cannot do I/O: {e}"),
    };
    let findings = courtreport::check::check(&file);
    for f in &findings {
        if let Some(loc) = &f.location {
            assert!(loc.start <= file.source.len(), "{f:?}");
        }
        let _ = f.render_human(path);
    }
    let job = Job {
        kind: file.record.report.kind,
        format: Format::Typst,
        findings: &findings,
        fallback_date: Date::from_ymd(2027, 1, 11).expect("a valid date"),
    };
    let rendered = render::render(&file, templates(), &job).expect("the built-in templates render any record");
    let source = String::from_utf8(rendered.bytes).expect("Typst source is UTF-8");
    let (errors, _) = typst::syntax::parse(&source).errors_and_warnings();
    assert!(
        errors.is_empty(),
        "generated Typst does not parse: {:?}\n{}",
        errors.iter().map(|e| &e.message).collect::<Vec<_>>(),
        source
    );
});
