//! A goal named on the command line, by id or by code.

use anyhow::{bail, Result};

use crate::domain::text::sanitize_line;
use crate::domain::{Goal, GoalTree};
use crate::words::cli::Texts;

/// A goal named by id ("7" or "#7") or code ("1.2.1"). A bare number is an
/// id, so that focus areas coded "1", "2" … are reached by id, as `goals` lists them.
pub fn resolve<'a>(tree: &'a GoalTree, text: &str, t: &Texts) -> Result<&'a Goal> {
    let text = text.trim();
    let id = text.strip_prefix('#').unwrap_or(text).parse::<i64>().ok();
    let found = match id {
        Some(id) => tree.get(id),
        None => tree.by_code(text),
    };
    match (found, id) {
        (Some(goal), _) => Ok(goal),
        (None, Some(id)) => bail!(t.no_goal(id)),
        (None, None) => bail!(t.no_goal_code(&sanitize_line(text))),
    }
}
