//! The command line: global options, one file per subcommand. No ratatui here.

mod add;
mod approve;
mod backup;
mod brief;
mod completions;
mod config;
mod council;
mod diff;
mod doctor;
mod export;
mod generate;
mod goal;
mod goal_ref;
mod goals;
mod help;
mod import;
mod init;
mod json;
mod list;
mod log;
mod moving;
mod periods;
mod report;
mod server;
mod set;
mod show;
mod table;
mod undo;
mod vedtak;
mod wheel;
mod withdraw;
mod written;
mod year;

/// The command line's words, kept with every other sentence in [`crate::words`].
pub use crate::words::cli as strings;

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand as DisplayHelpOnMissing;
use clap::{Parser, Subcommand};

use crate::config::{Config, Source, Sourced};
use crate::domain::date::parse_date;
use crate::domain::event::AsOf;
use crate::domain::{Lang, Today};
use crate::store::Store;
use strings::Texts;

/// styr: follow up the director's assignments (oppdrag) to the sectors.
#[derive(Debug, Parser)]
#[command(
    name = "styr",
    version,
    about,
    long_about = "styr: follow up the director's assignments (oppdrag) to the sectors.\n\nWithout a command, styr opens the terminal UI on the database."
)]
pub struct Cli {
    /// Database file, or a database on a PostgreSQL server (postgres://…, postgresql://… or host=… dbname=…) [default: the platform data directory, e.g. ~/.local/share/styr/styr.db]
    #[arg(long, global = true, env = "STYR_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Fix "today" (YYYY-MM-DD) for overdue and due dates [default: the database's suggested day, else the system date]
    #[arg(long, global = true, env = "STYR_TODAY", value_name = "DATE")]
    pub today: Option<String>,
    /// Show everything as it stood at the end of that day (YYYY-MM-DD, optionally HH:MM), replayed from the logs; "today" becomes that day unless --today is given
    #[arg(long = "as-of", global = true, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Name written into the event log as who made a change [env: STYR_ACTOR] [default: the OS user]
    // STYR_ACTOR is read in `Context::from_cli`, not by clap: clap would also
    // fill `log --actor` (a filter with the same id) from it.
    #[arg(long, global = true, value_name = "NAME")]
    pub actor: Option<String>,
    /// Language of screens and output, nb or en [env: STYR_LANG] [default: the configuration, else English for an en_* locale, else nb]
    // STYR_LANG and STYR_CONFIG are read in `Settings::resolve`, not by clap,
    // so that `config show` can say which of flag and variable gave a value.
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Configuration file [env: STYR_CONFIG] [default: the platform config directory, e.g. ~/.config/styr/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Open the terminal UI on the demo database, demo.db in the data directory (created on first use); --db and STYR_DB do not apply
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new empty database with the default sectors and årshjul
    Init(Deferred<init::InitArgs>),
    /// Create a database with the Lørenskog 2023 example
    Demo(Deferred<init::DemoArgs>),
    /// List assignments (overdue first, then by deadline)
    List(Deferred<list::ListArgs>),
    /// Show one assignment with its goal path, tasks and history
    Show(Deferred<show::ShowArgs>),
    /// Add an assignment, or a task under one with --parent
    Add(Deferred<add::AddArgs>),
    /// Change fields of an assignment; each changed field is one event
    Set(Deferred<set::SetArgs>),
    /// Undo your last change by appending a compensating event
    Undo(Deferred<undo::UndoArgs>),
    /// Withdraw a mistaken comment or report (by event id, from `show` or `log`): a new event marks it, nothing is erased
    Withdraw(Deferred<withdraw::WithdrawArgs>),
    /// Record a report for a period: status, vurdering, expected completion and a comment, as one event
    Report(Deferred<report::ReportArgs>),
    /// The reporting periods and their report deadlines; add, edit and remove them
    Periods(periods::PeriodsArgs),
    /// Approve an assignment's report for a period (someone other than its author)
    Approve(Deferred<approve::ApproveArgs>),
    /// Send an assignment's report for a period back to its author, with a comment
    SendBack(Deferred<approve::SendBackArgs>),
    /// The state of every report for a period: missing, awaiting approval, approved
    Approvals(Deferred<approve::ApprovalsArgs>),
    /// The report to kommunestyret for a period: every sector (Markdown, HTML or XLSX)
    CouncilReport(Deferred<council::CouncilArgs>),
    /// A new plan year: `year new 2024 --from 2023 [--carry-over]`
    Year(year::YearArgs),
    /// The event log, oldest first
    Log(Deferred<log::LogArgs>),
    /// The goal tree with rollups
    Goals(Deferred<goals::GoalsArgs>),
    /// Change the goal tree, and link assignments to delmål
    Goal(goal::GoalArgs),
    /// The årshjul: print it (text, svg, ics), or add, edit, remove and list its entries
    Wheel(wheel::WheelArgs),
    /// The director's briefing for a sector's styringsdialog (Markdown or HTML)
    Brief(Deferred<brief::BriefArgs>),
    /// What changed between two days: new and closed oppdrag, changed fields, reports, goals and årshjul
    Diff(Deferred<diff::DiffArgs>),

    /// Check the database: integrity, and the event log replayed against the stored state
    Doctor(doctor::DoctorArgs),
    /// Import assignments (CSV, XLSX), a styringsbrev's tables, or a JSON export; all or nothing
    Import(Deferred<import::ImportArgs>),
    /// Export the database as JSON (everything, for `import`) or the assignments as CSV or XLSX
    Export(Deferred<export::ExportArgs>),
    /// Create a synthetic database of any size, for benchmarks
    #[command(hide = true)]
    Generate(Deferred<generate::GenerateArgs>),
    /// The configuration file: where it is, what is in effect, a starter file
    Config(config::ConfigArgs),
    /// Print a completion script for a shell (bash, zsh, fish)
    Completions(Deferred<completions::CompletionsArgs>),
    /// Print the manual page (roff)
    Man,
    /// Copy the database to a new file, consistently, even while others write
    Backup(Deferred<backup::BackupArgs>),
    /// Replace the database with a backup that passes `doctor`, keeping the replaced one aside
    Restore(Deferred<backup::RestoreArgs>),
    /// Political decisions (vedtak): add, edit, list, show, link oppdrag, close; and the bodies that make them
    Vedtak(vedtak::VedtakArgs),
    /// A styr database on a PostgreSQL server (--db postgres://…): set it up, grant and revoke access
    Server(server::ServerArgs),
    /// Move the database file into an empty PostgreSQL database, every event kept, checked row by row
    Migrate(Deferred<moving::MigrateArgs>),
}

/// A subcommand's arguments, added to the parser only when that subcommand
/// is the one given (or when help, completions or the manual need them):
/// building every subcommand's arguments on every run cost half a
/// millisecond, a tenth of a small listing. Not for a command with
/// subcommands of its own: `help`'s completions are made before those
/// would be added.
#[derive(Debug)]
pub struct Deferred<T>(pub T);

impl<T: clap::FromArgMatches> clap::FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }

    fn from_arg_matches_mut(matches: &mut clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Deferred)
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(
        &mut self,
        matches: &mut clap::ArgMatches,
    ) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

