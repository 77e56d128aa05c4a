//! The command line: arguments, the non-interactive commands, and the start of the viewer.
//!
//! Every line printed passes the sanitiser ([`out`]); a closed pipe (`dossier export | head`)
//! ends a command quietly with status 0.

mod check;
mod config_cmd;
mod dossiers;
mod export;
mod import;
pub mod list;
pub mod news;
pub mod out;
mod report;
pub mod review;
mod stats;
pub mod update;
pub mod words;

use crate::config::Config;
use chrono::NaiveDate;
use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
pub use dossier_core::i18n::Lang;
use dossier_core::load::{check_paths, LoadOptions, LoadReport, Progress};
use dossier_core::parse::diagnostic::Severity;
use dossier_core::query::SortKey;
use dossier_core::review::{OpenOptions, ReviewStore};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Browse and review French parliamentary questions offline.
///
/// With no command, opens the viewer on PATHs (question documents, saved pages, open-data
/// archives, files and folders); with no PATH, on the library (`dossier import`) when it
/// holds questions, else on the sample dossier built into the binary.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, after_help = crate::cli::list::QUERY_HELP)]
pub struct Cli {
    /// The date taken as today for deadlines and delays (YYYY-MM-DD).
    #[arg(long, global = true, env = "DOSSIER_TODAY", value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,

    /// Language of the interface and reports (default: the configuration's, else fr).
    #[arg(long, global = true, env = "DOSSIER_LANG",
          value_parser = clap::builder::PossibleValuesParser::new(["fr", "en"]).map(|s| s.parse::<Lang>().unwrap_or_default()))]
    pub lang: Option<Lang>,

    /// The configuration file (default: $XDG_CONFIG_HOME/dossier/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Where review marks and notes are kept (default: one file per dossier in the user's
    /// data directory).
    #[arg(long, global = true, value_name = "FILE")]
    pub review_file: Option<PathBuf>,

    /// A team folder: write your own DIR/<writer>.json, read everyone's.
    #[arg(long, global = true, value_name = "DIR")]
    pub team: Option<PathBuf>,

    /// Your writer id in a team folder (default: user@host).
    #[arg(long, global = true, value_name = "ID")]
    pub writer: Option<String>,

    /// The library to use and import into (default: in the user's data directory).
    #[arg(long, global = true, env = "DOSSIER_LIBRARY", value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// Open a named dossier of the library (see `dossier dossiers`).
    #[arg(long, short = 'd', global = true, value_name = "NAME")]
    pub dossier: Option<String>,

    /// Parse every file again: neither read nor write the cache (in
    /// $XDG_CACHE_HOME/dossier), which otherwise skips the files unchanged since the last run.
    #[arg(long, global = true, env = "DOSSIER_NO_CACHE")]
    pub no_cache: bool,

    /// Turn on the mouse in the viewer (wheel scrolling, click to select).
    #[arg(long)]
    pub mouse: bool,

    /// Open the viewer with this filter (e.g. 'statut:attente'); see the filter language
    /// below.
    #[arg(long, short, value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,

    /// Files or folders to open in the viewer.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// A command to run instead of the viewer.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Files or folders of a command.
