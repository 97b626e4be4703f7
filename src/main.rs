//! The `courtreport` binary: parse the command line, run, map the outcome to an exit code.
//! 0: done (warnings allowed); 1: the record has errors, or some batch cases failed;
//! 2: usage, input/output or template failure.

mod cli;
mod cmd_batch;
mod man;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{CommandFactory, Parser};

use cli::{CheckArgs, Cli, ColorChoice, Command, ExplainArgs, Format, NewArgs, RenderArgs};
use courtreport::finding::{Finding, Severity};
use courtreport::record::{self, CaseFile, Date, LoadError, ReportKind};
use courtreport::render::{self, Templates};

// A batch allocates and frees many small strings per case on several threads; mimalloc
// took the Markdown batch from 0.51 to 0.41 ms of CPU per case against the system
// allocator (1,000 generated cases, one worker, release build).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc keeps freed memory a while for reuse and commits arenas eagerly, which took a
/// 100-case PDF batch from 78 to 159 MiB peak. Purging at once and committing lazily
/// brings it back to ~72 MiB at no measured cost in speed.
fn tune_allocator() {
    use libmimalloc_sys::{mi_option_set, mi_version};
    // Members of mimalloc 3.3's `mi_option_e` (c_src/mimalloc/v3/include/mimalloc.h);
    // the Rust bindings do not name them. Only for the version they were read from.
    const ARENA_EAGER_COMMIT: i32 = 4;
    const PURGE_DELAY: i32 = 15;
    // SAFETY: plain calls into the allocator's option table, with valid option ids.
    unsafe {
        if mi_version() / 100 == 303 {
            mi_option_set(ARENA_EAGER_COMMIT, 0);
            mi_option_set(PURGE_DELAY, 0);
        }
    }
}

