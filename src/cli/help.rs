//! The command line's definition in the user's language, for `--help`,
//! `help COMMAND`, the shell completions and the manual page.
//!
//! The parser's definition stays the one in the derive; this builds it in
//! full and puts into every command and argument the texts of
//! [`crate::words::help`] for the chosen language, clap's own headings,
//! placeholders and `[default: …]` notes included. Built only when help,
//! completions or the manual are asked for: an ordinary run parses with the
//! plain definition and builds no subcommand it does not use.

use clap::builder::{PossibleValue, PossibleValuesParser, Str, StyledStr};
use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use crate::domain::Lang;
use crate::words::help::{self as words, Heading};

/// What the localized command is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Help pages and the manual page: each argument's help carries its
    /// default, variable and values, in the language, after its text.
    Help,
    /// Shell completions: the texts alone, as one-line descriptions.
    Completions,
}

/// The whole command line, every subcommand's arguments in place, with
/// every text a person reads in `lang`.
pub fn command(lang: Lang, purpose: Purpose) -> Command {
    let mut command = Cli::command();
    command.build();
    localize(command, "", lang, purpose)
}

/// The catalogue's name for a subcommand of the command at `path`.
fn child_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path} {name}")
    }
}

/// Puts `lang`'s texts into `command` (at `path`) and all below it.
fn localize(command: Command, path: &str, lang: Lang, purpose: Purpose) -> Command {
    let long = has_long_help(&command);
    let mut command = set_about(command, path, lang)
        .mut_args(|arg| localize_arg(arg, path, lang, purpose, long))
        .mut_subcommands(|sub| {
            if sub.get_name() == "help" {
                // clap's own `help`, holding copies of the commands beside it
                // (for completion): each copy takes its original's summary.
                let mut sub = set_about(sub, "help", lang)
                    .mut_args(|arg| localize_arg(arg, "help", lang, purpose, false))
                    .mut_subcommands(|copy| copy_about(copy, path, lang));
                if sub.has_subcommands() {
                    let name = words::value_name("COMMAND", lang).unwrap_or("COMMAND");
                    sub = sub.subcommand_value_name(name);
                }
                if purpose == Purpose::Help {
                    sub = with_headings(sub, lang);
                }
                sub
            } else {
                let child = child_path(path, sub.get_name());
                localize(sub, &child, lang, purpose)
            }
        });
    if command.has_subcommands() {
        let name = words::value_name("COMMAND", lang).unwrap_or("COMMAND");
        command = command.subcommand_value_name(name);
    }
    if purpose == Purpose::Help {
        command = with_headings(command, lang);
    }
    command
}

/// A command's summaries from the catalogue; one it lacks keeps the
/// derive's (and the catalogue's test names it).
fn set_about(mut command: Command, path: &str, lang: Lang) -> Command {
    if let Some(about) = words::about(path, lang) {
        command = command.about(about);
    }
    if command.get_long_about().is_some() {
        if let Some(long) = words::long_about(path, lang).or(words::about(path, lang)) {
            command = command.long_about(long);
        }
    }
    command
}

/// A copy of a command under `help` (at `parent` `help` …), and its own copies.
fn copy_about(copy: Command, parent: &str, lang: Lang) -> Command {
    let path = if copy.get_name() == "help" {
        "help".to_string()
    } else {
        child_path(parent, copy.get_name())
    };
    let copy = set_about(copy, &path, lang);
    copy.mut_subcommands(|below| copy_about(below, &path, lang))
}

/// Whether `--help` shows more than `-h` on this command: clap's own rule,
/// decided when the command was built.
fn has_long_help(command: &Command) -> bool {
    command
        .get_arguments()
        .find(|a| a.get_id() == "help")
        .is_some_and(|help| help.get_long_help().is_some())
}