#[derive(Debug, Args, Clone)]
pub struct Paths {
    /// Files or folders (default: the sample dossier).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// The non-interactive commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every question as JSON (full records) or CSV (one row per question).
    Export {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// The files.
        #[command(flatten)]
        paths: Paths,
    },
    /// Read the documents and report what could not be read; exit code 1 when a file was
    /// skipped.
    Check {
        /// The files.
        #[command(flatten)]
        paths: Paths,
    },
    /// Counts by status, ministry and group; with --by, the scoreboard: per ministry (or
    /// group, author, rubric, legislature) questions received, answered, answered on time,
    /// pending, overdue, closed unanswered, answer rates over the questions due, delays.
    Stats(stats::StatsArgs),
    /// The pending questions, most urgent first, with deadlines, signalements, review flags
    /// and notes: a memo to the deputy in Markdown (or HTML with charts, CSV, JSON); with
    /// --signalement, the memo for the group president: the questions to signal, then those
    /// signalées still waiting.
    Report(report::ReportArgs),
    /// The viewer's filtered, sorted list, without the viewer (for scripts).
    List(list::ListArgs),
    /// Copy what PATHs hold (open-data archives, files, folders, saved pages) into the
    /// library, merging re-imported questions forward, and say what changed.
    Import {
        /// What to import.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
    },
    /// Download the Assemblée's open-data archives ([update] in the configuration: by
    /// default the 17th legislature's questions and the deputies), only what changed since
    /// the last update, and import them into the library, saying what changed. The only
    /// command that uses the network.
    Update {
        /// Say what would be fetched, from where, and what the cache holds; download nothing.
        #[arg(long)]
        dry_run: bool,
        /// Accept a plain http:// repository on another machine (DOSSIER_UPDATE_URL).
        #[arg(long)]
        insecure_http: bool,
    },
    /// What is new in the library (or `-d NAME`) since you last looked: answers published
    /// (their delay, whether after the deadline), closures and withdrawals, changes of
    /// ministry, signalements, new questions, questions now overdue, and the deadlines of the
    /// next seven days. Shown, it counts as looked at (per writer id); a week the first time.
    News {
        /// Since this day instead (YYYY-MM-DD); the last look is then left as it was.
        #[arg(long, value_name = "YYYY-MM-DD")]
        since: Option<NaiveDate>,
        /// Output format (md: the weekly memo for the deputy).
        #[arg(long, short, value_enum, default_value_t = news::NewsFormat::Text)]
        format: news::NewsFormat,
    },
    /// Named dossiers: a name and a query over the library (`dossier -d NAME` opens one).
    Dossiers {
        /// Add, list, remove, pin or leave out questions (without one: list them).
        #[command(subcommand)]
        action: Option<dossiers::DossiersCommand>,
    },
    /// Share review marks and notes with a colleague.
    Review {
        /// Export, import or set a note.
        #[command(subcommand)]
        action: review::ReviewCommand,
    },
    /// Print the completion script of a shell (bash, zsh, fish, elvish, powershell), e.g.
    /// `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `dossier man | man -l -`.
    Man,
    /// The configuration: print the default file, or where yours is read from.
    Config {
        /// Print the whole default configuration, with its comments.
        #[arg(long)]
        default: bool,
        /// Print the path of the configuration file read.
        #[arg(long)]
        path: bool,
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
    /// One row per line, for spreadsheets (with --by).
    Csv,
}

/// Formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReportFormat {
    /// Markdown: a summary and a table, to paste into a memo.
    #[default]
    Md,
    /// One row per question, for spreadsheets.
    Csv,
    /// JSON: the summary and the rows.
    Json,
    /// One self-contained HTML page with charts (inline SVG), readable on a phone and
    /// printable.
    Html,
}

/// Everything a command needs besides its own arguments.
pub struct Context {
    /// The date taken as today.
    pub today: NaiveDate,
    /// Interface language.
    pub lang: Lang,
    /// The configuration in force.
    pub config: Config,
    /// `--review-file`, else the configuration's.
    pub review_file: Option<PathBuf>,
    /// `--team`, else the configuration's.
    pub team: Option<PathBuf>,
    /// The writer id.
    pub writer: String,
    /// The cache between runs, unless `--no-cache`.
    pub cache: Option<dossier_core::cache::Cache>,
    /// The library (`--library`, else the configuration's, else the default).
    pub library: dossier_core::library::Library,
    /// `-d NAME`: a named dossier of the library.
    pub dossier: Option<String>,
}

impl Context {
    /// Writes the cache of a load when files changed since it was written (after the
    /// command's output: the user reads it meanwhile). A cache that cannot be written is
    /// said once, on stderr; the command still succeeds.
    pub fn keep_cache(&self, report: &LoadReport) {
        let (Some(cache), Some(ticket)) = (&self.cache, &report.cache) else {
            return;
        };
        if !ticket.needs_store(report.words.is_some(), report.related.is_some()) {
            return;
        }
        if let Err(e) = cache.store(
            ticket,
            &report.questions,
            report.words.as_ref(),
            report.related.as_ref(),
        ) {
            tracing::warn!(dir = %cache.dir().display(), error = %e, "cache not written");
            out::error(
                self.lang,
                &words::cache_not_written(self.lang, &shown(cache.dir()), &e.to_string()),
            );
        }
    }