/// How a command ended, when it did not fail outright.
enum Outcome {
    Ok,
    /// Errors in the input (findings), already reported.
    Findings,
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    let ui = Ui::new(&cli);
    let result = match cli.command {
        Command::Check(args) => check(&ui, args),
        Command::Render(args) => render_cmd(&ui, args),
        Command::New(args) => new(args),
        Command::Schema => print(&courtreport::schema::case_schema_json()),
        Command::Completions(args) => completions(args.shell),
        Command::Man => man(),
        Command::Explain(args) => explain(args),
        Command::Batch(args) => cmd_batch::batch(args, cli.quiet, ui.color),
        Command::Sample(args) => cmd_batch::sample(args, cli.quiet),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            ui.error(&err);
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// What the user sees on standard error: findings, errors, notes; coloured on a terminal.
struct Ui {
    quiet: bool,
    verbose: bool,
    color: bool,
}

impl Ui {
    fn new(cli: &Cli) -> Ui {
        // NO_COLOR wins over everything, even --color always: a user who set it has
        // said so for every program (a screen reader, a log that keeps escape codes).
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = !no_color
            && match cli.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => io::stderr().is_terminal(),
            };
        Ui {
            quiet: cli.quiet,
            verbose: cli.verbose,
            color,
        }
    }

    fn paint(&self, text: &str, style: anstyle::Style) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    fn finding(&self, file: &Path, finding: &Finding) {
        if self.quiet && finding.severity == Severity::Warning {
            return;
        }
        let text = finding.render_human(file);
        if !self.color {
            eprintln!("{text}");
            return;
        }
        let style = match finding.severity {
            Severity::Error => anstyle::AnsiColor::Red.on_default().bold(),
            Severity::Warning => anstyle::AnsiColor::Yellow.on_default().bold(),
        };
        let label = format!("{}[{}]", finding.severity.label(), finding.code);
        let text = text.replacen(&label, &self.paint(&label, style), 1);
        let hint_style = anstyle::AnsiColor::Cyan.on_default();
        eprintln!(
            "{}",
            text.replacen("hint:", &self.paint("hint:", hint_style), 1)
        );
    }

    fn error(&self, err: &anyhow::Error) {
        let style = anstyle::AnsiColor::Red.on_default().bold();
        eprintln!("{} {err:#}", self.paint("error:", style));
    }

    fn note(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    fn verbose(&self, text: &str) {
        if self.verbose {
            eprintln!("{text}");
        }
    }
}

fn check(ui: &Ui, args: CheckArgs) -> Result<Outcome> {
    let mut any_error = false;
    let mut unreadable = 0;
    let mut reports = Vec::new();
    for path in &args.files {
        let findings = match record::load(path) {
            Ok(file) => courtreport::check::check(&file),
            Err(LoadError::Invalid { finding, .. }) => vec![*finding],
            Err(err @ LoadError::Io { .. }) => {
                ui.error(&anyhow::Error::new(err));
                unreadable += 1;
                continue;
            }
        };
        any_error |= findings.iter().any(Finding::is_error);
        match args.format {
            Format::Human => {
                for f in &findings {
                    ui.finding(path, f);
                }
                let errors = findings.iter().filter(|f| f.is_error()).count();
                let warnings = findings.len() - errors;
                ui.verbose(&format!(
                    "{}: {errors} error(s), {warnings} warning(s)",
                    path.display()
                ));
            }
            Format::Json => reports.push(serde_json::json!({
                "file": path,
                "errors": findings.iter().filter(|f| f.is_error()).count(),
                "warnings": findings.iter().filter(|f| !f.is_error()).count(),
                "findings": findings,
            })),
        }
    }
    if args.format == Format::Json {
        let mut out = io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "files": reports }))?;
        writeln!(out)?;
    }
    if unreadable > 0 {
        bail!(
            "{unreadable} of {} file(s) could not be read",
            args.files.len()
        );
    }
    Ok(if any_error {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

fn render_cmd(ui: &Ui, args: RenderArgs) -> Result<Outcome> {
    let file = match record::load(&args.file) {
        Ok(file) => file,
        Err(LoadError::Invalid { path, finding }) => {
            ui.finding(&path, &finding);
            return Ok(Outcome::Findings);
        }
        Err(err) => return Err(err.into()),
    };
    let findings = courtreport::check::check(&file);
    for f in &findings {
        ui.finding(&file.path, f);
    }
    let errors = findings.iter().filter(|f| f.is_error()).count();
    if errors > 0 && !args.allow_incomplete {
        ui.note(&format!(
            "refusing to render {}: {errors} error(s) above. Fix them, or pass --allow-incomplete to render a draft with each gap marked [MISSING: ...].",
            file.path.display()
        ));
        return Ok(Outcome::Findings);
    }
    let templates = match &args.templates {
        Some(dir) => Templates::with_overrides(dir)?,
        None => Templates::embedded()?,
    };
    let kind = args
        .kind
        .map(ReportKind::from)
        .unwrap_or(file.record.report.kind);
    let job = render::Job {
        kind,
        format: args.to.format(),
        findings: &findings,
        fallback_date: fallback_date()?,
    };
    let rendered = match render::render(&file, &templates, &job) {
        Ok(rendered) => rendered,
        // What the record holds, not a failure of the tool: exit 1, as for findings.
        Err(err @ render::RenderError::Unprintable(_)) => {
            ui.error(&anyhow::Error::new(err));
            return Ok(Outcome::Findings);
        }
        Err(err) => return Err(err.into()),
    };
    for w in &rendered.warnings {
        ui.finding(&file.path, w);
    }
    let target = output_path(&file, &args);
    write_output(ui, target.as_deref(), &rendered.bytes, args.force)?;
    Ok(Outcome::Ok)
}

/// The document date when the record has none: `SOURCE_DATE_EPOCH` (reproducible
/// builds), else today.
fn fallback_date() -> Result<Date> {
    let today = || {
        let now = time::OffsetDateTime::now_utc().date();
        Date(now)
    };
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => {
            let secs: i64 = v.trim().parse().with_context(|| {
                format!("SOURCE_DATE_EPOCH must be a whole number of seconds, not {v:?}")
            })?;
            let at = time::OffsetDateTime::from_unix_timestamp(secs)
                .with_context(|| format!("SOURCE_DATE_EPOCH {secs} is out of range"))?;
            Ok(Date(at.date()))
        }
        _ => Ok(today()),
    }
}

/// `None` means standard output.
fn output_path(file: &CaseFile, args: &RenderArgs) -> Option<PathBuf> {
    match &args.output {
        Some(p) if p.as_os_str() == "-" => None,
        Some(p) => Some(p.clone()),
        None => Some(file.path.with_extension(args.to.format().extension())),
    }
}

fn write_output(ui: &Ui, target: Option<&Path>, bytes: &[u8], force: bool) -> Result<()> {
    let Some(path) = target else {
        let mut out = io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()?;
        return Ok(());
    };
    courtreport::output::write_atomic(path, bytes, force)?;
    ui.note(&format!("wrote {}", path.display()));
    Ok(())
}

fn new(args: NewArgs) -> Result<Outcome> {
    let kind = ReportKind::from(args.kind);
    let mut out = io::stdout().lock();
    out.write_all(courtreport::record::skeleton(kind).as_bytes())?;
    out.flush()?;
    Ok(Outcome::Ok)
}

/// Write `text` to standard output.
fn print(text: &str) -> Result<Outcome> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Ok)
}

/// A completion script for `shell`, generated from the same definitions as `--help`.
fn completions(shell: clap_complete::Shell) -> Result<Outcome> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "courtreport", &mut out);
    print(&String::from_utf8(out)?)
}

/// The manual page, generated from the same definitions as `--help`: one page with a
/// section per command.
fn man() -> Result<Outcome> {
    let mut out = Vec::new();
    man::write(&mut out)?;
    print(&String::from_utf8(out)?)
}

fn explain(args: ExplainArgs) -> Result<Outcome> {
    use courtreport::check::{Enforcement, RULES, Rule};
    let describe = |r: &Rule| {
        let status = match r.enforcement {
            Enforcement::Checker => "",
            Enforcement::Loader => " (checked when the record is loaded)",
            Enforcement::Renderer => " (checked when a PDF is rendered)",
            Enforcement::NotImplemented => " (not checked)",
        };
        format!(
            "{} ({}){status}: {}\n  why: {}\n  fix: {}\n",
            r.code,
            r.severity.label(),
            r.title,
            r.why,
            r.fix
        )
    };
    let mut out = io::stdout().lock();
    if args.all {
        for r in RULES {
            writeln!(out, "{}", describe(r))?;
        }
        return Ok(Outcome::Ok);
    }
    let code = args.code.unwrap_or_default();
    match courtreport::check::rule(&code) {
        Some(r) => write!(out, "{}", describe(r))?,
        None => bail!(
            "no rule has the code {code:?}; `courtreport explain --all` lists them (codes look like E003 or W006)"
        ),
    }
    Ok(Outcome::Ok)
}
