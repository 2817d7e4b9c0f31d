//! `styr init` and `styr demo`: new databases.

use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, bail, Result};
use clap::Args;

use super::Context;
use crate::store::{Store, StoreError};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The municipality's name
    #[arg(long)]
    kommune: String,
    /// The plan year
    #[arg(long)]
    year: i32,
}

#[derive(Debug, Default, Args)]
pub struct DemoArgs {
    /// Replace an existing database file
    #[arg(long)]
    force: bool,
}

pub fn init(context: &Context, args: InitArgs, out: &mut dyn Write) -> Result<()> {
    if args.kommune.trim().is_empty() {
        bail!("--kommune must not be empty");
    }
    if !(1000..=9999).contains(&args.year) {
        bail!(
            "invalid plan year {} (use four digits, e.g. 2024)",
            args.year
        );
    }
    create(&context.db, |store| {
        crate::assets::initialize(store, &args.kommune, args.year, None)
    })
    .map_err(|e| match e.downcast_ref::<StoreError>() {
        // The store's message suggests --force, which only `demo` has.
        Some(StoreError::Exists(path)) => anyhow!(
            "{} already exists; `styr init` never replaces a database",
            path.display()
        ),
        _ => e,
    })?;
    writeln!(
        out,
        "Created {} for {} {} with the default sectors and årshjul.",
        context.db.display(),
        args.kommune.trim(),
        args.year
    )?;
    Ok(())
}

pub fn demo(context: &Context, args: DemoArgs, out: &mut dyn Write) -> Result<()> {
    if args.force {
        remove_database(&context.db)?;
    }
    create(&context.db, crate::assets::load_demo)?;
    let store = Store::open(&context.db)?;
    let m = store.municipality()?;
    let top = store.assignments()?.iter().filter(|a| !a.is_task()).count();
    writeln!(
        out,
        "Created {} with the {} {} demo: {top} assignments (follow-up data is illustrative).",
        context.db.display(),
        m.name,
        m.year
    )?;
    Ok(())
}

/// Asks on the terminal whether to create an empty database or load the demo,
/// when the TUI is opened on a database that does not exist.
pub fn offer_new_database(context: &Context) -> Result<()> {
    use std::io::{BufRead, IsTerminal};
    let missing = || {
        anyhow::anyhow!(
        "no database at {} (create one with `styr init --kommune NAME --year YYYY` or `styr demo`)",
        context.db.display()
    )
    };
    if !std::io::stdin().is_terminal() {
        return Err(missing());
    }
    let mut stdout = std::io::stdout();
    let mut lines = std::io::stdin().lock().lines();
    let mut ask = |question: &str| -> Result<String> {
        write!(stdout, "{question}")?;
        stdout.flush()?;
        Ok(lines
            .next()
            .transpose()?
            .unwrap_or_default()
            .trim()
            .to_string())
    };
    println!("There is no database at {}.", context.db.display());
    println!("  d  load the Lørenskog 2023 demo (illustrative follow-up data)");
    println!("  n  create a new, empty database");
    println!("  q  quit");
    loop {
        match ask("Choice [d/n/q]: ")?.to_lowercase().as_str() {
            "d" => return demo(context, DemoArgs::default(), &mut std::io::stdout()),
            "n" => {
                let kommune = ask("Municipality (kommune): ")?;
                let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
                let answer = ask(&format!("Plan year [{year}]: "))?;
                let year = if answer.is_empty() {
                    year
                } else {
                    answer
                        .parse()
                        .map_err(|_| anyhow::anyhow!("'{answer}' is not a year"))?
                };
                return init(context, InitArgs { kommune, year }, &mut std::io::stdout());
            }
            "q" | "" => return Err(missing()),
            other => println!("'{other}' is not one of d, n, q."),
        }
    }
}

/// Creates the file and fills it; a failure removes the half-made file.
fn create(path: &Path, fill: impl FnOnce(&mut Store) -> Result<()>) -> Result<()> {
    let mut store = Store::create(path)?;
    if let Err(e) = fill(&mut store) {
        drop(store);
        let _ = remove_database(path);
        return Err(e);
    }
    Ok(())
}

/// Removes a database file and its WAL companions.
fn remove_database(path: &Path) -> Result<()> {
    if path.is_dir() {
        bail!("{} is a directory", path.display());
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => bail!("cannot remove {}: {e}", Path::new(&name).display()),
        }
    }
    Ok(())
}