    /// The related questions of a load: those the cache (or the library) kept when nothing
    /// changed and the settings are the same, else found now; left in the report for
    /// [`Context::keep_cache`] to keep.
    pub fn related(&self, report: &mut LoadReport) -> dossier_core::related::RelatedSet {
        let config = &self.config.related;
        let stored = report.related.take();
        let reused = stored
            .as_ref()
            .is_some_and(|s| s.fits(report.questions.len(), config));
        let set =
            dossier_core::related::RelatedSet::reuse_or_build(&report.questions, stored, config);
        if !reused {
            if let Some(ticket) = report.cache.as_mut() {
                ticket.has_related = false;
            }
        }
        report.related = Some(set.to_stored());
        set
    }

    /// Where the questions of a command come from: its PATHs, else `-d NAME` or the
    /// library when it holds questions, else the sample.
    pub fn origin(&self, paths: &[PathBuf]) -> dossier_core::library::Origin {
        dossier_core::library::Origin::choose(paths, &self.library, self.dossier.as_deref())
    }

    /// The review store of the dossier made of `paths` (or of the library, a named dossier,
    /// the sample: see [`Context::origin`]); `read_only` for commands that only read it.
    pub fn review_store(&self, paths: &[PathBuf], read_only: bool) -> ReviewStore {
        self.review_opener(read_only)(&self.origin(paths))
    }

    /// Opens the review store of any origin (the viewer's dossier switcher needs one for
    /// each dossier it opens).
    pub fn review_opener(&self, read_only: bool) -> crate::tui::ReviewOpener {
        let review_file = self.review_file.clone();
        let team = self.team.clone();
        let writer = self.writer.clone();
        std::sync::Arc::new(move |origin: &dossier_core::library::Origin| {
            match dossier_core::review::location_for_key(
                review_file.as_deref(),
                team.as_deref(),
                &origin.review_key(),
                &writer,
            ) {
                Some(location) => ReviewStore::open(
                    location,
                    OpenOptions {
                        read_only,
                        ..OpenOptions::new(writer.clone())
                    },
                ),
                None => ReviewStore::unavailable(dossier_core::review::Unusable::NoDataDirectory),
            }
        })
    }
}

/// The commands' names, to tell a misspelt command from a missing path.
const COMMANDS: [&str; 12] = [
    "export", "check", "stats", "report", "list", "import", "update", "news", "dossiers", "review",
    "config", "help",
];

/// The command a word looks like, if it does: the same but for a letter or two, or a prefix.
fn close_command(word: &str) -> Option<&'static str> {
    let word = word.to_ascii_lowercase();
    if word.contains(['/', '.']) || word.len() < 3 {
        return None;
    }
    COMMANDS
        .iter()
        .copied()
        .find(|c| c.starts_with(&word) || word.starts_with(c) || strsim_distance(c, &word) <= 2)
}

