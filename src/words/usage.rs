//! The argument parser's errors (an unknown command or option, a missing or
//! invalid value, an extra argument), in one line in the user's language.
//!
//! clap finds the mistake and hands over its typed pieces (which argument,
//! which value, what it suggests); the sentence is made here. A kind of
//! mistake not listed in [`UsageError`] keeps clap's own words, on one line.
//! `--help` and `--version` are not errors and are not rendered here.

use clap::error::{ContextKind, ContextValue, ErrorKind};

pub use crate::domain::Lang;

/// A mistake on the command line, with the words the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageError {
    /// A subcommand that does not exist, with clap's nearest match.
    UnknownCommand {
        name: String,
        suggestion: Option<String>,
    },
    /// An option that does not exist, with clap's nearest match.
    UnknownOption {
        option: String,
        suggestion: Option<String>,
    },
    /// A positional argument more than the command takes.
    ExtraArgument { value: String },
    /// Required arguments left out, as clap names them (`--title <TITLE>`).
    Missing { args: Vec<String> },
    /// An option given without its value.
    MissingValue { arg: String },
    /// A value the option does not take, with the values it does take (if a fixed set).
    InvalidValue {
        arg: String,
        value: String,
        allowed: Vec<String>,
    },
    /// An option given twice.
    Repeated { arg: String },
    /// A command that needs a subcommand, given none; the ones it has.
    MissingCommand { command: String, valid: Vec<String> },
    /// Two options that cannot be given together.
    Conflict { arg: String, other: String },
    /// Any other mistake: clap's own sentence.
    Other { text: String },
}

fn string(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

fn strings(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    }
}

/// clap's own message, on one line and without its "error: " prefix.
fn clap_text(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let first = rendered
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).to_string()
}

impl UsageError {
    /// The typed pieces of clap's error.
    pub fn from_clap(error: &clap::Error) -> UsageError {
        let arg = string(error, ContextKind::InvalidArg);
        let value = string(error, ContextKind::InvalidValue);
        let other = || UsageError::Other {
            text: clap_text(error),
        };
        match error.kind() {
            ErrorKind::InvalidSubcommand => match string(error, ContextKind::InvalidSubcommand) {
                Some(name) => UsageError::UnknownCommand {
                    name,
                    suggestion: string(error, ContextKind::SuggestedSubcommand),
                },
                None => other(),
            },
            ErrorKind::UnknownArgument => match arg {
                Some(option) if option.starts_with('-') => UsageError::UnknownOption {
                    option,
                    suggestion: string(error, ContextKind::SuggestedArg),
                },
                Some(value) => UsageError::ExtraArgument { value },
                None => other(),
            },
            ErrorKind::MissingRequiredArgument => {
                let args = strings(error, ContextKind::InvalidArg);
                if args.is_empty() {
                    other()
                } else {
                    UsageError::Missing { args }
                }
            }
            ErrorKind::InvalidValue | ErrorKind::ValueValidation => match (arg, value) {
                (Some(arg), Some(value)) if value.is_empty() => UsageError::MissingValue { arg },
                (Some(arg), Some(value)) => UsageError::InvalidValue {
                    arg,
                    value,
                    allowed: strings(error, ContextKind::ValidValue),
                },
                _ => other(),
            },
            ErrorKind::TooManyValues => match value {
                Some(value) => UsageError::ExtraArgument { value },
                None => other(),
            },
            ErrorKind::ArgumentConflict => match (arg, string(error, ContextKind::PriorArg)) {
                (Some(arg), Some(prior)) if arg == prior => UsageError::Repeated { arg },
                (Some(arg), Some(prior)) => UsageError::Conflict { arg, other: prior },
                _ => other(),
            },
            ErrorKind::MissingSubcommand => match string(error, ContextKind::InvalidSubcommand) {
                Some(command) => UsageError::MissingCommand {
                    command,
                    valid: strings(error, ContextKind::ValidSubcommand),
                },
                None => other(),
            },
            _ => other(),
        }
    }

    /// One line saying what is wrong; `command` (e.g. "styr list") is where
    /// `--help` tells more.
    pub fn message(&self, lang: Lang, command: &str) -> String {
        let what = self.what(lang);
        match (lang, self) {
            (_, UsageError::Other { .. }) => what,
            (Lang::Nb, _) => format!("{what}; se `{command} --help`"),
            (Lang::En, _) => format!("{what}; see `{command} --help`"),
        }
    }

