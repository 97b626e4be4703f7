//! `courtreport batch` and `courtreport sample`: the terminal side (progress bar, summary)
//! of [`courtreport::batch`] and [`courtreport::generate`].

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context as _, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::Outcome;
use crate::cli::{self, BatchArgs, SampleArgs};
use courtreport::batch::{self, BatchOptions, BatchReport, CaseReport, CaseStatus, Progress};
use courtreport::render::{Format, Templates};

/// A progress bar on standard error when it is a terminal; nothing otherwise.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, total: usize) {
        self.0.set_length(total as u64);
    }

    fn case_done(&self, case: &CaseReport) {
        if let Some(name) = case.input.file_name() {
            self.0.set_message(name.to_string_lossy().into_owned());
        }
        self.0.inc(1);
    }
}

pub fn batch(args: BatchArgs, quiet: bool, color: bool) -> Result<Outcome> {
    let mut formats: Vec<Format> = Vec::new();
    for kind in &args.to {
        if !formats.contains(&kind.format()) {
            formats.push(kind.format());
        }
    }
    let templates = match &args.templates {
        Some(dir) => Templates::with_overrides(dir)?,
        None => Templates::embedded()?,
    };
    let cases = batch::discover(&args.inputs)?;
    let options = BatchOptions {
        out: args.out.clone(),
        formats,
        force: args.force,
        fallback_date: crate::fallback_date()?,
    };

    let bar = if !quiet && io::stderr().is_terminal() {
        let bar =
            ProgressBar::with_draw_target(Some(cases.len() as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} cases (eta {eta}) {msg}",
        ) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    } else {
        ProgressBar::hidden()
    };

    // A panic in one case is caught and reported as that case's failure; the default
    // hook would print it over the progress bar as well.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = batch::run(
        &cases,
        &options,
        &templates,
        args.jobs.map(usize::from),
        &Bar(bar.clone()),
    );
    std::panic::set_hook(hook);
    bar.finish_and_clear();
    let report = result?;

    match args.format {
        cli::Format::Json => {
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        cli::Format::Human => print_summary(&report, quiet, color),
    }
    Ok(if report.all_rendered() {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}

fn paint(color: bool, text: &str, style: anstyle::Style) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

fn print_summary(report: &BatchReport, quiet: bool, color: bool) {
    let red = anstyle::AnsiColor::Red.on_default().bold();
    let green = anstyle::AnsiColor::Green.on_default().bold();
    for case in &report.cases {
        let label = match case.status {
            CaseStatus::Rendered => continue,
            CaseStatus::Refused => paint(color, "refused:", red),
            CaseStatus::Failed => paint(color, "failed:", red),
        };
        match &case.message {
            Some(message) => {
                // A PDF failure carries every compiler diagnostic; the first few say enough.
                let lines: Vec<&str> = message.lines().collect();
                eprintln!(
                    "{label} {}: {}",
                    case.input.display(),
                    lines[..lines.len().min(4)].join("\n  ")
                );
                if lines.len() > 4 {
                    eprintln!(
                        "  ... ({} more lines; --format json shows them all)",
                        lines.len() - 4
                    );
                }
            }
            None => eprintln!(
                "{label} {} ({} error(s), {} warning(s))",
                case.input.display(),
                case.errors,
                case.warnings
            ),
        }
        if case.status == CaseStatus::Refused {
            for f in case
                .first_findings
                .iter()
                .filter(|f| f.severity.label() == "error")
            {
                eprintln!("  {}", f.render_human(&case.input));
            }
            let shown = case
                .first_findings
                .iter()
                .filter(|f| f.severity.label() == "error")
                .count();
            if case.errors > shown {
                eprintln!(
                    "  ... and {} more: courtreport check {}",
                    case.errors - shown,
                    case.input.display()
                );
            }
        }
    }
    let secs = report.time_ms / 1e3;
    let line = format!(
        "{} of {} case(s) rendered, {} refused, {} failed, in {secs:.1} s on {} thread(s)",
        report.rendered, report.total, report.refused, report.failed, report.jobs
    );
    if report.all_rendered() {
        if !quiet {
            eprintln!("{} {line}", paint(color, "done:", green));
        }
    } else {
        eprintln!("{} {line}", paint(color, "summary:", red));
    }
}

pub fn sample(args: SampleArgs, quiet: bool) -> Result<Outcome> {
    let written =
        courtreport::generate::write_samples(&args.out, args.count, args.seed, args.force)
            .with_context(|| format!("cannot write sample records to {}", args.out.display()))?;
    if !quiet {
        let first = written.first().cloned().unwrap_or_else(PathBuf::new);
        eprintln!(
            "wrote {} fictional case record(s) to {} (seed {}), from {}",
            written.len(),
            args.out.display(),
            args.seed,
            first.display()
        );
    }
    Ok(Outcome::Ok)
}