impl<T: clap::Args> clap::Args for Deferred<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_args)
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_args_for_update)
    }

    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

/// `--lang`'s value. The error's text is not shown: a usage error is
/// rendered from its kind (see `words::usage`).
fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| text.to_string())
}

/// What is decided before a command runs: the configuration file, the
/// language and who acts, each with where it came from.
pub struct Settings {
    pub config_path: PathBuf,
    pub config: Config,
    pub lang: Sourced<Lang>,
    pub actor: Sourced<String>,
    /// The OS user, the default actor.
    pub os_actor: String,
}

impl Settings {
    /// Reads the configuration file (unless `read_file` is false) and
    /// settles language and actor: flag, else variable, else the file, else
    /// the environment's default.
    pub fn resolve(cli: &Cli, read_file: bool) -> Result<Settings> {
        let env = |key: &str| std::env::var(key).ok().filter(|v| !v.trim().is_empty());
        // The language of an error before the file is read: as for a usage
        // error, the file's `lang` counts if it can be picked out.
        let early_lang = |path: Option<&std::path::Path>| {
            cli.lang
                .or_else(|| env("STYR_LANG").and_then(|l| Lang::parse(&l)))
                .or_else(|| path.and_then(crate::config::lang_of))
                .unwrap_or_else(|| Lang::from_environment(env).0)
        };
        let (config_path, named) = match (&cli.config, env("STYR_CONFIG")) {
            (Some(path), _) if !path.as_os_str().is_empty() => (path.clone(), true),
            (_, Some(path)) => (PathBuf::from(path), true),
            _ => match crate::config::default_path() {
                Some(path) => (path, false),
                None => anyhow::bail!(crate::words::config::no_home(early_lang(None))),
            },
        };
        let config = if read_file {
            Config::load(&config_path, named)
                .map_err(|e| anyhow::anyhow!(e.message(early_lang(Some(&config_path)))))?
        } else {
            Config::unread(&config_path)
        };
        fn sourced<T>(value: T, source: Source) -> Sourced<T> {
            Sourced { value, source }
        }
        let lang = if let Some(lang) = cli.lang {
            sourced(lang, Source::Flag("--lang"))
        } else if let Some(text) = env("STYR_LANG") {
            let Some(lang) = Lang::parse(&text) else {
                let t = strings::texts(early_lang(Some(&config_path)));
                anyhow::bail!(t.bad_lang_variable(&text));
            };
            sourced(lang, Source::Variable("STYR_LANG"))
        } else if let Some(lang) = config.lang {
            sourced(lang, Source::File(config_path.clone()))
        } else {
            match Lang::from_environment(env) {
                (lang, Some(locale)) => sourced(lang, Source::Locale(locale)),
                (lang, None) => sourced(lang, Source::NoLocale),
            }
        };
        let os_actor = os_user()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| "unknown".to_string());
        let flag = cli
            .actor
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        let actor = if let Some(actor) = flag {
            sourced(actor.to_string(), Source::Flag("--actor"))
        } else if let Some(actor) = env("STYR_ACTOR") {
            sourced(actor.trim().to_string(), Source::Variable("STYR_ACTOR"))
        } else if let Some(actor) = &config.actor {
            sourced(actor.clone(), Source::File(config_path.clone()))
        } else {
            sourced(os_actor.clone(), Source::OsUser)
        };
        Ok(Settings {
            config_path,
            config,
            lang,
            actor,
            os_actor,
        })
    }

    /// The command line's texts in the chosen language.
    pub fn texts(&self) -> &'static Texts {
        strings::texts(self.lang.value)
    }
}

