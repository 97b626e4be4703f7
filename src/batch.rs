//! Batch rendering: every case record under some folders, checked and rendered in
//! parallel, one bad case never stopping the others.
//!
//! The flow: [`discover`] the `*.toml` files under the inputs (each with the relative path
//! its outputs keep under the output folder), then [`run`] them on a rayon pool. Each case
//! goes through [`render_case`]: load, check, Markdown (templates shared by all threads),
//! then the Typst markup and the PDF (fonts and library shared through
//! [`PdfEngine::global`](crate::render::pdf::PdfEngine::global)), and each output is
//! written atomically. A case whose record has errors is *refused* (nothing written); a
//! case that could not be done (I/O, a broken template, a panic) has *failed*; both are
//! reported in the [`BatchReport`], with the first findings.
//!
//! The library never prints: progress is reported through the [`Progress`] trait.

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::output::{WriteError, write_atomic};
use crate::record::{self, CaseFile, Date, LoadError};
use crate::render::{self, Format, Job, Templates};

/// The stack of each worker thread.
const WORKER_STACK: usize = 16 << 20;

/// How many findings a case report keeps (errors first, then warnings).
pub const FIRST_FINDINGS: usize = 5;

/// What to do with the cases found.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// The folder the outputs go under (created if missing). Each output keeps the
    /// input's relative path: `IN/court-a/case.toml` → `OUT/court-a/case.md`.
    pub out: PathBuf,
    /// What to write for each case, each once.
    pub formats: Vec<Format>,
    /// Replace existing output files. Without it, a case whose output exists fails and
    /// nothing of it is written.
    pub force: bool,
    /// The document date of a PDF whose record has none (see
    /// [`render::document_date`]): `SOURCE_DATE_EPOCH` or today, from the caller.
    pub fallback_date: Date,
}

/// One case found by [`discover`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseInput {
    /// The record file, as found (input folder joined with the relative path).
    pub path: PathBuf,
    /// The path of its outputs under the output folder, without extension.
    pub relative: PathBuf,
}

/// A failure of the batch itself (not of one case): exit status 2.
#[derive(Debug)]
pub enum BatchError {
    /// An input does not exist or cannot be listed.
    Input {
        path: PathBuf,
        error: std::io::Error,
    },
    /// No `*.toml` file under the inputs.
    NoCases(Vec<PathBuf>),
    /// The output folder cannot be created.
    Output {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The thread pool could not be built.
    Pool(String),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Input { path, error } if error.kind() == std::io::ErrorKind::NotFound => {
                write!(f, "{}: no such file or folder", path.display())
            }
            BatchError::Input { path, error } => {
                write!(f, "cannot read {}: {error}", path.display())
            }
            BatchError::NoCases(inputs) => {
                let list: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
                write!(f, "no case records (*.toml) found in {}", list.join(", "))
            }
            BatchError::Output { path, error } => {
                write!(
                    f,
                    "cannot create the output folder {}: {error}",
                    path.display()
                )
            }
            BatchError::Pool(message) => write!(f, "cannot start worker threads: {message}"),
        }
    }
}

impl std::error::Error for BatchError {}

/// Every `*.toml` file under `inputs`, in a stable order. A file given directly is taken
/// whatever its extension; a folder is searched recursively (hidden entries skipped).
///
/// The relative output path: a folder's files keep their path inside it; with more than
/// one input folder, the folder's own name goes in front, so `a/x.toml` and `b/x.toml`
/// do not write to the same place. A file given directly keeps its file name.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<CaseInput>, BatchError> {
    let folders = inputs.iter().filter(|p| p.is_dir()).count();
    let mut cases = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|error| BatchError::Input {
            path: input.clone(),
            error,
        })?;
        if meta.is_dir() {
            let prefix = if folders > 1 {
                folder_name(input)
            } else {
                PathBuf::new()
            };
            let mut found = Vec::new();
            walk(input, &mut found)?;
            found.sort();
            for path in found {
                let inner = path.strip_prefix(input).unwrap_or(&path).to_path_buf();
                let relative = prefix.join(inner).with_extension("");
                cases.push(CaseInput { path, relative });
            }
        } else {
            let name = input.file_name().map(PathBuf::from).unwrap_or_default();
            cases.push(CaseInput {
                path: input.clone(),
                relative: name.with_extension(""),
            });
        }
    }
    if cases.is_empty() {
        return Err(BatchError::NoCases(inputs.to_vec()));
    }
    Ok(cases)
}

