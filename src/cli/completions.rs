//! `styr completions SHELL` and `styr man`: generated from the command
//! line's own definition, so they always match it.

use std::io::Write;

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Cli;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: CompletionShell,
}

/// The shells styr writes completions for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

/// Writes the completion script for a shell.
pub fn completions(args: CompletionsArgs, out: &mut dyn Write) -> Result<()> {
    let shell = match args.shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
    };
    // clap_complete panics when a write fails (`| head -1` closes the
    // pipe): written here instead, the closed pipe is an error that ends
    // quietly like any other command's.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "styr", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// Writes the man page (roff): the command, its options and every subcommand.
pub fn man(out: &mut dyn Write) -> Result<()> {
    let mut command = Cli::command();
    // Built, so that each argument's action (flag or value) is settled.
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    render_subcommands(out, &command, "")?;
    render_environment(out)?;
    man.render_version_section(out)?;
    Ok(())
}

/// A section listing every subcommand, nested ones too, with its usage and
/// options: clap_mangen's own subcommand section names them only.
fn render_subcommands(out: &mut dyn Write, command: &clap::Command, prefix: &str) -> Result<()> {
    if prefix.is_empty() {
        writeln!(out, ".SH COMMANDS")?;
    }
    for sub in command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("{prefix}{}", sub.get_name());
        writeln!(out, ".TP\n\\fBstyr {}\\fR", roff(&name))?;
        if let Some(about) = sub.get_about() {
            writeln!(out, "{}", roff(&about.to_string()))?;
        }
        let options: Vec<String> = sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help")
            .map(|a| {
                let value = a
                    .get_value_names()
                    .map(|v| v.join(" "))
                    .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
                match a.get_long() {
                    Some(long) if a.get_action().takes_values() => {
                        format!("\\-\\-{} \\fI{}\\fR", roff(long), roff(&value))
                    }
                    Some(long) => format!("\\-\\-{}", roff(long)),
                    None => format!("\\fI{}\\fR", roff(&value)),
                }
            })
            .collect();
        if !options.is_empty() {
            writeln!(out, ".br\n{}", options.join(" "))?;
        }
        if sub.has_subcommands() {
            render_subcommands(out, sub, &format!("{name} "))?;
        }
    }
    Ok(())
}

/// The environment variables styr reads.
fn render_environment(out: &mut dyn Write) -> Result<()> {
    writeln!(out, ".SH ENVIRONMENT")?;
    for (name, what) in [
        ("STYR_DB", "the database file, unless \\-\\-db is given"),
        (
            "STYR_TODAY",
            "the day taken as today (YYYY\\-MM\\-DD), unless \\-\\-today is given",
        ),
        (
            "STYR_ACTOR",
            "who changes are logged as, unless \\-\\-actor is given",
        ),
        ("STYR_LANG", "nb or en, unless \\-\\-lang is given"),
        (
            "STYR_CONFIG",
            "the configuration file, unless \\-\\-config is given",
        ),
        (
            "LC_ALL, LC_MESSAGES, LANG",
            "an English locale (en_*) chooses English when nothing else chooses",
        ),
        ("NO_COLOR", "set to anything: no colour in the terminal UI"),
    ] {
        writeln!(out, ".TP\n\\fB{name}\\fR\n{what}")?;
    }
    Ok(())
}

/// Text made safe for roff: backslashes, hyphens, and a leading dot or quote.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
