//! `styr backup PATH` and `styr restore PATH`: whole-database copies through
//! SQLite's online backup API.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;

use super::strings::Texts;
use super::Context;
use crate::store::{free_name, RestoreSource, Store};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new file to write (never replaces an existing one)
    pub(super) path: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to put in place of the database
    pub(super) path: PathBuf,
    /// Do not ask for confirmation (for scripts)
    #[arg(long)]
    yes: bool,
}

pub fn backup(context: &Context, args: BackupArgs, out: &mut dyn Write) -> Result<()> {
    let t = context.texts();
    let shown = args.path.display().to_string();
    if args.path.exists() {
        bail!(t.backup_exists(&shown));
    }
    let store = context.open()?;
    store.backup_to(&args.path)?;
    // The copy is checked as a restore would check it.
    let copy = Store::open_to_read(&args.path)?;
    let diagnosis = copy.diagnose()?;
    if !diagnosis.is_ok() {
        bail!(t.backup_fails_doctor(&shown, &diagnosis.problems[0].message(context.lang)));
    }
    writeln!(
        out,
        "{}",
        t.backed_up(
            &context.db.display().to_string(),
            &shown,
            diagnosis.assignments,
            diagnosis.events
        )
    )?;
    Ok(())
}

pub fn restore(context: &Context, args: RestoreArgs, out: &mut dyn Write) -> Result<()> {
    let t = context.texts();
    let shown = args.path.display().to_string();
    let db = context.db.display().to_string();
    if !args.path.exists() {
        bail!(t.no_backup(&shown));
    }
    if same_file(&args.path, &context.db) {
        bail!(t.backup_is_database(&shown));
    }
    let source = RestoreSource::check(&args.path, &context.db)?;
    let incoming = t.contents(source.diagnosis.assignments, source.diagnosis.events);
    if !context.db.exists() {
        confirm(&t.ask_restore(&shown, &incoming, &db), args.yes, t)?;
        source.store().backup_to(&context.db)?;
        writeln!(out, "{}", t.restored(&db, &shown, &incoming))?;
        return Ok(());
    }
    let mut live = context.open_for_writing()?;
    let current = live.diagnose()?;
    confirm(
        &t.ask_replace(
            &db,
            &t.contents(current.assignments, current.events),
            &shown,
            &incoming,
        ),
        args.yes,
        t,
    )?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let aside = free_name(&context.db, &format!("before-restore-{stamp}"));
    live.backup_to(&aside)?;
    live.restore_from(source.store())?;
    let after = live.diagnose()?;
    if !after.is_ok() {
        bail!(t.restored_fails_doctor(
            &after.problems[0].message(context.lang),
            &aside.display().to_string()
        ));
    }
    writeln!(
        out,
        "{} {}",
        t.restored(&db, &shown, &t.contents(after.assignments, after.events)),
        t.replaced_kept(&aside.display().to_string())
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
fn confirm(question: &str, yes: bool, t: &Texts) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        bail!(t.restore_needs_yes());
    }
    let mut stderr = std::io::stderr();
    write!(stderr, "{question} {}", t.yes_no)?;
    stderr.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    match answer.trim().to_lowercase().as_str() {
        "y" | "yes" | "j" | "ja" => Ok(()),
        _ => bail!(t.not_restored()),
    }
}
