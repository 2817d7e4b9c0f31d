//! What a change of an assignment wrote, said after `set`, `report`,
//! `undo` and `goal link`.

use std::io::Write;

use anyhow::Result;

use crate::domain::text::sanitize_line;
use crate::store::Changed;
use crate::words::cli::Texts;
use crate::words::events::describe as describe_event;

/// Says what was written, one line per event.
pub fn report(out: &mut dyn Write, changed: &Changed, t: &Texts) -> Result<()> {
    let a = &changed.assignment;
    if changed.events.is_empty() {
        writeln!(out, "{}", t.nothing_changed(a.id))?;
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        t.saved(a.id, a.version, &sanitize_line(&a.title))
    )?;
    for event in &changed.events {
        writeln!(out, "  {}", sanitize_line(&describe_event(event, t.lang)))?;
    }
    Ok(())
}

/// Says on stderr, one line each, which tasks are now due after their
/// assignment's deadline: those of `a` if it is an assignment, or `a`
/// itself if it is a task. The change is saved all the same.
pub fn warn_late_tasks(
    store: &crate::store::Store,
    a: &crate::domain::Assignment,
    t: &Texts,
) -> Result<()> {
    let pairs = match a.parent_id {
        Some(parent) => vec![(a.clone(), store.assignment(parent)?)],
        None => store
            .tasks(a.id)?
            .into_iter()
            .map(|task| (task, a.clone()))
            .collect(),
    };
    for (task, parent) in pairs {
        if let (Some(parent_due), Some(due)) = (task.due_after_parent(&parent), task.due) {
            let line = crate::words::lists::task_due_after(
                task.id,
                &t.lang.date(due),
                parent.id,
                &t.lang.date(parent_due),
                t.lang,
            );
            eprintln!("styr: {line}");
        }
    }
    Ok(())
}