/// What every command needs: where the database is, which day it is, who
/// acts, in which language, and the configuration.
pub struct Context {
    pub db: PathBuf,
    today: Option<NaiveDate>,
    /// `--as-of`: the moment every read shows, when not now.
    pub as_of: Option<AsOf>,
    pub actor: String,
    pub lang: Lang,
    pub config: Config,
}

impl Context {
    fn from_cli(cli: &Cli, settings: Settings) -> Result<Context> {
        let db = match (&cli.db, &settings.config.db) {
            (Some(path), _) if !path.as_os_str().is_empty() => path.clone(),
            (_, Some(db)) => PathBuf::from(db),
            _ => default_db_path()
                .with_context(|| strings::texts(settings.lang.value).no_home_for_database())?,
        };
        let today = cli
            .today
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| parse_date(t).context("--today"))
            .transpose()?;
        let as_of = cli
            .as_of
            .as_deref()
            .map(|text| {
                AsOf::parse(text).map_err(|refusal| {
                    anyhow::anyhow!(crate::words::as_of::refusal(
                        settings.lang.value,
                        "--as-of",
                        &refusal
                    ))
                })
            })
            .transpose()?;
        Ok(Context {
            db,
            today,
            as_of,
            actor: settings.actor.value,
            lang: settings.lang.value,
            config: settings.config,
        })
    }

    /// The command line's texts in the chosen language.
    pub fn texts(&self) -> &'static Texts {
        strings::texts(self.lang)
    }

    /// Opens the existing database, as of `--as-of` when given; says on
    /// stderr where the file as it was is kept when opening upgraded its schema.
    pub fn open(&self) -> Result<Store> {
        match &self.as_of {
            None => self.open_now(),
            Some(at) => self.open_as_of(at, "--as-of"),
        }
    }

    /// Opens the database as it stood at `at`, refusing a moment the log
    /// cannot show (`option` names where the moment came from).
    pub fn open_as_of(&self, at: &AsOf, option: &str) -> Result<Store> {
        let store = self.open_now()?;
        at.check(store.first_event_at()?, chrono::Utc::now())
            .map_err(|r| anyhow::anyhow!(crate::words::as_of::refusal(self.lang, option, &r)))?;
        Ok(store.as_of(at.until())?)
    }

    /// The database as a message names it: a file by its path, a server
    /// database by its name and host (`--db` may hold a password).
    pub fn db_shown(&self) -> String {
        match self.server_db().map(server::target) {
            Some(Ok(target)) => format!("'{}' ({})", target.dbname(), target.host()),
            _ => self.db.display().to_string(),
        }
    }

    /// The server `--db` names, if it names one.
    pub fn server_db(&self) -> Option<&str> {
        self.db
            .to_str()
            .filter(|db| crate::store::server::is_server(db))
    }

    /// Opens the existing database as it is now.
    fn open_now(&self) -> Result<Store> {
        if let Some(db) = self.server_db() {
            let target = server::target(db)
                .map_err(|e| anyhow::anyhow!(crate::words::server::problem(&e, self.lang)))?;
            return Ok(Store::open_server(&target)?);
        }
        let store = Store::open(&self.db)?;
        if let Some(upgrade) = &store.notes().upgraded {
            eprintln!(
                "styr: {}",
                self.texts().upgraded(
                    &self.db.display().to_string(),
                    upgrade.from,
                    upgrade.to,
                    &upgrade.kept.display().to_string()
                )
            );
        }
        Ok(store)
    }

    /// Opens the database for a change, refusing a read-only one up front.
    pub fn open_for_writing(&self) -> Result<Store> {
        if self.as_of.is_some() {
            anyhow::bail!(crate::words::as_of::write_refused(self.lang, None));
        }
        let store = self.open_now()?;
        if let Some(reason) = &store.notes().read_only_because {
            anyhow::bail!(self
                .texts()
                .read_only(&self.db_shown(), &reason.message(self.lang)));
        }
        Ok(store)
    }

    /// What a short date typed in an option is read against: `31.10` in
    /// the plan year, `+14` from today.
    pub fn dates(&self, store: &Store) -> Result<crate::domain::date::DateContext> {
        Ok(crate::domain::date::DateContext {
            year: store.municipality()?.year,
            today: self.today(store)?.0,
        })
    }

    /// Today: `--today`/`STYR_TODAY`, else the database's suggested day, else the system date.
    pub fn today(&self, store: &Store) -> Result<Today> {
        if let Some(today) = self.today {
            return Ok(Today(today));
        }
        if let Some(at) = &self.as_of {
            return Ok(Today(at.day));
        }
        Ok(store
            .municipality()?
            .suggested_today
            .map(Today)
            .unwrap_or_else(Today::from_system))
    }

    /// The stamp for a change made now.
    pub fn stamp(&self) -> crate::store::Stamp {
        crate::store::Stamp::now(&self.actor)
    }
}