/// The edit distance of two short words.
fn strsim_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Checks the PATHs named on the command line exist; a missing one that looks like a
/// command gets a suggestion.
fn check_named(paths: &[PathBuf], lang: Lang) -> Result<(), String> {
    match check_paths(paths) {
        Ok(()) => Ok(()),
        Err(e) => {
            let word = e.path.to_string_lossy().to_string();
            match close_command(&word).filter(|_| paths.first() == Some(&e.path)) {
                Some(command) => Err(words::looks_like_command(
                    lang,
                    &dossier_core::text::sanitize::terminal_line(&word),
                    command,
                )),
                None => Err(dossier_core::i18n::load::path_error(lang, &e)),
            }
        }
    }
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let (config, config_errors) = Config::load(cli.config.as_deref());
    let lang = cli.lang.unwrap_or(config.lang);
    for e in &config_errors {
        out::error(lang, &words::config_error(lang, &e.to_string()));
    }
    // --library (or DOSSIER_LIBRARY), else the configuration's, else the data directory's.
    let chosen_library = cli.library.clone().or_else(|| config.library.clone());
    let ctx = Context {
        today: cli
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        lang,
        writer: dossier_core::review::clock::clean_writer(
            &cli.writer
                .clone()
                .or_else(|| config.writer.clone())
                .unwrap_or_else(dossier_core::review::clock::default_writer),
        ),
        review_file: cli
            .review_file
            .clone()
            .or_else(|| config.review_file.clone()),
        team: cli.team.clone().or_else(|| config.team.clone()),
        config,
        cache: if cli.no_cache {
            None
        } else {
            dossier_core::cache::Cache::user()
        },
        library: dossier_core::library::Library::at(
            &chosen_library
                .clone()
                .or_else(dossier_core::library::Library::default_dir)
                .unwrap_or_else(|| PathBuf::from("dossier-library")),
        ),
        dossier: cli.dossier.clone(),
    };
    let named: &[PathBuf] = match &cli.command {
        None => &cli.paths,
        Some(Command::Export { paths, .. }) | Some(Command::Check { paths }) => &paths.paths,
        Some(Command::Report(args)) => &args.paths.paths,
        Some(Command::Stats(args)) => &args.paths.paths,
        Some(Command::List(args)) => &args.paths,
        Some(Command::Import { paths }) => paths,
        Some(Command::Review { .. })
        | Some(Command::Update { .. })
        | Some(Command::News { .. })
        | Some(Command::Config { .. })
        | Some(Command::Completions { .. })
        | Some(Command::Man)
        | Some(Command::Dossiers { .. }) => &[],
    };
    if let Err(message) = check_named(named, lang) {
        out::error(lang, &message);
        return ExitCode::from(2);
    }
    // A library asked for by name that holds nothing: said, rather than the sample shown.
    let reads_library = named.is_empty()
        && !matches!(
            cli.command,
            Some(
                Command::Import { .. }
                    | Command::Update { .. }
                    | Command::Dossiers { .. }
                    | Command::Config { .. }
                    | Command::Completions { .. }
                    | Command::Man
            )
        );
    if chosen_library.is_some() && reads_library && !ctx.library.exists() {
        let dir =
            dossier_core::text::sanitize::terminal_line(&ctx.library.dir().display().to_string())
                .into_owned();
        out::error(lang, &words::library_empty(lang, &dir));
        return ExitCode::from(2);
    }
    let result = match cli.command {
        None => viewer(cli.paths, cli.query, cli.mouse, &ctx),
        Some(Command::Export { format, paths }) => (|| {
            let mut report = load_for_cli(&paths.paths, &ctx)?;
            let related = ctx.related(&mut report);
            let done = out::with_stdout(|o| export::run(o, &report, &related, format, &ctx));
            ctx.keep_cache(&report);
            release(report);
            done.map(|()| ExitCode::SUCCESS)
        })(),
        Some(Command::Check { paths }) => (|| {
            let report = load_with_progress(&paths.paths, &ctx)?;
            let done = out::with_stdout(|o| check::run(o, &report, lang));
            ctx.keep_cache(&report);
            let code = check::exit_code(&report);
            release(report);
            done.map(|()| code)
        })(),
        Some(Command::Stats(args)) => stats::run(&args, &ctx),
        Some(Command::Report(args)) => report::run(&args, &ctx),
        Some(Command::List(args)) => list::run(&args, &ctx),
        Some(Command::Import { paths }) => import::run(&paths, &ctx),
        Some(Command::Update {
            dry_run,
            insecure_http,
        }) => update::run(dry_run, insecure_http, &ctx),
        Some(Command::News { since, format }) => news::run(since, format, &ctx),
        Some(Command::Dossiers { action }) => dossiers::run(
            action.as_ref().unwrap_or(&dossiers::DossiersCommand::List),
            &ctx,
        ),
        Some(Command::Review { action }) => review::run(&action, &ctx),
        Some(Command::Config { default, path }) => config_cmd::run(default, path, &ctx),
        Some(Command::Completions { shell }) => out::with_stdout(|o| {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "dossier", o);
            Ok(())
        })
        .map(|()| ExitCode::SUCCESS),
        Some(Command::Man) => out::with_stdout(|o| {
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(o)
        })
        .map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) if out::is_broken_pipe(e.as_ref()) => ExitCode::SUCCESS,
        Err(e) => {
            let message = format!("{e:#}");
            tracing::error!(%message, "command failed");
            out::error(lang, &message);
            ExitCode::from(2)
        }
    }
}

