//! Every sentence styr says to a person, in bokmål and English.
//!
//! The rest of the program hands typed values here (a status, an error with
//! the data that explains it, a count) together with the language, and gets
//! text back. Nothing here decides anything: the rules are the domain's,
//! the lookups the store's. The language is always passed in; nothing here
//! or anywhere else keeps a language of its own.
//!
//! - [`tui`]: the terminal UI's screens, dialogs, hints and status line;
//! - [`past`]: the terminal UI seeing the past (as of a day, what changed since);
//! - [`brief`]: the director's briefing;
//! - [`calendar`]: the årshjul as a picture and a calendar file;
//! - [`cli`]: the command line's tables, confirmations and errors;
//! - [`terms`]: the domain's words (statuses, vurderinger, fields, months);
//! - [`import`]: `styr import`'s problems and summaries;
//! - [`events`]: what a logged change did, in one line;
//! - [`problems`]: every refusal and fault of the domain and the store;
//! - [`usage`]: the argument parser's errors;
//! - [`help`]: the argument parser's help, the completions' descriptions and the manual page;
//! - [`council`]: periods, sign-off and the report to kommunestyret;
//! - [`config`]: the configuration file's errors, `config show` and the starter file;
//! - [`server`]: a database on a PostgreSQL server: setting it up, access, faults;
//! - [`moving`]: moving a database between a file and a server.

pub mod as_of;
pub mod brief;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod council;
pub mod events;
pub mod help;
pub mod import;
pub mod lists;
pub mod moving;
pub mod past;
pub mod problems;
pub mod server;
pub mod terms;
pub mod tui;
pub mod usage;
pub mod vedtak;

pub use terms::Label;

pub use crate::domain::Lang;
