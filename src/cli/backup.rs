//! `styr backup PATH` and `styr restore PATH`: whole-database copies through
//! SQLite's online backup API.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;

use super::Context;
use crate::store::{free_name, RestoreSource, Store};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new file to write (never replaces an existing one)
    path: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to put in place of the database
    path: PathBuf,
    /// Do not ask for confirmation (for scripts)
    #[arg(long)]
    yes: bool,
}

pub fn backup(context: &Context, args: BackupArgs, out: &mut dyn Write) -> Result<()> {
    if args.path.exists() {
        bail!(
            "{} already exists; a backup never replaces a file, so give a new name",
            args.path.display()
        );
    }
    let store = context.open()?;
    store.backup_to(&args.path)?;
    // The copy is checked as a restore would check it.
    let copy = Store::open_to_read(&args.path)?;
    let diagnosis = copy.diagnose()?;
    if !diagnosis.is_ok() {
        bail!(
            "the backup at {} fails `styr doctor` ({}); the database itself may be damaged: run `styr doctor`",
            args.path.display(),
            diagnosis.problems[0]
        );
    }
    writeln!(
        out,
        "Backed up {} to {}: {} assignments, {} events; doctor: ok",
        context.db.display(),
        args.path.display(),
        diagnosis.assignments,
        diagnosis.events
    )?;
    Ok(())
}

pub fn restore(context: &Context, args: RestoreArgs, out: &mut dyn Write) -> Result<()> {
    if !args.path.exists() {
        bail!("no backup at {}", args.path.display());
    }
    if same_file(&args.path, &context.db) {
        bail!(
            "{} is the database itself; nothing was changed",
            args.path.display()
        );
    }
    let source = RestoreSource::check(&args.path, &context.db)?;
    let incoming = format!(
        "{} assignments, {} events",
        source.diagnosis.assignments, source.diagnosis.events
    );
    if !context.db.exists() {
        confirm(
            &format!(
                "Restore {} ({incoming}) as {}?",
                args.path.display(),
                context.db.display()
            ),
            args.yes,
        )?;
        source.store().backup_to(&context.db)?;
        writeln!(
            out,
            "Restored {} from {}: {incoming}",
            context.db.display(),
            args.path.display()
        )?;
        return Ok(());
    }
    let mut live = context.open_for_writing()?;
    let current = live.diagnose()?;
    confirm(
        &format!(
            "Replace {} ({} assignments, {} events) with {} ({incoming})? The replaced database is kept beside it.",
            context.db.display(),
            current.assignments,
            current.events,
            args.path.display()
        ),
        args.yes,
    )?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let aside = free_name(&context.db, &format!("before-restore-{stamp}"));
    live.backup_to(&aside)?;
    live.restore_from(source.store())?;
    let after = live.diagnose()?;
    if !after.is_ok() {
        bail!(
            "the restored database fails `styr doctor` ({}); the replaced one is kept at {}",
            after.problems[0],
            aside.display()
        );
    }
    writeln!(
        out,
        "Restored {} from {}: {} assignments, {} events; doctor: ok. The replaced database is kept at {}",
        context.db.display(),
        args.path.display(),
        after.assignments,
        after.events,
        aside.display()
    )?;
    Ok(())
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Asks on the terminal; without one, only `--yes` confirms.
fn confirm(question: &str, yes: bool) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        bail!("restore replaces the database and asks first; confirm with --yes when there is no terminal to ask on. Nothing was changed");
    }
    let mut stderr = std::io::stderr();
    write!(stderr, "{question} [y/N] ")?;
    stderr.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    match answer.trim().to_lowercase().as_str() {
        "y" | "yes" | "j" | "ja" => Ok(()),
        _ => bail!("not restored; nothing was changed"),
    }
}
