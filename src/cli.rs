//! The command line: every command and flag, defined once. Help, completions and the
//! man page are all generated from these definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use courtreport::record::ReportKind;
use courtreport::render::Format as RenderFormat;

#[derive(Debug, Parser)]
#[command(
    name = "courtreport",
    version,
    about = "Check a case record and render a court-ready draft of a welfare report (Section 7 or child impact report).",
    long_about = None,
    after_help = "Examples:\n  courtreport check samples/domestic-abuse.toml\n  courtreport render samples/domestic-abuse.toml --to pdf\n  courtreport new --kind section7 > case.toml"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Print more about what is done.
    #[arg(long, short, global = true, conflicts_with = "quiet")]
    pub verbose: bool,

    /// When to use colour: auto (a terminal), always or never. NO_COLOR, when set, always wins.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check case records and report what a court would find missing.
    #[command(
        after_help = "Example:\n  courtreport check samples/*.toml\n  courtreport check case.toml --format json\n\nExit status: 0 no errors (warnings allowed), 1 errors found, 2 a file could not be read."
    )]
    Check(CheckArgs),

    /// Render a case record to a Markdown, PDF or Typst draft.
    #[command(
        after_help = "Examples:\n  courtreport render case.toml                 # writes case.md beside it\n  courtreport render case.toml --to pdf -o draft.pdf\n  courtreport render case.toml --to md -o -    # to standard output\n  courtreport render case.toml --allow-incomplete  # gaps marked [MISSING: ...]"
    )]
    Render(RenderArgs),

    /// Explain a rule code of the checker: what it requires, why, and how to fix it.
    #[command(after_help = "Examples:\n  courtreport explain E003\n  courtreport explain --all")]
    Explain(ExplainArgs),

    /// Print a commented skeleton record to fill in.
    #[command(after_help = "Example:\n  courtreport new --kind section7 > case.toml")]
    New(NewArgs),
    /// Print the JSON Schema of the case record, for editor completion and validation.
    #[command(
        after_help = "Example:\n  courtreport schema > case.schema.json\n\nThen start each record with the line\n  #:schema ./case.schema.json\nand Even Better TOML (VS Code) or another taplo-based editor completes and\nchecks its fields as you type. `courtreport new` writes that line for you."
    )]
    Schema,

    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  courtreport completions bash > ~/.local/share/bash-completion/completions/courtreport\n  courtreport completions zsh > ~/.zfunc/_courtreport\n  courtreport completions fish > ~/.config/fish/completions/courtreport.fish\n  courtreport completions powershell >> $PROFILE"
    )]
    Completions(CompletionsArgs),

    /// Print the manual page (roff), for `man`.
    #[command(
        after_help = "Examples:\n  courtreport man > ~/.local/share/man/man1/courtreport.1\n  courtreport man | man -l -"
    )]
    Man,

    /// Check and render every case record under some folders, in parallel.
    #[command(
        after_help = "Examples:\n  courtreport batch cases/ --out drafts/                # Markdown and PDF for every cases/**/*.toml\n  courtreport batch cases/ --to md --out drafts/ --jobs 2\n  courtreport batch cases/ --out drafts/ --format json  # a JSON summary on standard output\n\nExit status: 0 every case rendered, 1 some case refused (errors in the record) or failed, 2 the batch itself could not run."
    )]
    Batch(BatchArgs),

    /// Write fictional, varied case records that pass `check` (for training and benchmarks).
    #[command(
        after_help = "Example:\n  courtreport sample --count 100 --seed 7 --out training/\n\nThe same seed and count always give the same files, byte for byte."
    )]
    Sample(SampleArgs),
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Folders (searched recursively for *.toml) or record files.
    #[arg(required = true, value_name = "DIR")]
    pub inputs: Vec<PathBuf>,

    /// What to write for each case, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "md,pdf")]
    pub to: Vec<OutputKind>,

    /// The folder to write into (created if missing); outputs keep the inputs' relative paths.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Worker threads; default one per core.
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Overwrite existing output files.
    #[arg(long)]
    pub force: bool,

    /// Summary format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// A folder of templates (NAME.md.tera) that override the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// How many records to write.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub count: u64,

    /// The seed: the same seed and count give the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    /// The folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line:col: error[CODE]: message` with a hint line.
    Human,
    /// One JSON document with every finding, for scripts.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Case record files (TOML).
    #[arg(required = true, value_name = "CASE.toml")]
    pub files: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputKind {
    /// The Markdown draft.
    Md,
    /// A PDF compiled in-process with Typst.
    Pdf,
    /// The self-contained Typst source of the PDF, to adjust by hand.
    Typ,
}

impl OutputKind {
    pub fn format(self) -> RenderFormat {
        match self {
            OutputKind::Md => RenderFormat::Markdown,
            OutputKind::Pdf => RenderFormat::Pdf,
            OutputKind::Typ => RenderFormat::Typst,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Section7,
    ChildImpact,
}

impl From<KindArg> for ReportKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Section7 => ReportKind::Section7,
            KindArg::ChildImpact => ReportKind::ChildImpact,
        }
    }
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The case record (TOML).
    #[arg(value_name = "CASE.toml")]
    pub file: PathBuf,

    /// What to write.
    #[arg(long, value_enum, default_value_t = OutputKind::Md)]
    pub to: OutputKind,

    /// The report kind; by default the record's `report.kind`.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,

    /// Where to write; `-` for standard output. Default: beside the record, NAME.md/.pdf/.typ.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Overwrite an existing output file.
    #[arg(long)]
    pub force: bool,

    /// Render even when the record has errors; every gap is marked [MISSING: ...].
    #[arg(long)]
    pub allow_incomplete: bool,

    /// A folder of templates (NAME.md.tera, report.typ) that override the built-in ones.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The kind of report the record is for.
    #[arg(long, value_enum, default_value_t = KindArg::Section7)]
    pub kind: KindArg,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code, e.g. E003 or W006.
    #[arg(required_unless_present = "all")]
    pub code: Option<String>,

    /// List every rule.
    #[arg(long)]
    pub all: bool,
}