/// One argument's help, placeholders and notes in `lang`.
fn localize_arg(mut arg: Arg, path: &str, lang: Lang, purpose: Purpose, long: bool) -> Arg {
    let id = arg.get_id().as_str().to_string();
    match arg.get_action() {
        ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong => {
            let (short, long_text) = words::help_flag(lang, arg.get_long_help().is_some());
            return match long_text {
                Some(text) => arg.help(short).long_help(text),
                None => arg.help(short),
            };
        }
        ArgAction::Version => return arg.help(words::version_flag(lang)),
        _ => {}
    }
    let key = if arg.is_global_set() { "" } else { path };
    if let Some(names) = arg
        .get_value_names()
        .filter(|_| arg.get_action().takes_values())
    {
        let names: Vec<Str> = names
            .iter()
            .map(|n| words::value_name(n.as_str(), lang).map_or_else(|| n.clone(), Str::from))
            .collect();
        arg = arg.value_names(names);
    }
    let values: Vec<PossibleValue> = arg
        .get_possible_values()
        .into_iter()
        .map(|pv| match pv.get_help() {
            Some(_) => match words::value(key, &id, pv.get_name(), lang) {
                Some(text) => pv.help(text),
                None => pv,
            },
            None => pv,
        })
        .collect();
    if !values.is_empty() {
        // Only help, completions and the manual use this command, and none
        // of them turns the parsed value into the derive's type.
        arg = arg.value_parser(PossibleValuesParser::new(values.clone()));
    }
    let Some(text) = words::arg(key, &id, lang) else {
        return arg;
    };
    let long_text = arg
        .get_long_help()
        .map(|_| words::arg_long(key, &id, lang).unwrap_or(text));
    if purpose == Purpose::Completions {
        arg = arg.help(text);
        return match long_text {
            Some(long_text) => arg.long_help(long_text),
            None => arg,
        };
    }
    let value_list = values.iter().any(|v| v.get_help().is_some()) && long;
    let mut short = text.to_string();
    for note in notes(&arg, &values, lang, true) {
        short.push(' ');
        short.push_str(&note);
    }
    let long_notes = notes(&arg, &values, lang, !value_list);
    arg = arg
        .help(short)
        .hide_env(true)
        .hide_default_value(true)
        .hide_possible_values(true);
    if long {
        // `--help`'s layout: the text, the list of values, then each note
        // on a line of its own.
        let mut full = long_text.unwrap_or(text).to_string();
        if value_list {
            full.push_str("\n\n");
            full.push_str(words::heading(Heading::PossibleValues, lang));
            full.push(':');
            for value in values.iter().filter(|v| !v.is_hide_set()) {
                full.push_str("\n- ");
                full.push_str(value.get_name());
                if let Some(help) = value.get_help() {
                    full.push_str(": ");
                    full.push_str(&help.to_string());
                }
            }
        }
        if !long_notes.is_empty() {
            full.push_str("\n\n");
            full.push_str(&long_notes.join("\n"));
        }
        arg = arg.long_help(full);
    }
    arg
}

/// What clap would note after an argument's help (its variable, its
/// default, and with `with_values` its values), in `lang`.
fn notes(arg: &Arg, values: &[PossibleValue], lang: Lang, with_values: bool) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(name) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        let value = std::env::var_os(name).unwrap_or_default();
        notes.push(words::env_variable(
            &name.to_string_lossy(),
            &value.to_string_lossy(),
            lang,
        ));
    }
    let defaults = arg.get_default_values();
    if arg.get_action().takes_values() && !arg.is_hide_default_value_set() && !defaults.is_empty() {
        let shown: Vec<String> = defaults
            .iter()
            .map(|d| {
                let d = d.to_string_lossy();
                if d.is_empty() || d.contains(char::is_whitespace) {
                    format!("{d:?}")
                } else {
                    d.into_owned()
                }
            })
            .collect();
        notes.push(words::default_value(&shown.join(" "), lang));
    }
    if with_values && !arg.is_hide_possible_values_set() && !values.is_empty() {
        let names: Vec<&str> = values
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name())
            .collect();
        notes.push(words::possible_values(&names.join(", "), lang));
    }
    notes
}