/// Opens the viewer; prints, once the terminal is back, what it could not save.
fn viewer(
    paths: Vec<PathBuf>,
    query: Option<String>,
    mouse: bool,
    ctx: &Context,
) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let (theme, theme_errors) = crate::tui::widgets::theme::Theme::from_layers(
        &ctx.config.themes,
        ctx.config.base,
        crate::tui::widgets::theme::Theme::colors_wanted(),
    );
    let (keymap, key_errors) = crate::tui::keymap::Keymap::from_layers(&ctx.config.keys);
    let mut notices = Vec::new();
    for e in theme_errors.iter().chain(&key_errors) {
        let said = words::config_error(lang, &e.to_string());
        out::error(lang, &said);
        notices.push(said);
    }
    if let Some(q) = &query {
        if let Err(e) = dossier_core::query::Query::parse(q) {
            out::error_raw(&list::caret_report(q, &e, lang));
            return Ok(ExitCode::from(2));
        }
    }
    let origin = ctx.origin(&paths);
    let settings = crate::tui::app::Settings {
        lang,
        today: ctx.today,
        theme,
        keymap,
        sort: ctx.config.sort,
        mouse: mouse || ctx.config.mouse,
        query: query.unwrap_or_default(),
        views_file: dossier_core::views::default_path_for_key(&origin.review_key()),
        origin,
        export_dir: PathBuf::from("."),
        related: ctx.config.related.clone(),
        signalement_quota: ctx.config.signalement_quota,
        ministries: ctx.config.ministries.clone(),
        legislature: ctx.config.legislature,
        notices,
    };
    let review_opener = ctx.review_opener(false);
    let review = review_opener(&settings.origin);
    match crate::tui::run(crate::tui::Options {
        settings,
        review,
        review_opener,
        cache: ctx.cache.clone(),
    }) {
        Ok((ended, notes)) => {
            for note in notes {
                out::error_raw(&format!("{note}\n"));
            }
            Ok(match ended {
                crate::tui::Ended::Quit => ExitCode::SUCCESS,
                crate::tui::Ended::Signal(s) => ExitCode::from((128 + s).clamp(0, 255) as u8),
            })
        }
        Err(crate::tui::StartError::NotATerminal) => {
            out::error(lang, words::needs_terminal(lang));
            Ok(ExitCode::from(2))
        }
        Err(e) => Err(e.into()),
    }
}

/// Lets a command's loaded dossier go without freeing it: the process ends, and the system
/// takes the memory back at once, where freeing a hundred thousand questions one
/// allocation at a time takes a tenth of a second.
pub fn release(report: LoadReport) {
    std::mem::forget(report);
}

/// Loads for a command whose output is data: skipped files are reported on stderr.
pub fn load_for_cli(paths: &[PathBuf], ctx: &Context) -> anyhow::Result<LoadReport> {
    let lang = ctx.lang;
    let report = load_with_progress(paths, ctx)?;
    let skipped: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Skipped)
        .collect();
    for d in &skipped {
        out::error_raw(&format!(
            "{}\n",
            dossier_core::i18n::load::diagnostic(lang, d)
        ));
    }
    if !skipped.is_empty() {
        out::error(lang, &words::files_skipped(lang, skipped.len()));
    }
    Ok(report)
}

/// Loads `paths` (or the library, a named dossier, the sample: [`Context::origin`]), with a
/// progress bar on stderr when it is a terminal and the load is large enough to be worth
/// one.
pub fn load_with_progress(paths: &[PathBuf], ctx: &Context) -> anyhow::Result<LoadReport> {
    let lang = ctx.lang;
    let bar = progress_bar(lang);
    let progress = |p: Progress| advance(&bar, p);
    let report = ctx.origin(paths).load(
        &LoadOptions {
            progress: Some(&progress),
            cancel: None,
            cache: ctx.cache.as_ref(),
            legislature: ctx.config.legislature,
        },
        ctx.today,
    );
    bar.finish_and_clear();
    report.map_err(|e| anyhow::anyhow!(dossier_core::i18n::library::origin_error(lang, &e)))
}

/// A progress bar for a load, hidden until [`advance`] sees one large enough to show.
pub fn progress_bar(lang: Lang) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::hidden();
    if let Ok(style) = indicatif::ProgressStyle::with_template(words::progress_template(lang)) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Moves the bar on; shows it on stderr once a load of 2,000 files or more starts.
pub fn advance(bar: &indicatif::ProgressBar, p: Progress) {
    if bar.length().is_none_or(|l| l == 0) && p.total >= 2_000 {
        bar.set_length(p.total as u64);
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    }
    bar.set_position(p.done as u64);
}

/// The sort key names as `--sort` takes them, for clap.
pub fn parse_sort(s: &str) -> Result<SortKey, String> {
    s.parse()
}

/// Where review data of `paths` lives, for messages.
pub fn review_path_shown(store: &ReviewStore) -> String {
    dossier_core::text::sanitize::terminal_line(&store.path().display().to_string()).into_owned()
}

/// `path` as shown in a message.
pub fn shown(path: &Path) -> String {
    dossier_core::text::sanitize::terminal_line(&path.display().to_string()).into_owned()
}