/// The last normal component of a folder path (`.` → its absolute name), for prefixes.
fn folder_name(dir: &Path) -> PathBuf {
    let named = |p: &Path| {
        p.components().rev().find_map(|c| match c {
            Component::Normal(name) => Some(PathBuf::from(name)),
            _ => None,
        })
    };
    named(dir)
        .or_else(|| dir.canonicalize().ok().as_deref().and_then(named))
        .unwrap_or_else(|| PathBuf::from("input"))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), BatchError> {
    let entries = std::fs::read_dir(dir).map_err(|error| BatchError::Input {
        path: dir.to_path_buf(),
        error,
    })?;
    for entry in entries {
        let entry = entry.map_err(|error| BatchError::Input {
            path: dir.to_path_buf(),
            error,
        })?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Follows symbolic links to files; folders are entered only when real, so a link
        // cycle cannot loop.
        let file_type = entry.file_type().map_err(|error| BatchError::Input {
            path: path.clone(),
            error,
        })?;
        if file_type.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseStatus {
    /// Every output written.
    Rendered,
    /// The record has errors (or does not load): nothing written.
    Refused,
    /// The tool could not do it: I/O, an existing output without `--force`, a template
    /// or PDF failure, a panic.
    Failed,
}

/// One finding as the batch summary shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingSummary {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl FindingSummary {
    fn of(f: &Finding) -> Self {
        FindingSummary {
            severity: f.severity,
            code: f.code,
            message: f.message.clone(),
            line: f.location.as_ref().map(|l| l.line),
            column: f.location.as_ref().map(|l| l.column),
        }
    }

    /// `case.toml:12:3: error[E003]: message`, as `check` prints it.
    pub fn render_human(&self, file: &Path) -> String {
        let place = match (self.line, self.column) {
            (Some(l), Some(c)) => format!(":{l}:{c}"),
            _ => String::new(),
        };
        format!(
            "{}{place}: {}[{}]: {}",
            file.display(),
            self.severity.label(),
            self.code,
            self.message
        )
    }
}

/// What happened to one case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseReport {
    pub input: PathBuf,
    /// The files written (empty unless rendered).
    pub outputs: Vec<PathBuf>,
    pub status: CaseStatus,
    pub errors: usize,
    pub warnings: usize,
    /// The first [`FIRST_FINDINGS`] findings, errors first.
    pub first_findings: Vec<FindingSummary>,
    /// Why the case failed, when it did.
    pub message: Option<String>,
    /// Wall time for the case, in milliseconds.
    pub time_ms: f64,
}

impl CaseReport {
    fn new(input: &Path) -> Self {
        CaseReport {
            input: input.to_path_buf(),
            outputs: Vec::new(),
            status: CaseStatus::Failed,
            errors: 0,
            warnings: 0,
            first_findings: Vec::new(),
            message: None,
            time_ms: 0.0,
        }
    }

    fn failed(mut self, message: impl Into<String>) -> Self {
        self.status = CaseStatus::Failed;
        self.message = Some(message.into());
        self
    }

    fn with_findings(mut self, findings: &[Finding]) -> Self {
        self.errors = findings.iter().filter(|f| f.is_error()).count();
        self.warnings = findings.len() - self.errors;
        let mut first: Vec<&Finding> = findings.iter().filter(|f| f.is_error()).collect();
        first.extend(findings.iter().filter(|f| !f.is_error()));
        self.first_findings = first
            .into_iter()
            .take(FIRST_FINDINGS)
            .map(FindingSummary::of)
            .collect();
        self
    }
}

/// The outcome of a whole batch, in the order of the inputs.
#[derive(Debug, Clone, Serialize)]
pub struct BatchReport {
    pub total: usize,
    pub rendered: usize,
    pub refused: usize,
    pub failed: usize,
    /// Worker threads used.
    pub jobs: usize,
    /// Wall time of the batch, in milliseconds.
    pub time_ms: f64,
    pub cases: Vec<CaseReport>,
}

impl BatchReport {
    /// Every case rendered.
    pub fn all_rendered(&self) -> bool {
        self.rendered == self.total
    }
}

/// Told about the batch as it runs, from any worker thread.
pub trait Progress: Sync {
    /// Before the first case.
    fn start(&self, _total: usize) {}
    /// After each case, in completion order.
    fn case_done(&self, _case: &CaseReport) {}
}

/// A [`Progress`] that ignores everything.
pub struct NoProgress;

impl Progress for NoProgress {}

