//! The command line: arguments, the non-interactive commands, and the entry to the TUI.

mod check;
mod export;
pub mod list;
pub mod report;
pub mod review;
mod stats;

pub use report::ReportFormat;
pub use review::ReviewCommand;

use chrono::NaiveDate;
use clap::builder::TypedValueParser as _;
use clap::{Parser, Subcommand, ValueEnum};
pub use dossier_core::i18n::Lang;
use dossier_core::load::{
    check_paths, load_or_sample, LoadOptions, LoadReport, Progress, Severity,
};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Browse and review French parliamentary written questions offline.
///
/// With no command, opens the interactive viewer on PATHs (files or directories of `.txt` and
/// `.md` question documents); with no PATH, on the sample dossier built into the binary.
#[derive(Debug, Parser)]
#[command(name = "dossier", version)]
pub struct Cli {
    /// The date taken as today for deadlines and delays (YYYY-MM-DD).
    #[arg(long, global = true, env = "DOSSIER_TODAY", value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,

    /// Language of the interface and reports.
    #[arg(long, global = true, default_value_t = Lang::Fr, env = "DOSSIER_LANG",
          value_parser = clap::builder::PossibleValuesParser::new(["fr", "en"]).map(|s| s.parse::<Lang>().unwrap_or_default()))]
    pub lang: Lang,

    /// Where review marks and notes are kept (default: one file per dossier in the user's
    /// data directory).
    #[arg(long, global = true, value_name = "FILE")]
    pub review_file: Option<PathBuf>,

    /// Turn on the mouse in the viewer (wheel scrolling, click to select).
    #[arg(long)]
    pub mouse: bool,

    /// Files or directories to open in the viewer.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// A command to run instead of the viewer.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The non-interactive commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every question as JSON (full records) or CSV (one row per question).
    Export {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Files or directories (default: the sample dossier).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Parse the documents and report what could not be read; exit code 1 when a file was
    /// skipped.
    Check {
        /// Files or directories (default: the sample dossier).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Counts by status, ministry and group; overdue questions; median answer delay.
    Stats {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = StatsFormat::Text)]
        format: StatsFormat,
        /// Files or directories (default: the sample dossier).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// The pending questions, most overdue first, with review flags and notes: a memo to the
    /// deputy in Markdown (French, or English with --lang en), or CSV or JSON.
    Report {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Report the questions a query selects instead of the pending ones.
        #[arg(long, short, value_name = "QUERY")]
        query: Option<String>,
        /// Files or directories (default: the sample dossier).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// The viewer's filtered, sorted list, without the viewer (for scripts).
    List(list::ListArgs),
    /// Share review marks and notes with a colleague.
    Review {
        /// Export or import.
        #[command(subcommand)]
        action: ReviewCommand,
    },
}

/// Formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A JSON array of full records.
    Json,
    /// One row per question, for spreadsheets.
    Csv,
}

/// Formats of `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// Aligned text.
    Text,
    /// JSON.
    Json,
}

/// Everything a command needs besides its own arguments.
pub struct Context {
    /// The date taken as today.
    pub today: NaiveDate,
    /// Interface language.
    pub lang: Lang,
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let ctx = Context {
        today: cli
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        lang: cli.lang,
    };
    let no_paths = Vec::new();
    let named = match &cli.command {
        None => &cli.paths,
        Some(Command::Export { paths, .. })
        | Some(Command::Check { paths })
        | Some(Command::Stats { paths, .. })
        | Some(Command::Report { paths, .. })
        | Some(Command::List(list::ListArgs { paths, .. })) => paths,
        Some(Command::Review { .. }) => &no_paths,
    };
    if let Err(e) = check_paths(named) {
        eprintln!("dossier: {e}");
        return ExitCode::from(2);
    }
    let result = match cli.command {
        None => crate::tui::run(crate::tui::Options {
            paths: cli.paths,
            lang: ctx.lang,
            today: ctx.today,
            mouse: cli.mouse,
            review_file: cli.review_file,
        })
        .map(|()| ExitCode::SUCCESS),
        Some(Command::Export { format, paths }) => {
            let report = load_for_cli(&paths);
            with_stdout(|out| export::run(out, &report, format, &ctx)).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Check { paths }) => {
            let report = load_with_progress(&paths);
            with_stdout(|out| check::run(out, &report)).map(|()| check::exit_code(&report))
        }
        Some(Command::Stats { format, paths }) => {
            let report = load_for_cli(&paths);
            with_stdout(|out| stats::run(out, &report, format, &ctx)).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Report {
            format,
            query,
            paths,
        }) => run_report(
            format,
            query.as_deref(),
            &paths,
            cli.review_file.as_deref(),
            &ctx,
        ),
        Some(Command::List(args)) => list::run(&args, &ctx, cli.review_file.as_deref()),
        Some(Command::Review { action }) => {
            let mut out = io::stdout().lock();
            review::run(&mut out, &action, cli.review_file.as_deref()).map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dossier: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `dossier report`: loads, opens the review store read-only in effect (a report changes
/// nothing), and writes the report of the pending questions.
fn run_report(
    format: ReportFormat,
    query: Option<&str>,
    paths: &[PathBuf],
    review_file: Option<&std::path::Path>,
    ctx: &Context,
) -> anyhow::Result<ExitCode> {
    let parsed = match query {
        Some(text) => match list::parse_query(text) {
            Ok(q) => Some(q),
            Err(message) => {
                eprintln!("dossier: {message}");
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let loaded = load_for_cli(paths);
    let store = dossier_core::review::ReviewStore::for_dossier(review_file, paths);
    if let Some(reason) = store.read_only_reason() {
        eprintln!("dossier: warning: review marks and notes not shown: {reason}");
    }
    let selection = match &parsed {
        Some(q) => list::select(&loaded.questions, q, ctx, store.data()),
        None => report::pending(&loaded.questions),
    };
    with_stdout(|out| report::write(out, &selection, &store, format, ctx))?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `body` on a buffered stdout; a closed pipe (`dossier export | head`) is not an error.
pub(crate) fn with_stdout(
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = body(&mut out).and_then(|()| out.flush());
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Loads for a command whose output is data: skipped files are reported on stderr.
pub(crate) fn load_for_cli(paths: &[PathBuf]) -> LoadReport {
    let report = load_with_progress(paths);
    let skipped: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Skipped)
        .collect();
    for d in &skipped {
        eprintln!("{d}");
    }
    if !skipped.is_empty() {
        eprintln!(
            "dossier: {} file(s) skipped; `dossier check` lists every diagnostic",
            skipped.len()
        );
    }
    report
}

/// Loads `paths` (or the sample), with a progress bar on stderr when it is a terminal and
/// the load is large enough to be worth one.
pub fn load_with_progress(paths: &[PathBuf]) -> LoadReport {
    let bar = indicatif::ProgressBar::hidden();
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} loading {pos}/{len} files [{bar:40}] {binary_bytes} {eta}",
    )
    .map(|s| s.progress_chars("=> "));
    if let Ok(style) = style {
        bar.set_style(style);
    }
    let progress = |p: Progress| {
        if bar.length().is_none_or(|l| l == 0) && p.total >= 2_000 {
            bar.set_length(p.total as u64);
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        bar.set_position(p.done as u64);
    };
    let report = load_or_sample(
        paths,
        &LoadOptions {
            progress: Some(&progress),
            cancel: None,
        },
    );
    bar.finish_and_clear();
    report
}