/// clap's help layout with the headings and the usage line's placeholders in `lang`.
fn with_headings(mut command: Command, lang: Lang) -> Command {
    let styles = command.get_styles();
    let (header, usage_style) = (*styles.get_header(), *styles.get_usage());
    let usage_heading = words::heading(Heading::Usage, lang);
    let rendered = command.render_usage().ansi().to_string();
    // clap's line reads "Usage: styr …", continued lines under the first.
    let usage = rendered
        .split_once("Usage:")
        .map(|(_, rest)| rest)
        .unwrap_or(&rendered);
    let usage = usage
        .strip_prefix(&format!("{usage_style:#}"))
        .unwrap_or(usage)
        .trim_start()
        .replace("[OPTIONS]", words::options_placeholder(lang))
        .replace(
            &format!("\n{}", " ".repeat("Usage: ".len())),
            &format!("\n{}", " ".repeat(usage_heading.chars().count() + 2)),
        );
    let mut sections = Vec::new();
    if command.get_subcommands().any(|s| !s.is_hide_set()) {
        sections.push((Heading::Commands, "{subcommands}"));
    }
    if command.get_positionals().any(|a| !a.is_hide_set()) {
        sections.push((Heading::Arguments, "{positionals}"));
    }
    if command
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        sections.push((Heading::Options, "{options}"));
    }
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{usage_style}{usage_heading}:{usage_style:#} {{usage}}"
    );
    if !sections.is_empty() {
        template.push_str("\n\n");
        let sections: Vec<String> = sections
            .into_iter()
            .map(|(heading, tag)| {
                format!(
                    "{header}{}:{header:#}\n{tag}",
                    words::heading(heading, lang)
                )
            })
            .collect();
        template.push_str(&sections.join("\n\n"));
    }
    template.push_str("{after-help}");
    command
        .override_usage(StyledStr::from(usage))
        .help_template(template)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::words::help::{ABOUT, ARG_HELP, ARG_LONG_HELP, LONG_ABOUT, VALUE_HELP, VALUE_NAMES};

    /// What the walk over the command line found in the catalogue.
    #[derive(Default)]
    struct Walk {
        missing: Vec<String>,
        commands: HashSet<String>,
        args: HashSet<(String, String)>,
        values: HashSet<(String, String, String)>,
        names: HashSet<String>,
    }

    fn shown(path: &str) -> String {
        format!("styr {path}").trim_end().to_string()
    }

    fn walk(command: &Command, path: &str, found: &mut Walk) {
        found.commands.insert(path.to_string());
        if words::about(path, Lang::Nb).is_none() {
            found
                .missing
                .push(format!("`{}`: its summary (ABOUT)", shown(path)));
        }
        if command.get_long_about().is_some() && words::long_about(path, Lang::Nb).is_none() {
            found.missing.push(format!(
                "`{}`: its long description (LONG_ABOUT)",
                shown(path)
            ));
        }
        if command.has_subcommands() {
            found.names.insert("COMMAND".to_string());
        }
        for arg in command.get_arguments() {
            if matches!(
                arg.get_action(),
                ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong | ArgAction::Version
            ) || arg.is_hide_set()
                || (arg.is_global_set() && !path.is_empty())
            {
                continue;
            }
            let id = arg.get_id().as_str();
            let what = format!("`{}` argument `{id}`", shown(path));
            found.args.insert((path.to_string(), id.to_string()));
            if words::arg(path, id, Lang::Nb).is_none() {
                found.missing.push(format!("{what}: its help (ARG_HELP)"));
            }
            if arg.get_long_help().is_some() && words::arg_long(path, id, Lang::Nb).is_none() {
                found
                    .missing
                    .push(format!("{what}: its long help (ARG_LONG_HELP)"));
            }
            let names = arg.get_value_names().unwrap_or_default();
            for name in names.iter().filter(|_| arg.get_action().takes_values()) {
                found.names.insert(name.to_string());
                if words::value_name(name, Lang::Nb).is_none() {
                    found
                        .missing
                        .push(format!("{what}: its placeholder {name} (VALUE_NAMES)"));
                }
            }
            for value in arg.get_possible_values() {
                if value.get_help().is_none() || value.is_hide_set() {
                    continue;
                }
                let name = value.get_name();
                found
                    .values
                    .insert((path.to_string(), id.to_string(), name.to_string()));
                if words::value(path, id, name, Lang::Nb).is_none() {
                    found
                        .missing
                        .push(format!("{what}: what its value {name} means (VALUE_HELP)"));
                }
            }
        }
        for sub in command.get_subcommands() {
            // clap's `help` holds copies of the commands beside it.
            let child = if sub.get_name() == "help" {
                "help".to_string()
            } else {
                child_path(path, sub.get_name())
            };
            if sub.get_name() == "help" {
                found.commands.insert(child);
            } else {
                walk(sub, &child, found);
            }
        }
    }

    /// Every command (hidden ones too: they answer `--help`), argument,
    /// value with a meaning and placeholder has its text in both languages
    /// in `words::help`, and nothing there is left over from a command or
    /// option that is gone.
    #[test]
    fn every_command_and_argument_has_help_in_both_languages() {
        let mut command = Cli::command();
        command.build();
        let mut found = Walk::default();
        walk(&command, "", &mut found);
        found.names.insert("COMMAND".to_string());
        assert!(
            found.missing.is_empty(),
            "add to src/words/help.rs, in bokmål and English:\n{}",
            found.missing.join("\n")
        );
        let mut stale = Vec::new();
        for (path, _, _) in ABOUT.iter().chain(LONG_ABOUT) {
            if !found.commands.contains(*path) {
                stale.push(format!("command `{}`", shown(path)));
            }
        }
        for (path, id, _, _) in ARG_HELP.iter().chain(ARG_LONG_HELP) {
            if !found.args.contains(&(path.to_string(), id.to_string())) {
                stale.push(format!("`{}` argument `{id}`", shown(path)));
            }
        }
        for (path, id, value, _, _) in VALUE_HELP {
            let key = (path.to_string(), id.to_string(), value.to_string());
            if !found.values.contains(&key) {
                stale.push(format!("`{}` argument `{id}` value {value}", shown(path)));
            }
        }
        for (name, _) in VALUE_NAMES {
            if !found.names.contains(*name) {
                stale.push(format!("placeholder {name}"));
            }
        }
        assert!(
            stale.is_empty(),
            "src/words/help.rs has texts for what the command line no longer has:\n{}",
            stale.join("\n")
        );
    }

    /// The localized command line keeps no text of the derive's: in
    /// bokmål, every summary and help differs from the English one, and
    /// clap's own headings and flags are translated.
    #[test]
    fn bokmal_help_has_no_english_left() {
        fn check(command: &Command, english: &Command) {
            if let (Some(nb), Some(en)) = (command.get_about(), english.get_about()) {
                assert_ne!(nb.to_string(), en.to_string(), "{}", command.get_name());
            }
            for (nb, en) in command.get_arguments().zip(english.get_arguments()) {
                assert_eq!(nb.get_id(), en.get_id());
                if let (Some(a), Some(b)) = (nb.get_help(), en.get_help()) {
                    assert_ne!(a.to_string(), b.to_string(), "{}", nb.get_id());
                }
            }
            for (nb, en) in command.get_subcommands().zip(english.get_subcommands()) {
                check(nb, en);
            }
        }
        let nb = command(Lang::Nb, Purpose::Help);
        let en = command(Lang::En, Purpose::Help);
        check(&nb, &en);
        let help = nb.clone().render_long_help().to_string();
        for heading in ["Bruk:", "Kommandoer:", "Valg:", "Skriv ut hjelp", "[VALG]"] {
            assert!(help.contains(heading), "{heading}: {help}");
        }
        let help = en.clone().render_long_help().to_string();
        for heading in ["Usage:", "Commands:", "Options:", "Print help", "[OPTIONS]"] {
            assert!(help.contains(heading), "{heading}: {help}");
        }
    }
}
