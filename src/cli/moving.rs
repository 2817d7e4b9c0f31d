//! Moving a database between a file and a PostgreSQL server:
//! `styr --db FILE migrate --to URL`, and `backup`/`restore` when `--db`
//! names a server.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};
use clap::Args;

use super::Context;
use crate::domain::text::sanitize_line;
use crate::store::server::moving::MoveError;
use crate::store::server::{is_server, Server, Target};
use crate::words::{moving as words, Lang};

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The empty PostgreSQL database to move into (postgres://…, postgresql://… or host=… dbname=…)
    #[arg(long, value_name = "URL")]
    to: String,
}

fn fail(lang: Lang) -> impl Fn(MoveError) -> anyhow::Error {
    move |error| match error {
        // The store's own error, so that its words are the ones used.
        MoveError::File(error) => anyhow::Error::new(error),
        other => anyhow!(words::problem(&other, lang)),
    }
}

fn connect(db: &str, lang: Lang) -> Result<(Server, Target)> {
    let target =
        super::server::target(db).map_err(|e| anyhow!(crate::words::server::problem(&e, lang)))?;
    let server =
        Server::connect(&target).map_err(|e| anyhow!(crate::words::server::problem(&e, lang)))?;
    Ok((server, target))
}

/// `styr --db FILE migrate --to URL`.
pub fn migrate(context: &Context, args: MigrateArgs, out: &mut dyn Write) -> Result<()> {
    let lang = context.lang;
    if !is_server(&args.to) {
        bail!(words::migrate_needs_server(&sanitize_line(&args.to), lang));
    }
    move_in(context, &context.db.clone(), &args.to, out)
}

/// `styr --db URL restore FILE`: the file into an empty server database.
pub fn restore(context: &Context, db: &str, file: &Path, out: &mut dyn Write) -> Result<()> {
    if !file.exists() {
        bail!(context.texts().no_backup(&file.display().to_string()));
    }
    move_in(context, file, db, out)
}

fn move_in(context: &Context, file: &Path, db: &str, out: &mut dyn Write) -> Result<()> {
    let lang = context.lang;
    // The file first: a typo in its name should not need a server.
    if !file.exists() {
        return Err(anyhow::Error::new(crate::store::StoreError::Missing(
            file.to_path_buf(),
        )));
    }
    let (mut server, target) = connect(db, lang)?;
    let moved = server.move_in(file).map_err(fail(lang))?;
    let said = words::moved_in(
        &moved,
        &file.display().to_string(),
        &target.dbname(),
        &target.host(),
        lang,
    );
    writeln!(out, "{}", sanitize_line(&said))?;
    Ok(())
}

/// `styr --db URL backup PATH`: the server database into a new file.
pub fn backup(context: &Context, db: &str, path: PathBuf, out: &mut dyn Write) -> Result<()> {
    let lang = context.lang;
    let shown = path.display().to_string();
    if path.exists() {
        bail!(context.texts().backup_exists(&shown));
    }
    let (mut server, target) = connect(db, lang)?;
    let moved = server.move_out(&path).map_err(fail(lang))?;
    let said = words::backed_up(&moved, &target.dbname(), &target.host(), &shown, lang);
    writeln!(out, "{}", sanitize_line(&said))?;
    Ok(())
}