/// Renders every case with `jobs` worker threads (`None`: one per core).
pub fn run(
    cases: &[CaseInput],
    options: &BatchOptions,
    templates: &Templates,
    jobs: Option<usize>,
    progress: &dyn Progress,
) -> Result<BatchReport, BatchError> {
    std::fs::create_dir_all(&options.out).map_err(|error| BatchError::Output {
        path: options.out.clone(),
        error,
    })?;
    run_with(cases, jobs, progress, |case| {
        render_case(case, options, templates)
    })
}

/// The parallel driver: runs `one` on every case on a pool of `jobs` threads, turning a
/// panic into a failed case. Separate from [`run`] so it can be tested with any `one`.
pub fn run_with<F>(
    cases: &[CaseInput],
    jobs: Option<usize>,
    progress: &dyn Progress,
    one: F,
) -> Result<BatchReport, BatchError>
where
    F: Fn(&CaseInput) -> CaseReport + Sync,
{
    // Typst's layout recurses deeply: worker threads get a main thread's stack, not the
    // 2 MiB of a spawned thread (only touched pages use memory).
    let mut builder = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("batch-{i}"))
        .stack_size(WORKER_STACK);
    if let Some(n) = jobs {
        builder = builder.num_threads(n.max(1));
    }
    let pool = builder
        .build()
        .map_err(|e| BatchError::Pool(e.to_string()))?;
    let started = Instant::now();
    progress.start(cases.len());
    // Each worker takes the next case when it has finished the last one. Not a parallel
    // iterator over the cases: Typst parallelises inside a document on the same pool, and
    // a worker waiting for that would steal and start another *case* on top of its stack,
    // so that every case of the batch ends up half-done at once (memory grew ~8 MiB a
    // case, and the stack overflowed). Here the only work to steal is within documents.
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, CaseReport)>> = Mutex::new(Vec::with_capacity(cases.len()));
    pool.broadcast(|_| {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(case) = cases.get(i) else {
                break;
            };
            let t = Instant::now();
            let mut report = match catch_unwind(AssertUnwindSafe(|| one(case))) {
                Ok(report) => report,
                Err(payload) => CaseReport::new(&case.path)
                    .failed(format!("internal error (panic): {}", panic_text(&*payload))),
            };
            report.time_ms = millis(t.elapsed());
            progress.case_done(&report);
            done.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((i, report));
        }
    });
    let mut done = done.into_inner().unwrap_or_else(PoisonError::into_inner);
    done.sort_by_key(|(i, _)| *i);
    let reports: Vec<CaseReport> = done.into_iter().map(|(_, r)| r).collect();
    let count = |s: CaseStatus| reports.iter().filter(|r| r.status == s).count();
    Ok(BatchReport {
        total: reports.len(),
        rendered: count(CaseStatus::Rendered),
        refused: count(CaseStatus::Refused),
        failed: count(CaseStatus::Failed),
        jobs: pool.current_num_threads(),
        time_ms: millis(started.elapsed()),
        cases: reports,
    })
}

fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "no message".to_string()
    }
}

/// One case: load, check, render each format, write each output atomically.
pub fn render_case(case: &CaseInput, options: &BatchOptions, templates: &Templates) -> CaseReport {
    let report = CaseReport::new(&case.path);
    let file = match record::load(&case.path) {
        Ok(file) => file,
        Err(LoadError::Invalid { finding, .. }) => {
            let mut report = report.with_findings(&[*finding]);
            report.status = CaseStatus::Refused;
            return report;
        }
        Err(err @ LoadError::Io { .. }) => return report.failed(err.to_string()),
    };
    let findings = crate::check::check(&file);
    let mut report = report.with_findings(&findings);
    if report.errors > 0 {
        report.status = CaseStatus::Refused;
        return report;
    }

    let targets: Vec<(Format, PathBuf)> = options
        .formats
        .iter()
        .map(|&f| (f, output_path(&options.out, &case.relative, f)))
        .collect();
    if !options.force
        && let Some((_, existing)) = targets.iter().find(|(_, p)| p.symlink_metadata().is_ok())
    {
        return report.failed(format!(
            "{} already exists; pass --force to overwrite it",
            existing.display()
        ));
    }

    let mut outputs = Vec::with_capacity(targets.len());
    let mut warnings: Vec<Finding> = Vec::new();
    for (format, _) in &targets {
        match render_one(&file, &findings, *format, options, templates) {
            Ok(rendered) => {
                for w in rendered.warnings {
                    if !warnings.contains(&w) {
                        warnings.push(w);
                    }
                }
                outputs.push((*format, rendered.bytes));
            }
            Err(e) => return report.failed(e.to_string()),
        }
    }
    if !warnings.is_empty() {
        let mut all = findings.clone();
        all.extend(warnings);
        report = report.with_findings(&all);
    }
    for (format, path) in &targets {
        let Some((_, bytes)) = outputs.iter().find(|(f, _)| f == format) else {
            continue;
        };
        if let Some(folder) = path.parent()
            && let Err(e) = std::fs::create_dir_all(folder)
        {
            return report.failed(format!("cannot create {}: {e}", folder.display()));
        }
        if let Err(e) = write_atomic(path, bytes, options.force) {
            let message = match e {
                WriteError::Exists(p) => {
                    format!(
                        "{} already exists; pass --force to overwrite it",
                        p.display()
                    )
                }
                other => other.to_string(),
            };
            return report.failed(message);
        }
        report.outputs.push(path.clone());
    }
    report.status = CaseStatus::Rendered;
    report
}