    fn what(&self, lang: Lang) -> String {
        use UsageError::*;
        match (lang, self) {
            (Lang::Nb, UnknownCommand { name, suggestion }) => match suggestion {
                Some(s) => format!("ukjent kommando '{name}' (mente du {s}?)"),
                None => format!("ukjent kommando '{name}'"),
            },
            (Lang::En, UnknownCommand { name, suggestion }) => match suggestion {
                Some(s) => format!("unknown command '{name}' (did you mean {s}?)"),
                None => format!("unknown command '{name}'"),
            },
            (Lang::Nb, UnknownOption { option, suggestion }) => match suggestion {
                Some(s) => format!("ukjent valg '{option}' (mente du {s}?)"),
                None => format!("ukjent valg '{option}'"),
            },
            (Lang::En, UnknownOption { option, suggestion }) => match suggestion {
                Some(s) => format!("unknown option '{option}' (did you mean {s}?)"),
                None => format!("unknown option '{option}'"),
            },
            (Lang::Nb, ExtraArgument { value }) => {
                format!("ett argument for mye: '{value}'")
            }
            (Lang::En, ExtraArgument { value }) => format!("unexpected extra argument '{value}'"),
            (Lang::Nb, Missing { args }) => match args.as_slice() {
                [one] => format!("mangler {one}"),
                many => format!("mangler {}", many.join(", ")),
            },
            (Lang::En, Missing { args }) => match args.as_slice() {
                [one] => format!("missing {one}"),
                many => format!("missing {}", many.join(", ")),
            },
            (Lang::Nb, MissingValue { arg }) => format!("{arg} mangler verdi"),
            (Lang::En, MissingValue { arg }) => format!("{arg} needs a value"),
            (
                Lang::Nb,
                InvalidValue {
                    arg,
                    value,
                    allowed,
                },
            ) => match allowed.as_slice() {
                [] => format!("ugyldig verdi '{value}' for {arg}"),
                list => format!(
                    "ugyldig verdi '{value}' for {arg} (gyldige verdier: {})",
                    list.join(", ")
                ),
            },
            (
                Lang::En,
                InvalidValue {
                    arg,
                    value,
                    allowed,
                },
            ) => match allowed.as_slice() {
                [] => format!("invalid value '{value}' for {arg}"),
                list => format!(
                    "invalid value '{value}' for {arg} (possible values: {})",
                    list.join(", ")
                ),
            },
            (Lang::Nb, Repeated { arg }) => format!("{arg} er gitt mer enn én gang"),
            (Lang::En, Repeated { arg }) => format!("{arg} was given more than once"),
            (Lang::Nb, MissingCommand { command, valid }) => {
                format!("`{command}` trenger en underkommando: {}", valid.join(", "))
            }
            (Lang::En, MissingCommand { command, valid }) => {
                format!("`{command}` needs a subcommand: {}", valid.join(", "))
            }
            (Lang::Nb, Conflict { arg, other }) => {
                format!("{arg} og {other} kan ikke gis sammen")
            }
            (Lang::En, Conflict { arg, other }) => {
                format!("{arg} cannot be used with {other}")
            }
            (_, Other { text }) => text.replace(['\n', '\r'], " "),
        }
    }
}

/// The command a usage error concerns ("styr goal"), from clap's usage line.
pub fn command_of(error: &clap::Error) -> String {
    let usage = string(error, ContextKind::Usage).unwrap_or_default();
    let words: Vec<&str> = usage
        .split_whitespace()
        .skip_while(|w| w.ends_with(':'))
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    if words.is_empty() {
        "styr".to_string()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mistake_reads_differently_in_each_language() {
        let cases = [
            UsageError::UnknownCommand {
                name: "lis".into(),
                suggestion: Some("list".into()),
            },
            UsageError::UnknownOption {
                option: "--bogus".into(),
                suggestion: None,
            },
            UsageError::ExtraArgument { value: "x".into() },
            UsageError::Missing {
                args: vec!["--title <TITLE>".into()],
            },
            UsageError::MissingValue {
                arg: "--sector <SECTOR>".into(),
            },
            UsageError::InvalidValue {
                arg: "--format <FORMAT>".into(),
                value: "xml".into(),
                allowed: vec!["table".into(), "json".into()],
            },
            UsageError::Repeated {
                arg: "--lang".into(),
            },
            UsageError::MissingCommand {
                command: "styr goal".into(),
                valid: vec!["add".into()],
            },
            UsageError::Conflict {
                arg: "--date".into(),
                other: "--from".into(),
            },
        ];
        for case in cases {
            let (nb, en) = (
                case.message(Lang::Nb, "styr"),
                case.message(Lang::En, "styr"),
            );
            assert_ne!(nb, en);
            assert!(!nb.contains('\n') && !en.contains('\n'));
        }
    }
}
