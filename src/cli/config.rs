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
        effective(
            &settings.config,
            &settings.actor,
            &settings.lang,
            settings.lang.value
        )
    )?;
    Ok(())
}

/// `config init`: the starter file, never over an existing one.
pub fn init(settings: &Settings, out: &mut dyn Write) -> Result<()> {
    let t = settings.texts();
    let path = &settings.config_path;
    let shown = path.display().to_string();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| t.cannot_create(&dir.display().to_string()))?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!(t.config_never_replaced(&shown))
        }
        Err(e) => return Err(anyhow::Error::new(e).context(t.cannot_create(&shown))),
    };
    file.write_all(starter(&settings.os_actor, settings.lang.value).as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| t.cannot_write(&shown))?;
    writeln!(out, "{}", t.config_written(&shown))?;
    Ok(())
}
