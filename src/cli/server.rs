//! `styr --db URL server init|grant|revoke`: setting up a styr database on
//! a PostgreSQL server and giving people access to it.

use std::io::Write;

use anyhow::{anyhow, bail, Result};
use clap::{Args, Subcommand};

use super::Context;
use crate::domain::text::sanitize_line;
use crate::store::server::{Environment, Server, ServerError, Target};
use crate::store::Store;
use crate::words::server as words;

#[derive(Debug, Args)]
pub struct ServerArgs {
    #[command(subcommand)]
    command: ServerCommand,
}

#[derive(Debug, Subcommand)]
enum ServerCommand {
    /// Set up an empty server database: schema, roles, default sectors, årshjul and periods
    Init(InitArgs),
    /// Give a login role access (staff, or read-only), creating it without a password if missing
    Grant(GrantArgs),
    /// Take a login role's access away (the role itself stays)
    Revoke(RevokeArgs),
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The municipality's name
    #[arg(long)]
    kommune: String,
    /// The plan year
    #[arg(long)]
    year: i32,
}

#[derive(Debug, Args)]
struct GrantArgs {
    /// The login role (a PostgreSQL user)
    role: String,
    /// Reading only
    #[arg(long)]
    read_only: bool,
}

#[derive(Debug, Args)]
struct RevokeArgs {
    /// The login role (a PostgreSQL user)
    role: String,
}

/// The server a `--db` value names, completed from the environment.
pub fn target(db: &str) -> Result<Target, ServerError> {
    let var = |key: &str| std::env::var(key).ok();
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    Target::parse(
        db,
        &Environment {
            var: &var,
            home,
            os_user: super::os_user(),
        },
    )
    .map_err(ServerError::BadTarget)
}

pub fn run(context: &Context, db: &str, args: ServerArgs, out: &mut dyn Write) -> Result<()> {
    let lang = context.lang;
    let fail = |e: ServerError| anyhow!(words::problem(&e, lang));
    if let ServerCommand::Init(init) = &args.command {
        // Checked before connecting: a typo should not need a server.
        if init.kommune.trim().is_empty() {
            bail!(context.texts().kommune_empty());
        }
        if !(1000..=9999).contains(&init.year) {
            bail!(context.texts().invalid_year(init.year));
        }
    }
    let target = target(db).map_err(fail)?;
    let mut server = Server::connect(&target).map_err(fail)?;
    let dbname = sanitize_line(&server.dbname()).into_owned();
    let done = match args.command {
        ServerCommand::Init(init) => {
            let kommune = init.kommune.trim();
            // What `styr init` writes into a new file, made the same way.
            let mut seed = Store::in_memory()?;
            crate::assets::initialize(&mut seed, kommune, init.year, None)?;
            let seed = seed.dump(None)?;
            let done = server.init(&seed).map_err(fail)?;
            words::initialised(&done, &dbname, &sanitize_line(kommune), init.year, lang)
        }
        ServerCommand::Grant(grant) => {
            let done = server.grant(&grant.role, grant.read_only).map_err(fail)?;
            words::granted(&done, &dbname, lang)
        }
        ServerCommand::Revoke(revoke) => {
            let done = server.revoke(&revoke.role).map_err(fail)?;
            words::revoked(&done, &dbname, lang)
        }
    };
    writeln!(out, "{}", sanitize_line(&done))?;
    Ok(())
}
