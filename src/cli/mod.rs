//! The command line: global options, one file per subcommand. No ratatui here.

mod add;
mod brief;
mod doctor;
mod generate;
mod goal;
mod goals;
mod init;
mod json;
mod list;
mod log;
mod periods;
mod report;
mod set;
mod show;
mod table;
mod undo;
mod wheel;
mod year;

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::domain::date::parse_date;
use crate::domain::Today;
use crate::store::Store;

/// styr: follow up the director's assignments (oppdrag) to the sectors.
#[derive(Debug, Parser)]
#[command(
    name = "styr",
    version,
    about,
    long_about = "styr: follow up the director's assignments (oppdrag) to the sectors.\n\nWithout a command, styr opens the terminal UI on the database."
)]
pub struct Cli {
    /// Database file [default: the platform data directory, e.g. ~/.local/share/styr/styr.db]
    #[arg(long, global = true, env = "STYR_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Fix "today" (YYYY-MM-DD) for overdue and due dates [default: the database's suggested day, else the system date]
    #[arg(long, global = true, env = "STYR_TODAY", value_name = "DATE")]
    pub today: Option<String>,
    /// Name written into the event log as who made a change [env: STYR_ACTOR] [default: the OS user]
    // STYR_ACTOR is read in `Context::from_cli`, not by clap: clap would also
    // fill `log --actor` (a filter with the same id) from it.
    #[arg(long, global = true, value_name = "NAME")]
    pub actor: Option<String>,
    /// Open the terminal UI on the demo database, demo.db in the data directory (created on first use); --db and STYR_DB do not apply
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new empty database with the default sectors and årshjul
    Init(init::InitArgs),
    /// Create a database with the Lørenskog 2023 example
    Demo(init::DemoArgs),
    /// List assignments (overdue first, then by deadline)
    List(list::ListArgs),
    /// Show one assignment with its goal path, tasks and history
    Show(show::ShowArgs),
    /// Add an assignment, or a task under one with --parent
    Add(add::AddArgs),
    /// Change fields of an assignment; each changed field is one event
    Set(set::SetArgs),
    /// Undo your last change by appending a compensating event
    Undo(undo::UndoArgs),
    /// Record a report for a period: status, vurdering, expected completion and a comment, as one event
    Report(report::ReportArgs),
    /// The reporting periods (T1, T2, årsrapport) and their report deadlines
    Periods(periods::PeriodsArgs),
    /// A new plan year: `year new 2024 --from 2023 [--carry-over]`
    Year(year::YearArgs),
    /// The event log, oldest first
    Log(log::LogArgs),
    /// The goal tree with rollups
    Goals(goals::GoalsArgs),
    /// Change the goal tree, and link assignments to delmål
    Goal(goal::GoalArgs),
    /// The årshjul: print it (text, svg, ics), or add, edit, remove and list its entries
    Wheel(wheel::WheelArgs),
    /// The director's briefing for a sector's styringsdialog (Markdown or HTML)
    Brief(brief::BriefArgs),

    /// Check the database: integrity, and the event log replayed against the stored state
    Doctor,
    /// Create a synthetic database of any size, for benchmarks
    #[command(hide = true)]
    Generate(generate::GenerateArgs),
}

/// What every command needs: where the database is, which day it is, who acts.
pub struct Context {
    pub db: PathBuf,
    today: Option<NaiveDate>,
    pub actor: String,
}