/// Whether a command works on a server database as on a file: all but
/// those that make a whole file (`backup`, `restore` and `migrate` have
/// their own ways with a server, taken before this is asked).
fn works_on_server(command: &Command) -> bool {
    !matches!(
        command,
        Command::Init(_) | Command::Demo(_) | Command::Generate(_)
    )
}

/// Opens the terminal UI, first creating the database if there is none.
/// With `demo`, on the demo database in the data directory, whatever
/// `--db`/`STYR_DB` say.
fn tui(context: &mut Context, demo: bool) -> Result<()> {
    if demo {
        context.db = demo_db_path().with_context(|| context.texts().no_home_for_database())?;
    }
    if context.server_db().is_none() && !context.db.exists() {
        if demo {
            let mut sink = io::sink();
            init::demo(context, init::DemoArgs::default(), &mut sink)?;
        } else {
            init::offer_new_database(context)?;
        }
    }
    // The TUI opens now and shows the past on a connection of its own, so
    // that it can step through the past and come back.
    let as_of = context.as_of.take();
    let store = context.open_now()?;
    if let Some(at) = &as_of {
        at.check(store.first_event_at()?, chrono::Utc::now())
            .map_err(|r| {
                anyhow::anyhow!(crate::words::as_of::refusal(context.lang, "--as-of", &r))
            })?;
    }
    let today = context.today(&store)?;
    let config = &context.config;
    let sector = match &config.sector {
        Some(code) => Some(
            store
                .sector(code)
                .with_context(|| {
                    context
                        .texts()
                        .config_sector(&config.path.display().to_string())
                })?
                .code,
        ),
        None => None,
    };
    let keymap = config
        .keymap()
        .with_context(|| config.path.display().to_string())?;
    let server = match context.server_db() {
        Some(db) => Some(
            server::target(db)
                .map_err(|e| anyhow::anyhow!(crate::words::server::problem(&e, context.lang)))?,
        ),
        None => None,
    };
    let options = crate::tui::Options {
        keymap,
        palette: config.palette(),
        sector,
        lang: context.lang,
        as_of,
        server,
    };
    crate::tui::run(store, today, context.actor.clone(), options)
}

