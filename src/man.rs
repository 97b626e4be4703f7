//! The manual page: one page, `courtreport(1)`, with a section per command, made from the
//! same clap definitions as `--help` and the completions, so the three never disagree.
//!
//! clap_mangen renders the parts (synopsis, options); this module arranges them into one
//! page and adds what `--help` has no place for: exit status, environment, files.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_mangen::Man;

use crate::cli::Cli;

/// Write the whole page as roff.
pub fn write(out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = Man::new(cmd.clone()).manual("courtreport manual");
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;

    writeln!(out, ".SH COMMANDS")?;
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("courtreport {}", sub.get_name());
        writeln!(out, ".SS \"{}\"", escape(&name))?;
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            writeln!(out, "{}\n.PP", escape(&about.to_string()))?;
        }
        // The global options are described once, above; not again under each command.
        let globals: Vec<_> = sub
            .get_arguments()
            .filter(|a| a.is_global_set() || a.get_id() == "help")
            .map(|a| a.get_id().clone())
            .collect();
        let sub = globals
            .into_iter()
            .fold(sub.clone(), |c, id| c.mut_arg(id, |a| a.hide(true)));
        let sub_man = Man::new(sub.clone());
        let mut parts = Vec::new();
        sub_man.render_synopsis_section(&mut parts)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            sub_man.render_options_section(&mut parts)?;
        }
        // The parts come with their own `.SH` headings; here they sit under the command.
        for line in String::from_utf8_lossy(&parts).lines() {
            if !line.starts_with(".SH ") {
                writeln!(out, "{line}")?;
            }
        }
        if let Some(after) = sub.get_after_long_help().or_else(|| sub.get_after_help()) {
            writeln!(out, ".PP")?;
            verbatim(out, &after.to_string())?;
        }
    }

    writeln!(out, ".SH EXIT STATUS")?;
    for (code, meaning) in [
        ("0", "Done: no errors (warnings are allowed)."),
        (
            "1",
            "A record has errors (findings), or some cases of a batch failed.",
        ),
        (
            "2",
            "Usage error, a file that cannot be read or written, or a broken template.",
        ),
    ] {
        writeln!(out, ".TP\n.B {code}\n{}", escape(meaning))?;
    }

    writeln!(out, ".SH ENVIRONMENT")?;
    for (name, meaning) in [
        (
            "NO_COLOR",
            "When set and not empty, no colour is used, even on a terminal (unless --color always).",
        ),
        (
            "SOURCE_DATE_EPOCH",
            "Seconds since 1970-01-01 UTC: the date written into a PDF, for byte-identical output.",
        ),
    ] {
        writeln!(out, ".TP\n.B {name}\n{}", escape(meaning))?;
    }

    if let Some(after) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) {
        writeln!(out, ".SH EXAMPLES")?;
        verbatim(out, &after.to_string())?;
    }

    writeln!(out, ".SH PRIVACY")?;
    writeln!(
        out,
        "{}",
        escape(
            "courtreport makes no network connections and collects no telemetry. Case records stay where you keep them; keep live case records only on an approved device."
        )
    )?;
    writeln!(out, ".SH SEE ALSO")?;
    writeln!(
        out,
        "{}",
        escape(
            "The README.md of the courtreport source, which includes the table of rule codes; courtreport explain CODE."
        )
    )?;
    man.render_version_section(out)?;
    Ok(())
}

/// Text kept line for line (examples are laid out by hand).
fn verbatim(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, ".nf")?;
    for line in text.lines() {
        writeln!(out, "{}", escape(line))?;
    }
    writeln!(out, ".fi")
}

/// Escape text for roff: backslashes, hyphens (so they stay ASCII hyphen-minus for
/// copying), and a leading `.` or `'` that would read as a request.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with('.') || text.starts_with('\'') {
        format!("\\&{text}")
    } else {
        text
    }
}