impl Context {
    fn from_cli(cli: &Cli) -> Result<Context> {
        let db = match &cli.db {
            Some(path) if !path.as_os_str().is_empty() => path.clone(),
            _ => default_db_path()?,
        };
        let today = cli
            .today
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| parse_date(t).context("--today"))
            .transpose()?;
        let actor = cli
            .actor
            .clone()
            .or_else(|| {
                std::env::var("STYR_ACTOR")
                    .ok()
                    .filter(|a| !a.trim().is_empty())
            })
            .or_else(os_user)
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| "unknown".to_string());
        Ok(Context { db, today, actor })
    }

    /// Opens the existing database.
    pub fn open(&self) -> Result<Store> {
        Ok(Store::open(&self.db)?)
    }

    /// Opens the database for a change, refusing a read-only one up front.
    pub fn open_for_writing(&self) -> Result<Store> {
        let store = self.open()?;
        if store.is_read_only() {
            anyhow::bail!("{} is read-only; nothing was changed", self.db.display());
        }
        Ok(store)
    }

    /// Today: `--today`/`STYR_TODAY`, else the database's suggested day, else the system date.
    pub fn today(&self, store: &Store) -> Result<Today> {
        if let Some(today) = self.today {
            return Ok(Today(today));
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

/// Opens the terminal UI, first creating the database if there is none.
/// With `demo`, on the demo database in the data directory, whatever
/// `--db`/`STYR_DB` say.
fn tui(context: &mut Context, demo: bool) -> Result<()> {
    if demo {
        context.db = demo_db_path()?;
    }
    if !context.db.exists() {
        if demo {
            let mut sink = io::sink();
            init::demo(context, init::DemoArgs::default(), &mut sink)?;
        } else {
            init::offer_new_database(context)?;
        }
    }
    let store = context.open()?;
    let today = context.today(&store)?;
    crate::tui::run(store, today, context.actor.clone())
}

/// The name of the user running the process, from the environment or the home directory.
fn os_user() -> Option<String> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .or_else(|| {
            let home = directories::BaseDirs::new()?;
            Some(home.home_dir().file_name()?.to_string_lossy().into_owned())
        })
}

/// The platform's data directory, e.g. `~/.local/share/styr/styr.db`.
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("no", "styr", "styr")
        .context("cannot find a home directory for the default database; use --db PATH")?;
    Ok(dirs.data_dir().join("styr.db"))
}

/// The demo database that `styr --demo` opens: `demo.db` beside the default database.
pub fn demo_db_path() -> Result<PathBuf> {
    Ok(default_db_path()?.with_file_name("demo.db"))
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
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    // Buffered, not locked: the TUI's signal watcher must be able to write
    // to the terminal from its own thread.
    let mut out = io::BufWriter::new(io::stdout());
    match run(cli, &mut out).and_then(|()| out.flush().map_err(Into::into)) {
        Ok(()) => 0,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            let message = format!("{e:#}").replace(['\n', '\r'], " ");
            eprintln!(
                "styr: error: {}",
                crate::domain::text::sanitize_line(&message)
            );
            1
        }
    }
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
    let mut context = Context::from_cli(&cli)?;
    let Some(command) = cli.command else {
        return tui(&mut context, cli.demo);
    };
    if cli.demo {
        anyhow::bail!("--demo opens the terminal UI; for a demo database file use `styr demo`");
    }
    match command {
        Command::Init(args) => init::init(&context, args, out),
        Command::Demo(args) => init::demo(&context, args, out),
        Command::List(args) => list::run(&context, args, out),
        Command::Show(args) => show::run(&context, args, out),
        Command::Add(args) => add::run(&context, args, out),
        Command::Set(args) => set::run(&context, args, out),
        Command::Undo(args) => undo::run(&context, args, out),
        Command::Report(args) => report::run(&context, args, out),
        Command::Periods(args) => periods::run(&context, args, out),
        Command::Year(args) => year::run(&context, args, out),
        Command::Log(args) => log::run(&context, args, out),
        Command::Goals(args) => goals::run(&context, args, out),
        Command::Goal(args) => goal::run(&context, args, out),
        Command::Wheel(args) => wheel::run(&context, args, out),
        Command::Brief(args) => brief::run(&context, args, out),

        Command::Doctor => doctor::run(&context, out),
        Command::Generate(args) => generate::run(&context, args, out),
    }
}
