//! Many changes in one transaction: for bulk loads (the synthetic data of
//! `styr generate`), where a commit per change would dominate the time.

use std::ops::Deref;

use rusqlite::{Connection, Savepoint, Transaction, TransactionBehavior};

use super::{Result, Store};

/// The transaction one write runs in: its own IMMEDIATE transaction, or,
/// inside [`Store::batch`], a savepoint, so that a refused change still
/// leaves nothing behind while the batch goes on.
pub(super) enum WriteTx<'a> {
    Own(Transaction<'a>),
    Inside(Savepoint<'a>),
}

impl Deref for WriteTx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            WriteTx::Own(tx) => tx,
            WriteTx::Inside(sp) => sp,
        }
    }
}

impl WriteTx<'_> {
    /// Commits the transaction, or releases the savepoint into the batch.
    pub(super) fn commit(self) -> Result<()> {
        match self {
            WriteTx::Own(tx) => tx.commit()?,
            WriteTx::Inside(sp) => sp.commit()?,
        }
        Ok(())
    }
}

impl Store {
    /// Starts the transaction of one write (see [`WriteTx`]).
    pub(super) fn begin_write(&mut self) -> Result<WriteTx<'_>> {
        if self.conn.is_autocommit() {
            Ok(WriteTx::Own(self.conn.transaction_with_behavior(
                TransactionBehavior::Immediate,
            )?))
        } else {
            Ok(WriteTx::Inside(self.conn.savepoint()?))
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
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(self) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Err(e) => {
                // Rolling back can only fail if SQLite already did.
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}