/// `OUT/relative.ext`.
pub fn output_path(out: &Path, relative: &Path, format: Format) -> PathBuf {
    let mut path = out.join(relative).into_os_string();
    path.push(".");
    path.push(format.extension());
    PathBuf::from(path)
}

/// One format of one record, through the same [`render::render`] as `courtreport render`.
fn render_one(
    file: &CaseFile,
    findings: &[Finding],
    format: Format,
    options: &BatchOptions,
    templates: &Templates,
) -> Result<render::Rendered, render::RenderError> {
    let job = Job {
        kind: file.record.report.kind,
        format,
        findings,
        fallback_date: options.fallback_date,
    };
    render::render(file, templates, &job)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(name: &str) -> CaseInput {
        CaseInput {
            path: PathBuf::from(format!("{name}.toml")),
            relative: PathBuf::from(name),
        }
    }

    #[test]
    fn a_panic_in_one_case_fails_that_case_only() {
        let cases: Vec<CaseInput> = ["a", "boom", "c"].iter().map(|n| case(n)).collect();
        let report = run_with(&cases, Some(2), &NoProgress, |c| {
            if c.relative == Path::new("boom") {
                panic!("the template exploded");
            }
            let mut r = CaseReport::new(&c.path);
            r.status = CaseStatus::Rendered;
            r
        })
        .unwrap();
        assert_eq!((report.rendered, report.failed, report.total), (2, 1, 3));
        let boom = &report.cases[1];
        assert_eq!(boom.input, Path::new("boom.toml"));
        assert_eq!(boom.status, CaseStatus::Failed);
        assert!(
            boom.message
                .as_deref()
                .unwrap()
                .contains("the template exploded")
        );
    }

    #[test]
    fn progress_is_told_about_every_case() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        struct Count(AtomicUsize, AtomicUsize);
        impl Progress for Count {
            fn start(&self, total: usize) {
                self.0.store(total, Ordering::SeqCst);
            }
            fn case_done(&self, _: &CaseReport) {
                self.1.fetch_add(1, Ordering::SeqCst);
            }
        }
        let cases: Vec<CaseInput> = (0..20).map(|i| case(&i.to_string())).collect();
        let count = Count(AtomicUsize::new(0), AtomicUsize::new(0));
        run_with(&cases, Some(3), &count, |c| CaseReport::new(&c.path)).unwrap();
        assert_eq!(count.0.load(Ordering::SeqCst), 20);
        assert_eq!(count.1.load(Ordering::SeqCst), 20);
    }

    #[test]
    fn outputs_keep_the_relative_path() {
        assert_eq!(
            output_path(Path::new("out"), Path::new("court-a/case.v2"), Format::Pdf),
            Path::new("out/court-a/case.v2.pdf")
        );
    }

    #[test]
    fn discovery_is_recursive_sorted_and_prefixed_for_several_folders() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(a.path().join("sub")).unwrap();
        std::fs::create_dir_all(a.path().join(".hidden")).unwrap();
        for p in ["z.toml", "sub/y.toml", "notes.txt", ".hidden/h.toml"] {
            std::fs::write(a.path().join(p), "").unwrap();
        }
        std::fs::write(b.path().join("z.toml"), "").unwrap();
        let one = discover(&[a.path().to_path_buf()]).unwrap();
        let rel: Vec<&Path> = one.iter().map(|c| c.relative.as_path()).collect();
        assert_eq!(rel, [Path::new("sub/y"), Path::new("z")]);

        let two = discover(&[a.path().to_path_buf(), b.path().to_path_buf()]).unwrap();
        assert_eq!(two.len(), 3);
        assert_ne!(two[1].relative, two[2].relative);

        let empty = tempfile::tempdir().unwrap();
        assert!(matches!(
            discover(&[empty.path().to_path_buf()]),
            Err(BatchError::NoCases(_))
        ));
    }
}
