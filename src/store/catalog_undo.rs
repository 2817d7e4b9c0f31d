//! Undo of catalog changes: the event being taken back while an undo writes.

use std::cell::Cell;

thread_local! {
    static UNDOING: Cell<Option<i64>> = const { Cell::new(None) };
}

/// The catalog event an undo on this thread is taking back, if one is.
pub(super) fn undoing() -> Option<i64> {
    UNDOING.with(Cell::get)
}

/// While alive, every catalog event written on this thread records that it
/// undoes `event`; dropped, it ends that (also on an error).
pub(super) struct Undoing(Option<i64>);

impl Undoing {
    #[allow(dead_code)]
    pub(super) fn start(event: i64) -> Undoing {
        Undoing(UNDOING.with(|u| u.replace(Some(event))))
    }
}

impl Drop for Undoing {
    fn drop(&mut self) {
        UNDOING.with(|u| u.set(self.0));
    }
}