/// The name of the user running the process, from the environment or the home directory.
pub(crate) fn os_user() -> Option<String> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .or_else(|| {
            let home = directories::BaseDirs::new()?;
            Some(home.home_dir().file_name()?.to_string_lossy().into_owned())
        })
}

/// The platform's data directory, e.g. `~/.local/share/styr/styr.db`;
/// `None` without a home directory.
pub fn default_db_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("no", "styr", "styr")?;
    Some(dirs.data_dir().join("styr.db"))
}

/// The demo database that `styr --demo` opens: `demo.db` beside the default database.
pub fn demo_db_path() -> Option<PathBuf> {
    Some(default_db_path()?.with_file_name("demo.db"))
}

/// Output formats shared by the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// Runs the command line and returns the process exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() || e.kind() == DisplayHelpOnMissing => {
            // Help and version are clap's, generated from the one definition
            // the completions and the manual page come from.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = localized_help(e).print();
            return code;
        }
        Err(e) => {
            let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
            let lang = usage_lang(&args);
            let mut usage = crate::words::usage::UsageError::from_clap(&e);
            if let crate::words::usage::UsageError::InvalidValue { arg, allowed, .. } = &mut usage {
                if arg.starts_with("--lang") {
                    *allowed = vec![Lang::Nb.code().into(), Lang::En.code().into()];
                }
            }
            let message = usage.message(lang, &crate::words::usage::command_of(&e));
            eprintln!(
                "styr: error: {}",
                crate::domain::text::sanitize_line(&message)
            );
            return 2;
        }
    };
    // Buffered, not locked: the TUI's signal watcher must be able to write
    // to the terminal from its own thread.
    let mut out = io::BufWriter::new(io::stdout());
    // The language errors are written in: settled by `run` as soon as it
    // can be, until then the flag's.
    let mut lang = cli.lang.unwrap_or_default();
    match run_in(cli, &mut out, &mut lang).and_then(|()| out.flush().map_err(Into::into)) {
        Ok(()) => 0,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            let message =
                crate::words::problems::error_message(&e, lang).replace(['\n', '\r'], " ");
            eprintln!(
                "styr: error: {}",
                crate::domain::text::sanitize_line(&message)
            );
            1
        }
    }
}

