//! `styr init` and `styr demo`: new databases.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Result};
use clap::Args;

use super::Context;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The municipality's name
    #[arg(long)]
    kommune: String,
    /// The plan year
    #[arg(long)]
    year: i32,
}

#[derive(Debug, Args)]
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
