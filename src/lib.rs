//! styr: follow-up of the assignments a municipal director gives the sectors.

pub mod cli;
pub mod assets;
pub mod domain;
pub mod store;
