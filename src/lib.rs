//! styr: follow-up of the assignments a municipal director gives the sectors.

pub mod assets;
pub mod cli;
pub mod config;
pub mod domain;
pub mod generate;
pub mod import;
pub mod report;
pub mod store;
pub mod tui;
pub mod words;
