//! Many changes in one transaction: for bulk loads (the synthetic data of
//! `styr generate`), where a commit per change would dominate the time, and
//! the same change to several assignments at once (`styr set 3,5,8`, marked
//! rows in the TUI), which is all or nothing and undone as one.

use super::db::Transaction;

use super::write::{apply_changes, read_current, Changed};
use super::{Result, Stamp, Store, StoreError};
use crate::domain::text::clean_comment;
use crate::domain::Field;

/// The transaction one write runs in: its own write transaction, or,
/// inside [`Store::batch`], a savepoint, so that a refused change still
/// leaves nothing behind while the batch goes on. Committing a savepoint
/// releases it into the batch.
pub(super) type WriteTx<'a> = Transaction<'a>;

impl Store {
    /// One write whole: refused where the file cannot take it, then `change`
    /// inside the write's transaction, committed only when it succeeds.
    pub(super) fn write<T>(&mut self, change: impl FnOnce(&WriteTx<'_>) -> Result<T>) -> Result<T> {
        self.writable()?;
        let tx = self.begin_write()?;
        let done = change(&tx)?;
        tx.commit()?;
        Ok(done)
    }

    /// Starts the transaction of one write (see [`WriteTx`]).
    pub(super) fn begin_write(&mut self) -> Result<WriteTx<'_>> {
        if self.conn.is_autocommit() {
            Ok(self.conn.write_transaction()?)
        } else {
            Ok(self.conn.savepoint()?)
        }
    }

    /// Runs `f` in one IMMEDIATE transaction: every write inside it is
    /// committed together at the end, or, if `f` fails, none is. Each write
    /// still checks and logs exactly as on its own. Inside another batch it
    /// simply runs `f`.
    pub fn batch<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.writable()?;
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.conn.begin(super::db::Begin::Write)?;
        match f(self) {
            Ok(value) => {
                self.conn.end(super::db::End::Commit)?;
                Ok(value)
            }
            Err(e) => {
                // Rolling back can only fail if the database already did.
                let _ = self.conn.end(super::db::End::Rollback);
                Err(e)
            }
        }
    }
}

impl Store {
    /// Makes the same edits to several assignments (each as shown at its
    /// version) as one change: one transaction, one instant, the comment on
    /// each. All or nothing: if any was changed by someone else since it was
    /// shown, none is changed, and every such assignment is named with its
    /// changes ([`StoreError::StaleBatch`]).
    pub fn change_many(
        &mut self,
        targets: &[(i64, Option<i64>)],
        edits: &[(Field, Option<String>)],
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<Vec<Changed>> {
        self.writable()?;
        let tx = self.begin_write()?;
        let mut current = Vec::with_capacity(targets.len());
        let mut stale = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for &(id, version) in targets {
            if !seen.insert(id) {
                continue;
            }
            match read_current(&tx, id, version) {
                Ok(assignment) => current.push(assignment),
                Err(StoreError::Stale { id, changes }) => stale.push((id, changes)),
                Err(e) => return Err(e),
            }
        }
        if !stale.is_empty() {
            return Err(StoreError::StaleBatch(stale));
        }
        let comment = clean_comment(comment);
        let mut changed = Vec::with_capacity(current.len());
        for assignment in current {
            changed.push(apply_changes(
                &tx,
                assignment,
                edits,
                comment.clone(),
                stamp,
                None,
            )?);
        }
        tx.commit()?;
        Ok(changed)
    }
}
