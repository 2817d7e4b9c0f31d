//! Documents made from the data for people outside the terminal: the
//! director's briefing. Pure: callers read the store and pass the data in.

pub mod brief;
