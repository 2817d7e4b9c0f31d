//! `styr completions SHELL` and `styr man`: generated from the command
//! line's own definition, so they always match it, with its texts in the
//! user's language (see [`super::help`]).

use std::io::Write;

use anyhow::Result;
use clap::Args;
use clap_complete::Shell;

use super::help::{self, Purpose};
use crate::domain::Lang;
use crate::words::help::{man_environment, man_section};

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

/// Writes the completion script for a shell, its descriptions in `lang`.
pub fn completions(args: CompletionsArgs, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let shell = match args.shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
    };
    let mut command = help::command(lang, Purpose::Completions);
    // Written whole, so that a closed pipe is an error to report rather
    // than clap_complete's panic.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "styr", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// Writes the man page (roff) in `lang`: the command, its options and every subcommand.
pub fn man(lang: Lang, out: &mut dyn Write) -> Result<()> {
    // Built in full, so that each argument's action (flag or value) is settled.
    let command = help::command(lang, Purpose::Help);
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    render_subcommands(&mut page, &command, "")?;
    render_environment(&mut page, lang)?;
    man.render_version_section(&mut page)?;
    // clap_mangen names its sections in English.
    for line in String::from_utf8_lossy(&page).lines() {
        match line.strip_prefix(".SH ") {
            Some(section) => writeln!(out, ".SH {}", man_section(section, lang))?,
            None => writeln!(out, "{line}")?,
        }
    }
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
fn render_environment(out: &mut dyn Write, lang: Lang) -> Result<()> {
    writeln!(out, ".SH ENVIRONMENT")?;
    for (name, what) in man_environment(lang) {
        writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(name), roff(what))?;
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
