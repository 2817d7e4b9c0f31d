//! `styr config path|show|init`: find, inspect and start the configuration file.

use std::io::Write;

use anyhow::{bail, Context as _, Result};
use clap::{Args, Subcommand};

use super::Settings;
use crate::config::{effective, starter};

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: ConfigAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum ConfigAction {
    /// Print where the configuration file is read from
    Path,
    /// Print the configuration in effect, and where each value comes from
    Show,
    /// Write a commented starter file with every option and its default; never replaces one
    Init,
}

/// `config path`: the path, whether or not there is a file.
pub fn path(settings: &Settings, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{}", settings.config_path.display())?;
    Ok(())
}

/// `config show`: the configuration in effect, as a TOML file with sources.
pub fn show(settings: &Settings, out: &mut dyn Write) -> Result<()> {
    write!(
        out,
        "{}",
        effective(&settings.config, &settings.actor, &settings.lang)
    )?;
    Ok(())
}

/// `config init`: the starter file, never over an existing one.
pub fn init(settings: &Settings, out: &mut dyn Write) -> Result<()> {
    let path = &settings.config_path;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{} already exists; `styr config init` never replaces a configuration file",
            path.display()
        ),
        Err(e) => bail!("cannot create {}: {e}", path.display()),
    };
    file.write_all(starter(&settings.os_actor).as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    writeln!(
        out,
        "{}",
        settings.texts().config_written(&path.display().to_string())
    )?;
    Ok(())
}