/// The help clap stopped at, in the user's language: the same command line
/// parsed again by the definition with every text in that language, which
/// stops at the same help. Built only here, so that an ordinary run does
/// not pay for every subcommand's arguments. The version is no sentence.
fn localized_help(error: clap::Error) -> clap::Error {
    if error.kind() == clap::error::ErrorKind::DisplayVersion {
        return error;
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = usage_lang(&args);
    match help::command(lang, help::Purpose::Help).try_get_matches_from(args) {
        Err(localized) => localized,
        Ok(_) => error,
    }
}

/// The language of a command line that did not parse: `--lang` as written,
/// else `STYR_LANG`, else the configuration file's `lang` if it can be read,
/// else the locale. Nothing here fails: a value that does not do is passed over.
pub fn usage_lang(args: &[std::ffi::OsString]) -> Lang {
    let env = |key: &str| std::env::var(key).ok().filter(|v| !v.trim().is_empty());
    let flag = |name: &str| -> Option<String> {
        let long = format!("--{name}");
        let with_equals = format!("--{name}=");
        let mut found = None;
        let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
        while let Some(word) = words.next() {
            if word == "--" {
                break;
            } else if word == long {
                found = words.next().map(|w| w.into_owned()).or(found);
            } else if let Some(value) = word.strip_prefix(&with_equals) {
                found = Some(value.to_string());
            }
        }
        found
    };
    if let Some(lang) = flag("lang").and_then(|l| Lang::parse(&l)) {
        return lang;
    }
    if let Some(lang) = env("STYR_LANG").and_then(|l| Lang::parse(&l)) {
        return lang;
    }
    let path = flag("config")
        .filter(|p| !p.is_empty())
        .or_else(|| env("STYR_CONFIG"))
        .map(PathBuf::from)
        .or_else(crate::config::default_path);
    if let Some(lang) = path.and_then(|p| crate::config::lang_of(&p)) {
        return lang;
    }
    Lang::from_environment(env).0
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    // serde_json and csv wrap the io::Error without exposing it as a source.
    error.chain().any(|e| {
        let kind = if let Some(e) = e.downcast_ref::<io::Error>() {
            Some(e.kind())
        } else if let Some(e) = e.downcast_ref::<serde_json::Error>() {
            e.io_error_kind()
        } else if let Some(csv::ErrorKind::Io(e)) =
            e.downcast_ref::<csv::Error>().map(csv::Error::kind)
        {
            Some(e.kind())
        } else {
            None
        };
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Runs one parsed command line, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let mut lang = cli.lang.unwrap_or_default();
    run_in(cli, out, &mut lang)
}

/// Runs one parsed command line, telling `lang` which language was chosen
/// as soon as it is settled.
fn run_in(mut cli: Cli, out: &mut dyn Write, lang: &mut Lang) -> Result<()> {
    // What needs neither the configuration nor a database.
    let read_file = match &cli.command {
        Some(Command::Completions(Deferred(_))) | Some(Command::Man) => false,
        Some(Command::Config(args)) => args.action == config::ConfigAction::Show,
        _ => true,
    };
    let settings = Settings::resolve(&cli, read_file)?;
    *lang = settings.lang.value;
    let command = cli.command.take();
    let command = match command {
        Some(Command::Completions(Deferred(args))) => {
            return completions::completions(args, lang_without_file(&settings), out)
        }
        Some(Command::Man) => return completions::man(lang_without_file(&settings), out),
        Some(Command::Config(args)) => {
            return match args.action {
                config::ConfigAction::Path => config::path(&settings, out),
                config::ConfigAction::Show => config::show(&settings, out),
                config::ConfigAction::Init => config::init(&settings, out),
            }
        }
        other => other,
    };
    let mut context = Context::from_cli(&cli, settings)?;
    // A server database: only the `server` commands speak to one so far.
    let server_db = context
        .db
        .to_str()
        .filter(|db| crate::store::server::is_server(db))
        .map(String::from);
    match (&command, server_db) {
        (Some(Command::Server(_)), None) => anyhow::bail!(crate::words::server::needs_server(
            &context.db.display().to_string(),
            context.lang
        )),
        (Some(Command::Server(_)), Some(db)) => {
            if cli.demo {
                anyhow::bail!(context.texts().demo_flag_with_command());
            }
            if context.as_of.is_some() {
                anyhow::bail!(crate::words::as_of::write_refused(
                    context.lang,
                    Some("server")
                ));
            }
            let Some(Command::Server(args)) = command else {
                unreachable!("matched above")
            };
            return server::run(&context, &db, args, out);
        }
        (None, Some(_)) if cli.demo => {}
        (Some(Command::Migrate(_)), Some(_)) => {
            anyhow::bail!(crate::words::moving::migrate_needs_file(context.lang))
        }
        (Some(Command::Backup(_) | Command::Restore(_)), Some(db)) => {
            if cli.demo {
                anyhow::bail!(context.texts().demo_flag_with_command());
            }
            if let Some(command) = &command {
                if context.as_of.is_some() {
                    check_as_of_applies(command, context.lang)?;
                }
            }
            return match command {
                Some(Command::Backup(Deferred(args))) => {
                    moving::backup(&context, &db, args.path, out)
                }
                Some(Command::Restore(Deferred(args))) => {
                    moving::restore(&context, &db, &args.path, out)
                }
                _ => unreachable!("matched above"),
            };
        }
        (Some(command), Some(_)) if !works_on_server(command) => {
            anyhow::bail!(crate::words::server::not_yet_on_server(context.lang))
        }
        (_, _) => {}
    }
    let Some(command) = command else {
        return tui(&mut context, cli.demo);
    };
    if context.as_of.is_some() {
        check_as_of_applies(&command, context.lang)?;
    }
    if cli.demo {
        anyhow::bail!(context.texts().demo_flag_with_command());
    }
    match command {
        Command::Init(Deferred(args)) => init::init(&context, args, out),
        Command::Demo(Deferred(args)) => init::demo(&context, args, out),
        Command::List(Deferred(args)) => list::run(&context, args, out),
        Command::Show(Deferred(args)) => show::run(&context, args, out),
        Command::Add(Deferred(args)) => add::run(&context, args, out),
        Command::Set(Deferred(args)) => set::run(&context, args, out),
        Command::Undo(Deferred(args)) => undo::run(&context, args, out),
        Command::Withdraw(Deferred(args)) => withdraw::run(&context, args, out),
        Command::Report(Deferred(args)) => report::run(&context, args, out),
        Command::Periods(args) => periods::run(&context, args, out),
        Command::Approve(Deferred(args)) => approve::approve(&context, args, out),
        Command::SendBack(Deferred(args)) => approve::send_back(&context, args, out),
        Command::Approvals(Deferred(args)) => approve::list(&context, args, out),
        Command::CouncilReport(Deferred(args)) => council::run(&context, args, out),
        Command::Year(args) => year::run(&context, args, out),
        Command::Log(Deferred(args)) => log::run(&context, args, out),
        Command::Goals(Deferred(args)) => goals::run(&context, args, out),
        Command::Goal(args) => goal::run(&context, args, out),
        Command::Wheel(args) => wheel::run(&context, args, out),
        Command::Brief(Deferred(args)) => brief::run(&context, args, out),
        Command::Diff(Deferred(args)) => diff::run(&context, args, out),

        Command::Doctor(args) => doctor::run(&context, args, out),
        Command::Backup(Deferred(args)) => backup::backup(&context, args, out),
        Command::Restore(Deferred(args)) => backup::restore(&context, args, out),
        Command::Migrate(Deferred(args)) => moving::migrate(&context, args, out),
        Command::Import(Deferred(args)) => import::run(&context, args, out),
        Command::Export(Deferred(args)) => export::run(&context, args, out),
        Command::Generate(Deferred(args)) => generate::run(&context, args, out),
        Command::Vedtak(args) => vedtak::run(&context, args, out),
        Command::Config(_) | Command::Completions(Deferred(_)) | Command::Man => {
            unreachable!("handled before the database is opened")
        }
        Command::Server(_) => {
            let db = context.db.display().to_string();
            anyhow::bail!(crate::words::server::needs_server(&db, context.lang))
        }
    }
}

/// The language of a command that does not read the configuration file:
/// the file's `lang` still counts when it can be picked out, as for a
/// usage error.
fn lang_without_file(settings: &Settings) -> Lang {
    match settings.lang.source {
        Source::Locale(_) | Source::NoLocale => {
            crate::config::lang_of(&settings.config_path).unwrap_or(settings.lang.value)
        }
        _ => settings.lang.value,
    }
}

/// Refuses `--as-of` on a command that changes the database or that does
/// not show the past.
fn check_as_of_applies(command: &Command, lang: Lang) -> Result<()> {
    use crate::words::as_of::{not_as_of, write_refused};
    let writes = |name: &str| Err(anyhow::anyhow!(write_refused(lang, Some(name))));
    let not_shown = |name: &str| Err(anyhow::anyhow!(not_as_of(lang, name)));
    match command {
        Command::List(_)
        | Command::Show(_)
        | Command::Log(_)
        | Command::Goals(_)
        | Command::Wheel(_)
        | Command::Brief(_)
        | Command::Export(_)
        | Command::Vedtak(_) => Ok(()),
        Command::Init(_) => writes("init"),
        Command::Demo(_) => writes("demo"),
        Command::Add(_) => writes("add"),
        Command::Set(_) => writes("set"),
        Command::Undo(_) => writes("undo"),
        Command::Withdraw(_) => writes("withdraw"),
        Command::Report(_) => writes("report"),
        Command::Approve(_) => writes("approve"),
        Command::SendBack(_) => writes("send-back"),
        Command::Approvals(_) => not_shown("approvals"),
        Command::CouncilReport(_) => not_shown("council-report"),
        Command::Year(_) => writes("year"),
        Command::Goal(_) => writes("goal"),
        Command::Import(_) => writes("import"),
        Command::Restore(_) => writes("restore"),
        Command::Server(_) => writes("server"),
        Command::Migrate(_) => writes("migrate"),
        Command::Generate(_) => writes("generate"),
        Command::Diff(_) => not_shown("diff"),
        Command::Periods(_) => not_shown("periods"),
        Command::Doctor(_) => not_shown("doctor"),
        Command::Backup(_) => not_shown("backup"),
        Command::Config(_) => not_shown("config"),
        Command::Completions(_) => not_shown("completions"),
        Command::Man => not_shown("man"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The whole command line, deferred arguments included, is consistent
    /// (clap's own checks), and a deferred subcommand still parses its
    /// arguments and takes the global ones after its name.
    #[test]
    fn every_subcommand_is_well_formed_and_deferred_ones_parse() {
        Cli::command().debug_assert();
        let cli = Cli::try_parse_from([
            "styr",
            "list",
            "--sector",
            "OUS",
            "--overdue",
            "--db",
            "x.db",
            "--lang",
            "en",
        ])
        .unwrap();
        assert_eq!(cli.db.as_deref(), Some(std::path::Path::new("x.db")));
        let Some(Command::List(Deferred(args))) = cli.command else {
            panic!("not a listing");
        };
        assert!(format!("{args:?}").contains("overdue: true"), "{args:?}");
        let err = Cli::try_parse_from(["styr", "list", "--bogus"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::UnknownArgument);
    }
}
